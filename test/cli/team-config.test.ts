// The CLI and the repository's configuration: nearest team file, extends, .vscode/settings.json, the baseline,
// --fix (safe fixes only) and --report-suppressions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoSecrets, copyFixture, fakeKey, removeTempDirs, requireBundle, runCli } from './helpers';

interface JsonFile { filePath: string; messages: Array<{ ruleId: string; severity: string; line: number; message: string }>; suppressions?: Array<Record<string, unknown>> }

const json = (stdout: string) => JSON.parse(stdout) as JsonFile[];
const summary = (files: JsonFile[], root: string) => files.flatMap((f) => f.messages.map((m) => `${path.relative(root, f.filePath)}:${m.line} ${m.ruleId} ${m.severity}`)).sort();

describe('cli: team configuration', function () {
  this.timeout(30_000);
  before(requireBundle);
  after(removeTempDirs);

  it('uses the nearest team file for each file, and extends (relative to the file naming it)', () => {
    const p = copyFixture('clean');
    const key = p.newKey('NEAREST');
    p.write('shared/base.json', '{ "rules": { "hardcoded-secret": "info" } }');
    p.write('.codepay-guard.json', '{ "extends": "./shared/base.json" }');
    p.write('services/legacy/.codepay-guard.json', '{ "rules": { "hardcoded-secret": "off" } }');
    p.write('src/a.ts', `export const merchantApiKey = '${key}';\n`);
    p.write('services/legacy/b.ts', `export const merchantApiKey = '${key}';\n`);
    p.write('services/c.ts', `export const merchantApiKey = '${key}';\n`);
    const run = runCli(['scan', '--format', 'json'], p.dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(summary(json(run.stdout), p.dir), ['services/c.ts:1 hardcoded-secret info', 'src/a.ts:1 hardcoded-secret info']);
  });

  it('applies codepayGuard.* from .vscode/settings.json over the team file, as VS Code does', () => {
    const p = copyFixture('clean');
    const key = p.newKey('SETTINGS');
    p.write('.codepay-guard.json', '{ "rules": { "hardcoded-secret": "info" } }');
    p.write('.vscode/settings.json', '{\n  // comments are fine\n  "editor.tabSize": 2,\n  "codepayGuard.rules": { "hardcoded-secret": "warning" },\n  "codepayGuard.trace.server": "verbose",\n}\n');
    p.write('src/a.ts', `export const merchantApiKey = '${key}';\n`);
    const run = runCli(['scan', '--format', 'json'], p.dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(summary(json(run.stdout), p.dir), ['src/a.ts:1 hardcoded-secret warning']);
  });

  it('reports a cycle in extends and a missing extended file with the file, line and column (exit 2)', () => {
    const p = copyFixture('clean');
    p.write('.codepay-guard.json', '{\n  "extends": ["./a.json"]\n}');
    p.write('a.json', '{ "extends": "./.codepay-guard.json" }');
    const cycle = runCli(['scan'], p.dir);
    assert.equal(cycle.code, 2);
    assert.match(cycle.stderr, /a\.json:1:\d+: "extends" makes a cycle/);
    p.write('.codepay-guard.json', '{\n  "extends": "./missing.json"\n}');
    const missing = runCli(['scan'], p.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /\.codepay-guard\.json:2:14: extended file "missing\.json": no such file/);
  });

  it('rejects a team pattern that can backtrack catastrophically, naming it (exit 2)', () => {
    const p = copyFixture('clean');
    p.write('.codepay-guard.json', '{ "secrets": { "patterns": [{ "id": "slow", "regex": "(a+)+$" }] } }');
    const run = runCli(['scan'], p.dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /secret pattern "slow": the pattern can backtrack catastrophically \(exponential time/);
  });

  it('baseline: records current findings without secrets or lines; the scan hides them until their code changes', () => {
    const p = copyFixture('clean');
    const key = p.newKey('BASELINE');
    const other = p.newKey('BASELINE_NEW');
    p.write('src/a.ts', `export const merchantApiKey = '${key}';\n`);
    const made = runCli(['baseline'], p.dir);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stderr, /wrote \.codepay-guard-baseline\.json with 1 finding in 1 file/);
    const text = fs.readFileSync(path.join(p.dir, '.codepay-guard-baseline.json'), 'utf8');
    assertNoSecrets(text, [key], 'baseline');
    const data = JSON.parse(text);
    assert.deepEqual(Object.keys(data.findings[0]).sort(), ['fingerprint', 'path', 'ruleId']);

    assert.equal(runCli(['scan'], p.dir).code, 0, 'known finding hidden');
    p.write('src/a.ts', `// a comment\n\n\nexport const merchantApiKey = '${key}';\n`);
    const moved = runCli(['scan'], p.dir);
    assert.equal(moved.code, 0, 'moving code around does not resurface it');
    assert.match(moved.stderr, /1 known finding hidden by \.codepay-guard-baseline\.json/);
    p.write('src/b.ts', `export const merchantApiKey = '${other}';\n`);
    const added = runCli(['scan', '--format', 'json'], p.dir);
    assert.deepEqual(summary(json(added.stdout), p.dir), ['src/b.ts:1 hardcoded-secret error'], 'a new finding is reported');
    const all = runCli(['scan', '--format', 'json', '--no-baseline'], p.dir);
    assert.equal(json(all.stdout).flatMap((f) => f.messages).length, 2);
    p.write('src/a.ts', `export const merchantApiKey2 = '${key}';\n`);
    assert.deepEqual(summary(json(runCli(['scan', '--format', 'json'], p.dir).stdout), p.dir).length, 2, 'an edited line resurfaces');
  });

  it('--fix applies only safe fixes, writes the file and reports what is left', () => {
    const p = copyFixture('clean');
    const key = fakeKey('FIX');
    const file = p.write('src/sup.ts', `// codepay-guard-disable-next-line hardcoded-secret -- old key, long gone\nexport const a = 1;\nexport const merchantApiKey = '${key}';\n`);
    const run = runCli(['scan', '--fix', '--format', 'json'], p.dir);
    assert.equal(run.code, 1, 'the secret (unsafe fix only) is still reported');
    assert.match(run.stderr, /applied 1 safe fix in 1 file/);
    assert.equal(fs.readFileSync(file, 'utf8'), `export const a = 1;\nexport const merchantApiKey = '${key}';\n`, 'the unused suppression was removed, the key was not moved');
    assert.deepEqual(summary(json(run.stdout), p.dir), ['src/sup.ts:2 hardcoded-secret error']);
  });

  it('--report-suppressions lists every suppression with its reason, expiry and use (text and json)', () => {
    const p = copyFixture('clean');
    const key = p.newKey('SUPPRESSED');
    p.write('src/a.ts', [
      `// codepay-guard-disable-next-line hardcoded-secret until 2099-01-31 -- stripe-mock key`,
      `export const merchantApiKey = '${key}';`,
      '// codepay-guard-disable-next-line injection -- no query here any more',
      'export const b = 1;',
      '// codepay-guard-disable-next-line insecure-transport until 2020-01-01 -- staging',
      'export const c = 2;',
      '',
    ].join('\n'));
    const text = runCli(['scan', '--report-suppressions'], p.dir);
    assert.match(text.stdout, /Suppressions: 3 comments \(1 in use, 1 unused, 1 expired\)/);
    assert.match(text.stdout, /src\/a\.ts:1 {2}hardcoded-secret {2}hides 1 until 2099-01-31 {2}-- stripe-mock key/);
    assert.match(text.stdout, /src\/a\.ts:3 {2}injection {2}unused {2}-- no query here any more/);
    assert.match(text.stdout, /src\/a\.ts:5 {2}insecure-transport {2}expired until 2020-01-01 {2}-- staging/);
    const data = json(runCli(['scan', '--report-suppressions', '--format', 'json'], p.dir).stdout);
    const a = data.find((f) => f.filePath.endsWith(path.join('src', 'a.ts')))!;
    assert.deepEqual(a.suppressions?.map((s) => [s.line, s.status, s.suppressed]), [[1, 'used', 1], [3, 'unused', 0], [5, 'expired', 0]]);
    assertNoSecrets(text.stdout, [key], 'suppression report');
  });

  it('rejects options that do not fit the command', () => {
    const p = copyFixture('clean');
    const run = runCli(['baseline', '--fix'], p.dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /option '--fix' does not apply to 'baseline'/);
    assert.match(runCli(['scan', '--baseline', 'x.json', '--no-baseline'], p.dir).stderr, /cannot be combined/);
  });
});
