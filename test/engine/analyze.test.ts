// Engine tests: one traversal, text fallback, suppressions, masking, configuration, robustness, fingerprints.
import * as assert from 'node:assert/strict';
import { analyze, applyChanges, defineRule, LineIndex, SUPPRESSION_RULE_ID, type Rule, type SourceFile } from '../../server/src/engine';
import { RULES } from '../../rules';

/** A test rule: reports every string literal equal to `BAD` (and every `BAD` word in text mode). */
function badWordRule(id = 'bad-word', log?: string[]): Rule {
  return defineRule({
    meta: {
      id, description: 'test', guideline: ['2.3b'], defaultSeverity: 'warning', why: 'w', howToFix: 'h',
      messages: { bad: 'Found {{what}} here.' }, fixes: { good: 'safe' },
    },
    create: (ctx) => ({
      Literal(node: { value: unknown; range: [number, number] }) {
        log?.push(`${id}:${node.range[0]}`);
        if (node.value === 'BAD') {
          ctx.report({ node, messageId: 'bad', data: { what: 'BAD' }, fixes: [{ id: 'good', title: 'Use GOOD', changes: [{ start: node.range[0], end: node.range[1], text: "'GOOD'" }] }] });
        }
      },
      text(source: SourceFile) {
        for (const m of source.text.matchAll(/\bBAD\b/g)) ctx.report({ start: m.index!, end: m.index! + 3, messageId: 'bad', data: { what: 'BAD' } });
      },
    }),
  });
}

const run = (text: string, path = 'src/a.ts', extra: Partial<Parameters<typeof analyze>[1]> = {}) =>
  analyze(text, { path, rules: [badWordRule()], today: '2026-06-01', ...extra });

