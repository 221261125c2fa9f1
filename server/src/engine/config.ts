// The configuration model: per-rule severity/options, ignore and fixture globs, merging and team-file parsing.
import picomatch from 'picomatch';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Config, Rule, RuleSetting, Severity, SeveritySetting } from './types';

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && SEVERITIES.has(value);
}

/** The effective severity (or `off`) and options of a rule under a config. */
export function resolveRule(rule: Rule, config: Config | undefined): { severity: SeveritySetting; options: Record<string, unknown> } {
  const setting: RuleSetting | undefined = config?.rules?.[rule.meta.id];
  const defaults = rule.meta.defaultOptions ?? {};
  if (setting === undefined) return { severity: rule.meta.defaultSeverity, options: { ...defaults } };
  if (Array.isArray(setting)) {
    const [severity, options] = setting;
    return { severity: isSeveritySetting(severity) ? severity : rule.meta.defaultSeverity, options: { ...defaults, ...(options ?? {}) } };
  }
  return { severity: isSeveritySetting(setting) ? setting : rule.meta.defaultSeverity, options: { ...defaults } };
}

/** Later configs win: rule settings are replaced per rule id, glob lists are concatenated. */
export function mergeConfigs(...configs: Array<Config | undefined>): Config {
  const out: Config = { rules: {}, ignore: [], fixtures: [] };
  for (const c of configs) {
    if (!c) continue;
    if (c.enable !== undefined) out.enable = c.enable;
    Object.assign(out.rules!, c.rules ?? {});
    out.ignore!.push(...(c.ignore ?? []));
    out.fixtures!.push(...(c.fixtures ?? []));
  }
  return out;
}

const matcherCache = new Map<string, (path: string) => boolean>();

/**
 * gitignore-like glob semantics on a relative, `/`-separated path: a pattern without a slash matches a name
 * at any depth; a pattern naming a folder matches everything below it.
 */
export function matchesAnyGlob(path: string, globs: readonly string[] | undefined): boolean {
  if (!globs || globs.length === 0) return false;
  const key = globs.join('\n');
  let match = matcherCache.get(key);
  if (!match) {
    const patterns: string[] = [];
    for (const raw of globs) {
      const g = raw.trim().replace(/^\.\//, '').replace(/^\//, '').replace(/\/$/, '');
      if (!g) continue;
      const anchored = g.includes('/') ? g : `**/${g}`;
      patterns.push(anchored, `${anchored}/**`);
    }
    match = patterns.length ? picomatch(patterns, { dot: true }) : () => false;
    if (matcherCache.size > 100) matcherCache.clear();
    matcherCache.set(key, match);
  }
  return match(path.replace(/\\/g, '/').replace(/^\.\//, ''));
}

const CONFIG_KEYS: ReadonlySet<string> = new Set(['$schema', 'enable', 'rules', 'ignore', 'fixtures']);

export interface TeamConfigResult {
  config: Config;
  errors: string[];
}

/** Parses a `.codepay-guard.json` (JSON with comments). Invalid entries are dropped with an error each. */
export function parseTeamConfig(text: string, knownRuleIds: readonly string[]): TeamConfigResult {
  const errors: string[] = [];
  const parseErrors: ParseError[] = [];
  const raw = parseJsonc(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors.slice(0, 5)) errors.push(`${printParseErrorCode(e.error)} at offset ${e.offset}`);
  if (parseErrors.length) return { config: {}, errors };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { config: {}, errors: ['the file must contain a JSON object'] };
  return validateConfigObject(raw as Record<string, unknown>, knownRuleIds, errors);
}

/** Checks a config object (team file or editor settings); keeps what is valid and explains what is not. */
export function validateConfigObject(raw: Record<string, unknown>, knownRuleIds: readonly string[], errors: string[] = []): TeamConfigResult {
  const config: Config = {};
  for (const key of Object.keys(raw)) if (!CONFIG_KEYS.has(key)) errors.push(`unknown setting "${key}"`);
  if ('enable' in raw) {
    if (typeof raw.enable === 'boolean') config.enable = raw.enable;
    else errors.push('"enable" must be true or false');
  }
  if (raw.rules !== undefined) {
    if (typeof raw.rules !== 'object' || raw.rules === null || Array.isArray(raw.rules)) errors.push('"rules" must be an object of rule id → severity');
    else {
      config.rules = {};
      for (const [id, value] of Object.entries(raw.rules as Record<string, unknown>)) {
        if (!knownRuleIds.includes(id)) { errors.push(`unknown rule "${id}"`); continue; }
        const sev = Array.isArray(value) ? value[0] : value;
        const opts = Array.isArray(value) ? value[1] : undefined;
        if (!isSeveritySetting(sev)) { errors.push(`rule "${id}": severity must be off, info, warning or error`); continue; }
        if (opts !== undefined && (typeof opts !== 'object' || opts === null || Array.isArray(opts))) { errors.push(`rule "${id}": options must be an object`); continue; }
        config.rules[id] = opts ? [sev, opts as Record<string, unknown>] : sev;
      }
    }
  }
  for (const key of ['ignore', 'fixtures'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (Array.isArray(v) && v.every((g) => typeof g === 'string')) config[key] = v as string[];
    else errors.push(`"${key}" must be an array of glob strings`);
  }
  return { config, errors };
}

export function capSeverity(severity: Severity, cap: Severity | undefined): Severity {
  if (!cap) return severity;
  const order: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
  return order[cap] < order[severity] ? cap : severity;
}
