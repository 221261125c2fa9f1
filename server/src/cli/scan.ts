// Runs the engine over every collected file and gathers located findings plus skip and warning counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, LineIndex, MAX_FILE_CHARS, type Finding, type Severity } from '../engine';
import { GUIDELINE, RULES } from '../../../rules';
import type { ScanConfig } from './config';
import { collectFiles, toPosix } from './walk';

/** Files above this size are skipped and counted: generated data or bundles, too slow to analyse usefully. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const MINIFIED_PROBE_CHARS = 4096;
const MINIFIED_LINE_CHARS = 1000;
const BINARY_PROBE_BYTES = 8192;
const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);

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
  fixes: Array<{ id: string; title: string; safety: 'safe' | 'unsafe' }>;
}

export interface FileReport {
  absPath: string;
  /** Relative to the scan root, `/`-separated; starts with `../` for a file outside the root. */
  relPath: string;
  findings: LocatedFinding[];
}

export interface ScanResult {
  root: string;
  /** Every analysed file in path order, with or without findings. */
  files: FileReport[];
  skipped: Map<SkipReason, number>;
  /** One line each, for stderr (and SARIF notifications): files that could not be read or analysed. */
  warnings: string[];
}

export interface ScanRequest {
  /** Absolute, existing paths. */
  inputs: string[];
  root: string;
  config: ScanConfig;
  /** Called after every file, to let the caller show progress. */
  onProgress?: (done: number, total: number) => void;
  today?: string;
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
    fixes: finding.fixes.map((f) => ({ id: f.id, title: f.title, safety: f.safety })),
  };
}

export function runScan(request: ScanRequest): ScanResult {
  const { root, config } = request;
  const result: ScanResult = { root, files: [], skipped: new Map(), warnings: [] };
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

    let analysis;
    try {
      analysis = analyze(text, { path: relPath, config: config.forFile(absPath), rules: RULES, guidelineText: GUIDELINE, today: request.today });
    } catch {
      analysis = undefined;
    }
    if (!analysis || analysis.skipped === 'internal error') {
      // The engine's error text is not printed: it could quote the file's content.
      result.warnings.push(`${relPath}: analysis failed, skipped`);
      return skip('analysis failed');
    }
    if (analysis.skipped) return skip(ENGINE_SKIP_REASONS[analysis.skipped] ?? analysis.skipped);
    const lines = new LineIndex(text);
    result.files.push({ absPath, relPath, findings: analysis.findings.map((f) => locate(f, lines)) });
  });
  return result;
}

/** Totals by severity over the reported files. */
export function countBySeverity(files: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of files) for (const f of file.findings) counts[f.severity]++;
  return counts;
}
