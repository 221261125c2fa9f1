// The engine's public surface: pure analysis, the rule API, config helpers, masking and offset mapping.
export * from './types';
export { analyze, isTestPath, suppressionFix, MAX_FILE_CHARS, HARD_MAX_FILE_CHARS, DEFAULT_TIME_BUDGET_MS, SUPPRESSION_RULE_ID, CANCELLED } from './analyze';
export { defineRule } from './rule-api';
export { maskSecret, maskAll, maskLikelySecrets } from './mask';
export { LineIndex } from './lines';
export { mergeConfigs, matchesAnyGlob, resolveRule, isSeveritySetting, capSeverity } from './config';
export { commentStyle, scriptDialect, extensionOf, baseName, isDeclarationFile } from './languages';
export { traverse, addHandler, forEachChild, type DispatchTable, type HandlerOwner, type Subscription } from './traverse';
export { fnv1a64 } from './hash';
export { compileTeamPattern, MAX_PATTERN_CHARS, type PatternCheck } from './patterns';
export { selectSafeFixes, applyChanges, SUPPRESS_FIX_ID } from './fixes';
export { IncrementalParser, MIN_INCREMENTAL_CHARS, type ParseMode } from './incremental';
export { fullParser, tsestree, type ScriptParser, type ScriptParse } from './parse';
