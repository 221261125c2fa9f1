// Neovim's built-in LSP client (Debian's 0.7) against the bundled server: proves the server speaks plain LSP.
import * as cp from 'node:child_process';
import * as path from 'node:path';
import { REPO, copyWorkspace, isolatedEnv, lap, makeRunDir } from './harness';

function main(): number {
  const nvim = cp.spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (nvim.status !== 0) {
    console.error('nvim is not installed (apt-get install -y neovim)');
    return 1;
  }
  lap(nvim.stdout.split('\n')[0]);
  const run = makeRunDir('nvim');
  try {
    const workspace = copyWorkspace(run.dir);
    const r = cp.spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(REPO, 'test', 'e2e', 'nvim', 'lsp-check.lua')}`], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...isolatedEnv(run.dir),
        LSP_SERVER: path.join(REPO, 'bin', 'codepay-guard-server.js'),
        LSP_FILE: path.join(workspace, 'src', 'payments.ts'),
        LSP_ROOT: workspace,
      },
    });
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    lap(`neovim check exit ${r.status}`);
    return r.status === 0 ? 0 : 1;
  } finally {
    run.cleanup();
  }
}

if (require.main === module) process.exit(main());
