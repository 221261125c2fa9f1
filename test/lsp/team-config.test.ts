// The language server and the team file: live reload (saved or unsaved), problems as diagnostics on the file, the
// last good config kept, workspace trust, the baseline, unused suppressions and pathological team patterns.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { FULL_CAPABILITIES, LspTestClient } from './lsp-client';

const KEY = ['sk', 'live', '51Hx9QmZr2LkTd8VbN3pWcYf'].join('_');
const TEAM_KEY = ['ACME', 'Q7W2E9R4', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'].join('-');
const uriOf = (...segments: string[]) => pathToFileURL(path.join(...segments)).toString();
const code = (key: string) => `const merchantApiKey = '${key}';\nexport default merchantApiKey;\n`;
/** A value only a team pattern recognises: the name says nothing about a secret. */
const reference = (value: string) => `export const gatewayRef = '${value}';\n`;

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-team-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

async function start(root: string, initializationOptions?: unknown): Promise<LspTestClient> {
  return LspTestClient.start({
    capabilities: FULL_CAPABILITIES,
    workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'ws' }],
    settings: () => ({}),
    initializationOptions,
  });
}

const ours = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.source === 'codepay-guard');
const codes = (p: PublishDiagnosticsParams) => ours(p).map((d) => `${String(d.code ?? '')}@${d.range.start.line + 1}:${d.severity}`);

