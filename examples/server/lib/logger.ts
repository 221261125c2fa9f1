// Application logger (pino) and the masking helpers every log call must use for card data.
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  // GOOD: a second line of defence: pino removes these paths even if a handler logs a whole object.
  redact: ['req.headers.authorization', 'body.cardNumber', 'body.cvv', 'body.password'],
});

/** `4242424242424242` → `424242******4242`: first six and last four, as PCI DSS allows. */
export function maskPan(pan: string | undefined): string {
  const digits = (pan ?? '').replace(/\D/g, '');
  if (digits.length < 12) return '****';
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}
