// LSP protocol tests: the real bundled server (dist/server.js --stdio) driven from the client side of the protocol.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind, DiagnosticSeverity, FileChangeType, MessageType,
  type CodeAction, type Diagnostic, type Hover, type MarkupContent, type PublishDiagnosticsParams, type Range, type TextEdit,
} from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/engine';
import { GUIDELINE, RULES } from '../../rules';
import { FULL_CAPABILITIES, LspTestClient, ROOT, SERVER_BUNDLE } from './lsp-client';

const RULE = 'hardcoded-secret';
const DEBOUNCE_MS = 200;
/** Built at run time so that this file itself holds no key-shaped literal. */
const KEY = ['sk', 'live', '51Hx9QmZr2LkTd8VbN3pWcYf'].join('_');
const KEY2 = ['sk', 'live', '7GmQw2ErTy4UiOp6AsDf8HjK'].join('_');
const SECRETS = [KEY, KEY2];

const PREFIX = "import Stripe from 'stripe';\n\nconst merchantApiKey = '";
const payments = (key: string) => `${PREFIX}${key}';\nexport const stripe = new Stripe(merchantApiKey);\n`;
/** Where the key of `payments()` sits. */
const KEY_LINE = 2;
const KEY_CHARACTER = "const merchantApiKey = '".length;

function makeWorkspace(): { root: string; app: string; team: string; minimal: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-lsp-'));
  const app = path.join(root, 'app');
  const team = path.join(root, 'team');
  const minimal = path.join(root, 'minimal');
  for (const dir of [app, team, minimal]) fs.mkdirSync(dir);
  fs.writeFileSync(path.join(team, '.codepay-guard.json'), '// team settings\n{ "rules": { "hardcoded-secret": "warning" }, "ignore": ["generated"] }\n');
  fs.writeFileSync(path.join(minimal, '.codepay-guard.json'), '{ "rules": { "hardcoded-secret": "info" } }\n');
  return { root, app, team, minimal };
}

const uriOf = (...segments: string[]) => pathToFileURL(path.join(...segments)).toString();

/** True when any 12-character piece of a secret occurs in the text (the masked form keeps only 4). */
function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 12 <= secret.length; i++) if (text.includes(secret.slice(i, i + 12))) return true;
  return false;
}

function applyEdits(uri: string, text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 0, text), edits);
}

function textIn(text: string, range: Range): string {
  const doc = TextDocument.create('file:///t', 'typescript', 0, text);
  return doc.getText(range);
}

function ours(p: PublishDiagnosticsParams): Diagnostic[] {
  return p.diagnostics.filter((d) => d.source === 'codepay-guard');
}

function assertBundleBuilt(): void {
  assert.ok(fs.existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing: run \`npx tsc -b && node scripts/bundle.mjs\` (or npm test) first`);
}

describe('language server: command line', () => {
  before(assertBundleBuilt);
  const run = (...args: string[]) => spawnSync(process.execPath, [SERVER_BUNDLE, ...args], { encoding: 'utf8', timeout: 10_000 });

  it('--version prints the package version and exits 0', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run('--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), version);
  });

  it('--help lists the transports and exits 0', () => {
    const r = run('--help');
    assert.equal(r.status, 0);
    for (const flag of ['--stdio', '--node-ipc', '--socket=']) assert.ok(r.stdout.includes(flag), flag);
  });

  it('refuses to start without a transport (exit 2, usage on stderr)', () => {
    const r = run();
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--stdio/);
  });
});

