// The engine and rule-pack values the server uses, gathered so they load together, on first use (see engine.ts).
export { analyze, mergeConfigs, matchesAnyGlob, selectSafeFixes, SUPPRESSION_RULE_ID } from '../engine';
export { GUIDELINE, RULES, RULE_IDS, ruleDocUrl } from '../../../rules';
export { ProjectConfig, settingsToConfig, parseBaseline, collectFiles, ignoredByName, readScanTarget, BASELINE_FILE_NAME, TEAM_FILE_NAME } from '../project';
export { renderReportHtml } from '../report';
