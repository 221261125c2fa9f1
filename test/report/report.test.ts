// The compliance report renderers on hand-made input: escaping, the guideline model, statuses and counts, the CSP of
// both modes, no external loads, and Markdown tables that stay tables whatever the messages contain.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCS_BASE_URL, RULES, ruleDocUrl } from '../../rules';
import {
  clauseIdsForFinding, clauseIdsForRule, GUIDELINE_CLAUSES, GUIDELINE_SECTIONS, renderReportHtml, renderReportMarkdown,
  resolveGuidelineCitation, unresolvedCitations, type ReportFinding, type ReportInput,
} from '../../server/src/report';
import { repoRoot } from './examples-input';

const HOSTILE_MESSAGE = 'Hard-coded key `<script>alert("pwned")</script>` & \'quotes\' | pipes (guideline 2.3b).';
const HOSTILE_PATH = 'web/"><img src=x onerror=alert(1)>.js';
const HOSTILE_SNIPPET = 'const k = "</code><script>steal()</script>"; // sk_live_****9f2c';
const HOSTILE_REASON = 'legacy <b>gateway</b> & "friends" | until\nnext week';

function finding(ruleId: string, severity: ReportFinding['severity'], message: string, line: number, column = 1, snippet?: string): ReportFinding {
  return { ruleId, severity, message, line, column, endLine: line, endColumn: column + 4, ...(snippet === undefined ? {} : { snippet }) };
}

function sampleInput(): ReportInput {
  return {
    root: '/home/dev/shop <main>',
    generatedAt: '2025-03-04T09:15:30.000Z',
    toolVersion: '1.2.3',
    skipped: new Map([['binary content', 2], ['minified', 1]]),
    files: [
      {
        relPath: HOSTILE_PATH,
        findings: [
          finding('hardcoded-secret', 'error', HOSTILE_MESSAGE, 3, 11, HOSTILE_SNIPPET),
          finding('insecure-transport', 'warning', 'Plain HTTP request to `http://pay.example` (guideline 2.2b).', 9, 5, 'fetch("http://pay.example/charge")'),
        ],
        suppressions: [
          { line: 1, kind: 'disable-next-line', ruleIds: ['hardcoded-secret'], reason: HOSTILE_REASON, until: '2024-01-31', status: 'expired' },
        ],
      },
      {
        relPath: 'server/db.ts',
        findings: [
          // One rule, two clauses of one section: counts once in 2.2, once in each clause.
          finding('unencrypted-sensitive-data', 'warning', 'Card number stored in clear text (guideline 2.2a, 2.2c).', 4, 3),
          finding('hardcoded-secret', 'error', 'Hard-coded password in `dbPassword`; load it from the environment (guideline 1.3).', 7, 9),
          finding('suppression-comment', 'warning', 'Unused suppression: no `injection` finding on its line; remove it.', 12, 1),
        ],
        suppressions: [
          { line: 11, kind: 'disable-line', ruleIds: [], status: 'unused' },
          { line: 20, kind: 'disable', ruleIds: ['injection', 'sensitive-data-in-log'], reason: 'fixture', status: 'used' },
        ],
      },
      { relPath: 'server/clean.ts', findings: [], suppressions: [] },
    ],
  };
}

/** The text between an element's start tag (found by a unique attribute) and the end of its row or article. */
function fragment(html: string, marker: string, end: string): string {
  const at = html.indexOf(marker);
  assert.ok(at >= 0, `missing ${marker}`);
  return html.slice(at, html.indexOf(end, at));
}

const statusOfClause = (html: string, id: string): string | undefined =>
  /data-status="([a-z-]+)"/.exec(fragment(html, `<tr class="clause-row" data-clause="${id}">`, '</tr>'))?.[1];
const statusOfSection = (html: string, id: string): string | undefined =>
  /data-status="([a-z-]+)"/.exec(fragment(html, `<tr class="section-row" data-section="${id}">`, '</tr>'))?.[1];
