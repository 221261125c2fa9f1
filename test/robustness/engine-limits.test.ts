// The engine's limits: the per-file time budget (measured with a fake clock, so no assertion depends on speed), the
// size above which scripts get the text checks only, the hard cap, a traversal that cannot overflow the stack, and
// rules that throw — isolated in the engine, and logged by the language server's analyzer.
import * as assert from 'node:assert/strict';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  analyze, defineRule, DEFAULT_TIME_BUDGET_MS, HARD_MAX_FILE_CHARS, MAX_FILE_CHARS, SUPPRESSION_RULE_ID, traverse, addHandler, type DispatchTable,
  type AnalyzeOptions, type Rule,
} from '../../server/src/engine';
import { GUIDELINE, RULES } from '../../rules';
import { DocumentAnalyzer } from '../../server/src/lsp/analysis';
import { fakeKey } from '../cli/helpers';

const KEY = fakeKey('LIMITS');

/** A clock that only moves when told to: the budget is then a matter of logic, not of machine speed. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

/** A rule reporting every string literal; `onVisit` runs first (to move a fake clock, or to throw). */
function literalRule(id: string, onVisit: () => void = () => {}): Rule {
  return defineRule({
    meta: { id, description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: { m: 'literal' } },
    create: (ctx) => ({
      Literal(node: { value: unknown; range: [number, number] }) {
        onVisit();
        if (typeof node.value === 'string') ctx.report({ node, messageId: 'm' });
      },
    }),
  });
}

/** A rule with a text check only; `onVisit` runs before it reports the first line. */
function textRule(id: string, onVisit: () => void = () => {}): Rule {
  return defineRule({
    meta: { id, description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: { m: 'text' } },
    create: (ctx) => ({
      text() {
        onVisit();
        ctx.report({ start: 0, end: 1, messageId: 'm' });
      },
    }),
  });
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `const v${i} = 'value ${i}';`).join('\n');

/** An owner for handlers that do not throw. */
const NEVER_FAILS = { failed: false, fail() {} };

describe('robustness: the time budget', () => {
  it('stops dispatching once the budget is spent, keeps what was found, and says so', () => {
    const clock = fakeClock();
    let visits = 0;
    // Each literal "takes" 1 ms: 100 ms of budget cannot cover 2,000 literals.
    const slow = literalRule('slow', () => { visits++; clock.advance(1); });
    const r = analyze(lines(2_000), { path: 'src/a.ts', rules: [slow], timeBudgetMs: 100, clock: clock.now });
    assert.match(r.incomplete ?? '', /^analysis stopped after \d+ ms \(time budget of 100 ms\): findings may be incomplete$/);
    assert.ok(r.notes.includes(r.incomplete!), 'the budget is also a note');
    assert.equal(r.skipped, undefined);
    assert.ok(visits >= 100 && visits < 2_000, `${visits} literals visited`);
    assert.ok(r.findings.length > 0 && r.findings.length < 2_000, `${r.findings.length} findings kept`);
    assert.ok(r.stats.nodes < 8_000, `${r.stats.nodes} nodes: the walk stopped early`);
  });

  it('checks between text checks: once one spends it, the next does not run', () => {
    const clock = fakeClock();
    let second = false;
    const r = analyze('KEY=value\n', {
      path: 'config/.env', timeBudgetMs: 50, clock: clock.now,
      rules: [textRule('first', () => clock.advance(60)), textRule('second', () => { second = true; })],
    });
    assert.equal(second, false);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['first']);
    assert.match(r.incomplete ?? '', /time budget of 50 ms/);
  });

  it('dispatches nothing when the parse alone spent the budget', () => {
    let reads = 0;
    // The first reading starts the budget; every later one is an hour on.
    const clock = () => (reads++ === 0 ? 0 : 3_600_000);
    let visited = false;
    const r = analyze("const a = 'x';", { path: 'src/a.ts', rules: [literalRule('r', () => { visited = true; })], timeBudgetMs: 1_000, clock });
    assert.equal(visited, false);
    assert.equal(r.stats.traversals, 0);
    assert.match(r.incomplete ?? '', /analysis stopped after 3600000 ms/);
  });

  it('does not call a suppression "unused" when the rules did not run to the end', () => {
    const clock = fakeClock();
    const text = `${lines(2_000)}\n// codepay-guard-disable-next-line slow -- fixture\nconst last = 'x';\n`;
    const r = analyze(text, { path: 'src/a.ts', rules: [literalRule('slow', () => clock.advance(1))], timeBudgetMs: 100, clock: clock.now });
    assert.ok(r.incomplete);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === SUPPRESSION_RULE_ID), []);
  });

  it('has a default that a normal file never reaches', () => {
    assert.equal(DEFAULT_TIME_BUDGET_MS, 10_000);
    const r = analyze(`${lines(500)}\nconst stripeKey = '${KEY}';\n`, { path: 'src/a.ts', rules: RULES, guidelineText: GUIDELINE });
    assert.equal(r.incomplete, undefined);
    assert.ok(r.findings.some((f) => f.ruleId === 'hardcoded-secret'));
  });
});

