// The workspace scan through the real server: progress, cancellation, Problems for files nobody opened, file watching,
// as-you-type analysis that stays prompt during the scan, and the compliance report for the webview.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { TEST_IDLE_ENV } from '../../server/src/lsp/analysis';
import { TEST_COMPACT_ENV } from '../../server/src/lsp/memory';
import { clientServerEnv, FULL_CAPABILITIES, LspTestClient } from './lsp-client';

const KEY = ['sk', 'live', '51Hx9QmZr2LkTd8VbN3pWcYf'].join('_');
const FILES = 5000;
const WITH_KEYS = 50;
const CAPABILITIES = { ...FULL_CAPABILITIES, window: { ...FULL_CAPABILITIES.window, workDoneProgress: true } };

function makeWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-scan-'));
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, 'src', `m${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(dir, { recursive: true });
    const body = i % (FILES / WITH_KEYS) === 0
      ? `export const merchantApiKey = '${KEY}';\n`
      : `export function total${i}(items: Array<{ price: number; qty: number }>) {\n  return items.reduce((s, x) => s + x.price * x.qty, 0);\n}\n`;
    fs.writeFileSync(path.join(dir, `f${i}.ts`), body);
  }
  fs.mkdirSync(path.join(root, 'node_modules', 'dep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'dep', 'index.js'), `module.exports = '${KEY}';\n`);
  return root;
}

describe('language server: workspace scan', function () {
  this.timeout(180_000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = makeWorkspace();
    client = await LspTestClient.start({
      capabilities: CAPABILITIES,
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'shop' }],
      settings: () => ({}),
      // Started as the VS Code extension starts it (its malloc settings), and the scan's worker is stopped once idle
      // (30 s by default): sooner here, to report the memory left after it.
      env: { ...clientServerEnv().serverEnvironment(process.env), [TEST_IDLE_ENV]: '2000', [TEST_COMPACT_ENV]: '1000' },
    });
  });
  after(async () => {
    await client?.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('can be cancelled through its progress', async () => {
    const progressBefore = client.progress.length;
    const running = client.request('workspace/executeCommand', { command: 'codepay-guard.scanWorkspace', arguments: [] }) as Promise<{ files: number; cancelled: boolean }>;
    const begin = await client.waitFor(() => client.progress.slice(progressBefore).find((p) => p.value.kind === 'begin'), 'progress begin', 30_000);
    assert.equal(begin.value.cancellable, true);
    await client.waitFor(() => client.progress.slice(progressBefore).find((p) => p.value.kind === 'report'), 'a progress report', 60_000);
    await client.notify('window/workDoneProgress/cancel', { token: begin.token });
    const summary = await running;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files < FILES, `stopped early (${summary.files} of ${FILES})`);
    assert.ok(client.progress.some((p) => p.token === begin.token && p.value.kind === 'end'), 'progress ended');
  });

  it('scans every file with progress, publishes findings of unopened files, and keeps typing prompt meanwhile', async () => {
    const typed = pathToFileURL(path.join(root, 'src', 'typed.ts')).toString();
    await client.open(typed, 'typescript', 'export const a = 1;\n');
    const progressBefore = client.progress.length;
    const since = client.mark();
    const started = Date.now();
    const running = client.request('workspace/executeCommand', { command: 'codepay-guard.scanWorkspace', arguments: [] }) as Promise<{ files: number; findings: number; cancelled: boolean }>;
    await client.waitFor(() => client.progress.slice(progressBefore).find((p) => p.value.kind === 'report'), 'the scan under way', 60_000);

    // Typing during the scan: every edit gets its diagnostics; the latency beyond the debounce is printed for the record.
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const mark = client.mark();
      const sent = Date.now();
      await client.change(typed, `export const merchantApiKey${i} = '${KEY}';\n`);
      const version = client.version(typed);
      await client.waitForDiagnostics(typed, mark, (p) => p.version === version && p.diagnostics.length === 1, `fresh diagnostics during the scan (${i})`, 10_000);
      latencies.push(Date.now() - sent - 200);
    }
    const summary = await running;
    const elapsed = Date.now() - started;
    const logsAfterScan = client.logs.length;
    // typed.ts exists only in the editor: the scan reads the disk.
    assert.deepEqual([summary.files, summary.cancelled], [FILES, false], 'every file (node_modules skipped), not cancelled');
    assert.equal(summary.findings, WITH_KEYS);
    const reports = client.progress.slice(progressBefore).filter((p) => p.value.kind === 'report');
    assert.ok(reports.length >= 2, 'progress reported along the way');
    assert.match(reports[reports.length - 1].value.message ?? '', /^\d+ of 5000 files$/);
    const published = new Set(client.diagnostics.slice(since).filter((p) => p.diagnostics.length > 0).map((p) => p.uri));
    assert.equal([...published].filter((u) => u !== typed).length, WITH_KEYS, 'a diagnostic set for each file with a key, opened or not');
    assert.ok(![...published].some((u) => u.includes('node_modules')));
    const sorted = [...latencies].sort((a, b) => a - b);
    const status = () => (client.pid && fs.existsSync(`/proc/${client.pid}/status`) ? fs.readFileSync(`/proc/${client.pid}/status`, 'utf8') : '');
    const rss = (text: string, key: string) => Math.round(Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024);
    const afterScan = status();
    // The scan's worker stops once idle, and its memory goes back to the system: then the figure that stays.
    await client.waitFor(() => client.logs.slice(logsAfterScan).find((l) => /background analysis worker: stopped after .* without work/.test(l.message)), 'the idle scan worker stopped', 60_000);
    // And a while after the scan, the main thread gives back what the scan made its heap keep (memory.ts).
    await client.waitFor(() => client.logs.slice(logsAfterScan).find((l) => /workspace scan: memory compacted after the scan \(RSS \d+ → \d+ MB\)/.test(l.message)), 'the post-scan compaction', 60_000);
    const afterIdle = status();
    if (afterScan) {
      console.log(`      server memory right after the scan: RSS ${rss(afterScan, 'VmRSS')} MB (peak ${rss(afterScan, 'VmHWM')} MB); `
        + `once the scan worker stopped and the heap was compacted: RSS ${rss(afterIdle, 'VmRSS')} MB`);
    }
    console.log(`      workspace scan of ${FILES} files: ${elapsed} ms; didChange → diagnostics during the scan, beyond the 200 ms debounce: median ${sorted[2]} ms, max ${sorted[4]} ms`);
  });

  it('keeps the Problems panel fresh: created, changed and deleted files, and closed documents', async () => {
    const file = path.join(root, 'src', 'new-file.ts');
    const uri = pathToFileURL(file).toString();
    fs.writeFileSync(file, `export const merchantApiKey = '${KEY}';\n`);
    let since = client.mark();
    await client.watchedFilesChanged([{ uri, type: FileChangeType.Created }]);
    await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 1, 'a created file is analysed', 10_000);
    fs.writeFileSync(file, 'export const ok = true;\n');
    since = client.mark();
    await client.watchedFilesChanged([{ uri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(uri, since, (p) => p.diagnostics.length === 0, 'a changed file is re-analysed', 10_000);
    const keyFile = pathToFileURL(path.join(root, 'src', 'm0', 'f0.ts')).toString();
    fs.rmSync(path.join(root, 'src', 'm0', 'f0.ts'));
    since = client.mark();
    await client.watchedFilesChanged([{ uri: keyFile, type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(keyFile, since, (p) => p.diagnostics.length === 0, 'a deleted file loses its diagnostics', 10_000);

    const opened = pathToFileURL(path.join(root, 'src', 'm1', 'f100.ts')).toString();
    await client.open(opened, 'typescript', 'export const edited = 1;\n');
    since = client.mark();
    await client.close(opened);
    await client.waitForDiagnostics(opened, since, (p) => p.diagnostics.length === 1, 'closing shows the file on disk again', 10_000);
  });

  it('answers the compliance report request with the webview page of the folder', async () => {
    const answer = await client.request('codepayGuard/complianceReport', { folderUri: pathToFileURL(root).toString(), nonce: 'abcDEF123456', cspSource: 'vscode-webview://x' }) as { html: string };
    assert.match(answer.html, /script-src 'nonce-abcDEF123456'/);
    assert.match(answer.html, /data-path="src\/m1\/f100\.ts"/);
    assert.ok(!answer.html.includes(KEY), 'no secret in the report');
    assert.match(answer.html, /not checkable by static analysis/);
  });
});
