// Customer sign-up, sign-in and password change.
import { Router } from 'express';
import { z } from 'zod';
import { db } from '../db/client';
import { hashPassword, verifyPassword } from '../lib/passwords';
import { logger } from '../lib/logger';
import { requireAuth } from '../middleware/auth';
import { issueSessionToken } from '../lib/sessions';

export const authRouter = Router();

// GOOD: at least 12 characters with upper, lower, digit and symbol (guideline 1.3a asks for 8 and a mix).
const strongPassword = z
  .string()
  .min(12)
  .regex(/[A-Z]/, 'add an upper-case letter')
  .regex(/[a-z]/, 'add a lower-case letter')
  .regex(/[0-9]/, 'add a digit')
  .regex(/[^A-Za-z0-9]/, 'add a symbol');

// BAD (weak-password-policy): six characters, no mix required.
const signUpSchema = z.object({
  email: z.string().email(),
  password: z.string().min(6),
});

// GOOD: sign-in only checks presence; policy is enforced when a password is set.
const signInSchema = z.object({ email: z.string().email(), password: z.string().min(1) });

// GOOD: six digits is a one-time code, not a password policy.
const otpSchema = z.object({ code: z.string().regex(/^\d{6}$/) });

const changePasswordSchema = z.object({ current: z.string().min(1), next: strongPassword });

authRouter.post('/sign-up', async (req, res) => {
  const body = signUpSchema.parse(req.body);
  await db.query('INSERT INTO customers (id, email, password_hash) VALUES (gen_random_uuid(), $1, $2)', [body.email, await hashPassword(body.password)]);
  res.sendStatus(201);
});

authRouter.post('/sign-in', async (req, res) => {
  const body = signInSchema.parse(req.body);
  // BAD (sensitive-data-in-log): the password is written to the log on every attempt.
  logger.debug({ email: body.email, password: body.password }, 'sign-in attempt');
  const { rows } = await db.query('SELECT id, password_hash FROM customers WHERE email = $1', [body.email]);
  if (!rows[0] || !(await verifyPassword(body.password, rows[0].password_hash))) return res.sendStatus(401);
  // GOOD: log who signed in, never the credential.
  logger.info({ customerId: rows[0].id }, 'signed in');
  res.json({ token: await issueSessionToken(rows[0].id) });
});

authRouter.post('/verify-otp', requireAuth, async (req, res) => {
  const { code } = otpSchema.parse(req.body);
  const { rowCount } = await db.query('DELETE FROM otp_codes WHERE customer_id = $1 AND code = $2 AND expires_at > now()', [req.user.id, code]);
  res.sendStatus(rowCount ? 204 : 401);
});

authRouter.post('/change-password', requireAuth, async (req, res) => {
  const body = changePasswordSchema.parse(req.body);
  const { rows } = await db.query('SELECT password_hash FROM customers WHERE id = $1', [req.user.id]);
  if (!(await verifyPassword(body.current, rows[0].password_hash))) return res.sendStatus(403);
  await db.query('UPDATE customers SET password_hash = $2 WHERE id = $1', [req.user.id, await hashPassword(body.next)]);
  res.sendStatus(204);
});
