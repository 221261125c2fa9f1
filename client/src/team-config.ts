// "CodePay Guard: Create Team Config": writes a commented starter `.codepay-guard.json` at a workspace folder root.
import * as vscode from 'vscode';

export const TEAM_FILE_NAME = '.codepay-guard.json';

/** The starter file: every key present or shown in a comment, with what it does, so a team edits rather than reads docs. */
export const STARTER_TEAM_CONFIG = `{
  // CodePay Guard team configuration: committed, read by VS Code, the language server and the CLI alike.
  // Precedence: built-in defaults < this file (after the files it "extends") < codepayGuard.* VS Code settings.
  // Completion and hover come from the schema below; rule pages: docs/rules/<rule-id>.md.
  "$schema": "https://github.com/codepay/codepay-guard/schemas/codepay-guard.schema.json",

  // Another team file in the repository, applied first (this file wins).
  // "extends": "./config/codepay-guard.base.json",

  // Per-rule severity: "off" | "info" | "warning" | "error", or [severity, { options }].
  "rules": {
    // "missing-rate-limit": "warning",
    // "insecure-transport": ["error", { "allowedHosts": ["legacy-gw.internal.example"] }]
  },

  // Files not analysed (gitignore-like globs relative to this file), besides .gitignore.
  "ignore": ["dist/**", "**/*.min.js"],

  // Test fixtures: fake credentials are not findings, other findings one level lower.
  "fixtures": ["test/fixtures/**"],

  // Client code (browser, app, public files) for secret-in-client-code; replaces the built-in list.
  // "clientPaths": ["web/**", "public/**", "!web/server/**"],

  // The team's own helpers, so rules recognise them.
  "names": {
    "verifiers": [],        // e.g. "verifyCodePayNotify": payment notification signature checks
    "authMiddleware": [],   // e.g. "requireStaff"
    "rateLimiters": [],     // e.g. "campaignShield"
    "auditLoggers": [],     // e.g. "auditTrail.record"
    "maskHelpers": [],      // e.g. "maskPan"
    "encryptHelpers": []    // e.g. "encryptField"
  },

  // Extra credential formats and values that are never findings (placeholders, public test keys).
  // Patterns are checked for catastrophic backtracking; they load only in a trusted workspace.
  "secrets": {
    "patterns": [
      // { "id": "acme-gateway-key", "regex": "ACME-[A-Z0-9]{8}-[a-f0-9]{32}", "description": "Acme gateway key" }
    ],
    "allowed": []
  },

  // Suppression comments: codepay-guard-disable-next-line <rule> [until YYYY-MM-DD] -- <reason>
  "suppressions": {
    "reportUnused": "warning",
    "requireReason": true
  }
}
`;

/** Creates the team file in the chosen folder (or opens the existing one) and shows it. */
export async function createTeamConfig(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('CodePay Guard: open a folder first; the team config lives at a workspace folder root.');
    return undefined;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to create .codepay-guard.json in' });
  if (!folder) return undefined;
  const target = vscode.Uri.joinPath(folder.uri, TEAM_FILE_NAME);
  let exists = true;
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    exists = false;
  }
  if (!exists) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(STARTER_TEAM_CONFIG));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  if (exists) void vscode.window.showInformationMessage(`CodePay Guard: ${TEAM_FILE_NAME} already exists in "${folder.name}"; opened it.`);
  return target;
}
