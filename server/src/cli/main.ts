// Entry point of `codepay-guard` (bundled to dist/cli.js): runs the CLI against the real process.
import { isMainThread } from 'node:worker_threads';
import { runCli } from './run';

// The bundle is also the scan workers' entry (see parallel.ts): only the main thread runs the command line.
if (isMainThread) {
  // exitCode instead of exit(): a report piped to another process is flushed before Node exits.
  process.exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
