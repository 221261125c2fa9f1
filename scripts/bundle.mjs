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

/**
 * The language server's main thread never parses code: its analyses run in worker threads, which start from their own
 * bundle (dist/analysis-worker.js). So the server's bundle leaves the TypeScript parser out (most of its size, and
 * tens of MB of memory per thread that loads it); should the main thread ever analyse (no worker can start), the
 * parser's module resolves to the one inside the workers' bundle, loaded then.
 */
const parserFromWorkerBundle = {
  name: 'parser-from-worker-bundle',
  setup(b) {
    b.onResolve({ filter: /^@typescript-eslint\/typescript-estree$/ }, (args) => ({ path: args.path, namespace: 'parser-from-worker-bundle' }));
    b.onLoad({ filter: /.*/, namespace: 'parser-from-worker-bundle' }, () => ({
      contents: "module.exports = require(require('node:path').join(__dirname, 'analysis-worker.js')).typescriptEstree();",
      loader: 'js',
    }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [parserFromWorkerBundle] }),
  build({ ...common, entryPoints: ['server/src/lsp/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
