// Keystroke latency: in-process analyze() against a bare parse of the same text, and the language server's
// didChange → publishDiagnostics time over stdio, on generated 2,000-, 5,000- and 10,000-line TypeScript merchant
// files. analyze() is timed twice per edit: from scratch (a file just opened, or the CLI) and as the editor runs it
// while you type (one IncrementalParser per document: only the top-level statements the edit touched are re-parsed),
// the latter alternately with the server's edits, version by version, so that the two compared share the machine's moods.
//
//   node bench/latency.mjs [--quick] [--sizes 5000] [--json <file>]     (also run by `npm run bench`, or `--only latency`)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EDIT_MARKER, generateMerchantModule } from './generate.mjs';
import { loadEngineBundle } from './engine.mjs';
import { LspClient, serverConstant } from './lsp-client.mjs';
import { formatNumber, median, percentile, summary } from './stats.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROBE = join(repoRoot, 'bench', 'rss-probe.cjs');
const SIZES = [2000, 5000, 10000];
const SEED = 4242;
/** Path the engine and the server see; a server file (not client code, not a test). */
const DOC_PATH = 'src/back-office/orders.ts';

/**
 * The server is measured like analyze(): as many edits after as many unmeasured ones, so that the two p95s compared
 * ("server beyond the debounce ≤ analysis + 10 ms") come from samples of the same size and equally warm code.
 */
const FULL = { warmup: 10, runs: 50, warmupEdits: 10, edits: 50 };
const QUICK = { warmup: 3, runs: 10, warmupEdits: 1, edits: 5 };

/**
 * The server's edits and this process's analyses take turns, and each waits this long after the other: a quiet
 * machine for both. Without it, this process's garbage collection right after its analysis (V8 runs it as the next
 * task) competed with the server receiving the next edit (its p95 went from 0.8 to 5.8 ms at 10,000 lines), and
 * the server's copy of the whole result to its main thread, right after publishing, with this process's analysis.
 */
const QUIET_MS = 50;
const pause = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

const loadEngine = () => loadEngineBundle({ name: 'engine-bundle', engineExports: ['analyze', 'IncrementalParser'] });

/** analyze()'s options for the document, as the language server gives them (default configuration). */
const analyzeOptions = (engine) => ({ path: DOC_PATH, languageId: 'typescript', config: {}, rules: engine.RULES, guidelineText: engine.GUIDELINE });

/**
 * The marker line after edit `n`, as while typing: each edit adds one character to the number (so everything after it
 * moves, as after a real keystroke), and every 24th deletes all but one digit again, like a deleted word.
 */
function editedLine(n) {
  return `export let benchEditCounter = ${String(1 + (n % 9)).repeat(1 + (n % 24))};`;
}

function withEditCounter(text, n) {
  return text.replace(EDIT_MARKER, editedLine(n));
}

/** analyze() and the bare parse, alternated per iteration so that machine noise hits both alike. */
function measureInProcess(engine, parse, text, plan) {
  const options = analyzeOptions(engine);
  const parseOptions = { range: true, loc: true, comment: true, jsx: false };
  const analyzeMs = [];
  const parseMs = [];
  let last;
  for (let i = 0; i < plan.warmup + plan.runs; i++) {
    // Every run sees a slightly different text, as after a keystroke: nothing can be served from a cache.
    const edited = withEditCounter(text, i + 1);
    const t0 = performance.now();
    last = engine.analyze(edited, options);
    const t1 = performance.now();
    parse(edited, parseOptions);
    const t2 = performance.now();
    if (i >= plan.warmup) {
      analyzeMs.push(t1 - t0);
      parseMs.push(t2 - t1);
    }
  }
  return {
    findings: last.findings.length,
    parsed: !last.parseError && !last.skipped,
    notes: [last.parseError && `parse error: ${last.parseError.message ?? last.parseError}`, last.skipped && `skipped: ${last.skipped}`].filter(Boolean),
    analyze: summary(analyzeMs),
    parse: summary(parseMs),
  };
}

/**
 * As typed: the analysis the language server's worker runs per edit, in this process, with the document's
 * IncrementalParser (only the top-level statements the edit touched are re-parsed). Returns a function that analyses
 * the next version and returns its time; it must find as many findings as a fresh analysis (`fresh`) and the server.
 */
