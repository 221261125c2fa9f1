// The language server analyses in worker threads: requests on other documents are answered while a large file is
// being analysed, an analysis past the hard deadline is stopped (with a note on the file) without stopping the server,
// and files that get only part of the analysis say so. Ordering only: no assertion depends on how fast anything is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, MessageType, type CodeAction, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { TEST_AHEAD_DELAY_ENV, TEST_DEADLINE_ENV, TEST_RESULT_HOLD_ENV, WARM_UP_RUNS } from '../../server/src/lsp/analysis';
import { ANALYSIS_NOTE_CODE } from '../../server/src/lsp/analysis-notes';
import { WARM_UP_MIN_CHARS } from '../../server/src/lsp/analysis-worker';
import { fakeKey } from '../cli/helpers';
import { minifiedBundle } from '../robustness/hostile-cases';
import { FULL_CAPABILITIES, LspTestClient } from './lsp-client';

const KEY = fakeKey('WORKER');
const CAPABILITIES = { ...FULL_CAPABILITIES, window: { ...FULL_CAPABILITIES.window, workDoneProgress: true } };
const uriOf = (...segments: string[]) => pathToFileURL(path.join(...segments)).toString();
const small = `import Stripe from 'stripe';\nconst merchantApiKey = '${KEY}';\nexport const stripe = new Stripe(merchantApiKey);\n`;
/** A minified script just under the parse limit: parsed in full, which takes the engine seconds. */
const bigScript = () => minifiedBundle(1_990_000, KEY);
/** Long enough for `maxFileSize: 1000` (the team file's key), short enough to stay quick. */
const overTeamLimit = `${small}${'export const total = (a: number, b: number): number => a + b;\n'.repeat(30)}`;

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-worker-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const notes = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === ANALYSIS_NOTE_CODE);

