// Extension tests: run inside a real VS Code extension host (code-server or @vscode/test-electron) on the fixture workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'codepay.codepay-guard';
const SOURCE = 'codepay-guard';
const RULE = 'hardcoded-secret';
const DEADLINE_MS = 15_000;

function folderUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves with our diagnostics for `uri` once `accept` holds, waiting on diagnostics events up to a deadline. */
function waitForDiagnostics(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = ours(uri);
      if (!accept(current)) return false;
      finish();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${DEADLINE_MS} ms waiting for ${what} on ${uri.path}; have: ${JSON.stringify(ours(uri).map((d) => d.message))}`));
    }, DEADLINE_MS);
    const finish = () => { subscription.dispose(); clearTimeout(timer); };
    check();
  });
}

async function open(...segments: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(folderUri(...segments));
  return vscode.window.showTextDocument(doc);
}

function codeOf(d: vscode.Diagnostic): { value: string; target: vscode.Uri } {
  assert.ok(typeof d.code === 'object' && d.code !== null, 'diagnostic code carries a codeDescription');
  return d.code as { value: string; target: vscode.Uri };
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('CodePay Guard in VS Code', function () {
  this.timeout(90_000);

  it('activates and registers its commands', async () => {
    await open('config', '.env');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    await waitForDiagnostics(folderUri('config', '.env'), (d) => d.length > 0, 'the .env finding');
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['codepayGuard.restartServer', 'codepayGuard.showOutput', 'codepayGuard.openRuleDoc', 'codepayGuard.createTeamConfig']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });

  for (const [segments, language] of [
    [['config', '.env'], 'dotenv/properties'],
    [['config', 'settings.yaml'], 'yaml'],
    [['config', 'app.json'], 'json'],
    [['src', 'payments.ts'], 'typescript'],
  ] as const) {
    it(`reports a hard-coded key in a ${language} file (${segments.join('/')})`, async () => {
      const editor = await open(...segments);
      const diags = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x).value === RULE), `a ${RULE} diagnostic`);
      const d = diags.find((x) => codeOf(x).value === RULE)!;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /sk_live_\*\*\*\*|whsec_\*\*\*\*/, 'the key is named masked');
      assert.ok(!/sk_live_[A-Za-z0-9]{12,}|whsec_[A-Za-z0-9]{12,}/.test(d.message), 'the key never appears in full');
      assert.match(codeOf(d).target.toString(), /docs\/rules\/hardcoded-secret\.md$/);
      const flagged = editor.document.getText(d.range);
      assert.match(flagged, /sk_live_|whsec_/, 'the range covers the key');
    });
  }

  it('does not report clean code or files the team config marks as fixtures', async () => {
    for (const segments of [['src', 'refunds.js'], ['test', 'fixtures', 'keys.ts']]) {
      const editor = await open(...segments);
      // The server handles documents in order: once a document opened afterwards has its finding, this one was analysed.
      const sentinel = await vscode.workspace.openTextDocument({ language: 'typescript', content: "const k = 'sk_live_3TyU7iOp1AsD5fGh9JkL2zXc';\n" });
      await vscode.window.showTextDocument(sentinel);
      await waitForDiagnostics(sentinel.uri, (d) => d.length === 1, 'the sentinel finding');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.deepEqual(ours(editor.document.uri).map((d) => d.message), [], segments.join('/'));
    }
  });

  it('offers quick fixes; "move to environment variable" rewrites the literal and clears the diagnostic', async () => {
    const editor = await open('src', 'payments.ts');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (x) => x.length === 1, 'one finding');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const move = actions.find((a) => /environment variable/i.test(a.title));
    assert.ok(move?.edit, `move-to-env offered: ${JSON.stringify(titles)}`);
    assert.equal(move.isPreferred, true);
    assert.ok(titles.some((t) => /^Suppress hardcoded-secret for this line/.test(t)), JSON.stringify(titles));
    assert.ok(titles.some((t) => /documentation/i.test(t)), JSON.stringify(titles));
    assert.ok(!titles.some((t) => /sk_live_[A-Za-z0-9]{12,}/.test(t)), 'no title shows the key');
    assert.ok(await vscode.workspace.applyEdit(move.edit));
    assert.equal(editor.document.lineAt(3).text, 'const merchantApiKey = process.env.MERCHANT_API_KEY;');
    await waitForDiagnostics(uri, (x) => x.length === 0, 'the diagnostic to clear');
    await revert(editor);
    await waitForDiagnostics(uri, (x) => x.length === 1, 'the finding after revert');
  });

  it('"suppress for this line" inserts the comment and the diagnostic goes', async () => {
    const editor = await open('config', 'settings.yaml');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (x) => x.length === 1, 'one finding');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const suppress = actions.find((a) => a.title.startsWith('Suppress hardcoded-secret'));
    assert.ok(suppress?.edit);
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    assert.equal(editor.document.lineAt(d.range.start.line).text, '  # codepay-guard-disable-next-line hardcoded-secret -- <reason>');
    await waitForDiagnostics(uri, (x) => x.length === 0, 'the diagnostic to go');
    await revert(editor);
  });

  it('follows edits: a WorkspaceEdit that introduces then removes a key', async () => {
    const editor = await open('src', 'refunds.js');
    const uri = editor.document.uri;
    const last = editor.document.lineCount - 1;
    const add = new vscode.WorkspaceEdit();
    add.insert(uri, new vscode.Position(last, 0), "const backupKey = 'sk_live_8JkLmN2pQ4rS6tU8vW0xY2zA';\n");
    assert.ok(await vscode.workspace.applyEdit(add));
    const [d] = await waitForDiagnostics(uri, (x) => x.length === 1, 'the introduced key');
    assert.equal(d.range.start.line, last);
    const remove = new vscode.WorkspaceEdit();
    remove.delete(uri, editor.document.lineAt(d.range.start.line).rangeIncludingLineBreak);
    assert.ok(await vscode.workspace.applyEdit(remove));
    await waitForDiagnostics(uri, (x) => x.length === 0, 'the removed key to clear');
    await revert(editor);
  });

  it('re-validates when a codepayGuard setting changes', async () => {
    const editor = await open('src', 'payments.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (x) => x.length === 1, 'one finding');
    const config = vscode.workspace.getConfiguration('codepayGuard', uri);
    try {
      await config.update('rules', { [RULE]: 'warning' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (x) => x.length === 1 && x[0].severity === vscode.DiagnosticSeverity.Warning, 'the severity to become warning');
      await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (x) => x.length === 0, 'diagnostics to vanish when disabled');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (x) => x.length === 1 && x[0].severity === vscode.DiagnosticSeverity.Error, 'the error to return');
  });

  it('follows the committed team file: edits to .codepay-guard.json re-validate, and VS Code defaults do not override it', async () => {
    const editor = await open('src', 'payments.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (x) => x.length === 1, 'one finding');
    const teamFile = folderUri('.codepay-guard.json');
    const original = await vscode.workspace.fs.readFile(teamFile);
    const write = (text: string) => vscode.workspace.fs.writeFile(teamFile, Buffer.from(text, 'utf8'));
    try {
      await write('{ "rules": { "hardcoded-secret": "warning" } }');
      await waitForDiagnostics(uri, (x) => x.length === 1 && x[0].severity === vscode.DiagnosticSeverity.Warning, 'the team severity');
      await write('{ "enable": false }');
      await waitForDiagnostics(uri, (x) => x.length === 0, 'the team file to switch the linter off');
    } finally {
      await vscode.workspace.fs.writeFile(teamFile, original);
    }
    await waitForDiagnostics(uri, (x) => x.length === 1 && x[0].severity === vscode.DiagnosticSeverity.Error, 'the error to return');
  });

  it('hover shows the guideline clause, why it matters and how to fix', async () => {
    const editor = await open('src', 'payments.ts');
    const [d] = await waitForDiagnostics(editor.document.uri, (x) => x.length === 1, 'one finding');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, d.range.start.translate(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Keep sensitive details like merchant API keys or certificates away from public-facing apps/);
    assert.match(text, /hardcoded-secret/);
    assert.ok(!/sk_live_[A-Za-z0-9]{12,}/.test(text), 'the hover never shows the key');
  });

  it('puts the problems of a broken team file on the file itself while the last valid config keeps working', async () => {
    const editor = await open('src', 'payments.ts');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (x) => x.length === 1 && x[0].severity === vscode.DiagnosticSeverity.Error, 'the error');
    const teamFile = folderUri('.codepay-guard.json');
    const original = await vscode.workspace.fs.readFile(teamFile);
    try {
      await vscode.workspace.fs.writeFile(teamFile, Buffer.from('{\n  "rules": {\n    "hardcoded-secret": "loud"\n  }\n}\n', 'utf8'));
      const [problem] = await waitForDiagnostics(teamFile, (x) => x.length === 1, 'a diagnostic on the team file');
      assert.equal(problem.range.start.line, 2);
      assert.match(problem.message, /must be one of/);
      // Re-validated with the last valid configuration: still an error, not the defaults of a half-read file.
      assert.equal(ours(uri)[0]?.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await vscode.workspace.fs.writeFile(teamFile, original);
    }
    await waitForDiagnostics(teamFile, (x) => x.length === 0, 'the team file problem to clear');
  });

  it('"Create Team Config" writes a commented starter file that validates cleanly', async () => {
    const teamFile = folderUri('.codepay-guard.json');
    const original = await vscode.workspace.fs.readFile(teamFile);
    try {
      await vscode.workspace.fs.delete(teamFile);
      await vscode.commands.executeCommand('codepayGuard.createTeamConfig');
      const created = new TextDecoder().decode(await vscode.workspace.fs.readFile(teamFile));
      assert.match(created, /CodePay Guard team configuration/);
      assert.match(created, /"suppressions"/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), teamFile.toString(), 'the new file is shown');
      // The server validates the open file: a starter with a schema error would get a diagnostic here.
      const sentinel = await vscode.workspace.openTextDocument({ language: 'typescript', content: "const k = 'sk_live_3TyU7iOp1AsD5fGh9JkL2zXc';\n" });
      await waitForDiagnostics(sentinel.uri, (d) => d.length === 1, 'the sentinel finding');
      assert.deepEqual(ours(teamFile).map((d) => d.message), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.writeFile(teamFile, original);
    }
  });

  it('"Fix all" (source.fixAll.codepay-guard) applies the safe fixes: an unused suppression is removed', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: "// codepay-guard-disable-next-line hardcoded-secret -- the old key is gone\nexport const total = 1;\n",
    });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, (d) => d.length === 1 && codeOf(d[0]).value === 'suppression-comment', 'the unused suppression');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.append('codepay-guard').value,
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.codepay-guard');
    assert.ok(fixAll?.edit, 'a fix-all action with an edit');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(doc.getText(), 'export const total = 1;\n');
    await waitForDiagnostics(doc.uri, (d) => d.length === 0, 'no finding left');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"Scan Workspace" reports files nobody opened in the Problems panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const unopened = folderUri('src', 'legacy-gateway.js');
    await vscode.workspace.fs.writeFile(unopened, Buffer.from("module.exports = { secret: 'sk_live_8RbQ2mV7xK4pL9sD3fH6jW1z' };\n", 'utf8'));
    try {
      await vscode.commands.executeCommand('codepayGuard.scanWorkspace');
      const diags = await waitForDiagnostics(unopened, (d) => d.some((x) => codeOf(x).value === RULE), 'the unopened file\'s finding');
      assert.ok(!diags.some((d) => /sk_live_[A-Za-z0-9]{12,}/.test(d.message)));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'the file was not opened');
    } finally {
      await vscode.workspace.fs.delete(unopened);
    }
    await waitForDiagnostics(unopened, (d) => d.length === 0, 'the deleted file to lose its finding');
  });

  it('"Show Compliance Report" opens the report in a webview', async () => {
    await vscode.commands.executeCommand('codepayGuard.showComplianceReport');
    const deadline = Date.now() + DEADLINE_MS;
    const isReport = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && /Compliance Report/.test(t.label);
    while (!vscode.window.tabGroups.all.some((g) => g.tabs.some(isReport)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isReport);
    assert.ok(tab, 'a Compliance Report webview tab');
    await vscode.window.tabGroups.close(tab);
  });

  it('restarts a language server that crashed, and diagnostics come back', async function () {
    if (process.platform === 'win32') this.skip();
    const { execFileSync } = await import('node:child_process');
    // The language client forks `dist/server.js --node-ipc --clientProcessId=<extension host pid>`.
    const pids = execFileSync('pgrep', ['-f', `dist/server\\.js --node-ipc --clientProcessId=${process.pid}`], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    assert.ok(pids.length > 0, 'the server process is running');
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: "export const merchantApiKey = 'sk_live_5RtY8uIo2PaS4dFg7HjK1lZx';\n" });
    await vscode.window.showTextDocument(doc);
    const [d] = await waitForDiagnostics(doc.uri, (x) => x.length === 1, 'a finding from the restarted server');
    assert.equal(codeOf(d).value, RULE);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
