// Password and PIN hashing for customer and operator accounts.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

// BAD (weak-password-hash): unsalted MD5; a GPU cracks common passwords in seconds.
export function legacyPasswordHash(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex');
}

// BAD (weak-password-hash): SHA-256 with one constant salt shared by every operator PIN.
const PIN_SALT = 'acme-outdoor-2019';
export function hashOperatorPin(pin: string): string {
  return crypto.createHash('sha256').update(PIN_SALT + pin).digest('hex');
}

// GOOD: scrypt with a random 16-byte salt stored next to the hash.
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, 64);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length);
  return crypto.timingSafeEqual(actual, expected);
}

// GOOD: API keys are random, so a fast digest is the right way to look them up.
export function apiKeyDigest(apiKey: string): string {
  return crypto.createHash('sha256').update(apiKey).digest('hex');
}
