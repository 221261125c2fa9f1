// Horizontal stacked bar charts as inline SVG (no script, no external assets): one row per label, one segment per severity.
import { escapeHtml } from './escape';
import { SEVERITIES, severityLabel, type SeverityCounts } from './model';

export interface BarRow {
  label: string;
  /** Longer text for the row's tooltip and accessible name. */
  title: string;
  counts: SeverityCounts;
  /** In-page link for the label (`#clause-2-3b`). */
  href?: string;
  /** Shown instead of `0` when the row has no findings. */
  zeroText?: string;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  rows: readonly BarRow[];
  /** Path labels are set in monospace and shortened from the left, so the file name stays visible. */
  labelStyle: 'text' | 'path';
  emptyText: string;
}

const WIDTH = 960;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const LEGEND_HEIGHT = 30;
const AXIS_HEIGHT = 26;
const FONT_SIZE = 12;
/** Average advance of a character at 12px: exact for monospace, a fair estimate for the UI font. */
const CHAR_WIDTH = { path: 7.3, text: 6.9 };
const MAX_LABEL_WIDTH = 340;
const VALUE_GAP = 48;

/** A round upper bound for the axis (1, 2, 5 × 10ⁿ steps) and its tick step. */
function axisScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const integerStep = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / integerStep) * integerStep, step: integerStep };
}

function shorten(label: string, maxChars: number, fromLeft: boolean): string {
  if (label.length <= maxChars) return label;
  return fromLeft ? `…${label.slice(label.length - maxChars + 1)}` : `${label.slice(0, maxChars - 1)}…`;
}

const total = (counts: SeverityCounts): number => SEVERITIES.reduce((sum, s) => sum + counts[s], 0);

function breakdown(counts: SeverityCounts): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => severityLabel(s, counts[s]));
  return parts.length ? parts.join(', ') : 'no findings';
}

export function renderBarChart(chart: BarChart): string {
  const { id, rows } = chart;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const charWidth = CHAR_WIDTH[chart.labelStyle];
  const longest = Math.max(4, ...rows.map((r) => r.label.length));
  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.ceil(longest * charWidth) + 16);
  const maxChars = Math.floor((labelWidth - 16) / charWidth);
  const plotX = labelWidth;
  const plotWidth = WIDTH - plotX - VALUE_GAP;
  const max = Math.max(0, ...rows.map((r) => total(r.counts)));
  const { top, step } = axisScale(max);
  const x = (value: number): number => plotX + (value / top) * plotWidth;
  const plotTop = LEGEND_HEIGHT;
  const plotHeight = Math.max(1, rows.length) * ROW_HEIGHT;
  const height = plotTop + plotHeight + AXIS_HEIGHT;
  const r1 = (n: number): string => String(Math.round(n * 10) / 10);

  const out: string[] = [];
  out.push(`<svg class="chart" id="${escapeHtml(id)}" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-size="${FONT_SIZE}">`);
  out.push(`<title id="${titleId}">${escapeHtml(chart.title)}</title>`);
  out.push(`<desc id="${descId}">${escapeHtml(chart.description)}</desc>`);

  // Legend, above the bars.
  let legendX = plotX;
  const legend: string[] = [];
  for (const severity of SEVERITIES) {
    legend.push(`<rect class="swatch sev-${severity}" x="${r1(legendX)}" y="5" width="12" height="12" rx="2"/>`);
    legend.push(`<text class="legend-label" x="${r1(legendX + 17)}" y="15">${severity}</text>`);
    legendX += 17 + severity.length * CHAR_WIDTH.text + 18;
  }
  out.push(`<g class="legend" aria-hidden="true">${legend.join('')}</g>`);

  // Grid and axis.
  const grid: string[] = [];
  for (let tick = 0; tick <= top; tick += step) {
    const tx = r1(x(tick));
    grid.push(`<line class="grid${tick === 0 ? ' axis' : ''}" x1="${tx}" y1="${plotTop}" x2="${tx}" y2="${plotTop + plotHeight}"/>`);
    grid.push(`<text class="tick" x="${tx}" y="${plotTop + plotHeight + 17}" text-anchor="middle">${tick}</text>`);
  }
  out.push(`<g class="grid-lines" aria-hidden="true">${grid.join('')}</g>`);

  if (rows.length === 0) {
    out.push(`<text class="empty" x="${r1(plotX + plotWidth / 2)}" y="${plotTop + ROW_HEIGHT / 2 + 4}" text-anchor="middle">${escapeHtml(chart.emptyText)}</text>`);
  }

  rows.forEach((row, index) => {
    const y = plotTop + index * ROW_HEIGHT;
    const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const textY = y + ROW_HEIGHT / 2 + 4;
    const rowTotal = total(row.counts);
    const parts: string[] = [];
    parts.push(`<title>${escapeHtml(`${row.title}: ${breakdown(row.counts)}`)}</title>`);
    const label = `<text class="row-label${chart.labelStyle === 'path' ? ' mono' : ''}" x="${plotX - 8}" y="${textY}" text-anchor="end">${escapeHtml(shorten(row.label, maxChars, chart.labelStyle === 'path'))}</text>`;
    parts.push(row.href ? `<a href="${escapeHtml(row.href)}">${label}</a>` : label);
    let offset = 0;
    for (const severity of SEVERITIES) {
      const count = row.counts[severity];
      if (count === 0) continue;
      const start = x(offset);
      const end = x(offset + count);
      parts.push(`<rect class="bar sev-${severity}" data-severity="${severity}" data-count="${count}" x="${r1(start)}" y="${r1(barY)}" width="${r1(Math.max(1, end - start - (offset + count < rowTotal ? 1 : 0)))}" height="${BAR_HEIGHT}"/>`);
      offset += count;
    }
    const valueText = rowTotal === 0 && row.zeroText ? row.zeroText : String(rowTotal);
    parts.push(`<text class="value${rowTotal === 0 ? ' zero' : ''}" x="${r1(x(rowTotal) + 6)}" y="${textY}">${escapeHtml(valueText)}</text>`);
    out.push(`<g class="row" data-label="${escapeHtml(row.label)}" data-total="${rowTotal}">${parts.join('')}</g>`);
  });

  out.push('</svg>');
  return out.join('');
}
