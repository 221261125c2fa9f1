// "Open Rule Documentation": shows a rule page shipped in the extension (docs/rules/<id>.md) as a markdown preview.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

async function shippedRuleIds(docsDir: string): Promise<string[]> {
  try {
    const names = await fs.readdir(docsDir);
    return names.filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)).filter((id) => RULE_ID.test(id)).sort();
  } catch {
    return [];
  }
}

export async function openRuleDoc(context: vscode.ExtensionContext, ruleIdArg?: unknown): Promise<void> {
  const docsDir = context.asAbsolutePath(path.join('docs', 'rules'));
  let ruleId = typeof ruleIdArg === 'string' ? ruleIdArg : undefined;
  if (!ruleId) {
    const ids = await shippedRuleIds(docsDir);
    if (ids.length === 0) {
      void vscode.window.showWarningMessage('CodePay Guard: no rule documentation is shipped with this build.');
      return;
    }
    ruleId = await vscode.window.showQuickPick(ids, { title: 'CodePay Guard: Open Rule Documentation', placeHolder: 'Rule id' });
    if (!ruleId) return;
  }
  // The id becomes part of a file path: accept rule-id shapes only.
  if (!RULE_ID.test(ruleId)) {
    void vscode.window.showWarningMessage(`CodePay Guard: "${ruleId.slice(0, 60)}" is not a rule id.`);
    return;
  }
  const uri = vscode.Uri.file(path.join(docsDir, `${ruleId}.md`));
  try {
    await fs.access(uri.fsPath);
  } catch {
    void vscode.window.showWarningMessage(`CodePay Guard: no documentation for "${ruleId}" in this build.`);
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // The markdown extension can be disabled; the page is still readable as text.
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}
