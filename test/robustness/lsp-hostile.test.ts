// The shipped language server (dist/server.js --stdio) on hostile input: every case document gets diagnostics within
// a deadline that only a hang reaches, requests on other documents are answered while a pathological file is being
// analysed, malformed requests get an answer (not a dead server), the network and child processes stay trapped, and
// no workspace code runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fakeKey } from '../cli/helpers';
import { FULL_CAPABILITIES, SERVER_BUNDLE, type LspTestClient } from '../lsp/lsp-client';
import { HANG_DEADLINE_MS } from './deadline-runner';
import { languageIdOf, largeCases, minifiedBundle, nestingCases, shapeCases, targetedAttackCases, type HostileCase } from './hostile-cases';
import { executedMarkers, startTrappedServer, tempDir, TrapMarker, writeExecutableWorkspace, writeExtendsJsTeamFile } from './sandbox';

const KEY_RULES = ['hardcoded-secret', 'secret-in-client-code'];
const settings = () => ({ enable: true, rules: {}, ignore: [], trace: { server: 'off' } });

const uriOf = (...segments: string[]) => pathToFileURL(path.join(...segments)).toString();

/** Server messages logged as errors (failed handlers, rules that threw). */
function errorLogs(client: LspTestClient): string[] {
  return client.logs.filter((l) => l.type === 1).map((l) => l.message);
}

describe('robustness: the language server on hostile input', function () {
  this.timeout(20 * 60_000);
  let root: string;
  let client: LspTestClient;
  let trap: TrapMarker;
  const key = fakeKey('LSP_HOSTILE');
  const normalUri = () => uriOf(root, 'src', 'normal.ts');
  const normalText = `import Stripe from 'stripe';\nconst merchantApiKey = '${key}';\nexport const stripe = new Stripe(merchantApiKey);\n`;

  async function openAndWait(uri: string, languageId: string, text: string, timeoutMs = HANG_DEADLINE_MS): Promise<PublishDiagnosticsParams> {
    const since = client.mark();
    await client.open(uri, languageId, text);
    return client.waitForDiagnostics(uri, since, () => true, 'diagnostics after didOpen', timeoutMs);
  }

  async function closeAndWait(uri: string): Promise<void> {
    const since = client.mark();
    await client.close(uri);
    await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 0, 'diagnostics cleared on close');
  }

  /** The liveness probe: a hover on the finding of the normal document. */
  async function hoverNormal(): Promise<Hover | null> {
    return await client.request('textDocument/hover', { textDocument: { uri: normalUri() }, position: { line: 1, character: 26 } }) as Hover | null;
  }

  before(async () => {
    assert.ok(fs.existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing: run npm run build first`);
    root = tempDir('hostile-lsp');
    fs.mkdirSync(path.join(root, 'src'));
    trap = new TrapMarker('lsp');
    client = await startTrappedServer({ capabilities: FULL_CAPABILITIES, workspaceFolders: [{ uri: uriOf(root), name: 'hostile' }], settings }, trap);
    const published = await openAndWait(normalUri(), 'typescript', normalText);
    assert.ok(published.diagnostics.some((d) => d.code === 'hardcoded-secret'));
  });

  after(() => {
    client?.dispose();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    trap?.remove();
  });

  it('publishes diagnostics for every hostile document, and keeps answering', async () => {
    const cases: HostileCase[] = [...shapeCases(), ...nestingCases(), ...targetedAttackCases(), ...largeCases()];
    const failures: string[] = [];
    const timings: Array<[string, number]> = [];
    for (const c of cases) {
      const uri = uriOf(root, 'cases', c.path);
      const started = Date.now();
      try {
        const published = await openAndWait(uri, languageIdOf(c.path), c.text());
        timings.push([c.name, Date.now() - started]);
        const codes = published.diagnostics.map((d) => String(d.code));
        if (c.plantedKey && !codes.some((code) => KEY_RULES.includes(code))) failures.push(`${c.name}: the planted key was not reported`);
        await closeAndWait(uri);
      } catch (err) {
        failures.push(`${c.name}: ${(err as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(await hoverNormal(), 'the server still answers a hover');
    assert.deepEqual(errorLogs(client), []);
    const slowest = timings.sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`      ${cases.length} documents; slowest: ${slowest.map(([n, ms]) => `${n} ${ms} ms`).join(', ')}`);
  });

  it('answers hovers on another document all through the analysis of a pathological file', async () => {
    // Parsed in full (just under the 2,000,000-character limit): seconds of work on the server's only thread. Hovers
    // go out one after the other until its diagnostics arrive: every one must be answered.
    const uri = uriOf(root, 'src', 'bundle.ts');
    const since = client.mark();
    await client.open(uri, 'typescript', minifiedBundle(1_990_000, key));
    const published = client.waitForDiagnostics(uri, since, () => true, 'diagnostics of the bundle', HANG_DEADLINE_MS);
    let done = false;
    void published.then(() => { done = true; }, () => { done = true; });
    const latencies: number[] = [];
    while (!done) {
      const asked = Date.now();
      const hover = await Promise.race([
        hoverNormal(),
        new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), HANG_DEADLINE_MS).unref()),
      ]);
      assert.notEqual(hover, 'hang', `no hover answer within ${HANG_DEADLINE_MS} ms`);
      assert.ok(hover, 'the hover found the finding of the other document');
      latencies.push(Date.now() - asked);
    }
    assert.ok((await published).diagnostics.some((d) => d.code === 'hardcoded-secret'));
    await closeAndWait(uri);
    console.log(`      ${latencies.length} hovers answered while a 1.99 MB file was analysed; slowest answer ${Math.max(...latencies)} ms`);
  });

  it('answers malformed requests (an error or an empty result), ignores malformed notifications, and lives on', async () => {
    const outcomes: string[] = [];
    const ask = async (method: string, params: unknown): Promise<void> => {
      try {
        const result = await client.connection.sendRequest(method, params);
        outcomes.push(`${method}: result ${JSON.stringify(result)}`);
      } catch (err) {
        assert.ok(err instanceof ResponseError, `${method}: ${String(err)}`);
        outcomes.push(`${method}: error ${err.code}`);
      }
    };
    await ask('textDocument/hover', null);
    await ask('textDocument/hover', {});
    await ask('textDocument/hover', { textDocument: { uri: 42 }, position: 'start' });
    await ask('textDocument/hover', { textDocument: { uri: normalUri() }, position: { line: -5, character: 1e9 } });
    await ask('textDocument/codeAction', null);
    await ask('textDocument/codeAction', { textDocument: { uri: normalUri() }, range: null, context: { diagnostics: [null] } });
    await ask('workspace/executeCommand', { command: 'codepayGuard.showRuleDoc', arguments: [{ evil: true }, 42] });
    await ask('codepay/unknownMethod', { anything: 1 });
    const odd = uriOf(root, 'src', 'odd.ts');
    await openAndWait(odd, 'typescript', 'export const a = 1;\n');
    for (const [method, params] of [
      ['textDocument/didOpen', null],
      ['textDocument/didChange', { textDocument: { uri: uriOf(root, 'never-opened.ts'), version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri: odd, version: 99 }, contentChanges: [{ range: { start: { line: 1e6, character: 0 }, end: { line: -1, character: 0 } }, text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri: odd, version: 100 }, contentChanges: null }],
      ['textDocument/didClose', { textDocument: { uri: uriOf(root, 'never-opened.ts') } }],
      ['workspace/didChangeConfiguration', null],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 42, type: 'x' }] }],
      ['codepay/unknownNotification', null],
    ] as const) {
      await client.notify(method, params);
    }
    assert.ok(outcomes.some((o) => o === 'codepay/unknownMethod: error -32601'), outcomes.join('\n'));
    await client.close(odd);
    assert.ok(await hoverNormal(), `the server still answers; malformed requests got:\n${outcomes.join('\n')}`);
    console.log(`      malformed requests: ${outcomes.join('; ')}`);
  });

  it('never reaches for the network or starts a process', () => {
    trap.assertClean('the language server');
  });
});

