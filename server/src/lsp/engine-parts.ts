// The engine and rule-pack values the server uses, gathered so they load together, on first use (see engine.ts).
export { analyze, mergeConfigs, parseTeamConfig, validateConfigObject } from '../engine';
export { GUIDELINE, RULES, RULE_IDS, ruleDocUrl } from '../../../rules';
