// What the repository says: team files (with `extends`), committed VS Code settings, the baseline, and the schema.
export { teamConfigSchema, sharedProperties, DEFAULT_MAX_FILE_SIZE, MIN_MAX_FILE_SIZE, HARD_MAX_FILE_SIZE } from './schema';
export { validateConfig, validateConfigText, excessiveNesting, MAX_CONFIG_DEPTH, type ConfigProblem, type ProblemSeverity, type ValidationResult } from './validate';
export { TEAM_FILE_NAME, SETTINGS_SECTION, BASELINE_FILE_NAME } from './names';
export {
  loadTeamConfig, findTeamFile, settingsToConfig, settingsSectionOf, loadWorkspaceSettings,
  ProjectConfig, type TeamConfig, type LoadOptions, type EditorSettings, type ResolvedConfig,
} from './team-config';
export { BASELINE_VERSION, LoadedBaseline, parseBaseline, serializeBaseline, type BaselineEntry, type BaselineFile } from './baseline';
export { collectFiles, ignoredByName, isInside, toPosix, DEFAULT_IGNORED_DIRS, LOCKFILES, type WalkOptions, type WalkResult, type IgnoreReason } from './walk';
export { readScanTarget, MAX_FILE_BYTES, OVER_DEFAULT_SIZE, OVER_MAX_FILE_SIZE, type ReadTarget, type ReadSkip } from './read-file';
