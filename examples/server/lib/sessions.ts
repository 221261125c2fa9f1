// Opaque session tokens: random, stored only as a digest, expiring after eight hours.
import crypto from 'node:crypto';
import { db } from '../db/client';

const SESSION_TTL_HOURS = 8;

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

// GOOD: 256 bits from the CSPRNG; a SHA-256 digest of a random token is not password hashing.
export async function issueSessionToken(customerId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO sessions (token_digest, customer_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_TTL_HOURS} hours')`,
    [digest(token), customerId],
  );
  return token;
}

export async function verifySessionToken(token: string): Promise<{ user: { id: string; roles: string[] } } | undefined> {
  const { rows } = await db.query(
    'SELECT c.id, c.roles FROM sessions s JOIN customers c ON c.id = s.customer_id WHERE s.token_digest = $1 AND s.expires_at > now()',
    [digest(token)],
  );
  return rows[0] ? { user: { id: rows[0].id, roles: rows[0].roles ?? [] } } : undefined;
}
