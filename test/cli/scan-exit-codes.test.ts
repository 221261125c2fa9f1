// Exit codes, usage errors, config errors, --quiet, --max-warnings, --output, --help and --version of the bundled CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine, UsageError } from '../../server/src/cli/args';
import { copyFixture, FIXTURES, removeTempDirs, REPO_ROOT, requireBundle, runCli, type CliRun, type TempProject } from './helpers';

const WARNING_CONFIG = path.join(FIXTURES, 'configs', 'warning.json');

function assertUsageError(run: CliRun, pattern: RegExp): void {
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  const lines = run.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `exactly one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0], /^codepay-guard: error: /);
  assert.match(lines[0], pattern);
}

describe('cli: exit codes and options', function () {
  let project: TempProject;
  let clean: TempProject;

  before(function () {
    requireBundle();
    project = copyFixture('project');
    clean = copyFixture('clean');
  });
  after(removeTempDirs);

  it('exits 1 when an error-level finding exists, 0 on a clean project', function () {
    assert.equal(runCli(['scan'], project.dir).code, 1);
    assert.equal(runCli(['scan', '.'], clean.dir).code, 0);
  });

  it('exits 0 when a config lowers every finding to a warning, and 1 once warnings exceed --max-warnings', function () {
    const relaxed = runCli(['scan', '--config', WARNING_CONFIG, '--format', 'json'], project.dir);
    assert.equal(relaxed.code, 0);
    const messages = JSON.parse(relaxed.stdout).flatMap((f: { messages: Array<{ severity: string }> }) => f.messages);
    assert.ok(messages.length >= 4 && messages.every((m: { severity: string }) => m.severity === 'warning'));

    const strict = runCli(['scan', '--config', WARNING_CONFIG, '--max-warnings', '0'], project.dir);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, new RegExp(`too many warnings \\(${messages.length}, maximum: 0\\)`));
    assert.equal(runCli(['scan', '--config', WARNING_CONFIG, '--max-warnings', String(messages.length)], project.dir).code, 0);
  });

  it('finds .codepay-guard.json in the scan root by itself', function () {
    const configured = copyFixture('project');
    fs.copyFileSync(WARNING_CONFIG, path.join(configured.dir, '.codepay-guard.json'));
    assert.equal(runCli(['scan'], configured.dir).code, 0);
  });

  it('--quiet reports errors only, and dropped warnings no longer count against --max-warnings', function () {
    const quiet = runCli(['scan', '--quiet', '--format', 'json'], project.dir);
    const severities = JSON.parse(quiet.stdout).flatMap((f: { messages: Array<{ severity: string }> }) => f.messages.map((m) => m.severity));
    assert.ok(severities.length >= 3 && severities.every((s: string) => s === 'error'));
    const relaxed = runCli(['scan', '--quiet', '--max-warnings', '0', '--config', WARNING_CONFIG], project.dir);
    assert.equal(relaxed.code, 0);
    assert.match(relaxed.stdout, /✔ 0 problems/);
  });

  it('rejects an unknown flag, a bad option value, a missing path or command with exit 2 and one line', function () {
    assertUsageError(runCli(['scan', '--bogus'], clean.dir), /unknown option '--bogus'/);
    assertUsageError(runCli(['scan', '--format', 'xml'], clean.dir), /--format 'xml'/);
    assertUsageError(runCli(['scan', '--format'], clean.dir), /--format/);
    assertUsageError(runCli(['scan', '--max-warnings', 'many'], clean.dir), /--max-warnings 'many'/);
    assertUsageError(runCli(['scan', '--max-warnings', '-1'], clean.dir), /max-warnings/);
    assertUsageError(runCli(['scan', 'no/such/dir'], clean.dir), /no such file or directory: no\/such\/dir/);
    assertUsageError(runCli(['lint'], clean.dir), /unknown command 'lint'/);
    assertUsageError(runCli([], clean.dir), /missing command/);
  });

  it('--max-file-size takes a number of characters (1000 to 20000000), for scan, baseline and report', function () {
    this.timeout(60_000);
    for (const bad of ['999', '20000001', 'abc', '2e6', '5000.5', ' ', '-5000', '0x1000']) {
      assert.throws(() => parseCommandLine(['scan', `--max-file-size=${bad}`]), (err: Error) => err instanceof UsageError
        && err.message === `invalid --max-file-size '${bad}': expected a number of characters from 1000 to 20000000`);
    }
    assertUsageError(runCli(['scan', '--max-file-size', '999'], clean.dir), /invalid --max-file-size '999': expected a number of characters from 1000 to 20000000/);
    assertUsageError(runCli(['scan', '--max-file-size'], clean.dir), /--max-file-size/);
    const options = (argv: string[]) => {
      const command = parseCommandLine(argv);
      assert.ok(command.kind === 'scan' || command.kind === 'baseline' || command.kind === 'report');
      return command.options;
    };
    assert.equal(options(['scan', '--max-file-size', '5000']).maxFileSize, 5000);
    assert.equal(options(['scan', '--max-file-size=1000', 'src']).maxFileSize, 1000);
    assert.equal(options(['baseline', '--max-file-size', '20000000']).maxFileSize, 20_000_000);
    assert.equal(options(['report', '--max-file-size', ' 3000000 ']).maxFileSize, 3_000_000);
    assert.equal(options(['scan']).maxFileSize, undefined);
    assert.match(runCli(['--help'], clean.dir).stdout, /--max-file-size <chars>/);
  });

  it('reports an unreadable or invalid team config as one line naming the file, line and column, exit 2', function () {
    assertUsageError(runCli(['scan', '--config', path.join(FIXTURES, 'configs', 'broken.json')], clean.dir), /broken\.json:2:1: invalid JSON: .+/);
    assertUsageError(runCli(['scan', '--config', path.join(FIXTURES, 'configs', 'unknown-rule.json')], clean.dir), /unknown-rule\.json:\d+:\d+: unknown rule "no-such-rule"/);
    assertUsageError(runCli(['scan', '--config', 'missing.json'], clean.dir), /missing\.json: no such file/);
    const broken = copyFixture('clean');
    broken.write('.codepay-guard.json', '{ "rules": ');
    assertUsageError(runCli(['scan'], broken.dir), /^codepay-guard: error: \.codepay-guard\.json:1:\d+: invalid JSON/);
    const badSeverity = copyFixture('clean');
    badSeverity.write('.codepay-guard.json', '{\n  "rules": {\n    "hardcoded-secret": "loud"\n  }\n}\n');
    assertUsageError(runCli(['scan'], badSeverity.dir), /\.codepay-guard\.json:3:25: "rules\.hardcoded-secret" must be one of "off", "info", "warning", "error"/);
    const badSettings = copyFixture('clean');
    badSettings.write('.vscode/settings.json', '{ "codepayGuard.rules": { "injection": "sometimes" } }');
    assertUsageError(runCli(['scan'], badSettings.dir), /\.vscode\/settings\.json:1:1: "rules\.injection" must be one of/);
  });

  it('--output writes the report to a file (creating folders) and nothing to stdout', function () {
    const target = path.join(project.parent, 'out', 'reports', 'result.txt');
    const run = runCli(['scan', '--output', target], project.dir);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const report = fs.readFileSync(target, 'utf8');
    assert.match(report, /✖ \d+ problems/);
    assert.ok(!report.includes('\u001b['), 'no colour codes in files');
  });

  it('--help and --version print to stdout and exit 0', function () {
    const help = runCli(['--help'], clean.dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: codepay-guard scan \[options\] \[paths\.\.\.\]/);
    assert.equal(runCli(['scan', '-h'], clean.dir).stdout, help.stdout);
    const version = runCli(['-v'], clean.dir);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(version.stdout, `${pkg.version}\n`);
  });
});
