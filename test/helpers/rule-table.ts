// Table-driven rule tests (in the manner of ESLint's RuleTester) that run the real engine and reject weak tests.
import * as assert from 'node:assert/strict';
import {
  analyze, LineIndex, suppressionFix, maskSecret, scriptDialect,
  type Config, type Finding, type Fix, type Rule, type Severity,
} from '../../server/src/engine';
import { GUIDELINE, RULES } from '../../rules';

export interface ValidCase {
  code: string;
  /** Path relative to the project root; `src/example.ts` when omitted. */
  path?: string;
  languageId?: string;
  config?: Config;
  name?: string;
}

export interface ExpectedError {
  messageId: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 units. */
  column: number;
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /**
   * Exact output of each non-`suppress` fix the findings offer, by fix id: a string when one finding offers the fix,
   * an array (in finding order) when several do.
   */
  fixes?: Record<string, string | string[]>;
}

export interface RuleTable {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
}

const DEFAULT_PATH = 'src/example.ts';
const TODAY = '2025-06-01';
/** Anything that could be a credential: every such run of a reported span must stay out of messages and titles. */
const SECRET_RUN = /[A-Za-z0-9_\-+/=$.]{16,}/g;

/**
 * Analyses a case with the rule alone. Every run also checks the engine's pre-filter (`Rule.mayReport`): the findings and
 * suppressions must be exactly those of a run without it, which parses the file and runs the rule whatever the text.
 * `parseError` is the full run's: a file no rule may report on is not parsed at all with the pre-filter.
 */
function run(rule: Rule, c: ValidCase, code = c.code, rules: readonly Rule[] = [rule]): { findings: Finding[]; notes: string[]; parseError?: unknown } {
  const options = { path: c.path ?? DEFAULT_PATH, languageId: c.languageId, config: c.config, rules, guidelineText: GUIDELINE, today: TODAY };
  const result = analyze(code, options);
  const full = analyze(code, { ...options, prefilter: false });
  assert.deepEqual(
    { findings: result.findings, suppressions: result.suppressions },
    { findings: full.findings, suppressions: full.suppressions },
    `the pre-filter changed the findings (${result.stats.rulesSkipped} of ${rules.length} rule(s) skipped${result.stats.parseSkipped ? ', parse skipped' : ''})`,
  );
  return { findings: result.findings.filter((f) => f.ruleId === rule.meta.id), notes: result.notes, parseError: full.parseError };
}

/** The pre-filter of every rule on the case: all rules enabled, findings as without it (checked by run()). */
function checkAllRulesPrefilter(rule: Rule, c: ValidCase): void {
  run(rule, c, c.code, RULES);
}

export function applyFix(code: string, fix: Fix): string {
  const changes = [...fix.changes].sort((a, b) => b.start - a.start);
  let out = code;
  for (const ch of changes) out = out.slice(0, ch.start) + ch.text + out.slice(ch.end);
  return out;
}

/** Test titles show the code with anything key-like masked, so no test output prints a credential. */
function title(c: ValidCase): string {
  if (c.name) return c.name;
  const code = c.code.replace(SECRET_RUN, (run) => maskSecret(run)).replace(/\s+/g, ' ').trim();
  const shown = code.length > 90 ? `${code.slice(0, 87)}...` : code;
  return c.path ? `${c.path}: ${shown}` : shown;
}

function caseKey(c: ValidCase): string {
  return JSON.stringify([c.code, c.path ?? DEFAULT_PATH, c.languageId ?? '', c.config ?? null]);
}

function isScript(c: ValidCase): boolean {
  return scriptDialect(c.path ?? DEFAULT_PATH, c.languageId) !== undefined;
}

function assertNoRuleFailure(rule: Rule, notes: string[]): void {
  const failures = notes.filter((n) => n.startsWith(`rule ${rule.meta.id} failed`));
  assert.deepEqual(failures, [], 'the rule threw while analysing this case');
}

/** Problems with the table itself; each becomes a failing test, so a weak table cannot pass. */
export function tableProblems(rule: Rule, table: RuleTable): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const cases: ValidCase[] = [...table.valid.map((v) => (typeof v === 'string' ? { code: v } : v)), ...table.invalid];
  // Precision is tested as hard as recall: at least one tricky negative per positive.
  if (table.valid.length < table.invalid.length) {
    problems.push(`fewer valid cases (${table.valid.length}) than invalid ones (${table.invalid.length}): add tricky negatives`);
  }
  for (const c of cases) {
    const key = caseKey(c);
    if (seen.has(key)) problems.push(`duplicate case: ${title(c)}`);
    seen.set(key, title(c));
  }
  for (const c of table.invalid) {
    if (!c.errors || c.errors.length === 0) problems.push(`invalid case without expected errors: ${title(c)}`);
    for (const e of c.errors ?? []) {
      if (!(e.messageId in rule.meta.messages)) problems.push(`unknown messageId "${e.messageId}" in: ${title(c)}`);
    }
    for (const id of Object.keys(c.fixes ?? {})) {
      if (id === 'suppress') problems.push(`expected output given for the engine's suppress fix (checked automatically): ${title(c)}`);
      else if (!rule.meta.fixes || !(id in rule.meta.fixes)) problems.push(`fix "${id}" is not declared in meta.fixes: ${title(c)}`);
    }
  }
  return problems;
}