function assertNote(diagnostics: Diagnostic[], message: string): void {
  const found = notes(diagnostics);
  assert.equal(found.length, 1, `one note among ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  assert.deepEqual(
    { range: found[0].range, severity: found[0].severity, source: found[0].source, message: found[0].message },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'codepay-guard', message },
  );
}

describe('language server: analysis in worker threads', function () {
  this.timeout(300_000);
  const roots: string[] = [];
  const clients: LspTestClient[] = [];
  after(async () => {
    for (const c of clients) await c.shutdown().catch(() => c.dispose());
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  async function start(root: string, env?: Record<string, string>): Promise<LspTestClient> {
    const client = await LspTestClient.start({
      capabilities: CAPABILITIES, workspaceFolders: [{ uri: uriOf(root), name: 'shop' }], settings: () => ({}), env,
    });
    clients.push(client);
    return client;
  }

  async function openAndWait(client: LspTestClient, uri: string, text: string, timeoutMs = 30_000) {
    const since = client.mark();
    await client.open(uri, 'typescript', text);
    return client.waitForDiagnostics(uri, since, () => true, 'diagnostics after didOpen', timeoutMs);
  }

  const hover = (client: LspTestClient, uri: string) =>
    client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 28 } }) as Promise<Hover | null>;
  const codeActions = (client: LspTestClient, uri: string, diagnostics: Diagnostic[]) =>
    client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } }) as Promise<CodeAction[]>;

  it('warms the interactive worker up in its idle moments once a large document is open, analysing documents as they come', async () => {
    const root = workspace({});
    roots.push(root);
    const client = await start(root);
    const warmUpLogs = () => client.logs.filter((l) => l.message.startsWith('interactive analysis worker: warm'));
    // A small file: no warm-up (had one started, its first line would have come before these diagnostics).
    const smallUri = uriOf(root, 'src', 'checkout.ts');
    const { diagnostics } = await openAndWait(client, smallUri, small);
    assert.ok(diagnostics.some((d) => d.code === 'hardcoded-secret'));
    assert.deepEqual(warmUpLogs(), []);
    // A large one starts it.
    const large = `${small}${'export const total = (a: number, b: number): number => a + b;\n'.repeat(Math.ceil(WARM_UP_MIN_CHARS / 60))}`;
    const largeUri = uriOf(root, 'src', 'ledger.ts');
    const opened = await openAndWait(client, largeUri, large);
    assert.ok(opened.diagnostics.some((d) => d.code === 'hardcoded-secret'));
    await client.waitFor(
      () => client.logs.find((l) => new RegExp(`^interactive analysis worker: warmed up \\(${WARM_UP_RUNS} analyses of a sample while idle, \\d+\\.\\d s\\)$`).test(l.message)),
      'the warm-up log line', 60_000,
    );
    assert.deepEqual(warmUpLogs().map((l) => l.message.replace(/\d+\.\d s/, 'N s')), [
      `interactive analysis worker: warming up for large documents after one of ${large.length} characters: ${WARM_UP_RUNS} analyses of a sample while idle`,
      `interactive analysis worker: warmed up (${WARM_UP_RUNS} analyses of a sample while idle, N s)`,
    ]);
    const since = client.mark();
    await client.change(smallUri, `${small}export const more = 1;\n`);
    const after = await client.waitForDiagnostics(smallUri, since, () => true, 'diagnostics after the edit');
    assert.deepEqual(after.diagnostics.map((d) => d.code), diagnostics.map((d) => d.code));
  });

  it('answers hovers and code actions on another document before a large file\'s analysis is done', async () => {
    const root = workspace({});
    roots.push(root);
    const client = await start(root);
    const normal = uriOf(root, 'src', 'normal.ts');
    const { diagnostics } = await openAndWait(client, normal, small);
    assert.ok(diagnostics.some((d) => d.code === 'hardcoded-secret'));

    const big = uriOf(root, 'src', 'bundle.ts');
    const since = client.mark();
    await client.open(big, 'typescript', bigScript());
    // Its settings are fetched first: once the client answered that request, the analysis starts.
    await client.waitFor(() => client.configurationRequests.flatMap((r) => r.items).find((i) => i.scopeUri === big), 'the settings request of the large file', 30_000);
    const bigPublished = () => client.publishesSince(big, since).length > 0;
    const answered: string[] = [];
    for (let i = 0; i < 3; i++) {
      const h = await hover(client, normal);
      assert.ok(h, 'the hover found the finding of the other document');
      answered.push(`hover ${i}${bigPublished() ? ' (after the large file)' : ''}`);
      const actions = await codeActions(client, normal, diagnostics);
      assert.ok(actions.some((a) => a.title.startsWith('Show documentation for hardcoded-secret')), 'the quick fixes of the other document');
      answered.push(`codeAction ${i}${bigPublished() ? ' (after the large file)' : ''}`);
    }
    assert.deepEqual(answered, ['hover 0', 'codeAction 0', 'hover 1', 'codeAction 1', 'hover 2', 'codeAction 2'], 'every answer came before the large file\'s diagnostics');

    const published = await client.waitForDiagnostics(big, since, () => true, 'diagnostics of the large file', 240_000);
    assert.equal(published.version, 1);
    const logs = client.logs.filter((l) => l.type === MessageType.Error).map((l) => l.message);
    assert.deepEqual(logs, [], 'no error logged');
    await client.close(big);
  });

  it('answers a code action asked before the debounce ran out without waiting for the diagnostics to be written', async () => {
    const root = workspace({});
    roots.push(root);
    // The worker would hold every result for a minute: only the code action's wish can release it before the
    // diagnostics of the edit are written (200 ms after it, once the debounce ran out).
    const client = await start(root, { [TEST_RESULT_HOLD_ENV]: '60000' });
    const uri = uriOf(root, 'src', 'checkout.ts');
    const { diagnostics } = await openAndWait(client, uri, small);
    const since = client.mark();
    await client.change(uri, `${small}export const more = 1;\n`);
    const actions = await codeActions(client, uri, diagnostics);
    assert.ok(actions.some((a) => a.title.startsWith('Show documentation for hardcoded-secret')), 'the quick fixes of the edited version');
    assert.deepEqual(client.publishesSince(uri, since), [], 'answered before the diagnostics of the edit were published');
    const published = await client.waitForDiagnostics(uri, since, () => true, 'diagnostics after the edit');
    assert.equal(published.version, 2);
    assert.deepEqual(published.diagnostics.map((d) => d.code), diagnostics.map((d) => d.code));
  });

  for (const [delay, outcome, line] of [
    // Ready before the debounce ends, or (on a very slow machine) still under way then and waited for: analysed ahead.
    ['1', 'analyses it ahead: the analysis asked for is answered with its result', /v2: 1 finding\(s\) in [\d.]+ ms \(analysis [\d.]+ ms, (?:ready [\d.]+ ms before it was asked for|waited for [\d.]+ ms)\) \(analysed ahead\)$/],
    ['60000', 'parses it only, if typing has not paused long enough for an analysis ahead: the analysis finds it parsed', /v2: 1 finding\(s\) in [\d.]+ ms \(analysis [\d.]+ ms\) \(parsed ahead\)$/],
  ] as const) {
    it(`works on an edit while the debounce runs: ${outcome}`, async () => {
      const root = workspace({});
      roots.push(root);
      // The worker analyses an edit ahead this long after it (not timed from the document's last analysis).
      const client = await start(root, { [TEST_AHEAD_DELAY_ENV]: delay });
      const uri = uriOf(root, 'src', 'ledger.ts');
      const padding = 'export const total = (a: number, b: number): number => a + b;\n'.repeat(100);
      const { diagnostics } = await openAndWait(client, uri, `${small}${padding}`);
      const since = client.mark();
      await client.change(uri, `${small}export const revision = 2;\n${padding}`);
      const published = await client.waitForDiagnostics(uri, since, () => true, 'diagnostics after the edit');
      assert.equal(published.version, 2);
      assert.deepEqual(published.diagnostics, diagnostics.map((d) => ({ ...d, data: { ...d.data, version: 2 } })));
      const debug = await client.waitFor(() => client.logs.find((l) => l.type === MessageType.Debug && l.message.includes(`${uri} v2:`)), 'the debug line of v2');
      assert.match(debug.message, line);
    });
  }

  it('stops an analysis past the hard deadline with a note on the file, and goes on analysing other documents', async () => {
    const root = workspace({});
    roots.push(root);
    // A deadline any small file meets and the large one cannot (its parse alone takes seconds).
    const client = await start(root, { [TEST_DEADLINE_ENV]: '1000' });
    const normal = uriOf(root, 'src', 'normal.ts');
    assert.ok((await openAndWait(client, normal, small)).diagnostics.some((d) => d.code === 'hardcoded-secret'));

    const big = uriOf(root, 'src', 'bundle.ts');
    const published = await openAndWait(client, big, bigScript(), 120_000);
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
    assertNote(published.diagnostics, 'CodePay Guard: analysis of this file took too long and was stopped');
    assert.ok(client.logs.some((l) => l.type === MessageType.Warning && /interactive analysis worker: the analysis of src\/bundle\.ts took longer than 1\.0 s and was stopped/.test(l.message)),
      'the output channel says so');
    assert.ok(!client.logs.some((l) => l.type === MessageType.Error), 'not an error');

    assert.ok(await hover(client, normal), 'the server still answers');
    assert.equal(await hover(client, big), null, 'nothing to hover on the stopped file');
    const next = uriOf(root, 'src', 'next.ts');
    const nextPublished = await openAndWait(client, next, small);
    assert.deepEqual(nextPublished.diagnostics.map((d) => d.code), ['hardcoded-secret'], 'the next document is analysed normally');
  });

  it('says when a file got only the text checks (team maxFileSize, or the default limit), in the editor and in the workspace scan', async () => {
    const root = workspace({
      'limited/.codepay-guard.json': '{ "maxFileSize": 1000 }\n',
      'limited/src/unopened.ts': overTeamLimit,
      'limited/src/fine.ts': small,
    });
    roots.push(root);
    const client = await start(root);
    const limited = uriOf(root, 'limited', 'src', 'opened.ts');
    const opened = await openAndWait(client, limited, overTeamLimit);
    assertNote(opened.diagnostics, 'CodePay Guard: file too large for full analysis (more than 1,000 characters): only text checks ran');
    assert.ok(opened.diagnostics.some((d) => d.code === 'hardcoded-secret'), 'the text checks still find the key');

    const huge = uriOf(root, 'src', 'generated.ts');
    const text = `${small}${'// padding\n'.repeat(2_000_000 / 11 + 10)}`;
    const hugePublished = await openAndWait(client, huge, text, 120_000);
    assertNote(hugePublished.diagnostics, 'CodePay Guard: file too large for full analysis (more than 2,000,000 characters): only text checks ran');
    assert.ok(hugePublished.diagnostics.some((d) => d.code === 'hardcoded-secret'));
    await client.close(huge);

    const since = client.mark();
    const summary = await client.request('workspace/executeCommand', { command: 'codepay-guard.scanWorkspace', arguments: [] }) as { files: number };
    assert.ok(summary.files >= 2);
    const unopened = client.publishesSince(uriOf(root, 'limited', 'src', 'unopened.ts'), since).pop();
    assert.ok(unopened, 'the scan published the unopened file');
    assertNote(unopened.diagnostics, 'CodePay Guard: file too large for full analysis (more than 1,000 characters): only text checks ran');
    assert.ok(unopened.diagnostics.some((d) => d.code === 'hardcoded-secret'));
    const fine = client.publishesSince(uriOf(root, 'limited', 'src', 'fine.ts'), since).pop();
    assert.deepEqual(fine?.diagnostics.map((d) => d.code), ['hardcoded-secret'], 'a fully analysed file has no note');
  });
});
