// Where analyses run. The server uses worker threads (WorkerRunner): one job at a time per worker, a newer job for a
// document replaces its queued older one, a job that runs past a hard deadline has its worker terminated and replaced,
// and a worker that crashes is restarted (the job retried once, then analysed in this thread). InlineRunner analyses
// in the calling thread (unit tests of the analyzer, and the last resort when workers cannot run at all).
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { AnalyzeResult, Baseline, Config } from '../engine';
import { analyzeOptions, wallClock, WORKER_FILE, type AheadReport, type AnalysisRequest, type AnalysisSummary, type AnalysisWorkerData, type ForgetRequest, type PrepareRequest, type WorkerMessage } from './analysis-worker';
import { analysisEngine } from './engine';

/**
 * An analysis still running after this long is stopped (its worker terminated): the engine's own time budget (10 s)
 * cannot interrupt the parser, so this is the engine's budget plus a grace for the parse to end.
 */
export const HARD_DEADLINE_MS = 15_000;
/** A worker that has not loaded the engine after this long is taken for failed (loading takes a second or so). */
const STARTUP_DEADLINE_MS = 60_000;
/**
 * Workers are given up (analyses run in this thread) after this many failed starts in a row, or this many jobs in a row
 * that crashed their worker twice.
 */
const MAX_FAILURES_IN_A_ROW = 3;

export interface AnalysisJob {
  /** Queue key (the document URI): a newer job with the same key replaces a queued older one. */
  key: string;
  text: string;
  /** The path the engine sees. */
  path: string;
  languageId?: string;
  config: Config;
  baseline?: Baseline;
  maxFileSize?: number;
  timeBudgetMs?: number;
  /** An open document's version: the worker keeps the document's last tree and re-parses only what an edit touched. */
  incremental?: boolean;
  /**
   * Called with the result's summary as soon as the worker has it, before the whole result has been copied over
   * (workers send one for open documents' versions, `incremental`); not called when the job runs in this thread. The
   * worker sends the whole result once the promise returned settles (the diagnostics are written), or at once.
   */
  onSummary?(summary: AnalysisSummary, ms: number): void | Promise<void>;
}

export type AnalysisOutcome =
  /** Analysed (`ms`: from the start of the analysis to its result, queueing excluded). */
  | { kind: 'done'; result: AnalyzeResult; ms: number }
  /** Replaced by a newer job for the same key before it started, or dropped. */
  | { kind: 'superseded' }
  /**
   * No result: the analysis ran past the hard deadline (`deadline`) and was stopped, or its worker ran out of memory
   * (`memory`: not retried, and never analysed in the server's thread, which it would take down).
   */
  | { kind: 'stopped'; reason: 'deadline' | 'memory'; ms: number; deadlineMs: number };

export interface AnalysisRunner {
  analyze(job: AnalysisJob): Promise<AnalysisOutcome>;
  /** The document of this key was closed: its queued job is dropped (a running one completes), its tree forgotten. */
  forget(key: string): void;
  /**
   * The document of this key was edited: its tree may be brought up to `text` before its analysis is asked for, and,
   * with `aheadInMs`, the text analysed that long after the edit unless another edit comes first (the analysis asked
   * for then finds its result ready).
   */
  prepare(key: string, text: string, aheadInMs?: number): void;
  /** Gets ready for a first job (starts the worker and loads the engine in it). */
  warmUp(): void;
  dispose(): void;
}

type LogLevel = 'info' | 'warn' | 'error';

/** Analyses in this thread. */
export function analyzeHere(job: AnalysisJob): AnalysisOutcome {
  const started = performance.now();
  const result = analysisEngine().analyze(job.text, analyzeOptions(job));
  return { kind: 'done', result, ms: performance.now() - started };
}

export class InlineRunner implements AnalysisRunner {
  async analyze(job: AnalysisJob): Promise<AnalysisOutcome> {
    return analyzeHere(job);
  }

  forget(): void {}
  prepare(): void {}
  warmUp(): void {}
  dispose(): void {}
}