function typedAnalysis(engine, text, fresh) {
  const options = analyzeOptions(engine);
  const parser = new engine.IncrementalParser();
  engine.analyze(text, { ...options, parser });
  let reused = 0;
  const run = (edited) => {
    const t0 = performance.now();
    const typed = engine.analyze(edited, { ...options, parser });
    const t1 = performance.now();
    if (typed.findings.length !== fresh) throw new Error('bench: incremental analysis disagrees with a fresh one');
    if (typed.stats.reusedParse) reused++;
    return { ms: t1 - t0, findings: typed.findings.length };
  };
  return { run, reused: () => reused };
}

/**
 * Opens the file in a fresh server, then makes one small edit at a time and times each edit to its diagnostics. Once
 * they arrive, the same version is analysed as typed in this process (the server idle meanwhile): the two are measured
 * alternately, edit by edit, so that the machine's changing speed weighs on both alike.
 */
async function measureServer(engine, text, fresh, lines, plan, debounceMs) {
  const workspace = join(repoRoot, '.cache', 'bench', 'latency-workspace');
  mkdirSync(join(workspace, dirname(DOC_PATH)), { recursive: true });
  writeFileSync(join(workspace, DOC_PATH), text);
  const rssFile = join(workspace, `server-${lines}.rss`);
  rmSync(rssFile, { force: true });
  const child = spawn(process.execPath, ['--require', PROBE, join(repoRoot, 'dist', 'server.js'), '--stdio'], {
    cwd: workspace,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolvePromise) => child.on('close', resolvePromise));
  const client = new LspClient(child);
  const rootUri = pathToFileURL(workspace).href;
  const uri = pathToFileURL(join(workspace, DOC_PATH)).href;
  try {
    await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { workspaceFolders: true } },
    });
    client.notify('initialized', {});

    let version = 1;
    const opened = performance.now();
    const firstDiagnostics = client.waitForDiagnostics(uri, version);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
    const first = await firstDiagnostics;

    const markerLine = text.split('\n').findIndex((l) => EDIT_MARKER.test(l));
    let currentLine = text.split('\n')[markerLine];
    const typed = typedAnalysis(engine, text, fresh);
    const latencies = [];
    const measuredVersions = [];
    const typedMs = [];
    for (let i = 0; i < plan.warmupEdits + plan.edits; i++) {
      version++;
      const newLine = editedLine(version);
      const arrived = client.waitForDiagnostics(uri, version);
      const sent = performance.now();
      client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: markerLine, character: 0 }, end: { line: markerLine, character: currentLine.length } }, text: newLine }],
      });
      const { at, count } = await arrived;
      currentLine = newLine;
      await pause(QUIET_MS);
      const here = typed.run(withEditCounter(text, version));
      await pause(QUIET_MS);
      if (here.findings !== count) throw new Error(`bench: the server published ${count} diagnostics, the engine found ${here.findings}`);
      if (i >= plan.warmupEdits) {
        measuredVersions.push(version);
        latencies.push(at - sent);
        typedMs.push(here.ms);
      }
    }
    await client.request('shutdown', null);
    client.notify('exit', null);
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
    // The server logs, per version, how long its worker's analyze() took: what it adds beyond that is its own cost.
    // An edit analysed ahead (while the debounce ran) was waited for only as long as its analysis outlasted the debounce.
    const analysisMs = new Map();
    const waitedMs = new Map();
    const analysedAhead = new Set();
    for (const line of client.logs) {
      const m = / v(\d+): \d+ finding\(s\) in [\d.]+ ms \(analysis ([\d.]+) ms(?:, ready ([\d.]+) ms before it was asked for|, waited for ([\d.]+) ms)?\)/.exec(line);
      if (!m) continue;
      const v = Number(m[1]);
      analysisMs.set(v, Number(m[2]));
      waitedMs.set(v, m[3] !== undefined ? 0 : m[4] !== undefined ? Number(m[4]) : Number(m[2]));
      if (m[3] !== undefined || m[4] !== undefined) analysedAhead.add(v);
    }
    const ahead = measuredVersions.filter((v) => analysedAhead.has(v)).length;
    const overheads = measuredVersions.map((v, i) => latencies[i] - debounceMs - waitedMs.get(v)).filter((ms) => Number.isFinite(ms));
    if (overheads.length !== latencies.length) throw new Error(`bench: the server logged its analysis time for ${overheads.length} of ${latencies.length} edits`);
    // Two runs of the same analysis, edit by edit: how far apart they land is the noise in comparing the two p95s.
    const paired = measuredVersions.map((v, i) => analysisMs.get(v) - typedMs[i]);
    return {
      openMs: first.at - opened,
      diagnostics: first.count,
      typed: summary(typedMs),
      reusedParses: typed.reused(),
      edits: summary(latencies),
      afterDebounce: summary(latencies.map((ms) => ms - debounceMs)),
      overhead: summary(overheads),
      workerAnalysis: summary(measuredVersions.map((v) => analysisMs.get(v))),
      workerMinusTyped: { median: median(paired), p5: percentile(paired, 5), p95: percentile(paired, 95) },
      analysedAhead: ahead,
      peakRssMb: rssKb / 1024,
    };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

