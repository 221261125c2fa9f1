// Payment notifications from CodePay and Stripe: the only place where an order becomes "paid".
import crypto from 'node:crypto';
import { Router } from 'express';
import { stripe } from '../lib/payments';
import { verifyCodePaySignature } from '../lib/crypto';
import { db } from '../db/client';

export const webhookRouter = Router();

async function markOrderPaid(orderId: string, providerRef: string) {
  await db.query("UPDATE orders SET status = 'paid', provider_ref = $2 WHERE id = $1 AND status = 'pending'", [orderId, providerRef]);
}

// BAD (unverified-payment-notification): anyone who can reach this URL can mark any order as paid.
webhookRouter.post('/codepay/notify-legacy', async (req, res) => {
  const notification = JSON.parse(req.body.toString('utf8'));
  if (notification.trade_status === 'TRADE_SUCCESS') {
    await markOrderPaid(notification.out_trade_no, notification.trade_no);
  }
  res.send('success');
});

// BAD (insecure-signature-compare): `===` stops at the first differing byte, leaking the signature by timing.
webhookRouter.post('/codepay/notify-v2', async (req, res) => {
  const expected = crypto.createHmac('sha256', process.env.CODEPAY_NOTIFY_KEY ?? '').update(req.body).digest('hex');
  if (req.get('X-CodePay-Signature') === expected) {
    const notification = JSON.parse(req.body.toString('utf8'));
    await markOrderPaid(notification.out_trade_no, notification.trade_no);
    return res.send('success');
  }
  res.status(400).send('bad signature');
});

// GOOD: constant-time HMAC check (lib/crypto.ts) gates every state change.
webhookRouter.post('/codepay/notify', async (req, res) => {
  if (!verifyCodePaySignature(req.body, req.get('X-CodePay-Signature'))) {
    return res.status(400).send('bad signature');
  }
  const notification = JSON.parse(req.body.toString('utf8'));
  if (notification.trade_status === 'TRADE_SUCCESS') {
    await markOrderPaid(notification.out_trade_no, notification.trade_no);
  }
  res.send('success');
});

// GOOD: Stripe's SDK verifies the signature and timestamp before we trust the event; an unset secret fails closed.
webhookRouter.post('/stripe', async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.status(400).send('bad signature');
  }
  if (event.type === 'payment_intent.succeeded') {
    const intent = event.data.object;
    await markOrderPaid(intent.metadata.orderId, intent.id);
  }
  res.json({ received: true });
});
