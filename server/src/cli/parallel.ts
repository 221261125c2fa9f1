// Parallel scans. The files are ordered by size: worker threads take them from the large end, this thread from the
// small end, until the two meet. The parser's large allocations (a 1 MB file needs ≈ 100 MB of heap) thus happen in
// workers whose heaps are capped (`resourceLimits`, so they collect early), while this thread, whose heap cannot be
// capped once Node has started, sees only small files. Between its own files, and once they are done, this thread
// drains the workers' ports synchronously (blocking on an Atomics counter), so the CLI stays a plain function of argv.
//
// Workers are started by a small watcher thread whose event loop stays free to hear how each one ends (this thread
// does not run its loop during a scan, so it would not hear it). A worker that dies (out of memory under its cap) is
// replaced, and the file it was analysing is analysed again by a worker without the cap; a file that kills that one
// too is reported as skipped, with a warning. No file is lost: whatever no worker delivered is analysed here at the end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import {
  isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort, type ResourceLimits,
} from 'node:worker_threads';
import { ConfigError, loadScanConfig, type ScanConfigOptions } from './config';
import { addOutcome, emptyResult, runScan, scanFile, scanTasks, type CacheEntry, type FileOutcome, type FileTask, type ScanRequest, type ScanResult } from './scan';

/** Below this many files a pool costs more (each worker loads the parser, ~0.3 s) than it saves. */
export const MIN_FILES_FOR_WORKERS = 150;
/** Without any word from the workers for this long, the remaining files are scanned here instead. */
const STALL_MS = 120_000;

/**
 * The workers' heap caps. The old generation holds the largest file of a real corpus (≈ 1.2 MB, which needs about
 * 130 MB) with room to spare, so that collections near the cap do not eat into the per-file time budget; a file that
 * needs more kills its worker and is analysed again without the cap. The young generation is V8's default.
 * `CODEPAY_GUARD_WORKER_HEAP_MB` (old generation, for tests and small machines) overrides the first.
 */
const WORKER_OLD_GENERATION_MB = 160;
const WORKER_YOUNG_GENERATION_MB = 48;
/**
 * How far a heap may grow past what is live before its next full collection, in percent, during a parallel scan.
 * V8's default factor (up to 4× when memory is plentiful) let this thread's heap, which has no cap, fill with
 * hundreds of MB of garbage from its share of the files; 20% keeps it near what is live, at no measurable cost in
 * time. The flag is process-wide and read at every collection, so it also applies to the workers (under their caps)
 * and is put back when the scan ends.
 */
const HEAP_GROWING_PERCENT = 20;
/** A file that killed a capped worker is analysed again without the cap (`CODEPAY_GUARD_RETRY_HEAP_MB` sets one). */
const RETRY_LIMITS_ENV = 'CODEPAY_GUARD_RETRY_HEAP_MB';
const WORKER_LIMITS_ENV = 'CODEPAY_GUARD_WORKER_HEAP_MB';
/**
 * This thread leaves files this large to the workers (unless none can run), whatever the timing: its heap keeps to
 * what small files need.
 */
const MAIN_MAX_FILE_BYTES = 128 * 1024;
/** Workers that die before taking a file (they cannot even start) are not replaced after this many. */
const MAX_DEATHS_WITHOUT_FILE = 2;

/** The module a worker starts from: this file (compiled), or the CLI bundle, which contains it. */
const WORKER_FILE = __filename;

// The shared state: an Int32Array over a SharedArrayBuffer.
/** Bumped (and notified) on every message for this thread. */
const SIGNAL = 0;
/** Files not yet claimed by anyone; a claim decrements it first, so the two ends never claim the same file. */
const REMAINING = 1;
/** Files claimed from the large end (by workers) and from the small end (by this thread). */
const FROM_LARGE = 2;
const FROM_SMALL = 3;
/** Then one slot per worker: the index of the file it is analysing, or -1. Then the file indices, largest first. */
const SLOTS = 4;
const NONE = -1;

