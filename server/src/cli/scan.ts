// Runs the engine over every collected file and gathers located findings plus skip and warning counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyChanges, fnv1a64, HARD_MAX_FILE_CHARS, LineIndex, selectSafeFixes, type AnalyzeResult, type Finding, type Severity, type SuppressionUse } from '../engine';
import { GUIDELINE, RULES } from '../../../rules';
import type { ScanConfig } from './config';
import { packageVersion } from './version';
import { collectFiles, toPosix } from './walk';
import { OVER_DEFAULT_SIZE, readScanTarget } from '../project';

/** Why an included file was not analysed: `larger than 2 MB`, `binary`, `minified`, `unreadable`, `analysis failed`. */
export type SkipReason = string;

/** The engine's own limits, named the way the CLI names its checks so the footer counts them together. */
const ENGINE_SKIP_REASONS: Record<string, SkipReason> = {
  [`larger than ${HARD_MAX_FILE_CHARS} characters`]: OVER_DEFAULT_SIZE,
  'binary content': 'binary',
};

export interface LocatedFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based; end column is exclusive (the column after the last character), as in ESLint and SARIF. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  /** The finding's line, secrets masked (for reports). */
  snippet: string;
  fixes: Array<{ id: string; title: string; safety: 'safe' | 'unsafe' }>;
}

export interface LocatedSuppression {
  /** 1-based line of the comment. */
  line: number;
  kind: SuppressionUse['kind'];
  ruleIds: string[];
  reason?: string;
  until?: string;
  status: SuppressionUse['status'];
  /** Findings it hid. */
  suppressed: number;
}

export interface FileReport {
  absPath: string;
  /** Relative to the scan root, `/`-separated; starts with `../` for a file outside the root. */
  relPath: string;
  findings: LocatedFinding[];
  suppressions: LocatedSuppression[];
  /** Safe fixes applied by `--fix`. */
  fixed: number;
}

export interface ScanResult {
  root: string;
  /** Every analysed file in path order, with or without findings. */
  files: FileReport[];
  skipped: Map<SkipReason, number>;
  /** One line each, for stderr (and SARIF notifications): files that could not be read or analysed. */
  warnings: string[];
  /** Findings hidden by the baseline. */
  baselined: number;
  /** With `--cache`: the entries to store for the next run. */
  cacheEntries?: Map<string, CacheEntry>;
}

export interface ScanRequest {
  /** Absolute, existing paths. */
  inputs: string[];
  root: string;
  config: ScanConfig;
  /** Called after every file, to let the caller show progress. */
  onProgress?: (done: number, total: number) => void;
  today?: string;
  /** Apply every safe fix and write the files back (`--fix`); findings are those left after fixing. */
  fix?: boolean;
  /** With `--cache`: the previous run's entries by relative path (an empty map for a cold cache). */
  cache?: Map<string, CacheEntry>;
}

function locate(finding: Finding, lines: LineIndex): LocatedFinding {
  const start = lines.positionAt(finding.start);
  const end = lines.positionAt(finding.end);
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    fingerprint: finding.fingerprint,
    snippet: finding.snippet,
    fixes: finding.fixes.map((f) => ({ id: f.id, title: f.title, safety: f.safety })),
  };
}

function locateSuppression(use: SuppressionUse, lines: LineIndex): LocatedSuppression {
  return {
    line: lines.positionAt(use.start).line, kind: use.kind, ruleIds: use.ruleIds, reason: use.reason, until: use.until,
    status: use.status, suppressed: use.suppressed,
  };
}

/** Fix passes per file: a fix can uncover another (ESLint makes up to 10 passes). */
const MAX_FIX_PASSES = 10;

/** What scanning one file gave: a report, or a skip (with a warning line for unreadable or failed files). */
export type FileOutcome =
  | { kind: 'report'; report: FileReport; baselined: number; warning?: string }
  | { kind: 'skip'; reason: SkipReason; warning?: string };

export interface FileTask {
  absPath: string;
  relPath: string;
  /** A cached outcome and the keys it was computed for (`--cache`). */
  cached?: CacheEntry;
}

/** A cache entry: the outcome of a file, valid while its content and its configuration are the same. */
export interface CacheEntry {
  contentHash: string;
  configHash: string;
  outcome: FileOutcome;
}

export interface FileOptions {
  config: ScanConfig;
  today?: string;
  fix?: boolean;
  /** Compute cache keys (and use `task.cached` when they match). */
  cache?: boolean;
}

/**
 * Scans one file: read it (skipping what is too large, binary or minified), analyse it with its configuration, apply
 * safe fixes when asked. Throws ConfigError only (a broken team file stops the scan); everything else is an outcome.
 */