describe('engine: analyze', () => {
  it('dispatches every node to all rules in ONE traversal (visits interleave per node)', () => {
    const log: string[] = [];
    analyze("const a = 'x'; const b = 'y';", { path: 'a.js', rules: [badWordRule('r1', log), badWordRule('r2', log)] });
    assert.deepEqual(log, ['r1:10', 'r2:10', 'r1:25', 'r2:25']);
  });

  it('reports findings with rule id, severity, message, offsets and fixes', () => {
    const { findings } = run("const a = 'BAD';");
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.equal(f.ruleId, 'bad-word');
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, 'Found BAD here.');
    assert.deepEqual([f.start, f.end], [10, 15]);
    assert.deepEqual(f.fixes.map((x) => [x.id, x.safety]), [['good', 'safe'], ['suppress', 'unsafe']]);
    assert.deepEqual(f.explanation.guideline, ['2.3b']);
  });

  it('fills the explanation with the guideline clause text given by the caller', () => {
    const { findings } = run("const a = 'BAD';", 'a.ts', { guidelineText: { '2.3b': 'Keep merchant keys away.' } });
    assert.equal(findings[0].explanation.guidelineText, 'Keep merchant keys away.');
  });

  it('parses TSX, JSX in .js, and module syntax', () => {
    assert.equal(run("const x = <div title={'BAD'} />;", 'a.tsx').findings.length, 1);
    assert.equal(run("export const x = <div title={'BAD'} />;", 'a.js').findings.length, 1);
    assert.equal(run("const x = <string>'BAD';", 'a.ts').findings.length, 1);
    assert.equal(run("import x from 'y'; export default 'BAD';", 'a.mjs').findings.length, 1);
  });

  it('degrades to text visitors when a script does not parse (half-typed code)', () => {
    const r = run("const a = 'BAD';\nfunction (", 'a.ts');
    assert.ok(r.parseError, 'parse error is reported');
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].start, 11);
  });

  it('analyses code TypeScript parses but ESTree forbids, with every rule, as it is typed (no parse error, no rule failure)', () => {
    // A `throw` whose expression is on the next line, an optional object property, an abstract method with a body:
    // the compiler reports these, the linter's tree keeps them (a missing `throw` argument, an odd flag).
    const text = [
      "import express from 'express';",
      'const app = express();',
      "const stripeSecretKey = 'sk_live_51Hq2xKJ8fZ3vW9tY6uP0aB4cD7eF1gH';",
      'const defaults = { retries?: 3 };',
      'abstract class Gateway { abstract charge(amount: number) { return amount; } }',
      "app.post('/api/pay', (req, res) => {",
      '  if (!req.body) throw',
      "    new Error('missing body');",
      '  res.json({ ok: true, amount: req.body.amount });',
      '});',
    ].join('\n');
    const r = analyze(text, { path: 'src/server/pay.ts', rules: RULES, today: '2026-06-01' });
    assert.equal(r.parseError, undefined);
    assert.deepEqual(r.notes, []);
    assert.ok(r.findings.some((f) => f.ruleId === 'hardcoded-secret'), 'the AST rules ran');
  });

  it('runs text visitors for non-script files', () => {
    const r = run('KEY=BAD\n', 'config/.env');
    assert.equal(r.parseError, undefined);
    assert.deepEqual(r.findings.map((f) => f.start), [4]);
  });

  it('never throws: a failing rule is skipped with a note, other rules still report', () => {
    const broken = defineRule({
      meta: { id: 'broken', description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: { m: 'm' } },
      create: () => ({ Literal() { throw new Error('boom'); } }),
    });
    const r = analyze("const a = 'BAD';", { path: 'a.ts', rules: [broken, badWordRule()] });
    assert.equal(r.findings.length, 1);
    assert.match(r.notes.join('\n'), /broken failed/);
  });

  it('masks secrets a rule passes in `secrets`, wherever they appear in the message', () => {
    const leaky = defineRule({
      meta: { id: 'leaky', description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: { m: 'Key {{k}} found' } },
      create: (ctx) => ({ Literal(node: { value: string; range: [number, number] }) { ctx.report({ node, messageId: 'm', data: { k: node.value }, secrets: [node.value] }); } }),
    });
    const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const r = analyze(`const k = '${secret}';`, { path: 'a.ts', rules: [leaky] });
    assert.equal(r.findings[0].message, 'Key sk_live_****p7dc found');
    assert.ok(!JSON.stringify(r).includes(secret));
  });

  it('applies configured severity, off, and a rule\'s severity cap', () => {
    assert.equal(run("'BAD'", 'a.ts', { config: { rules: { 'bad-word': 'error' } } }).findings[0].severity, 'error');
    assert.equal(run("'BAD'", 'a.ts', { config: { rules: { 'bad-word': ['info', {}] } } }).findings[0].severity, 'info');
    assert.equal(run("'BAD'", 'a.ts', { config: { rules: { 'bad-word': 'off' } } }).findings.length, 0);
    const capped = defineRule({
      meta: { id: 'capped', description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: { m: 'm' } },
      create: (ctx) => ({ Literal(node: { range: [number, number] }) { ctx.report({ node, messageId: 'm', severityCap: 'warning' }); } }),
    });
    assert.equal(analyze("'x'", { path: 'a.ts', rules: [capped] }).findings[0].severity, 'warning');
    assert.equal(analyze("'x'", { path: 'a.ts', rules: [capped], config: { rules: { capped: 'info' } } }).findings[0].severity, 'info');
  });

  it('passes merged rule options to the rule', () => {
    let seen: Record<string, unknown> = {};
    const withOptions = defineRule({
      meta: { id: 'opt', description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: { m: 'm' }, defaultOptions: { a: 1, b: 2 } },
      create: (ctx) => { seen = ctx.options; return {}; },
    });
    analyze('1', { path: 'a.ts', rules: [withOptions], config: { rules: { opt: ['warning', { b: 3 }] } } });
    assert.deepEqual(seen, { a: 1, b: 3 });
  });

  it('skips disabled, ignored, binary and oversized input with a reason', () => {
    assert.equal(run("'BAD'", 'a.ts', { config: { enable: false } }).skipped, 'disabled');
    assert.equal(run("'BAD'", 'gen/a.ts', { config: { ignore: ['gen/'] } }).skipped, 'ignored by configuration');
    assert.equal(run("'BAD'", 'deep/x/a.generated.ts', { config: { ignore: ['*.generated.ts'] } }).skipped, 'ignored by configuration');
    assert.equal(run('BAD\u0000\u0001', 'a.bin').skipped, 'binary content');
    assert.match(run('x'.repeat(20_000_001), 'a.txt').skipped ?? '', /larger than 20000000 characters/);
  });

  it('judges declaration files (.d.ts) with the rules that opt in only, on their text, without a parse', () => {
    const declarations = { ...badWordRule('declared'), meta: { ...badWordRule('declared').meta, declarationFiles: true } };
    const rules = [badWordRule(), declarations];
    const text = "export declare const a = 'BAD';";
    const asScript = analyze(text, { path: 'src/a.ts', rules });
    assert.deepEqual(asScript.findings.map((f) => f.ruleId), ['bad-word', 'declared']);
    assert.equal(asScript.stats.parses, 1);
    for (const path of ['src/a.d.ts', 'dist/a.d.mts', 'dist/a.d.cts', 'src/App.D.TS', 'src/styles.d.css.ts', 'C:\\proj\\types\\env.d.ts']) {
      const r = analyze(text, { path, rules });
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['declared'], path);
      assert.deepEqual({ parses: r.stats.parses, notes: r.notes, parseError: r.parseError }, { parses: 0, notes: [], parseError: undefined }, path);
    }
    // Not declaration files: a file named `d.ts`, a `.d` directory, a backup, a dotted name.
    for (const path of ['src/d.ts', 'src/a.d/index.ts', 'src/a.d.tsx', 'src/a.dts.ts']) {
      assert.equal(analyze(text, { path, rules }).stats.parses, 1, path);
    }
    assert.equal(analyze(text, { path: 'src/a.d.ts.bak', rules }).findings.length, 2, 'a text file: both rules\' text checks');
  });

  it('marks fixture and test files for rules', () => {
    let src: SourceFile | undefined;
    const probe = defineRule({
      meta: { id: 'probe', description: 't', guideline: [], defaultSeverity: 'error', why: '', howToFix: '', messages: {} },
      create: (ctx) => { src = ctx.source; return {}; },
    });
    analyze('x', { path: 'test/fixtures/keys.ts', rules: [probe], config: { fixtures: ['test/fixtures/**'] } });
    assert.equal(src?.isFixture, true);
    assert.equal(src?.isTestFile, true);
    analyze('x', { path: 'src/pay.ts', rules: [probe], config: { fixtures: ['test/fixtures/**'] } });
    assert.equal(src?.isFixture, false);
    assert.equal(src?.isTestFile, false);
    const testFile = (path: string) => {
      analyze('x', { path, rules: [probe] });
      return src?.isTestFile;
    };
    for (const path of ['test.js', 'lib/proxy/tests.mjs', 'spec.ts', 'src/__tests__/pay.ts', 'pay.spec.tsx', 'e2e/spec/checkout.ts']) assert.equal(testFile(path), true, path);
    for (const path of ['src/contest.js', 'src/latest.ts', 'src/test-utils/helpers.txt', 'src/testing.ts', 'src/specs.json', 'attest.ts']) assert.equal(testFile(path), false, path);
  });

  it('survives nesting too deep for the parser: degrades to text checks', () => {
    const depth = 5000;
    const text = `const a = ${'['.repeat(depth)}'BAD'${']'.repeat(depth)};`;
    const r = analyze(text, { path: 'a.js', rules: [badWordRule()] });
    assert.equal(r.findings.length, 1, 'the text fallback still sees the literal');
    assert.match(r.parseError?.message ?? '', /too deeply nested/);
  });

  it('fingerprints a finding on a very long (minified) line by the text around it, not the whole line', () => {
    const filler = 'x'.repeat(600);
    const before = run(`const a = ['BAD', '${filler}', 'end-1'];`, 'a.js').findings[0].fingerprint;
    const farEdit = run(`const a = ['BAD', '${filler}', 'end-2'];`, 'a.js').findings[0].fingerprint;
    const nearEdit = run(`const b = ['BAD', '${filler}', 'end-1'];`, 'a.js').findings[0].fingerprint;
    assert.equal(farEdit, before);
    assert.notEqual(nearEdit, before);
  });

  it('gives fingerprints that do not depend on the line number and differ per occurrence', () => {
    const a = run("const a = 'BAD';\nconst b = 'BAD';").findings;
    const b = run("\n\n// moved down\nconst a = 'BAD';\nconst b = 'BAD';").findings;
    assert.deepEqual(a.map((f) => f.fingerprint), b.map((f) => f.fingerprint));
    assert.notEqual(a[0].fingerprint, a[1].fingerprint);
  });
});

