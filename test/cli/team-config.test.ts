// The CLI and the repository's configuration: nearest team file, extends, .vscode/settings.json, the baseline,
// --fix (safe fixes only) and --report-suppressions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HARD_MAX_FILE_CHARS, MAX_FILE_CHARS, mergeConfigs } from '../../server/src/engine';
import { DEFAULT_MAX_FILE_SIZE, HARD_MAX_FILE_SIZE, validateConfigText } from '../../server/src/project';
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

  it('locates a broken .vscode/settings.json by line and column whatever its line breaks (LF, CRLF, CR)', () => {
    const p = copyFixture('clean');
    for (const eol of ['\n', '\r\n', '\r']) {
      p.write('.vscode/settings.json', ['{', '  "editor.tabSize": 2,', '  "codepayGuard.rules": { "hardcoded-secret": }', '}'].join(eol));
      const r = runCli(['scan'], p.dir);
      assert.equal(r.code, 2, JSON.stringify(eol));
      assert.match(r.stderr, /settings\.json:3:47: \.vscode\/settings\.json is not valid JSON with comments/, JSON.stringify(eol));
    }
  });

  it('maxFileSize: a script just above it gets the text checks only and a warning; settings and --max-file-size override the team file', function () {
    this.timeout(180_000);
    const p = copyFixture('clean');
    const key = p.newKey('MAX_FILE_SIZE');
    // A finding of the text checks (the key) and one that needs the syntax tree (a card number in a log call).
    const text = `export const merchantApiKey = '${key}';\nexport function pay(req: any) { console.log('card', req.body.cardNumber); }\n${'// padding\n'.repeat(250)}`;
    const size = text.length;
    p.write('src/pay.ts', text);
    const scan = (...extra: string[]) => {
      const run = runCli(['scan', '--format', 'json', ...extra], p.dir);
      assert.equal(run.code, 1, run.stderr);
      return { rules: json(run.stdout).flatMap((f) => f.messages.map((m) => m.ruleId)).sort(), stderr: run.stderr };
    };
    const textOnly = (limit: number) => ({
      rules: ['hardcoded-secret'],
      stderr: `codepay-guard: warning: src/pay.ts: file too large for full analysis (more than ${limit} characters): text checks only\n`,
    });
    const full = { rules: ['hardcoded-secret', 'sensitive-data-in-log'], stderr: '' };

    assert.deepEqual(scan(), full, 'default: 2,000,000');
    p.write('.codepay-guard.json', `{ "maxFileSize": ${size - 1} }`);
    assert.deepEqual(scan(), textOnly(size - 1), 'one character above the team file\'s limit');
    p.write('.codepay-guard.json', `{ "maxFileSize": ${size} }`);
    assert.deepEqual(scan(), full, 'exactly at the limit');
    p.write('.codepay-guard.json', `{ "extends": "./base.json" }`);
    p.write('base.json', `{ "maxFileSize": ${size - 1} }`);
    assert.deepEqual(scan(), textOnly(size - 1), 'from an extended file');
    p.write('.vscode/settings.json', `{ "codepayGuard.maxFileSize": ${size} }`);
    assert.deepEqual(scan(), full, '.vscode/settings.json wins over the team file');
    p.write('.vscode/settings.json', '{ "codepayGuard.maxFileSize": 1000 }');
    assert.deepEqual(scan(), textOnly(1000));
    assert.deepEqual(scan('--max-file-size', String(size)), full, '--max-file-size wins over both');
    // Worker threads get the flag too: files are shared out in turns, so some of four scripts in a row go to the worker.
    const many = copyFixture('clean');
    for (let i = 0; i < 4; i++) many.write(`src/pay-${i}.ts`, text);
    const parallel = runCli(['scan', '--format', 'json', '--concurrency', '2', '--max-file-size', '1200'], many.dir);
    assert.equal(parallel.stderr.split('\n').filter((l) => /file too large for full analysis \(more than 1200 characters\)/.test(l)).length, 4, parallel.stderr);
    assert.ok(json(parallel.stdout).every((f) => f.messages.every((m) => m.ruleId === 'hardcoded-secret')));
    // SARIF: the partial analysis is a warning notification.
    const sarif = runCli(['scan', '--format', 'sarif', '--max-file-size', '1200'], p.dir);
    assert.deepEqual(JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications, [
      { level: 'warning', message: { text: 'src/pay.ts: file too large for full analysis (more than 1200 characters): text checks only' } },
    ]);
  });

  it('maxFileSize above 2 MB raises the scanner\'s size limit too: such files are analysed instead of skipped', function () {
    this.timeout(120_000);
    const p = copyFixture('clean');
    const key = p.newKey('LARGE_FILE');
    p.write('src/generated.ts', `export const merchantApiKey = '${key}';\n${'// generated\n'.repeat(170_000)}`); // 2.2 MB
    const footer = (run: { stdout: string }) => /\n(\d+ files? scanned.*)\n/.exec(run.stdout)?.[1];
    const skipped = runCli(['scan'], p.dir);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(footer(skipped) ?? '', /skipped \(1 larger than 2 MB\)/);
    p.write('.codepay-guard.json', '{ "maxFileSize": 2100000 }');
    const tooLarge = runCli(['scan'], p.dir);
    assert.match(footer(tooLarge) ?? '', /skipped \(1 larger than maxFileSize\)/);
    p.write('.codepay-guard.json', '{ "maxFileSize": 3000000 }');
    const analysed = runCli(['scan', '--format', 'json'], p.dir);
    assert.equal(analysed.code, 1, analysed.stderr);
    assert.deepEqual(json(analysed.stdout).flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)}:${m.line} ${m.ruleId}`)), ['generated.ts:1 hardcoded-secret']);
    assert.equal(analysed.stderr, '', 'fully analysed: no warning');
  });

  it('rejects an invalid maxFileSize with its file, line and column (exit 2)', function () {
    this.timeout(60_000);
    const cases: Array<[string, string]> = [
      ['999', 'must be >= 1000'], ['0', 'must be >= 1000'], ['20000001', 'must be <= 20000000'],
      ['1500.5', 'must be integer'], ['"2 MB"', 'must be integer'], ['null', 'must be integer'],
    ];
    for (const [value, expected] of cases) {
      const { problems, config } = validateConfigText(`{\n  "maxFileSize": ${value},\n  "ignore": ["dist"]\n}\n`, '/w/.codepay-guard.json');
      assert.deepEqual(problems.map((q) => `${q.line}:${q.column} ${q.severity} ${q.message}`), [`2:18 error "maxFileSize" ${expected}`], value);
      assert.deepEqual(config, { ignore: ['dist'] }, `${value}: the rest of the file is still read`);
    }
    const p = copyFixture('clean');
    p.write('.codepay-guard.json', '{\n  "maxFileSize": 999\n}\n');
    const team = runCli(['scan'], p.dir);
    assert.equal(team.code, 2, team.stderr);
    assert.match(team.stderr, /^codepay-guard: error: \.codepay-guard\.json:2:18: "maxFileSize" must be >= 1000\n$/);
    fs.rmSync(path.join(p.dir, '.codepay-guard.json'));
    p.write('.vscode/settings.json', '{ "codepayGuard.maxFileSize": 100 }');
    const settings = runCli(['scan'], p.dir);
    assert.equal(settings.code, 2);
    assert.match(settings.stderr, /\.vscode\/settings\.json:1:1: "maxFileSize" must be >= 1000/);
  });

  it('maxFileSize\'s schema bounds are the engine\'s limits', () => {
    assert.equal(DEFAULT_MAX_FILE_SIZE, MAX_FILE_CHARS);
    assert.equal(HARD_MAX_FILE_SIZE, HARD_MAX_FILE_CHARS);
    assert.deepEqual(mergeConfigs({ maxFileSize: 5000 }, { rules: {} }).maxFileSize, 5000);
    assert.deepEqual(mergeConfigs({ maxFileSize: 5000 }, { maxFileSize: 7000 }).maxFileSize, 7000);
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
