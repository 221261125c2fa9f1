// Marketing: coupon redemption and the weekly lucky draw (guideline 2.1a: anti-scraping for campaigns).
import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { requireAuth } from '../middleware/auth';
import { verifyCaptcha } from '../middleware/captcha';
import { db } from '../db/client';

export const promotionsRouter = Router();

// BAD (missing-rate-limit): bots can try millions of coupon codes, one request each.
promotionsRouter.post('/coupons/redeem', requireAuth, async (req, res) => {
  const { rows } = await db.query(
    'UPDATE coupons SET redeemed_by = $2, redeemed_at = now() WHERE code = $1 AND redeemed_by IS NULL RETURNING discount_cents',
    [String(req.body.code ?? ''), req.user.id],
  );
  if (!rows[0]) return res.status(404).json({ error: 'invalid or used coupon' });
  res.json({ discountCents: rows[0].discount_cents });
});

// GOOD: five draws per customer per minute plus a captcha in front of the handler.
const drawLimiter = rateLimit({ windowMs: 60_000, limit: 5, keyGenerator: (req) => req.user?.id ?? req.ip ?? 'anonymous' });

promotionsRouter.post('/lucky-draw', requireAuth, drawLimiter, verifyCaptcha, async (req, res) => {
  const { rows } = await db.query('SELECT draw_prize($1) AS prize', [req.user.id]);
  res.json({ prize: rows[0].prize });
});
