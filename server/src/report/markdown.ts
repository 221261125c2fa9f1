// The compliance report as GitHub-flavoured Markdown: the HTML page's content, with tables where the page has charts.
import { GUIDELINE_TITLE, ruleById, ruleDocUrl } from '../../../rules';
import { escapeMarkdown, markdownCode } from './escape';
import { GUIDELINE_CLAUSES, GUIDELINE_DOCUMENT_TITLE, GUIDELINE_PARTS, type GuidelineClause } from './guideline-sections';
import {
  buildReportModel, formatTimestamp, groupByFile, plural, SEVERITIES, statusLabel,
  type ClauseResult, type LocatedFinding, type ReportModel, type SeverityCounts,
} from './model';
import type { ReportInput } from './types';

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const separator = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [header, separator, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A rule message for a table cell, with its `quoted` code (names, masked values) kept as code spans. */
function messageMarkdown(message: string): string {
  return message.split(/(`[^`\n]+`)/).map((part) => (/^`[^`\n]+`$/.test(part) ? markdownCode(part.slice(1, -1)) : escapeMarkdown(part))).join('');
}

const ruleLink = (ruleId: string): string => `[${markdownCode(ruleId)}](${ruleDocUrl(ruleId)})`;

const severityCells = (counts: SeverityCounts): string[] => SEVERITIES.map((s) => String(counts[s]));

function renderHeader(model: ReportModel): string[] {
  const { input, totals } = model;
  const enforced = GUIDELINE_CLAUSES.filter((c) => c.coverage === 'enforced').length;
  const skipped = totals.skippedByReason.length
    ? `${totals.skipped} (${totals.skippedByReason.map(([reason, n]) => `${n} ${escapeMarkdown(reason)}`).join(', ')})`
    : '0';
  const suppressions = totals.suppressions
    ? `${totals.suppressions} (${(['used', 'unused', 'expired'] as const).map((s) => `${totals.suppressionsByStatus[s]} ${s}`).join(', ')})`
    : '0';
  return [
    '# Guideline compliance report',
    '',
    `${escapeMarkdown(GUIDELINE_TITLE)} (“${escapeMarkdown(GUIDELINE_DOCUMENT_TITLE)}”), checked by CodePay Guard.`,
    '',
    `- **Root:** ${markdownCode(input.root, false)}`,
    `- **Generated:** ${escapeMarkdown(formatTimestamp(input.generatedAt))}`,
    `- **Tool version:** CodePay Guard ${escapeMarkdown(input.toolVersion)}`,
    `- **Rule coverage:** ${enforced} of ${GUIDELINE_CLAUSES.length} guideline clauses are checked by rules`,
    '',
    '## Totals',
    '',
    table(['Files scanned', 'Files with findings', 'Errors', 'Warnings', 'Info', 'Suppressions', 'Skipped files'], [[
      String(totals.filesScanned), String(totals.filesWithFindings), ...severityCells(totals.counts), suppressions, skipped,
    ]], ['r', 'r', 'r', 'r', 'r', 'l', 'l']),
  ];
}

function renderCoverage(model: ReportModel): string[] {
  const rows = model.sections.flatMap((s) => {
    const checked = s.clauses.some((c) => c.clause.coverage === 'enforced');
    return [
      [`**${s.section.id}**`, `**${escapeMarkdown(s.section.title)}**`, '', checked ? `**${s.findingCount}**` : '—', `**${statusLabel(s.status, s.findingCount)}**`],
      ...s.clauses.map((c) => [
        c.clause.id,
        escapeMarkdown(c.clause.topic),
        c.clause.ruleIds.map((id) => markdownCode(id)).join(', ') || '—',
        c.clause.coverage === 'enforced' ? String(c.findings.length) : '—',
        statusLabel(c.status, c.findings.length),
      ]),
    ];
  });
  return [
    '## Coverage by guideline section',
    '',
    'A finding counts toward the clause its message names (a rule may check several); a section counts each finding once. “Clean” means the rules found nothing, not that the clause is met.',
    '',
    table(['Clause', 'Topic', 'Checked by', 'Findings', 'Status'], rows, ['l', 'l', 'l', 'r', 'l']),
  ];
}

function renderChartTables(model: ReportModel): string[] {
  const clauseRows = model.sections.flatMap((s) => s.clauses)
    .filter((c) => c.clause.coverage === 'enforced')
    .map((c) => [c.clause.id, escapeMarkdown(c.clause.topic), ...severityCells(c.counts), String(c.findings.length)]);
  const fileRows = model.topFiles.map((f) => [markdownCode(f.relPath), ...severityCells(f.counts), String(f.total)]);
  return [
    '## Findings by guideline clause and severity',
    '',
    table(['Clause', 'Topic', 'Errors', 'Warnings', 'Info', 'Total'], clauseRows, ['l', 'l', 'r', 'r', 'r', 'r']),
    '',
    '## Top 10 files by findings',
    '',
    fileRows.length ? table(['File', 'Errors', 'Warnings', 'Info', 'Total'], fileRows, ['l', 'r', 'r', 'r', 'r']) : '_No findings in any file._',
  ];
}

function renderFindings(findings: readonly LocatedFinding[]): string[] {
  return groupByFile(findings).flatMap(([relPath, list]) => [
    '',
    `**${markdownCode(relPath, false)}** — ${plural(list.length, 'finding')}`,
    '',
    table(['Line:Col', 'Severity', 'Rule', 'Message', 'Snippet'], list.map((f) => [
      `${f.line}:${f.column}`,
      escapeMarkdown(f.severity),
      ruleById(f.ruleId) ? ruleLink(f.ruleId) : markdownCode(f.ruleId),
      messageMarkdown(f.message),
      f.snippet !== undefined && f.snippet.trim() !== '' ? markdownCode(f.snippet) : '',
    ])),
  ]);
}

function quote(clause: GuidelineClause): string[] {
  if (clause.points.length === 0) return [`> ${escapeMarkdown(clause.text)}`];
  return clause.points.flatMap((point, i) => [...(i > 0 ? ['>'] : []), `> ◆ ${escapeMarkdown(point)}`]);
}

function renderClause(result: ClauseResult): string[] {
  const { clause } = result;
  const lines = [`#### ${clause.id} ${escapeMarkdown(clause.topic)} — ${statusLabel(result.status, result.findings.length)}`, '', ...quote(clause), ''];
  if (clause.coverage === 'enforced') {
    lines.push('Checked by:', '');
    for (const id of clause.ruleIds) {
      const description = ruleById(id)?.meta.description;
      lines.push(`- ${ruleLink(id)}${description ? ` — ${escapeMarkdown(description)}` : ''}`);
    }
    if (clause.manualPart) lines.push('', `_Beyond static analysis:_ ${escapeMarkdown(clause.manualPart)}`);
    if (result.findings.length) lines.push(...renderFindings(result.findings));
    else lines.push('', '_No findings._');
  } else if (clause.coverage === 'not-checkable') {
    lines.push(`**Not checkable by static analysis.** ${escapeMarkdown(clause.reason ?? '')}`);
  } else {
    lines.push('**Not checked by any rule.** No rule of this version cites this clause.');
  }
  lines.push('');
  return lines;
}

function renderGuideline(model: ReportModel): string[] {
  return GUIDELINE_PARTS.flatMap((part) => [
    `## ${part.id}. ${escapeMarkdown(part.title)}`,
    '',
    escapeMarkdown(part.intro),
    '',
    ...model.sections.filter((s) => s.section.part.id === part.id).flatMap((s) => [
      `### ${s.section.id} ${escapeMarkdown(s.section.title)}`,
      '',
      ...s.clauses.flatMap(renderClause),
    ]),
  ]);
}

function renderUnmapped(model: ReportModel): string[] {
  if (model.unmapped.length === 0) return [];
  return ['## Findings without a guideline clause', '', `${plural(model.unmapped.length, 'finding')} from checks that cite no guideline clause, such as the checks of suppression comments.`, ...renderFindings(model.unmapped), ''];
}

function renderSuppressions(model: ReportModel): string[] {
  if (model.suppressions.length === 0) return ['## Suppressions', '', '_No suppression comments in the scanned files._'];
  const rows = model.suppressions.map((s) => [
    markdownCode(s.relPath),
    String(s.line),
    markdownCode(s.kind),
    s.ruleIds.length ? s.ruleIds.map((id) => markdownCode(id)).join(', ') : 'all rules',
    s.reason !== undefined && s.reason.trim() !== '' ? escapeMarkdown(s.reason) : '_no reason given_',
    s.until ? escapeMarkdown(s.until) : '—',
    s.status,
  ]);
  return [
    '## Suppressions',
    '',
    'An expired suppression no longer hides its finding; an unused one hides nothing and can be removed.',
    '',
    table(['File', 'Line', 'Directive', 'Rules', 'Reason', 'Until', 'Status'], rows, ['l', 'r', 'l', 'l', 'l', 'l', 'l']),
  ];
}

export function renderReportMarkdown(input: ReportInput): string {
  const model = buildReportModel(input);
  const lines = [
    ...renderHeader(model), '',
    ...renderCoverage(model), '',
    ...renderChartTables(model), '',
    ...renderGuideline(model),
    ...renderUnmapped(model),
    ...renderSuppressions(model), '',
    '---',
    '',
    `_Generated by CodePay Guard ${escapeMarkdown(input.toolVersion)}. Findings come from static analysis of the scanned files: a clean clause means its rules found nothing, and clauses marked “not checkable by static analysis” need review by people._`,
    '',
  ];
  return lines.join('\n');
}