describe('engine: suppression comments', () => {
  // Rule findings only: problems with the comments themselves are tested under "suppression governance".
  const count = (text: string, path = 'a.ts', today = '2026-06-01') =>
    analyze(text, { path, rules: [badWordRule(), badWordRule('other')], today }).findings.filter((f) => f.ruleId !== SUPPRESSION_RULE_ID).length;

  it('disable-next-line for one rule, several rules, or all', () => {
    assert.equal(count("// codepay-guard-disable-next-line bad-word -- test data\nconst a = 'BAD';"), 1);
    assert.equal(count("// codepay-guard-disable-next-line bad-word, other -- test data\nconst a = 'BAD';"), 0);
    assert.equal(count("// codepay-guard-disable-next-line\nconst a = 'BAD';"), 0);
    assert.equal(count("// codepay-guard-disable-next-line bad-word other\nconst a = 'BAD';\nconst b = 'BAD';"), 2);
  });

  it('disable-line on the same line, in line and block comments', () => {
    assert.equal(count("const a = 'BAD'; // codepay-guard-disable-line bad-word, other"), 0);
    assert.equal(count("const a = 'BAD'; /* codepay-guard-disable-line bad-word, other -- ok */"), 0);
    assert.equal(count("/* codepay-guard-disable-next-line bad-word, other -- ok */\nconst a = 'BAD';"), 0);
  });

  it('block disable … enable', () => {
    const text = "// codepay-guard-disable bad-word\nconst a = 'BAD';\n// codepay-guard-enable bad-word\nconst b = 'BAD';";
    const r = analyze(text, { path: 'a.ts', rules: [badWordRule()] });
    assert.deepEqual(r.findings.filter((f) => f.ruleId !== SUPPRESSION_RULE_ID).map((f) => f.start), [text.lastIndexOf("'BAD'")]);
    assert.equal(count("// codepay-guard-disable\nconst a = 'BAD';\nconst b = 'BAD';"), 0);
  });

  it('honours `until` dates: the finding returns after the date', () => {
    const text = "// codepay-guard-disable-next-line bad-word, other until 2026-12-31 -- key rotates in December\nconst a = 'BAD';";
    assert.equal(count(text, 'a.ts', '2026-06-01'), 0);
    assert.equal(count(text, 'a.ts', '2027-01-01'), 2);
  });

  it('ignores a directive with a malformed date and says so', () => {
    const r = analyze("// codepay-guard-disable-next-line bad-word until someday\nconst a = 'BAD';", { path: 'a.ts', rules: [badWordRule()] });
    assert.equal(r.findings.length, 1);
    assert.match(r.notes.join(), /invalid date/);
  });

  it('works in #, // and <!-- --> comments of text files', () => {
    assert.equal(count('# codepay-guard-disable-next-line bad-word, other -- sample\nKEY=BAD\n', '.env'), 0);
    assert.equal(count('key: BAD # codepay-guard-disable-line bad-word, other\n', 'a.yaml'), 0);
    assert.equal(count('<!-- codepay-guard-disable-next-line bad-word, other -- sample -->\n<v>BAD</v>\n', 'a.xml'), 0);
    assert.equal(count('<!-- codepay-guard-disable-next-line bad-word -->\n<v>BAD</v>\n', 'a.xml'), 1);
    assert.equal(count('-- codepay-guard-disable-next-line bad-word, other -- legacy table\nBAD\n', 'db/schema.sql'), 0);
  });

  it('does not treat directive-looking text inside a JS string as a comment', () => {
    assert.equal(count("const s = '// codepay-guard-disable-line'; const a = 'BAD';"), 2);
  });

  it('a suppression fix inserts a comment in the file\'s own syntax, indented, and removes the finding', () => {
    const cases: Array<[string, string, string]> = [
      ['a.ts', "function f() {\n  return 'BAD';\n}", "function f() {\n  // codepay-guard-disable-next-line bad-word -- <reason>\n  return 'BAD';\n}"],
      ['.env.production', 'A=1\nKEY=BAD\n', 'A=1\n# codepay-guard-disable-next-line bad-word -- <reason>\nKEY=BAD\n'],
      ['a.xml', '<a>\n  <v>BAD</v>\n</a>', '<a>\n  <!-- codepay-guard-disable-next-line bad-word -- <reason> -->\n  <v>BAD</v>\n</a>'],
      ['a.yaml', 'k:\n  v: BAD\r\n', 'k:\n  # codepay-guard-disable-next-line bad-word -- <reason>\r\n  v: BAD\r\n'],
      ['db/schema.sql', 'CREATE TABLE t (\n  c BAD\n);', 'CREATE TABLE t (\n  -- codepay-guard-disable-next-line bad-word -- <reason>\n  c BAD\n);'],
      ['prisma/schema.prisma', 'model T {\n  c BAD\n}', 'model T {\n  // codepay-guard-disable-next-line bad-word -- <reason>\n  c BAD\n}'],
    ];
    for (const [path, before, after] of cases) {
      const f = analyze(before, { path, rules: [badWordRule()] }).findings[0];
      const fix = f.fixes.find((x) => x.id === 'suppress')!;
      const c = fix.changes[0];
      const fixed = before.slice(0, c.start) + c.text + before.slice(c.end);
      assert.equal(fixed, after, path);
      assert.equal(analyze(fixed, { path, rules: [badWordRule()] }).findings.length, 0, path);
    }
  });

  it('offers no suppression fix inside a multi-line XML start tag, where a comment would break the file', () => {
    const text = '<manifest>\n  <application\n      android:label="BAD">\n  </application>\n</manifest>';
    const f = analyze(text, { path: 'AndroidManifest.xml', rules: [badWordRule()] }).findings[0];
    assert.deepEqual(f.fixes.map((x) => x.id), []);
  });

  it('offers no suppression fix in plain JSON, which has no comments', () => {
    const f = analyze('{"k": "BAD"}', { path: 'a.json', rules: [badWordRule()] }).findings[0];
    assert.deepEqual(f.fixes.map((x) => x.id), []);
  });
});

