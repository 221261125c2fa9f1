// Status bar item: the number of CodePay Guard findings in the active editor's document; a click opens Problems.
import * as vscode from 'vscode';

/** `source` of the diagnostics the language server publishes. */
export const DIAGNOSTIC_SOURCE = 'codepay-guard';

export function countFindings(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
}

export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('codepayGuard.findings', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'CodePay Guard';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((u) => u.toString() === active)) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      this.item.hide();
      return;
    }
    const count = countFindings(editor.document.uri);
    this.item.text = count > 0 ? `$(shield) CodePay Guard: ${count}` : '$(shield) CodePay Guard ✓';
    this.item.tooltip = count > 0
      ? `CodePay Guard: ${count} finding${count === 1 ? '' : 's'} in this file. Click to open the Problems panel.`
      : 'CodePay Guard: no findings in this file. Click to open the Problems panel.';
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
