// Regex audit: every regular expression of the rules and the engine is checked statically for catastrophic
// backtracking (scslre) and, where scslre finds super-linear behaviour, timed on the attack string it implies.
import * as assert from 'node:assert/strict';
import { attackStrings, backtrackingReports, collectRegexSources, type RegexReport } from './regex-sources';

/** Repetitions of the attack character: a quadratic regex takes seconds on this, a linear one microseconds. */
const ATTACK_REPEAT = 50_000;
/** Generous: only a super-linear regex gets near it (timing noise on a loaded machine stays far below). */
const ATTACK_BOUND_MS = 1_000;

/**
 * Reviewed reports whose input cannot trigger them, by file and pattern. Every entry says why; nothing else may be
 * polynomial.
 */
const ALLOWLIST: ReadonlyArray<{ file: string; pattern: string; why: string }> = [
  {
    file: 'rules/shared/password-hash-flow.ts',
    pattern: '[0-9]+$',
    why: 'applied to the words of identifierWords(), whose WORD regex ends every word with its only run of digits: '
      + 'the first digit tried starts a run that reaches the end, so the search never fails after a long run',
  },
];

/**
 * `new RegExp(x)` whose pattern is built elsewhere, by file and argument text, with why it needs no audit here.
 */
const DYNAMIC_PATTERNS: ReadonlyArray<{ file: string; argument: string; why: string }> = [
  { file: 'rules/shared/identifiers.ts', argument: 'WORD.source', why: 'WORD is a literal of the same file, audited as such' },
  { file: 'rules/shared/transport-tls.ts', argument: 'PROTOCOL_TOKEN.source', why: 'PROTOCOL_TOKEN is a literal of the same file, audited as such' },
  { file: 'server/src/engine/patterns.ts', argument: 'source', why: 'team patterns: compileTeamPattern rejects any scslre report before one is used' },
];

function fileOf(where: string): string {
  return where.replace(/:\d+$/, '');
}

function isAllowed(r: RegexReport): boolean {
  return ALLOWLIST.some((a) => a.file === fileOf(r.source.where) && a.pattern === r.source.pattern);
}

function slowestAttack(r: RegexReport): { ms: number; attack: string } {
  const regex = new RegExp(r.source.pattern, r.source.flags.replace(/[gyd]/g, ''));
  let worst = { ms: 0, attack: '' };
  for (const attack of attackStrings(r.report, ATTACK_REPEAT)) {
    const started = performance.now();
    regex.exec(attack);
    const ms = performance.now() - started;
    if (ms > worst.ms) worst = { ms, attack };
  }
  if (worst.ms > ATTACK_BOUND_MS) {
    // Once more, to tell a super-linear regex from a pause of the machine (garbage collection, other processes).
    const started = performance.now();
    regex.exec(worst.attack);
    worst.ms = Math.min(worst.ms, performance.now() - started);
  }
  return worst;
}

function describeAttack(attack: string, pick: string): string {
  const body = pick.repeat(ATTACK_REPEAT);
  const at = attack.indexOf(body);
  return `${JSON.stringify(attack.slice(0, at))} + ${JSON.stringify(pick)} × ${ATTACK_REPEAT} + ${JSON.stringify(attack.slice(at + body.length))}`;
}

describe('robustness: regex audit of rules/ and server/src/engine/', function () {
  this.timeout(300_000);
  const { sources, dynamic } = collectRegexSources();
  const reports = backtrackingReports(sources);

  it('finds the regular expressions (literals, RegExp(string), RegExp(template)) and each compiles', () => {
    assert.ok(sources.length > 300, `only ${sources.length} regular expressions found: is the collector still parsing the rules?`);
    for (const s of sources) assert.doesNotThrow(() => new RegExp(s.pattern, s.flags), `${s.where}: /${s.pattern}/${s.flags}`);
  });

  it('knows where every dynamic pattern comes from', () => {
    const unknown = dynamic.filter((d) => !DYNAMIC_PATTERNS.some((k) => k.file === fileOf(d.where) && k.argument === d.argument));
    assert.deepEqual(unknown.map((d) => `${d.where}: new RegExp(${d.argument})`), [],
      'audit the new pattern (or add it to DYNAMIC_PATTERNS with the reason it needs no audit)');
  });

  it('has no regex with exponential backtracking', () => {
    const exponential = reports.filter((r) => r.report.exponential);
    assert.deepEqual(exponential.map((r) => `${r.source.where}: /${r.source.pattern}/ (${JSON.stringify(r.report.character.pick)})`), []);
  });

  it(`runs every polynomial report's attack (character × ${ATTACK_REPEAT}) within ${ATTACK_BOUND_MS} ms`, () => {
    // Trade and Self are backtracking inside one attempt; Move is the search retrying from every position, which is
    // as quadratic on a long line (most of the problems this audit found were of that kind).
    const slow: string[] = [];
    for (const r of reports) {
      // Exponential reports fail the test above; timing one would not end.
      if (isAllowed(r) || r.report.exponential) continue;
      const { ms, attack } = slowestAttack(r);
      if (ms > ATTACK_BOUND_MS) {
        slow.push(`${r.source.where}: /${r.source.pattern}/${r.source.flags} (${r.report.type}) took ${Math.round(ms)} ms on ${describeAttack(attack, r.report.character.pick)}`);
      }
    }
    assert.deepEqual(slow, [], 'rewrite these without ambiguous or overlapping quantifiers, or bound their input');
  });

  it('keeps the allowlist to reports that still exist', () => {
    const stale = ALLOWLIST.filter((a) => !reports.some((r) => isAllowed(r) && fileOf(r.source.where) === a.file && r.source.pattern === a.pattern));
    assert.deepEqual(stale.map((a) => `${a.file}: /${a.pattern}/`), [], 'remove allowlist entries that no longer match a report');
  });
});
