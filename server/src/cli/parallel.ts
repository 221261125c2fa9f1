// Parallel scans: a pool of worker threads (default: one per available core) analyses the files; the main thread
// blocks on an Atomics counter and drains the workers' ports synchronously, so the CLI stays a plain function of argv.
import * as os from 'node:os';
import {
  isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort,
} from 'node:worker_threads';
import { ConfigError, loadScanConfig, type ScanConfigOptions } from './config';
import { addOutcome, emptyResult, runScan, scanFile, scanTasks, type CacheEntry, type FileOutcome, type FileTask, type ScanRequest, type ScanResult } from './scan';

/** Below this many files a pool costs more (each worker loads the parser, ~0.3 s) than it saves. */
export const MIN_FILES_FOR_WORKERS = 150;
/** Without any word from the workers for this long, the remaining files are scanned here instead. */
const STALL_MS = 120_000;

/** The module a worker starts from: this file (compiled), or the CLI bundle, which contains it. */
const WORKER_FILE = __filename;

interface WorkerInput {
  codepayGuardScanWorker: true;
  configOptions: ScanConfigOptions;
  today?: string;
  fix?: boolean;
  cache: boolean;
  tasks: Array<FileTask & { index: number }>;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

type WorkerMessage =
  | { type: 'outcome'; index: number; outcome: FileOutcome; cacheEntry?: CacheEntry }
  | { type: 'config-error'; message: string }
  | { type: 'failed'; message: string };

/** `--concurrency`: `off` (one thread), `auto` (cores, when the scan is large enough) or a number of threads. */
export type Concurrency = 'off' | 'auto' | number;

export function threadCount(concurrency: Concurrency, files: number): number {
  if (concurrency === 'off') return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (concurrency === 'auto') return files >= MIN_FILES_FOR_WORKERS ? Math.max(1, Math.min(cores, Math.ceil(files / 50))) : 1;
  return Math.max(1, Math.min(concurrency, files));
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

  const signal = new SharedArrayBuffer(4);
  const counter = new Int32Array(signal);
  const outcomes: Array<FileOutcome | undefined> = new Array(tasks.length);
  const cacheEntries = new Map<string, CacheEntry>();
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  // Interleaved shares, so that every thread gets a part of each folder (big files cluster). This thread takes share 0
  // itself: one parser copy fewer in memory, and no core idles while it waits.
  const share = (w: number) => tasks.map((task, index) => ({ ...task, index })).filter((t) => t.index % threads === w);
  for (let w = 1; w < threads; w++) {
    const mine = share(w);
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = {
      codepayGuardScanWorker: true, configOptions, today: request.today, fix: request.fix, cache: Boolean(request.cache), tasks: mine, port: port2, signal,
    };
    const worker = new Worker(WORKER_FILE, { workerData: input, transferList: [port2] });
    worker.unref();
    workers.push(worker);
    ports.push(port1);
  }

  let received = 0;
  let seen = 0;
  let failure: Error | undefined;
  let lastNews = Date.now();
  const accept = (index: number, outcome: FileOutcome, cacheEntry?: CacheEntry) => {
    if (outcomes[index] !== undefined) return;
    outcomes[index] = outcome;
    if (cacheEntry) cacheEntries.set(tasks[index].relPath, cacheEntry);
    received++;
    request.onProgress?.(received, tasks.length);
  };
  const drain = (): boolean => {
    let got = false;
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        got = true;
        const message = m.message as WorkerMessage;
        if (message.type === 'config-error') failure = new ConfigError(message.message);
        else if (message.type === 'failed') failure = new Error(message.message);
        else accept(message.index, message.outcome, message.cacheEntry);
      }
    }
    return got;
  };
  try {
    for (const task of share(0)) {
      if (failure) break;
      const { outcome, cacheEntry } = scanFile(task, { config: request.config, today: request.today, fix: request.fix, cache: Boolean(request.cache) });
      accept(task.index, outcome, cacheEntry);
      drain();
    }
    lastNews = Date.now();
    while (received < tasks.length && !failure) {
      Atomics.wait(counter, 0, seen, 1000);
      seen = Atomics.load(counter, 0);
      if (drain()) lastNews = Date.now();
      else if (Date.now() - lastNews > STALL_MS) break;
    }
  } finally {
    for (const worker of workers) void worker.terminate();
    for (const port of ports) port.close();
  }
  if (failure) throw failure;

  const result = emptyResult(request.root);
  tasks.forEach((task, index) => {
    let outcome = outcomes[index];
    if (!outcome) {
      // A worker that died or stalled: its files are scanned here, so the report stays complete.
      const done = scanFile(task, { config: request.config, today: request.today, fix: request.fix, cache: Boolean(request.cache) });
      outcome = done.outcome;
      if (done.cacheEntry) cacheEntries.set(task.relPath, done.cacheEntry);
    }
    addOutcome(result, outcome);
  });
  if (request.cache) result.cacheEntries = cacheEntries;
  return result;
}

function runWorker(input: WorkerInput): void {
  const counter = new Int32Array(input.signal);
  const post = (message: WorkerMessage) => {
    input.port.postMessage(message);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  try {
    const config = loadScanConfig(input.configOptions);
    for (const task of input.tasks) {
      const { outcome, cacheEntry } = scanFile(task, { config, today: input.today, fix: input.fix, cache: input.cache });
      post({ type: 'outcome', index: task.index, outcome, cacheEntry });
    }
  } catch (err) {
    post(err instanceof ConfigError ? { type: 'config-error', message: err.message } : { type: 'failed', message: `a scan worker failed: ${(err as Error)?.message ?? String(err)}` });
  }
}

if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.codepayGuardScanWorker) runWorker(workerData as WorkerInput);
