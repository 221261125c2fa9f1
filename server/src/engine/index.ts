// The engine's public surface: pure analysis, the rule API, config helpers, masking and offset mapping.
export * from './types';
export { analyze, isTestPath, suppressionFix, MAX_FILE_CHARS } from './analyze';
export { defineRule } from './rule-api';
export { maskSecret, maskAll } from './mask';
export { LineIndex } from './lines';
export { mergeConfigs, matchesAnyGlob, parseTeamConfig, validateConfigObject, resolveRule, isSeveritySetting } from './config';
export { commentStyle, scriptDialect, extensionOf, baseName } from './languages';
export { traverse } from './traverse';
export { fnv1a64 } from './hash';
