// A file being typed: the engine analyses every prefix of a merchant sample (each character offset), and of a
// config file, without an internal error, a rule failure or a skip, in a worker that a hang cannot freeze.
import * as assert from 'node:assert/strict';
import { fakeKey } from '../cli/helpers';
import { DeadlineRunner } from './deadline-runner';

const KEY = fakeKey('HALF_TYPED');

/** Touches most rules: keys, hashing, webhooks, card data, logging, SQL, TLS, routes, JSX, suppressions. */
const MERCHANT_SAMPLE = `import express from 'express';
import crypto from 'crypto';
// codepay-guard-disable-next-line hardcoded-secret -- sandbox key for the demo
const stripeKey = '${KEY}';
const app = express();
app.post('/webhooks/codepay', express.json(), async (req, res) => {
  const { out_trade_no, trade_status, sign } = req.body;
  if (sign === crypto.createHash('md5').update(JSON.stringify(req.body)).digest('hex')) {
    await db.query(\`UPDATE orders SET status = 'paid' WHERE id = \${out_trade_no}\`);
  }
  logger.info('notify', { card: req.body.cardNumber, cvv: req.body.cvv });
  res.send('success');
});
app.post('/admin/refund', (req, res) => refunds.create({ amount: req.body.amount }));
const agent = new https.Agent({ rejectUnauthorized: false, secureProtocol: 'TLSv1_method' });
fetch('http://api.example.com/pay', { agent });
export const Pay = () => <form><input type="password" minLength={4} /></form>;
`;

const ENV_SAMPLE = `# payment settings
STRIPE_SECRET_KEY=${KEY}
CODEPAY_NOTIFY_URL=http://shop.example.com/notify
NODE_TLS_REJECT_UNAUTHORIZED=0
`;

describe('robustness: a file half-typed at every character offset', function () {
  this.timeout(10 * 60_000);
  const runner = new DeadlineRunner();
  after(() => runner.close());

  for (const [path, text] of [['src/checkout.tsx', MERCHANT_SAMPLE], ['config/.env', ENV_SAMPLE]] as const) {
    it(`analyses all ${text.length + 1} prefixes of ${path}`, async () => {
      // Deadline for the whole sweep: generous, it only catches a hang.
      const outcome = await runner.run({ text, path, sweep: true }, 5 * 60_000);
      assert.equal(outcome.kind, 'swept', JSON.stringify(outcome));
      if (outcome.kind !== 'swept') return;
      const { sweep } = outcome;
      assert.equal(sweep.prefixes, text.length + 1);
      assert.deepEqual(sweep.failures, []);
      console.log(`      ${sweep.prefixes} prefixes in ${Math.round(sweep.totalMs)} ms (slowest ${Math.round(sweep.slowestMs)} ms)`);
    });
  }
});
