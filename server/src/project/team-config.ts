// What a repository says about its configuration: the nearest team file with the files it extends, and the
// `codepayGuard.*` entries of `.vscode/settings.json`. The language server and the CLI both read them through here,
// so a file gets the same configuration in the editor and in CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, getNodeValue, type ParseError } from 'jsonc-parser';
import { LineIndex, mergeConfigs, type Config } from '../engine';
import { SETTINGS_SECTION, TEAM_FILE_NAME } from './names';
import { excessiveNesting, TOO_DEEP_MESSAGE, validateConfig, validateConfigText, type ConfigProblem } from './validate';
/** `extends` chains longer than this are a mistake (or a loop the cycle check did not see through symlinks). */
const MAX_EXTENDS_DEPTH = 8;
/** Config files larger than this are not read: a team file is a few kilobytes. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadOptions {
  /** Whether the workspace is trusted: untrusted, team patterns and files outside `workspaceRoot` are not loaded. */
  trusted: boolean;
  /** The workspace folder (or scan root) the configuration belongs to. */
  workspaceRoot: string;
  /** The text of a file when the caller has a fresher one than the disk (an editor's unsaved buffer). */
  readOverride?: (file: string) => string | undefined;
}

export interface TeamConfig {
  /** The team file (absolute). */
  file: string;
  /** The merged configuration: extended files first, the team file last. */
  config: Config;
  /** Every file read (the team file and what it extends), for watching. */
  files: string[];
  problems: ConfigProblem[];
  /** False when a problem at error level means the configuration cannot be trusted to say what the team meant. */
  ok: boolean;
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function readSmallFile(file: string): string {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  if (stat.size > MAX_CONFIG_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
  return fs.readFileSync(file, 'utf8');
}

function readProblem(file: string, err: unknown, what: string): ConfigProblem {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'not a file' : code === 'EFBIG' ? 'larger than 1 MB' : `cannot be read (${code ?? 'error'})`;
  return { file, severity: 'error', message: `${what}: ${why}`, offset: 0, length: 0, line: 1, column: 1 };
}

/**
 * Loads a team file and, depth first, the files it extends (relative to the file that names them). Globs in every
 * file are relative to the workspace root. Problems are collected, never thrown.
 */
export function loadTeamConfig(file: string, options: LoadOptions): TeamConfig {
  const problems: ConfigProblem[] = [];
  const files: string[] = [];
  const load = (current: string, chain: string[], from?: { file: string; problem: (message: string) => ConfigProblem }): Config | undefined => {
    if (chain.includes(current)) {
      problems.push(from!.problem(`"extends" makes a cycle: ${[...chain, current].map((f) => path.basename(f)).join(' → ')}`));
      return undefined;
    }
    if (chain.length > MAX_EXTENDS_DEPTH) {
      problems.push(from!.problem(`"extends" is nested more than ${MAX_EXTENDS_DEPTH} levels deep`));
      return undefined;
    }
    let text: string;
    try {
      text = options.readOverride?.(current) ?? readSmallFile(current);
    } catch (err) {
      problems.push(from ? from.problem(readProblem(current, err, `extended file "${path.basename(current)}"`).message) : readProblem(current, err, TEAM_FILE_NAME));
      return undefined;
    }
    files.push(current);
    const result = validateConfigText(text, current);
    problems.push(...result.problems);
    let own = result.config;
    if (!options.trusted && own.secrets?.patterns?.length) {
      own = { ...own, secrets: { ...own.secrets, patterns: [] } };
      problems.push(notice(current, text, 'secrets', 'Custom secret patterns are not loaded until this workspace is trusted (built-in rules still run).'));
    }
    const bases: Config[] = [];
    result.extends.forEach((entry, i) => {
      const target = path.resolve(path.dirname(current), entry);
      const problem = (message: string) => ({ ...notice(current, text, 'extends', message, i), severity: 'error' as const });
      if (!options.trusted && !isInside(options.workspaceRoot, target)) {
        problems.push({ ...notice(current, text, 'extends', `"${entry}" is outside the workspace and is not loaded until the workspace is trusted.`, i), severity: 'info' });
        return;
      }
      const base = load(target, [...chain, current], { file: current, problem });
      if (base) bases.push(base);
    });
    return mergeConfigs(...bases, own);
  };
  const config = load(path.resolve(file), []) ?? {};
  return { file, config, files, problems, ok: !problems.some((p) => p.severity === 'error') };
}

/** A problem located at a top-level key's value (or the n-th entry of it) of a config file. */
function notice(file: string, text: string, key: string, message: string, index?: number): ConfigProblem {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const property = tree?.children?.find((p) => p.children?.[0]?.value === key);
  let node = property?.children?.[1];
  if (node && index !== undefined && node.type === 'array') node = node.children?.[index] ?? node;
  const offset = node?.offset ?? 0;
  const { line, column } = new LineIndex(text).positionAt(offset);
  return { file, severity: 'info', message, offset, length: node?.length ?? 0, line, column };
}

/**
 * The team file that governs `dir`: the nearest `.codepay-guard.json` in it or above it, up to and including `root`
 * (the workspace folder or scan root); undefined when there is none.
 */
export function findTeamFile(dir: string, root: string, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  let current = path.resolve(dir);
  const top = path.resolve(root);
  if (!isInside(top, current)) current = top;
  for (;;) {
    const candidate = path.join(current, TEAM_FILE_NAME);
    if (exists(candidate)) return candidate;
    if (current === top) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export interface EditorSettings {
  config: Config;
  problems: ConfigProblem[];
}

/**
 * The engine-relevant part of `codepayGuard.*` settings, given either as VS Code returns them for the section (a
 * nested object) or as written in settings.json (flat `codepayGuard.rules` keys): client-only keys are left out, and
 * invalid keys are dropped with a problem each.
 */
export function settingsToConfig(section: unknown, at: { file: string } = { file: 'settings' }): EditorSettings {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return { config: {}, problems: [] };
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section as Record<string, unknown>)) {
    if (key === 'trace' || key === 'scanOnStartup' || value === null || value === undefined) continue;
    picked[key] = value;
  }
  const { config, problems } = validateConfig(picked, at);
  return { config, problems };
}

/**
 * `codepayGuard.*` keys of a settings.json text, nested (`"codepayGuard.names": {…}` → `{ names: {…} }`); on a text
 * that cannot be read, the reason and (when known) the offset it is at.
 */
export function settingsSectionOf(text: string): { section: Record<string, unknown>; error?: string; offset?: number } {
  // Before parsing: jsonc-parser recurses, and a few thousand levels overflow the stack.
  const deep = excessiveNesting(text);
  if (deep !== undefined) return { section: {}, error: TOO_DEEP_MESSAGE, offset: deep };
  const errors: ParseError[] = [];
  const tree = parseTree(text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: true });
  if (errors.length || !tree || tree.type !== 'object') return { section: {}, error: 'not valid JSON with comments', offset: errors[0]?.offset };
  const all = getNodeValue(tree) as Record<string, unknown>;
  const section: Record<string, unknown> = {};
  const nested = all[SETTINGS_SECTION];
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(section, nested);
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(`${SETTINGS_SECTION}.`)) continue;
    const parts = key.slice(SETTINGS_SECTION.length + 1).split('.');
    let target = section;
    for (const part of parts.slice(0, -1)) {
      if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return { section };
}

/** The `codepayGuard.*` settings a repository commits in `<root>/.vscode/settings.json`, as the CLI applies them. */
export function loadWorkspaceSettings(root: string): EditorSettings & { file?: string } {
  const file = path.join(root, '.vscode', 'settings.json');
  let text: string;
  try {
    text = readSmallFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { config: {}, problems: [] };
    return { config: {}, problems: [readProblem(file, err, '.vscode/settings.json')], file };
  }
  const { section, error, offset = 0 } = settingsSectionOf(text);
  if (error) {
    const { line, column } = new LineIndex(text).positionAt(offset);
    return { config: {}, problems: [{ file, severity: 'error', message: `.vscode/settings.json is ${error}`, offset, length: 0, line, column }], file };
  }
  return { ...settingsToConfig(section, { file }), file };
}

export interface ResolvedConfig {
  /** The team file's configuration to use (the last good one while the file is broken; empty without a team file). */
  config: Config;
  /** The path to give the engine: relative to the team file's folder, or to the root without one; `/`-separated. */
  analysisPath: string;
  /** The governing team file as loaded now (with its problems), if there is one. */
  team?: TeamConfig;
}

/**
 * Resolves the team configuration of files under one root (a workspace folder, or the CLI's scan root), caching
 * directory lookups and loaded files until `invalidate()`. With `explicitFile`, that file governs everything (`--config`).
 */
export class ProjectConfig {
  private readonly teamFileOfDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, TeamConfig>();
  private readonly lastGood = new Map<string, Config>();

