// Runs the extension test suite (test/e2e/suite) in a real VS Code: code-server + headless Chromium where VS Code
// cannot be downloaded (this project's machines and CI), @vscode/test-electron elsewhere.
// CODEPAY_E2E_RUNNER=code-server|electron forces one; the default picks code-server when Chromium is installed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM, REPO, copyWorkspace, ensureCodeServer, lap, launchChromium, makeRunDir, startCodeServer } from './harness';

const SUITE = path.join(REPO, 'out', 'test', 'e2e', 'suite', 'index.js');
const TIMEOUT_MS = Number(process.env.CODEPAY_E2E_TIMEOUT_MS ?? 420_000);

export function pickRunner(env: NodeJS.ProcessEnv = process.env, chromiumPresent = fs.existsSync(CHROMIUM)): 'code-server' | 'electron' {
  const forced = env.CODEPAY_E2E_RUNNER;
  if (forced === 'code-server' || forced === 'electron') return forced;
  if (forced) throw new Error(`CODEPAY_E2E_RUNNER must be "code-server" or "electron", not "${forced}"`);
  return chromiumPresent ? 'code-server' : 'electron';
}

async function runInCodeServer(): Promise<number> {
  ensureCodeServer();
  const run = makeRunDir('ext');
  const workspace = copyWorkspace(run.dir);
  const server = await startCodeServer(run.dir);
  let context: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    context = await launchChromium(run.dir);
    const exitCode = new Promise<number | 'timeout'>((resolve) => {
      // The workbench reports extension-host output and the suite's exit code through these page hooks.
      void context!.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        const log = (console as unknown as Record<string, (...a: unknown[]) => void>)[type] ?? console.log;
        log(...args);
      });
      void context!.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      setTimeout(() => resolve('timeout'), TIMEOUT_MS);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    const remote = (p: string) => `vscode-remote://${server.host}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO)],
      ['extensionTestsPath', remote(SUITE)],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    lap('workbench loading; suite running in the extension host');
    const code = await exitCode;
    lap(`extension tests finished: ${code}`);
    return code === 'timeout' ? 124 : code;
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
    run.cleanup();
  }
}

async function runInElectron(): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const run = makeRunDir('ext');
  try {
    const workspace = copyWorkspace(run.dir);
    return await runTests({
      version: process.env.CODEPAY_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: SUITE,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(run.dir, 'user-data')],
    }).then(() => 0, (err) => { console.error(err); return 1; });
  } finally {
    run.cleanup();
  }
}

if (require.main === module) {
  const runner = pickRunner();
  lap(`runner: ${runner}`);
  (runner === 'code-server' ? runInCodeServer() : runInElectron())
    .then((code) => process.exit(code))
    .catch((err) => { console.error(err); process.exit(1); });
}
