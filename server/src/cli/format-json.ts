// The `json` format: an ESLint-like array of per-file results, with fingerprints and the fixes on offer.
import type { FileReport, ScanResult } from './scan';

export function formatJson(result: ScanResult, options: { suppressions?: boolean } = {}): string {
  const files = result.files.map((file: FileReport) => {
    let errorCount = 0;
    let warningCount = 0;
    let infoCount = 0;
    const messages = file.findings.map((f) => {
      if (f.severity === 'error') errorCount++;
      else if (f.severity === 'warning') warningCount++;
      else infoCount++;
      return {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        fingerprint: f.fingerprint,
        // Only what each fix is: its edits are not printed, they can hold the very value being moved.
        fixes: f.fixes.map(({ id, title, safety }) => ({ id, title, safety })),
      };
    });
    const entry: Record<string, unknown> = { filePath: file.absPath, messages, errorCount, warningCount, infoCount };
    if (options.suppressions) entry.suppressions = file.suppressions;
    return entry;
  });
  return `${JSON.stringify(files, null, 2)}\n`;
}
