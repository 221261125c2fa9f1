// Worker thread that runs the engine for the robustness tests: the test thread can terminate it when a case hangs,
// which a synchronous hang in the test thread itself would not allow (mocha's timeout cannot interrupt it).
import { parentPort } from 'node:worker_threads';
import { analyze, LineIndex, type AnalyzeOptions } from '../../server/src/engine';
import { GUIDELINE, RULES } from '../../rules';

export interface AnalysisJob {
  id: number;
  text: string;
  path: string;
  languageId?: string;
  /** Engine limits for this job (`maxFileSize`, `timeBudgetMs`). */
  limits?: Pick<AnalyzeOptions, 'maxFileSize' | 'timeBudgetMs'>;
  /** Analyse every prefix of `text` (a file being typed) instead of the text once. */
  sweep?: boolean;
}

/** What the test thread needs of a result (not the findings themselves: they can be many and large). */
export interface AnalysisSummary {
  findings: number;
  ruleIds: string[];
  /** 1-based line of each finding, in order. */
  lines: number[];
  skipped?: string;
  incomplete?: string;
  parseError?: string;
  /** Notes that report a failure: an internal error or a rule that threw. */
  failures: string[];
  ms: number;
}

export interface SweepSummary {
  prefixes: number;
  totalMs: number;
  slowestMs: number;
  /** Prefix lengths whose analysis reported a failure, with the failure. */
  failures: string[];
}

export type WorkerReply = { id: number; summary?: AnalysisSummary; sweep?: SweepSummary; error?: string };

const FAILURE_NOTE = /^internal error|^rule \S+ failed/;

function runOnce(job: AnalysisJob, text: string): AnalysisSummary {
  const started = performance.now();
  const result = analyze(text, {
    path: job.path, languageId: job.languageId, rules: RULES, guidelineText: GUIDELINE, today: '2025-06-01', ...job.limits,
  });
  const ms = performance.now() - started;
  const lines = new LineIndex(text);
  return {
    findings: result.findings.length,
    ruleIds: result.findings.map((f) => f.ruleId),
    lines: result.findings.map((f) => lines.positionAt(f.start).line),
    skipped: result.skipped,
    incomplete: result.incomplete,
    parseError: result.parseError?.message,
    failures: result.notes.filter((n) => FAILURE_NOTE.test(n)),
    ms,
  };
}

function sweep(job: AnalysisJob): SweepSummary {
  const out: SweepSummary = { prefixes: 0, totalMs: 0, slowestMs: 0, failures: [] };
  for (let end = 0; end <= job.text.length; end++) {
    const s = runOnce(job, job.text.slice(0, end));
    out.prefixes++;
    out.totalMs += s.ms;
    out.slowestMs = Math.max(out.slowestMs, s.ms);
    if (s.failures.length || s.skipped) out.failures.push(`${end}: ${[...s.failures, s.skipped ?? ''].filter(Boolean).join('; ')}`);
  }
  return out;
}

parentPort?.on('message', (job: AnalysisJob) => {
  let reply: WorkerReply;
  try {
    reply = job.sweep ? { id: job.id, sweep: sweep(job) } : { id: job.id, summary: runOnce(job, job.text) };
  } catch (err) {
    // analyze() never throws; if it does, that is the finding.
    reply = { id: job.id, error: String((err as Error)?.stack ?? err) };
  }
  parentPort!.postMessage(reply);
});
