// Shared per-file analyses (RuleContext.shared): built once, dispatched once, before their consumers; a failure in one
// fails exactly the rules that use it, directly or through another shared analysis.
import * as assert from 'node:assert/strict';
import { analyze, defineRule, type AstNode, type Rule, type RuleContext, type SharedAnalysis } from '../../server/src/engine';
import { RULES } from '../../rules';

/** Records the string literals of a file, in traversal order; `throwOn` makes its visitor throw on that value. */
class LiteralLog implements SharedAnalysis {
  static built = 0;
  readonly values: string[] = [];
  readonly visitors;

  constructor(log: string[], throwOn?: string) {
    LiteralLog.built++;
    this.visitors = {
      Literal: (node: { value: unknown }) => {
        log.push(`shared:${String(node.value)}`);
        if (node.value === throwOn) throw new Error(`shared analysis broke on ${throwOn}`);
        this.values.push(String(node.value));
      },
    };
  }
}

/** Built on LiteralLog (a shared analysis using another one): counts the literals it saw, at the end. */
class LiteralCount implements SharedAnalysis {
  readonly visitors = {};
  constructor(private readonly literals: LiteralLog) {}
  get count(): number {
    return this.literals.values.length;
  }
}

const literalLog = (context: RuleContext, log: string[], throwOn?: string) => context.shared('literal-log', () => new LiteralLog(log, throwOn));
const literalCount = (context: RuleContext, log: string[], throwOn?: string) =>
  context.shared('literal-count', () => new LiteralCount(literalLog(context, log, throwOn)));

const META = { description: 't', guideline: [], defaultSeverity: 'warning' as const, why: 'w', howToFix: 'h', messages: { m: '{{what}}' } };

/** Reports, at the end, what the shared log holds; logs its own Literal visits to check the order. */
function consumer(id: string, log: string[], how: 'direct' | 'through-count' = 'direct', throwOn?: string): Rule {
  return defineRule({
    meta: { id, ...META },
    create: (context) => {
      const literals = how === 'direct' ? literalLog(context, log, throwOn) : undefined;
      const count = how === 'through-count' ? literalCount(context, log, throwOn) : undefined;
      let program: AstNode | undefined;
      return {
        Program(node: AstNode) { program = node; },
        Literal(node: { value: unknown }) { log.push(`${id}:${String(node.value)}`); },
        'Program:exit'() {
          const what = literals ? literals.values.join(',') : String(count!.count);
          context.report({ node: program!, messageId: 'm', data: { what } });
        },
      };
    },
  });
}

const bystander = defineRule({
  meta: { id: 'bystander', ...META },
  create: (context) => ({ Literal(node: AstNode) { context.report({ node, messageId: 'm', data: { what: 'literal' } }); } }),
});

describe('engine: shared analyses', () => {
  beforeEach(() => { LiteralLog.built = 0; });

  it('are built once per file and dispatched once per node, before the visitors of the rules that use them', () => {
    const log: string[] = [];
    const r = analyze("const a = 'x'; const b = 'y';", { path: 'a.ts', rules: [consumer('one', log), consumer('two', log)] });
    assert.equal(LiteralLog.built, 1);
    assert.deepEqual(log, ['shared:x', 'one:x', 'two:x', 'shared:y', 'one:y', 'two:y']);
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.message}`), ['one x,y', 'two x,y']);
    assert.deepEqual(r.notes, []);
  });

  it('are built again for the next file: nothing is kept between analyses', () => {
    const rules = [consumer('one', [])];
    assert.equal(analyze("f('x');", { path: 'a.ts', rules }).findings[0].message, 'x');
    assert.equal(analyze("f('y');", { path: 'b.ts', rules }).findings[0].message, 'y');
    assert.equal(LiteralLog.built, 2);
  });

  it('serve rules that reach them through another shared analysis', () => {
    const log: string[] = [];
    const r = analyze("f('x', 'y', 'z');", { path: 'a.ts', rules: [consumer('counted', log, 'through-count'), consumer('listed', log)] });
    assert.equal(LiteralLog.built, 1);
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.message}`), ['counted 3', 'listed x,y,z']);
  });

  it('that throw fail every rule using them, with a note each, and no other rule', () => {
    const log: string[] = [];
    const r = analyze("f('x', 'boom', 'z');", { path: 'a.ts', rules: [consumer('one', log, 'direct', 'boom'), bystander, consumer('two', log)] });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['bystander', 'bystander', 'bystander']);
    assert.match(r.notes.join('\n'), /rule one failed and was skipped for this file: shared analysis broke on boom/);
    assert.match(r.notes.join('\n'), /rule two failed and was skipped for this file: shared analysis broke on boom/);
    // Visits stop at the failure: neither consumer saw the literals after it.
    assert.deepEqual(log, ['shared:x', 'one:x', 'two:x', 'shared:boom']);
  });

  it('that throw fail the rules using them through another shared analysis, even rules created later', () => {
    const log: string[] = [];
    // `direct` builds the log first; `counted` reaches it only through the count, built afterwards.
    const r = analyze("f('boom');", { path: 'a.ts', rules: [consumer('direct', log, 'direct', 'boom'), consumer('counted', log, 'through-count'), bystander] });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['bystander']);
    assert.match(r.notes.join('\n'), /rule direct failed/);
    assert.match(r.notes.join('\n'), /rule counted failed/);
  });

  it('are harmless where there is no tree: text files and scripts that do not parse', () => {
    const rules = [consumer('one', []), consumer('two', [], 'through-count')];
    for (const [text, path] of [["f('x'", 'broken.ts'], ['x', 'notes.md']]) {
      const r = analyze(text, { path, rules });
      assert.deepEqual(r.findings, []);
      assert.ok(!r.notes.some((n) => /failed/.test(n)), r.notes.join('\n'));
    }
  });

  it('give the rules that share them the findings each rule finds on its own', () => {
    // The rules that share the signature flow, imports, handlers and routes, alone and all together.
    const sharing = ['insecure-signature-compare', 'missing-audit-log', 'unverified-payment-notification', 'unauthenticated-endpoint', 'missing-rate-limit'];
    const rules = RULES.filter((r) => sharing.includes(r.meta.id));
    const text = [
      "import crypto from 'crypto';",
      "import express from 'express';",
      'const app = express();',
      "app.post('/webhooks/payment', (req, res) => {",
      "  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET!).update(req.body).digest('hex');",
      "  if (req.headers['x-signature'] === expected) { db.orders.update({ status: 'paid' }); }",
      "  res.send('ok');",
      '});',
      "app.post('/notify/alipay', async (req, res) => { if (req.body.trade_status === 'TRADE_SUCCESS') await db.orders.update({ id: req.body.out_trade_no, status: 'paid' }); res.send('success'); });",
      "app.post('/admin/users/:id/delete', async (req, res) => { await db.users.delete(req.params.id); res.sendStatus(204); });",
      "app.post('/promo/redeem', async (req, res) => { await coupons.redeem(req.body.code); res.send('ok'); });",
    ].join('\n');
    const together = analyze(text, { path: 'src/server.ts', rules }).findings.map((f) => `${f.ruleId}@${f.start}`).sort();
    const alone = rules.flatMap((rule) => analyze(text, { path: 'src/server.ts', rules: [rule] }).findings.map((f) => `${f.ruleId}@${f.start}`)).sort();
    assert.deepEqual(together, alone);
    assert.ok(new Set(together.map((f) => f.split('@')[0])).size >= 4, together.join(', '));
  });
});
