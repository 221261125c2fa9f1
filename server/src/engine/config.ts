// The configuration model: per-rule severity and options, team-wide names and patterns, globs, and merging.
import picomatch from 'picomatch';
import type { Config, NamesConfig, Rule, RuleSetting, Severity, SeveritySetting } from './types';

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && SEVERITIES.has(value);
}

/**
 * Team-wide keys that feed rule options, so a team names its verifier or mask helper once instead of per rule. Lists
 * add to the rule's defaults, except `clientPaths`, which replaces them (as the rule's own option does).
 */
const SHORTHANDS: ReadonlyArray<{ rule: string; option: string; from: (c: Config) => unknown[] | undefined; replaces?: boolean }> = [
  { rule: 'secret-in-client-code', option: 'clientPaths', from: (c) => c.clientPaths, replaces: true },
  { rule: 'unverified-payment-notification', option: 'verifiers', from: (c) => c.names?.verifiers },
  { rule: 'unauthenticated-endpoint', option: 'authMiddleware', from: (c) => c.names?.authMiddleware },
  { rule: 'missing-rate-limit', option: 'rateLimiters', from: (c) => c.names?.rateLimiters },
  { rule: 'missing-audit-log', option: 'auditLoggers', from: (c) => c.names?.auditLoggers },
  { rule: 'sensitive-data-in-log', option: 'maskHelpers', from: (c) => c.names?.maskHelpers },
  { rule: 'unencrypted-sensitive-data', option: 'encryptHelpers', from: (c) => c.names?.encryptHelpers },
  { rule: 'injection', option: 'sanitizers', from: (c) => c.names?.sanitizers },
  { rule: 'hardcoded-secret', option: 'patterns', from: (c) => c.secrets?.patterns },
  { rule: 'hardcoded-secret', option: 'allowed', from: (c) => c.secrets?.allowed },
  { rule: 'secret-in-client-code', option: 'allowed', from: (c) => c.secrets?.allowed },
];

/**
 * The effective severity (or `off`) and options of a rule under a config: the rule's defaults, then the team-wide
 * keys (`names`, `secrets`, `clientPaths`), then the options given for the rule itself, which win.
 */
export function resolveRule(rule: Rule, config: Config | undefined): { severity: SeveritySetting; options: Record<string, unknown> } {
  const setting: RuleSetting | undefined = config?.rules?.[rule.meta.id];
  const options: Record<string, unknown> = { ...(rule.meta.defaultOptions ?? {}) };
  if (config) {
    for (const s of SHORTHANDS) {
      if (s.rule !== rule.meta.id) continue;
      const extra = s.from(config);
      if (!Array.isArray(extra) || extra.length === 0) continue;
      const base = options[s.option];
      options[s.option] = !s.replaces && Array.isArray(base) ? [...base, ...extra] : [...extra];
    }
  }
  let severity: SeveritySetting = rule.meta.defaultSeverity;
  if (Array.isArray(setting)) {
    const [level, own] = setting;
    if (isSeveritySetting(level)) severity = level;
    if (own && typeof own === 'object') Object.assign(options, own);
  } else if (isSeveritySetting(setting)) {
    severity = setting;
  }
  return { severity, options };
}

const union = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined => (b === undefined ? a : [...new Set([...(a ?? []), ...b])]);

/**
 * Later configs win: rule settings are replaced per rule id, glob and name lists are joined, `clientPaths` is
 * replaced (it is a complete list), team patterns are joined by id (a later pattern with the same id replaces);
 * `enable` and `maxFileSize` are replaced.
 */
export function mergeConfigs(...configs: Array<Config | undefined>): Config {
  const out: Config = { rules: {}, ignore: [], fixtures: [] };
  for (const c of configs) {
    if (!c) continue;
    if (c.enable !== undefined) out.enable = c.enable;
    Object.assign(out.rules!, c.rules ?? {});
    out.ignore!.push(...(c.ignore ?? []));
    out.fixtures!.push(...(c.fixtures ?? []));
    if (c.clientPaths !== undefined) out.clientPaths = [...c.clientPaths];
    if (c.names) {
      const names: NamesConfig = { ...out.names };
      for (const [key, list] of Object.entries(c.names) as Array<[keyof NamesConfig, string[] | undefined]>) names[key] = union(names[key], list);
      out.names = names;
    }
    if (c.secrets) {
      const patterns = new Map((out.secrets?.patterns ?? []).map((p) => [p.id, p]));
      for (const p of c.secrets.patterns ?? []) patterns.set(p.id, p);
      out.secrets = { patterns: [...patterns.values()], allowed: union(out.secrets?.allowed, c.secrets.allowed) ?? [] };
    }
    if (c.suppressions) out.suppressions = { ...out.suppressions, ...c.suppressions };
    if (c.maxFileSize !== undefined) out.maxFileSize = c.maxFileSize;
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

export function capSeverity(severity: Severity, cap: Severity | undefined): Severity {
  if (!cap) return severity;
  const order: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
  return order[cap] < order[severity] ? cap : severity;
}