  constructor(readonly root: string, private readonly options: { trusted: boolean; explicitFile?: string; readOverride?: (file: string) => string | undefined }) {}

  resolve(absPath: string): ResolvedConfig {
    const teamFile = this.options.explicitFile ?? this.teamFileFor(path.dirname(absPath));
    // Globs are relative to the team file's folder; files outside it (an explicit config elsewhere) use the root.
    const base = teamFile && isInside(path.dirname(teamFile), absPath) ? path.dirname(teamFile) : this.root;
    const analysisPath = path.relative(base, absPath).split(path.sep).join('/');
    if (!teamFile) return { config: {}, analysisPath };
    const team = this.load(teamFile);
    if (team.ok) this.lastGood.set(teamFile, team.config);
    return { config: team.ok ? team.config : this.lastGood.get(teamFile) ?? {}, analysisPath, team };
  }

  /** Every team file loaded so far (for reporting their problems and watching what they read). */
  loadedTeamFiles(): TeamConfig[] {
    return [...this.loaded.values()];
  }

  /** Forget cached lookups and files (a team file or something it extends changed); last good configs are kept. */
  invalidate(): void {
    this.teamFileOfDir.clear();
    this.loaded.clear();
  }

  private load(file: string): TeamConfig {
    let team = this.loaded.get(file);
    if (!team) {
      team = loadTeamConfig(file, { trusted: this.options.trusted, workspaceRoot: this.root, readOverride: this.options.readOverride });
      this.loaded.set(file, team);
    }
    return team;
  }

  private teamFileFor(dir: string): string | undefined {
    if (this.teamFileOfDir.has(dir)) return this.teamFileOfDir.get(dir);
    const parent = path.dirname(dir);
    let found: string | undefined;
    const candidate = path.join(dir, TEAM_FILE_NAME);
    if (fs.existsSync(candidate)) found = candidate;
    else if (dir !== path.resolve(this.root) && parent !== dir && isInside(this.root, parent)) found = this.teamFileFor(parent);
    this.teamFileOfDir.set(dir, found);
    return found;
  }
}
