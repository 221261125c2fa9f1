// Team-defined regular expressions (custom secret patterns): compiled only after a check for super-linear backtracking.
import { analyse } from 'scslre';

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; reason: string };

/** Longest pattern source accepted: credential formats are short; a long pattern is a mistake or an attack. */
export const MAX_PATTERN_CHARS = 500;
const ALLOWED_FLAGS = /^[imsu]*$/;

const cache = new Map<string, PatternCheck>();

/**
 * Compiles a team pattern for scanning (global flag added). Rejected, with a reason a person can act on: syntax
 * errors, unknown flags, patterns that match the empty string, and patterns whose backtracking can take polynomial
 * or exponential time on a single match attempt (nested or adjacent overlapping quantifiers, as `(a+)+` or
 * `\s*=\s*.*x.*`), found statically with scslre. Matching is additionally bounded by the callers (line length).
 */
export function compileTeamPattern(source: string, flags = ''): PatternCheck {
  const key = `${flags}/${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const result = check(source, flags);
  if (cache.size > 200) cache.clear();
  cache.set(key, result);
  return result;
}

function check(source: string, flags: string): PatternCheck {
  if (typeof source !== 'string' || source.length === 0) return { ok: false, reason: 'the pattern is empty' };
  if (source.length > MAX_PATTERN_CHARS) return { ok: false, reason: `the pattern is longer than ${MAX_PATTERN_CHARS} characters` };
  if (!ALLOWED_FLAGS.test(flags)) return { ok: false, reason: `flags may only be i, m, s and u (got "${flags}")` };
  let regex: RegExp;
  try {
    regex = new RegExp(source, `${flags}g`);
  } catch (err) {
    return { ok: false, reason: `not a valid regular expression (${(err as Error).message.replace(/^Invalid regular expression: /, '')})` };
  }
  if (new RegExp(source, flags).test('')) return { ok: false, reason: 'the pattern matches the empty string, so it would match everywhere' };
  let reports;
  try {
    reports = analyse(new RegExp(source, flags)).reports;
  } catch {
    return { ok: false, reason: 'the pattern could not be checked for catastrophic backtracking' };
  }
  const dangerous = reports.find((r) => r.exponential || r.type === 'Self' || r.type === 'Trade');
  if (dangerous) {
    const ch = JSON.stringify(dangerous.character.pick);
    return {
      ok: false,
      reason: `the pattern can backtrack catastrophically (${dangerous.exponential ? 'exponential' : 'polynomial'} time on a long run of ${ch}); avoid nested or adjacent overlapping quantifiers such as (a+)+ or .*x.*`,
    };
  }
  return { ok: true, regex };
}
