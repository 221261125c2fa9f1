// Worker threads and the results cache give exactly the sequential scan's output; the cache follows content and
// configuration, and holds no secret.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoSecrets, copyFixture, removeTempDirs, requireBundle, runCli } from './helpers';

function project() {
  const p = copyFixture('clean');
  const keys: string[] = [];
  for (let i = 0; i < 40; i++) {
    const key = p.newKey(`PAR_${i}`);
    keys.push(key);
    p.write(`src/m${i % 4}/f${i}.ts`, i % 3 === 0 ? `export const merchantApiKey = '${key}';\n` : `export const total${i} = (a: number, b: number) => a + b;\n`);
  }
  return { p, keys };
}

describe('cli: worker threads and --cache', function () {
  this.timeout(60_000);
  before(requireBundle);
  after(removeTempDirs);

  it('gives the same report with 1, 2 and 3 threads', () => {
    const { p } = project();
    const outputs = ['off', '2', '3'].map((c) => runCli(['scan', '--format', 'json', '--concurrency', c], p.dir));
    for (const o of outputs) assert.equal(o.code, 1, o.stderr);
    assert.equal(outputs[1].stdout, outputs[0].stdout);
    assert.equal(outputs[2].stdout, outputs[0].stdout);
    const sarif = ['off', '2'].map((c) => runCli(['scan', '--format', 'sarif', '--concurrency', c], p.dir).stdout);
    assert.equal(sarif[1], sarif[0]);
  });

  it('stops with exit 2 when a worker meets a broken team file', () => {
    const { p } = project();
    p.write('src/m1/.codepay-guard.json', '{ "rules": { "hardcoded-secret": "loud" } }');
    const run = runCli(['scan', '--concurrency', '2'], p.dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /m1\/\.codepay-guard\.json:1:\d+: "rules\.hardcoded-secret" must be one of/);
  });

  it('--cache reuses unchanged files, re-analyses changed content or configuration, and stores no secret', () => {
    const { p, keys } = project();
    const cacheFile = path.join(p.parent, 'cg-cache');
    const first = runCli(['scan', '--format', 'json', '--cache', '--cache-location', cacheFile], p.dir);
    assert.ok(fs.existsSync(cacheFile));
    assertNoSecrets(fs.readFileSync(cacheFile, 'utf8'), keys, 'cache file');
    const second = runCli(['scan', '--format', 'json', '--cache', '--cache-location', cacheFile], p.dir);
    assert.equal(second.stdout, first.stdout, 'a warm cache gives the same report');

    // Tamper with one cached outcome: an unchanged file must come from the cache (proving it is used) ...
    const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    const entry = data.entries['src/m0/f0.ts'];
    entry.outcome.report.findings[0].message = 'FROM THE CACHE';
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    assert.match(runCli(['scan', '--format', 'json', '--cache', '--cache-location', cacheFile], p.dir).stdout, /FROM THE CACHE/);
    // ... and a changed file or a changed configuration must not.
    p.write('src/m0/f0.ts', `// touched\nexport const merchantApiKey = '${keys[0]}';\n`);
    assert.doesNotMatch(runCli(['scan', '--format', 'json', '--cache', '--cache-location', cacheFile], p.dir).stdout, /FROM THE CACHE/);
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    p.write('src/m0/f0.ts', `export const merchantApiKey = '${keys[0]}';\n`);
    p.write('.codepay-guard.json', '{ "rules": { "hardcoded-secret": "warning" } }');
    const reconfigured = runCli(['scan', '--format', 'json', '--cache', '--cache-location', cacheFile], p.dir);
    assert.doesNotMatch(reconfigured.stdout, /FROM THE CACHE/);
    assert.match(reconfigured.stdout, /"severity": "warning"/);
  });

  it('rejects a bad --concurrency value', () => {
    const { p } = project();
    assert.match(runCli(['scan', '--concurrency', 'many'], p.dir).stderr, /invalid --concurrency 'many'/);
  });
});
