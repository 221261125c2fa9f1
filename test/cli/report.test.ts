// `codepay-guard report`: the compliance report from the real CLI, as HTML and Markdown, without any secret in full.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, requireBundle, runCli } from './helpers';

/** Every provider-format key in examples/ (they are fake, but the report must treat them as real). */
function exampleKeys(): string[] {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else for (const m of fs.readFileSync(abs, 'utf8').matchAll(/\b(?:sk|rk)_live_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{16,}/g)) keys.add(m[0]);
    }
  };
  walk(path.join(REPO_ROOT, 'examples'));
  return [...keys];
}

describe('cli: compliance report', function () {
  this.timeout(60_000);
  before(requireBundle);

  it('writes one self-contained HTML page for examples/, with every guideline section and no secret', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-report-')), 'report.html');
    const run = runCli(['report', 'examples', '--output', out], REPO_ROOT);
    assert.equal(run.code, 0, run.stderr);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.match(html, /Content-Security-Policy/);
    for (const section of ['1.1', '1.3', '2.2', '2.3', '2.5']) assert.ok(html.includes(section), `section ${section}`);
    assert.match(html, /not checkable by static analysis/);
    assert.ok(!/<script\b/i.test(html), 'no script in the file report');
    assert.ok(!/\s(?:src|srcset)=|<link\b|@import|url\(/i.test(html), 'no external resource');
    const keys = exampleKeys();
    assert.ok(keys.length > 3);
    for (const key of keys) assert.ok(!html.includes(key) && !html.includes(key.slice(-16)), `no ${key.slice(0, 8)}… in the report`);
  });

  it('writes Markdown with --format md, and rejects a scan-only format', () => {
    const run = runCli(['report', 'examples', '--format', 'md'], REPO_ROOT);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^# Guideline compliance report/);
    assert.match(run.stdout, /\| 1\.3a \|/);
    assert.match(runCli(['report', '--format', 'sarif'], REPO_ROOT).stderr, /invalid --format 'sarif' for report/);
  });
});
