// The editor half of `npm test`: package the .vsix and inspect it, run the extension suite in a real VS Code,
// the UI test through Chromium, and the Neovim LSP check. Each step runs even if an earlier one failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const steps = [
  ['package the .vsix', 'npx', ['vsce', 'package', '--no-dependencies', '--out', 'dist-vsix/codepay-guard.vsix']],
  ['inspect the .vsix', 'npx', ['mocha', '--no-config', '--reporter', 'spec', 'out/test/package/*.test.js']],
  ['extension suite in VS Code', 'node', ['out/test/e2e/run-extension-tests.js']],
  ['UI test (code-server + Chromium)', 'node', ['out/test/e2e/ui-test.js']],
  ['Neovim LSP check', 'node', ['out/test/e2e/nvim-check.js']],
];

mkdirSync('dist-vsix', { recursive: true });
let passed = 0;
let failed = 0;
for (const [title, cmd, args] of steps) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (ok) passed++; else failed++;
  console.log(`=== ${title}: ${ok ? 'passed' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
