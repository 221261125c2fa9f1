// The team's own credential formats (`secrets.patterns` in the team file), matched with bounded cost.
import { compileTeamPattern, maskSecret } from '../../server/src/engine';
import { envVarName, identifierWords } from './identifiers';

export interface TeamPattern {
  id: string;
  kind: string;
  envName: string;
  regex: RegExp;
}

export interface TeamMatch {
  pattern: TeamPattern;
  /** Offsets of the credential within the scanned text. */
  start: number;
  end: number;
  secret: string;
  masked: string;
}

/** Text longer than this is not matched against team patterns (minified lines, data blobs): it bounds the cost. */
export const MAX_TEAM_PATTERN_TEXT = 4000;

/**
 * The usable team patterns among the configured ones: each is checked for catastrophic backtracking before use, and
 * those that fail are dropped here (the team file itself reports why, in the editor and in the CLI).
 */
export function teamPatterns(option: unknown): TeamPattern[] {
  if (!Array.isArray(option)) return [];
  const out: TeamPattern[] = [];
  for (const p of option) {
    if (!p || typeof p !== 'object') continue;
    const { id, regex, flags, description } = p as Record<string, unknown>;
    if (typeof id !== 'string' || !id || typeof regex !== 'string') continue;
    const compiled = compileTeamPattern(regex, typeof flags === 'string' ? flags : '');
    if (!compiled.ok) continue;
    out.push({
      id,
      kind: typeof description === 'string' && description ? description : `team secret "${id}"`,
      envName: envVarName(identifierWords(id)) ?? 'TEAM_SECRET',
      regex: compiled.regex,
    });
  }
  return out;
}

/**
 * Every match of the team patterns in `text`, or nothing when the text is too long. A named group `secret` marks the
 * credential inside a longer match (`key\s*=\s*(?<secret>ACME-\w{32})`); otherwise the whole match is the credential.
 */
export function findTeamMatches(text: string, patterns: readonly TeamPattern[], allowed: ReadonlySet<string>): TeamMatch[] {
  if (patterns.length === 0 || text.length > MAX_TEAM_PATTERN_TEXT) return [];
  const out: TeamMatch[] = [];
  for (const pattern of patterns) {
    pattern.regex.lastIndex = 0;
    for (const m of text.matchAll(pattern.regex)) {
      const secret = m.groups?.secret ?? m[0];
      if (!secret || allowed.has(secret)) continue;
      const start = m.index! + (m.groups?.secret !== undefined ? m[0].indexOf(secret) : 0);
      out.push({ pattern, start, end: start + secret.length, secret, masked: maskSecret(secret) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Runs `visit` over each line of `text` short enough to match, with the line's offset. */
export function forEachMatchableLine(text: string, visit: (line: string, offset: number) => void): void {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start <= MAX_TEAM_PATTERN_TEXT) visit(text.slice(start, end), start);
    start = end + 1;
  }
}