describe('robustness: the language server never executes workspace code', function () {
  this.timeout(5 * 60_000);

  it('reads config-as-code files and a team file extending a .js file as text only', async () => {
    const dir = tempDir('hostile-lsp-exec');
    const trap = new TrapMarker('lsp-exec');
    const key = fakeKey('LSP_EXEC');
    writeExecutableWorkspace(dir, key);
    writeExtendsJsTeamFile(dir);
    let client: LspTestClient | undefined;
    try {
      client = await startTrappedServer({ capabilities: FULL_CAPABILITIES, workspaceFolders: [{ uri: uriOf(dir), name: 'exec' }], settings }, trap);
      const files = ['eslint.config.js', 'eslint.config.mjs', '.eslintrc.js', 'webpack.config.js', 'vite.config.ts', 'package.json', 'src/pay.js'];
      for (const rel of files) {
        const uri = uriOf(dir, rel);
        const since = client.mark();
        await client.open(uri, languageIdOf(rel), fs.readFileSync(path.join(dir, rel), 'utf8'));
        await client.waitForDiagnostics(uri, since, () => true, `diagnostics of ${rel}`, HANG_DEADLINE_MS);
      }
      // The team file and the module it extends, opened too: read as JSON (a configuration problem), never run.
      const extended = uriOf(dir, 'tools', 'codepay-guard.config.js');
      await client.open(uriOf(dir, '.codepay-guard.json'), 'jsonc', fs.readFileSync(path.join(dir, '.codepay-guard.json'), 'utf8'));
      await client.open(extended, 'javascript', fs.readFileSync(path.join(dir, 'tools', 'codepay-guard.config.js'), 'utf8'));
      const { diagnostics } = client;
      const problem = await client.waitFor(
        () => diagnostics.find((p) => p.uri === extended && p.diagnostics.some((d) => /invalid JSON/.test(d.message))),
        'the extended module reported as invalid JSON', HANG_DEADLINE_MS,
      );
      assert.ok(problem);
      assert.notEqual(await client.request('textDocument/hover', { textDocument: { uri: uriOf(dir, 'src/pay.js') }, position: { line: 0, character: 20 } }), undefined);
      assert.deepEqual(executedMarkers(dir), []);
      trap.assertClean('the language server');
    } finally {
      client?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
      trap.remove();
    }
  });
});
