// Shared e2e plumbing: per-run temp dirs, the fixture workspace copy, code-server and headless Chromium lifecycles.
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'e2e', 'workspace');
export const CODE_SERVER_DIR = process.env.CODE_SERVER_DIR ?? path.join(REPO, '.cache', 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.join(REPO, 'test-results');

const started = Date.now();
export function lap(message: string): void {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

/** A fresh temp folder for one run; removed by the returned cleanup unless KEEP_TMP is set. */
export function makeRunDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `codepay-${prefix}-`));
  return {
    dir,
    cleanup: () => {
      if (process.env.KEEP_TMP) lap(`kept ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Copies the fixture workspace so that tests may edit (and editors may save) without touching the repository. */
export function copyWorkspace(runDir: string): string {
  const dest = path.join(runDir, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, dest, { recursive: true });
  return dest;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Makes sure code-server is in the git-ignored cache (installs it once, ~80 s). */
export function ensureCodeServer(): void {
  if (fs.existsSync(CODE_SERVER_BIN)) return;
  lap('installing code-server into the cache (once)…');
  const r = cp.spawnSync('bash', [path.join(REPO, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('code-server installation failed');
}

/** Environment that keeps code-server, its extension host and Chromium out of $HOME. */
export function isolatedEnv(runDir: string): NodeJS.ProcessEnv {
  const xdg = path.join(runDir, 'xdg');
  return { ...process.env, TMPDIR: runDir, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg, XDG_STATE_HOME: xdg };
}

function codeServerArgs(runDir: string): string[] {
  return ['--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions'), '--config', path.join(runDir, 'config.yaml')];
}

/** Installs a .vsix into this run's code-server extensions folder. */
export function installVsix(runDir: string, vsix: string): void {
  const r = cp.spawnSync(CODE_SERVER_BIN, [...codeServerArgs(runDir), '--install-extension', vsix], { env: isolatedEnv(runDir), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stdout}\n${r.stderr}`);
}

export interface CodeServer {
  host: string;
  url: string;
  stop(): Promise<void>;
}

/** User settings for a quiet workbench: no welcome page or walkthrough covering the editor. */
function writeUserSettings(runDir: string): void {
  const dir = path.join(runDir, 'user-data', 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
  }, null, 2));
}

/** Starts code-server detached (own process group, so the extension host dies with it) and waits until it listens. */
export async function startCodeServer(runDir: string): Promise<CodeServer> {
  writeUserSettings(runDir);
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const server = cp.spawn(CODE_SERVER_BIN, [...codeServerArgs(runDir), '--auth', 'none', '--bind-addr', host,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv(runDir),
  });
  const log = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    server.stdout.on('data', (d: Buffer) => { if (/HTTP server listening/.test(d.toString())) { clearTimeout(timer); resolve(); } });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited with ${code}`)); });
  });
  lap(`code-server up on ${host}`);
  return {
    host,
    url: `http://${host}`,
    async stop() {
      const kill = (signal: NodeJS.Signals) => { try { process.kill(-server.pid!, signal); } catch { /* already gone */ } };
      kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      kill('SIGKILL');
      log.end();
    },
  };
}

/** Headless Debian Chromium with the flags this closed network needs (no background connections) and a fresh profile. */
export async function launchChromium(runDir: string): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(runDir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: isolatedEnv(runDir),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  lap('chromium up');
  return context;
}
