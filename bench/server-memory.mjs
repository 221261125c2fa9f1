// Language-server memory after a workspace scan: the real server (`dist/server.js --stdio`) opens the benchmark corpus
// as its workspace, with one document open, and runs Scan Workspace over every file. It is started twice: as the VS
// Code extension starts it (with its malloc settings, client/src/server-env.ts) and bare, as another editor would start
// it. RSS is read from /proc (Linux only): right after the scan, once the scan's worker has stopped, and once settled
// after the main thread's post-scan compaction (unchanged within 2 MB over 3 s, at most 30 s), which is what an editor
// left idle keeps.
//
//   node bench/server-memory.mjs [--quick] [--json <file>]     (also run by `npm run bench`, or `--only server-memory`)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareCorpus } from './corpus.mjs';
import { LspClient, serverConstant } from './lsp-client.mjs';
import { formatNumber } from './stats.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SCAN_DEADLINE_MS = 30 * 60 * 1000;
/** The scan's worker stops after this long without work (30 s in use; shorter here, through the server's override). */
const IDLE_MS = 2000;
const SETTLE = { everyMs: 1000, stableMs: 3000, maxMs: 30_000, withinKb: 2048 };

const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

async function waitFor(check, what, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`bench: ${what} did not happen within ${deadlineMs / 1000} s`);
    await sleep(100);
  }
}

async function settledRssKb(pid) {
  const started = Date.now();
  let last = rssKb(pid);
  let stableSince = Date.now();
  while (Date.now() - started < SETTLE.maxMs) {
    await sleep(SETTLE.everyMs);
    const now = rssKb(pid);
    if (Math.abs(now - last) > SETTLE.withinKb) stableSince = Date.now();
    last = now;
    if (Date.now() - stableSince >= SETTLE.stableMs) break;
  }
  return { kb: last, afterMs: Date.now() - started };
}

async function scanOnce(corpus, env) {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'server.js'), '--stdio'], {
    cwd: corpus.root, env: { ...env, [serverConstant('TEST_IDLE_ENV')]: String(IDLE_MS) }, stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolvePromise) => child.on('close', resolvePromise));
  const client = new LspClient(child);
  const rootUri = pathToFileURL(corpus.root).href;
  try {
    await client.request('initialize', {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'corpus' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true } },
    });
    client.notify('initialized', {});
    // One document open in the editor, as while someone works (it lives only in the editor: the scan reads the disk).
    const uri = pathToFileURL(join(corpus.root, 'editor-only', 'checkout.ts')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: 'export const total = (a: number, b: number): number => a + b;\n' } });
    const started = performance.now();
    let deadline;
    const summary = await Promise.race([
      client.request('workspace/executeCommand', { command: 'codepay-guard.scanWorkspace', arguments: [] }),
      new Promise((_, reject) => { deadline = setTimeout(() => reject(new Error('bench: the workspace scan did not finish')), SCAN_DEADLINE_MS); }),
    ]).finally(() => clearTimeout(deadline));
    const scanMs = performance.now() - started;
    const afterScan = rssKb(child.pid);
    const logsAfterScan = client.logs.length;
    await waitFor(() => client.logs.slice(logsAfterScan).some((l) => /background analysis worker: stopped after/.test(l)), 'the idle scan worker stopping', 60_000);
    const workerStopped = rssKb(child.pid);
    // A while after the scan (20 s), the server's main thread compacts its heap (server/src/lsp/memory.ts).
    await waitFor(() => client.logs.slice(logsAfterScan).some((l) => /memory compacted after the scan/.test(l)), 'the post-scan compaction', 90_000);
    const settled = await settledRssKb(child.pid);
    await client.request('shutdown', null);
    client.notify('exit', null);
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    return {
      files: summary.files, findings: summary.findings, cancelled: summary.cancelled, scanMs,
      rssMb: { afterScan: afterScan / 1024, workerStopped: workerStopped / 1024, settled: settled.kb / 1024 }, settledAfterMs: settled.afterMs,
    };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

export async function runServerMemory({ quick = false, log = () => {} } = {}) {
  if (process.platform !== 'linux') return { skipped: 'needs /proc (Linux)' };
  if (!existsSync(join(repoRoot, 'dist', 'server.js'))) throw new Error('bench: dist/server.js is missing; run `npm run build` first');
  const { serverEnvironment } = require(join(repoRoot, 'out', 'client', 'server-env.js'));
  const corpus = prepareCorpus({ repoRoot, quick, log });
  const bare = { ...process.env };
  delete bare.GLIBC_TUNABLES;
  const runs = [];
  for (const [label, env] of [['as the VS Code extension starts it', { ...bare, ...serverEnvironment(bare) }], ['bare (another editor)', bare]]) {
    log(`server memory: ${label} …`);
    runs.push({ label, glibcTunables: env.GLIBC_TUNABLES ?? null, ...(await scanOnce(corpus, env)) });
  }
  return { corpusFiles: corpus.files.length, idleMs: IDLE_MS, runs };
}

export function formatServerMemoryMarkdown(result) {
  if (result.skipped) return `## Language-server memory\n\nSkipped: ${result.skipped}.`;
  const mb = (v) => formatNumber(v, 0);
  return [
    '## Language-server memory', '',
    `\`dist/server.js --stdio\` with the corpus as its workspace and one document open; *Scan Workspace* over every file, then RSS once the scan's worker has stopped (idle ${result.idleMs / 1000} s here, 30 s in use) and once settled after the main thread's post-scan compaction (20 s after the scan; unchanged within 2 MB over 3 s).`, '',
    '| server started | files | findings | scan s | RSS right after the scan MB | scan worker stopped MB | settled MB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...result.runs.map((r) => `| ${r.label} | ${formatNumber(r.files, 0)} | ${formatNumber(r.findings, 0)} | ${formatNumber(r.scanMs / 1000, 1)} | ${mb(r.rssMb.afterScan)} | ${mb(r.rssMb.workerStopped)} | ${mb(r.rssMb.settled)} (after ${formatNumber(r.settledAfterMs / 1000, 0)} s) |`),
  ].join('\n');
}

async function main() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { quick: { type: 'boolean' }, json: { type: 'string' } } });
  const result = await runServerMemory({ quick: values.quick ?? false, log: (m) => console.error(m) });
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  console.log(formatServerMemoryMarkdown(result));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