describe('engine: LineIndex', () => {
  it('maps offsets to 1-based lines and columns with LF, CRLF and CR', () => {
    const li = new LineIndex('ab\r\ncd\nef\rg');
    assert.deepEqual(li.positionAt(0), { line: 1, column: 1 });
    assert.deepEqual(li.positionAt(4), { line: 2, column: 1 });
    assert.deepEqual(li.positionAt(8), { line: 3, column: 2 });
    assert.deepEqual(li.positionAt(10), { line: 4, column: 1 });
    assert.equal(li.lineText(0), 'ab');
    assert.equal(li.lineCount, 4);
  });

  it('finds the same lines in a file with line feeds only (searched for, rather than read character by character)', () => {
    for (const text of ['', '\n', 'a', '\nab\n\ncd\n', 'ab\ncd', `${'x'.repeat(5000)}\n\n${'y'.repeat(10)}\n`]) {
      const li = new LineIndex(text);
      const expected = text.split('\n');
      assert.equal(li.lineCount, expected.length, JSON.stringify(text));
      expected.forEach((line, i) => assert.equal(li.lineText(i), line, `${JSON.stringify(text)} line ${i}`));
      assert.deepEqual(li.positionAt(text.length), { line: expected.length, column: expected[expected.length - 1].length + 1 });
    }
  });
});

