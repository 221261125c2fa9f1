// Worker threads and the results cache give exactly the sequential scan's output; the cache follows content and
// configuration, and holds no secret.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { autoThreadCount, threadCount } from '../../server/src/cli/parallel';
import { assertNoSecrets, CLI, copyFixture, removeTempDirs, requireBundle, runCli, type CliRun } from './helpers';

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

/**
 * A generated data file of about 500 kB: far too large for this thread's share (the workers take files over 128 kB),
 * and its syntax tree needs well over 48 MB of heap. `version` makes the pre-filter keep the transport rule, so the
 * file is parsed, yet nothing in it is reported: the report is the same whether or not its analysis ran to the end.
 */
function heavyDataFile(): string {
  const rows: string[] = [];
  for (let i = 0, length = 0; length < 500_000; i++) {
    const row = `  { id: ${i}, name: 'n${i}', version: ${i % 7}, tags: ['a', 'b', ${i}], price: { amount: ${i}, unit: 1 } },`;
    rows.push(row);
    length += row.length + 1;
  }
  return `export const catalogue = [\n${rows.join('\n')}\n];\n`;
}

/** Like runCli, with time for a worker to fill its heap and die (twice) on a loaded machine. */
function runCliSlow(args: readonly string[], cwd: string, env: Record<string, string>): CliRun {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'CODEPAY_GUARD_WORKER_HEAP_MB', 'CODEPAY_GUARD_RETRY_HEAP_MB']) delete base[name];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: 240_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli: --concurrency', () => {
  it('auto: a thread per core, one per 50 files, and no pool below 150 files', () => {
    assert.deepEqual([1, 2, 4].map((cores) => autoThreadCount(cores, 5_000)), [1, 2, 4]);
    assert.deepEqual([149, 150, 151, 401].map((files) => autoThreadCount(16, files)), [1, 3, 4, 9]);
  });

  it('off is one thread, a number is that many (never more than the files)', () => {
    assert.equal(threadCount('off', 5_000), 1);
    assert.equal(threadCount(3, 5_000), 3);
    assert.equal(threadCount(3, 2), 2);
  });
});

describe('cli: worker threads and --cache', function () {
  this.timeout(60_000);
  before(requireBundle);
  after(removeTempDirs);

  it('gives the same report with 1, 2 and 3 threads', function () {
    this.timeout(240_000);
    const { p } = project();
    // Files over 128 kB are always the workers' (this thread takes small files only), whatever the timing.
    for (let i = 0; i < 2; i++) {
      const lines = Array.from({ length: 1_800 }, (_, n) => `export const amount${n} = (price: number, qty: number) => price * qty + ${n};`);
      lines.splice(600 * i, 0, `export const merchantApiKey${i} = '${p.newKey(`LARGE_${i}`)}';`);
      p.write(`src/large/l${i}.ts`, `${lines.join('\n')}\n`);
    }
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

  describe('a worker that dies', function () {
    this.timeout(600_000);
    const HEAVY = 'src/generated/catalogue.ts';
    let p: ReturnType<typeof project>['p'];
    let reference: CliRun;
    before(() => {
      p = project().p;
      p.write(HEAVY, heavyDataFile());
      reference = runCliSlow(['scan', '--format', 'json', '--concurrency', 'off'], p.dir, {});
      assert.equal(reference.code, 1, reference.stderr);
      assert.match(reference.stdout, /catalogue\.ts/);
    });

    it('loses no file: the file it died on is analysed again in a new worker (without the heap cap)', () => {
      const run = runCliSlow(['scan', '--format', 'json', '--concurrency', '2'], p.dir, { CODEPAY_GUARD_WORKER_HEAP_MB: '48' });
      assert.equal(run.code, reference.code, run.stderr);
      assert.equal(run.stdout, reference.stdout);
      assert.doesNotMatch(run.stderr, /warning/);
    });

    it('reports a file that kills a worker twice as skipped, with a warning, and the rest as usual', () => {
      // The retry worker capped too: the file kills it as well (which shows the test above went through a death).
      const run = runCliSlow(['scan', '--format', 'json', '--concurrency', '2'], p.dir, { CODEPAY_GUARD_WORKER_HEAP_MB: '48', CODEPAY_GUARD_RETRY_HEAP_MB: '48' });
      assert.equal(run.code, reference.code, run.stderr);
      assert.match(run.stderr, /warning: src\/generated\/catalogue\.ts: the analysis ran out of memory twice in a scan worker, skipped/);
      const expected = (JSON.parse(reference.stdout) as Array<{ filePath: string }>).filter((f) => !f.filePath.endsWith('catalogue.ts'));
      assert.deepEqual(JSON.parse(run.stdout), expected);
    });

    it('scans everything in the main thread when no worker can even start', () => {
      const run = runCliSlow(['scan', '--format', 'json', '--concurrency', '2'], p.dir, { CODEPAY_GUARD_WORKER_HEAP_MB: '8' });
      assert.equal(run.code, reference.code, run.stderr);
      assert.equal(run.stdout, reference.stdout);
    });
  });

  it('rejects a bad --concurrency value', () => {
    const { p } = project();
    assert.match(runCli(['scan', '--concurrency', 'many'], p.dir).stderr, /invalid --concurrency 'many'/);
  });
});