function checkLeaks(code: string, findings: Finding[]): void {
  for (const f of findings) {
    const reported = code.slice(f.start, f.end);
    for (const m of reported.matchAll(SECRET_RUN)) {
      const run = m[0];
      // The whole run, and its tail (where the secret part of a prefixed key sits), must both stay hidden.
      for (const needle of [run, run.slice(-12)]) {
        assert.ok(!f.message.includes(needle), `message shows unmasked text "${maskSecret(needle)}" of the reported value`);
        for (const fix of f.fixes) assert.ok(!fix.title.includes(needle), `fix title "${fix.id}" shows unmasked text of the reported value`);
      }
    }
  }
}

function checkFixes(rule: Rule, c: InvalidCase, findings: Finding[]): void {
  const expected = c.fixes ?? {};
  const offered = new Map<string, Array<{ finding: Finding; fix: Fix }>>();
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      if (fix.id === 'suppress') continue;
      const list = offered.get(fix.id) ?? [];
      list.push({ finding, fix });
      offered.set(fix.id, list);
    }
  }
  for (const id of Object.keys(expected)) assert.ok(offered.has(id), `expected fix "${id}" was not offered`);
  for (const [id, list] of offered) {
    const want = expected[id];
    assert.ok(want !== undefined, `fix "${id}" is offered but the case gives no expected output for it`);
    const outputs = Array.isArray(want) ? want : [want];
    assert.equal(list.length, outputs.length, `fix "${id}" is offered by ${list.length} finding(s), the case expects ${outputs.length}`);
    list.forEach(({ fix }, i) => {
      assert.equal(fix.safety, rule.meta.fixes?.[id], `fix "${id}" safety differs from meta.fixes`);
      const output = applyFix(c.code, fix);
      assert.equal(output, outputs[i], `output of fix "${id}"${outputs.length > 1 ? ` #${i + 1}` : ''}`);
      const after = run(rule, c, output);
      if (isScript(c)) assert.equal(after.parseError, undefined, `output of fix "${id}" does not parse`);
      assert.equal(after.findings.length, findings.length - 1, `fix "${id}" did not remove exactly its finding`);
    });
  }
}

function checkSuppression(rule: Rule, c: InvalidCase, findings: Finding[]): void {
  const lines = new LineIndex(c.code);
  const path = c.path ?? DEFAULT_PATH;
  for (const finding of findings) {
    const suppress = finding.fixes.find((f) => f.id === 'suppress');
    // Where the format has no comments (plain JSON) or a comment would break it (inside an XML start tag) there is none.
    if (!suppressionFix(c.code, lines, path, c.languageId, rule.meta.id, finding.start)) {
      assert.equal(suppress, undefined, 'a suppress fix is offered where no comment can go');
      continue;
    }
    assert.ok(suppress, 'no suppress fix offered');
    const output = applyFix(c.code, suppress);
    const line = lines.positionAt(finding.start).line;
    const after = run(rule, c, output);
    const afterLines = new LineIndex(output);
    const remaining = after.findings.filter((f) => afterLines.positionAt(f.start).line === line + 1);
    assert.deepEqual(remaining.map((f) => f.message), [], 'the suppress fix did not silence the finding');
    if (isScript(c) && !run(rule, c).parseError) assert.equal(after.parseError, undefined, 'the suppress fix broke parsing');
  }
}

/** Asserts that a valid case produces no finding of the rule (and that the rule does not throw). */
export function verifyValidCase(rule: Rule, c: ValidCase): void {
  const { findings, notes } = run(rule, c);
  assertNoRuleFailure(rule, notes);
  assert.deepEqual(findings.map((f) => f.message), [], 'expected no findings');
  checkAllRulesPrefilter(rule, c);
}

/**
 * Asserts everything about an invalid case: the findings' message ids, positions and severities; that no message or
 * fix title shows the reported value; each fix's exact output, that it parses and removes its finding; and that the
 * suppress fix silences each finding.
 */
export function verifyInvalidCase(rule: Rule, c: InvalidCase): void {
  assert.ok(c.errors && c.errors.length > 0, 'an invalid case must list its errors');
  const { findings, notes } = run(rule, c);
  assertNoRuleFailure(rule, notes);
  const lines = new LineIndex(c.code);
  const actual = findings.map((f, i) => {
    const pos = lines.positionAt(f.start);
    return { messageId: f.messageId, line: pos.line, column: pos.column, ...(c.errors[i]?.severity ? { severity: f.severity } : {}) };
  });
  const expected = c.errors.map((e) => ({
    messageId: e.messageId, line: e.line, column: e.column, ...(e.severity ? { severity: e.severity } : {}),
  }));
  assert.deepEqual(actual, expected, `findings: ${findings.map((f) => f.message).join(' | ')}`);
  for (const f of findings) assert.ok(!/\{\{\w+\}\}/.test(f.message), `message has an unfilled placeholder: ${f.message}`);
  checkLeaks(c.code, findings);
  checkFixes(rule, c, findings);
  checkSuppression(rule, c, findings);
  checkAllRulesPrefilter(rule, c);
}

/** Declares mocha tests for a rule from a table of valid and invalid cases. */
export function ruleTable(rule: Rule, table: RuleTable): void {
  describe(rule.meta.id, () => {
    const problems = tableProblems(rule, table);
    it('has a well-formed test table', () => {
      assert.deepEqual(problems, []);
    });

    describe('valid', () => {
      for (const v of table.valid) {
        const c = typeof v === 'string' ? { code: v } : v;
        it(title(c), () => verifyValidCase(rule, c));
      }
    });

    describe('invalid', () => {
      for (const c of table.invalid) it(title(c), () => verifyInvalidCase(rule, c));
    });
  });
}
