// What the compliance report is made of: scanned files with located findings and suppressions (plain data).
import type { Severity } from '../engine';

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based; end column exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The finding's source line (or a window of it), secrets masked; absent when not available. */
  snippet?: string;
}

export interface ReportSuppression {
  /** 1-based line of the comment. */
  line: number;
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** Rule ids named by the directive; empty means every rule. */
  ruleIds: string[];
  reason?: string;
  /** `YYYY-MM-DD` when the suppression expires. */
  until?: string;
  /** `used`: it hid at least one finding; `unused`: it hid nothing; `expired`: its date has passed. */
  status: 'used' | 'unused' | 'expired';
}

export interface ReportFile {
  /** Relative to the report root, `/`-separated. */
  relPath: string;
  findings: ReportFinding[];
  suppressions: ReportSuppression[];
}

export interface ReportInput {
  /** Absolute path of the scanned root (shown in the header). */
  root: string;
  files: ReportFile[];
  /** Files not analysed, by reason (`binary`, `minified`, …). */
  skipped: Map<string, number>;
  /** ISO timestamp of the scan. */
  generatedAt: string;
  toolVersion: string;
}
