// Running the shipped bundles as a merchant's CI or editor would, but fenced: network and child processes trapped by
// no-network.cjs, and a workspace full of files that leave a mark when anything executes them.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO_ROOT } from '../cli/helpers';
import { LspTestClient, type StartOptions } from '../lsp/lsp-client';

export const TRAP_PRELOAD = path.join(REPO_ROOT, 'test', 'robustness', 'no-network.cjs');

/**
 * Where one run's trap writes, outside the scanned workspace: `file` on any network or process attempt, `file.loaded`
 * when the trap is in place.
 */
export class TrapMarker {
  readonly file: string;

  constructor(name: string) {
    this.file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-guard-trap-')), `${name}.trap`);
  }

  /** Environment that loads the trap into every Node process (and worker thread) started with it. */
  env(): Record<string, string> {
    const options = [process.env.NODE_OPTIONS ?? '', `--require ${JSON.stringify(TRAP_PRELOAD)}`].join(' ').trim();
    return { NODE_OPTIONS: options, CODEPAY_TRAP_MARKER: this.file };
  }

  /** Fails when anything reached for the network or a child process, or when the trap was never loaded. */
  assertClean(what: string): void {
    assert.ok(fs.existsSync(`${this.file}.loaded`), `${what}: the no-network trap was not loaded (NODE_OPTIONS not honoured?)`);
    const attempts = fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf8') : '';
    assert.equal(attempts, '', `${what} tried to use the network or start a process:\n${attempts}`);
  }

  remove(): void {
    fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node dist/cli.js …` with the trap; `timeoutMs` only catches a hang. */
export function runTrappedCli(args: readonly string[], cwd: string, marker: TrapMarker, timeoutMs = 300_000): CliRun {
  const env = { ...process.env, ...marker.env() };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'CI']) delete env[name];
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - started };
}

/** Starts the language server with the trap preloaded (the test client spawns it with this process's environment). */
export async function startTrappedServer(options: StartOptions, marker: TrapMarker): Promise<LspTestClient> {
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, CODEPAY_TRAP_MARKER: process.env.CODEPAY_TRAP_MARKER };
  Object.assign(process.env, marker.env());
  // The process is spawned synchronously, before the first await: the environment can be restored right away.
  const started = LspTestClient.start(options);
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return started;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `codepay-guard-${prefix}-`));
}

/** Name of the file a workspace script writes next to itself when it runs. */
export const EXECUTED_PREFIX = 'EXECUTED-';

const writesMarker = (name: string) => `require('fs').writeFileSync(require('path').join(__dirname, '${EXECUTED_PREFIX}${name}'), 'ran');\n`;

function writer(dir: string): (rel: string, content: string) => void {
  return (rel, content) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  };
}

/**
 * A workspace whose tool configuration is code: ESLint, bundler and test-runner configs, npm lifecycle scripts. Each
 * writes an EXECUTED-* marker next to itself if run.
 */
export function writeExecutableWorkspace(dir: string, key: string): void {
  const write = writer(dir);
  write('eslint.config.js', `${writesMarker('eslint-config')}module.exports = [];\n`);
  write('eslint.config.mjs', "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./EXECUTED-eslint-mjs', import.meta.url), 'ran');\nexport default [];\n");
  write('.eslintrc.js', `${writesMarker('eslintrc')}module.exports = {};\n`);
  write('webpack.config.js', `${writesMarker('webpack')}module.exports = { plugins: [] };\n`);
  write('vite.config.ts', `${writesMarker('vite')}export default { define: { 'process.env.STRIPE_SECRET_KEY': JSON.stringify('${key}') } };\n`);
  write('jest.config.js', `${writesMarker('jest')}module.exports = {};\n`);
  write('babel.config.js', `${writesMarker('babel')}module.exports = {};\n`);
  write('.prettierrc.js', `${writesMarker('prettier')}module.exports = {};\n`);
  write('scripts/postinstall.js', `${writesMarker('postinstall')}`);
  write('package.json', JSON.stringify({
    name: 'merchant-shop', version: '1.0.0',
    scripts: { preinstall: 'node scripts/postinstall.js', postinstall: 'node scripts/postinstall.js', prepare: 'node scripts/postinstall.js', lint: 'eslint .' },
  }, null, 2));
  write('.vscode/settings.json', JSON.stringify({ 'codepayGuard.enable': true, 'eslint.nodePath': './tools' }));
  write('src/pay.js', `const stripeKey = '${key}';\nmodule.exports = { stripeKey };\n`);
}

/** A team file that `extends` a JavaScript module (which writes a marker if run): it must be read as JSON, or rejected. */
export function writeExtendsJsTeamFile(dir: string): void {
  const write = writer(dir);
  write('.codepay-guard.json', JSON.stringify({ extends: './tools/codepay-guard.config.js', rules: { 'hardcoded-secret': 'error' } }, null, 2));
  write('tools/codepay-guard.config.js', `${writesMarker('extends-js')}module.exports = { rules: {} };\n`);
}

/** The EXECUTED-* markers found anywhere under `dir`. */
export function executedMarkers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.startsWith(EXECUTED_PREFIX)) found.push(path.relative(dir, path.join(d, e.name)));
    }
  };
  walk(dir);
  return found;
}