interface WorkerInput {
  codepayGuardScanWorker: true;
  configOptions: ScanConfigOptions;
  today?: string;
  fix?: boolean;
  cache: boolean;
  tasks: FileTask[];
  port: MessagePort;
  state: SharedArrayBuffer;
  slot: number;
  /** Where the file indices start in the state. */
  order: number;
  /** A retry worker analyses these files (indices into `tasks`) instead of claiming from the queue. */
  list?: number[];
}

type WorkerMessage =
  | { type: 'outcome'; index: number; outcome: FileOutcome; cacheEntry?: CacheEntry }
  | { type: 'config-error'; message: string }
  | { type: 'failed'; message: string };

/** From the watcher: a worker ended, with its exit code and the error that ended it, if any. */
interface ExitMessage { id: number; code: number; error?: string }

/** The watcher (evaluated as a worker of its own): starts the workers it is asked for and reports how they end. */
const WATCHER_SOURCE = `
const { Worker, workerData } = require('node:worker_threads');
const { control, signal } = workerData;
const counter = new Int32Array(signal);
const tell = (message) => {
  control.postMessage(message);
  Atomics.add(counter, ${SIGNAL}, 1);
  Atomics.notify(counter, ${SIGNAL});
};
control.on('message', ({ id, file, data, resourceLimits }) => {
  let error;
  try {
    const worker = new Worker(file, { workerData: data, transferList: [data.port], resourceLimits });
    worker.on('error', (err) => { error = String((err && (err.code || err.message)) || err); });
    worker.on('exit', (code) => tell({ id, code, error }));
  } catch (err) {
    tell({ id, code: -1, error: String((err && (err.code || err.message)) || err) });
  }
});
`;

/** `--concurrency`: `off` (one thread), `auto` (cores, when the scan is large enough) or a number of threads. */
export type Concurrency = 'off' | 'auto' | number;

export function threadCount(concurrency: Concurrency, files: number): number {
  if (concurrency === 'off') return 1;
  if (concurrency === 'auto') return autoThreadCount(typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length, files);
  return Math.max(1, Math.min(concurrency, files));
}

/**
 * `--concurrency auto`: a thread per core, one per 50 files, none but this one below 150 files. (ESLint's takes half
 * the cores. Here one thread with V8's helper threads keeps about 1.5 cores busy, and on two cores the pool was about
 * as fast as one thread, from 17% faster to 17% slower over eight paired corpus runs, for a quarter more CPU time; but
 * its capped workers keep the peak RSS near 420 MB, where one thread reached 450–530 MB.)
 */
export function autoThreadCount(cores: number, files: number): number {
  if (files < MIN_FILES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(cores, Math.ceil(files / 50)));
}

function megabytesFromEnv(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Claims the next file from one end of the queue: its index, or NONE when every file is claimed. */
function claim(state: Int32Array, order: number, total: number, end: typeof FROM_LARGE | typeof FROM_SMALL): number {
  if (Atomics.sub(state, REMAINING, 1) <= 0) return NONE;
  const n = Atomics.add(state, end, 1);
  return state[order + (end === FROM_LARGE ? n : total - 1 - n)];
}

/**
 * Scans with a pool of worker threads when the scan is large enough, in this thread otherwise. The result is the same
 * as `runScan`'s: outcomes are collected by file index and added in path order.
 */
export function runScanParallel(request: ScanRequest, configOptions: ScanConfigOptions, concurrency: Concurrency): ScanResult {
  if (!request.config.enabled) return emptyResult(request.root);
  const tasks = scanTasks(request);
  const threads = threadCount(concurrency, tasks.length);
  if (threads <= 1) return runScan(request);

  // Unless the user chose a growth factor: V8 flags are not readable, so ours could not be undone to theirs.
  const tuneHeap = !process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg));
  if (tuneHeap) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return scanWithWorkers(request, configOptions, tasks, threads);
  } finally {
    if (tuneHeap) v8.setFlagsFromString('--heap-growing-percent=0');
  }
}

