// Customer-support tools: order lookup and refunds.
import { Router } from 'express';
import { stripe } from '../lib/payments';
import { auditLog } from '../lib/audit';
import { requireAuth, requireRole } from '../middleware/auth';
import { db } from '../db/client';

export const supportRouter = Router();

async function refundOrder(orderId: string, requestedCents: number, actor: string, reason: string) {
  const { rows } = await db.query('SELECT total_cents, provider_ref FROM orders WHERE id = $1', [orderId]);
  if (!rows[0]) throw new Error('order not found');
  // GOOD: the refund is capped by the stored order total, so the request cannot inflate it.
  const amount = Math.min(requestedCents, rows[0].total_cents);
  const refund = await stripe.refunds.create({ payment_intent: rows[0].provider_ref, amount });
  await auditLog.record({ actor, action: 'refund', target: orderId, reason, details: { amount, refundId: refund.id } });
  return refund;
}

// BAD (unauthenticated-endpoint): added for the chat-bot integration; anyone can refund any order.
supportRouter.post('/orders/:id/quick-refund', async (req, res) => {
  const refund = await refundOrder(req.params.id, Number(req.body.amountCents), 'chat-bot', String(req.body.reason ?? ''));
  res.json({ refundId: refund.id });
});

// GOOD: the same operation for signed-in support staff.
supportRouter.post('/orders/:id/refund', requireAuth, requireRole('support'), async (req, res) => {
  const refund = await refundOrder(req.params.id, Number(req.body.amountCents), req.user.id, String(req.body.reason ?? ''));
  res.json({ refundId: refund.id });
});

// BAD (injection): the search text is pasted into SQL; `' OR '1'='1` dumps every order.
supportRouter.get('/orders/search', requireAuth, requireRole('support'), async (req, res) => {
  const { rows } = await db.query("SELECT id, status, total_cents FROM orders WHERE customer_email = '" + req.query.email + "'");
  res.json(rows);
});

// GOOD: parameterised query; the driver sends the value separately from the SQL.
supportRouter.get('/orders/:id', requireAuth, requireRole('support'), async (req, res) => {
  const { rows } = await db.query('SELECT id, status, total_cents FROM orders WHERE id = $1', [req.params.id]);
  res.json(rows[0] ?? null);
});
