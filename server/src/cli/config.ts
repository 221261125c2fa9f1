// Configuration of a scan: the nearest team file per file (or `--config`), the repository's `.vscode/settings.json`,
// and the baseline — read through the same project layer as the language server, so CI and editor agree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchesAnyGlob, mergeConfigs, type Baseline, type Config } from '../engine';
import {
  BASELINE_FILE_NAME, loadWorkspaceSettings, parseBaseline, ProjectConfig, TEAM_FILE_NAME, type ConfigProblem, type LoadedBaseline,
} from '../project';
import { toPosix } from './walk';

export { TEAM_FILE_NAME as TEAM_CONFIG_FILE };

/** An unreadable or invalid config file: reported as `codepay-guard: error: <file>:<line>:<col>: <message>`, exit code 2. */
export class ConfigError extends Error {}

export interface FileConfig {
  config: Config;
  /** The path the engine sees (relative to the governing team file's folder, or to the root). */
  analysisPath: string;
  baseline?: Baseline;
  /** Identifies the baseline entries of the file, for cache keys. */
  baselineKey?: string;
}

export interface ScanConfig {
  /** False when the team turned the tool off (`"enable": false`) for the scan root. */
  readonly enabled: boolean;
  /** True when the governing configuration's `ignore` globs exclude the file. */
  isIgnored(absPath: string): boolean;
  /** The config to hand to `analyze` for this file. Throws ConfigError when its team file is broken. */
  forFile(absPath: string): FileConfig;
  /** The baseline in use, if any (its file, relative to cwd, and how many entries it has). */
  readonly baseline?: { file: string; size: number };
}

export interface ScanConfigOptions {
  explicitFile?: string;
  root: string;
  cwd: string;
  /** `--baseline FILE`; undefined means `<root>/.codepay-guard-baseline.json` when it exists; false means none. */
  baseline?: string | false;
  /** `--max-file-size`: overrides `maxFileSize` of the team file and settings. */
  maxFileSize?: number;
}

function shownPath(cwd: string, file: string): string {
  const rel = toPosix(path.relative(cwd, file));
  return rel && !rel.startsWith('../') ? rel : file;
}

export function problemText(cwd: string, p: ConfigProblem): string {
  return `${shownPath(cwd, p.file)}:${p.line}:${p.column}: ${p.message}`;
}

function failOn(cwd: string, problems: readonly ConfigProblem[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new ConfigError(errors.slice(0, 5).map((p) => problemText(cwd, p)).join('; '));
}

function loadBaseline(options: ScanConfigOptions): { baseline?: LoadedBaseline; file?: string } {
  if (options.baseline === false) return {};
  const file = options.baseline ? path.resolve(options.cwd, options.baseline) : path.join(options.root, BASELINE_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (!options.baseline && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${shownPath(options.cwd, file)}: cannot read the baseline (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const { baseline, error } = parseBaseline(text);
  if (error) throw new ConfigError(`${shownPath(options.cwd, file)}: ${error}`);
  return { baseline, file };
}

/**
 * Precedence, as in the editor: built-in defaults < team file (after what it extends) < `codepayGuard.*` of
 * `<root>/.vscode/settings.json` (< `--max-file-size`). CI runs what the repository commits, so the scan is trusted.
 */
export function loadScanConfig(options: ScanConfigOptions): ScanConfig {
  const { root, cwd } = options;
  let explicitFile: string | undefined;
  if (options.explicitFile) {
    explicitFile = path.resolve(cwd, options.explicitFile);
    if (!fs.existsSync(explicitFile)) throw new ConfigError(`${options.explicitFile}: no such file`);
  }
  const project = new ProjectConfig(root, { trusted: true, explicitFile });
  const settings = loadWorkspaceSettings(root);
  failOn(cwd, settings.problems);
  const { baseline, file: baselineFile } = loadBaseline(options);
  const baselineRoot = baselineFile ? path.dirname(baselineFile) : root;

  const cache = new Map<string, FileConfig>();
  const forFile = (absPath: string): FileConfig => {
    let hit = cache.get(absPath);
    if (hit) return hit;
    const resolved = project.resolve(absPath);
    if (resolved.team) failOn(cwd, resolved.team.problems);
    const relToBaseline = toPosix(path.relative(baselineRoot, absPath));
    const fileBaseline = baseline?.forPath(relToBaseline);
    hit = {
      config: mergeConfigs(resolved.config, settings.config, options.maxFileSize === undefined ? undefined : { maxFileSize: options.maxFileSize }),
      analysisPath: resolved.analysisPath, baseline: fileBaseline,
      baselineKey: fileBaseline instanceof Set ? [...fileBaseline].sort().join(',') : undefined,
    };
    if (cache.size > 10_000) cache.clear();
    cache.set(absPath, hit);
    return hit;
  };
  const rootConfig = forFile(path.join(root, '__root__'));
  return {
    enabled: rootConfig.config.enable !== false,
    isIgnored: (absPath) => {
      const { config, analysisPath } = forFile(absPath);
      return !analysisPath.startsWith('../') && matchesAnyGlob(analysisPath, config.ignore);
    },
    forFile,
    baseline: baseline && baselineFile ? { file: shownPath(cwd, baselineFile), size: baseline.size } : undefined,
  };
}
