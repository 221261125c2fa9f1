// The compliance report as one self-contained HTML page: inline style and SVG, a strict CSP, no network, no script
// except (in a VS Code webview) one nonce'd handler that asks the extension to open a finding's location.
import { fnv1a64 } from '../engine';
import { GUIDELINE_TITLE, ruleById, ruleDocUrl } from '../../../rules';
import { renderBarChart, type BarRow } from './charts';
import { escapeHtml } from './escape';
import { GUIDELINE_CLAUSES, GUIDELINE_DOCUMENT_TITLE, GUIDELINE_PARTS, type GuidelineClause } from './guideline-sections';
import {
  buildReportModel, formatTimestamp, groupByFile, plural, statusLabel, worstSeverity,
  type ClauseResult, type ComplianceStatus, type LocatedFinding, type ReportModel, type SectionResult, type SeverityCounts,
} from './model';
import { reportCss } from './styles';
import type { ReportInput } from './types';

export interface HtmlReportOptions {
  /** `docs` (default): a standalone file, no script. `webview`: locations post `{ type: 'open', … }` to the extension. */
  links?: 'docs' | 'webview';
  /** CSP nonce for the inline style (and, in webview mode, the script). Derived from the content when absent. */
  nonce?: string;
  /** A VS Code webview's `cspSource`, added to `style-src` and `img-src` in webview mode. */
  cspSource?: string;
}

interface RenderContext {
  webview: boolean;
}

