// The analysis worker thread: runs the engine's synchronous analyze() away from the server's main thread, so that a
// large or pathological file never holds up hovers, code actions or other documents. The worker starts from its own
// bundle (dist/analysis-worker.js: engine, rules and the TypeScript parser, see scripts/bundle.mjs), or from this
// compiled module when the server runs from the tsc output (tests). The server's bundle (dist/server.js) leaves the
// parser out: its main thread never parses, which keeps megabytes of code out of its memory.
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions, AnalyzeResult, Baseline, Config, Finding } from '../engine';
import { analysisEngine } from './engine';
import { WARM_UP_MARKER, WARM_UP_PATH, WARM_UP_SAMPLE } from './warm-up-sample';

/** The module a worker starts from: the workers' bundle next to the server's, or this file (compiled). */
export const WORKER_FILE = path.join(__dirname, 'analysis-worker.js');

/**
 * The TypeScript parser, for the server's main thread should it ever have to analyse (when workers cannot run): the
 * server's bundle resolves the parser's module to this export of the workers' bundle (see scripts/bundle.mjs).
 */
export { tsestree as typescriptEstree } from '../engine';

/** `workerData` of an analysis worker: the marker that tells the bundle's entry point not to start a server. */
export interface AnalysisWorkerData {
  codepayGuardAnalysisWorker: true;
  /** Scheduling priority of the worker's thread (Linux only, where it is per thread: 10 for background work). */
  niceness?: number;
  /**
   * Runs of the warm-up sample in the moments the worker has no job, once it has analysed its first large document
   * (the interactive worker's, see {@link warmUpWhileIdle} and {@link WARM_UP_MIN_CHARS}).
   */
  warmUpRuns?: number;
  /**
   * Shared with the server's thread (one 32-bit slot): after the summary of an open document's analysis the worker
   * waits here, blocked and using no CPU, until the server stores that job's id (its diagnostics are written) or
   * `resultHoldMs` have passed; then it sends the whole result. See {@link waitForRelease}.
   */
  release?: Int32Array;
  /** Longest wait for the release (default {@link RESULT_HOLD_MS}; tests make it longer). */
  resultHoldMs?: number;
  /**
   * Shared with the server's thread (one 32-bit slot): the server adds one for every edit of an open document (and
   * every closing) before it tells the worker. An analysis ahead (see `PrepareRequest.aheadInMs`) that sees it change
   * stops where it is: its text is no longer the newest.
   */
  edits?: Int32Array;
}

/**
 * How long the worker waits at most for the server to release an open document's result (see
 * `AnalysisWorkerData.release`): writing the diagnostics takes a few milliseconds; a server busy with something else,
 * or a result nobody publishes, gets the result after this anyway (a hover or code action waiting releases it at once).
 */
export const RESULT_HOLD_MS = 50;

/**
 * Blocks this thread until `release` holds `id` or `ms` have passed (true: released). Until then nothing of the
 * worker's competes for the cores with the server writing the diagnostics: neither copying the whole result (several
 * times larger than the summary) nor the garbage collection V8 schedules right after a job. On two cores, either
 * delayed the diagnostics by up to several milliseconds.
 */
export function waitForRelease(release: Int32Array, id: number, ms: number): boolean {
  const until = performance.now() + ms;
  for (;;) {
    const value = Atomics.load(release, 0);
    if (value === id) return true;
    const left = until - performance.now();
    if (left <= 0) return false;
    Atomics.wait(release, 0, value, left);
  }
}

/**
 * The warm-up starts after the first analysis of a text at least this long (about 800 lines): below it, code V8 has
 * not optimised yet still analyses a file in a few tens of milliseconds, and the warm-up would only cost memory (the
 * optimised code and the young generation it grows, about 25 MB) that editing small files never needs.
 */
export const WARM_UP_MIN_CHARS = 40_000;

/** Whether an analysis of this text starts the warm-up (when the worker has one and it has not started). */
export function startsWarmUp(textLength: number): boolean {
  return textLength >= WARM_UP_MIN_CHARS;
}

