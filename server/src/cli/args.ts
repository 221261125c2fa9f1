// Command-line parsing for `codepay-guard`: turns argv into a command or a one-line usage error.
import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

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
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; options: ScanOptions };

/** A mistake on the command line: reported as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: codepay-guard scan [options] [paths...]

Checks files against the CodePay merchant security guideline (hard-coded keys and more).

Options:
  -f, --format <format>   Output format: text, json or sarif (default: text)
  -o, --output <file>     Write the report to <file> instead of stdout
  -c, --config <file>     Team config file (default: .codepay-guard.json in the scan root)
      --max-warnings <n>  Exit with code 1 when there are more than <n> warnings
      --quiet             Report errors only
      --no-color          Do not colour the text output (NO_COLOR is honoured too)
  -h, --help              Show this help
  -v, --version           Show the version

The scan root is the directory given when exactly one directory is given, otherwise the
current directory. Reported paths, ignore globs and the team config are relative to it.
Files ignored by .gitignore, dependency and build folders, lockfiles, minified bundles
and binaries are not scanned; the text report ends with the number of files scanned
and of files skipped (binary content, minified, larger than 2 MB, unreadable).

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
  if (command !== 'scan') throw new UsageError(`unknown command '${command}': expected 'scan'`);

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

  for (const p of paths) if (p === '') throw new UsageError('empty path argument');

  return {
    kind: 'scan',
    options: {
      paths: paths.length ? paths : ['.'],
      format: format as OutputFormat,
      output: nonEmpty(values.output, '--output'),
      config: nonEmpty(values.config, '--config'),
      maxWarnings,
      quiet: values.quiet ?? false,
      color: !values['no-color'],
    },
  };
}