export function scanFile(task: FileTask, options: FileOptions): { outcome: FileOutcome; cacheEntry?: CacheEntry } {
  const { absPath, relPath } = task;
  // A broken team file throws here and stops the scan (exit 2), as ESLint does.
  const fileConfig = options.config.forFile(absPath);
  const read = readScanTarget(absPath, fileConfig.config.maxFileSize);
  if (read.kind === 'skip') {
    const warning = read.reason === 'unreadable' ? `${relPath}: cannot read file (${read.code}), skipped` : undefined;
    return { outcome: { kind: 'skip', reason: read.reason, ...(warning ? { warning } : {}) } };
  }
  const { text } = read;

  let keys: { contentHash: string; configHash: string } | undefined;
  if (options.cache && !options.fix) {
    keys = {
      contentHash: fnv1a64(text),
      configHash: fnv1a64(JSON.stringify([packageVersion(), options.today ?? '', fileConfig.analysisPath, fileConfig.config, fileConfig.baselineKey ?? ''])),
    };
    const hit = task.cached;
    if (hit && hit.contentHash === keys.contentHash && hit.configHash === keys.configHash) return { outcome: hit.outcome, cacheEntry: hit };
  }
  const run = (input: string, prefilter = true): AnalyzeResult | undefined => {
    try {
      return analyze(input, {
        path: fileConfig.analysisPath, config: fileConfig.config, rules: RULES, guidelineText: GUIDELINE, today: options.today,
        baseline: fileConfig.baseline, prefilter,
      });
    } catch {
      return undefined;
    }
  };
  let current = text;
  let analysis = run(current);
  let fixed = 0;
  for (let pass = 0; options.fix && analysis && !analysis.skipped && pass < MAX_FIX_PASSES; pass++) {
    const { changes, fixes } = selectSafeFixes(analysis.findings);
    if (fixes === 0) break;
    const next = applyChanges(current, changes);
    // A fix that breaks the parse is not written (the rule tests forbid it; this is the last line of defence). The
    // fixed text is always parsed: the pre-filter would skip the parse of a text no rule can report on any more.
    const again = run(next, false);
    if (!again || (again.parseError && !analysis.parseError)) break;
    current = next;
    analysis = again;
    fixed += fixes;
  }
  let warning: string | undefined;
  if (fixed > 0) {
    try {
      fs.writeFileSync(absPath, read.bom ? `\uFEFF${current}` : current);
    } catch (err) {
      warning = `${relPath}: cannot write the fixed file (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
      fixed = 0;
      current = text;
      analysis = run(text);
    }
  }
  if (!analysis || analysis.skipped === 'internal error') {
    // The engine's error text is not printed: it could quote the file's content.
    return { outcome: { kind: 'skip', reason: 'analysis failed', warning: `${relPath}: analysis failed, skipped` } };
  }
  // Text checks only (a script too large to parse) or the time budget ran out: say so, the findings may be partial.
  if (analysis.incomplete) warning = warning ? `${warning}; ${analysis.incomplete}` : `${relPath}: ${analysis.incomplete}`;
  let outcome: FileOutcome;
  if (analysis.skipped) {
    outcome = { kind: 'skip', reason: ENGINE_SKIP_REASONS[analysis.skipped] ?? analysis.skipped, warning };
  } else {
    const lines = new LineIndex(current);
    outcome = {
      kind: 'report',
      baselined: analysis.baselined,
      warning,
      report: {
        absPath, relPath, fixed,
        findings: analysis.findings.map((f) => locate(f, lines)),
        suppressions: analysis.suppressions.map((u) => locateSuppression(u, lines)),
      },
    };
  }
  return { outcome, cacheEntry: keys ? { ...keys, outcome } : undefined };
}

/** The files a request covers, as tasks in path order. */
export function scanTasks(request: ScanRequest): FileTask[] {
  const { root, config } = request;
  const { files } = collectFiles(request.inputs, { root, isExcluded: (abs) => config.isIgnored(abs) });
  return files.map((absPath) => {
    const relPath = toPosix(path.relative(root, absPath));
    return { absPath, relPath, cached: request.cache?.get(relPath) };
  });
}

/** Adds one file's outcome to the result (outcomes must be added in task order for a stable report). */
export function addOutcome(result: ScanResult, outcome: FileOutcome): void {
  if (outcome.kind === 'report') {
    result.files.push(outcome.report);
    result.baselined += outcome.baselined;
    if (outcome.warning) result.warnings.push(outcome.warning);
  } else {
    result.skipped.set(outcome.reason, (result.skipped.get(outcome.reason) ?? 0) + 1);
    if (outcome.warning) result.warnings.push(outcome.warning);
  }
}

export function emptyResult(root: string): ScanResult {
  return { root, files: [], skipped: new Map(), warnings: [], baselined: 0 };
}

/** Scans every file in this thread (small scans, `--concurrency off`, and the workers themselves). */
export function runScan(request: ScanRequest): ScanResult {
  const result = emptyResult(request.root);
  if (!request.config.enabled) return result;
  const tasks = scanTasks(request);
  const updated = new Map<string, CacheEntry>();
  tasks.forEach((task, index) => {
    request.onProgress?.(index + 1, tasks.length);
    const { outcome, cacheEntry } = scanFile(task, { config: request.config, today: request.today, fix: request.fix, cache: Boolean(request.cache) });
    if (cacheEntry) updated.set(task.relPath, cacheEntry);
    addOutcome(result, outcome);
  });
  if (request.cache) result.cacheEntries = updated;
  return result;
}

/** Totals by severity over the reported files. */
export function countBySeverity(files: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of files) for (const f of file.findings) counts[f.severity]++;
  return counts;
}
