// `codepay-guard` as a function of argv and its surroundings: parse, scan, format, write, and choose the exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../rules';
import { parseCommandLine, UsageError, USAGE, type ScanOptions } from './args';
import { ConfigError, loadScanConfig } from './config';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { countBySeverity, runScan, type FileReport, type ScanResult } from './scan';
import { packageVersion } from './version';
import { isInside, toPosix } from './walk';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Progress lines appear every this many files, and only on an interactive stderr. */
const PROGRESS_EVERY = 500;

export interface CliEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

function fail(io: CliEnvironment, message: string): number {
  io.stderr.write(`codepay-guard: error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return EXIT_USAGE;
}

export function runCli(argv: readonly string[], io: CliEnvironment): number {
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'help') {
      io.stdout.write(USAGE);
      return EXIT_OK;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    return scanCommand(command.options, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) return fail(io, err.message);
    return fail(io, `internal error: ${(err as Error)?.message ?? String(err)}`);
  }
}

/** The scan root: the single directory argument, otherwise the current directory (see --help). */
function scanRoot(inputs: readonly string[], cwd: string): string {
  if (inputs.length === 1 && fs.statSync(inputs[0]).isDirectory()) return inputs[0];
  return cwd;
}

function scanCommand(options: ScanOptions, io: CliEnvironment): number {
  const inputs = options.paths.map((given) => {
    const abs = path.resolve(io.cwd, given);
    if (!fs.existsSync(abs)) throw new UsageError(`no such file or directory: ${given}`);
    return abs;
  });
  const root = scanRoot(inputs, io.cwd);
  const config = loadScanConfig(options.config, root, io.cwd);

  const showProgress = Boolean(io.stderr.isTTY);
  let progressShown = false;
  const scanned = runScan({
    inputs,
    root,
    config,
    onProgress: showProgress
      ? (done, total) => {
        if (done % PROGRESS_EVERY !== 0) return;
        io.stderr.write(`\rcodepay-guard: scanned ${done} of ${total} files…`);
        progressShown = true;
      }
      : undefined,
  });
  if (progressShown) io.stderr.write('\r\u001b[K');
  for (const warning of scanned.warnings) io.stderr.write(`codepay-guard: warning: ${warning}\n`);

  const result: ScanResult = options.quiet
    ? { ...scanned, files: scanned.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })) }
    : scanned;

  const report = render(result, options, io);
  if (options.output) {
    const target = path.resolve(io.cwd, options.output);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, report);
    } catch (err) {
      return fail(io, `${options.output}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    io.stdout.write(report);
  }

  const counts = countBySeverity(result.files);
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warning > options.maxWarnings;
  if (tooManyWarnings) {
    io.stderr.write(`codepay-guard: too many warnings (${counts.warning}, maximum: ${options.maxWarnings})\n`);
  }
  return counts.error > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

function render(result: ScanResult, options: ScanOptions, io: CliEnvironment): string {
  switch (options.format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, { version: packageVersion(), rules: RULES });
    case 'text': {
      // Colour only for a person at a terminal: never in files or pipes, and never against NO_COLOR.
      const color = options.color && !options.output && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
      const displayPath = (file: FileReport) => (isInside(io.cwd, file.absPath) ? toPosix(path.relative(io.cwd, file.absPath)) : file.absPath);
      return formatText(result, { color, displayPath });
    }
  }
}
