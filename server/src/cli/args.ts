// Command-line parsing for `codepay-guard`: turns argv into a command or a one-line usage error.
import { parseArgs } from 'node:util';
import { HARD_MAX_FILE_SIZE, MIN_MAX_FILE_SIZE } from '../project';
import type { Concurrency } from './parallel';

export type OutputFormat = 'text' | 'json' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
export type ReportFormat = 'html' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md'];

export interface ScanOptions {
  /** Paths as typed (files or directories); `.` when none were given. */
  paths: string[];
  format: OutputFormat;
  output?: string;
  config?: string;
  /** Exit with 1 when there are more warnings than this; undefined means no limit. */
  maxWarnings?: number;
  /** Report errors only (warnings and infos are dropped before counting, as in ESLint 9). */
  quiet: boolean;
  /** False when `--no-color` was given. */
  color: boolean;
  /** Apply safe fixes to the files (`--fix`). */
  fix: boolean;
  /** List every suppression comment with its reason, expiry and use (`--report-suppressions`). */
  reportSuppressions: boolean;
  /** `--baseline FILE`, or false for `--no-baseline`; undefined: `.codepay-guard-baseline.json` in the root if any. */
  baseline?: string | false;
  /** `--concurrency`: worker threads (`auto`: one per core when the scan is large enough). */
  concurrency: Concurrency;
  /** `--cache`: reuse results of unchanged files; stored in `cacheLocation`. */
  cache: boolean;
  cacheLocation: string;
  /** `--max-file-size`: characters above which a script gets the text checks only (overrides the configuration). */
  maxFileSize?: number;
}

export interface BaselineOptions {
  paths: string[];
  config?: string;
  concurrency: Concurrency;
  /** Where to write the baseline; default `.codepay-guard-baseline.json` in the scan root. */
  output?: string;
  maxFileSize?: number;
}

export interface ReportOptions {
  paths: string[];
  concurrency: Concurrency;
  format: ReportFormat;
  output?: string;
  config?: string;
  baseline?: string | false;
  maxFileSize?: number;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; options: ScanOptions }
  | { kind: 'baseline'; options: BaselineOptions }
  | { kind: 'report'; options: ReportOptions };

/** A mistake on the command line: reported as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: codepay-guard scan [options] [paths...]
       codepay-guard baseline [options] [paths...]
       codepay-guard report [options] [paths...]

Checks files against the CodePay merchant security guideline (hard-coded keys and more).

Commands:
  scan       Report findings (text, json or sarif)
  baseline   Record the current findings in .codepay-guard-baseline.json: they are hidden
             (in CI and in the editor) until their code changes
  report     Write the guideline compliance report (one self-contained HTML page, or Markdown)

Options:
  -f, --format <format>   scan: text, json or sarif (default: text); report: html or md (default: html)
  -o, --output <file>     Write the report (or baseline) to <file> instead of stdout
  -c, --config <file>     Team config file for every file (default: the nearest .codepay-guard.json)
      --baseline <file>   Baseline to apply (default: .codepay-guard-baseline.json in the scan root)
      --no-baseline       Report baselined findings too
      --fix               Apply the safe fixes to the files, then report what is left
      --cache             Reuse the results of unchanged files (stored in .codepay-guard-cache)
      --cache-location <file>  Where the cache lives (default: .codepay-guard-cache)
      --concurrency <n|auto|off>  Worker threads (default: auto, one per core for large scans)
      --max-file-size <chars>  Scripts larger than this get the text checks only (default:
                          2000000, or maxFileSize of the configuration; from 1000 to 20000000)
      --report-suppressions  List every suppression comment with its reason, expiry and use
      --max-warnings <n>  Exit with code 1 when there are more than <n> warnings
      --quiet             Report errors only
      --no-color          Do not colour the text output (NO_COLOR is honoured too)
  -h, --help              Show this help
  -v, --version           Show the version

The scan root is the directory given when exactly one directory is given, otherwise the
current directory. Reported paths are relative to it. Each file follows the nearest
.codepay-guard.json at or above it within the scan root (its globs are relative to that
file's folder), then the codepayGuard.* settings of <root>/.vscode/settings.json, as in
VS Code.
Files ignored by .gitignore, dependency and build folders, lockfiles, minified bundles
and binaries are not scanned; the text report ends with the number of files scanned
and of files skipped (binary content, minified, larger than 2 MB or than a larger
maxFileSize, unreadable). A script that is analysed only in part (text checks only, or
the 10 s per-file time budget ran out) gets a warning on stderr.

Exit codes: 0 no problems at error level, 1 errors found or too many warnings,
2 usage or configuration error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  fix: { type: 'boolean' },
  'report-suppressions': { type: 'boolean' },
  baseline: { type: 'string' },
  'no-baseline': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Node's parseArgs messages carry a long hint after the first sentence; keep the part that names the problem. */
