// Field encryption, tokens and CodePay signature checks used by models and routes.
import crypto from 'node:crypto';

const FIELD_KEY = Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? '', 'base64');

// BAD (homemade-crypto): createCipher derives key and IV from the password with MD5 and no salt.
export function legacyEncryptCard(pan: string): string {
  const cipher = crypto.createCipher('aes-256-cbc', process.env.LEGACY_CARD_PASSWORD ?? '');
  return cipher.update(pan, 'utf8', 'hex') + cipher.final('hex');
}

// BAD (homemade-crypto): ECB mode leaks patterns: equal card prefixes give equal ciphertext blocks.
export function encryptForPartnerExport(value: string): Buffer {
  const cipher = crypto.createCipheriv('aes-128-ecb', FIELD_KEY.subarray(0, 16), null);
  return Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
}

// BAD (homemade-crypto): a hand-rolled XOR "cipher" for bank account numbers.
export function scrambleAccountNumber(value: string, key: string): string {
  return Array.from(value, (ch, i) => String.fromCharCode(ch.charCodeAt(0) ^ key.charCodeAt(i % key.length))).join('');
}

// BAD (homemade-crypto): Math.random() is predictable; anyone can guess the next reset token.
export function legacyResetToken(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

// GOOD: AES-256-GCM with a fresh random IV per value; the auth tag detects tampering.
export function encryptField(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

export function decryptField(stored: string): string {
  const [iv, tag, data] = stored.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', FIELD_KEY, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

// GOOD: a TypeORM column transformer so entities never hold plaintext at rest.
export const encryptedColumn = {
  to: (value: string | null) => (value == null ? value : encryptField(value)),
  from: (value: string | null) => (value == null ? value : decryptField(value)),
};

// GOOD: CSPRNG tokens.
export function newResetToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

// GOOD: HMAC-SHA256 over the raw body, compared in constant time after a length check.
export function verifyCodePaySignature(rawBody: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = crypto.createHmac('sha256', process.env.CODEPAY_NOTIFY_KEY ?? '').update(rawBody).digest('hex');
  const given = Buffer.from(signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

// GOOD: SHA-256 of a response body for an ETag is not password hashing.
export function etagOf(body: string): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url')}"`;
}
