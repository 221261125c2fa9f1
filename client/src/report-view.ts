// "CodePay Guard: Show Compliance Report": the server's report of a folder in a webview with a strict content
// security policy (one nonce'd inline script, no remote content), whose locations open the file at the finding.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const COMPLIANCE_REPORT_REQUEST = 'codepayGuard/complianceReport';

interface ReportAnswer {
  html?: string;
  folderUri?: string;
  error?: string;
}

/** A location message from the page; anything else (or a path leaving the folder) is ignored. */
function locationOf(message: unknown): { path: string; line: number; column: number } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, path, line, column } = message as Record<string, unknown>;
  if (type !== 'open' || typeof path !== 'string' || typeof line !== 'number') return undefined;
  if (path.startsWith('/') || path.split('/').includes('..') || /^[a-z]+:/i.test(path)) return undefined;
  return { path, line: Math.max(1, Math.floor(line)), column: typeof column === 'number' ? Math.max(1, Math.floor(column)) : 1 };
}

let panel: vscode.WebviewPanel | undefined;

export async function showComplianceReport(client: LanguageClient | undefined): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('CodePay Guard: the language server is not running.');
    return;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to report on' }) : folders[0];
  if (folders.length > 1 && !folder) return;
  panel ??= createPanel();
  const webview = panel.webview;
  const nonce = randomBytes(18).toString('base64').replace(/[+/=]/g, '');
  webview.html = '<!DOCTYPE html><html><body><p>Scanning the workspace…</p></body></html>';
  const answer = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'CodePay Guard: building the compliance report' },
    () => client.sendRequest<ReportAnswer>(COMPLIANCE_REPORT_REQUEST, { folderUri: folder?.uri.toString(), nonce, cspSource: webview.cspSource }),
  );
  if (!answer?.html) {
    void vscode.window.showErrorMessage(`CodePay Guard: ${answer?.error ?? 'the report could not be built'}.`);
    return;
  }
  const root = answer.folderUri ? vscode.Uri.parse(answer.folderUri) : folder?.uri;
  panel.title = `Compliance Report${root ? ` — ${root.path.split('/').pop()}` : ''}`;
  webview.html = answer.html;
  panel.reveal();
  reportRoot = root;
}

let reportRoot: vscode.Uri | undefined;

function createPanel(): vscode.WebviewPanel {
  const created = vscode.window.createWebviewPanel('codepayGuard.complianceReport', 'Compliance Report', vscode.ViewColumn.Active, {
    enableScripts: true,
    // The page loads nothing: no local resource roots either.
    localResourceRoots: [],
    retainContextWhenHidden: false,
  });
  created.webview.onDidReceiveMessage(async (message: unknown) => {
    const location = locationOf(message);
    if (!location || !reportRoot) return;
    const target = vscode.Uri.joinPath(reportRoot, ...location.path.split('/'));
    const position = new vscode.Position(location.line - 1, location.column - 1);
    await vscode.window.showTextDocument(target, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
  });
  created.onDidDispose(() => { panel = undefined; });
  return created;
}
