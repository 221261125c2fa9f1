// What both renderers show, computed once: totals, findings per guideline clause and section, the busiest files.
import type { Severity } from '../engine';
import { clauseIdsForFinding, GUIDELINE_SECTIONS, type GuidelineClause, type GuidelineSection } from './guideline-sections';
import type { ReportFinding, ReportInput, ReportSuppression } from './types';

/** Most severe first: the order of columns, stacks and legends. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type SeverityCounts = Record<Severity, number>;

/** `findings`: rules found problems. `clean`: rules check it and found none. The other two: no rule checks it. */
export type ComplianceStatus = 'findings' | 'clean' | 'not-checkable' | 'unchecked';

export interface LocatedFinding extends ReportFinding {
  relPath: string;
}

export interface LocatedSuppression extends ReportSuppression {
  relPath: string;
}

export interface ClauseResult {
  clause: GuidelineClause;
  /** Sorted by path, line, column. */
  findings: LocatedFinding[];
  counts: SeverityCounts;
  status: ComplianceStatus;
}

export interface SectionResult {
  section: GuidelineSection;
  clauses: ClauseResult[];
  /** Each finding once, even when its rule cites several clauses of the section. */
  findingCount: number;
  counts: SeverityCounts;
  status: ComplianceStatus;
}

export interface FileTotal {
  relPath: string;
  total: number;
  counts: SeverityCounts;
}

export interface ReportTotals {
  filesScanned: number;
  filesWithFindings: number;
  findings: number;
  counts: SeverityCounts;
  suppressions: number;
  suppressionsByStatus: Record<ReportSuppression['status'], number>;
  skipped: number;
  /** By reason, most frequent first. */
  skippedByReason: Array<[reason: string, count: number]>;
}

export interface ReportModel {
  input: ReportInput;
  totals: ReportTotals;
  sections: SectionResult[];
  /** Findings of checks that cite no guideline clause (suppression-comment problems, unknown rules): listed on their own. */
  unmapped: LocatedFinding[];
  /** Up to ten files with the most findings. */
  topFiles: FileTotal[];
  /** Sorted by path and line. */
  suppressions: LocatedSuppression[];
}

export const TOP_FILES = 10;

export function zeroCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

/** The most severe level present, or undefined for all zeros. */
export function worstSeverity(counts: SeverityCounts): Severity | undefined {
  return SEVERITIES.find((severity) => counts[severity] > 0);
}

function countBySeverity(findings: readonly ReportFinding[]): SeverityCounts {
  const counts = zeroCounts();
  for (const f of findings) if (f.severity in counts) counts[f.severity]++;
  return counts;
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byLocation(a: LocatedFinding, b: LocatedFinding): number {
  return byPath(a.relPath, b.relPath) || a.line - b.line || a.column - b.column || byPath(a.ruleId, b.ruleId);
}

function clauseStatus(clause: GuidelineClause, findingCount: number): ComplianceStatus {
  if (findingCount > 0) return 'findings';
  if (clause.coverage === 'enforced') return 'clean';
  return clause.coverage;
}

function sectionStatus(clauses: readonly ClauseResult[]): ComplianceStatus {
  if (clauses.some((c) => c.status === 'findings')) return 'findings';
  if (clauses.some((c) => c.status === 'clean')) return 'clean';
  if (clauses.every((c) => c.status === 'not-checkable')) return 'not-checkable';
  return 'unchecked';
}

export function buildReportModel(input: ReportInput): ReportModel {
  const located: LocatedFinding[] = input.files
    .flatMap((file) => file.findings.map((finding) => ({ ...finding, relPath: file.relPath })))
    .sort(byLocation);

  const byClause = new Map<string, LocatedFinding[]>();
  const unmapped: LocatedFinding[] = [];
  for (const finding of located) {
    const clauseIds = clauseIdsForFinding(finding.ruleId, finding.message);
    if (clauseIds.length === 0) unmapped.push(finding);
    for (const id of clauseIds) {
      const list = byClause.get(id) ?? [];
      list.push(finding);
      byClause.set(id, list);
    }
  }

  const sections: SectionResult[] = GUIDELINE_SECTIONS.map((section) => {
    const clauses = section.clauses.map((clause): ClauseResult => {
      const findings = byClause.get(clause.id) ?? [];
      return { clause, findings, counts: countBySeverity(findings), status: clauseStatus(clause, findings.length) };
    });
    const unique = [...new Set(clauses.flatMap((c) => c.findings))];
    return { section, clauses, findingCount: unique.length, counts: countBySeverity(unique), status: sectionStatus(clauses) };
  });

  const topFiles: FileTotal[] = input.files
    .filter((file) => file.findings.length > 0)
    .map((file) => ({ relPath: file.relPath, total: file.findings.length, counts: countBySeverity(file.findings) }))
    .sort((a, b) => b.total - a.total || b.counts.error - a.counts.error || byPath(a.relPath, b.relPath))
    .slice(0, TOP_FILES);

  const suppressions: LocatedSuppression[] = input.files
    .flatMap((file) => file.suppressions.map((s) => ({ ...s, relPath: file.relPath })))
    .sort((a, b) => byPath(a.relPath, b.relPath) || a.line - b.line);

  const suppressionsByStatus = { used: 0, unused: 0, expired: 0 };
  for (const s of suppressions) if (s.status in suppressionsByStatus) suppressionsByStatus[s.status]++;

  const skippedByReason = [...input.skipped.entries()]
    .filter(([, count]) => count > 0)
    .sort(([ra, a], [rb, b]) => b - a || byPath(ra, rb));

  return {
    input,
    totals: {
      filesScanned: input.files.length,
      filesWithFindings: input.files.filter((file) => file.findings.length > 0).length,
      findings: located.length,
      counts: countBySeverity(located),
      suppressions: suppressions.length,
      suppressionsByStatus,
      skipped: skippedByReason.reduce((sum, [, count]) => sum + count, 0),
      skippedByReason,
    },
    sections,
    unmapped,
    topFiles,
    suppressions,
  };
}

/** Groups findings (already sorted by location) by file, keeping the order. */
export function groupByFile<T extends { relPath: string }>(items: readonly T[]): Array<[relPath: string, items: T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.relPath) ?? [];
    list.push(item);
    groups.set(item.relPath, list);
  }
  return [...groups.entries()];
}

/** `1 finding`, `3 findings`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `2025-03-04 09:15 UTC` for an ISO timestamp; the input unchanged when it does not parse. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Label of a status, as both renderers print it. */
export function statusLabel(status: ComplianceStatus, findingCount: number): string {
  switch (status) {
    case 'findings': return plural(findingCount, 'finding');
    case 'clean': return 'clean';
    case 'not-checkable': return 'not checkable by static analysis';
    case 'unchecked': return 'not checked by any rule';
  }
}

export function severityLabel(severity: Severity, count: number): string {
  return severity === 'info' ? `${count} info` : plural(count, severity);
}
