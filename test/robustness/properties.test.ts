// Property-based tests (fast-check, seeded): on random merchant-like programs built from fragments, analysis never
// fails, every quick fix keeps the program parsing, and a suppression comment hides exactly the finding it was for.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, applyChanges, LineIndex, scriptDialect, selectSafeFixes, SUPPRESS_FIX_ID, SUPPRESSION_RULE_ID, type Finding } from '../../server/src/engine';
import { parseScript } from '../../server/src/engine/parse';
import { GUIDELINE, RULES } from '../../rules';

/** Fixed, so a failure reproduces; fast-check prints it (and the shrunk counterexample) when a property fails. */
const SEED = Number(process.env.CODEPAY_FC_SEED ?? 20_260_109);
const RUNS = 150;
const TODAY = '2025-06-01';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split('');
const body = (length: number, alphabet = ALNUM) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });

/** Values in the providers' key formats (random bodies: some look like filler and are rightly not reported). */
const keyLike = fc.oneof(
  body(24).map((b) => `sk_live_${b}`),
  body(24).map((b) => `sk_test_${b}`),
  body(32).map((b) => `whsec_${b}`),
  body(16, UPPER_DIGITS).map((b) => `AKIA${b}`),
  body(36).map((b) => `ghp_${b}`),
  body(40),
);
const plainString = fc.oneof(
  fc.constantFrom('', 'hello', 'changeme', 'http://api.example.com/pay', 'https://api.example.com', 'postgres://shop:s3cretPw@db.internal/shop',
    'SELECT * FROM orders WHERE id = ', 'TLSv1', 'md5', 'success', '4111 1111 1111 1111'),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019 _-./:$'.split('')), maxLength: 30 }),
);

function quoted(value: string, quote: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(quote === '`' ? '[`$]' : quote, 'g'), (c) => `\\${c}`);
  return `${quote}${escaped}${quote}`;
}

const stringLiteral = fc.tuple(fc.oneof(keyLike, plainString), fc.constantFrom("'", '"', '`')).map(([v, q]) => quoted(v, q));
const name = fc.constantFrom('stripeKey', 'apiSecret', 'password', 'merchantId', 'total', 'note', 'webhookSecret', 'dbUrl', 'orderId',
  'cardNumber', 'cvv', 'token', 'amount', 'signature', 'expectedSign', 'user');
const requestValue = fc.constantFrom('req.body.amount', 'req.body.cardNumber', 'req.body.cvv', 'req.query.id', 'req.params.id',
  'process.env.STRIPE_SECRET_KEY', 'req.headers.authorization', 'req.body.password', 'req.body');

