// The compliance report of examples/, opened in a real Chromium: no network at all, every guideline section, the
// engine's counts in the header, both charts drawn; a full-page screenshot is kept for people to look at.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { GUIDELINE_SECTIONS, renderReportHtml } from '../../server/src/report';
import { repoRoot, scanExamples, type ExamplesScan } from './examples-input';

const CHROMIUM = process.env.CODEPAY_CHROMIUM ?? '/usr/bin/chromium';

describe('report: examples/ in a browser', function () {
  this.timeout(60_000);
  const root = repoRoot();
  const outDir = path.join(root, 'test-results', 'report');
  let browser: Browser | undefined;
  let scan: ExamplesScan;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`      skipped: no Chromium at ${CHROMIUM} (set CODEPAY_CHROMIUM to a Chromium binary)`);
      this.skip();
      return;
    }
    scan = scanExamples(path.join(root, 'examples'));
    fs.mkdirSync(outDir, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
  });

  it('renders with no request but the file itself, the engine counts, every section and both charts', async function () {
    if (!browser) this.skip();
    // The page a person would open: written by the real CLI (`codepay-guard report`); the counts come from its scan.
    const file = path.join(outDir, 'report.html');
    const cli = path.join(root, 'dist', 'cli.js');
    const made = spawnSync(process.execPath, [cli, 'report', 'examples', '--output', file], { cwd: root, encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const json = spawnSync(process.execPath, [cli, 'scan', 'examples', '--format', 'json', '--report-suppressions'], { cwd: root, encoding: 'utf8' });
    const files = JSON.parse(json.stdout) as Array<{ messages: Array<{ severity: string }>; suppressions: unknown[] }>;
    const busiest = files.map((f) => f.messages.length).sort((a, b) => b - a).slice(0, 10).reduce((a, b) => a + b, 0);
    const all = files.flatMap((f) => f.messages);
    const expected = {
      files: files.length,
      filesWithFindings: files.filter((f) => f.messages.length > 0).length,
      error: all.filter((m) => m.severity === 'error').length,
      warning: all.filter((m) => m.severity === 'warning').length,
      info: all.filter((m) => m.severity === 'info').length,
      suppressions: files.reduce((n, f) => n + f.suppressions.length, 0),
      skipped: 0,
    };
    const url = pathToFileURL(file).href;

    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    await page.goto(url, { waitUntil: 'load' });

    assert.deepEqual(requests, [url], 'the report loads nothing but itself');
    assert.deepEqual(consoleErrors, [], 'no CSP violations or other errors');

    const headings = await page.locator('h3.section-title').allTextContents();
    assert.deepEqual(headings.map((h) => h.replace(/\s+/g, ' ').trim()), GUIDELINE_SECTIONS.map((s) => `${s.id} ${s.title}`));
    for (const clause of GUIDELINE_SECTIONS.flatMap((s) => s.clauses)) {
      assert.equal(await page.locator(`article.clause[data-clause="${clause.id}"]`).count(), 1, `clause ${clause.id}`);
    }

    const stat = async (id: string): Promise<number> => Number(await page.locator(`#stat-${id} .stat-value`).textContent());
    assert.ok(expected.error + expected.warning + expected.info > 0, 'examples/ has findings to show');
    assert.equal(await stat('files-scanned'), expected.files);
    assert.equal(await stat('files-with-findings'), expected.filesWithFindings);
    assert.equal(await stat('errors'), expected.error);
    assert.equal(await stat('warnings'), expected.warning);
    assert.equal(await stat('info'), expected.info);
    assert.equal(await stat('suppressions'), expected.suppressions);
    assert.equal(await stat('skipped'), expected.skipped);
    assert.equal(await page.locator('#suppressions-table tbody tr, #suppressions .none').count(), Math.max(1, expected.suppressions));

    for (const id of ['chart-by-section', 'chart-top-files']) {
      const chart = page.locator(`svg#${id}`);
      assert.equal(await chart.count(), 1, id);
      assert.ok((await chart.locator('title').first().textContent())?.trim(), `${id} has a title`);
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 80, `${id} is drawn (${JSON.stringify(box)})`);
      const bars = chart.locator('rect.bar');
      assert.ok(await bars.count() > 0, `${id} has bars`);
      const barBox = await bars.first().boundingBox();
      assert.ok(barBox && barBox.width > 0 && barBox.height > 0, `${id} bars are visible`);
    }
    // The bars of the top-files chart add up to the findings of those files.
    const topFileTotal = await page.locator('#chart-top-files rect.bar').evaluateAll((rects) => rects.reduce((sum, r) => sum + Number(r.getAttribute('data-count')), 0));
    assert.equal(topFileTotal, busiest);

    await page.screenshot({ path: path.join(outDir, 'report.png'), fullPage: true });
    await page.close();
  });

  it('in webview mode, a click on a location posts { type: "open", path, line, column } and nothing else runs', async function () {
    if (!browser) this.skip();
    const file = path.join(outDir, 'report-webview.html');
    fs.writeFileSync(file, renderReportHtml(scan.input, { links: 'webview', nonce: 'dGVzdC1ub25jZS0xMjM0NTY3OA==' }));
    const page = await browser!.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    // Stands in for the VS Code webview host (init scripts are not subject to the page's CSP).
    await page.addInitScript(() => {
      const posted: unknown[] = [];
      (globalThis as unknown as { posted: unknown[] }).posted = posted;
      (globalThis as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage: (m: unknown) => posted.push(m) });
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    const first = scan.input.files.flatMap((f) => f.findings.map((finding) => ({ path: f.relPath, finding })))[0];
    assert.ok(first, 'a finding to click');
    const link = page.locator(`a[data-path="${first.path}"][data-line="${first.finding.line}"][data-column="${first.finding.column}"]`).first();
    await link.click();
    const posted = await page.evaluate(() => (globalThis as unknown as { posted: unknown[] }).posted);
    assert.deepEqual(posted, [{ type: 'open', path: first.path, line: first.finding.line, column: first.finding.column }]);
    assert.equal(new URL(page.url()).hash, '', 'the click did not navigate');
    assert.deepEqual(requests, [pathToFileURL(file).href]);
    await page.close();
  });
});
