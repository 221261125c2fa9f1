// Shared helpers for the CLI tests: fake keys, temporary fixture copies and running the bundled dist/cli.js.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A Stripe-format fake key, derived from a name so runs are reproducible. Built at run time so the repository
 * holds no key-shaped string; names starting with `TEST_` give `sk_test_` keys, all others `sk_live_`.
 */
export function fakeKey(name: string): string {
  let state = 2166136261;
  for (const ch of name) state = Math.imul(state ^ ch.charCodeAt(0), 16777619) >>> 0;
  let body = '';
  for (let i = 0; i < 28; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    body += ALNUM[(state >>> 8) % ALNUM.length];
  }
  return `${name.startsWith('TEST_') ? 'sk_test_' : 'sk_live_'}${body}`;
}

export interface TempProject {
  /** The project's folder inside the temporary directory. */
  dir: string;
  /** The temporary directory holding the project (and anything created next to it). */
  parent: string;
  /** Every fake key written into the copy, by placeholder name. */
  keys: Map<string, string>;
  /** Writes a file (creating folders) and returns its absolute path. */
  write(relPath: string, content: string | Buffer): string;
  /** A key that appears in no fixture file yet, registered so secret checks cover it. */
  newKey(name: string): string;
  remove(): void;
}

const tempDirs: string[] = [];

/** Copies `test/fixtures/cli/<name>` to a fresh temporary folder, filling in the key placeholders. */
export function copyFixture(name: string): TempProject {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-guard-cli-'));
  tempDirs.push(parent);
  const dir = path.join(parent, name);
  const keys = new Map<string, string>();
  const copy = (from: string, to: string) => {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name === '_gitignore' ? '.gitignore' : entry.name);
      if (entry.isDirectory()) copy(source, target);
      else {
        const text = fs.readFileSync(source, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
          const value = fakeKey(key);
          keys.set(key, value);
          return value;
        });
        fs.writeFileSync(target, text);
      }
    }
  };
  copy(path.join(FIXTURES, name), dir);
  return {
    dir,
    parent,
    keys,
    write(relPath, content) {
      const target = path.join(dir, relPath);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
      return target;
    },
    newKey(keyName) {
      const value = fakeKey(keyName);
      keys.set(keyName, value);
      return value;
    },
    remove() {
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …` in `cwd` with a plain, colour-neutral environment. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'CI']) delete base[name];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Fails unless dist/cli.js exists: these tests exercise the bundle that ships, built by `npm run build`. */
export function requireBundle(): void {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` (tsc -b && node scripts/bundle.mjs) first`);
}

/** 1-based line and column of the first occurrence of `needle` in a file. */
export function positionOf(file: string, needle: string): { line: number; column: number } {
  const text = fs.readFileSync(file, 'utf8');
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle.slice(0, 8)}… not found in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Asserts that no fake key, nor its secret part after the provider prefix, appears in `text`. */
export function assertNoSecrets(text: string, keys: Iterable<string>, where: string): void {
  for (const key of keys) {
    const body = key.replace(/^sk_(?:live|test)_/, '');
    assert.ok(!text.includes(key), `${where} contains the key ${key.slice(0, 12)}… unmasked`);
    assert.ok(!text.includes(body.slice(0, 12)), `${where} contains a secret part of ${key.slice(0, 12)}…`);
  }
}

/** Adds what a real checkout has but this repository cannot commit: dependency/build folders, VCS metadata,
 * generated, binary and oversized files, and symbolic links. Each one holds a key that must not be reported. */
export function addUncommittableFiles(project: TempProject): void {
  const dirs = ['node_modules/stripe', 'bower_components/lib', 'dist', 'build', 'out', 'coverage', '.next/server', '.nuxt', '.turbo', '.cache', 'vendor/acme'];
  dirs.forEach((dir, i) => project.write(`${dir}/keys.js`, `module.exports = '${project.newKey(`DEFAULT_DIR_${i}`)}';\n`));
  project.write('src/nested/build/output.js', `module.exports = '${project.newKey('NESTED_BUILD')}';\n`);

  project.write('.git/info/exclude', '# personal notes, excluded locally\nnotes.txt\n');
  project.write('.git/config', `[remote "origin"]\n\turl = https://token:${project.newKey('GIT_CONFIG')}@example.com/repo.git\n`);
  project.write('notes.txt', `remember to rotate ${project.newKey('EXCLUDED_NOTES')}\n`);

  const longLine = `var config={${'a:1,'.repeat(300)}key:"${project.newKey('LONG_LINE')}"};\n`;
  project.write('assets/compiled.js', longLine);
  project.write('assets/logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]), Buffer.from(project.newKey('PNG'))]));
  project.write('data/blob.dat', Buffer.concat([Buffer.from('header\u0000'), Buffer.from(project.newKey('NUL_CONTENT'))]));
  project.write('data/huge.txt', `${project.newKey('HUGE')}\n${'x'.repeat(2 * 1024 * 1024)}\n`);
  project.write('pnpm-lock.yaml', `lockfileVersion: '9.0'\nnote: ${project.newKey('PNPM_LOCK')}\n`);

  const outside = path.join(project.parent, 'outside');
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(outside, 'elsewhere.js'), `module.exports = '${project.newKey('OUTSIDE')}';\n`);
  fs.symlinkSync(outside, path.join(project.dir, 'linked-outside'), 'dir');
  fs.symlinkSync(project.dir, path.join(project.dir, 'src', 'loop'), 'dir');
}

/** The `filePath`s of a JSON report, relative to the project and `/`-separated, in report order. */
export function relativeFilePaths(project: TempProject, files: ReadonlyArray<{ filePath: string }>): string[] {
  return files.map((f) => path.relative(project.dir, f.filePath).split(path.sep).join('/'));
}