function scanWithWorkers(request: ScanRequest, configOptions: ScanConfigOptions, tasks: FileTask[], threads: number): ScanResult {
  const fileOptions = { config: request.config, today: request.today, fix: request.fix, cache: Boolean(request.cache) };
  const workerCount = threads - 1;
  const retrySlot = workerCount;
  const order = SLOTS + workerCount + 1;
  const total = tasks.length;
  const sizes = tasks.map((task) => {
    try {
      return fs.statSync(task.absPath).size;
    } catch {
      return 0;
    }
  });
  const stateBuffer = new SharedArrayBuffer(4 * (order + total));
  const state = new Int32Array(stateBuffer);
  state[REMAINING] = total;
  state.fill(NONE, SLOTS, order);
  state.set(tasks.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b), order);

  const outcomes: Array<FileOutcome | undefined> = new Array(total);
  const cacheEntries: Array<CacheEntry | undefined> = new Array(total);
  let received = 0;
  let failure: Error | undefined;
  const accept = (index: number, outcome: FileOutcome, cacheEntry?: CacheEntry) => {
    if (outcomes[index] !== undefined) return;
    outcomes[index] = outcome;
    cacheEntries[index] = cacheEntry;
    received++;
    request.onProgress?.(received, total);
  };

  const control = new MessageChannel();
  let watcher: Worker;
  try {
    watcher = new Worker(WATCHER_SOURCE, { eval: true, workerData: { control: control.port2, signal: stateBuffer }, transferList: [control.port2] });
  } catch {
    control.port1.close();
    return runScan(request);
  }
  watcher.unref();

  interface Running { slot: number; port: MessagePort; list?: number[] }
  const running = new Map<number, Running>();
  let nextId = 0;
  const queueLimits: ResourceLimits = {
    maxOldGenerationSizeMb: megabytesFromEnv(WORKER_LIMITS_ENV) ?? WORKER_OLD_GENERATION_MB,
    maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
  };
  const retryOld = megabytesFromEnv(RETRY_LIMITS_ENV);
  const retryLimits: ResourceLimits = retryOld ? { maxOldGenerationSizeMb: retryOld } : {};
  const spawn = (slot: number, list?: number[]) => {
    const { port1, port2 } = new MessageChannel();
    const id = nextId++;
    const data: WorkerInput = {
      codepayGuardScanWorker: true, configOptions, today: request.today, fix: request.fix, cache: Boolean(request.cache),
      tasks, port: port2, state: stateBuffer, slot, order, list,
    };
    running.set(id, { slot, port: port1, list });
    control.port1.postMessage({ id, file: WORKER_FILE, data, resourceLimits: list ? retryLimits : queueLimits }, [port2]);
  };

  const drainPort = (port: MessagePort) => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const message = m.message as WorkerMessage;
      if (message.type === 'config-error') failure = new ConfigError(message.message);
      else if (message.type === 'failed') failure = new Error(message.message);
      else accept(message.index, message.outcome, message.cacheEntry);
    }
  };

  // Files that killed a capped worker, waiting for (or in) the one retry worker.
  const retries: number[] = [];
  let retrying = false;
  let deathsWithoutFile = 0;
  const startRetry = () => {
    if (retrying || retries.length === 0 || deathsWithoutFile >= MAX_DEATHS_WITHOUT_FILE) return;
    retrying = true;
    spawn(retrySlot, retries.splice(0));
  };
  const onExit = ({ id, code, error }: ExitMessage) => {
    const worker = running.get(id);
    if (!worker) return;
    running.delete(id);
    // Everything it posted before it ended is already queued on its port.
    drainPort(worker.port);
    worker.port.close();
    if (worker.list) retrying = false;
    const lost = Atomics.exchange(state, SLOTS + worker.slot, NONE);
    if (code !== 0 || error !== undefined) {
      if (lost !== NONE && outcomes[lost] === undefined) {
        if (worker.list) {
          const how = error === 'ERR_WORKER_OUT_OF_MEMORY' ? 'ran out of memory' : `stopped (${error ?? `exit code ${code}`})`;
          accept(lost, { kind: 'skip', reason: 'analysis failed', warning: `${tasks[lost].relPath}: the analysis ${how} twice in a scan worker, skipped` });
        } else {
          retries.push(lost);
        }
      } else {
        deathsWithoutFile++;
      }
      if (worker.list) retries.push(...worker.list.filter((i) => outcomes[i] === undefined && i !== lost));
      // The rest of its share stays in the queue: a replacement takes it up (this thread does when none can start).
      if (!worker.list && deathsWithoutFile < MAX_DEATHS_WITHOUT_FILE && Atomics.load(state, REMAINING) > 0) spawn(worker.slot);
    }
    startRetry();
  };
  const drain = () => {
    for (let m = receiveMessageOnPort(control.port1); m; m = receiveMessageOnPort(control.port1)) onExit(m.message as ExitMessage);
    for (const worker of running.values()) drainPort(worker.port);
  };

  try {
    for (let slot = 0; slot < workerCount; slot++) spawn(slot);
    // This thread's share: the smallest files, one at a time, collecting what the workers sent in between.
    const nextSmall = () => {
      const position = total - 1 - state[FROM_SMALL];
      return position >= 0 && sizes[state[order + position]] < MAIN_MAX_FILE_BYTES ? claim(state, order, total, FROM_SMALL) : NONE;
    };
    for (let index = nextSmall(); index !== NONE && !failure; index = nextSmall()) {
      const { outcome, cacheEntry } = scanFile(tasks[index], fileOptions);
      accept(index, outcome, cacheEntry);
      drain();
    }
    let seen = Atomics.load(state, SIGNAL);
    let lastNews = Date.now();
    while (received < total && !failure && running.size > 0) {
      Atomics.wait(state, SIGNAL, seen, 1000);
      seen = Atomics.load(state, SIGNAL);
      const before = received + running.size;
      drain();
      if (received + running.size !== before) lastNews = Date.now();
      else if (Date.now() - lastNews > STALL_MS) break;
    }
  } finally {
    void watcher.terminate();
    control.port1.close();
    for (const worker of running.values()) worker.port.close();
  }
  if (failure) throw failure;

  const result = emptyResult(request.root);
  const entries = new Map<string, CacheEntry>();
  tasks.forEach((task, index) => {
    let outcome = outcomes[index];
    let cacheEntry = cacheEntries[index];
    // Whatever no worker delivered (none could start, or they stalled) is scanned here, so the report stays complete.
    if (!outcome) ({ outcome, cacheEntry } = scanFile(task, fileOptions));
    if (cacheEntry) entries.set(task.relPath, cacheEntry);
    addOutcome(result, outcome);
  });
  if (request.cache) result.cacheEntries = entries;
  return result;
}

