// The as-you-type contract: whatever rules are enabled, a file is parsed once and traversed once.
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { GUIDELINE, RULES } from '../../rules';

/** A realistic 2,000-line TypeScript service: handlers, config objects, strings, nested functions. */
function bigFile(lines: number): string {
  const out: string[] = ["import express from 'express';", 'const app = express();'];
  for (let i = 0; out.length + 7 <= lines; i++) {
    out.push(
      `export async function handler${i}(req: any, res: any) {`,
      `  const order = await db.orders.findOne({ id: req.params.id, shop: 'shop-${i}' });`,
      `  if (!order) return res.status(404).json({ error: 'not found' });`,
      `  const total = order.items.reduce((sum: number, item: any) => sum + item.price * item.qty, 0);`,
      `  logger.info('order loaded', { orderId: order.id, total });`,
      `  return res.json({ ok: true, total, currency: 'EUR' });`,
      '}',
    );
  }
  while (out.length < lines) out.push('// end of generated handlers');
  return out.join('\n');
}

describe('engine: cost of one analysis', () => {
  it('parses a 2,000-line file once and traverses it once with every rule enabled', () => {
    const text = bigFile(2000);
    const result = analyze(text, { path: 'src/orders.ts', rules: RULES, guidelineText: GUIDELINE });
    assert.equal(result.parseError, undefined);
    assert.equal(result.stats.parses, 1);
    assert.equal(result.stats.traversals, 1);
    assert.ok(result.stats.nodes > 20_000, `visited ${result.stats.nodes} nodes`);
  });

  it('does not traverse a file that does not parse; text checks run instead', () => {
    // Without the pre-filter: with it, a file in which no rule can find anything is not parsed at all (prefilter.test.ts).
    const result = analyze('const a = {\n', { path: 'src/a.ts', rules: RULES, prefilter: false });
    assert.ok(result.parseError);
    assert.equal(result.stats.parses, 1);
    assert.equal(result.stats.traversals, 0);
  });
});