export async function runLatency({ quick = false, sizes: only = SIZES, log = () => {} } = {}) {
  const plan = quick ? QUICK : FULL;
  const debounceMs = serverConstant('DEBOUNCE_MS');
  const engine = await loadEngine();
  const { parse } = await import('@typescript-eslint/typescript-estree');
  const sizes = [];
  for (const lines of only) {
    const text = generateMerchantModule({ seed: SEED, lines });
    log(`latency: ${lines} lines, in process …`);
    const inProcess = measureInProcess(engine, parse, text, plan);
    log(`latency: ${lines} lines, language server …`);
    const server = await measureServer(engine, text, inProcess.findings, lines, plan, debounceMs);
    sizes.push({ lines, bytes: Buffer.byteLength(text), ...inProcess, typed: server.typed, server });
  }
  return { plan, debounceMs, path: DOC_PATH, sizes };
}

const ms = (value) => formatNumber(value, value < 10 ? 2 : 1);
/** Which of n values, from the slowest, the nearest-rank p95 is ('third-slowest' of 50). */
const slowest = (n) => {
  const k = n - Math.ceil(0.95 * n) + 1;
  return k === 1 ? 'slowest' : `${['second', 'third', 'fourth', 'fifth'][k - 2] ?? `${k}th`}-slowest`;
};
const signed = (value) => `${value > 0 ? '+' : ''}${formatNumber(value, 1)}`;