/** One analysis: the engine's options as plain data (structured-cloneable; the baseline as its keys). */
export interface AnalysisRequest {
  type: 'analyze';
  id: number;
  text: string;
  path: string;
  languageId?: string;
  config: Config;
  /** Keys (`ruleId:fingerprint`) of the file's baseline entries. */
  baseline?: string[];
  maxFileSize?: number;
  timeBudgetMs?: number;
  /**
   * The document this text is a version of (open documents only): the worker keeps its last tree and re-parses only
   * what the edit touched (the engine's IncrementalParser).
   */
  document?: string;
  /** When the server posted the request (ms since the epoch, `performance.timeOrigin + performance.now()`). */
  postedAt?: number;
}

/**
 * An open document was edited: the worker brings its tree up to the new text while the server waits for typing to
 * pause (IncrementalParser.prepare: only the statements the edit touched are parsed), so that the analysis after the
 * pause finds it parsed.
 */
export interface PrepareRequest {
  type: 'prepare';
  document: string;
  text: string;
  /**
   * Also analyse the text this long after the edit, unless another edit comes first, with the options of the
   * document's last analysis: the analysis asked for once typing pauses then finds its result ready. Absent: parse only.
   */
  aheadInMs?: number;
}

/** The document was closed: the worker forgets its tree. */
export interface ForgetRequest {
  type: 'forget';
  document: string;
}

/** What the diagnostics of a finding need: no fixes, explanation or snippet. */
export type FindingSummary = Pick<Finding, 'ruleId' | 'severity' | 'message' | 'start' | 'end' | 'fingerprint'>;

/** A result as far as publishing its diagnostics needs it (a small message, quick to copy between threads). */
export type AnalysisSummary = Omit<AnalyzeResult, 'findings' | 'suppressions'> & {
  findings: FindingSummary[];
  /** How long analyze() took in the worker (for the log: what the server adds to it is the rest). */
  analysisMs: number;
  /**
   * Set when the result was analysed ahead (`stats.analysedAhead`): how long before the request was posted it was
   * ready; negative when the request waited that long for the analysis to end.
   */
  readyBeforeMs?: number;
};

export function summarize(result: AnalyzeResult, analysisMs: number, readyBeforeMs?: number): AnalysisSummary {
  const { findings, suppressions: _suppressions, ...rest } = result;
  return {
    ...rest,
    findings: findings.map(({ ruleId, severity, message, start, end, fingerprint }) => ({ ruleId, severity, message, start, end, fingerprint })),
    analysisMs,
    ...(readyBeforeMs === undefined ? {} : { readyBeforeMs }),
  };
}

/** An analysis ahead (see `PrepareRequest.aheadInMs`), as the worker reports it. */
export interface AheadReport {
  document: string;
  /** The length of the text analysed. */
  chars: number;
  /**
   * `ready`: its result waits for the request; stopped because a newer edit came (`cancelled`) or at its time budget
   * (`incomplete`): the request analyses as usual.
   */
  outcome: 'ready' | 'cancelled' | 'incomplete';
  ms: number;
}

/** Milliseconds since the epoch, comparable between the server's threads. */
export const wallClock = (): number => performance.timeOrigin + performance.now();

/** The engine options of a request (its baseline keys as a set). */
const requestOptions = (request: AnalysisRequest): AnalyzeOptions => analyzeOptions({ ...request, baseline: request.baseline && new Set(request.baseline) });

/** What an analysis depends on besides the text: an analysis ahead answers a request only if this is the same. */
function optionsKey(request: Omit<AnalysisRequest, 'type' | 'id' | 'text' | 'postedAt'>): string {
  const { path: file, languageId, config, baseline, maxFileSize, timeBudgetMs } = request;
  return JSON.stringify([file, languageId, config, baseline, maxFileSize, timeBudgetMs]);
}

/** An analysis made ahead, while the debounce ran (see `PrepareRequest.aheadInMs`). */
interface AheadResult {
  document: string;
  text: string;
  optionsKey: string;
  result: AnalyzeResult;
  analysisMs: number;
  /** When it was ready ({@link wallClock}). */
  readyAt: number;
}

