// Entry point of `codepay-guard` (bundled to dist/cli.js): runs the CLI against the real process.
import { runCli } from './run';

// exitCode instead of exit(): a report piped to another process is flushed before Node exits.
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
