// UI-level test: the packaged .vsix installed into code-server, driven through headless Chromium like a person would:
// squiggle, Problems row, hover, Ctrl+. menu, applying the fix. Screenshots of each step go to test-results/ui/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO, RESULTS_DIR, copyWorkspace, ensureCodeServer, installVsix, lap, launchChromium, makeRunDir, startCodeServer } from './harness';

const VSIX = process.env.CODEPAY_VSIX ?? path.join(REPO, 'dist-vsix', 'codepay-guard.vsix');
const SHOTS = path.join(RESULTS_DIR, 'ui');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  lap(`screenshot ${name}.png`);
}

/** Opens a file through the Explorer, one folder row at a time, as a person would. */
async function openFile(page: Page, relative: string): Promise<void> {
  const parts = relative.split('/');
  for (const [i, name] of parts.entries()) {
    // Match the row's name label exactly: the row itself also shows decorations such as a problem count.
    const label = page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ has: label }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    if (i === parts.length - 1) break;
  }
  await page.locator('.monaco-editor .view-line', { hasText: 'merchantApiKey' }).first().waitFor({ timeout: 30_000 });
}

async function main(): Promise<number> {
  assert.ok(fs.existsSync(VSIX), `${VSIX} exists (run \`npm run package\` first)`);
  ensureCodeServer();
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const run = makeRunDir('ui');
  const workspace = copyWorkspace(run.dir);
  installVsix(run.dir, VSIX);
  lap('vsix installed');
  const server = await startCodeServer(run.dir);
  const context = await launchChromium(run.dir);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    lap('workbench up');
    await openFile(page, 'src/payments.ts');
    lap('editor open');

    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    await shot(page, '01-squiggle');

    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'sk_live_****' }).first();
    await row.waitFor({ timeout: 30_000 });
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    lap(`Problems row: ${rowText}`);
    assert.match(rowText, /Hard-coded/i);
    // The row renders `codepay-guard(hardcoded-secret)`; the parentheses are drawn by CSS, not in the text.
    assert.match(rowText, /codepay-guard\W*hardcoded-secret/);
    assert.doesNotMatch(rowText, /sk_live_[A-Za-z0-9]{12,}/, 'the Problems panel never shows the key');
    await shot(page, '02-problems');

    await page.locator('.monaco-editor .squiggly-error').first().hover({ force: true });
    const hover = page.locator('.monaco-hover', { hasText: 'merchant API keys' }).first();
    await hover.waitFor({ timeout: 20_000 });
    const hoverText = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(hoverText, /hardcoded-secret/);
    assert.doesNotMatch(hoverText, /sk_live_[A-Za-z0-9]{12,}/, 'the hover never shows the key');
    await shot(page, '03-hover');
    await page.keyboard.press('Escape');

    // Put the caret inside the key with "Go to Line/Column" (Ctrl+G), as deterministic as a careful click.
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+G');
    const goTo = page.locator('.quick-input-widget input');
    await goTo.waitFor({ timeout: 10_000 });
    await goTo.fill(':4:30');
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'Ln 4, Col 30' }).first().waitFor({ timeout: 10_000 });
    // Like a person, wait for the light bulb that says fixes exist at the caret, then press Ctrl+.
    await page.locator('.lightBulbWidget').first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.locator('.monaco-list-row', { hasText: 'environment variable' }).first().waitFor({ timeout: 20_000 });
    const menuText = (await menu.innerText()).replace(/\s+/g, ' ');
    lap(`quick-fix menu: ${menuText}`);
    assert.match(menuText, /Suppress hardcoded-secret for this line/);
    assert.match(menuText, /documentation/i);
    await shot(page, '04-quickfix-menu');

    // Our preferred fix heads the menu and is focused: Enter applies it, as for a keyboard user.
    const focused = (await menu.locator('.monaco-list-row.focused').first().innerText()).trim();
    assert.match(focused, /^Move the key to an environment variable/);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'process.env.MERCHANT_API_KEY' }).first().waitFor({ timeout: 20_000 });
    await page.waitForSelector('.monaco-editor .squiggly-error', { state: 'detached', timeout: 20_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'sk_live_****' }).first().waitFor({ state: 'detached', timeout: 20_000 });
    await shot(page, '05-fixed');
    lap('fix applied, squiggle gone');
    return 0;
  } catch (err) {
    console.error('UI test failed:', (err as Error).message);
    await page.screenshot({ path: path.join(SHOTS, 'failure.png') }).catch(() => undefined);
    return 1;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    run.cleanup();
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
}