export interface WorkerRunnerOptions {
  /** Named in log lines (`interactive`, `background`). */
  name: string;
  log(level: LogLevel, message: string): void;
  /** Hard deadline of one analysis (default {@link HARD_DEADLINE_MS}). */
  deadlineMs?: number;
  /**
   * Without work for this long, the worker is terminated so that its memory goes back to the operating system; the
   * next job starts a new one. Absent: the worker is kept (and a stopped or crashed one is replaced right away).
   */
  idleMs?: number;
  /** The worker's entry module (tests start a fake worker); default: the server bundle or the compiled worker module. */
  workerFile?: string;
  /** V8 heap limits of the worker. */
  resourceLimits?: ResourceLimits;
  /** Lower scheduling priority of the worker's thread (Linux), e.g. 10 for background work. */
  niceness?: number;
  /** Runs of the warm-up sample each new worker makes in its idle moments, after its first large document (the interactive worker's). */
  warmUpRuns?: number;
  /** Longest wait of the worker for the release of a result after its summary (tests; default RESULT_HOLD_MS). */
  resultHoldMs?: number;
  /** Called when the worker has analysed an edit ahead, or stopped doing so (tests). */
  onAnalysedAhead?(report: AheadReport): void;
}

interface Pending {
  job: AnalysisJob;
  resolve(outcome: AnalysisOutcome): void;
  reject(err: unknown): void;
  /** Times a worker died while analysing this job. */
  crashes: number;
}

interface Running {
  pending: Pending;
  id: number;
  started: number;
  timer: NodeJS.Timeout;
}

/** The baseline as keys for the worker; null when it is not a set of keys (then the job runs in this thread). */
function baselineKeys(baseline: Baseline | undefined): string[] | undefined | null {
  if (baseline === undefined) return undefined;
  return baseline instanceof Set ? [...(baseline as Set<unknown>)].filter((k): k is string => typeof k === 'string') : null;
}

const firstLine = (text: string) => text.split('\n', 1)[0];

/** One worker thread and its queue of jobs. */
export class WorkerRunner implements AnalysisRunner {
  private worker: Worker | undefined;
  /** Shared with the worker: the id of the job whose result it may send (see `AnalysisWorkerData.release`). */
  private release: Int32Array | undefined;
  /** Shared with the worker: edits and closings of open documents so far (see `AnalysisWorkerData.edits`). */
  private edits: Int32Array | undefined;
  private ready = false;
  private readonly queue: Pending[] = [];
  private running: Running | undefined;
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private lastErrorCode: string | undefined;
  /** Workers that died before they were ready, in a row. */
  private failedStarts = 0;
  /** Jobs that crashed their worker twice (and were analysed here), in a row. */
  private crashingJobs = 0;
  /** Workers failed too often: every job runs in this thread. */
  private givenUp = false;
  private disposed = false;
  private readonly deadlineMs: number;
  private readonly workerFile: string;

  constructor(private readonly options: WorkerRunnerOptions) {
    this.deadlineMs = options.deadlineMs ?? HARD_DEADLINE_MS;
    this.workerFile = options.workerFile ?? WORKER_FILE;
  }

