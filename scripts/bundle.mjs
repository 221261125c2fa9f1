// Bundles the client, the language server and the CLI with esbuild into dist/ (the only code the .vsix ships).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  // jsonc-parser's `main` is a UMD build that requires its parts at run time; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  // Provided by the editor at run time.
  external: ['vscode'],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
