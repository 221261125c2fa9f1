// Behaviour a child process cannot show: colours and progress on a terminal (faked), and files vanishing mid-scan.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';
import { loadScanConfig } from '../../server/src/cli/config';
import { formatSarif } from '../../server/src/cli/format-sarif';
import { formatText } from '../../server/src/cli/format-text';
import { runCli, type CliEnvironment } from '../../server/src/cli/run';
import { runScan } from '../../server/src/cli/scan';
import { copyFixture, removeTempDirs, type TempProject } from './helpers';

const ESC = '\u001b[';

function fakeTerminal(cwd: string, env: Record<string, string> = {}, tty = true) {
  const captured = { stdout: '', stderr: '' };
  const io: CliEnvironment = {
    cwd,
    env,
    stdout: { write: (text: string) => { captured.stdout += text; }, isTTY: tty },
    stderr: { write: (text: string) => { captured.stderr += text; }, isTTY: tty },
  };
  return { io, captured };
}

describe('cli: in-process behaviour', function () {
  let project: TempProject;

  before(function () {
    project = copyFixture('project');
  });
  after(removeTempDirs);

  it('colours the text report on a terminal', function () {
    const { io, captured } = fakeTerminal(project.dir);
    assert.equal(runCli(['scan'], io), 1);
    assert.ok(captured.stdout.includes(`${ESC}31merror`), 'errors are red');
    assert.ok(captured.stdout.includes(`${ESC}33mwarning`), 'warnings are yellow');
  });

  it('does not colour with --no-color, with NO_COLOR set, into --output files, or off a terminal', function () {
    const cases: Array<{ args: string[]; env?: Record<string, string>; tty?: boolean }> = [
      { args: ['scan', '--no-color'] },
      { args: ['scan'], env: { NO_COLOR: '1' } },
      { args: ['scan'], tty: false },
    ];
    for (const c of cases) {
      const { io, captured } = fakeTerminal(project.dir, c.env, c.tty);
      assert.equal(runCli(c.args, io), 1);
      assert.match(captured.stdout, /✖ \d+ problems/);
      assert.ok(!captured.stdout.includes(ESC), `escape codes with ${JSON.stringify(c)}`);
    }
  });

  it('shows progress on a terminal stderr for long scans, and never off a terminal', function () {
    const big = copyFixture('clean');
    for (let i = 0; i < 501; i++) big.write(`many/file-${String(i).padStart(3, '0')}.txt`, `line ${i}\n`);
    const onTerminal = fakeTerminal(big.dir);
    assert.equal(runCli(['scan'], onTerminal.io), 0);
    assert.match(onTerminal.captured.stderr, /scanned 500 of 504 files/);
    const offTerminal = fakeTerminal(big.dir, {}, false);
    assert.equal(runCli(['scan'], offTerminal.io), 0);
    assert.equal(offTerminal.captured.stderr, '');
    assert.match(offTerminal.captured.stdout, /504 files scanned/);
  });

  it('warns about a file that cannot be read, skips it and scans the rest', function () {
    const vanishing = copyFixture('project');
    const root = vanishing.dir;
    const config = loadScanConfig({ root, cwd: root });
    const result = runScan({
      inputs: [path.join(root, 'src')],
      root,
      config,
      // Called before each file is read: the first file disappears just before its turn.
      onProgress: (done) => { if (done === 1) fs.rmSync(path.join(root, 'src', 'config.js')); },
    });
    assert.deepEqual(result.warnings, ['src/config.js: cannot read file (ENOENT), skipped']);
    assert.equal(result.skipped.get('unreadable'), 1);
    assert.deepEqual(result.files.map((f) => f.relPath), ['src/legacy/.gitignore', 'src/legacy/audit.log', 'src/payments.ts']);
    assert.match(formatText(result, { color: false, displayPath: (f) => f.relPath }), /3 files scanned, 1 skipped \(1 unreadable\)/);
    const notifications = JSON.parse(formatSarif(result, { version: '0.0.0', rules: RULES })).runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(notifications, [{ level: 'warning', message: { text: 'src/config.js: cannot read file (ENOENT), skipped' } }]);
  });
});