export function formatLatencyMarkdown(result) {
  const { plan, debounceMs, sizes } = result;
  const inProcess = sizes.map((s) => [
    `${formatNumber(s.lines, 0)} lines (${formatNumber(s.bytes / 1024, 0)} KB, ${s.findings} findings${s.parsed ? '' : `, ${s.notes.join('; ')}`})`,
    `${ms(s.analyze.median)} / ${ms(s.analyze.p90)} / ${ms(s.analyze.p95)}`,
    `${ms(s.parse.median)} / ${ms(s.parse.p90)} / ${ms(s.parse.p95)}`,
    `×${formatNumber(s.analyze.median / s.parse.median, 2)}`,
    s.typed ? `${ms(s.typed.median)} / ${ms(s.typed.p90)} / ${ms(s.typed.p95)}` : 'n/a',
    s.typed ? `×${formatNumber(s.typed.p90 / s.parse.p90, 2)}` : 'n/a',
  ]);
  const server = sizes.map((s) => [
    `${formatNumber(s.lines, 0)} lines`,
    ms(s.server.openMs),
    `${ms(s.server.edits.median)} / ${ms(s.server.edits.p95)}`,
    `${ms(s.server.afterDebounce.median)} / ${ms(s.server.afterDebounce.p95)}`,
    s.typed ? `${ms(s.server.afterDebounce.median - s.typed.median)} / ${ms(s.server.afterDebounce.p95 - s.typed.p95)}` : 'n/a',
    s.server.workerAnalysis ? `${ms(s.server.workerAnalysis.median)} / ${ms(s.server.workerAnalysis.p95)}` : 'n/a',
    s.server.analysedAhead === undefined ? 'n/a' : `${s.server.analysedAhead} of ${plan.edits}`,
    s.server.overhead ? `${ms(s.server.overhead.median)} / ${ms(s.server.overhead.p95)}` : 'n/a',
    formatNumber(s.server.peakRssMb, 0),
  ]);
  const paired = sizes.filter((s) => s.server.workerMinusTyped).map(({ lines, server: { workerMinusTyped: d } }) =>
    `${formatNumber(lines, 0)} lines: median ${signed(d.median)}, 5th to 95th percentile ${signed(d.p5)} to ${signed(d.p95)} ms`);
  const table = (headers, rows) => [headers, headers.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  return [
    '## Keystroke latency',
    '',
    `In process, all rules, ${plan.runs} runs after ${plan.warmup} warm-up runs, each on a freshly edited text (one more character typed in a line in the middle of the file, so that everything after it moves); the bare parse is typescript-estree with range, loc and comments. "As typed" is what the language server runs per keystroke: the same analysis with the document's IncrementalParser, which re-parses only the top-level statements the edit touched (same findings, checked each run), measured edit by edit alternately with the language server below: once the server has published an edit's diagnostics, this process analyses the same version (and must find as many findings); each waits ${QUIET_MS} ms after the other, so that neither's garbage collection or copying competes with the other for the cores.`,
    '',
    table(['file', 'analyze() from scratch ms median / p90 / p95', 'bare parse ms median / p90 / p95', 'from scratch ÷ parse (median)', 'analyze() as typed ms median / p90 / p95', 'as typed ÷ parse (p90)'], inProcess),
    '',
    `Language server over stdio (\`dist/server.js --stdio\`): one character typed (the edit replaces the line) → \`publishDiagnostics\` of that version, ${plan.edits} edits after ${plan.warmupEdits} unmeasured ones; the server waits ${debounceMs} ms (DEBOUNCE_MS in server/src/lsp/analysis.ts) before analysing.`,
    '',
    table(['file', 'didOpen → diagnostics ms', 'didChange → diagnostics ms median / p95', `minus ${debounceMs} ms debounce: median / p95`, 'that minus analyze() as typed: median / p95', 'the server\'s own analyze() of the edits: median / p95', 'edits analysed ahead', 'beyond the debounce minus the part of the server\'s analysis the edit waited for: median / p95', 'server peak RSS MB'], server),
    '',
    'While the debounce runs, the server\'s worker parses each edit and, once typing has likely paused, analyses it ahead (a newer edit cancels that analysis): the analysis asked for when the debounce ends then finds its result ready, or waits for what remains of it. "Edits analysed ahead" counts the edits answered so. The column "minus analyze() as typed" compares the server with this process\'s analysis of the same version; "the server\'s own analyze()" gives the duration of its worker\'s analysis of each edit (from its log), wherever it ran; the last takes, edit by edit, the part of that analysis the edit waited for after the debounce (all of it when not analysed ahead) from the time beyond the debounce: what the server adds — the debounce timer firing, copying the text to the worker and the findings back, building and writing the diagnostics, and reading them here.',
    ...(paired.length ? ['', `How far apart two runs of the same analysis land, edit by edit (the server's own analyze() of a version minus this process's as-typed analyze() of that version, run right after it; the server's finds the text parsed): ${paired.join('; ')}. Each p95 above is the ${slowest(plan.edits)} of ${plan.edits} edits: a spread this wide moves it by several milliseconds from one run to the next, and the difference of two p95s by more.`] : []),
  ].join('\n');
}

async function main() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { quick: { type: 'boolean' }, json: { type: 'string' }, sizes: { type: 'string' } } });
  if (!existsSync(join(repoRoot, 'dist', 'server.js'))) {
    console.error('bench: dist/server.js is missing; run `npm run build` first');
    process.exit(2);
  }
  // `--sizes 5000` (or `2000,10000`): only those files, e.g. to look at one size more closely.
  const sizes = values.sizes ? values.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : SIZES;
  const result = await runLatency({ quick: values.quick ?? false, sizes, log: (m) => console.error(m) });
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  console.log(formatLatencyMarkdown(result));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