function firstSentence(message: string): string {
  const cut = message.indexOf('. ');
  return cut === -1 ? message : message.slice(0, cut);
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`option '${flag}' needs a non-empty value`);
  return value;
}

export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    const message = firstSentence((err as Error).message);
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError("missing command: use 'codepay-guard scan [paths...]' (see --help)");
  if (command !== 'scan' && command !== 'baseline' && command !== 'report') throw new UsageError(`unknown command '${command}': expected scan, baseline or report`);
  for (const p of paths) if (p === '') throw new UsageError('empty path argument');
  const only = (flag: string, commands: string[]) => {
    if (!commands.includes(command)) throw new UsageError(`option '${flag}' does not apply to '${command}'`);
  };
  if (values.baseline !== undefined && values['no-baseline']) throw new UsageError("options '--baseline' and '--no-baseline' cannot be combined");
  const baseline = values['no-baseline'] ? false : nonEmpty(values.baseline, '--baseline');
  const concurrency = parseConcurrency(values.concurrency);
  const maxFileSize = parseMaxFileSize(values['max-file-size']);
  const common = {
    paths: paths.length ? paths : ['.'], output: nonEmpty(values.output, '--output'), config: nonEmpty(values.config, '--config'), concurrency,
    ...(maxFileSize === undefined ? {} : { maxFileSize }),
  };
  if ((values.cache !== undefined || values['cache-location'] !== undefined) && command !== 'scan') only('--cache', ['scan']);

  if (command === 'baseline') {
    for (const [flag, given] of Object.entries({ '--format': values.format, '--fix': values.fix, '--report-suppressions': values['report-suppressions'], '--baseline': values.baseline, '--no-baseline': values['no-baseline'], '--max-warnings': values['max-warnings'], '--quiet': values.quiet })) {
      if (given !== undefined) only(flag, ['scan', 'report']);
    }
    return { kind: 'baseline', options: common };
  }

  if (command === 'report') {
    for (const [flag, given] of Object.entries({ '--fix': values.fix, '--report-suppressions': values['report-suppressions'], '--max-warnings': values['max-warnings'], '--quiet': values.quiet })) {
      if (given !== undefined) only(flag, ['scan']);
    }
    const format = values.format ?? 'html';
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`invalid --format '${format}' for report: expected html or md`);
    return { kind: 'report', options: { ...common, format: format as ReportFormat, baseline } };
  }

  const format = values.format ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`invalid --format '${format}': expected text, json or sarif`);
  }

  let maxWarnings: number | undefined;
  const rawMax = values['max-warnings'];
  if (rawMax !== undefined) {
    if (!/^\d+$/.test(rawMax.trim())) throw new UsageError(`invalid --max-warnings '${rawMax}': expected a non-negative integer`);
    maxWarnings = Number(rawMax.trim());
  }

  return {
    kind: 'scan',
    options: {
      ...common,
      format: format as OutputFormat,
      maxWarnings,
      quiet: values.quiet ?? false,
      color: !values['no-color'],
      fix: values.fix ?? false,
      reportSuppressions: values['report-suppressions'] ?? false,
      baseline,
      cache: values.cache ?? false,
      cacheLocation: nonEmpty(values['cache-location'], '--cache-location') ?? '.codepay-guard-cache',
    },
  };
}

function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(n >= MIN_MAX_FILE_SIZE && n <= HARD_MAX_FILE_SIZE)) {
    throw new UsageError(`invalid --max-file-size '${value}': expected a number of characters from ${MIN_MAX_FILE_SIZE} to ${HARD_MAX_FILE_SIZE}`);
  }
  return n;
}

function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 'off';
  if (/^[1-9]\d{0,2}$/.test(value)) return Number(value);
  throw new UsageError(`invalid --concurrency '${value}': expected a number of threads, auto or off`);
}