export type WorkerMessage =
  /** The engine is loaded (and has analysed a line of code): jobs may come. */
  | { type: 'ready' }
  /**
   * An open document's analysis, summarised: its diagnostics are published without waiting for the whole result
   * (fixes and explanations, several times larger) to be copied to the server's thread. The result follows once the
   * server has written the diagnostics (see `AnalysisWorkerData.release`): received earlier, its copy would hold up
   * their writing.
   */
  | { type: 'summary'; id: number; summary: AnalysisSummary }
  | { type: 'result'; id: number; result: AnalyzeResult }
  /** analyze() never throws; anything else that failed around it (should not happen) is reported, not thrown. */
  | { type: 'failed'; id: number; message: string }
  /** An edit was analysed ahead, or that analysis stopped. */
  | ({ type: 'analysedAhead' } & AheadReport)
  /** The warm-up starts: a document of `chars` characters was analysed. */
  | { type: 'warmingUp'; runs: number; chars: number }
  /** The warm-up runs are done (`ms`: from its start to the end of the last run, jobs analysed in between included). */
  | { type: 'warmedUp'; runs: number; ms: number };

export function isAnalysisWorkerThread(): boolean {
  return !isMainThread && Boolean((workerData as Partial<AnalysisWorkerData> | undefined)?.codepayGuardAnalysisWorker);
}

/** The engine options of a job (the same in the worker and in the main-thread fallback). */
export function analyzeOptions(job: Omit<AnalysisRequest, 'type' | 'id' | 'text' | 'baseline'> & { baseline?: Baseline }): AnalyzeOptions {
  const { RULES, GUIDELINE } = analysisEngine();
  return {
    path: job.path,
    languageId: job.languageId,
    config: job.config,
    rules: RULES,
    guidelineText: GUIDELINE,
    baseline: job.baseline,
    maxFileSize: job.maxFileSize,
    timeBudgetMs: job.timeBudgetMs,
  };
}