  /** True while a job runs or waits. */
  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0;
  }

  /** True while a worker thread exists (for tests and logs). */
  get hasWorker(): boolean {
    return this.worker !== undefined;
  }

  analyze(job: AnalysisJob): Promise<AnalysisOutcome> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { job, resolve, reject, crashes: 0 };
      if (this.disposed) return resolve({ kind: 'superseded' });
      const older = this.queue.findIndex((p) => p.job.key === job.key);
      if (older >= 0) {
        this.queue[older].resolve({ kind: 'superseded' });
        this.queue[older] = pending;
      } else {
        this.queue.push(pending);
      }
      this.pump();
    });
  }

  forget(key: string): void {
    const forget: ForgetRequest = { type: 'forget', document: key };
    // An analysis ahead of this document under way stops.
    if (this.edits) Atomics.add(this.edits, 0, 1);
    try {
      this.worker?.postMessage(forget);
    } catch {
      // A worker on its way out: its trees go with it.
    }
    const index = this.queue.findIndex((p) => p.job.key === key);
    if (index < 0) return;
    const [dropped] = this.queue.splice(index, 1);
    dropped.resolve({ kind: 'superseded' });
    if (!this.busy) this.scheduleIdleStop();
  }

  prepare(key: string, text: string, aheadInMs?: number): void {
    // An analysis ahead under way is of an older text now: it stops.
    if (this.edits) Atomics.add(this.edits, 0, 1);
    // Only to a worker that is up: one still starting has no tree to bring up to date.
    if (!this.worker || !this.ready) return;
    try {
      this.worker.postMessage({ type: 'prepare', document: key, text, aheadInMs } satisfies PrepareRequest);
    } catch {
      // A worker on its way out: the analysis parses as it would have.
    }
  }

  warmUp(): void {
    if (!this.givenUp && !this.disposed) this.ensureWorker();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.pending.resolve({ kind: 'superseded' });
      this.running = undefined;
    }
    for (const p of this.queue.splice(0)) p.resolve({ kind: 'superseded' });
    void this.stopWorker();
  }

  private log(level: LogLevel, message: string): void {
    this.options.log(level, `${this.options.name} analysis worker: ${message}`);
  }

  /** Starts the next job if the worker is free (and ready). */
  private pump(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.running || this.disposed) return;
    if (this.queue.length === 0) {
      this.scheduleIdleStop();
      return;
    }
    if (this.givenUp) {
      this.runHere(this.queue.shift()!);
      return;
    }
    const worker = this.ensureWorker();
    if (!worker || !this.ready) return;
    const pending = this.queue.shift()!;
    const { job } = pending;
    const baseline = baselineKeys(job.baseline);
    if (baseline === null) {
      this.runHere(pending);
      return;
    }
    const request: AnalysisRequest = {
      type: 'analyze', id: ++this.nextId, text: job.text, path: job.path, languageId: job.languageId, config: job.config, baseline,
      maxFileSize: job.maxFileSize, timeBudgetMs: job.timeBudgetMs, document: job.incremental ? job.key : undefined, postedAt: wallClock(),
    };
    try {
      worker.postMessage(request);
    } catch (err) {
      // Not structured-cloneable (configuration is plain JSON, so this should not happen): analysed here.
      this.log('warn', `could not send ${job.path} (${(err as Error)?.message ?? String(err)}): analysing it in the server's thread`);
      this.runHere(pending);
      return;
    }
    const timer = setTimeout(() => this.deadlineReached(), this.deadlineMs);
    timer.unref();
    this.running = { pending, id: request.id, started: performance.now(), timer };
  }

  /** The fallback: analyses one job in this thread, then goes on with the queue on a later turn. */
  private runHere(pending: Pending): void {
    try {
      pending.resolve(analyzeHere(pending.job));
    } catch (err) {
      pending.reject(err);
    }
    setImmediate(() => this.pump());
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      const release = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
      const edits = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
      const workerData: AnalysisWorkerData = {
        codepayGuardAnalysisWorker: true, niceness: this.options.niceness, warmUpRuns: this.options.warmUpRuns, release, resultHoldMs: this.options.resultHoldMs, edits,
      };
      this.release = release;
      this.edits = edits;
      // stdout/stderr are piped here, not to the process: on `--stdio` the process's stdout is the LSP channel.
      worker = new Worker(this.workerFile, { workerData, stdout: true, stderr: true, resourceLimits: this.options.resourceLimits });
    } catch (err) {
      this.lastError = (err as Error)?.message ?? String(err);
      this.failed(undefined, false);
      return undefined;
    }
    worker.unref();
    this.worker = worker;
    this.ready = false;
    this.lastError = undefined;
    this.lastErrorCode = undefined;
    const mine = () => this.worker === worker;
    worker.stdout.setEncoding('utf8');
    worker.stderr.setEncoding('utf8');
    worker.stdout.on('data', (chunk: string) => { if (chunk.trim()) this.log('info', `output: ${chunk.trimEnd()}`); });
    worker.stderr.on('data', (chunk: string) => { if (chunk.trim()) this.log('warn', `error output: ${chunk.trimEnd()}`); });
    worker.on('message', (message: WorkerMessage) => { if (mine()) this.onMessage(message); });
    worker.on('messageerror', (err) => { if (mine()) this.lastError = `message error: ${err.message}`; });
    worker.on('error', (err) => {
      if (!mine()) return;
      this.lastError = (err as Error)?.stack ?? String(err);
      this.lastErrorCode = (err as NodeJS.ErrnoException)?.code;
    });
    worker.on('exit', (code) => {
      clearTimeout(startup);
      if (!mine()) return;
      const wasReady = this.ready;
      this.worker = undefined;
      this.ready = false;
      this.lastError ??= `exited with code ${code}`;
      this.failed(this.running, wasReady);
    });
    const startup = setTimeout(() => {
      if (!mine() || this.ready) return;
      void this.stopWorker();
      this.lastError = `did not start within ${STARTUP_DEADLINE_MS / 1000} s`;
      this.failed(this.running, false);
    }, STARTUP_DEADLINE_MS);
    startup.unref();
    worker.once('message', () => clearTimeout(startup));
    return worker;
  }

  private onMessage(message: WorkerMessage): void {
    if (message?.type === 'ready') {
      this.ready = true;
      this.failedStarts = 0;
      this.pump();
      return;
    }
    if (message?.type === 'analysedAhead') {
      const { type: _type, ...report } = message;
      this.options.onAnalysedAhead?.(report);
      return;
    }
    if (message?.type === 'warmingUp') {
      this.log('info', `warming up for large documents after one of ${message.chars} characters: ${message.runs} analyses of a sample while idle`);
      return;
    }
    if (message?.type === 'warmedUp') {
      this.log('info', `warmed up (${message.runs} analyses of a sample while idle, ${(message.ms / 1000).toFixed(1)} s)`);
      return;
    }
    const running = this.running;
    if (message?.type === 'summary') {
      const { release } = this;
      const releaseResult = () => {
        if (!release) return;
        Atomics.store(release, 0, message.id);
        Atomics.notify(release, 0);
      };
      if (running?.id !== message.id) return releaseResult();
      let published: void | Promise<void> = undefined;
      try {
        published = running.pending.job.onSummary?.(message.summary, performance.now() - running.started);
      } catch (err) {
        this.log('error', `publishing the findings of ${running.pending.job.path}: ${(err as Error)?.message ?? String(err)}`);
      }
      // The worker waits with the whole result until the diagnostics are written (or a moment has passed).
      void Promise.resolve(published).catch(() => undefined).then(releaseResult);
      return;
    }
    if (!running || (message?.type !== 'result' && message?.type !== 'failed') || message.id !== running.id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    if (message.type === 'result') {
      this.crashingJobs = 0;
      running.pending.resolve({ kind: 'done', result: message.result, ms: performance.now() - running.started });
      this.pump();
    } else {
      this.log('error', `analysing ${running.pending.job.path} failed in the worker (${message.message}): analysing it in the server's thread`);
      this.runHere(running.pending);
    }
  }

  private deadlineReached(): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    void this.stopWorker();
    const ms = performance.now() - running.started;
    this.log('warn', `the analysis of ${running.pending.job.path} took longer than ${(this.deadlineMs / 1000).toFixed(1)} s and was stopped; the worker was restarted`);
    running.pending.resolve({ kind: 'stopped', reason: 'deadline', ms, deadlineMs: this.deadlineMs });
    // The interactive worker is replaced at once, so that the next document is analysed without a cold start.
    if (this.options.idleMs === undefined && !this.givenUp) this.ensureWorker();
    this.pump();
  }

  /**
   * The worker died (or could not start): restart it (lazily, for the next job), retry the job it was running once,
   * then analyse that job here. Workers that keep failing are given up.
   */
  private failed(running: Running | undefined, wasReady: boolean): void {
    if (running) {
      this.running = undefined;
      clearTimeout(running.timer);
    }
    if (running && this.lastErrorCode === 'ERR_WORKER_OUT_OF_MEMORY') {
      // The file's fault, not the worker's: not retried, and not analysed here (it would take the server down).
      this.log('warn', `the analysis of ${running.pending.job.path} ran out of memory and was stopped; the worker was restarted`);
      running.pending.resolve({ kind: 'stopped', reason: 'memory', ms: performance.now() - running.started, deadlineMs: this.deadlineMs });
      if (this.options.idleMs === undefined && !this.givenUp) this.ensureWorker();
      setImmediate(() => this.pump());
      return;
    }
    const reason = firstLine(this.lastError ?? 'unknown error');
    if (!wasReady) this.failedStarts++;
    const blamed = running !== undefined && ++running.pending.crashes >= 2;
    if (blamed) this.crashingJobs++;
    if (!this.givenUp && (this.failedStarts >= MAX_FAILURES_IN_A_ROW || this.crashingJobs >= MAX_FAILURES_IN_A_ROW)) {
      this.givenUp = true;
      this.log('error', `stopped unexpectedly again (${reason}): analysing in the server's thread from now on`);
    } else if (!this.givenUp) {
      this.log('error', `stopped unexpectedly (${reason}); restarting it`);
    }
    if (running) {
      if (blamed || this.givenUp) {
        if (!this.givenUp) this.log('warn', `${running.pending.job.path} was being analysed both times: analysing it in the server's thread`);
        this.runHere(running.pending);
        return;
      }
      this.queue.unshift(running.pending);
    }
    setImmediate(() => this.pump());
  }

  /** Terminates the worker; resolves once its thread is gone (and its memory released). */
  private stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    return worker ? worker.terminate().then(() => undefined, () => undefined) : Promise.resolve();
  }

  private scheduleIdleStop(): void {
    const { idleMs } = this.options;
    if (idleMs === undefined || !this.worker || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.busy || !this.worker) return;
      void this.stopWorker().then(() => {
        this.log('info', `stopped after ${(idleMs / 1000).toFixed(1)} s without work (its memory is returned; the next analysis starts a new one)`);
      });
    }, idleMs);
    this.idleTimer.unref();
  }
}
