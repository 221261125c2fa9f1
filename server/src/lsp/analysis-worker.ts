// The analysis worker thread: runs the engine's synchronous analyze() away from the server's main thread, so that a
// large or pathological file never holds up hovers, code actions or other documents. The worker starts from its own
// bundle (dist/analysis-worker.js: engine, rules and the TypeScript parser, see scripts/bundle.mjs), or from this
// compiled module when the server runs from the tsc output (tests). The server's bundle (dist/server.js) leaves the
// parser out: its main thread never parses, which keeps megabytes of code out of its memory.
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions, AnalyzeResult, Baseline, Config } from '../engine';
import { analysisEngine } from './engine';

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
}

/** The document was closed: the worker forgets its tree. */
export interface ForgetRequest {
  type: 'forget';
  document: string;
}

export type WorkerMessage =
  /** The engine is loaded (and warmed up): jobs may come. */
  | { type: 'ready' }
  | { type: 'result'; id: number; result: AnalyzeResult }
  /** analyze() never throws; anything else that failed around it (should not happen) is reported, not thrown. */
  | { type: 'failed'; id: number; message: string };

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
  port.on('message', (request: AnalysisRequest | ForgetRequest) => {
    if (request?.type === 'forget') {
      parsers.delete(request.document);
      return;
    }
    if (request?.type !== 'analyze') return;
    try {
      let parser: InstanceType<typeof IncrementalParser> | undefined;
      if (request.document !== undefined) {
        parser = parsers.get(request.document) ?? new IncrementalParser();
        parsers.set(request.document, parser);
      }
      const options = analyzeOptions({ ...request, baseline: request.baseline && new Set(request.baseline) });
      port.postMessage({ type: 'result', id: request.id, result: analyze(request.text, { ...options, parser }) } satisfies WorkerMessage);
    } catch (err) {
      port.postMessage({ type: 'failed', id: request.id, message: (err as Error)?.message ?? String(err) } satisfies WorkerMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

if (isAnalysisWorkerThread()) runAnalysisWorker(workerData as AnalysisWorkerData);