const { expression } = fc.letrec((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringLiteral,
    name,
    requestValue,
    fc.integer({ min: 0, max: 100_000 }).map(String),
    fc.tuple(fc.constantFrom('md5', 'sha1', 'sha256'), tie('expression')).map(([alg, e]) => `crypto.createHash('${alg}').update(${e}).digest('hex')`),
    fc.tuple(tie('expression'), fc.constantFrom('+', '===', '==', '!==', '&&', '||'), tie('expression')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.array(fc.tuple(name, tie('expression')), { maxLength: 3 }).map((props) => `{ ${props.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
    fc.tuple(
      fc.constantFrom('fetch', 'axios.post', 'db.query', 'exec', 'eval', 'stripe.refunds.create', 'bcrypt.hash', 'md5', 'jwt.sign', 'Math.random'),
      fc.array(tie('expression'), { maxLength: 2 }),
    ).map(([callee, args]) => `${callee}(${args.join(', ')})`),
  ),
}));

const { statements } = fc.letrec((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom('const', 'let', 'var'), name, expression).map(([kind, n, e]) => `${kind} ${n} = ${e};`),
    fc.tuple(name, name, expression).map(([o, p, e]) => `${o}.${p} = ${e};`),
    // Shapes the other rules look for: SQL from the request, TLS settings, signature checks, password hashing.
    fc.tuple(fc.constantFrom('db.query', 'connection.execute', 'knex.raw'), requestValue).map(([q, v]) => `${q}('SELECT * FROM orders WHERE id = ' + ${v});`),
    fc.tuple(name, requestValue).map(([n, v]) => `if (${n} === ${v}) {\n  res.send('success');\n}`),
    fc.constantFrom(
      'const agent = new https.Agent({ rejectUnauthorized: false });',
      "tls.connect({ host: 'pay.example.com', secureProtocol: 'TLSv1_method' });",
      "const hashed = crypto.createHash('md5').update(req.body.password).digest('hex');",
      "fetch('http://api.example.com/pay', { method: 'POST' });",
      'const nonce = Math.random().toString(36);',
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
    ),
    fc.tuple(fc.constantFrom('logger.info', 'console.log', 'log.debug'), expression).map(([log, e]) => `${log}('event', ${e});`),
    fc.tuple(fc.constantFrom('const', 'let'), name, fc.array(fc.tuple(name, expression), { maxLength: 4 }))
      .map(([kind, n, props]) => `${kind} ${n}Config = {\n${props.map(([k, v]) => `  ${k}: ${v},`).join('\n')}\n};`),
    // An object literal at the start of a statement would be read as a block.
    expression.map((e) => (e.startsWith('{') ? `(${e});` : `${e};`)),
    fc.tuple(expression, tie('statements')).map(([e, body]) => `if (${e}) {\n${body}\n}`),
    fc.tuple(name, tie('statements')).map(([n, body]) => `function ${n}Handler(req, res) {\n${body}\n}`),
    fc.tuple(
      fc.constantFrom('get', 'post', 'put', 'delete'),
      fc.constantFrom('/checkout', '/admin/refund', '/webhooks/codepay', '/notify', '/coupons/redeem', '/users/:id/role', '/login'),
      fc.boolean(),
      tie('statements'),
      expression,
    ).map(([method, path, auth, body, reply]) => `app.${method}('${path}', ${auth ? 'requireAuth, ' : ''}async (req, res) => {\n${body}\n  res.json(${reply});\n});`),
  ),
  statements: fc.array(tie('statement'), { minLength: 1, maxLength: 5 }).map((list) => list.join('\n')),
}));

const program = fc.record({
  path: fc.constantFrom('src/routes/checkout.ts', 'src/public/pay.js', 'server/webhooks.js', 'src/admin.tsx'),
  head: fc.constantFrom('', "import express from 'express';\nimport crypto from 'crypto';\nconst app = express();\n"),
  body: statements,
  crlf: fc.boolean(),
}).map(({ path, head, body, crlf }) => {
  const text = `${head}${body}\n`;
  return { path, text: crlf ? text.replace(/\n/g, '\r\n') : text };
});

function run(text: string, path: string, prefilter = true) {
  return analyze(text, { path, rules: RULES, guidelineText: GUIDELINE, today: TODAY, prefilter });
}

function parses(text: string, path: string): boolean {
  const dialect = scriptDialect(path);
  return dialect !== undefined && parseScript(text, dialect).ok;
}

const failureNotes = (notes: readonly string[]) => notes.filter((n) => /^internal error|^rule \S+ failed/.test(n));

/** What identifies a finding across an edit that only inserts lines: rule, message and (shifted) line. */
function keyed(findings: readonly Finding[], text: string, shift?: { atLine: number; by: number }): string[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const line = lines.positionAt(f.start).line;
    return `${f.ruleId}/${f.messageId}@${shift && line >= shift.atLine ? line + shift.by : line}`;
  }).sort();
}

describe('robustness: properties of random merchant programs (fast-check)', function () {
  this.timeout(10 * 60_000);
  const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };

  it('analysis never fails, the generated programs parse, and the rule pre-filter changes no finding', () => {
    fc.assert(fc.property(program, ({ path, text }) => {
      const result = run(text, path);
      // Without the pre-filter every rule runs on the full tree (and the parser always runs).
      const full = run(text, path, false);
      assert.deepEqual(failureNotes(result.notes), []);
      assert.equal(result.skipped, undefined);
      assert.equal(full.parseError, undefined, `the generator made a program that does not parse:\n${text}`);
      assert.deepEqual({ findings: result.findings, suppressions: result.suppressions }, { findings: full.findings, suppressions: full.suppressions });
    }), params);
  });

  it('every quick fix, and every suppression, applied to any finding leaves a program that parses', () => {
    fc.assert(fc.property(program, ({ path, text }) => {
      fc.pre(parses(text, path));
      const { findings } = run(text, path);
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          const fixed = applyChanges(text, fix.changes);
          assert.ok(parses(fixed, path), `fix "${fix.title}" (${finding.ruleId}) broke the parse:\n${fixed}`);
        }
      }
      // "Fix all": every safe fix of the file at once.
      const all = applyChanges(text, selectSafeFixes(findings).changes);
      assert.ok(parses(all, path), `the safe fixes together broke the parse:\n${all}`);
    }), params);
  });

  it('a suppression comment hides its finding (and that rule on that line), nothing else', () => {
    fc.assert(fc.property(program, ({ path, text }) => {
      const before = run(text, path).findings.filter((f) => f.ruleId !== SUPPRESSION_RULE_ID);
      const lines = new LineIndex(text);
      for (const finding of before) {
        const suppress = finding.fixes.find((f) => f.id === SUPPRESS_FIX_ID);
        assert.ok(suppress, `${finding.ruleId} has no suppression fix`);
        const line = lines.positionAt(finding.start).line;
        const suppressed = applyChanges(text, suppress.changes);
        const after = run(suppressed, path).findings;
        const expected = keyed(before.filter((f) => !(f.ruleId === finding.ruleId && lines.positionAt(f.start).line === line)), text, { atLine: line, by: 1 });
        assert.deepEqual(keyed(after, suppressed), expected, `suppressing ${finding.ruleId} on line ${line} of:\n${text}\nleft:\n${suppressed}`);
      }
    }), params);
  });
});
