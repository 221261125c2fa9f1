// `codepay-guard` as a function of argv and its surroundings: parse, scan, format, write, and choose the exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../rules';
import { serializeBaseline, BASELINE_FILE_NAME } from '../project';
import { renderReportHtml, renderReportMarkdown, type ReportInput } from '../report';
import { parseCommandLine, UsageError, USAGE, type BaselineOptions, type ReportOptions, type ScanOptions } from './args';
import { readCache, writeCache } from './cache';
import { ConfigError, loadScanConfig, type ScanConfigOptions } from './config';
import { runScanParallel, type Concurrency } from './parallel';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { countBySeverity, type FileReport, type ScanRequest, type ScanResult } from './scan';
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
    if (command.kind === 'baseline') return baselineCommand(command.options, io);
    if (command.kind === 'report') return reportCommand(command.options, io);
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

function resolveInputs(paths: readonly string[], io: CliEnvironment): { inputs: string[]; root: string } {
  const inputs = paths.map((given) => {
    const abs = path.resolve(io.cwd, given);
    if (!fs.existsSync(abs)) throw new UsageError(`no such file or directory: ${given}`);
    return abs;
  });
  return { inputs, root: scanRoot(inputs, io.cwd) };
}

/** Scans with a progress line on an interactive stderr; warnings go to stderr. */
function scanWithProgress(
  request: Omit<ScanRequest, 'onProgress' | 'config'>, configOptions: ScanConfigOptions, concurrency: Concurrency, io: CliEnvironment,
): ScanResult {
  const config = loadScanConfig(configOptions);
  const showProgress = Boolean(io.stderr.isTTY);
  let progressShown = false;
  const scanned = runScanParallel({
    ...request,
    config,
    onProgress: showProgress
      ? (done, total) => {
        if (done % PROGRESS_EVERY !== 0) return;
        io.stderr.write(`\rcodepay-guard: scanned ${done} of ${total} files…`);
        progressShown = true;
      }
      : undefined,
  }, configOptions, concurrency);
  if (progressShown) io.stderr.write('\r\u001b[K');
  for (const warning of scanned.warnings) io.stderr.write(`codepay-guard: warning: ${warning}\n`);
  return scanned;
}

function writeOutput(output: string | undefined, content: string, io: CliEnvironment): number | undefined {
  if (!output) {
    io.stdout.write(content);
    return undefined;
  }
  const target = path.resolve(io.cwd, output);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  } catch (err) {
    return fail(io, `${output}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return undefined;
}

function baselineCommand(options: BaselineOptions, io: CliEnvironment): number {
  const { inputs, root } = resolveInputs(options.paths, io);
  const scanned = scanWithProgress({ inputs, root }, { explicitFile: options.config, root, cwd: io.cwd, baseline: false, maxFileSize: options.maxFileSize }, options.concurrency, io);
  const target = path.resolve(io.cwd, options.output ?? path.join(root, BASELINE_FILE_NAME));
  // Entries are keyed by paths relative to the baseline file's folder, as the scan and the editor read them.
  const files = scanned.files.map((f) => ({ relPath: toPosix(path.relative(path.dirname(target), f.absPath)), findings: f.findings }));
  try {
    fs.writeFileSync(target, serializeBaseline(files));
  } catch (err) {
    return fail(io, `${options.output ?? BASELINE_FILE_NAME}: cannot write the baseline (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const total = files.reduce((n, f) => n + f.findings.length, 0);
  const shown = isInside(io.cwd, target) ? toPosix(path.relative(io.cwd, target)) : target;
  io.stderr.write(`codepay-guard: wrote ${shown} with ${total} finding${total === 1 ? '' : 's'} in ${files.filter((f) => f.findings.length).length} file(s); commit it.\n`);
  return EXIT_OK;
}

function scanCommand(options: ScanOptions, io: CliEnvironment): number {
  const { inputs, root } = resolveInputs(options.paths, io);
  const configOptions = { explicitFile: options.config, root, cwd: io.cwd, baseline: options.baseline, maxFileSize: options.maxFileSize };
  const config = loadScanConfig(configOptions);
  const cacheFile = path.resolve(io.cwd, options.cacheLocation);
  const cache = options.cache ? readCache(cacheFile, root) : undefined;
  const scanned = scanWithProgress({ inputs, root, fix: options.fix, cache }, configOptions, options.concurrency, io);
  if (options.cache && scanned.cacheEntries) writeCache(cacheFile, root, scanned.cacheEntries, io);
  if (options.fix) {
    const fixed = scanned.files.reduce((n, f) => n + f.fixed, 0);
    io.stderr.write(`codepay-guard: applied ${fixed} safe fix${fixed === 1 ? '' : 'es'} in ${scanned.files.filter((f) => f.fixed).length} file(s)\n`);
  }
  if (scanned.baselined > 0 && config.baseline) {
    io.stderr.write(`codepay-guard: ${scanned.baselined} known finding${scanned.baselined === 1 ? '' : 's'} hidden by ${config.baseline.file}\n`);
  }

  const result: ScanResult = options.quiet
    ? { ...scanned, files: scanned.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })) }
    : scanned;

  const report = render(result, options, io);
  const written = writeOutput(options.output, report, io);
  if (written !== undefined) return written;

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
      return formatJson(result, { suppressions: options.reportSuppressions });
    case 'sarif':
      return formatSarif(result, { version: packageVersion(), rules: RULES });
    case 'text': {
      // Colour only for a person at a terminal: never in files or pipes, and never against NO_COLOR.
      const color = options.color && !options.output && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
      const displayPath = (file: FileReport) => (isInside(io.cwd, file.absPath) ? toPosix(path.relative(io.cwd, file.absPath)) : file.absPath);
      return formatText(result, { color, displayPath, suppressions: options.reportSuppressions });
    }
  }
}

/** `codepay-guard report`: the guideline compliance report of a scan, as one self-contained HTML page or Markdown. */
function reportCommand(options: ReportOptions, io: CliEnvironment): number {
  const { inputs, root } = resolveInputs(options.paths, io);
  const scanned = scanWithProgress({ inputs, root }, { explicitFile: options.config, root, cwd: io.cwd, baseline: options.baseline, maxFileSize: options.maxFileSize }, options.concurrency, io);
  const input: ReportInput = {
    root,
    files: scanned.files.map((f) => ({ relPath: f.relPath, findings: f.findings, suppressions: f.suppressions })),
    skipped: scanned.skipped,
    generatedAt: new Date().toISOString(),
    toolVersion: packageVersion(),
  };
  const content = options.format === 'md' ? renderReportMarkdown(input) : renderReportHtml(input, { links: 'docs' });
  const written = writeOutput(options.output, content, io);
  if (written !== undefined) return written;
  if (options.output) io.stderr.write(`codepay-guard: wrote the compliance report to ${options.output}\n`);
  return EXIT_OK;
}
