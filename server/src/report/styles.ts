// The report's one inline stylesheet: system fonts only, light and dark through prefers-color-scheme (and the editor
// theme inside a VS Code webview), print-friendly. No style attributes anywhere: the CSP allows only this nonce'd sheet.

const LIGHT = `
  --bg: #ffffff; --bg-subtle: #f6f8fa; --bg-inset: #eff2f5; --fg: #1f2328; --fg-muted: #59636e; --border: #d1d9e0;
  --border-muted: #e5e9ee; --accent: #0969da; --header-bg: #f6f8fa;
  --sev-error: #cf222e; --sev-warning: #d4a72c; --sev-info: #218bff; --ok: #1a7f37;
  --badge-error-bg: #ffebe9; --badge-error-fg: #a40e26; --badge-warning-bg: #fff8c5; --badge-warning-fg: #7d4e00;
  --badge-info-bg: #ddf4ff; --badge-info-fg: #0550ae; --badge-ok-bg: #dafbe1; --badge-ok-fg: #116329;
  --badge-none-bg: #eff2f5; --badge-none-fg: #59636e;`;

const DARK = `
  --bg: #0d1117; --bg-subtle: #151b23; --bg-inset: #010409; --fg: #e6edf3; --fg-muted: #9198a1; --border: #3d444d;
  --border-muted: #2a313c; --accent: #4493f8; --header-bg: #151b23;
  --sev-error: #f85149; --sev-warning: #d29922; --sev-info: #4493f8; --ok: #3fb950;
  --badge-error-bg: rgba(248, 81, 73, 0.16); --badge-error-fg: #ff7b72; --badge-warning-bg: rgba(210, 153, 34, 0.16);
  --badge-warning-fg: #e3b341; --badge-info-bg: rgba(56, 139, 253, 0.16); --badge-info-fg: #79c0ff;
  --badge-ok-bg: rgba(46, 160, 67, 0.16); --badge-ok-fg: #56d364; --badge-none-bg: rgba(110, 118, 129, 0.2);
  --badge-none-fg: #9198a1;`;

/** Inside a VS Code webview the editor theme wins: its variables replace the page's own colours. */
const WEBVIEW = `
body.vscode-light, body.vscode-dark, body.vscode-high-contrast, body.vscode-high-contrast-light {
  --bg: var(--vscode-editor-background); --fg: var(--vscode-editor-foreground); --fg-muted: var(--vscode-descriptionForeground);
  --border: var(--vscode-panel-border, var(--vscode-editorWidget-border)); --accent: var(--vscode-textLink-foreground);
  --bg-subtle: var(--vscode-sideBar-background, var(--vscode-editor-background));
  --header-bg: var(--vscode-sideBar-background, var(--vscode-editor-background));
  --bg-inset: var(--vscode-textCodeBlock-background);
}`;

