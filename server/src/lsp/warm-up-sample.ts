// The text the interactive analysis worker analyses while it is idle, once it has analysed its first large document
// (see analysis-worker.ts): ordinary merchant code (an order and payment service that follows the guideline) with the
// syntax and the calls the rules look at, so that V8 has compiled the parser, the traversal and the rules to optimised
// code before the next keystrokes instead of during them. It holds no credential and gives no finding (a unit test
// checks both).
// Backticks and `${` are escaped below: this is a template literal holding TypeScript that uses template literals.

/** File name the engine sees for the sample: server code, TypeScript. */
export const WARM_UP_PATH = 'src/services/orders.ts';

/** Where the worker varies the sample between runs (as an edit would), so that no run is a plain repeat. */
export const WARM_UP_MARKER = 'export const revision = 0;';

export const WARM_UP_SAMPLE = `// Orders and payments: prices come from the catalogue, notifications are verified, card data never lands here.
import crypto from 'node:crypto';
import https from 'node:https';
import { Router, type Request, type Response, type NextFunction } from 'express';
import bcrypt from 'bcrypt';
import rateLimit from 'express-rate-limit';
import { db } from '../db/client';
import { logger } from '../lib/logger';
import { audit } from '../lib/audit';
import { requireUser, requireAdmin } from '../middleware/auth';

${WARM_UP_MARKER}

export enum OrderStatus {
  Pending = 'pending',
  Paid = 'paid',
  Refunded = 'refunded',
  Cancelled = 'cancelled',
}

export interface LineItem {
  sku: string;
  quantity: number;
}

export interface Order {
  id: string;
  userId: string;
  items: readonly LineItem[];
  totalCents: number;
  currency: 'usd' | 'eur' | 'gbp';
  status: OrderStatus;
  createdAt: Date;
}

type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

const config = {
  apiBase: process.env.CODEPAY_API_BASE ?? 'https://api.codepay.example/v3',
  merchantId: process.env.CODEPAY_MERCHANT_ID,
  notifyKey: process.env.CODEPAY_NOTIFY_KEY,
  timeoutMs: Number(process.env.CODEPAY_TIMEOUT_MS ?? 10_000),
} as const;

const checkoutLimiter = rateLimit({ windowMs: 60_000, limit: 20, standardHeaders: 'draft-7', legacyHeaders: false });
const couponLimiter = rateLimit({ windowMs: 15 * 60_000, limit: 10, standardHeaders: 'draft-7', legacyHeaders: false });

/** Connections to the platform: TLS 1.2 at least, certificates verified (Node's default, not switched off). */
export const platformAgent = new https.Agent({ keepAlive: true, minVersion: 'TLSv1.2' });

export class CatalogueError extends Error {
  constructor(readonly sku: string, message = 'unknown product') {
    super(message);
    this.name = 'CatalogueError';
  }
}

/** Looks prices up in the catalogue: the browser only says what it wants, never what it costs. */
export class PriceBook {
  readonly #cache = new Map<string, number>();

  constructor(private readonly currency: Order['currency']) {}

  async priceOf(sku: string): Promise<number> {
    const cached = this.#cache.get(sku);
    if (cached !== undefined) return cached;
    const row = await db.query<{ price_cents: number }>('SELECT price_cents FROM products WHERE sku = $1 AND currency = $2', [sku, this.currency]);
    if (row.rows.length === 0) throw new CatalogueError(sku);
    this.#cache.set(sku, row.rows[0].price_cents);
    return row.rows[0].price_cents;
  }

  async total(items: readonly LineItem[]): Promise<number> {
    let sum = 0;
    for (const { sku, quantity } of items) {
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) throw new RangeError(\`bad quantity for \${sku}\`);
      sum += (await this.priceOf(sku)) * quantity;
    }
    return sum;
  }
}

function parseItems(body: unknown): Result<LineItem[]> {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { items?: unknown }).items)) {
    return { ok: false, error: new TypeError('items must be a list') };
  }
  const items: LineItem[] = [];
  for (const raw of (body as { items: unknown[] }).items) {
    const item = raw as Partial<LineItem>;
    if (typeof item?.sku !== 'string' || typeof item.quantity !== 'number') return { ok: false, error: new TypeError('bad item') };
    items.push({ sku: item.sku, quantity: item.quantity });
  }
  return { ok: true, value: items };
}

/** Constant-time check of the platform's HMAC-SHA256 signature over the raw body; an unset key fails closed. */
export function verifyNotification(rawBody: Buffer, signature: string | undefined): boolean {
  if (!config.notifyKey || !signature) return false;
  const expected = crypto.createHmac('sha256', config.notifyKey).update(rawBody).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12);
}

export async function checkPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

async function callPlatform<T>(path: string, payload: Record<string, unknown>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  try {
    const response = await fetch(\`\${config.apiBase}\${path}\`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-merchant-id': config.merchantId ?? '' },
      body: JSON.stringify(payload),
      signal: controller.signal,
    });
    if (!response.ok) throw new Error(\`platform answered \${response.status}\`);
    return (await response.json()) as T;
  } finally {
    clearTimeout(timer);
  }
}

/** The card form posts card number and CVC straight to the platform, which answers with a token: only that is kept. */
async function createPaymentOrder(orderId: string, totalCents: number, currency: Order['currency']) {
  return callPlatform<{ paymentUrl: string; reference: string }>('/payments', {
    orderId, amount: totalCents, currency, returnUrl: 'https://shop.example/orders/' + orderId,
  });
}

export const orders = Router();

orders.post('/orders', requireUser, checkoutLimiter, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const parsed = parseItems(req.body);
    if (!parsed.ok) return res.status(400).json({ error: parsed.error.message });
    const currency = req.user!.currency;
    const totalCents = await new PriceBook(currency).total(parsed.value);
    const id = crypto.randomUUID();
    await db.query('INSERT INTO orders (id, user_id, total_cents, currency, status) VALUES ($1, $2, $3, $4, $5)', [
      id, req.user!.id, totalCents, currency, OrderStatus.Pending,
    ]);
    const payment = await createPaymentOrder(id, totalCents, currency);
    logger.info('order created', { orderId: id, items: parsed.value.length, totalCents });
    res.status(201).json({ id, totalCents, paymentUrl: payment.paymentUrl });
  } catch (err) {
    if (err instanceof CatalogueError) return res.status(422).json({ error: err.message, sku: err.sku });
    next(err);
  }
});

orders.post('/payments/notify', async (req: Request, res: Response) => {
  if (!verifyNotification(req.body as Buffer, req.get('x-codepay-signature'))) {
    logger.warn('notification with a bad signature', { ip: req.ip });
    return res.status(400).send('bad signature');
  }
  const notification = JSON.parse((req.body as Buffer).toString('utf8')) as { orderId: string; status: string; amount: number };
  const order = await db.query<Order>('SELECT * FROM orders WHERE id = $1', [notification.orderId]);
  const found = order.rows[0];
  if (!found || found.totalCents !== notification.amount) return res.status(409).send('mismatch');
  if (notification.status === 'SUCCESS' && found.status === OrderStatus.Pending) {
    await db.query('UPDATE orders SET status = $2 WHERE id = $1', [found.id, OrderStatus.Paid]);
  }
  res.send('success');
});

orders.post('/orders/:id/refund', requireAdmin, async (req: Request, res: Response) => {
  const { id } = req.params;
  const reason = String(req.body?.reason ?? '').slice(0, 200);
  const refund = await callPlatform<{ reference: string }>('/refunds', { orderId: id, reason });
  await db.query('UPDATE orders SET status = $2 WHERE id = $1', [id, OrderStatus.Refunded]);
  await audit.record({ actor: req.user!.id, action: 'order.refund', target: id, reference: refund.reference });
  res.json({ refunded: true });
});

orders.post('/coupons/redeem', requireUser, couponLimiter, async (req: Request, res: Response) => {
  const code = String(req.body?.code ?? '').trim().toUpperCase();
  const coupon = await db.query<{ id: string; percent_off: number }>('SELECT id, percent_off FROM coupons WHERE code = $1 AND redeemed_by IS NULL', [code]);
  if (coupon.rows.length === 0) return res.status(404).json({ error: 'unknown or used coupon' });
  await db.query('UPDATE coupons SET redeemed_by = $2 WHERE id = $1', [coupon.rows[0].id, req.user!.id]);
  res.json({ percentOff: coupon.rows[0].percent_off });
});

orders.get('/orders', requireUser, async (req: Request, res: Response) => {
  const page = Math.max(1, Number(req.query.page ?? 1));
  const rows = await db.query<Order>('SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20 OFFSET $2', [
    req.user!.id, (page - 1) * 20,
  ]);
  const list = rows.rows.map(({ id, totalCents, currency, status, createdAt }) => ({ id, totalCents, currency, status, createdAt }));
  res.json({ page, orders: list, more: list.length === 20 });
});

export function summarise(list: readonly Order[]): Record<OrderStatus, number> {
  const counts = { pending: 0, paid: 0, refunded: 0, cancelled: 0 } satisfies Record<OrderStatus, number>;
  for (const order of list) counts[order.status] += 1;
  return counts;
}

export const describe = (order: Pick<Order, 'id' | 'status' | 'totalCents'>): string =>
  order.status === OrderStatus.Paid ? \`order \${order.id}: paid \${(order.totalCents / 100).toFixed(2)}\` : \`order \${order.id}: \${order.status}\`;

export function* batches<T>(items: readonly T[], size = 50): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

export async function expireStale(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const stale = await db.query<Pick<Order, 'id'>>('SELECT id FROM orders WHERE status = $1 AND created_at < $2', [OrderStatus.Pending, cutoff]);
  let expired = 0;
  for (const batch of batches(stale.rows.map((row) => row.id))) {
    const result = await db.query('UPDATE orders SET status = $2 WHERE id = ANY($1)', [batch, OrderStatus.Cancelled]);
    expired += result.rowCount ?? 0;
  }
  logger.info('stale orders expired', { expired, cutoff: cutoff.toISOString() });
  return expired;
}
`;
