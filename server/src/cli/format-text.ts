// The `text` format: ESLint "stylish" layout (file header, aligned rows, summary) plus a scanned/skipped footer.
import type { Severity } from '../engine';
import { countBySeverity, type FileReport, type ScanResult } from './scan';

export interface TextFormatOptions {
  color: boolean;
  /** How to show a file in its header (the CLI shows paths relative to the current directory). */
  displayPath: (file: FileReport) => string;
  /** List every suppression comment (`--report-suppressions`). */
  suppressions?: boolean;
}

type Paint = (text: string) => string;

function painter(enabled: boolean, open: number, close: number): Paint {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatText(result: ScanResult, options: TextFormatOptions): string {
  const underline = painter(options.color, 4, 24);
  const dim = painter(options.color, 2, 22);
  const bold = painter(options.color, 1, 22);
  const bySeverity: Record<Severity, Paint> = {
    error: painter(options.color, 31, 39),
    warning: painter(options.color, 33, 39),
    info: painter(options.color, 34, 39),
  };
  const green = painter(options.color, 32, 39);

  const out: string[] = [];
  for (const file of result.files) {
    if (file.findings.length === 0) continue;
    const lineWidth = Math.max(...file.findings.map((f) => String(f.line).length));
    const columnWidth = Math.max(...file.findings.map((f) => String(f.column).length));
    const severityWidth = Math.max(...file.findings.map((f) => f.severity.length));
    // ESLint drops a message's final period; the rule id follows it on the row.
    const messages = file.findings.map((f) => f.message.replace(/\s+/g, ' ').replace(/([^ ])\.$/, '$1'));
    const messageWidth = Math.max(...messages.map((m) => m.length));
    out.push('', underline(options.displayPath(file)));
    file.findings.forEach((f, i) => {
      const position = `${String(f.line).padStart(lineWidth)}:${String(f.column).padEnd(columnWidth)}`;
      out.push(`  ${dim(position)}  ${bySeverity[f.severity](f.severity.padEnd(severityWidth))}  ${messages[i].padEnd(messageWidth)}  ${dim(f.ruleId)}`);
    });
  }

  const counts = countBySeverity(result.files);
  const total = counts.error + counts.warning + counts.info;
  out.push('');
  // Unlike ESLint's silence, a clean run still prints its summary and footer: a CI log then shows the scan ran and
  // what it covered.
  if (total === 0) {
    out.push(green(bold('✔ 0 problems')));
  } else {
    const paint = counts.error ? bySeverity.error : counts.warning ? bySeverity.warning : bySeverity.info;
    out.push(paint(bold(`✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})`)));
  }
  if (options.suppressions) out.push(...suppressionLines(result, options, { bold, dim, warn: bySeverity.warning }));
  out.push(dim(scannedLine(result)), '');
  return out.join('\n');
}

/** The suppression review: every comment with its rule ids, use, expiry and reason, unused and expired ones marked. */
function suppressionLines(result: ScanResult, options: TextFormatOptions, paint: { bold: Paint; dim: Paint; warn: Paint }): string[] {
  const rows: string[] = [];
  let used = 0;
  let unused = 0;
  let expired = 0;
  for (const file of result.files) {
    for (const s of file.suppressions) {
      if (s.status === 'used') used++;
      else if (s.status === 'unused') unused++;
      else expired++;
      const status = s.status === 'used' ? `hides ${s.suppressed}` : paint.warn(s.status);
      const ids = s.ruleIds.length ? s.ruleIds.join(', ') : 'all rules';
      const until = s.until ? ` until ${s.until}` : '';
      const reason = s.reason ? `-- ${s.reason}` : paint.warn('no reason given');
      rows.push(`  ${options.displayPath(file)}:${s.line}  ${ids}  ${status}${until}  ${reason}`);
    }
  }
  const total = used + unused + expired;
  return ['', paint.bold(`Suppressions: ${plural(total, 'comment')} (${used} in use, ${unused} unused, ${expired} expired)`), ...rows, ''];
}

function scannedLine(result: ScanResult): string {
  const scanned = `${plural(result.files.length, 'file')} scanned`;
  const skipped = [...result.skipped.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const skippedTotal = skipped.reduce((sum, [, n]) => sum + n, 0);
  if (skippedTotal === 0) return scanned;
  return `${scanned}, ${skippedTotal} skipped (${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')})`;
}
