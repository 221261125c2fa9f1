// Webhook tests: a correctly signed Stripe event marks the order paid; a forged one is rejected.
import assert from 'node:assert/strict';
import request from 'supertest';
import Stripe from 'stripe';
import { STRIPE_TEST_SECRET_KEY, STRIPE_TEST_WEBHOOK_SECRET, paymentIntentSucceeded } from './fixtures/stripe-fixtures';

process.env.STRIPE_SECRET_KEY = STRIPE_TEST_SECRET_KEY;
process.env.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET;

describe('POST /webhooks/stripe', () => {
  const payload = JSON.stringify(paymentIntentSucceeded);

  it('accepts an event signed with the endpoint secret', async () => {
    const { app } = await import('../server/app');
    const header = new Stripe(STRIPE_TEST_SECRET_KEY).webhooks.generateTestHeaderString({ payload, secret: STRIPE_TEST_WEBHOOK_SECRET });
    const res = await request(app).post('/webhooks/stripe').set('stripe-signature', header).set('content-type', 'application/json').send(payload);
    assert.equal(res.status, 200);
  });

  it('rejects a forged signature', async () => {
    const { app } = await import('../server/app');
    const res = await request(app).post('/webhooks/stripe').set('stripe-signature', 't=1,v1=forged').set('content-type', 'application/json').send(payload);
    assert.equal(res.status, 400);
  });
});