describe('language server: team configuration', function () {
  this.timeout(20_000);
  const clients: LspTestClient[] = [];
  after(async () => { for (const c of clients) await c.shutdown(); });

  it('puts a broken team file\'s problems on the file itself, keeps the last good config, and clears them when fixed', async () => {
    const root = workspace({ '.codepay-guard.json': '{ "rules": { "hardcoded-secret": "warning" } }\n', 'src/pay.ts': code(KEY) });
    const client = await start(root);
    clients.push(client);
    const doc = uriOf(root, 'src', 'pay.ts');
    const teamUri = uriOf(root, '.codepay-guard.json');
    let since = client.mark();
    await client.open(doc, 'typescript', code(KEY));
    const first = await client.waitForDiagnostics(doc, since, (p) => p.diagnostics.length > 0, 'first analysis');
    assert.equal(first.diagnostics[0].severity, DiagnosticSeverity.Warning);

    fs.writeFileSync(path.join(root, '.codepay-guard.json'), '{\n  "rules": {\n    "hardcoded-secret": "loud",\n    "no-such-rule": "off"\n  }\n}\n');
    since = client.mark();
    await client.watchedFilesChanged([{ uri: teamUri, type: FileChangeType.Changed }]);
    const problems = await client.waitForDiagnostics(teamUri, since, (p) => p.diagnostics.length === 2, 'problems on the team file');
    assert.deepEqual(problems.diagnostics.map((d) => [d.range.start.line, d.severity]), [[2, DiagnosticSeverity.Error], [3, DiagnosticSeverity.Error]], 'in file order');
    assert.deepEqual(problems.diagnostics[0].range, { start: { line: 2, character: 24 }, end: { line: 2, character: 30 } }, 'the whole value `"loud"`');
    assert.match(problems.diagnostics[0].message, /"rules\.hardcoded-secret" must be one of/);
    assert.match(problems.diagnostics[1].message, /unknown rule "no-such-rule"/);
    const kept = await client.waitForDiagnostics(doc, since, () => true, 're-validation with the last good config');
    assert.equal(kept.diagnostics[0].severity, DiagnosticSeverity.Warning, 'the last good config keeps working');
    assert.ok(client.logs.some((l) => /the last valid configuration stays in use/.test(l.message)));

    fs.writeFileSync(path.join(root, '.codepay-guard.json'), '{ "rules": { "hardcoded-secret": "info" } }\n');
    since = client.mark();
    await client.watchedFilesChanged([{ uri: teamUri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(teamUri, since, (p) => p.diagnostics.length === 0, 'problems cleared');
    const fixed = await client.waitForDiagnostics(doc, since, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Information, 'the fixed config applies');
    assert.equal(fixed.diagnostics.length, 1);
  });

  it('applies unsaved edits of an open team file at once, with live problems on it', async () => {
    const root = workspace({ '.codepay-guard.json': '{}\n', 'src/pay.ts': code(KEY) });
    const client = await start(root);
    clients.push(client);
    const doc = uriOf(root, 'src', 'pay.ts');
    const teamUri = uriOf(root, '.codepay-guard.json');
    let since = client.mark();
    await client.open(doc, 'typescript', code(KEY));
    await client.waitForDiagnostics(doc, since, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Error, 'default severity');
    await client.open(teamUri, 'jsonc', '{}\n');
    since = client.mark();
    await client.change(teamUri, '{ "rules": { "hardcoded-secret": "off" } }\n');
    await client.waitForDiagnostics(doc, since, (p) => p.diagnostics.length === 0, 'rule turned off while typing');
    since = client.mark();
    await client.change(teamUri, '{ "rules": { "hardcoded-secret": "off" }, "rulez": {} }\n');
    const live = await client.waitForDiagnostics(teamUri, since, (p) => p.diagnostics.length === 1, 'live problem while typing');
    assert.match(live.diagnostics[0].message, /unknown setting "rulez"/);
    assert.ok(!client.diagnostics.some((p) => p.uri === teamUri && p.diagnostics.some((d) => d.code === 'hardcoded-secret')), 'the team file is not scanned as code');
  });

  it('in an untrusted workspace leaves out team patterns (saying so on the team file) until trust is granted', async () => {
    const team = '{\n  "secrets": { "patterns": [{ "id": "acme-key", "regex": "ACME-[A-Z0-9]{8}-[a-f0-9]{32}" }] }\n}\n';
    const root = workspace({ '.codepay-guard.json': team, 'src/acme.ts': reference(TEAM_KEY) });
    const client = await start(root, { workspaceTrusted: false });
    clients.push(client);
    const doc = uriOf(root, 'src', 'acme.ts');
    let since = client.mark();
    await client.open(doc, 'typescript', reference(TEAM_KEY));
    const untrusted = await client.waitForDiagnostics(doc, since, () => true, 'untrusted analysis');
    assert.deepEqual(untrusted.diagnostics, []);
    const notice = await client.waitForDiagnostics(uriOf(root, '.codepay-guard.json'), since, (p) => p.diagnostics.length === 1, 'trust notice');
    assert.equal(notice.diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.match(notice.diagnostics[0].message, /not loaded until this workspace is trusted/);
    since = client.mark();
    await client.notify('codepayGuard/workspaceTrusted', {});
    const trusted = await client.waitForDiagnostics(doc, since, (p) => p.diagnostics.length === 1, 'team pattern after trust');
    assert.equal(trusted.diagnostics[0].code, 'hardcoded-secret');
    assert.match(trusted.diagnostics[0].message, /team pattern `acme-key`/);
    assert.ok(!trusted.diagnostics[0].message.includes(TEAM_KEY), 'masked');
  });

  it('rejects a pathological team pattern on the team file and stays responsive on adversarial input', async () => {
    const team = '{\n  "secrets": {\n    "patterns": [{ "id": "slow", "regex": "(a+)+$" }, { "id": "ok", "regex": "ACME-[A-Z0-9]{8}-[a-f0-9]{32}" }]\n  }\n}\n';
    const root = workspace({ '.codepay-guard.json': team });
    const client = await start(root);
    clients.push(client);
    const doc = uriOf(root, 'src', 'adversarial.ts');
    const text = `const s = '${'a'.repeat(50_000)}!';\n${reference(TEAM_KEY)}`;
    const since = client.mark();
    await client.open(doc, 'typescript', text);
    const result = await client.waitForDiagnostics(doc, since, () => true, 'analysis of adversarial input', 5000);
    // A broken team file is not half-applied: the defaults (no team patterns) stay in force until it is fixed.
    assert.deepEqual(codes(result), []);
    const problem = await client.waitForDiagnostics(uriOf(root, '.codepay-guard.json'), since, (p) => p.diagnostics.length > 0, 'pattern problem');
    assert.equal(problem.diagnostics[0].range.start.line, 2);
    assert.match(problem.diagnostics[0].message, /secret pattern "slow": the pattern can backtrack catastrophically/);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: doc }, position: { line: 1, character: 12 } });
    assert.equal(hover, null, 'answers requests (nothing to show there)');
  });

  it('hides baselined findings, also after lines are inserted above them, and shows a finding once its line changes', async () => {
    const root = workspace({ 'src/pay.ts': code(KEY) });
    const doc = uriOf(root, 'src', 'pay.ts');
    // The baseline comes from the CLI, as a team adopting the tool would make it.
    const { spawnSync } = await import('node:child_process');
    const made = spawnSync(process.execPath, [path.join(__dirname, '..', '..', '..', 'dist', 'cli.js'), 'baseline', root], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const baseline = fs.readFileSync(path.join(root, '.codepay-guard-baseline.json'), 'utf8');
    assert.ok(!baseline.includes(KEY.slice(8)), 'no secret in the baseline');
    assert.ok(!/"line"/.test(baseline), 'no line numbers in the baseline');
    const client = await start(root);
    clients.push(client);
    let since = client.mark();
    await client.open(doc, 'typescript', code(KEY));
    assert.deepEqual((await client.waitForDiagnostics(doc, since, () => true, 'baselined')).diagnostics, []);
    since = client.mark();
    await client.change(doc, `// moved down\n\n${code(KEY)}`);
    assert.deepEqual((await client.waitForDiagnostics(doc, since, () => true, 'still baselined')).diagnostics, []);
    since = client.mark();
    await client.change(doc, code(KEY).replace('merchantApiKey =', 'merchantKey ='));
    const changed = await client.waitForDiagnostics(doc, since, (p) => p.diagnostics.length > 0, 'changed line resurfaces');
    assert.equal(changed.diagnostics[0].code, 'hardcoded-secret');
  });

  it('reports unused and reason-less suppression comments, with a safe fix-all that removes the unused one', async () => {
    const root = workspace({});
    const client = await start(root);
    clients.push(client);
    const doc = uriOf(root, 'src', 'sup.ts');
    const text = "// codepay-guard-disable-next-line hardcoded-secret -- old test key\nconst a = 1;\n";
    const since = client.mark();
    await client.open(doc, 'typescript', text);
    const result = await client.waitForDiagnostics(doc, since, (p) => p.diagnostics.length > 0, 'unused suppression');
    assert.deepEqual(codes(result), [`suppression-comment@1:${DiagnosticSeverity.Warning}`]);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: doc }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.codepay-guard'] },
    }) as Array<{ kind: string; edit: { documentChanges: Array<{ edits: Array<{ newText: string; range: unknown }> }> } }>;
    assert.equal(actions.length, 1);
    assert.deepEqual(actions[0].edit.documentChanges[0].edits.map((e) => e.newText), ['']);
  });
});