const SHEET = `
:root { color-scheme: light dark; ${LIGHT} }
@media (prefers-color-scheme: dark) { :root { ${DARK} } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
}
code, .mono, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: 0.88em; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
.page { max-width: 1120px; margin: 0 auto; padding: 0 32px 48px; }
h1, h2, h3, h4, h5 { line-height: 1.25; margin: 0; }
h2 { font-size: 22px; font-weight: 600; margin: 44px 0 6px; padding-bottom: 8px; border-bottom: 1px solid var(--border); }
h3 { font-size: 17px; font-weight: 600; margin: 30px 0 10px; }
h4 { font-size: 15px; font-weight: 600; }
h5 { font-size: 13px; font-weight: 600; }
.lead { color: var(--fg-muted); margin: 6px 0 18px; max-width: 80ch; }
.muted { color: var(--fg-muted); }

/* Header */
.report-header { background: var(--header-bg); border-bottom: 1px solid var(--border); }
.report-header .page { padding-top: 28px; padding-bottom: 26px; }
.eyebrow { font-size: 12px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--fg-muted); margin: 0 0 6px; }
.report-header h1 { font-size: 28px; font-weight: 650; }
.report-header .subtitle { margin: 6px 0 0; color: var(--fg-muted); font-size: 15px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 18px 0 0; font-size: 13px; }
.meta dt { color: var(--fg-muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.stats { list-style: none; padding: 0; margin: 22px 0 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(112px, 1fr)); gap: 12px; }
.stat { background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; border-top: 3px solid var(--border); }
.stat-value { display: block; font-size: 26px; font-weight: 650; line-height: 1.15; font-variant-numeric: tabular-nums; }
.stat-label { display: block; font-size: 12px; color: var(--fg-muted); margin-top: 2px; }
.stat-detail { display: block; font-size: 11.5px; color: var(--fg-muted); margin-top: 4px; }
.stat.sev-error { border-top-color: var(--sev-error); }
.stat.sev-warning { border-top-color: var(--sev-warning); }
.stat.sev-info { border-top-color: var(--sev-info); }

/* Table of contents */
.toc { margin: 20px 0 0; font-size: 13px; }
.toc ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0; padding: 0; }

/* Tables */
.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 8px; margin: 14px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 7px 12px; border-bottom: 1px solid var(--border-muted); }
thead th { background: var(--bg-subtle); font-weight: 600; color: var(--fg-muted); font-size: 12px; border-bottom: 1px solid var(--border); white-space: nowrap; }
tbody tr:last-child > * { border-bottom: 0; }
.table-wrap table tbody + tbody tr:first-child > * { border-top: 1px solid var(--border); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.section-row th, .section-row td { background: var(--bg-subtle); font-weight: 600; }
.clause-row td:first-child { padding-left: 24px; white-space: nowrap; }
.coverage-table td.topic { width: 17em; }
.rule-list-inline { color: var(--fg-muted); }
.rule-list-inline code { color: var(--fg); white-space: nowrap; }

/* Badges */
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; line-height: 20px; white-space: nowrap; }
.badge.findings.sev-error, .sev-tag.sev-error { background: var(--badge-error-bg); color: var(--badge-error-fg); }
.badge.findings.sev-warning, .sev-tag.sev-warning { background: var(--badge-warning-bg); color: var(--badge-warning-fg); }
.badge.findings.sev-info, .sev-tag.sev-info { background: var(--badge-info-bg); color: var(--badge-info-fg); }
.badge.clean, .badge.used { background: var(--badge-ok-bg); color: var(--badge-ok-fg); }
.badge.not-checkable, .badge.unused { background: var(--badge-none-bg); color: var(--badge-none-fg); }
.badge.unchecked { background: transparent; color: var(--badge-none-fg); border: 1px dashed var(--border); line-height: 18px; }
.badge.expired { background: var(--badge-warning-bg); color: var(--badge-warning-fg); }
.sev-tag { display: inline-block; padding: 0 7px; border-radius: 4px; font-size: 11.5px; font-weight: 600; line-height: 18px; }

/* Charts */
.charts { display: grid; grid-template-columns: 1fr; gap: 18px; margin-top: 14px; }
figure.chart-figure { margin: 0; border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px 8px; break-inside: avoid; }
figure.chart-figure figcaption { font-weight: 600; font-size: 14px; }
figure.chart-figure .note { font-size: 12px; color: var(--fg-muted); margin: 2px 0 6px; }
svg.chart { display: block; width: 100%; height: auto; max-width: 960px; overflow: visible; }
svg.chart text { fill: var(--fg); }
svg.chart .tick, svg.chart .legend-label, svg.chart .value.zero, svg.chart .empty { fill: var(--fg-muted); }
svg.chart .value { font-weight: 600; font-variant-numeric: tabular-nums; }
svg.chart .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; }
svg.chart a text { fill: var(--accent); }
svg.chart .grid { stroke: var(--border-muted); stroke-width: 1; }
svg.chart .grid.axis { stroke: var(--border); }
svg.chart .row:hover .bar { opacity: 0.85; }
.sev-error.bar, .sev-error.swatch { fill: var(--sev-error); }
.sev-warning.bar, .sev-warning.swatch { fill: var(--sev-warning); }
.sev-info.bar, .sev-info.swatch { fill: var(--sev-info); }

/* Guideline sections */
.part-intro { color: var(--fg-muted); max-width: 85ch; margin: 6px 0 0; }
.section-title .num, .clause-title .num { color: var(--fg-muted); font-variant-numeric: tabular-nums; margin-right: 2px; }
.clause { border: 1px solid var(--border); border-radius: 8px; margin: 12px 0 16px; overflow: hidden; break-inside: auto; }
.clause-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 10px 16px; background: var(--bg-subtle); border-bottom: 1px solid var(--border-muted); }
.clause-body { padding: 12px 16px 6px; }
.clause.status-findings.sev-error { border-left: 4px solid var(--sev-error); }
.clause.status-findings.sev-warning { border-left: 4px solid var(--sev-warning); }
.clause.status-findings.sev-info { border-left: 4px solid var(--sev-info); }
.clause.status-clean { border-left: 4px solid var(--ok); }
blockquote.guideline-text { margin: 0 0 12px; padding: 2px 0 2px 14px; border-left: 3px solid var(--border); color: var(--fg); }
blockquote.guideline-text p { margin: 0; }
blockquote.guideline-text ul { margin: 0; padding-left: 18px; }
blockquote.guideline-text li::marker { content: "◆  "; color: var(--fg-muted); font-size: 0.8em; }
.coverage { margin: 0 0 12px; font-size: 13px; }
.coverage-label { font-weight: 600; margin: 0 0 4px; }
.rules { list-style: none; margin: 0; padding: 0; }
.rules li { margin: 2px 0; }
.rules .desc { color: var(--fg-muted); }
.reason, .manual { font-size: 13px; color: var(--fg-muted); margin: 0 0 12px; }
.reason strong, .manual strong { color: var(--fg); font-weight: 600; }
.file-group { margin: 8px 0 14px; }
.file-group h5 { display: flex; align-items: baseline; gap: 10px; margin: 0 0 6px; font-weight: 600; }
.file-group h5 code { font-size: 12.5px; overflow-wrap: anywhere; }
.file-group h5 .count { font-weight: 400; font-size: 12px; color: var(--fg-muted); }
table.findings { font-size: 13px; }
table.findings td.loc { white-space: nowrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; width: 1%; }
table.findings td.sev { width: 1%; white-space: nowrap; }
table.findings td.rule { width: 1%; white-space: nowrap; }
.message { overflow-wrap: anywhere; }
.snippet { display: block; margin-top: 6px; padding: 6px 10px; background: var(--bg-inset); border: 1px solid var(--border-muted); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; color: var(--fg); }
.none { color: var(--fg-muted); font-style: italic; }
td.path code { overflow-wrap: anywhere; }

footer.report-footer { margin-top: 48px; padding-top: 16px; border-top: 1px solid var(--border); font-size: 12px; color: var(--fg-muted); }

@media (max-width: 720px) {
  .page { padding: 0 16px 32px; }
  .clause-head { flex-direction: column; align-items: flex-start; }
}

@media print {
  :root { color-scheme: light; ${LIGHT} }
  body { font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .report-header { background: none; border-bottom: 2px solid #000; }
  .toc { display: none; }
  .table-wrap { overflow: visible; }
  h2, h3, h4, h5 { break-after: avoid; }
  tr, .stat, .file-group h5, figure.chart-figure { break-inside: avoid; }
  .badge, .sev-tag, .bar, .swatch, .stat { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
  .rules a::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #59636e; overflow-wrap: anywhere; }
}
`;

export function reportCss(webview: boolean): string {
  return webview ? SHEET + WEBVIEW : SHEET;
}