function runWorker(input: WorkerInput): void {
  const state = new Int32Array(input.state);
  const total = input.tasks.length;
  const post = (message: WorkerMessage) => {
    input.port.postMessage(message);
    Atomics.add(state, SIGNAL, 1);
    Atomics.notify(state, SIGNAL);
  };
  try {
    const config = loadScanConfig(input.configOptions);
    const options = { config, today: input.today, fix: input.fix, cache: input.cache };
    const list = input.list;
    for (let n = 0; ; n++) {
      const index = list ? (n < list.length ? list[n] : NONE) : claim(state, input.order, total, FROM_LARGE);
      if (index === NONE) break;
      // Recorded before the work, so that the file is known if this worker dies on it.
      Atomics.store(state, SLOTS + input.slot, index);
      const { outcome, cacheEntry } = scanFile(input.tasks[index], options);
      post({ type: 'outcome', index, outcome, cacheEntry });
      Atomics.store(state, SLOTS + input.slot, NONE);
    }
  } catch (err) {
    post(err instanceof ConfigError ? { type: 'config-error', message: err.message } : { type: 'failed', message: `a scan worker failed: ${(err as Error)?.message ?? String(err)}` });
  }
}

if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.codepayGuardScanWorker) runWorker(workerData as WorkerInput);