describe('engine: suppression governance', () => {
  const rules = [badWordRule(), badWordRule('other')];
  const analyse = (text: string, extra: Partial<Parameters<typeof analyze>[1]> = {}) =>
    analyze(text, { path: 'src/a.ts', rules, today: '2026-06-01', ...extra });
  const governance = (text: string, extra: Partial<Parameters<typeof analyze>[1]> = {}) =>
    analyse(text, extra).findings.filter((f) => f.ruleId === SUPPRESSION_RULE_ID).map((f) => `${f.messageId}@${new LineIndex(text).positionAt(f.start).line}:${f.severity}`);

  it('reports a suppression without a reason, and still honours it', () => {
    const text = "// codepay-guard-disable-next-line bad-word, other\nconst a = 'BAD';";
    assert.deepEqual(governance(text), ['missingReason@1:warning']);
    assert.equal(analyse(text).findings.filter((f) => f.ruleId !== SUPPRESSION_RULE_ID).length, 0);
    assert.deepEqual(governance(text, { config: { suppressions: { requireReason: false } } }), []);
  });

  it('reports a suppression that hides nothing, with a safe fix that removes it (whole line, or the trailing comment)', () => {
    const text = "// codepay-guard-disable-next-line bad-word -- was a test key\nconst a = 'GOOD';\nconst b = 1; // codepay-guard-disable-line other -- legacy\n";
    const r = analyse(text);
    assert.deepEqual(governance(text), ['unused@1:warning', 'unused@3:warning']);
    const [first, second] = r.findings;
    assert.match(first.message, /Unused suppression: no `bad-word` finding on its line/);
    assert.equal(first.fixes.length, 1);
    assert.equal(first.fixes[0].safety, 'safe');
    assert.equal(applyChanges(text, first.fixes[0].changes), "const a = 'GOOD';\nconst b = 1; // codepay-guard-disable-line other -- legacy\n");
    assert.equal(applyChanges(text, second.fixes[0].changes), "// codepay-guard-disable-next-line bad-word -- was a test key\nconst a = 'GOOD';\nconst b = 1;\n");
    assert.deepEqual(r.suppressions.map((u) => [u.status, u.suppressed, u.reason]), [['unused', 0, 'was a test key'], ['unused', 0, 'legacy']]);
  });

  it('names the ids of a comment that are unused while others are used', () => {
    const text = "// codepay-guard-disable-next-line bad-word, other, nope -- sample\nconst a = 'BAD';";
    const r = analyse(text, { rules: [badWordRule()] });
    const unused = r.findings.filter((f) => f.ruleId === SUPPRESSION_RULE_ID);
    assert.equal(unused.length, 1);
    assert.match(unused[0].message, /`other`, `nope`/);
    assert.deepEqual(r.suppressions.map((u) => [u.status, u.suppressed]), [['used', 1]]);
  });

  it('uses the configured severity for unused suppressions, or none when off', () => {
    const text = "// codepay-guard-disable-next-line bad-word -- old\nconst a = 1;";
    assert.deepEqual(governance(text, { config: { suppressions: { reportUnused: 'error' } } }), ['unused@1:error']);
    assert.deepEqual(governance(text, { config: { suppressions: { reportUnused: 'off' } } }), []);
  });

  it('brings an expired suppression\'s finding back with a note, and reports the comment as expired', () => {
    const text = "// codepay-guard-disable-next-line bad-word until 2026-03-31 -- rotating the key\nconst a = 'BAD';";
    const r = analyse(text);
    const finding = r.findings.find((f) => f.ruleId === 'bad-word')!;
    assert.match(finding.message, /The suppression comment on line 1 expired on 2026-03-31/);
    assert.deepEqual(governance(text), ['expired@1:warning']);
    assert.deepEqual(r.suppressions.map((u) => [u.status, u.until, u.reason]), [['expired', '2026-03-31', 'rotating the key']]);
    assert.deepEqual(governance(text, { today: '2026-03-31' }), [], 'still valid on its last day');
  });

  it('does not call suppressions unused while the file does not parse (only text checks ran)', () => {
    assert.deepEqual(governance("// codepay-guard-disable-next-line bad-word -- sample\nconst a = ;"), []);
  });

  it('a block suppression counts every finding it hides', () => {
    const text = "// codepay-guard-disable bad-word -- fixtures\nconst a = 'BAD';\nconst b = 'BAD';\n// codepay-guard-enable bad-word\n";
    assert.deepEqual(analyse(text).suppressions.map((u) => [u.kind, u.status, u.suppressed]), [['disable', 'used', 2]]);
  });
});