const NONCE = /^[A-Za-z0-9+/=_-]+$/;
const CSP_SOURCE = /^[^;,'"<>\r\n]+$/;

const anchor = (prefix: string, id: string): string => `${prefix}-${id.replace(/\./g, '-')}`;
const clauseAnchor = (clauseId: string): string => anchor('clause', clauseId);
const sectionAnchor = (sectionId: string): string => anchor('section', sectionId);

function location(ctx: RenderContext, relPath: string, line: number, column: number | undefined, text: string): string {
  if (!ctx.webview) return `<span class="loc-text">${escapeHtml(text)}</span>`;
  const col = column ?? 1;
  return `<a href="#" class="loc-link" data-path="${escapeHtml(relPath)}" data-line="${line}" data-column="${col}" title="Open ${escapeHtml(relPath)}:${line}:${col}">${escapeHtml(text)}</a>`;
}

/** A rule message, with its `quoted` code (names, masked values) set as code. */
function messageHtml(message: string): string {
  return message.split(/(`[^`\n]+`)/).map((part) => (/^`[^`\n]+`$/.test(part) ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : escapeHtml(part))).join('');
}

function statusBadge(status: ComplianceStatus, findingCount: number, counts: SeverityCounts): string {
  const severity = status === 'findings' ? ` sev-${worstSeverity(counts) ?? 'info'}` : '';
  return `<span class="badge ${status}${severity}" data-status="${status}">${escapeHtml(statusLabel(status, findingCount))}</span>`;
}

function ruleLink(ruleId: string): string {
  return `<a href="${escapeHtml(ruleDocUrl(ruleId))}"><code>${escapeHtml(ruleId)}</code></a>`;
}

function renderHeader(model: ReportModel): string {
  const { input, totals } = model;
  const enforced = GUIDELINE_CLAUSES.filter((c) => c.coverage === 'enforced').length;
  const skippedDetail = totals.skippedByReason.map(([reason, n]) => `${n} ${reason}`).join(' · ');
  const suppressionDetail = (['used', 'unused', 'expired'] as const)
    .filter((s) => totals.suppressionsByStatus[s] > 0)
    .map((s) => `${totals.suppressionsByStatus[s]} ${s}`).join(' · ');
  const stat = (id: string, value: number, label: string, extraClass = '', detail = ''): string =>
    `<li class="stat${extraClass}" id="stat-${id}"><span class="stat-value">${value}</span><span class="stat-label">${escapeHtml(label)}</span>${detail ? `<span class="stat-detail">${escapeHtml(detail)}</span>` : ''}</li>`;
  return `<header class="report-header"><div class="page">
<p class="eyebrow">CodePay Guard</p>
<h1>Guideline compliance report</h1>
<p class="subtitle">${escapeHtml(GUIDELINE_TITLE)} (“${escapeHtml(GUIDELINE_DOCUMENT_TITLE)}”)</p>
<dl class="meta">
<dt>Root</dt><dd><code id="report-root">${escapeHtml(input.root)}</code></dd>
<dt>Generated</dt><dd><time datetime="${escapeHtml(input.generatedAt)}">${escapeHtml(formatTimestamp(input.generatedAt))}</time></dd>
<dt>Tool version</dt><dd>CodePay Guard <span id="tool-version">${escapeHtml(input.toolVersion)}</span></dd>
<dt>Rule coverage</dt><dd>${enforced} of ${GUIDELINE_CLAUSES.length} guideline clauses are checked by rules; the rest are not checkable by static analysis</dd>
</dl>
<ul class="stats" aria-label="Totals">
${stat('files-scanned', totals.filesScanned, 'Files scanned')}
${stat('files-with-findings', totals.filesWithFindings, 'Files with findings')}
${stat('errors', totals.counts.error, totals.counts.error === 1 ? 'Error' : 'Errors', ' sev-error')}
${stat('warnings', totals.counts.warning, totals.counts.warning === 1 ? 'Warning' : 'Warnings', ' sev-warning')}
${stat('info', totals.counts.info, 'Info', ' sev-info')}
${stat('suppressions', totals.suppressions, totals.suppressions === 1 ? 'Suppression' : 'Suppressions', '', suppressionDetail)}
${stat('skipped', totals.skipped, 'Skipped files', '', skippedDetail)}
</ul>
<nav class="toc" aria-label="Contents"><ol>
<li><a href="#coverage">Coverage</a></li>
<li><a href="#charts">Charts</a></li>
${GUIDELINE_PARTS.map((p) => `<li><a href="#${anchor('part', p.id)}">${escapeHtml(`${p.id}. ${p.title}`)}</a></li>`).join('\n')}
${model.unmapped.length ? '<li><a href="#other-findings">Other findings</a></li>' : ''}
<li><a href="#suppressions">Suppressions</a></li>
</ol></nav>
</div></header>`;
}

function clauseFindingCell(result: ClauseResult): string {
  return result.clause.coverage === 'enforced' ? String(result.findings.length) : '<span class="muted">—</span>';
}

function renderCoverageTable(model: ReportModel): string {
  const body = model.sections.map((s: SectionResult) => {
    const sectionChecked = s.clauses.some((c) => c.clause.coverage === 'enforced');
    const sectionRow = `<tr class="section-row" data-section="${escapeHtml(s.section.id)}"><th scope="rowgroup" colspan="3"><a href="#${sectionAnchor(s.section.id)}">${escapeHtml(`${s.section.id} ${s.section.title}`)}</a></th><td class="num">${sectionChecked ? s.findingCount : '<span class="muted">—</span>'}</td><td>${statusBadge(s.status, s.findingCount, s.counts)}</td></tr>`;
    const clauseRows = s.clauses.map((c) => {
      const rules = c.clause.ruleIds.length
        ? `<span class="rule-list-inline">${c.clause.ruleIds.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</span>`
        : '<span class="muted">—</span>';
      return `<tr class="clause-row" data-clause="${escapeHtml(c.clause.id)}"><td><a href="#${clauseAnchor(c.clause.id)}">${escapeHtml(c.clause.id)}</a></td><td class="topic">${escapeHtml(c.clause.topic)}</td><td>${rules}</td><td class="num">${clauseFindingCell(c)}</td><td>${statusBadge(c.status, c.findings.length, c.counts)}</td></tr>`;
    });
    return `<tbody>${sectionRow}${clauseRows.join('')}</tbody>`;
  });
  return `<section id="coverage" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Coverage by guideline section</h2>
<p class="lead">Each clause of the guideline with the rules that check it. A finding counts toward the clause its message names (a rule may check several); a section counts each finding once. “Clean” means the rules found nothing, not that the clause is met.</p>
<div class="table-wrap"><table class="coverage-table" id="coverage-table">
<thead><tr><th scope="col">Clause</th><th scope="col">Topic</th><th scope="col">Checked by</th><th scope="col" class="num">Findings</th><th scope="col">Status</th></tr></thead>
${body.join('\n')}
</table></div>
</section>`;
}

function clauseChartRows(model: ReportModel): BarRow[] {
  return model.sections.flatMap((s) => s.clauses)
    .filter((c) => c.clause.coverage === 'enforced')
    .map((c) => ({
      label: `${c.clause.id} ${c.clause.topic}`,
      title: `${c.clause.id} ${c.clause.topic}`,
      counts: c.counts,
      href: `#${clauseAnchor(c.clause.id)}`,
      zeroText: 'clean',
    }));
}

function renderCharts(model: ReportModel): string {
  const bySection = renderBarChart({
    id: 'chart-by-section',
    title: 'Findings by guideline clause and severity',
    description: `Stacked bars, one per guideline clause that rules check (${clauseChartRows(model).length} clauses): errors, warnings and info findings.`,
    rows: clauseChartRows(model),
    labelStyle: 'text',
    emptyText: 'No rule checks any clause',
  });
  const topFiles = renderBarChart({
    id: 'chart-top-files',
    title: `Top ${model.topFiles.length || 10} files by findings`,
    description: 'Stacked bars, one per file, for the files with the most findings: errors, warnings and info findings.',
    rows: model.topFiles.map((f) => ({ label: f.relPath, title: f.relPath, counts: f.counts })),
    labelStyle: 'path',
    emptyText: 'No findings in any file',
  });
  return `<section id="charts" aria-labelledby="charts-heading">
<h2 id="charts-heading">Findings at a glance</h2>
<div class="charts">
<figure class="chart-figure"><figcaption>Findings by guideline clause and severity</figcaption><p class="note">Every clause that rules check, in guideline order; each finding counts toward the clause its message names.</p>${bySection}</figure>
<figure class="chart-figure"><figcaption>Top 10 files by findings</figcaption><p class="note">${model.totals.filesWithFindings > 10 ? `The 10 busiest of ${model.totals.filesWithFindings} files with findings.` : `All ${plural(model.totals.filesWithFindings, 'file')} with findings.`}</p>${topFiles}</figure>
</div>
</section>`;
}

function renderFindingRows(ctx: RenderContext, findings: readonly LocatedFinding[]): string {
  return groupByFile(findings).map(([relPath, list]) => {
    const rows = list.map((f) => {
      const snippet = f.snippet !== undefined && f.snippet.trim() !== '' ? `<code class="snippet">${escapeHtml(f.snippet)}</code>` : '';
      return `<tr class="finding" data-rule="${escapeHtml(f.ruleId)}" data-severity="${escapeHtml(f.severity)}"><td class="loc">${location(ctx, relPath, f.line, f.column, `${f.line}:${f.column}`)}</td><td class="sev"><span class="sev-tag sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span></td><td class="rule">${ruleById(f.ruleId) ? ruleLink(f.ruleId) : `<code>${escapeHtml(f.ruleId)}</code>`}</td><td class="message">${messageHtml(f.message)}${snippet}</td></tr>`;
    });
    return `<tbody class="file-group" data-path="${escapeHtml(relPath)}"><tr class="file-row section-row"><th colspan="4" scope="rowgroup"><code>${escapeHtml(relPath)}</code> <span class="muted">· ${plural(list.length, 'finding')}</span></th></tr>${rows.join('')}</tbody>`;
  }).join('');
}

function renderFindingsTable(ctx: RenderContext, findings: readonly LocatedFinding[]): string {
  return `<div class="table-wrap"><table class="findings"><thead><tr><th scope="col">Line:Col</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead>${renderFindingRows(ctx, findings)}</table></div>`;
}

function renderGuidelineText(clause: GuidelineClause): string {
  const body = clause.points.length
    ? `<ul>${clause.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
    : `<p>${escapeHtml(clause.text)}</p>`;
  return `<blockquote class="guideline-text">${body}</blockquote>`;
}

function renderClause(ctx: RenderContext, result: ClauseResult): string {
  const { clause } = result;
  const severity = result.status === 'findings' ? ` sev-${worstSeverity(result.counts) ?? 'info'}` : '';
  const parts: string[] = [renderGuidelineText(clause)];
  if (clause.coverage === 'enforced') {
    const rules = clause.ruleIds.map((id) => {
      const description = ruleById(id)?.meta.description;
      return `<li>${ruleLink(id)}${description ? ` <span class="desc">— ${escapeHtml(description)}</span>` : ''}</li>`;
    });
    parts.push(`<div class="coverage"><p class="coverage-label">Checked by</p><ul class="rules">${rules.join('')}</ul></div>`);
    if (clause.manualPart) parts.push(`<p class="manual"><strong>Beyond static analysis:</strong> ${escapeHtml(clause.manualPart)}</p>`);
    parts.push(result.findings.length ? renderFindingsTable(ctx, result.findings) : '<p class="none">No findings.</p>');
  } else if (clause.coverage === 'not-checkable') {
    parts.push(`<p class="reason"><strong>Not checkable by static analysis.</strong> ${escapeHtml(clause.reason ?? '')}</p>`);
  } else {
    parts.push('<p class="reason"><strong>Not checked by any rule.</strong> No rule of this version cites this clause.</p>');
  }
  return `<article class="clause status-${result.status}${severity}" id="${clauseAnchor(clause.id)}" data-clause="${escapeHtml(clause.id)}" data-status="${result.status}">
<div class="clause-head"><h4 class="clause-title"><span class="num">${escapeHtml(clause.id)}</span> ${escapeHtml(clause.topic)}</h4>${statusBadge(result.status, result.findings.length, result.counts)}</div>
<div class="clause-body">${parts.join('\n')}</div>
</article>`;
}

function renderGuideline(ctx: RenderContext, model: ReportModel): string {
  return GUIDELINE_PARTS.map((part) => {
    const sections = model.sections.filter((s) => s.section.part.id === part.id).map((s) => `<section class="guideline-section" id="${sectionAnchor(s.section.id)}" data-section="${escapeHtml(s.section.id)}">
<h3 class="section-title"><span class="num">${escapeHtml(s.section.id)}</span> ${escapeHtml(s.section.title)}</h3>
${s.clauses.map((c) => renderClause(ctx, c)).join('\n')}
</section>`);
    return `<section class="guideline-part" id="${anchor('part', part.id)}">
<h2>${escapeHtml(`${part.id}. ${part.title}`)}</h2>
<p class="part-intro">${escapeHtml(part.intro)}</p>
${sections.join('\n')}
</section>`;
  }).join('\n');
}

function renderUnmapped(ctx: RenderContext, model: ReportModel): string {
  if (model.unmapped.length === 0) return '';
  return `<section id="other-findings">
<h2>Findings without a guideline clause</h2>
<p class="lead">${plural(model.unmapped.length, 'finding')} from checks that cite no guideline clause, such as the checks of suppression comments.</p>
${renderFindingsTable(ctx, model.unmapped)}
</section>`;
}

function renderSuppressions(ctx: RenderContext, model: ReportModel): string {
  const { totals } = model;
  if (model.suppressions.length === 0) {
    return `<section id="suppressions"><h2>Suppressions</h2><p class="none">No suppression comments in the scanned files.</p></section>`;
  }
  const rows = model.suppressions.map((s) => {
    const rules = s.ruleIds.length ? s.ruleIds.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ') : '<span class="muted">all rules</span>';
    const reason = s.reason !== undefined && s.reason.trim() !== '' ? escapeHtml(s.reason) : '<span class="none">no reason given</span>';
    return `<tr class="suppression" data-status="${escapeHtml(s.status)}"><td class="path"><code>${escapeHtml(s.relPath)}</code></td><td class="num">${location(ctx, s.relPath, s.line, 1, String(s.line))}</td><td><code>${escapeHtml(s.kind)}</code></td><td>${rules}</td><td class="message">${reason}</td><td class="num">${s.until ? escapeHtml(s.until) : '<span class="muted">—</span>'}</td><td><span class="badge ${escapeHtml(s.status)}">${escapeHtml(s.status)}</span></td></tr>`;
  });
  const summary = (['used', 'unused', 'expired'] as const).map((s) => `${totals.suppressionsByStatus[s]} ${s}`).join(', ');
  return `<section id="suppressions" aria-labelledby="suppressions-heading">
<h2 id="suppressions-heading">Suppressions</h2>
<p class="lead">${plural(totals.suppressions, 'suppression comment')}: ${summary}. An expired suppression no longer hides its finding; an unused one hides nothing and can be removed.</p>
<div class="table-wrap"><table class="suppressions-table" id="suppressions-table">
<thead><tr><th scope="col">File</th><th scope="col" class="num">Line</th><th scope="col">Directive</th><th scope="col">Rules</th><th scope="col">Reason</th><th scope="col" class="num">Until</th><th scope="col">Status</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table></div>
</section>`;
}

function renderFooter(model: ReportModel): string {
  return `<footer class="report-footer">
<p>Generated by CodePay Guard ${escapeHtml(model.input.toolVersion)} on ${escapeHtml(formatTimestamp(model.input.generatedAt))}. Findings come from static analysis of the scanned files: a clean clause means its rules found nothing, and clauses marked “not checkable by static analysis” need review by people.</p>
</footer>`;
}

const OPEN_LOCATION_SCRIPT = `(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  document.addEventListener('click', function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('a[data-path]') : null;
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({
      type: 'open',
      path: link.getAttribute('data-path'),
      line: Number(link.getAttribute('data-line')),
      column: Number(link.getAttribute('data-column'))
    });
  });
}());`;

function contentSecurityPolicy(nonce: string, webview: boolean, cspSource: string | undefined): string {
  const extra = webview && cspSource ? ` ${cspSource}` : '';
  // Nonce and source were validated (no quotes, `<` or `;`): the policy reads as written, only `&` needs escaping.
  const directives = [
    "default-src 'none'",
    `img-src data:${extra}`,
    `style-src 'nonce-${nonce}'${extra}`,
    ...(webview ? [`script-src 'nonce-${nonce}'`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ];
  return directives.join('; ');
}

function rootName(root: string): string {
  const parts = root.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? root;
}

export function renderReportHtml(input: ReportInput, options: HtmlReportOptions = {}): string {
  const ctx: RenderContext = { webview: options.links === 'webview' };
  if (options.nonce !== undefined && !NONCE.test(options.nonce)) throw new RangeError('renderReportHtml: the nonce must be base64 or hex text');
  if (options.cspSource !== undefined && !CSP_SOURCE.test(options.cspSource)) throw new RangeError('renderReportHtml: cspSource must be a CSP source expression');
  const model = buildReportModel(input);
  const body = [
    renderHeader(model),
    '<main class="page">',
    renderCoverageTable(model),
    renderCharts(model),
    renderGuideline(ctx, model),
    renderUnmapped(ctx, model),
    renderSuppressions(ctx, model),
    renderFooter(model),
    '</main>',
  ].join('\n');
  // A standalone file has no server to mint a nonce: one derived from the page itself is just as unguessable for
  // text injected into that page (it would have to contain the hash of the document containing it).
  const nonce = options.nonce ?? `${fnv1a64(body)}${fnv1a64(`${input.generatedAt}\u0000${body}`)}`;
  const script = ctx.webview ? `\n<script nonce="${escapeHtml(nonce)}">\n${OPEN_LOCATION_SCRIPT}\n</script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, ctx.webview, options.cspSource).replace(/&/g, '&amp;')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="CodePay Guard ${escapeHtml(input.toolVersion)}">
<title>${escapeHtml(`Compliance report: ${rootName(input.root)} — CodePay Guard`)}</title>
<style nonce="${escapeHtml(nonce)}">${reportCss(ctx.webview)}</style>
</head>
<body>
${body}${script}
</body>
</html>
`;
}

