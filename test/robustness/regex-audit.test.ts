// Regex audit: every regular expression of the rules and the engine is checked statically for super-linear
// backtracking (scslre): none may be exponential, and a polynomial one only with a reviewed reason why its input cannot
// trigger it. Static, so the verdict never depends on how busy the machine is (no timed assertions in `npm test`).
import * as assert from 'node:assert/strict';
import { backtrackingReports, collectRegexSources, type RegexReport } from './regex-sources';

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
  { file: 'rules/shared/transport-urls.ts', argument: 'HTTP_SCHEME.source', why: 'HTTP_SCHEME is a literal of the same file, audited as such' },
  { file: 'server/src/engine/patterns.ts', argument: 'source', why: 'team patterns: compileTeamPattern rejects any scslre report before one is used' },
];

function fileOf(where: string): string {
  return where.replace(/:\d+$/, '');
}

function isAllowed(r: RegexReport): boolean {
  return ALLOWLIST.some((a) => a.file === fileOf(r.source.where) && a.pattern === r.source.pattern);
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

  it('has no regex with polynomial backtracking, bar the reviewed allowlist', () => {
    // Trade and Self are backtracking inside one attempt; Move is the search retrying from every position, which is
    // as quadratic on a long line (most of the problems this audit found were of that kind).
    const polynomial = reports.filter((r) => !r.report.exponential && !isAllowed(r));
    assert.deepEqual(polynomial.map((r) => `${r.source.where}: /${r.source.pattern}/${r.source.flags} (${r.report.type}, ${JSON.stringify(r.report.character.pick)})`), [],
      'rewrite these without ambiguous or overlapping quantifiers, or bound their input (or allowlist them with the reason no input can trigger them)');
  });

  it('keeps the allowlist to reports that still exist', () => {
    const stale = ALLOWLIST.filter((a) => !reports.some((r) => isAllowed(r) && fileOf(r.source.where) === a.file && r.source.pattern === a.pattern));
    assert.deepEqual(stale.map((a) => `${a.file}: /${a.pattern}/`), [], 'remove allowlist entries that no longer match a report');
  });
});