function runAnalysisWorker(data: AnalysisWorkerData): void {
  const port = parentPort;
  if (!port) return;
  // Linux gives each thread its own priority (elsewhere this would lower the whole server: not done there).
  if (data.niceness && process.platform === 'linux') {
    try {
      os.setPriority(0, data.niceness);
    } catch {
      // Not allowed: the worker runs at normal priority.
    }
  }
  // Load the parser and rules now, and run them once on a small file: the first real job then starts warm.
  const { analyze, IncrementalParser } = analysisEngine();
  analyze('export const warm = (a: number): number => a + 1;\n', analyzeOptions({ path: 'warm-up.ts', config: {} }));
  /** The incremental parser (last tree) of each open document. */
  const parsers = new Map<string, InstanceType<typeof IncrementalParser>>();
  /** The options of each open document's last analysis (an analysis ahead uses them), and their key. */
  const lastRequests = new Map<string, { request: AnalysisRequest; key: string }>();
  /** The analysis ahead waiting for the end of its delay, and the last one made (one document at a time). */
  let aheadTimer: NodeJS.Timeout | undefined;
  let ahead: AheadResult | undefined;
  const dropAhead = () => {
    clearTimeout(aheadTimer);
    aheadTimer = undefined;
    ahead = undefined;
  };
  let warmUpPending = Boolean(data.warmUpRuns);
  const { release, edits } = data;
  const analyseAhead = (document: string, text: string, generation: number) => {
    aheadTimer = undefined;
    const last = lastRequests.get(document);
    const parser = parsers.get(document);
    if (!last || !parser || !edits || Atomics.load(edits, 0) !== generation) return;
    const cancelled = () => Atomics.load(edits, 0) !== generation;
    try {
      const options = requestOptions(last.request);
      const started = performance.now();
      const result = analyze(text, { ...options, parser, cancelled });
      const ms = performance.now() - started;
      // Cancelled (a newer edit came), or not run to the end: the analysis asked for runs as usual.
      const outcome = cancelled() ? 'cancelled' : result.incomplete !== undefined ? 'incomplete' : 'ready';
      if (outcome === 'ready') ahead = { document, text, optionsKey: last.key, result, analysisMs: ms, readyAt: wallClock() };
      port.postMessage({ type: 'analysedAhead', document, chars: text.length, outcome, ms } satisfies WorkerMessage);
    } catch {
      // Nothing is lost: the analysis asked for runs as usual (analyze() itself never throws).
    }
  };
  port.on('message', (request: AnalysisRequest | ForgetRequest | PrepareRequest) => {
    if (request?.type === 'prepare') {
      dropAhead();
      const parser = parsers.get(request.document);
      parser?.prepare(request.text);
      if (parser && edits && request.aheadInMs !== undefined && lastRequests.has(request.document)) {
        const { document, text } = request;
        const generation = Atomics.load(edits, 0);
        aheadTimer = setTimeout(() => analyseAhead(document, text, generation), Math.max(0, request.aheadInMs));
      }
      return;
    }
    if (request?.type === 'forget') {
      if (ahead?.document === request.document) dropAhead();
      parsers.delete(request.document);
      lastRequests.delete(request.document);
      return;
    }
    if (request?.type !== 'analyze') return;
    try {
      let parser: InstanceType<typeof IncrementalParser> | undefined;
      let key: string | undefined;
      if (request.document !== undefined) {
        parser = parsers.get(request.document) ?? new IncrementalParser();
        parsers.set(request.document, parser);
        key = optionsKey(request);
        lastRequests.set(request.document, { request: { ...request, text: '' }, key });
      }
      const made = ahead;
      const answered = made !== undefined && made.document === request.document && made.optionsKey === key && made.text === request.text;
      dropAhead();
      let result: AnalyzeResult;
      let analysisMs: number;
      let readyBeforeMs: number | undefined;
      if (answered) {
        result = made.result;
        result.stats.analysedAhead = true;
        analysisMs = made.analysisMs;
        readyBeforeMs = request.postedAt === undefined ? undefined : request.postedAt - made.readyAt;
      } else {
        const options = requestOptions(request);
        const started = performance.now();
        result = analyze(request.text, { ...options, parser });
        analysisMs = performance.now() - started;
      }
      if (parser) {
        if (release) Atomics.store(release, 0, 0);
        port.postMessage({ type: 'summary', id: request.id, summary: summarize(result, analysisMs, readyBeforeMs) } satisfies WorkerMessage);
        if (release) waitForRelease(release, request.id, data.resultHoldMs ?? RESULT_HOLD_MS);
      }
      port.postMessage({ type: 'result', id: request.id, result } satisfies WorkerMessage);
      if (warmUpPending && startsWarmUp(request.text.length)) {
        warmUpPending = false;
        const runs = data.warmUpRuns!;
        port.postMessage({ type: 'warmingUp', runs, chars: request.text.length } satisfies WorkerMessage);
        warmUpWhileIdle(runs, { done: (ms) => port.postMessage({ type: 'warmedUp', runs, ms } satisfies WorkerMessage) });
      }
    } catch (err) {
      port.postMessage({ type: 'failed', id: request.id, message: (err as Error)?.message ?? String(err) } satisfies WorkerMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

/**
 * Analyses the warm-up sample (warm-up-sample.ts) `runs` times, one run per turn of the event loop: a job that comes
 * in the meantime is analysed first, and waits at most for the one run under way. V8 compiles code to optimised
 * machine code only after it has run for a while; without this, a large document's first dozen or so edits are
 * analysed by code still being compiled, up to twice as slowly as later ones. Every other run goes through an
 * IncrementalParser with a small edit, as the edits of an open document do.
 */
export function warmUpWhileIdle(runs: number, hooks: WarmUpHooks = {}): void {
  const { analyze, IncrementalParser } = analysisEngine();
  const options = analyzeOptions({ path: WARM_UP_PATH, config: {} });
  const parser = new IncrementalParser();
  const started = performance.now();
  let run = 0;
  const step = () => {
    run++;
    const text = WARM_UP_SAMPLE.replace(WARM_UP_MARKER, `export const revision = ${run};`);
    analyze(text, run % 2 === 0 ? { ...options, parser } : options);
    hooks.onRun?.(run);
    if (run < runs) setImmediate(step);
    else hooks.done?.(performance.now() - started);
  };
  // The first run waits a moment: the next edit of the document that started the warm-up may already be on its way.
  setTimeout(step, hooks.delayMs ?? WARM_UP_DELAY_MS);
}

export interface WarmUpHooks {
  /** Called once the last run is done, with the time since the warm-up started. */
  done?(ms: number): void;
  /** Called after each run (tests). */
  onRun?(run: number): void;
  /** Wait before the first run (default {@link WARM_UP_DELAY_MS}). */
  delayMs?: number;
}

/** How long the warm-up waits before its first run. */
const WARM_UP_DELAY_MS = 100;

if (isAnalysisWorkerThread()) runAnalysisWorker(workerData as AnalysisWorkerData);