describe('engine: baseline and fixtures', () => {
  it('hides exactly the baselined findings, by rule and line-independent fingerprint', () => {
    const text = "const a = 'BAD';\nconst b = 'BAD'; // other\n";
    const all = analyze(text, { path: 'a.ts', rules: [badWordRule()] });
    assert.equal(all.findings.length, 2);
    const known = new Set([`bad-word:${all.findings[0].fingerprint}`]);
    const moved = `// a new header line\n\n${text}`;
    const r = analyze(moved, { path: 'a.ts', rules: [badWordRule()], baseline: known });
    assert.equal(r.baselined, 1);
    assert.deepEqual(r.findings.map((f) => f.start), [moved.lastIndexOf("'BAD'")]);
    const edited = analyze(text.replace("const a = 'BAD'", "const a2 = 'BAD'"), { path: 'a.ts', rules: [badWordRule()], baseline: known });
    assert.equal(edited.baselined, 0, 'a changed line resurfaces');
  });

  it('reports findings in fixture globs one level lower', () => {
    const r = analyze("const a = 'BAD';", { path: 'test/fixtures/a.ts', rules: [badWordRule()], config: { fixtures: ['test/fixtures/**'] } });
    assert.equal(r.findings[0].severity, 'info');
  });

  it('carries a masked snippet of the line', () => {
    const r = analyze("const a = 'BAD'; const k = 'zq8Yt3Lm0Pw9Rb4Nc7Vx2Kd5';", { path: 'a.ts', rules: [badWordRule()] });
    assert.equal(r.findings[0].snippet, "const a = 'BAD'; const k = '****2Kd5';");
  });
});
