// Checkout: creates the order and the payment intent for the signed-in customer's cart.
import { Router } from 'express';
import { stripe } from '../lib/payments';
import { logger, maskPan } from '../lib/logger';
import { requireAuth } from '../middleware/auth';
import { db } from '../db/client';

export const checkoutRouter = Router();

// Old one-page checkout, still linked from the mobile app.
checkoutRouter.post('/pay-legacy', requireAuth, async (req, res) => {
  // BAD (sensitive-data-in-log): the whole body, card fields included, goes to the log.
  console.log('checkout request', req.body);

  // BAD (client-trusted-amount): the browser decides the price; a proxy can change it to 1 cent.
  const intent = await stripe.paymentIntents.create({
    amount: req.body.amount,
    currency: req.body.currency ?? 'usd',
    payment_method: req.body.paymentMethodId,
    confirm: true,
  });
  res.json({ status: intent.status });
});

checkoutRouter.post('/pay', requireAuth, async (req, res) => {
  const items: Array<{ sku: string; quantity: number }> = req.body.items ?? [];
  // GOOD: prices come from the catalogue in our database; the request only says what and how many.
  const { rows } = await db.query('SELECT sku, price_cents FROM products WHERE sku = ANY($1)', [items.map((i) => i.sku)]);
  const priceOf = new Map(rows.map((r: { sku: string; price_cents: number }) => [r.sku, r.price_cents]));
  if (items.some((i) => !priceOf.has(i.sku) || !Number.isInteger(i.quantity) || i.quantity < 1)) {
    return res.status(400).json({ error: 'unknown item or bad quantity' });
  }
  const totalCents = items.reduce((sum, i) => sum + priceOf.get(i.sku)! * i.quantity, 0);

  const order = await db.query('INSERT INTO orders (id, customer_id, total_cents, currency) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id', [req.user.id, totalCents, 'usd']);
  const intent = await stripe.paymentIntents.create({
    amount: totalCents,
    currency: 'usd',
    metadata: { orderId: order.rows[0].id },
  });
  // GOOD: structured log without card data.
  logger.info({ orderId: order.rows[0].id, totalCents }, 'payment intent created');
  res.json({ clientSecret: intent.client_secret });
});

checkoutRouter.post('/card-declined', requireAuth, (req, res) => {
  // BAD (sensitive-data-in-log): the full card number in a warning.
  logger.warn(`card declined for ${req.user.id}: ${req.body.cardNumber}`);
  // GOOD: only the masked number.
  logger.warn({ customerId: req.user.id, card: maskPan(req.body.cardNumber) }, 'card declined');
  res.sendStatus(204);
});
