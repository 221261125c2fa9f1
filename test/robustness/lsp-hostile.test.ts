// The shipped language server (dist/server.js --stdio) on hostile input: every case document gets diagnostics within
// a deadline that only a hang reaches, requests on other documents are answered while a pathological file is being
// analysed, malformed requests get an answer (not a dead server), the network and child processes stay trapped, and
// no workspace code runs.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
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

  let rawIds = 0;
  /**
   * A request written to the server's stdin as is (vscode-jsonrpc's client would wrap `null` params in an array, and
   * cannot leave them out), its answer read from the server's stdout next to the test client's own reader.
   */
  async function rawRequest(method: string, params: unknown): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    const child = (client as unknown as { child: ChildProcess }).child;
    const id = `raw-${++rawIds}`;
    const body = JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return new Promise((resolve, reject) => {
      let seen = '';
      const start = `{"jsonrpc":"2.0","id":"${id}",`;
      const onData = (chunk: Buffer | string) => {
        seen += chunk.toString();
        const at = seen.indexOf(start);
        if (at === -1) return;
        const next = seen.indexOf('Content-Length:', at);
        try {
          const message = JSON.parse(seen.slice(at, next === -1 ? undefined : next)) as { result?: unknown; error?: { code: number; message: string } };
          finish();
          resolve(message);
        } catch {
          // Not all of it yet.
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no answer to ${method} ${body.slice(0, 120)} within ${HANG_DEADLINE_MS} ms`));
      }, HANG_DEADLINE_MS);
      const finish = () => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
      };
      child.stdout!.on('data', onData);
      child.stdin!.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
    });
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
    // Parsed in full (just under the 2,000,000-character limit): seconds of work for the server's analysis worker.
    // Hovers go out one after the other (at a typing pace: a flood would only take the cores from the analysis) until
    // its diagnostics arrive: every one must be answered.
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
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The key is found, unless the engine's time budget or the server's hard deadline ran out first (a busy machine):
    // then the file says so.
    const codes = (await published).diagnostics.map((d) => `${String(d.code)}: ${d.message}`);
    assert.ok(codes.some((c) => c.startsWith('hardcoded-secret:') || /^analysis-limit: .*(time budget|took too long)/.test(c)), codes.join('\n'));
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

  it('answers malformed hover, code action, command and report params with InvalidParams (-32602), and lives on', async () => {
    const uri = normalUri();
    const position = { line: 1, character: 26 };
    const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    const logsBefore = client.logs.length;
    const cases: Array<[string, string, unknown]> = [
      ['hover without params', 'textDocument/hover', undefined],
      ['hover with null params', 'textDocument/hover', null],
      ['hover with positional params', 'textDocument/hover', [{ textDocument: { uri }, position }, 'extra']],
      ['hover without textDocument', 'textDocument/hover', { position }],
      ['hover with a numeric uri', 'textDocument/hover', { textDocument: { uri: 42 }, position }],
      ['hover with the position as strings', 'textDocument/hover', { textDocument: { uri }, position: { line: '1', character: '26' } }],
      ['hover with the position as one string', 'textDocument/hover', { textDocument: { uri }, position: 'start' }],
      ['hover at a negative line', 'textDocument/hover', { textDocument: { uri }, position: { line: -5, character: 1 } }],
      ['hover at a huge character', 'textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1e300 } }],
      ['hover at line 2^53', 'textDocument/hover', { textDocument: { uri }, position: { line: 2 ** 53, character: 0 } }],
      ['hover at a fractional line', 'textDocument/hover', { textDocument: { uri }, position: { line: 1.5, character: 0 } }],
      ['code action with null params', 'textDocument/codeAction', null],
      ['code action without a range', 'textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }],
      ['code action with a null range', 'textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [] } }],
      ['code action with a backwards range', 'textDocument/codeAction', { textDocument: { uri }, range: { start: range.end, end: range.start }, context: { diagnostics: [] } }],
      ['code action without a context', 'textDocument/codeAction', { textDocument: { uri }, range }],
      ['code action with a null diagnostic', 'textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [null] } }],
      ['code action with a diagnostic without range', 'textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ message: 'x' }] } }],
      ['code action with a numeric only', 'textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: [1] } }],
      ['command with null params', 'workspace/executeCommand', null],
      ['command without a name', 'workspace/executeCommand', { arguments: [] }],
      ['unknown command', 'workspace/executeCommand', { command: 'codepay-guard.formatDisk', arguments: [] }],
      ['showRuleDoc with an object argument', 'workspace/executeCommand', { command: 'codepay-guard.showRuleDoc', arguments: [{ evil: true }, 42] }],
      ['showRuleDoc without arguments', 'workspace/executeCommand', { command: 'codepay-guard.showRuleDoc' }],
      ['showRuleDoc with arguments not an array', 'workspace/executeCommand', { command: 'codepay-guard.showRuleDoc', arguments: 'hardcoded-secret' }],
      ['scanWorkspace with arguments', 'workspace/executeCommand', { command: 'codepay-guard.scanWorkspace', arguments: [{ folder: '/' }] }],
      ['report with null params', 'codepayGuard/complianceReport', null],
      ['report with a numeric nonce', 'codepayGuard/complianceReport', { nonce: 12345 }],
      ['report with an object folderUri', 'codepayGuard/complianceReport', { folderUri: { path: '/' }, nonce: 'abc' }],
    ];
    const wrong: string[] = [];
    for (const [name, method, params] of cases) {
      const answer = await rawRequest(method, params);
      if (!answer.error) wrong.push(`${name}: answered ${JSON.stringify(answer.result)?.slice(0, 80)}`);
      else if (answer.error.code !== -32602) wrong.push(`${name}: error ${answer.error.code} ${answer.error.message}`);
      else if (!/param/i.test(answer.error.message)) wrong.push(`${name}: unclear message ${answer.error.message}`);
      assert.ok(await hoverNormal(), `the server still answers a normal hover after: ${name}`);
    }
    assert.deepEqual(wrong, []);
    // Through an ordinary client: a ResponseError whose message says what is wrong.
    const error = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: '1', character: 0 } }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ResponseError);
    assert.equal(error.code, -32602);
    assert.equal(error.message, 'textDocument/hover: invalid params: position.line must be an integer from 0 to 2147483647, not a string');
    // Well-formed requests on the edges are answered normally: a position past the end, a document nobody opened.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2 ** 31 - 1, character: 2 ** 31 - 1 } }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: uriOf(root, 'never-opened.ts') }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }).then((a) => Array.isArray(a)), true);
    assert.deepEqual(client.logs.slice(logsBefore).filter((l) => l.type === 1).map((l) => l.message), [], 'malformed params are answered, not logged as failures');
  });

  it('never reaches for the network or starts a process', () => {
    trap.assertClean('the language server');
  });
});

describe('robustness: the language server and a deeply nested team file', function () {
  this.timeout(5 * 60_000);

  it('puts "nested too deeply" on the team file where the nesting passes 64 levels, and keeps the last good config', async () => {
    const dir = tempDir('hostile-lsp-deep');
    const trap = new TrapMarker('lsp-deep');
    const key = fakeKey('LSP_DEEP_TEAM');
    const teamFile = path.join(dir, '.codepay-guard.json');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(teamFile, '{ "rules": { "hardcoded-secret": "warning" } }\n');
    const text = `export const merchantApiKey = '${key}';\n`;
    let client: LspTestClient | undefined;
    try {
      client = await startTrappedServer({ capabilities: FULL_CAPABILITIES, workspaceFolders: [{ uri: uriOf(dir), name: 'deep' }], settings }, trap);
      const doc = uriOf(dir, 'src', 'pay.ts');
      const teamUri = uriOf(teamFile);
      let since = client.mark();
      await client.open(doc, 'typescript', text);
      const first = await client.waitForDiagnostics(doc, since, (p) => p.diagnostics.some((d) => d.code === 'hardcoded-secret'), 'the finding', HANG_DEADLINE_MS);
      assert.equal(first.diagnostics.find((d) => d.code === 'hardcoded-secret')?.severity, 2, 'warning, as the team file says');

      // Saved on disk: 3,000 levels of arrays (jsonc-parser's getNodeValue overflows the stack at about this depth).
      fs.writeFileSync(teamFile, `{\n  "rules": { "hardcoded-secret": "off" },\n  "ignore": ${'['.repeat(3_000)}${']'.repeat(3_000)}\n}\n`);
      since = client.mark();
      await client.watchedFilesChanged([{ uri: teamUri, type: 2 }]);
      const problem = await client.waitForDiagnostics(teamUri, since, (p) => p.diagnostics.length > 0, 'the problem on the team file', HANG_DEADLINE_MS);
      assert.equal(problem.diagnostics.length, 1);
      assert.equal(problem.diagnostics[0].message, 'nested too deeply (more than 64 levels)');
      assert.equal(problem.diagnostics[0].severity, 1);
      // `{` is level 1, the first `[` (line 3, character 12) level 2: level 65 opens 63 characters further.
      assert.deepEqual(problem.diagnostics[0].range.start, { line: 2, character: 12 + 63 });
      const kept = await client.waitForDiagnostics(doc, since, () => true, 're-validation with the last good config', HANG_DEADLINE_MS);
      assert.equal(kept.diagnostics.find((d) => d.code === 'hardcoded-secret')?.severity, 2, 'the last good config (warning) stays, not "off"');

      // Typed in the editor, unsaved: objects 100,000 deep (parseTree itself overflows the stack from about 10,000).
      since = client.mark();
      await client.open(teamUri, 'jsonc', '{}\n');
      await client.change(teamUri, `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
      const live = await client.waitForDiagnostics(teamUri, since, (p) => p.diagnostics.some((d) => d.range.start.character === 320), 'the live problem', HANG_DEADLINE_MS);
      assert.match(live.diagnostics[0].message, /nested too deeply/);
      assert.ok(await client.request('textDocument/hover', { textDocument: { uri: doc }, position: { line: 0, character: 33 } }), 'still answers');
      assert.deepEqual(errorLogs(client), [], 'no handler failed');

      // Fixed: the problem goes, the new config applies.
      since = client.mark();
      await client.change(teamUri, '{ "rules": { "hardcoded-secret": "info" } }\n');
      await client.waitForDiagnostics(teamUri, since, (p) => p.diagnostics.length === 0, 'the problem cleared', HANG_DEADLINE_MS);
      await client.waitForDiagnostics(doc, since, (p) => p.diagnostics.find((d) => d.code === 'hardcoded-secret')?.severity === 3, 'the fixed config applies', HANG_DEADLINE_MS);
      trap.assertClean('the language server');
    } finally {
      client?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
      trap.remove();
    }
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
