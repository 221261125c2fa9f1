// Back office: payouts, operator roles and customer exports. Every route needs an admin session.
import { Router } from 'express';
import { codepay } from '../lib/payments';
import { auditLog } from '../lib/audit';
import { requireAuth, requireRole } from '../middleware/auth';
import { db } from '../db/client';

export const adminRouter = Router();

// GOOD: authentication and the admin role are enforced for the whole router.
adminRouter.use(requireAuth, requireRole('admin'));

// BAD (missing-audit-log): money leaves the merchant account and nothing records who asked for it or why.
adminRouter.post('/payouts', async (req, res) => {
  const { rows } = await db.query('SELECT available_cents, payout_account_id FROM settlement_balance LIMIT 1');
  const payout = await codepay.payouts.create({
    amount: rows[0].available_cents,
    currency: 'usd',
    destination: rows[0].payout_account_id,
  });
  res.json({ payoutId: payout.id });
});

// GOOD: a privilege change with an audit entry: who, what, why, from where.
adminRouter.put('/accounts/:id/roles', async (req, res) => {
  const roles: string[] = (req.body.roles ?? []).filter((r: string) => ['support', 'finance', 'admin'].includes(r));
  await db.query('UPDATE customers SET roles = $2 WHERE id = $1', [req.params.id, roles]);
  await auditLog.record({
    actor: req.user.id, action: 'role-change', target: req.params.id,
    reason: String(req.body.reason ?? ''), ip: req.ip, details: { roles },
  });
  res.sendStatus(204);
});

// GOOD: customer export sits behind the router-level admin check; parameterised query.
adminRouter.get('/customers/export', async (req, res) => {
  const since = new Date(String(req.query.since ?? '1970-01-01'));
  const { rows } = await db.query('SELECT id, email, created_at FROM customers WHERE created_at >= $1 ORDER BY created_at', [since]);
  res.json(rows);
});
