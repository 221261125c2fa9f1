// Entry point of dist/server.js (`codepay-guard-server`): answers --version/--help, else serves LSP on the given transport.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isAnalysisWorkerThread } from './analysis-worker';

const USAGE = `Usage: codepay-guard-server (--stdio | --node-ipc | --socket=PORT | --pipe=NAME)

The CodePay Guard language server: checks payment-integration code against the CodePay
merchant security guideline and publishes diagnostics, quick fixes and hovers over LSP.

Options:
  --stdio          talk LSP over stdin/stdout (what most editors use)
  --node-ipc       talk LSP over Node IPC (VS Code)
  --socket=PORT    connect to a TCP socket on localhost
  --pipe=NAME      connect to a named pipe / Unix socket
  --version        print the version and exit
  --help           print this help and exit
`;

const TRANSPORT_FLAG = /^--(?:stdio|node-ipc|socket=\d+|pipe=.+)$/;

/** The package version, read from the package.json next to `dist/` (the bundle's folder). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'codepay-guard' && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // Running from an unusual layout: the version is informational only.
  }
  return 'unknown';
}

function main(argv: readonly string[]): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (!argv.some((a) => TRANSPORT_FLAG.test(a))) {
    process.stderr.write(`codepay-guard-server: choose a transport.\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // Required here, not imported: --version and --help should not pay for loading the server.
  const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  const { startServer } = require('./server') as typeof import('./server');
  startServer(createConnection(ProposedFeatures.all), packageVersion());
}

// A worker thread runs no server (the analysis workers start from their own bundle; this is a safeguard).
if (!isAnalysisWorkerThread()) main(process.argv.slice(2));
