// The names of the files and the settings section a repository configures CodePay Guard with. A leaf module with no
// imports: the language server reads these at start-up, before (and without) loading the engine.

/** The team file, committed at the repository root or in any folder above the files it governs. */
export const TEAM_FILE_NAME = '.codepay-guard.json';
/** The baseline of accepted findings, next to the team file. */
export const BASELINE_FILE_NAME = '.codepay-guard-baseline.json';
/** VS Code's settings section (`codepayGuard.*`), also read from a committed `.vscode/settings.json`. */
export const SETTINGS_SECTION = 'codepayGuard';
