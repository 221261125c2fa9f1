// Team configuration for a scan: finds and validates `.codepay-guard.json`, and answers per-file questions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchesAnyGlob, parseTeamConfig, type Config } from '../engine';
import { RULE_IDS } from '../../../rules';
import { toPosix } from './walk';

export const TEAM_CONFIG_FILE = '.codepay-guard.json';

/** An unreadable or invalid config file: reported as `codepay-guard: error: <file>: <message>`, exit code 2. */
export class ConfigError extends Error {}

export interface ScanConfig {
  /** The config file used, as the user would name it; undefined when defaults apply. */
  readonly file?: string;
  /** False when the team turned the tool off (`"enable": false`). */
  readonly enabled: boolean;
  /** True when the team config's `ignore` globs exclude the file. */
  isIgnored(absPath: string): boolean;
  /** The config to hand to `analyze` for this file. */
  forFile(absPath: string): Config;
}

/**
 * Loads `--config FILE`, or `.codepay-guard.json` in the scan root when it exists. Globs in the file are
 * relative to the file's folder; the CLI evaluates them itself so a config outside the scan root still means
 * what it says, and passes the engine a per-file verdict for fixtures.
 */
export function loadScanConfig(explicitFile: string | undefined, root: string, cwd: string): ScanConfig {
  const abs = explicitFile ? path.resolve(cwd, explicitFile) : path.join(root, TEAM_CONFIG_FILE);
  const shown = explicitFile ?? (toPosix(path.relative(cwd, abs)) || TEAM_CONFIG_FILE);
  if (!explicitFile && !fs.existsSync(abs)) return fromConfig({}, undefined, root);

  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? 'error'})`}`);
  }
  const { config, errors } = parseTeamConfig(text.replace(/^\uFEFF/, ''), RULE_IDS);
  if (errors.length) throw new ConfigError(`${shown}: ${errors.join('; ')}`);
  return fromConfig(config, shown, path.dirname(abs));
}

function fromConfig(config: Config, file: string | undefined, baseDir: string): ScanConfig {
  const relative = (absPath: string): string | undefined => {
    const rel = toPosix(path.relative(baseDir, absPath));
    return rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel) ? undefined : rel;
  };
  const { ignore: ignoreGlobs, fixtures, ...rest } = config;
  // The engine matches globs on the path it is given (relative to the scan root); the verdict is made here against
  // the config's own folder, and expressed as "everything" or "nothing" so the engine agrees.
  const asFixture: Config = { ...rest, fixtures: ['**'] };
  const asSource: Config = { ...rest };
  return {
    file,
    enabled: config.enable !== false,
    isIgnored: (absPath) => {
      const rel = relative(absPath);
      return rel !== undefined && matchesAnyGlob(rel, ignoreGlobs);
    },
    forFile: (absPath) => {
      const rel = relative(absPath);
      return rel !== undefined && matchesAnyGlob(rel, fixtures) ? asFixture : asSource;
    },
  };
}