describe('robustness: file size limits', () => {
  const opts = (path: string, extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions => ({ path, rules: RULES, guidelineText: GUIDELINE, ...extra });

  it('gives a script above maxFileSize the text checks only: no parse, the key still found, and a clear note', () => {
    const text = `${lines(100)}\nconst stripeKey = '${KEY}';\n`;
    const r = analyze(text, opts('src/big.ts', { maxFileSize: 1_000 }));
    assert.equal(r.stats.parses, 0);
    assert.equal(r.incomplete, 'file too large for full analysis (more than 1000 characters): text checks only');
    assert.ok(r.notes.includes(r.incomplete!));
    assert.ok(r.findings.some((f) => f.ruleId === 'hardcoded-secret'), 'the text checks report the key');
    assert.deepEqual(r.findings.filter((f) => f.ruleId === SUPPRESSION_RULE_ID), [], 'no "unused suppression" while AST rules did not run');
  });

  it('defaults the limit to 2,000,000 characters, and analyses a text file above it in full', () => {
    assert.equal(MAX_FILE_CHARS, 2_000_000);
    const padding = '#'.repeat(MAX_FILE_CHARS);
    const env = analyze(`${padding}\nSTRIPE_SECRET_KEY=${KEY}\n`, opts('config/.env'));
    assert.equal(env.incomplete, undefined, 'text files only ever get the text checks: nothing is missing');
    assert.equal(env.skipped, undefined);
    assert.ok(env.findings.some((f) => f.ruleId === 'hardcoded-secret'));
    const script = analyze(`//${padding}\nconst stripeKey = '${KEY}';\n`, opts('src/a.js'));
    assert.match(script.incomplete ?? '', /more than 2000000 characters/);
  });

  it('skips everything above the hard cap', () => {
    assert.equal(HARD_MAX_FILE_CHARS, 20_000_000);
    const r = analyze('x'.repeat(HARD_MAX_FILE_CHARS + 1), opts('data/dump.txt', { maxFileSize: 50_000_000 }));
    assert.equal(r.skipped, 'larger than 20000000 characters');
    assert.deepEqual(r.findings, []);
  });
});

describe('robustness: the traversal on very deep trees', () => {
  /** A program holding one expression statement of `depth` nested unary `!` around a literal. */
  function deepProgram(depth: number): TSESTree.Program {
    let expr: unknown = { type: 'Literal', value: 'x', raw: "'x'", range: [depth, depth + 3] };
    for (let i = depth - 1; i >= 0; i--) expr = { type: 'UnaryExpression', operator: '!', prefix: true, argument: expr, range: [i, depth + 3] };
    const statement = { type: 'ExpressionStatement', expression: expr, range: [0, depth + 3] };
    return { type: 'Program', body: [statement], sourceType: 'module', comments: [], tokens: [], range: [0, depth + 3] } as unknown as TSESTree.Program;
  }

  it('walks a tree 100,000 levels deep without recursion, calling its enter and exit handlers', () => {
    const depth = 100_000;
    const events: string[] = [];
    let exits = 0;
    const table: DispatchTable = new Map();
    addHandler(table, 'Literal', () => events.push('literal'), NEVER_FAILS);
    addHandler(table, 'UnaryExpression:exit', () => { exits++; }, NEVER_FAILS);
    const visited = traverse(deepProgram(depth), table);
    assert.equal(visited, depth + 3);
    assert.deepEqual(events, ['literal']);
    assert.equal(exits, depth);
  });

  it('ends the walk when told to stop, without the exit handlers of the open nodes', () => {
    let exits = 0;
    let asked = 0;
    const table: DispatchTable = new Map();
    addHandler(table, 'UnaryExpression:exit', () => { exits++; }, NEVER_FAILS);
    const visited = traverse(deepProgram(10_000), table, () => ++asked >= 3);
    assert.ok(visited < 1_000, `${visited} nodes visited`);
    assert.equal(exits, 0);
  });
});

describe('robustness: rules that throw', () => {
  const boom = (where: string) => () => { throw new Error(`boom in ${where}`); };
  const throwing = (id: string, visitors: Record<string, () => void>, throwOnCreate = false): Rule => defineRule({
    meta: { id, description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: { m: 'm' } },
    create: () => {
      if (throwOnCreate) throw new Error('boom in create');
      return visitors;
    },
  });

  it('isolates a rule that throws (in create, an enter or exit visitor, or a text check): the others still report', () => {
    const failing = [
      throwing('fails-create', {}, true),
      throwing('fails-enter', { Literal: boom('Literal') }),
      throwing('fails-exit', { 'Program:exit': boom('Program:exit') }),
    ];
    const script = analyze(`const stripeKey = '${KEY}';`, { path: 'src/a.ts', rules: [...failing, ...RULES] });
    assert.equal(script.skipped, undefined);
    assert.ok(script.findings.some((f) => f.ruleId === 'hardcoded-secret'), 'the real rules still report');
    assert.ok(script.notes.includes('rule fails-create failed to start: boom in create'));
    assert.ok(script.notes.includes('rule fails-enter failed and was skipped for this file: boom in Literal'));
    assert.ok(script.notes.includes('rule fails-exit failed and was skipped for this file: boom in Program:exit'));

    const text = analyze(`STRIPE_SECRET_KEY=${KEY}\n`, { path: 'config/.env', rules: [throwing('fails-text', { text: boom('text') }), ...RULES] });
    assert.ok(text.findings.some((f) => f.ruleId === 'hardcoded-secret'));
    assert.ok(text.notes.includes('rule fails-text failed and was skipped for this file: boom in text'));
  });

  it('drops the findings a rule made before it threw (a half-run rule may be wrong)', () => {
    let n = 0;
    const flaky = literalRule('flaky', () => { if (++n === 3) throw new Error('third literal'); });
    const r = analyze("a('1'); b('2'); c('3'); d('4');", { path: 'src/a.ts', rules: [flaky, literalRule('steady')] });
    assert.equal(r.findings.filter((f) => f.ruleId === 'flaky').length, 0);
    assert.equal(r.findings.filter((f) => f.ruleId === 'steady').length, 4);
  });

  it('the language server\'s analyzer logs the failing rule by id and still publishes the other rules\' findings', async () => {
    // The server always runs the real RULES: one of them is made to throw, in this process, for this test only.
    const victim = RULES.find((r) => r.meta.id === 'weak-password-hash')!;
    const original = victim.create;
    const published: Array<{ uri: string; diagnostics: Array<{ code?: unknown }> }> = [];
    const errors: string[] = [];
    const doc = TextDocument.create('file:///ws/src/a.ts', 'typescript', 1, `const stripeKey = '${KEY}';\nconst h = md5(password);\n`);
    const connection = {
      sendDiagnostics: async (p: { uri: string; diagnostics: Array<{ code?: unknown }> }) => { published.push(p); },
      console: { debug: () => {}, log: () => {}, info: () => {}, warn: () => {}, error: (m: string) => errors.push(m) },
    } as unknown as Connection;
    const documents = { get: (uri: string) => (uri === doc.uri ? doc : undefined), all: () => [doc] } as unknown as TextDocuments<TextDocument>;
    const loggedErrors: string[] = [];
    const analyzer = new DocumentAnalyzer({
      connection, documents,
      contextFor: async () => ({ config: {}, path: 'src/a.ts' }),
      isConfigFile: () => false,
      configFileEdited: () => {},
      logError: (context, err) => loggedErrors.push(`${context}: ${String(err)}`),
    }, 0);
    victim.create = () => ({ CallExpression: boom('CallExpression') });
    try {
      analyzer.validateNow(doc);
      const deadline = Date.now() + 20_000;
      while (published.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      victim.create = original;
    }
    assert.equal(published.length, 1, 'diagnostics were published');
    assert.ok(published[0].diagnostics.some((d) => d.code === 'hardcoded-secret'), 'the other rules\' findings are published');
    assert.ok(!published[0].diagnostics.some((d) => d.code === 'weak-password-hash'));
    assert.deepEqual(errors, ['file:///ws/src/a.ts: rule weak-password-hash failed and was skipped for this file: boom in CallExpression']);
    assert.deepEqual(loggedErrors, []);
  });
});