/** Every attribute of every start tag (values are quoted by the renderer, so `>` never occurs inside a tag). */
function attributes(html: string): Array<{ tag: string; name: string; value: string }> {
  const out: Array<{ tag: string; name: string; value: string }> = [];
  for (const [, tag, rest] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    for (const [, name, value] of rest.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) out.push({ tag: tag.toLowerCase(), name: name.toLowerCase(), value: value ?? '' });
  }
  return out;
}

const stat = (html: string, id: string): string | undefined =>
  new RegExp(`id="stat-${id}"><span class="stat-value">([^<]*)<`).exec(html)?.[1];

describe('report: the guideline model (GUIDELINE_SECTIONS)', () => {
  const guideline = fs.readFileSync(path.join(repoRoot(), 'docs', 'guideline.md'), 'utf8');

  it('has every section and clause of the guideline, in order', () => {
    const ids: string[] = [];
    let section = '';
    for (const line of guideline.split(/\r?\n/)) {
      const heading = /^(\d+\.\d+) \S/.exec(line);
      if (heading) section = heading[1];
      const clause = /^\s*([a-z])、/.exec(line);
      if (clause && section) ids.push(`${section}${clause[1]}`);
    }
    assert.equal(ids.length, 33);
    assert.deepEqual(GUIDELINE_CLAUSES.map((c) => c.id), ids);
    assert.deepEqual(GUIDELINE_SECTIONS.map((s) => s.id), ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5']);
  });

  it('quotes every clause and section title verbatim', () => {
    for (const section of GUIDELINE_SECTIONS) {
      assert.ok(guideline.includes(`\n${section.id} ${section.title}\n`), `section ${section.id}`);
      assert.ok(guideline.includes(`\n${section.part.id}. ${section.part.title}\n`), `part ${section.part.id}`);
      assert.ok(guideline.includes(section.part.intro), `intro of part ${section.part.id}`);
    }
    for (const clause of GUIDELINE_CLAUSES) {
      if (clause.points.length) {
        for (const point of clause.points) assert.ok(guideline.includes(`◆ ${point}`), `${clause.id}: ${point}`);
        assert.ok(guideline.includes(`${clause.id.slice(-1)}、${clause.heading}`), `${clause.id} heading`);
      } else {
        assert.ok(guideline.includes(`${clause.id.slice(-1)}、${clause.text}`), `${clause.id}: ${clause.text}`);
      }
    }
  });

  it('derives the enforcing rules from the registry, resolving section citations (1.3 → 1.3a)', () => {
    assert.deepEqual(unresolvedCitations(), []);
    assert.deepEqual(resolveGuidelineCitation('1.3'), ['1.3a']);
    assert.deepEqual(resolveGuidelineCitation('1.2'), ['1.2a']);
    assert.deepEqual(resolveGuidelineCitation('2.5m'), ['2.5m']);
    assert.deepEqual(resolveGuidelineCitation('9.9z'), []);
    for (const rule of RULES) {
      const clauses = clauseIdsForRule(rule.meta.id);
      assert.ok(clauses.length > 0, `${rule.meta.id} enforces a clause`);
      for (const id of clauses) assert.ok(GUIDELINE_CLAUSES.find((c) => c.id === id)?.ruleIds.includes(rule.meta.id), `${id} lists ${rule.meta.id}`);
    }
    const byId = (id: string) => GUIDELINE_CLAUSES.find((c) => c.id === id)!;
    assert.ok(byId('1.3a').ruleIds.includes('hardcoded-secret'));
    assert.ok(byId('1.2a').ruleIds.includes('hardcoded-secret'));
    assert.ok(!byId('1.3b').ruleIds.includes('hardcoded-secret'));
    assert.deepEqual([...byId('2.5m').ruleIds], ['unauthenticated-endpoint']);
  });

  it('gives every clause no rule enforces an honest reason', () => {
    for (const clause of GUIDELINE_CLAUSES) {
      if (clause.ruleIds.length) {
        assert.equal(clause.coverage, 'enforced', clause.id);
        assert.equal(clause.reason, undefined, clause.id);
      } else {
        assert.equal(clause.coverage, 'not-checkable', clause.id);
        assert.ok(clause.reason && clause.reason.length > 10, `${clause.id} has a reason`);
      }
    }
    assert.equal(GUIDELINE_CLAUSES.find((c) => c.id === '1.4a')?.coverage, 'not-checkable');
    assert.equal(GUIDELINE_CLAUSES.find((c) => c.id === '1.1a')?.coverage, 'not-checkable');
  });

  it('attributes a finding to the clause its message names, among its rule\'s', () => {
    assert.deepEqual(clauseIdsForFinding('hardcoded-secret', 'Hard-coded key (guideline 2.3b).'), ['2.3b']);
    assert.deepEqual(clauseIdsForFinding('hardcoded-secret', 'Hard-coded password (guideline 1.3).'), ['1.3a']);
    assert.deepEqual(clauseIdsForFinding('unencrypted-sensitive-data', 'Stored in clear (guideline 2.2a, 2.2c).'), ['2.2a', '2.2c']);
    assert.deepEqual(clauseIdsForFinding('hardcoded-secret', 'No section named.'), clauseIdsForRule('hardcoded-secret'));
    assert.deepEqual(clauseIdsForFinding('hardcoded-secret', 'Cites a clause the rule does not (guideline 2.5k).'), clauseIdsForRule('hardcoded-secret'));
    assert.deepEqual(clauseIdsForFinding('suppression-comment', 'Unused suppression (guideline 2.3b).'), []);
  });
});

describe('report: HTML', () => {
  const input = sampleInput();
  const html = renderReportHtml(input);

  it('escapes everything it interpolates', () => {
    for (const raw of [HOSTILE_MESSAGE, HOSTILE_PATH, HOSTILE_SNIPPET, '<script>', '<img src=x', '<b>gateway</b>', '/home/dev/shop <main>']) {
      assert.ok(!html.includes(raw), `raw ${raw}`);
    }
    assert.ok(html.includes('Hard-coded key <code>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;</code> &amp; &#39;quotes&#39; | pipes (guideline 2.3b).'));
    assert.ok(html.includes('data-path="web/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.js"'));
    assert.ok(html.includes('<code class="snippet">const k = &quot;&lt;/code&gt;&lt;script&gt;steal()&lt;/script&gt;&quot;; // sk_live_****9f2c</code>'));
    assert.ok(html.includes('legacy &lt;b&gt;gateway&lt;/b&gt; &amp; &quot;friends&quot;'));
    assert.ok(!/<script/i.test(html), 'no script element in docs mode');
    assert.deepEqual(attributes(html).filter((a) => a.name.startsWith('on')), [], 'no event handler attributes');
  });

  it('shows every guideline section and clause with its verbatim text', () => {
    for (const section of GUIDELINE_SECTIONS) {
      assert.ok(html.includes(`<h3 class="section-title"><span class="num">${section.id}</span> ${section.title.replace('&', '&amp;')}</h3>`), section.id);
      for (const clause of section.clauses) {
        assert.ok(html.includes(`id="clause-${clause.id.replace('.', '-')}"`), clause.id);
        for (const text of clause.points.length ? clause.points : [clause.text]) {
          assert.ok(html.includes(text.replace(/&/g, '&amp;').replace(/'/g, '&#39;')), `${clause.id} text`);
        }
      }
    }
    assert.ok(html.includes('Always ensure you&#39;re logging in via https://mp.xxx to avoid phishing attacks.'));
  });

  it('gives each clause and section its status', () => {
    assert.equal(statusOfClause(html, '2.3b'), 'findings');
    assert.equal(statusOfClause(html, '2.2b'), 'findings');
    assert.equal(statusOfClause(html, '1.3a'), 'findings');
    assert.equal(statusOfClause(html, '2.2d'), 'clean');
    assert.equal(statusOfClause(html, '1.2a'), 'clean', 'hard-coded keys cite 2.3b, not 1.2a');
    assert.equal(statusOfClause(html, '1.4a'), 'not-checkable');
    assert.equal(statusOfSection(html, '2.2'), 'findings');
    assert.equal(statusOfSection(html, '2.4'), 'clean');
    assert.equal(statusOfSection(html, '1.4'), 'not-checkable');
    assert.equal(statusOfSection(html, '1.1'), 'not-checkable');
    assert.ok(fragment(html, '<tr class="clause-row" data-clause="1.4a">', '</tr>').includes('not checkable by static analysis'));
    assert.ok(fragment(html, 'id="clause-1-4a"', '</article>').includes('Not checkable by static analysis.</strong> Account administration'));
    // The finding with two clauses of 2.2 is one finding of the section; its error badge follows the worst severity.
    assert.ok(fragment(html, '<tr class="section-row" data-section="2.2">', '</tr>').includes('>2 findings<'));
    assert.ok(fragment(html, '<tr class="clause-row" data-clause="2.2a">', '</tr>').includes('>1 finding<'));
    assert.ok(fragment(html, '<tr class="clause-row" data-clause="2.3b">', '</tr>').includes('class="badge findings sev-error"'));
  });

  it('shows the totals of the input', () => {
    assert.equal(stat(html, 'files-scanned'), '3');
    assert.equal(stat(html, 'files-with-findings'), '2');
    assert.equal(stat(html, 'errors'), '2');
    assert.equal(stat(html, 'warnings'), '3');
    assert.equal(stat(html, 'info'), '0');
    assert.equal(stat(html, 'suppressions'), '3');
    assert.equal(stat(html, 'skipped'), '3');
    assert.ok(html.includes('2 binary content · 1 minified'));
    assert.ok(html.includes('1 used · 1 unused · 1 expired'));
    assert.ok(html.includes('<time datetime="2025-03-04T09:15:30.000Z">2025-03-04 09:15 UTC</time>'));
    assert.ok(html.includes('CodePay Guard <span id="tool-version">1.2.3</span>'));
  });

  it('draws both charts as inline SVG with titles and one bar per severity present', () => {
    for (const id of ['chart-by-section', 'chart-top-files']) {
      const svg = fragment(html, `<svg class="chart" id="${id}"`, '</svg>');
      assert.ok(svg.includes(`aria-labelledby="${id}-title ${id}-desc"`) && svg.includes(`<title id="${id}-title">`), id);
    }
    const topFiles = fragment(html, '<svg class="chart" id="chart-top-files"', '</svg>');
    assert.equal((topFiles.match(/<g class="row"/g) ?? []).length, 2, 'files with findings only');
    assert.ok(topFiles.indexOf('data-label="server/db.ts" data-total="3"') < topFiles.indexOf('data-label="web/&quot;&gt;&lt;img'), 'busiest file first');
    const bySection = fragment(html, '<svg class="chart" id="chart-by-section"', '</svg>');
    const clauseRow = fragment(bySection, 'data-label="2.3b ', '</g>');
    assert.ok(clauseRow.includes('data-severity="error" data-count="1"'));
    assert.equal((bySection.match(/<g class="row"/g) ?? []).length, GUIDELINE_CLAUSES.filter((c) => c.coverage === 'enforced').length);
  });

  it('lists findings by file with location, severity, rule link, message and snippet', () => {
    const clause = fragment(html, 'id="clause-2-2b"', '</article>');
    assert.ok(clause.includes('<td class="loc"><span class="loc-text">9:5</span></td>'));
    assert.ok(clause.includes('<span class="sev-tag sev-warning">warning</span>'));
    assert.ok(clause.includes(`<a href="${ruleDocUrl('insecure-transport')}"><code>insecure-transport</code></a>`));
    assert.ok(clause.includes('<code class="snippet">fetch(&quot;http://pay.example/charge&quot;)</code>'));
    assert.ok(clause.includes('data-path="web/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.js"'), 'grouped under its file');
    const other = fragment(html, '<section id="other-findings">', '</section>');
    assert.ok(other.includes('suppression-comment') && other.includes('12:1'), 'findings without a clause are not dropped');
  });

  it('lists suppressions with reason, until date and status', () => {
    const table = fragment(html, 'id="suppressions-table"', '</table>');
    assert.equal((table.match(/<tr class="suppression"/g) ?? []).length, 3);
    assert.ok(table.includes('<span class="none">no reason given</span>'));
    assert.ok(table.includes('<span class="muted">all rules</span>'));
    assert.ok(table.includes('2024-01-31'));
    for (const status of ['used', 'unused', 'expired']) assert.ok(table.includes(`<span class="badge ${status}">${status}</span>`), status);
  });

  it('has a strict CSP without scripts in docs mode', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta element');
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a nonce');
    assert.ok(csp.startsWith(`default-src 'none'; img-src data:; style-src 'nonce-${nonce}'`), csp);
    assert.ok(!csp.includes('script-src'));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'the policy precedes the style');
    assert.equal((html.match(/<style/g) ?? []).length, 1);
    assert.ok(html.includes(`<style nonce="${nonce}">`));
    assert.ok(!/\sstyle="/.test(html), 'no style attributes (the CSP would block them)');
    assert.equal(renderReportHtml(input), html, 'same input, same page (the derived nonce too)');
  });

  it('has one nonce\'d script and clickable locations in webview mode', () => {
    const nonce = 'cmVwb3J0LW5vbmNlLTEyMzQ1Ng==';
    const webview = renderReportHtml(input, { links: 'webview', nonce, cspSource: 'https://*.vscode-cdn.net' });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(webview)?.[1];
    assert.ok(csp?.startsWith(`default-src 'none'; img-src data: https://*.vscode-cdn.net; style-src 'nonce-${nonce}' https://*.vscode-cdn.net; script-src 'nonce-${nonce}'`), csp);
    assert.equal((webview.match(/<script/g) ?? []).length, 1);
    assert.ok(webview.includes(`<script nonce="${nonce}">`));
    assert.ok(webview.includes(`<style nonce="${nonce}">`));
    assert.ok(webview.includes('acquireVsCodeApi()') && webview.includes("type: 'open'"));
    assert.ok(webview.includes('<a href="#" class="loc-link" data-path="server/db.ts" data-line="4" data-column="3"'));
    assert.ok(webview.includes('data-path="web/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.js" data-line="3" data-column="11"'));
    assert.throws(() => renderReportHtml(input, { links: 'webview', nonce: `x' 'unsafe-inline` }), RangeError);
    assert.throws(() => renderReportHtml(input, { links: 'webview', nonce, cspSource: "x; script-src 'unsafe-inline'" }), RangeError);
  });

  it('loads no resource: no src, no stylesheet, no url(); http(s) only in rule-doc links', () => {
    for (const page of [html, renderReportHtml(input, { links: 'webview', nonce: 'abc123' })]) {
      assert.ok(!/<(?:link|img|iframe|object|embed|video|audio|source|image|use|base|form)\b/i.test(page), 'no element that loads or submits');
      const attrs = attributes(page);
      assert.deepEqual(attrs.filter((a) => ['src', 'srcset', 'poster', 'action', 'formaction', 'xlink:href', 'background', 'style'].includes(a.name)), [], 'no loading attribute');
      assert.ok(!/url\(|@import/i.test(page), 'no CSS loads');
      for (const { tag, name, value } of attrs.filter((a) => a.name === 'href')) {
        assert.equal(tag, 'a', `href on <${tag}>`);
        if (/^(?:[a-z]+:)?\/\//i.test(value)) assert.ok(value.startsWith(DOCS_BASE_URL), `${name}="${value}" is a rule-doc link`);
        else assert.ok(value.startsWith('#'), `href="${value}" is an in-page link`);
      }
      const urls = page.match(/https?:\/\/[^\s"'<)&`]+/g) ?? [];
      for (const url of urls) assert.ok(url.startsWith(DOCS_BASE_URL) || url === 'https://mp.xxx' || url === 'http://pay.example' || url === 'http://pay.example/charge', url);
    }
  });

  it('renders an empty scan', () => {
    const empty = renderReportHtml({ root: '/r', files: [], skipped: new Map(), generatedAt: 'not a date', toolVersion: '0.0.0' });
    assert.equal(stat(empty, 'files-scanned'), '0');
    assert.ok(!empty.includes('class="bar '));
    assert.ok(empty.includes('No findings in any file'));
    assert.ok(empty.includes('No suppression comments in the scanned files.'));
    assert.ok(empty.includes('<time datetime="not a date">not a date</time>'));
    assert.equal(statusOfClause(empty, '2.3b'), 'clean');
  });
});

describe('report: Markdown', () => {
  const input = sampleInput();
  const md = renderReportMarkdown(input);

  /** Cells of a table row, splitting on pipes that are not escaped. */
  const cells = (row: string): string[] => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/);

  it('keeps every table rectangular, whatever the messages contain', () => {
    const lines = md.split('\n');
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\|(?: ?-{3,}:? ?\|)+$/.test(lines[i])) continue;
      tables++;
      const width = cells(lines[i - 1]).length;
      assert.equal(cells(lines[i]).length, width, `separator of the table at line ${i}`);
      for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) assert.equal(cells(lines[j]).length, width, `line ${j + 1}: ${lines[j]}`);
    }
    assert.ok(tables >= 6, `${tables} tables`);
  });

  it('escapes what it prints', () => {
    const outsideCode = md.replace(/(`+)[^`]*?\1/g, '');
    assert.ok(!/<[a-z/]/i.test(outsideCode.replace(/\\</g, '')), 'no raw markup outside code spans');
    assert.ok(md.includes('Hard-coded key `<script>alert("pwned")</script>` \\& \'quotes\' \\| pipes (guideline 2.3b).'), 'quoted code stays code');
    assert.ok(md.includes('legacy \\<b\\>gateway\\</b\\> \\& "friends" \\| until next week'));
    assert.ok(md.includes('`const k = "</code><script>steal()</script>"; // sk_live_****9f2c`'), 'snippets are literal code spans');
  });

  it('has the header, totals, coverage, chart tables, every clause and the suppressions', () => {
    assert.ok(md.startsWith('# Guideline compliance report\n'));
    assert.ok(md.includes('| Files scanned | Files with findings | Errors | Warnings | Info | Suppressions | Skipped files |'));
    assert.ok(md.includes('| 3 | 2 | 2 | 3 | 0 | 3 (1 used, 1 unused, 1 expired) | 3 (2 binary content, 1 minified) |'));
    assert.ok(md.includes('## Findings by guideline clause and severity'));
    assert.ok(md.includes('| 2.2a | Data Acquisition | 0 | 1 | 0 | 1 |'));
    assert.ok(md.includes('## Top 10 files by findings'));
    assert.ok(md.includes('| `server/db.ts` | 1 | 2 | 0 | 3 |'));
    for (const clause of GUIDELINE_CLAUSES) assert.ok(md.includes(`\n#### ${clause.id} `), clause.id);
    for (const section of GUIDELINE_SECTIONS) assert.ok(md.includes(`\n### ${section.id} `), section.id);
    assert.ok(md.includes('| 1.4a | Login Security | — | — | not checkable by static analysis |'));
    assert.ok(md.includes(`[\`insecure-transport\`](${ruleDocUrl('insecure-transport')})`));
    assert.ok(md.includes('| `server/db.ts` | 11 | `disable-line` | all rules | _no reason given_ | — | unused |'));
    assert.ok(!md.includes('<svg'));
  });
});
