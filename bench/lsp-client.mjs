// A minimal LSP client over a child process's stdio for the benchmarks: requests, notifications, the arrival time of
// each version's diagnostics, the server's log messages; server-to-client requests are answered with null.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIAGNOSTICS_DEADLINE_MS = 60_000;

/**
 * A constant the language server exports from server/src/lsp/analysis.ts (a number or a string), read from its source
 * so that the benchmarks follow the code (`DEBOUNCE_MS`, `TEST_IDLE_ENV`).
 */
export function serverConstant(name) {
  const source = readFileSync(join(repoRoot, 'server', 'src', 'lsp', 'analysis.ts'), 'utf8');
  const match = new RegExp(`export const ${name} = (?:([\\d_]+)|'([^']*)');`).exec(source);
  if (!match) throw new Error(`${name} not found in server/src/lsp/analysis.ts; update bench/lsp-client.mjs`);
  return match[1] !== undefined ? Number(match[1].replace(/_/g, '')) : match[2];
}

/** A minimal LSP client over the server's stdio: Content-Length framing, requests, notifications. */
export class LspClient {
  constructor(child) {
    this.child = child;
    this.nextId = 1;
    this.pending = new Map();
    this.diagnosticWaiters = [];
    /** The server's log messages (`window/logMessage`), in order. */
    this.logs = [];
    this.buffer = Buffer.alloc(0);
    child.stdout.on('data', (chunk) => this.receive(chunk));
    // A server that dies fails whatever waits on it, instead of leaving the bench waiting.
    child.on('close', (code, signal) => {
      const error = new Error(`the language server exited (${signal ?? `code ${code}`})`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
      for (const waiter of this.diagnosticWaiters.splice(0)) waiter.reject(error);
    });
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolvePromise, reject) => this.pending.set(id, { resolve: resolvePromise, reject }));
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** Resolves with the arrival time of the diagnostics for `uri` at `version`. */
  waitForDiagnostics(uri, version) {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${DIAGNOSTICS_DEADLINE_MS} ms`)), DIAGNOSTICS_DEADLINE_MS);
      this.diagnosticWaiters.push({
        uri, version, resolve: (at, count) => { clearTimeout(timer); resolvePromise({ at, count }); }, reject: (err) => { clearTimeout(timer); reject(err); },
      });
    });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body), performance.now());
    }
  }

  dispatch(message, at) {
    if (message.method === 'window/logMessage') {
      this.logs.push(message.params.message);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      const { uri, version, diagnostics } = message.params;
      const i = this.diagnosticWaiters.findIndex((w) => w.uri === uri && (version === undefined || w.version === version));
      if (i >= 0) this.diagnosticWaiters.splice(i, 1)[0].resolve(at, diagnostics.length);
    } else if (message.method !== undefined && message.id !== undefined) {
      // Server-to-client requests (registerCapability, configuration…): answer so the server never waits on us.
      const result = message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null;
      this.send({ id: message.id, result });
    } else if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve: done, reject } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else done(message.result);
    }
  }
}
