// The language server's two bundles: dist/server.js (the main thread: LSP, settings, code actions) leaves the
// TypeScript parser out; dist/analysis-worker.js (the analysis workers) has it, and lends it to the main thread on the
// rare occasion that one analyses (when no worker can start).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FULL_CAPABILITIES, LspTestClient, ROOT, SERVER_BUNDLE } from './lsp-client';

const WORKER_BUNDLE = path.join(ROOT, 'dist', 'analysis-worker.js');
/** A message of TypeScript's scanner: present in any bundle that contains the parser. */
const PARSER_MARKER = 'Unterminated string literal.';
/** Found only with a syntax tree (the text checks do not judge password hashing). */
const MD5_PASSWORD = "import crypto from 'crypto';\nexport function hashPassword(password: string) {\n  return crypto.createHash('md5').update(password).digest('hex');\n}\n";

describe('language server: bundles', function () {
  this.timeout(120_000);

  it('keeps the parser out of the server bundle and in the analysis workers\' bundle', () => {
    assert.ok(fs.readFileSync(WORKER_BUNDLE, 'utf8').includes(PARSER_MARKER), 'the workers parse');
    assert.ok(!fs.readFileSync(SERVER_BUNDLE, 'utf8').includes(PARSER_MARKER), 'the main thread does not carry the parser');
  });

  it('analyses in full on the main thread, with the workers\' parser, when no worker can start', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-bundles-'));
    // Node's permission model: no worker threads allowed, files readable (the workers' bundle among them).
    const client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'ws' }],
      settings: () => ({}),
      nodeArgs: ['--experimental-permission', '--allow-fs-read=*', '--no-warnings'],
    });
    try {
      const uri = pathToFileURL(path.join(root, 'src', 'auth.ts')).toString();
      const since = client.mark();
      await client.open(uri, 'typescript', MD5_PASSWORD);
      const published = await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length > 0, 'diagnostics from the main thread', 60_000);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['weak-password-hash'], JSON.stringify(published.diagnostics));
      assert.ok(client.logs.some((l) => /analysing in the server's thread from now on/.test(l.message)), client.logs.map((l) => l.message).join('\n'));
    } finally {
      await client.shutdown();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
