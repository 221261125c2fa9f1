// Which files the bundled CLI scans: ignore files, default ignores, explicit paths, the scan root and config globs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addUncommittableFiles, copyFixture, FIXTURES, relativeFilePaths, removeTempDirs, requireBundle, runCli, type TempProject } from './helpers';

interface JsonFile { filePath: string; messages: Array<{ ruleId: string; severity: string; line: number }> }

function scannedFiles(project: TempProject, args: string[], cwd = project.dir): string[] {
  const run = runCli(['scan', '--format', 'json', ...args], cwd);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return relativeFilePaths(project, JSON.parse(run.stdout) as JsonFile[]);
}

describe('cli: files scanned', function () {
  let project: TempProject;

  before(function () {
    requireBundle();
    project = copyFixture('project');
    addUncommittableFiles(project);
  });
  after(removeTempDirs);

  it('honours root and nested .gitignore (with re-inclusion), .git/info/exclude and the default ignores', function () {
    assert.deepEqual(scannedFiles(project, []), [
      '.gitignore',
      'config/settings.yaml',
      'src/config.js',
      'src/legacy/.gitignore',
      'src/legacy/audit.log',
      'src/payments.ts',
    ]);
  });

  it('skips lockfiles, minified bundles, source maps, binaries and oversized files, counting the unread ones', function () {
    const run = runCli(['scan'], project.dir);
    for (const name of ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'app.min.js', 'vendor.bundle.js', 'app.js.map', 'compiled.js', 'logo.png', 'blob.dat', 'huge.txt']) {
      assert.ok(!run.stdout.includes(name), `${name} must not be reported`);
    }
    assert.match(run.stdout, /\n6 files scanned, 3 skipped \(1 binary, 1 larger than 2 MB, 1 minified\)\n/);
  });

  it('does not follow symbolic links (out of the root, or looping back into it)', function () {
    const files = scannedFiles(project, []);
    assert.ok(!files.some((f) => f.startsWith('linked-outside/') || f.startsWith('src/loop/') || f.startsWith('../')), files.join(', '));
  });

  it('scans a path named on the command line even when an ignore rule covers it', function () {
    assert.deepEqual(scannedFiles(project, ['secrets.local.js']), ['secrets.local.js']);
    assert.deepEqual(scannedFiles(project, ['generated']), ['generated/keys.js']);
  });

  it('applies name-based exclusions to named files too (lockfiles, bundles)', function () {
    assert.deepEqual(scannedFiles(project, ['package-lock.json', 'assets/app.min.js']), []);
  });

  it('accepts several paths, scanning each file once, in path order', function () {
    assert.deepEqual(scannedFiles(project, ['src', 'config', 'src/config.js']), [
      'config/settings.yaml', 'src/config.js', 'src/legacy/.gitignore', 'src/legacy/audit.log', 'src/payments.ts',
    ]);
  });

  it('makes a single directory argument the scan root: its config applies and SARIF paths are relative to it', function () {
    const fresh = copyFixture('project');
    fs.copyFileSync(path.join(FIXTURES, 'configs', 'warning.json'), path.join(fresh.dir, '.codepay-guard.json'));
    const run = runCli(['scan', 'project', '--format', 'sarif'], fresh.parent);
    assert.equal(run.code, 0, 'the root config turns errors into warnings');
    const uris = JSON.parse(run.stdout).runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('src/config.js'), uris.join(', '));
    assert.ok(!uris.some((u: string) => u.startsWith('project/')));

    const text = runCli(['scan', 'project'], fresh.parent);
    assert.ok(text.stdout.split('\n').includes('project/src/config.js'), 'text headers are relative to the current directory');
  });

  it('skips files matched by the team config ignore globs', function () {
    const fresh = copyFixture('project');
    fresh.write('.codepay-guard.json', '{ "ignore": ["config", "src/legacy/**"] }\n');
    // The team file itself is the tool's configuration, not code: never scanned.
    assert.deepEqual(scannedFiles(fresh, []), ['.gitignore', 'src/config.js', 'src/payments.ts']);
  });

  it('resolves --config globs against the config file folder', function () {
    const fresh = copyFixture('project');
    const configFile = path.join(fresh.dir, 'src', 'team.json');
    fs.writeFileSync(configFile, '{ "ignore": ["legacy"] }\n');
    assert.deepEqual(scannedFiles(fresh, ['--config', 'src/team.json']), ['.gitignore', 'config/settings.yaml', 'src/config.js', 'src/payments.ts', 'src/team.json']);
  });
});
