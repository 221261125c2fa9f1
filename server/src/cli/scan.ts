// Runs the engine over every collected file and gathers located findings plus skip and warning counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyChanges, LineIndex, MAX_FILE_CHARS, selectSafeFixes, type AnalyzeResult, type Finding, type Severity, type SuppressionUse } from '../engine';
import { GUIDELINE, RULES } from '../../../rules';
import type { ScanConfig } from './config';
import { collectFiles, toPosix } from './walk';

/** Files above this size are skipped and counted: generated data or bundles, too slow to analyse usefully. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const MINIFIED_PROBE_CHARS = 4096;
const MINIFIED_LINE_CHARS = 1000;
const BINARY_PROBE_BYTES = 8192;
const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Why an included file was not analysed: `larger than 2 MB`, `binary`, `minified`, `unreadable`, `analysis failed`. */
export type SkipReason = string;

/** The engine's own limits, named the way the CLI names its checks so the footer counts them together. */
const ENGINE_SKIP_REASONS: Record<string, SkipReason> = {
  [`larger than ${MAX_FILE_CHARS} characters`]: 'larger than 2 MB',
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
}

function hasLongLine(text: string): boolean {
  const head = text.slice(0, MINIFIED_PROBE_CHARS);
  let lineStart = 0;
  for (let i = 0; i <= head.length; i++) {
    const ch = head.charCodeAt(i);
    if (i === head.length || ch === 10 || ch === 13) {
      if (i - lineStart > MINIFIED_LINE_CHARS) return true;
      lineStart = i + 1;
    }
  }
  return false;
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

export function runScan(request: ScanRequest): ScanResult {
  const { root, config } = request;
  const result: ScanResult = { root, files: [], skipped: new Map(), warnings: [], baselined: 0 };
  if (!config.enabled) return result;

  const skip = (reason: SkipReason) => result.skipped.set(reason, (result.skipped.get(reason) ?? 0) + 1);
  const { files } = collectFiles(request.inputs, { root, isExcluded: (abs) => config.isIgnored(abs) });

  files.forEach((absPath, index) => {
    request.onProgress?.(index + 1, files.length);
    const relPath = toPosix(path.relative(root, absPath));
    let bytes: Buffer;
    try {
      if (fs.statSync(absPath).size > MAX_FILE_BYTES) return skip('larger than 2 MB');
      bytes = fs.readFileSync(absPath);
    } catch (err) {
      result.warnings.push(`${relPath}: cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'}), skipped`);
      return skip('unreadable');
    }
    if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return skip('binary');
    // Editors drop the byte-order mark from the document, so columns match what the user sees without it.
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (JS_EXTENSIONS.has(path.extname(absPath).toLowerCase()) && hasLongLine(text)) return skip('minified');

    // A broken team file throws here and stops the scan (exit 2), as ESLint does.
    const fileConfig = config.forFile(absPath);
    const run = (input: string): AnalyzeResult | undefined => {
      try {
        return analyze(input, {
          path: fileConfig.analysisPath, config: fileConfig.config, rules: RULES, guidelineText: GUIDELINE, today: request.today,
          baseline: fileConfig.baseline,
        });
      } catch {
        return undefined;
      }
    };
    let current = text;
    let analysis = run(current);
    let fixed = 0;
    for (let pass = 0; request.fix && analysis && !analysis.skipped && pass < MAX_FIX_PASSES; pass++) {
      const { changes, fixes } = selectSafeFixes(analysis.findings);
      if (fixes === 0) break;
      const next = applyChanges(current, changes);
      const again = run(next);
      // A fix that breaks the parse is not written (the rule tests forbid it; this is the last line of defence).
      if (!again || (again.parseError && !analysis.parseError)) break;
      current = next;
      analysis = again;
      fixed += fixes;
    }
    if (fixed > 0) {
      try {
        fs.writeFileSync(absPath, bytes.subarray(0, 3).equals(BOM) ? `\uFEFF${current}` : current);
      } catch (err) {
        result.warnings.push(`${relPath}: cannot write the fixed file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
        fixed = 0;
        current = text;
        analysis = run(text);
      }
    }
    if (!analysis || analysis.skipped === 'internal error') {
      // The engine's error text is not printed: it could quote the file's content.
      result.warnings.push(`${relPath}: analysis failed, skipped`);
      return skip('analysis failed');
    }
    if (analysis.skipped) return skip(ENGINE_SKIP_REASONS[analysis.skipped] ?? analysis.skipped);
    result.baselined += analysis.baselined;
    const lines = new LineIndex(current);
    result.files.push({
      absPath, relPath, fixed,
      findings: analysis.findings.map((f) => locate(f, lines)),
      suppressions: analysis.suppressions.map((u) => locateSuppression(u, lines)),
    });
  });
  return result;
}

/** Totals by severity over the reported files. */
export function countBySeverity(files: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of files) for (const f of file.findings) counts[f.severity]++;
  return counts;
}
