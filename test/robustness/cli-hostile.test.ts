// The shipped CLI (dist/cli.js) on a hostile workspace: every case file, symbolic-link loops, a FIFO, unreadable
// entries — a report (exit 0 or 1) in every format, within a deadline that only a hang reaches, with the network and
// child processes trapped, and no workspace code executed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadScanConfig } from '../../server/src/cli/config';
import { scanFile } from '../../server/src/cli/scan';
import { excessiveNesting, MAX_CONFIG_DEPTH, settingsToConfig, validateConfigText } from '../../server/src/project';
import { ignoredByName } from '../../server/src/project/walk';
import { fakeKey, requireBundle } from '../cli/helpers';
import { largeCases, nestingCases, shapeCases, targetedAttackCases, type HostileCase } from './hostile-cases';
import {
  executedMarkers, runTrappedCli, tempDir, TrapMarker, writeExecutableWorkspace, writeExtendsJsTeamFile, type CliRun,
} from './sandbox';

const isRoot = process.getuid?.() === 0;

function writeCase(root: string, folder: string, c: HostileCase): string {
  const rel = `${folder}/${c.path}`;
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, c.bytes ? c.bytes() : c.text());
  return rel;
}

/** `N files scanned, M skipped (…)` from the text report's footer. */
function footer(run: CliRun): { scanned: number; skipped: number; detail: string } {
  const m = /\n(\d+) files? scanned(?:, (\d+) skipped \(([^)]*)\))?\n/.exec(run.stdout);
  assert.ok(m, `no footer in the text report:\n${run.stdout.slice(-2000)}`);
  return { scanned: Number(m[1]), skipped: Number(m[2] ?? 0), detail: m[3] ?? '' };
}