describe('language server over stdio: a full-featured client', function () {
  this.timeout(20_000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;
  const defaults = () => ({ enable: true, rules: {}, ignore: [], trace: { server: 'off' } });

  before(async () => {
    assertBundleBuilt();
    ws = makeWorkspace();
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: uriOf(ws.app), name: 'app' }, { uri: uriOf(ws.team), name: 'team' }],
      settings: defaults,
    });
  });

  after(() => {
    client?.dispose();
    if (ws) fs.rmSync(ws.root, { recursive: true, force: true });
  });

  /** Opens a document and waits for its first diagnostics. */
  async function openAndWait(uri: string, text: string, languageId = 'typescript'): Promise<PublishDiagnosticsParams> {
    const since = client.mark();
    await client.open(uri, languageId, text);
    return client.waitForDiagnostics(uri, since, () => true, 'diagnostics after didOpen');
  }

  async function closeAndWait(uri: string): Promise<void> {
    const since = client.mark();
    await client.close(uri);
    await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 0, 'diagnostics cleared on close');
  }

  it('answers initialize with its capabilities and registers for settings and the team file', async () => {
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(serverInfo?.name, 'codepay-guard');
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(capabilities.hoverProvider, true);
    const codeActions = capabilities.codeActionProvider;
    assert.ok(typeof codeActions === 'object' && codeActions.codeActionKinds);
    assert.deepEqual([...codeActions.codeActionKinds].sort(), [CodeActionKind.QuickFix, 'source.fixAll.codepay-guard'].sort());
    assert.deepEqual(capabilities.executeCommandProvider?.commands, ['codepay-guard.showRuleDoc', 'codepay-guard.scanWorkspace']);
    await client.waitFor(() => (client.registrations.length >= 2 ? true : undefined), 'dynamic registrations');
    const watched = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    // Team files, files they extend (any JSON) and baselines; the server filters the events.
    assert.deepEqual(watched?.registerOptions, { watchers: [{ globPattern: '**/*.json' }] });
    const config = client.registrations.find((r) => r.method === 'workspace/didChangeConfiguration');
    assert.deepEqual(config?.registerOptions, { section: 'codepayGuard' });
  });

  // Speed is the benchmark's business (npm run bench); tests check behaviour only, never a duration.
  it('publishes the finding after didOpen, with source, code, doc link, severity and range', async () => {
    const uri = uriOf(ws.app, 'src', 'payments.ts');
    const published = await openAndWait(uri, payments(KEY));
    assert.equal(published.version, 1);
    assert.equal(published.diagnostics.length, 1);
    const [d] = published.diagnostics;
    assert.equal(d.source, 'codepay-guard');
    assert.equal(d.code, RULE);
    assert.match(d.codeDescription?.href ?? '', /docs\/rules\/hardcoded-secret\.md$/);
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, KEY_LINE);
    assert.ok([KEY, `'${KEY}'`].includes(textIn(payments(KEY), d.range)), 'the range covers the key (or its literal)');
    assert.match(d.message, /sk_live_\*\*\*\*/);
    const asked = client.configurationRequests.flatMap((r) => r.items).find((i) => i.scopeUri === uri);
    assert.deepEqual(asked, { scopeUri: uri, section: 'codepayGuard' });
    const debugLines = () => client.logs.filter((l) => l.type === MessageType.Debug && l.message.includes(uri));
    const debug = await client.waitFor(() => (debugLines().length > 0 ? debugLines() : undefined), 'the debug line of the analysis');
    assert.equal(debug.length, 1, 'one debug line per analysis');
    assert.match(debug[0].message, /v1: 1 finding\(s\) in [\d.]+ ms/);
    await closeAndWait(uri);
  });

  it('re-publishes after didChange once the debounce interval has passed, not before', async () => {
    const uri = uriOf(ws.app, 'src', 'two-keys.ts');
    await openAndWait(uri, payments(KEY));
    const since = client.mark();
    const started = Date.now();
    await client.change(uri, `${payments(KEY)}const backupKey = '${KEY2}';\n`);
    const published = await client.waitForDiagnostics(uri, since, () => true, 'diagnostics after didChange');
    const elapsed = Date.now() - started;
    // A lower bound only (the debounce timer cannot fire early); how soon after it is the benchmark's question.
    assert.ok(elapsed >= DEBOUNCE_MS - 20, `published after ${elapsed} ms: not debounced`);
    assert.equal(published.version, 2);
    assert.deepEqual(published.diagnostics.map((d) => d.range.start.line), [KEY_LINE, 4]);
    await closeAndWait(uri);
  });

  it('works on an edit of a large document while the debounce runs: its analysis finds the text parsed, or analysed', async () => {
    const uri = uriOf(ws.app, 'src', 'ledger.ts');
    const padding = 'export const total = (a: number, b: number): number => a + b;\n'.repeat(100);
    await openAndWait(uri, `${payments(KEY)}${padding}`);
    const since = client.mark();
    await client.change(uri, `${payments(KEY)}export const revision = 2;\n${padding}`);
    const published = await client.waitForDiagnostics(uri, since, () => true, 'diagnostics after didChange');
    assert.equal(published.version, 2);
    assert.deepEqual(published.diagnostics.map((d) => d.code), [RULE]);
    const line = await client.waitFor(() => client.logs.find((l) => l.type === MessageType.Debug && l.message.includes(`${uri} v2:`)), 'the debug line of v2');
    // Which of the two depends on how soon the worker analyses the edit ahead: analysis-worker.test.ts fixes it.
    assert.match(line.message, /v2: 1 finding\(s\) in [\d.]+ ms \(analysis [\d.]+ ms(?:, (?:ready|waited for) [\d.]+ ms(?: before it was asked for)?)?\) \((?:parsed|analysed) ahead\)$/);
    await closeAndWait(uri);
  });

  it('offers the move-to-env fix (preferred), the suppression and the documentation as quick fixes', async () => {
    const uri = uriOf(ws.app, 'src', 'actions.ts');
    const { diagnostics: [d] } = await openAndWait(uri, payments(KEY));
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: [CodeActionKind.QuickFix] },
    }) as CodeAction[];
    const titles = actions.map((a) => a.title);
    const move = actions.find((a) => /environment variable/i.test(a.title));
    assert.ok(move, `move-to-env offered: ${JSON.stringify(titles)}`);
    assert.equal(move.isPreferred, true);
    assert.equal(move.kind, CodeActionKind.QuickFix);
    assert.deepEqual(move.diagnostics, [d]);
    const suppress = actions.find((a) => a.title === `Suppress ${RULE} for this line`);
    assert.ok(suppress?.edit, JSON.stringify(titles));
    assert.notEqual(suppress.isPreferred, true);
    const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`);
    assert.deepEqual(docs?.command, { title: `Show documentation for ${RULE}`, command: 'codepay-guard.showRuleDoc', arguments: [RULE] });
    assert.equal(actions.filter((a) => a.isPreferred).length, 1);
    await closeAndWait(uri);
  });

  it('applying "move to environment variable" yields code that re-parses and has no finding', async () => {
    const uri = uriOf(ws.app, 'src', 'move.ts');
    const text = payments(KEY);
    const { diagnostics: [d] } = await openAndWait(uri, text);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
    const move = actions.find((a) => /environment variable/i.test(a.title));
    const change = move?.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change, 'a versioned TextDocumentEdit');
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const fixed = applyEdits(uri, text, change.edits.filter((e): e is TextEdit => !('annotationId' in e)));
    assert.match(fixed.split('\n')[KEY_LINE], /^const merchantApiKey = process\.env\.[A-Z][A-Z0-9_]*;$/);
    assert.ok(!fixed.includes(KEY));
    const reanalysed = analyze(fixed, { path: 'src/move.ts', languageId: 'typescript', rules: RULES });
    assert.equal(reanalysed.parseError, undefined, 'the fixed code parses');
    const since = client.mark();
    await client.change(uri, fixed);
    const published = await client.waitForDiagnostics(uri, since, (p) => p.version === 2, 'diagnostics of the fixed text');
    assert.deepEqual(published.diagnostics, []);
    await closeAndWait(uri);
  });

  it('applying the suppression inserts the directive and the finding goes', async () => {
    const uri = uriOf(ws.app, 'src', 'suppress.ts');
    const text = payments(KEY);
    const { diagnostics: [d] } = await openAndWait(uri, text);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
    const suppress = actions.find((a) => a.title.startsWith('Suppress'));
    const change = suppress?.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    const fixed = applyEdits(uri, text, change.edits as TextEdit[]);
    assert.equal(fixed.split('\n')[KEY_LINE], `// codepay-guard-disable-next-line ${RULE} -- <reason>`);
    const since = client.mark();
    await client.change(uri, fixed);
    const published = await client.waitForDiagnostics(uri, since, (p) => p.version === 2, 'diagnostics of the suppressed text');
    assert.deepEqual(published.diagnostics, []);
    await closeAndWait(uri);
  });

  it('offers no fix-all when no finding has a safe fix, and nothing for foreign diagnostics', async () => {
    const uri = uriOf(ws.app, 'src', 'fixall.ts');
    const { diagnostics: [d] } = await openAndWait(uri, payments(KEY));
    const fixAll = await client.request('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [], only: ['source.fixAll.codepay-guard'] },
    }) as CodeAction[];
    assert.ok(fixAll.every((a) => a.kind === 'source.fixAll.codepay-guard'));
    const safeFixes = RULES.flatMap((r) => Object.values(r.meta.fixes ?? {})).filter((s) => s === 'safe');
    if (safeFixes.length === 0) assert.deepEqual(fixAll, []);
    const foreign = await client.request('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [{ ...d, source: 'eslint' }], only: [CodeActionKind.QuickFix] },
    }) as CodeAction[];
    assert.deepEqual(foreign, []);
    await closeAndWait(uri);
  });

  it('re-reads settings on didChangeConfiguration and re-validates open documents', async () => {
    const uri = uriOf(ws.app, 'src', 'settings.ts');
    await openAndWait(uri, payments(KEY));
    const asked = client.configurationRequests.length;
    try {
      client.settings = () => ({ ...defaults(), rules: { [RULE]: 'off' } });
      let since = client.mark();
      await client.configurationChanged();
      await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 0, 'empty diagnostics with the rule off');
      assert.ok(client.configurationRequests.length > asked, 'settings were asked again');

      client.settings = () => ({ ...defaults(), enable: false });
      since = client.mark();
      await client.configurationChanged();
      await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 0, 'empty diagnostics when disabled');

      client.settings = () => ({ ...defaults(), rules: { [RULE]: 'info' } });
      since = client.mark();
      await client.configurationChanged();
      const back = await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 1, 'the finding back at info');
      assert.equal(back.diagnostics[0].severity, DiagnosticSeverity.Information);
    } finally {
      client.settings = defaults;
      await client.configurationChanged();
    }
    await closeAndWait(uri);
  });

  it('reports invalid settings once, as a warning message and a log line, and ignores the bad entry', async () => {
    const first = uriOf(ws.app, 'src', 'bad-settings-1.ts');
    const second = uriOf(ws.app, 'src', 'bad-settings-2.ts');
    const warnings = () => client.shownMessages.filter((m) => m.type === MessageType.Warning && m.message.includes('no-such-rule'));
    try {
      client.settings = () => ({ ...defaults(), rules: { 'no-such-rule': 'error' } });
      await client.configurationChanged();
      const published = await openAndWait(first, payments(KEY));
      assert.equal(published.diagnostics.length, 1, 'valid entries still apply');
      await client.waitFor(() => (warnings().length > 0 ? true : undefined), 'a warning about the unknown rule');
      await openAndWait(second, payments(KEY));
      assert.equal(warnings().length, 1, 'reported once');
      assert.ok(client.logs.some((l) => l.type === MessageType.Warning && l.message.includes('no-such-rule')));
    } finally {
      client.settings = defaults;
      await client.configurationChanged();
    }
    await closeAndWait(first);
    await closeAndWait(second);
  });

  it('hover inside the finding shows the guideline clause, why it matters, how to fix and the doc link', async () => {
    const uri = uriOf(ws.app, 'src', 'hover.ts');
    await openAndWait(uri, payments(KEY));
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: KEY_LINE, character: KEY_CHARACTER + 5 } }) as Hover;
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.ok(contents.value.includes(`**${RULE}**`));
    assert.ok(contents.value.includes(`> ${GUIDELINE['2.3b']}`), 'quotes the guideline clause');
    assert.match(contents.value, /Why it matters/);
    assert.match(contents.value, /How to fix/);
    assert.match(contents.value, /docs\/rules\/hardcoded-secret\.md/);
    assert.ok(hover.range);
    assert.ok([KEY, `'${KEY}'`].includes(textIn(payments(KEY), hover.range)), 'the hover range is the finding');
    const outside = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(outside, null);
    await closeAndWait(uri);
  });

  it('showRuleDoc asks the client to show the bundled page (or the public one when it is not bundled)', async () => {
    await client.request('workspace/executeCommand', { command: 'codepay-guard.showRuleDoc', arguments: [RULE] });
    const shown = client.showDocuments.at(-1);
    assert.ok(shown, 'window/showDocument was sent');
    if (fs.existsSync(path.join(ROOT, 'docs', 'rules', `${RULE}.md`))) {
      assert.equal(shown.uri, uriOf(ROOT, 'docs', 'rules', `${RULE}.md`));
      assert.notEqual(shown.external, true);
    } else {
      assert.match(shown.uri, /^https:\/\/.*\/docs\/rules\/hardcoded-secret\.md$/);
      assert.equal(shown.external, true);
    }
    const count = client.showDocuments.length;
    await client.request('workspace/executeCommand', { command: 'codepay-guard.showRuleDoc', arguments: ['../../package'] });
    assert.equal(client.showDocuments.length, count, 'no document for an unknown rule id');
  });

  it('clears diagnostics on didClose', async () => {
    const uri = uriOf(ws.app, 'src', 'close.ts');
    await openAndWait(uri, payments(KEY));
    const since = client.mark();
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, since, () => true, 'a publish after close');
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('applies the team file of the document\'s folder, its ignore globs, and re-reads it when it changes', async () => {
    const uri = uriOf(ws.team, 'src', 'payments.ts');
    const first = await openAndWait(uri, payments(KEY));
    assert.equal(first.diagnostics[0]?.severity, DiagnosticSeverity.Warning, 'team file: warning');
    const ignored = await openAndWait(uriOf(ws.team, 'generated', 'keys.ts'), payments(KEY));
    assert.deepEqual(ignored.diagnostics, [], 'ignored by the team file');
    const appDoc = await openAndWait(uriOf(ws.app, 'generated', 'keys.ts'), payments(KEY));
    assert.equal(appDoc.diagnostics[0]?.severity, DiagnosticSeverity.Error, 'the other folder has no team file');

    const teamFile = path.join(ws.team, '.codepay-guard.json');
    fs.writeFileSync(teamFile, '{ "rules": { "hardcoded-secret": "info" } }\n');
    const since = client.mark();
    await client.watchedFilesChanged([{ uri: pathToFileURL(teamFile).toString(), type: FileChangeType.Changed }]);
    const updated = await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 1, 're-validation after the team file changed');
    assert.equal(updated.diagnostics[0].severity, DiagnosticSeverity.Information);
    for (const u of [uri, uriOf(ws.team, 'generated', 'keys.ts'), uriOf(ws.app, 'generated', 'keys.ts')]) await closeAndWait(u);
  });

  it('follows workspace folder changes: a document outside every folder loses the team file', async () => {
    const uri = uriOf(ws.team, 'src', 'folders.ts');
    const first = await openAndWait(uri, payments(KEY));
    assert.equal(first.diagnostics[0]?.severity, DiagnosticSeverity.Information, 'team file of the folder');
    const team = { uri: uriOf(ws.team), name: 'team' };
    let since = client.mark();
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [team] } });
    const outside = await client.waitForDiagnostics(uri, since, () => true, 're-validation after the folder went');
    assert.equal(outside.diagnostics[0]?.severity, DiagnosticSeverity.Error);
    since = client.mark();
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [team], removed: [] } });
    const back = await client.waitForDiagnostics(uri, since, () => true, 're-validation after the folder came back');
    assert.equal(back.diagnostics[0]?.severity, DiagnosticSeverity.Information);
    await closeAndWait(uri);
  });

  it('drops an analysis whose version moved on while its settings were being fetched', async () => {
    const uri = uriOf(ws.app, 'src', 'slow-settings.ts');
    try {
      // Settings arrive after the debounce interval, so the run for version 1 resumes when version 2 exists.
      client.settings = () => new Promise((resolve) => setTimeout(() => resolve(defaults()), DEBOUNCE_MS + 150));
      const since = client.mark();
      await client.open(uri, 'typescript', payments(KEY));
      await client.change(uri, `${payments(KEY)}const backupKey = '${KEY2}';\n`);
      const published = await client.waitForDiagnostics(uri, since, () => true, 'the first publish');
      assert.equal(published.version, 2);
      assert.equal(published.diagnostics.length, 2);
      assert.deepEqual(client.publishesSince(uri, since).map((p) => p.version), [2]);
    } finally {
      client.settings = defaults;
    }
    await closeAndWait(uri);
  });

  it('publishes only for the latest version after a burst of changes', async () => {
    const uri = uriOf(ws.app, 'src', 'burst.ts');
    await openAndWait(uri, 'export const amount = 1;\n');
    const since = client.mark();
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) {
      lines.push(`export const key${i} = '${i % 2 ? KEY : KEY2}';`);
      await client.change(uri, `${lines.join('\n')}\n`);
    }
    const last = client.version(uri);
    const published = await client.waitForDiagnostics(uri, since, (p) => p.version === last, 'the latest version');
    assert.equal(published.diagnostics.length, 10);
    assert.deepEqual(client.publishesSince(uri, since).map((p) => p.version), [last], 'no publish for a stale version');
    await closeAndWait(uri);
  });

  it('still finds the key in half-typed code that does not parse', async () => {
    const uri = uriOf(ws.app, 'src', 'half-typed.ts');
    const text = `const key = '${KEY}';\nfunction charge(amount {\n  return stripe.charges.create({ amount, `;
    const published = await openAndWait(uri, text);
    assert.equal(ours(published).length, 1);
    assert.equal(published.diagnostics[0].code, RULE);
    assert.equal(published.diagnostics[0].range.start.line, 0);
    await closeAndWait(uri);
  });

  it('checks untitled documents and text files', async () => {
    const untitled = 'untitled:Untitled-1';
    assert.equal(ours(await openAndWait(untitled, payments(KEY))).length, 1);
    const env = uriOf(ws.app, '.env');
    const published = await openAndWait(env, `PORT=3000\nSTRIPE_SECRET_KEY=${KEY}\n`, 'dotenv');
    assert.equal(ours(published).length, 1);
    assert.equal(published.diagnostics[0].range.start.line, 1);
    await closeAndWait(untitled);
    await closeAndWait(env);
  });

  it('never sends a secret unmasked: diagnostics, hovers, code actions, log messages, stderr', () => {
    assert.ok(client.traffic.length > 20, 'traffic was recorded');
    for (const secret of SECRETS) {
      for (const line of client.traffic) assert.ok(!leaks(line, secret), `leaked in: ${line.slice(0, 120)}`);
      assert.ok(!leaks(client.stderr, secret), 'leaked on stderr');
    }
    assert.ok(client.traffic.some((l) => l.includes('sk_live_****')), 'the masked form is used');
  });

  it('shuts down cleanly on shutdown/exit', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('language server over stdio: a minimal client', function () {
  this.timeout(20_000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;

  before(async () => {
    assertBundleBuilt();
    ws = makeWorkspace();
    // No configuration requests, workspace folders, versioned edits, showDocument, dynamic registration or markdown.
    client = await LspTestClient.start({ capabilities: {}, rootUri: uriOf(ws.minimal) });
  });

  after(() => {
    client?.dispose();
    if (ws) fs.rmSync(ws.root, { recursive: true, force: true });
  });

  it('falls back to rootUri, pushed settings, plain edits, plain-text hovers and a message for docs', async () => {
    const uri = uriOf(ws.minimal, 'src', 'payments.ts');
    let since = client.mark();
    await client.open(uri, 'typescript', payments(KEY));
    const first = await client.waitForDiagnostics(uri, since, () => true, 'first diagnostics');
    assert.equal(first.diagnostics[0]?.severity, DiagnosticSeverity.Information, 'team file found through rootUri');
    assert.equal(client.configurationRequests.length, 0);
    assert.equal(client.registrations.length, 0);

    since = client.mark();
    await client.configurationChanged({ codepayGuard: { rules: { [RULE]: 'warning' } } });
    const pushed = await client.waitForDiagnostics(uri, since, () => true, 'diagnostics with pushed settings');
    assert.equal(pushed.diagnostics[0]?.severity, DiagnosticSeverity.Warning, 'editor settings win over the team file');

    const [d] = pushed.diagnostics;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
    const suppress = actions.find((a) => a.title.startsWith('Suppress'));
    assert.ok(suppress?.edit?.changes?.[uri], 'plain `changes` edit');
    assert.equal(suppress.edit.documentChanges, undefined);

    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: d.range.start }) as Hover;
    assert.equal((hover.contents as MarkupContent).kind, 'plaintext');

    await client.request('workspace/executeCommand', { command: 'codepay-guard.showRuleDoc', arguments: [RULE] });
    assert.equal(client.showDocuments.length, 0);
    assert.ok(client.shownMessages.some((m) => m.message.includes('hardcoded-secret.md')));
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
