// Runs analysis jobs in a worker thread, each with a deadline: a job that does not answer in time is a hang, and the
// worker is replaced so that the next job starts clean.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisJob, AnalysisSummary, SweepSummary, WorkerReply } from './analysis-worker';

/** Generous: a bound that only a hang (or catastrophic backtracking) reaches, never a slow but linear analysis. */
export const HANG_DEADLINE_MS = 30_000;

export type JobOutcome =
  | { kind: 'done'; summary: AnalysisSummary }
  | { kind: 'swept'; sweep: SweepSummary }
  | { kind: 'hang'; afterMs: number }
  | { kind: 'threw'; error: string };

export class DeadlineRunner {
  private worker: Worker | undefined;
  private nextId = 0;

  private start(): Worker {
    this.worker ??= new Worker(path.join(__dirname, 'analysis-worker.js'));
    return this.worker;
  }

  run(job: Omit<AnalysisJob, 'id'>, deadlineMs = HANG_DEADLINE_MS): Promise<JobOutcome> {
    const worker = this.start();
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (reply.error !== undefined) resolve({ kind: 'threw', error: reply.error });
        else if (reply.sweep) resolve({ kind: 'swept', sweep: reply.sweep });
        else resolve({ kind: 'done', summary: reply.summary! });
      };
      const onError = (err: Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        this.worker = undefined;
        resolve({ kind: 'threw', error: String(err.stack ?? err) });
      };
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        this.worker = undefined;
        void worker.terminate();
        resolve({ kind: 'hang', afterMs: deadlineMs });
      }, deadlineMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ ...job, id });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