function assertFinished(run: CliRun, what: string): void {
  assert.equal(run.signal, null, `${what} was killed (${run.signal}) after ${run.ms} ms: a hang or a crash\n${run.stderr}`);
  assert.ok(run.code === 0 || run.code === 1, `${what} exited with ${run.code}:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /internal error|analysis failed|Maximum call stack|RangeError|TypeError/, `${what}:\n${run.stderr}`);
}

describe('robustness: the CLI on a hostile workspace', function () {
  this.timeout(15 * 60_000);
  let root: string;
  let written: string[] = [];
  const traps: TrapMarker[] = [];
  const marker = () => {
    traps.push(new TrapMarker('cli'));
    return traps[traps.length - 1];
  };

  before(function () {
    requireBundle();
    root = tempDir('hostile-cli');
    written = [
      ...shapeCases().map((c) => writeCase(root, 'shapes', c)),
      ...nestingCases().map((c) => writeCase(root, 'nesting', c)),
      ...targetedAttackCases().map((c, i) => writeCase(root, `attacks/${i}`, c)),
      ...largeCases().map((c) => writeCase(root, 'large', c)),
    ];
    // Links that loop back (to the root, to a parent, to themselves) or lead nowhere: never followed, never a hang.
    fs.symlinkSync(root, path.join(root, 'shapes', 'loop-to-root'), 'dir');
    fs.symlinkSync('..', path.join(root, 'nesting', 'loop-up'), 'dir');
    fs.symlinkSync('self.js', path.join(root, 'shapes', 'self.js'));
    fs.symlinkSync('missing.js', path.join(root, 'shapes', 'dangling.js'));
    // A FIFO named like a source file: reading it would block forever.
    spawnSync('mkfifo', [path.join(root, 'shapes', 'pipe.js')]);
    // A directory named like a file.
    fs.mkdirSync(path.join(root, 'shapes', 'notes.js'));
    fs.writeFileSync(path.join(root, 'shapes', 'notes.js', 'inside.ts'), 'export const inside = 1;\n');
    written.push('shapes/notes.js/inside.ts');
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    for (const t of traps) t.remove();
  });

  it('scans every case file (text report): each is reported or counted as skipped, links are not followed', function () {
    const trap = marker();
    const run = runTrappedCli(['scan', '--no-color'], root, trap);
    assertFinished(run, 'scan');
    const { scanned, skipped, detail } = footer(run);
    // Files excluded by their name alone (an image) are not read, so not counted.
    const readable = written.filter((rel) => ignoredByName(path.basename(rel)) === undefined);
    assert.equal(scanned + skipped, readable.length, `${scanned} scanned + ${skipped} skipped (${detail}) ≠ ${readable.length} files written`);
    assert.doesNotMatch(run.stdout, /loop-to-root|loop-up|self\.js|dangling\.js|pipe\.js/);
    assert.match(detail, /larger than 2 MB/);
    trap.assertClean('scan');
    console.log(`      text scan of ${written.length} files: ${run.ms} ms (${scanned} scanned, ${skipped} skipped: ${detail})`);
  });

  it('writes valid JSON and SARIF for them', function () {
    const trap = marker();
    const json = runTrappedCli(['scan', 'shapes', 'nesting', 'attacks', '--format', 'json'], root, trap);
    assertFinished(json, 'scan --format json');
    const files = JSON.parse(json.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    const reported = files.map((f) => path.relative(root, f.filePath).split(path.sep).join('/'));
    assert.equal(new Set(reported).size, reported.length, 'no file reported twice');
    assert.deepEqual(reported.filter((r) => !written.includes(r)), [], 'only files that exist where they are reported');
    const sarif = runTrappedCli(['scan', 'shapes', 'nesting', '--format', 'sarif'], root, trap);
    assertFinished(sarif, 'scan --format sarif');
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.length > 0);
    trap.assertClean('json and sarif scans');
  });

  it('walks a folder 300 deep under a .gitignore of many `**` (which backtracks in depth^count) and finds its key', function () {
    const dir = tempDir('hostile-gitignore');
    try {
      const deep = path.join(dir, ...Array<string>(300).fill('a'));
      fs.mkdirSync(deep, { recursive: true });
      const key = fakeKey('DEEP_FOLDER');
      fs.writeFileSync(path.join(deep, 'keys.ts'), `export const stripeKey = '${key}';\n`);
      fs.writeFileSync(path.join(dir, '.gitignore'), `${'a/**/'.repeat(10)}b\n${'**/'.repeat(8)}c\n**/*.log\n`);
      fs.writeFileSync(path.join(dir, 'debug.log'), 'ignored\n');
      const run = runTrappedCli(['scan', '--format', 'json'], dir, marker(), 120_000);
      assertFinished(run, 'scan of a deep folder');
      const files = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
      assert.deepEqual(files.map((f) => path.basename(f.filePath)).sort(), ['.gitignore', 'keys.ts'], 'the ordinary pattern still ignores debug.log');
      assert.ok(files.some((f) => f.messages.some((m) => m.ruleId === 'hardcoded-secret')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports the key in a script too large to parse (text checks only), and says that the analysis was partial', function () {
    const dir = tempDir('hostile-edge');
    try {
      // Under the CLI's 2 MB read limit, over the engine's 2,000,000-character parse limit.
      const key = fakeKey('EDGE_SIZE');
      fs.writeFileSync(path.join(dir, 'generated.ts'), `export const stripeKey = '${key}';\n${'// generated\n'.repeat(160_000)}`);
      const run = runTrappedCli(['scan', '--format', 'json'], dir, marker());
      assertFinished(run, 'scan of a 2.08 MB script');
      const [file] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
      assert.ok(file.messages.some((m) => m.ruleId === 'hardcoded-secret'));
      assert.match(run.stderr, /warning: generated\.ts: file too large for full analysis \(more than 2000000 characters\): text checks only/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns about a file that cannot be read and goes on (EISDIR: a directory where a file was listed)', function () {
    // Root reads any mode: a directory handed over as a file is a read failure that holds for every user.
    const dir = path.join(root, 'shapes', 'notes.js');
    const config = loadScanConfig({ root, cwd: root });
    const { outcome } = scanFile({ absPath: dir, relPath: 'shapes/notes.js' }, { config });
    assert.deepEqual(outcome, { kind: 'skip', reason: 'unreadable', warning: 'shapes/notes.js: cannot read file (EISDIR), skipped' });
  });

  (isRoot ? it.skip : it)(`warns about a mode-000 file and goes on${isRoot ? ' — skipped: running as root, which reads mode-000 files (the EISDIR case covers the read failure)' : ''}`, function () {
    const locked = path.join(root, 'shapes', 'locked.ts');
    fs.writeFileSync(locked, 'export const a = 1;\n');
    fs.chmodSync(locked, 0o000);
    try {
      const run = runTrappedCli(['scan', 'shapes', '--no-color'], root, marker());
      assertFinished(run, 'scan');
      assert.match(run.stderr, /shapes\/locked\.ts: cannot read file \(EACCES\), skipped/);
    } finally {
      fs.chmodSync(locked, 0o644);
      fs.rmSync(locked);
    }
  });

  it('survives hostile team files: a clear configuration error (exit 2), never a crash', function () {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['binary', Buffer.from([0x89, 0x50, 0x00, 0xff, 0xfe, 0x7b, 0x00]), /invalid JSON/],
      ['truncated', '{"rules": {"hardcoded-secret": "err', /invalid JSON|expected/],
      ['wrong types', '{"rules": 42, "ignore": {"a": 1}, "extends": [1, 2]}', /\.codepay-guard\.json:\d+:\d+:/],
      ['1 MB of whitespace and a brace', `${' '.repeat(1_100_000)}{}`, /larger than 1 MB|\.codepay-guard\.json/],
      // jsonc-parser recurses: arrays 3,000 deep overflow the stack in getNodeValue, anything 10,000 deep in parseTree.
      // The nesting is rejected before parsing, at the bracket that opens level 65 (the root object is level 1).
      ['arrays nested 2,000 deep', `{"rules": ${'['.repeat(2_000)}${']'.repeat(2_000)}}`, /\.codepay-guard\.json:1:74: nested too deeply \(more than 64 levels\)/],
      ['arrays nested 3,000 deep', `{"ignore":${'['.repeat(3_000)}${']'.repeat(3_000)}}`, /\.codepay-guard\.json:1:74: nested too deeply \(more than 64 levels\)/],
      ['objects nested 3,000 deep, one per line', `{\n${'"a": {\n'.repeat(3_000)}${'}\n'.repeat(3_001)}`, /\.codepay-guard\.json:65:6: nested too deeply/],
      ['objects nested 100,000 deep', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, /\.codepay-guard\.json:1:321: nested too deeply/],
      // Brackets in strings and comments are not nesting.
      ['brackets in strings and comments, then too deep', `// ${'['.repeat(100)}\n{"ignore": ["${'{'.repeat(100)}"], "rules": ${'['.repeat(70)}${']'.repeat(70)}}`, /\.codepay-guard\.json:2:\d+: nested too deeply/],
    ];
    for (const [name, content, expected] of cases) {
      const dir = tempDir('hostile-team');
      try {
        fs.writeFileSync(path.join(dir, '.codepay-guard.json'), content);
        fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
        const trap = marker();
        const run = runTrappedCli(['scan'], dir, trap);
        assert.equal(run.signal, null, `${name}: killed`);
        assert.equal(run.code, 2, `${name}: exit ${run.code}\n${run.stdout}\n${run.stderr}`);
        assert.match(run.stderr, expected, name);
        assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, `${name}: a stack trace or internal error instead of a configuration error`);
        trap.assertClean(name);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('locates a deeply nested .vscode/settings.json and a deeply nested extended file (exit 2), never a crash', function () {
    const dir = tempDir('hostile-deep-settings');
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), `{\n  "codepayGuard.ignore": ${'['.repeat(5_000)}${']'.repeat(5_000)}\n}\n`);
      const trap = marker();
      const settings = runTrappedCli(['scan'], dir, trap);
      assert.equal(settings.code, 2, settings.stderr);
      // `{` is level 1, the first `[` (column 26) level 2: level 65 opens at column 26 + 63.
      assert.match(settings.stderr, /^codepay-guard: error: \.vscode\/settings\.json:2:89: \.vscode\/settings\.json is nested too deeply \(more than 64 levels\)\n$/);
      fs.rmSync(path.join(dir, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.codepay-guard.json'), '{ "extends": "./base.json" }\n');
      fs.writeFileSync(path.join(dir, 'base.json'), `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      const extended = runTrappedCli(['scan'], dir, trap);
      assert.equal(extended.code, 2, extended.stderr);
      assert.match(extended.stderr, /^codepay-guard: error: base\.json:1:65: nested too deeply \(more than 64 levels\)\n$/);
      trap.assertClean('deeply nested settings and extended file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the project layer turns deep nesting into one located problem, in text and in objects handed over by an editor', function () {
    assert.equal(excessiveNesting(`${'['.repeat(MAX_CONFIG_DEPTH)}${']'.repeat(MAX_CONFIG_DEPTH)}`), undefined, 'exactly the limit is fine');
    assert.equal(excessiveNesting(`${'['.repeat(MAX_CONFIG_DEPTH + 1)}`), MAX_CONFIG_DEPTH);
    assert.equal(excessiveNesting(`${'[]'.repeat(10_000)}`), undefined, 'siblings are not nesting');
    assert.equal(excessiveNesting(`{"a": "${'['.repeat(500)}", /* ${'{'.repeat(500)} */ "b": 1}`), undefined, 'strings and comments are skipped');
    const deepText = `{\n  "names": ${'{"verifiers": '.repeat(4_000)}[]${'}'.repeat(4_000)}\n}`;
    const { problems, config } = validateConfigText(deepText, '/w/.codepay-guard.json');
    assert.deepEqual(config, {});
    assert.equal(problems.length, 1);
    assert.deepEqual({ ...problems[0], offset: undefined }, {
      file: '/w/.codepay-guard.json', severity: 'error', message: 'nested too deeply (more than 64 levels)', offset: undefined, length: 1,
      line: 2, column: 12 + 14 * 63,
    });
    // Settings arrive as parsed objects (workspace/configuration): JSON.parse in the connection does not recurse.
    let deep: unknown = 'x';
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    const fromEditor = settingsToConfig({ names: deep, rules: { 'hardcoded-secret': 'warning' } });
    assert.deepEqual(fromEditor.config, {});
    assert.match(fromEditor.problems[0].message, /nested too deeply \(more than 64 levels\)/);
    assert.deepEqual(settingsToConfig({ rules: { 'hardcoded-secret': 'warning' } }).config, { rules: { 'hardcoded-secret': 'warning' } });
  });

  it('never executes workspace code: config files that are programs, npm scripts, a team file extending a .js file', function () {
    const dir = tempDir('hostile-exec');
    try {
      writeExecutableWorkspace(dir, fakeKey('EXEC_WORKSPACE'));
      const trap = marker();
      for (const args of [['scan'], ['scan', '--format', 'sarif'], ['report', '--output', 'report.html'], ['report', '--format', 'md'], ['baseline']]) {
        const run = runTrappedCli(args, dir, trap);
        assert.ok(run.code === 0 || run.code === 1, `${args.join(' ')}: exit ${run.code}\n${run.stderr}`);
      }
      writeExtendsJsTeamFile(dir);
      const rejected = runTrappedCli(['scan'], dir, trap);
      assert.equal(rejected.code, 2, 'a team file extending a .js file is a configuration error');
      assert.match(rejected.stderr, /codepay-guard\.config\.js:1:1: invalid JSON/);
      assert.deepEqual(executedMarkers(dir), []);
      trap.assertClean('scan, report and baseline');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
