// The bundled CLI's three report formats (text, json, sarif) on a fixture project, and that no key leaks from any.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, ruleDocUrl } from '../../rules';
import {
  addUncommittableFiles, assertNoSecrets, copyFixture, positionOf, relativeFilePaths, removeTempDirs, REPO_ROOT, requireBundle, runCli, type TempProject,
} from './helpers';

interface JsonMessage {
  ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number;
  fingerprint: string; fixes: Array<Record<string, unknown>>;
}
interface JsonFile { filePath: string; messages: JsonMessage[]; errorCount: number; warningCount: number; infoCount: number }

/** Where each placeholder's key sits in the fixture project, and how it must be reported. */
const EXPECTED = [
  { key: 'LIVE_YAML', file: 'config/settings.yaml', severity: 'error' },
  { key: 'LIVE_CONFIG', file: 'src/config.js', severity: 'error' },
  { key: 'AUDIT_LOG', file: 'src/legacy/audit.log', severity: 'error' },
  { key: 'TEST_PAYMENTS', file: 'src/payments.ts', severity: 'warning' },
] as const;

const PACKAGE_VERSION = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;

function scanJson(project: TempProject, ...extra: string[]): JsonFile[] {
  const run = runCli(['scan', '--format', 'json', ...extra], project.dir);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout) as JsonFile[];
}

describe('cli: report formats', function () {
  let project: TempProject;

  before(function () {
    requireBundle();
    project = copyFixture('project');
    addUncommittableFiles(project);
  });
  after(removeTempDirs);

  it('json: one ESLint-like entry per scanned file, with located, fingerprinted findings', function () {
    const files = scanJson(project);
    assert.deepEqual(relativeFilePaths(project, files), ['.gitignore', 'config/settings.yaml', 'src/config.js', 'src/legacy/.gitignore', 'src/legacy/audit.log', 'src/payments.ts']);
    for (const file of files) {
      assert.ok(path.isAbsolute(file.filePath));
      assert.deepEqual(Object.keys(file).sort(), ['errorCount', 'filePath', 'infoCount', 'messages', 'warningCount']);
      assert.equal(file.errorCount, file.messages.filter((m) => m.severity === 'error').length);
      assert.equal(file.warningCount, file.messages.filter((m) => m.severity === 'warning').length);
      assert.equal(file.infoCount, file.messages.filter((m) => m.severity === 'info').length);
    }
    for (const expected of EXPECTED) {
      const key = project.keys.get(expected.key)!;
      const file = files.find((f) => f.filePath === path.join(project.dir, expected.file))!;
      const at = positionOf(path.join(project.dir, expected.file), key);
      // The region is the key itself (text files) or the string literal around it, quotes included (scripts).
      const message = file.messages.find((m) => m.line === at.line && (m.column === at.column || m.column === at.column - 1));
      assert.ok(message, `no finding at ${expected.file}:${at.line}:${at.column}`);
      assert.equal(message.ruleId, 'hardcoded-secret');
      assert.equal(message.severity, expected.severity);
      assert.equal(message.endLine, at.line);
      assert.equal(message.endColumn, at.column + key.length + (at.column - message.column));
      assert.match(message.message, /sk_(?:live|test)_\*{4}[0-9A-Za-z]{4}/);
      assert.match(message.fingerprint, /^\S+$/);
      for (const fix of message.fixes) {
        assert.deepEqual(Object.keys(fix).sort(), ['id', 'safety', 'title'], 'fixes list what they are, never their edits');
      }
    }
    const configFinding = files.find((f) => f.filePath.endsWith(path.join('src', 'config.js')))!.messages[0];
    assert.ok(configFinding.fixes.some((f) => f.id === 'suppress' && f.safety === 'unsafe'));
  });

  it('text: stylish rows per file, aligned, then the summary and the scanned/skipped footer', function () {
    const run = runCli(['scan'], project.dir);
    assert.equal(run.code, 1);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour codes when stdout is not a terminal');
    const files = scanJson(project);
    const lines = run.stdout.split('\n');

    const withFindings = files.filter((f) => f.messages.length);
    for (const file of withFindings) {
      const header = path.relative(project.dir, file.filePath).split(path.sep).join('/');
      const at = lines.indexOf(header);
      assert.ok(at > 0, `missing header ${header}`);
      assert.equal(lines[at - 1], '', 'a blank line separates files');
      const rows = lines.slice(at + 1, at + 1 + file.messages.length);
      file.messages.forEach((m, i) => {
        const row = rows[i];
        assert.match(row, new RegExp(`^ {2,}${m.line}:${m.column} +${m.severity} +.+ {2}${m.ruleId}$`));
        assert.ok(row.includes(m.message.replace(/\.$/, '')), 'the row carries the finding message');
      });
      const ruleColumn = new Set(rows.map((row) => row.lastIndexOf(' hardcoded-secret')));
      assert.equal(ruleColumn.size, 1, 'rule ids are aligned within a file');
    }
    assert.ok(!lines.includes('.gitignore'), 'files without findings get no header');

    const errors = files.reduce((n, f) => n + f.errorCount, 0);
    const warnings = files.reduce((n, f) => n + f.warningCount, 0);
    const infos = files.reduce((n, f) => n + f.infoCount, 0);
    const total = errors + warnings + infos;
    assert.ok(errors >= 3 && warnings >= 1);
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
    const summary = `✖ ${count(total, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}, ${count(infos, 'info')})`;
    assert.ok(lines.includes(summary), `summary line "${summary}" missing:\n${run.stdout}`);
    assert.ok(lines.includes('6 files scanned, 3 skipped (1 binary, 1 larger than 2 MB, 1 minified)'), run.stdout);
  });

  it('text: a clean project prints only the zero summary and exits 0', function () {
    const clean = copyFixture('clean');
    const run = runCli(['scan'], clean.dir);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '\n✔ 0 problems\n3 files scanned\n');
  });

  it('sarif: a SARIF 2.1.0 log with rule metadata, relative locations, regions and fingerprints', function () {
    const run = runCli(['scan', '--format', 'sarif'], project.dir);
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;

    const { driver } = sarifRun.tool;
    assert.equal(driver.name, 'CodePay Guard');
    assert.match(driver.informationUri, /^https:\/\//);
    assert.equal(driver.semanticVersion, PACKAGE_VERSION);
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), [...RULES.map((r) => r.meta.id), 'suppression-comment']);
    const rule = driver.rules.find((r: { id: string }) => r.id === 'hardcoded-secret');
    const meta = RULES.find((r) => r.meta.id === 'hardcoded-secret')!.meta;
    assert.equal(rule.name, 'HardcodedSecret');
    assert.equal(rule.shortDescription.text, meta.description);
    assert.equal(rule.fullDescription.text, meta.why);
    assert.ok(rule.help.text.includes(meta.howToFix) && rule.help.text.includes('2.3b'));
    assert.ok(rule.help.markdown.includes(meta.howToFix) && rule.help.markdown.includes(ruleDocUrl('hardcoded-secret')));
    assert.equal(rule.helpUri, ruleDocUrl('hardcoded-secret'));
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.deepEqual(rule.properties.tags, ['security']);
    assert.deepEqual(rule.properties.guideline, meta.guideline);
    assert.match(rule.properties['security-severity'], /^\d+\.\d$/);

    assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
    assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(project.dir).href}/`);
    assert.equal(sarifRun.invocations[0].executionSuccessful, true);
    // Files not analysed are not silently missing: a note per skip reason (as the text footer counts them).
    assert.deepEqual(sarifRun.invocations[0].toolExecutionNotifications, [
      { level: 'note', message: { text: '1 file skipped: binary' } },
      { level: 'note', message: { text: '1 file skipped: larger than 2 MB' } },
      { level: 'note', message: { text: '1 file skipped: minified' } },
    ]);

    const json = scanJson(project);
    const expectedResults = json.flatMap((f) => f.messages.map((m) => ({ file: path.relative(project.dir, f.filePath).split(path.sep).join('/'), m })));
    assert.equal(sarifRun.results.length, expectedResults.length);
    sarifRun.results.forEach((result: any, i: number) => {
      const { file, m } = expectedResults[i];
      assert.equal(result.ruleId, m.ruleId);
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.level, { error: 'error', warning: 'warning', info: 'note' }[m.severity]);
      assert.equal(result.message.text, m.message);
      const location = result.locations[0].physicalLocation;
      assert.deepEqual(location.artifactLocation, { uri: file, uriBaseId: '%SRCROOT%' });
      assert.deepEqual(location.region, { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn });
      assert.deepEqual(result.partialFingerprints, { 'codepayGuard/v1': m.fingerprint });
    });
    const levels = new Set(sarifRun.results.map((r: { level: string }) => r.level));
    assert.ok(levels.has('error') && levels.has('warning'));
    assert.ok(!/"(?:snippet|contextRegion)"/.test(run.stdout), 'no source text in the log');
  });

  it('fingerprints do not move when lines are inserted above a finding', function () {
    const moved = copyFixture('project');
    const file = path.join(moved.dir, 'src', 'config.js');
    const findingsOf = () => scanJson(moved).find((f) => f.filePath === file)!.messages;
    const before = findingsOf();
    fs.writeFileSync(file, `// added\n// more\n\n${fs.readFileSync(file, 'utf8')}`);
    const after = findingsOf();
    assert.equal(after.length, before.length);
    after.forEach((m, i) => {
      assert.equal(m.line, before[i].line + 3);
      assert.equal(m.fingerprint, before[i].fingerprint);
    });
  });

  it('no fake key appears unmasked in any format, on stdout, stderr or in --output files', function () {
    const keys = [...project.keys.values()];
    assert.ok(keys.length >= 25, 'every planted key is tracked');
    for (const format of ['text', 'json', 'sarif']) {
      const run = runCli(['scan', '--format', format], project.dir);
      assertNoSecrets(run.stdout + run.stderr, keys, `${format} output`);
      const target = path.join(project.parent, 'reports', `scan.${format}`);
      const toFile = runCli(['scan', '--format', format, '--output', target], project.dir);
      assertNoSecrets(fs.readFileSync(target, 'utf8') + toFile.stdout + toFile.stderr, keys, `${format} report file`);
    }
    for (const explicit of ['secrets.local.js', 'src/config.js']) {
      const run = runCli(['scan', explicit, '--format', 'sarif'], project.dir);
      assertNoSecrets(run.stdout + run.stderr, keys, `scan ${explicit}`);
    }
  });
});
