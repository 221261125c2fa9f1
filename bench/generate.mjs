// Seeded generator of realistic merchant code (handlers, notifications, pricing, logging, config) for the benchmark corpus.
//
// The same seed always yields byte-identical files. Roughly half of the sections follow the merchant guideline and
// half break it the way real code does (hard-coded keys, MD5 passwords, unverified notifications, client prices,
// card data in logs), so every rule has work to do and the parse/traverse cost is that of ordinary application code.
// Credential-shaped values are assembled at run time from parts so that this file itself holds none.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: small, fast, good enough for picking templates; deterministic across Node versions. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    alnum: (length, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
  };
}

const ENTITIES = ['order', 'invoice', 'subscription', 'booking', 'cart', 'payout', 'refund', 'voucher', 'ticket', 'shipment'];
const PROVIDERS = ['codepay', 'stripe', 'alipay', 'wechatpay', 'adyen', 'braintree', 'paypal', 'razorpay'];
const SHOPS = ['acme-outdoor', 'blue-harbor', 'nordic-tea', 'pixel-games', 'urban-bikes', 'green-grocer', 'moon-books', 'sun-travel', 'metro-cinema', 'coast-surf'];
const CURRENCIES = ['usd', 'eur', 'gbp', 'cny', 'jpy', 'inr'];
const LOG_FIELDS = ['cardNumber', 'cvv', 'password', 'authorization', 'token', 'pan', 'iban'];

/** Key-like values built from parts (prefix, separator, random tail) so no literal credential lives in this file. */
function fakeCredential(rng, kind) {
  const u = '_';
  switch (kind) {
    case 'stripe-live': return ['sk', 'live', rng.alnum(24)].join(u);
    case 'stripe-webhook': return ['whsec', rng.alnum(32)].join(u);
    case 'aws': return ['AK', 'IA', rng.alnum(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')].join('');
    case 'hex': return rng.alnum(32, '0123456789abcdef');
    default: throw new Error(`unknown credential kind ${kind}`);
  }
}

function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function camel(...words) {
  return words.map((w, i) => (i === 0 ? w : capitalize(w))).join('');
}

/** Per-file writing context: dialect, module system and the imports the sections asked for. */
class FileContext {
  constructor(rng, { typescript, commonjs, suffix = '' }) {
    this.rng = rng;
    this.typescript = typescript;
    this.commonjs = commonjs;
    this.suffix = suffix;
    this.imports = new Map();
    this.counter = 0;
  }

  /** `name` bound from `source`: default import unless `named`. */
  use(source, name, named = false) {
    this.imports.set(`${source}\u0000${name}`, { source, name, named });
    return name;
  }

  /** A TypeScript annotation in .ts files, nothing in JavaScript. */
  t(annotation) {
    return this.typescript ? annotation : '';
  }

  unique(base) {
    this.counter += 1;
    return `${base}${this.suffix}${this.counter}`;
  }

  renderImports() {
    const bySource = new Map();
    for (const imp of this.imports.values()) {
      const entry = bySource.get(imp.source) ?? { defaultName: undefined, named: [] };
      if (imp.named) entry.named.push(imp.name);
      else entry.defaultName = imp.name;
      bySource.set(imp.source, entry);
    }
    const lines = [];
    for (const [source, { defaultName, named }] of [...bySource].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      named.sort();
      if (this.commonjs) {
        if (defaultName) lines.push(`const ${defaultName} = require('${source}');`);
        if (named.length) lines.push(`const { ${named.join(', ')} } = require('${source}');`);
      } else {
        const parts = [defaultName, named.length ? `{ ${named.join(', ')} }` : undefined].filter(Boolean);
        lines.push(`import ${parts.join(', ')} from '${source}';`);
      }
    }
    return lines.join('\n');
  }
}

// ---- sections: each returns code text; the context collects imports ------------------------------------------

function expressCheckout(ctx) {
  const { rng } = ctx;
  const router = ctx.unique('checkoutRouter');
  const entity = rng.pick(ENTITIES);
  const currency = rng.pick(CURRENCIES);
  ctx.use('express', 'Router', true);
  const stripe = ctx.use('../lib/payments', 'paymentClient', true);
  const db = ctx.use('../db/client', 'db', true);
  const req = ctx.t(': any');
  const trustsClient = rng.chance(0.45);
  const exportWord = ctx.commonjs ? '' : 'export ';
  const head = `${exportWord}const ${router} = Router();\n`;
  const bad = `
// Legacy one-page checkout for ${entity}s, still called by the old mobile app.
${router}.post('/${entity}s/pay-legacy', async (req${req}, res${req}) => {
  const intent = await ${stripe}.paymentIntents.create({
    amount: req.body.amount,
    currency: req.body.currency ?? '${currency}',
    payment_method: req.body.paymentMethodId,
    confirm: true,
    metadata: { ${entity}Id: String(req.body.${entity}Id) },
  });
  res.json({ status: intent.status, id: intent.id });
});
`;
  const good = `
${router}.post('/${entity}s/pay', async (req${req}, res${req}) => {
  const items${ctx.t(': Array<{ sku: string; quantity: number }>')} = req.body.items ?? [];
  const { rows } = await ${db}.query('SELECT sku, price_cents FROM products WHERE sku = ANY($1)', [items.map((i) => i.sku)]);
  const priceOf = new Map(rows.map((r${ctx.t(': { sku: string; price_cents: number }')}) => [r.sku, r.price_cents]));
  if (items.some((i) => !priceOf.has(i.sku) || !Number.isInteger(i.quantity) || i.quantity < 1)) {
    return res.status(400).json({ error: 'unknown item or bad quantity' });
  }
  let totalCents = 0;
  for (const item of items) totalCents += priceOf.get(item.sku)${ctx.typescript ? '!' : ''} * item.quantity;
  const ${entity} = await ${db}.query(
    'INSERT INTO ${entity}s (id, customer_id, total_cents, currency) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id',
    [req.user.id, totalCents, '${currency}'],
  );
  const intent = await ${stripe}.paymentIntents.create({
    amount: totalCents,
    currency: '${currency}',
    metadata: { ${entity}Id: ${entity}.rows[0].id },
  });
  res.json({ clientSecret: intent.client_secret });
});
`;
  const tail = ctx.commonjs ? `module.exports.${router} = ${router};\n` : '';
  return head + (trustsClient ? bad : '') + good + tail;
}

function paymentNotification(ctx) {
  const { rng } = ctx;
  const provider = rng.pick(PROVIDERS);
  const entity = rng.pick(ENTITIES);
  const handler = ctx.unique(camel('handle', provider, 'notify'));
  const crypto = ctx.use('node:crypto', 'crypto');
  const db = ctx.use('../db/client', 'db', true);
  const req = ctx.t(': any');
  const envKey = `${provider.toUpperCase()}_NOTIFY_KEY`;
  const variant = rng.pick(['unverified', 'timing', 'verified', 'verified']);
  const markPaid = `  await ${db}.query("UPDATE ${entity}s SET status = 'paid', provider_ref = $2 WHERE id = $1 AND status = 'pending'", [notification.out_trade_no, notification.trade_no]);`;
  const exportWord = ctx.commonjs ? '' : 'export ';
  let body;
  if (variant === 'unverified') {
    body = `
// ${capitalize(provider)} asynchronous notification: marks the ${entity} as paid.
${exportWord}async function ${handler}(req${req}, res${req}) {
  const notification = JSON.parse(req.body.toString('utf8'));
  if (notification.trade_status === 'TRADE_SUCCESS') {
  ${markPaid}
  }
  res.send('success');
}
`;
  } else if (variant === 'timing') {
    body = `
${exportWord}async function ${handler}(req${req}, res${req}) {
  const expected = ${crypto}.createHmac('sha256', process.env.${envKey} ?? '').update(req.body).digest('hex');
  if (req.get('X-${capitalize(provider)}-Signature') === expected) {
    const notification = JSON.parse(req.body.toString('utf8'));
  ${markPaid}
    return res.send('success');
  }
  res.status(400).send('bad signature');
}
`;
  } else {
    body = `
function verify${capitalize(provider)}Signature${ctx.suffix}${ctx.counter}(payload${ctx.t(': Buffer')}, signature${ctx.t(': string | undefined')})${ctx.t(': boolean')} {
  const secret = process.env.${envKey};
  if (!secret || !signature) return false;
  const expected = ${crypto}.createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && ${crypto}.timingSafeEqual(given, expected);
}

${exportWord}async function ${handler}(req${req}, res${req}) {
  if (!verify${capitalize(provider)}Signature${ctx.suffix}${ctx.counter}(req.body, req.get('X-${capitalize(provider)}-Signature'))) {
    return res.status(400).send('bad signature');
  }
  const notification = JSON.parse(req.body.toString('utf8'));
  if (notification.trade_status === 'TRADE_SUCCESS') {
  ${markPaid}
  }
  res.send('success');
}
`;
  }
  const tail = ctx.commonjs ? `module.exports.${handler} = ${handler};\n` : '';
  return body + tail;
}

function koaRefunds(ctx) {
  const { rng } = ctx;
  const entity = rng.pick(ENTITIES);
  const router = ctx.unique('refundRoutes');
  const KoaRouter = ctx.use('@koa/router', 'KoaRouter');
  const db = ctx.use('../db/client', 'db', true);
  const authenticated = rng.chance(0.5);
  const audited = rng.chance(0.5);
  let auth = '';
  if (authenticated) auth = `${ctx.use('../middleware/auth', 'requireRole', true)}('finance'), `;
  const audit = audited ? `  await ${ctx.use('../lib/audit', 'auditLog', true)}.record({ actor: ctx.state.user?.id, action: 'refund', ${entity}Id: ctx.params.id, amountCents });\n` : '';
  const c = ctx.t(': any');
  const exportWord = ctx.commonjs ? '' : 'export ';
  return `
${exportWord}const ${router} = new ${KoaRouter}({ prefix: '/admin/${entity}s' });

${router}.post('/:id/refund', ${auth}async (ctx${c}) => {
  const { rows } = await ${db}.query('SELECT id, paid_cents, refunded_cents FROM ${entity}s WHERE id = $1', [ctx.params.id]);
  if (rows.length === 0) ctx.throw(404, '${entity} not found');
  const amountCents = Math.min(Number(ctx.request.body.amountCents ?? rows[0].paid_cents), rows[0].paid_cents - rows[0].refunded_cents);
  await ${db}.query('UPDATE ${entity}s SET refunded_cents = refunded_cents + $2 WHERE id = $1', [ctx.params.id, amountCents]);
${audit}  ctx.body = { refunded: amountCents };
});

${router}.get('/export', ${auth}async (ctx${c}) => {
  const since = new Date(String(ctx.query.since ?? '1970-01-01'));
  const { rows } = await ${db}.query('SELECT id, status, total_cents, created_at FROM ${entity}s WHERE created_at >= $1', [since]);
  ctx.type = 'text/csv';
  ctx.body = rows.map((r${c}) => [r.id, r.status, r.total_cents, r.created_at.toISOString()].join(',')).join('\\n');
});
${ctx.commonjs ? `module.exports.${router} = ${router};\n` : ''}`;
}

function orderPricing(ctx) {
  const { rng } = ctx;
  const fn = ctx.unique('priceCart');
  const taxRate = rng.pick(['0.07', '0.19', '0.2', '0.1', '0.0825']);
  const freeShippingCents = rng.pick([2500, 4900, 9900]);
  const num = ctx.t(': number');
  const lineType = ctx.typescript ? `\ninterface CartLine${ctx.suffix}${ctx.counter} { sku: string; quantity: number; unitCents: number; discountPct?: number }\n` : '';
  const lineAnn = ctx.typescript ? `: CartLine${ctx.suffix}${ctx.counter}[]` : '';
  const exportWord = ctx.commonjs ? '' : 'export ';
  return `${lineType}
/** Prices a cart from catalogue prices: line discounts, coupon, tax and shipping, all in integer cents. */
${exportWord}function ${fn}(lines${lineAnn}, couponPct${num} = 0, shippingCents${num} = ${rng.int(300, 900)}) {
  let subtotal = 0;
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new RangeError(\`bad quantity for \${line.sku}\`);
    const gross = line.unitCents * line.quantity;
    const lineDiscount = Math.round(gross * (line.discountPct ?? 0) / 100);
    subtotal += gross - lineDiscount;
  }
  const coupon = Math.round(subtotal * Math.min(Math.max(couponPct, 0), 50) / 100);
  const taxable = subtotal - coupon;
  const tax = Math.round(taxable * ${taxRate});
  const shipping = taxable >= ${freeShippingCents} ? 0 : shippingCents;
  return { subtotal, coupon, tax, shipping, total: taxable + tax + shipping };
}
${ctx.commonjs ? `module.exports.${fn} = ${fn};\n` : ''}`;
}

function loggingSection(ctx) {
  const { rng } = ctx;
  const field = rng.pick(LOG_FIELDS);
  const fn = ctx.unique('logPaymentAttempt');
  const logger = ctx.use('../lib/logger', 'logger', true);
  const leaky = rng.chance(0.5);
  const req = ctx.t(': any');
  const exportWord = ctx.commonjs ? '' : 'export ';
  const bad = `  console.log('payment attempt', req.body);
  ${logger}.warn(\`declined for \${req.user?.id}: \${req.body.${field}}\`);
`;
  const good = `  ${logger}.info({ customerId: req.user?.id, last4: String(req.body.cardNumber ?? '').slice(-4), amountCents: req.body.amountCents }, 'payment attempt');
`;
  return `
${exportWord}function ${fn}(req${req})${ctx.t(': void')} {
${leaky ? bad : good}}
${ctx.commonjs ? `module.exports.${fn} = ${fn};\n` : ''}`;
}

function passwordSection(ctx) {
  const { rng } = ctx;
  const crypto = ctx.use('node:crypto', 'crypto');
  const fn = ctx.unique('hashCustomerPassword');
  const variant = rng.pick(['md5', 'sha-salt', 'scrypt', 'scrypt']);
  const str = ctx.t(': string');
  const exportWord = ctx.commonjs ? '' : 'export ';
  let body;
  if (variant === 'md5') {
    body = `${exportWord}function ${fn}(password${str})${str} {
  return ${crypto}.createHash('md5').update(password).digest('hex');
}`;
  } else if (variant === 'sha-salt') {
    body = `const PIN_SALT_${ctx.counter} = '${rng.pick(SHOPS)}-${rng.int(2015, 2023)}';
${exportWord}function ${fn}(password${str})${str} {
  return ${crypto}.createHash('sha256').update(PIN_SALT_${ctx.counter} + password).digest('hex');
}`;
  } else {
    body = `${exportWord}function ${fn}(password${str})${str} {
  const salt = ${crypto}.randomBytes(16);
  const key = ${crypto}.scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 });
  return \`scrypt$\${salt.toString('base64')}$\${key.toString('base64')}\`;
}`;
  }
  const policy = rng.chance(0.3)
    ? `\n${exportWord}function isAcceptablePassword${ctx.suffix}${ctx.counter}(password${str})${ctx.t(': boolean')} {\n  return password.length >= ${rng.pick([6, 8, 12])};\n}\n`
    : '';
  return `\n${body}\n${policy}${ctx.commonjs ? `module.exports.${fn} = ${fn};\n` : ''}`;
}

function configSection(ctx) {
  const { rng } = ctx;
  const provider = rng.pick(PROVIDERS);
  const name = ctx.unique(camel(provider, 'config'));
  const hardcoded = rng.chance(0.4);
  const exportWord = ctx.commonjs ? '' : 'export ';
  const secret = hardcoded ? `'${fakeCredential(rng, provider === 'stripe' ? 'stripe-live' : 'hex')}'` : `process.env.${provider.toUpperCase()}_SECRET_KEY`;
  const webhook = hardcoded && rng.chance(0.5) ? `'${fakeCredential(rng, 'stripe-webhook')}'` : `process.env.${provider.toUpperCase()}_WEBHOOK_SECRET`;
  const notifyScheme = rng.chance(0.2) ? 'http' : 'https';
  // Receipts go to object storage and orders to Postgres; hard-coded here too in the careless variant.
  const storage = hardcoded && rng.chance(0.5)
    ? `{ bucket: '${rng.pick(SHOPS)}-receipts', accessKeyId: '${fakeCredential(rng, 'aws')}', secretAccessKey: '${rng.alnum(40)}' }`
    : `{ bucket: process.env.RECEIPTS_BUCKET, accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }`;
  const database = hardcoded && rng.chance(0.5)
    ? `'postgres://shop:${rng.alnum(14)}@db.internal:5432/orders'`
    : 'process.env.DATABASE_URL';
  return `
${exportWord}const ${name} = {
  merchantId: process.env.${provider.toUpperCase()}_MERCHANT_ID ?? '${rng.alnum(10, '0123456789')}',
  secretKey: ${secret},
  webhookSecret: ${webhook},
  receipts: ${storage},
  databaseUrl: ${database},
  notifyUrl: '${notifyScheme}://${rng.pick(SHOPS)}.example.com/api/${provider}/notify',
  timeoutMs: ${rng.pick([5000, 10000, 15000])},
  retries: ${rng.int(0, 4)},
  currency: '${rng.pick(CURRENCIES)}',
};
${ctx.commonjs ? `module.exports.${name} = ${name};\n` : ''}`;
}

function cryptoSection(ctx) {
  const { rng } = ctx;
  const crypto = ctx.use('node:crypto', 'crypto');
  const fn = ctx.unique('encryptCardToken');
  const str = ctx.t(': string');
  const weak = rng.chance(0.45);
  const exportWord = ctx.commonjs ? '' : 'export ';
  const body = weak
    ? `const STATIC_IV_${ctx.counter} = Buffer.alloc(16, 0);
${exportWord}function ${fn}(plain${str}, key${ctx.t(': Buffer')})${str} {
  const cipher = ${crypto}.createCipheriv('aes-256-cbc', key, STATIC_IV_${ctx.counter});
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}
${exportWord}function newResetToken${ctx.suffix}${ctx.counter}()${str} {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}`
    : `${exportWord}function ${fn}(plain${str}, key${ctx.t(': Buffer')})${str} {
  const iv = ${crypto}.randomBytes(12);
  const cipher = ${crypto}.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}
${exportWord}function newResetToken${ctx.suffix}${ctx.counter}()${str} {
  return ${crypto}.randomBytes(32).toString('base64url');
}`;
  return `\n${body}\n`;
}

function transportSection(ctx) {
  const { rng } = ctx;
  const https = ctx.use('node:https', 'https');
  const fn = ctx.unique('postToGateway');
  const insecure = rng.chance(0.35);
  const exportWord = ctx.commonjs ? '' : 'export ';
  const agent = insecure
    ? `new ${https}.Agent({ rejectUnauthorized: false, keepAlive: true })`
    : `new ${https}.Agent({ minVersion: 'TLSv1.2', keepAlive: true })`;
  return `
const gatewayAgent${ctx.counter} = ${agent};

${exportWord}function ${fn}(path${ctx.t(': string')}, payload${ctx.t(': unknown')})${ctx.t(': Promise<string>')} {
  return new Promise((resolve, reject) => {
    const request = ${https}.request({ host: '${rng.pick(PROVIDERS)}.gateway.example.com', path, method: 'POST', agent: gatewayAgent${ctx.counter}, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve(text));
    });
    request.on('error', reject);
    request.end(JSON.stringify(payload));
  });
}
`;
}

function repositorySection(ctx) {
  const { rng } = ctx;
  const entity = rng.pick(ENTITIES);
  const db = ctx.use('../db/client', 'db', true);
  const fn = ctx.unique(camel('find', entity, 'sByCustomer'));
  const concatenated = rng.chance(0.35);
  const req = ctx.t(': any');
  const exportWord = ctx.commonjs ? '' : 'export ';
  const query = concatenated
    ? `  const sql = "SELECT * FROM ${entity}s WHERE customer_id = '" + req.query.customerId + "' ORDER BY created_at DESC";
  return (await ${db}.query(sql)).rows;`
    : `  return (await ${db}.query('SELECT * FROM ${entity}s WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2', [req.user.id, ${rng.int(20, 200)}])).rows;`;
  return `
${exportWord}async function ${fn}(req${req}) {
${query}
}
`;
}

function promoSection(ctx) {
  const { rng } = ctx;
  ctx.use('express', 'Router', true);
  const router = ctx.unique('promoRouter');
  const db = ctx.use('../db/client', 'db', true);
  const limited = rng.chance(0.5);
  const limiter = limited ? `${ctx.use('../middleware/rate-limit', 'rateLimit', true)}({ windowMs: 60000, max: 10 }), ` : '';
  const req = ctx.t(': any');
  const exportWord = ctx.commonjs ? '' : 'export ';
  return `
${exportWord}const ${router} = Router();

${router}.post('/coupons/redeem', ${limiter}async (req${req}, res${req}) => {
  const code = String(req.body.code ?? '').trim().toUpperCase();
  const { rows } = await ${db}.query('SELECT id, percent_off, expires_at FROM coupons WHERE code = $1', [code]);
  if (rows.length === 0 || rows[0].expires_at < new Date()) return res.status(404).json({ error: 'unknown or expired code' });
  res.json({ couponId: rows[0].id, percentOff: rows[0].percent_off });
});
`;
}

function reactCheckout(ctx) {
  const { rng } = ctx;
  const component = ctx.unique('CheckoutForm');
  ctx.use('react', 'useState', true);
  const storesCvv = rng.chance(0.3);
  const publishable = ['pk', 'live', rng.alnum(24)].join('_');
  const secretInBundle = rng.chance(0.25);
  const extra = secretInBundle ? `const MERCHANT_SECRET_${ctx.counter} = '${fakeCredential(rng, 'stripe-live')}';\n` : '';
  const save = storesCvv ? `    localStorage.setItem('lastCard', JSON.stringify({ number: card.number, cvv: card.cvv, expiry: card.expiry }));\n` : '';
  const typed = ctx.typescript ? '<{ number: string; cvv: string; expiry: string }>' : '';
  return `
const PUBLISHABLE_KEY_${ctx.counter} = '${publishable}';
${extra}
export function ${component}({ onPaid }${ctx.t(': { onPaid: (id: string) => void }')}) {
  const [card, setCard] = useState${typed}({ number: '', cvv: '', expiry: '' });
  const [busy, setBusy] = useState(false);
  async function submit(event${ctx.t(': { preventDefault(): void }')}) {
    event.preventDefault();
    setBusy(true);
${save}    const response = await fetch('/api/checkout/pay', { method: 'POST', headers: { 'content-type': 'application/json', 'x-publishable-key': PUBLISHABLE_KEY_${ctx.counter} }, body: JSON.stringify({ items: [] }) });
    const { id } = await response.json();
    setBusy(false);
    onPaid(id);
  }
  return (
    <form onSubmit={submit} className="checkout">
      <input value={card.number} onChange={(e) => setCard({ ...card, number: e.target.value })} autoComplete="cc-number" />
      <input value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} autoComplete="cc-exp" />
      <input value={card.cvv} onChange={(e) => setCard({ ...card, cvv: e.target.value })} autoComplete="cc-csc" />
      <button disabled={busy}>Pay</button>
    </form>
  );
}
`;
}

const SERVER_SECTIONS = [expressCheckout, paymentNotification, koaRefunds, orderPricing, loggingSection, passwordSection, cryptoSection, transportSection, repositorySection, promoSection];

/** What a generated file is: where it lives, which sections it starts with and its dialect. */
const FILE_KINDS = [
  { dir: 'src/routes', base: 'checkout', first: [expressCheckout, promoSection] },
  { dir: 'src/webhooks', base: 'notify', first: [paymentNotification, paymentNotification] },
  { dir: 'src/admin', base: 'refunds', first: [koaRefunds] },
  { dir: 'src/pricing', base: 'pricing', first: [orderPricing, orderPricing] },
  { dir: 'src/lib', base: 'logging', first: [loggingSection] },
  { dir: 'src/accounts', base: 'passwords', first: [passwordSection, passwordSection] },
  { dir: 'config', base: 'payments.config', first: [configSection, configSection, configSection] },
  { dir: 'src/lib', base: 'crypto', first: [cryptoSection] },
  { dir: 'src/gateway', base: 'gateway', first: [transportSection] },
  { dir: 'src/db', base: 'repository', first: [repositorySection, repositorySection] },
];

function pickDialect(rng) {
  const roll = rng.next();
  if (roll < 0.6) return { ext: 'ts', typescript: true, commonjs: false };
  if (roll < 0.82) return { ext: 'js', typescript: false, commonjs: false };
  if (roll < 0.9) return { ext: 'mjs', typescript: false, commonjs: false };
  return { ext: 'cjs', typescript: false, commonjs: true };
}

function renderFile(ctx, purpose, sections) {
  const body = sections.join('');
  const imports = ctx.renderImports();
  const strict = ctx.commonjs ? "'use strict';\n" : '';
  return `${strict}// ${purpose}\n${imports}${imports ? '\n' : ''}${body.replace(/\n{3,}/g, '\n\n')}`;
}

/**
 * The generated part of the corpus: `count` files spread over a few made-up shops, as `{ path, text }` with
 * `/`-separated relative paths. Deterministic for a given seed.
 */
export function generateMerchantFiles({ seed, count }) {
  const rng = seededRandom(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const shop = SHOPS[i % SHOPS.length];
    const isClient = i % 17 === 5;
    if (isClient) {
      const ctx = new FileContext(rng, { typescript: true, commonjs: false });
      const text = renderFile(ctx, `Checkout form of the ${shop} web shop.`, [reactCheckout(ctx)]);
      files.push({ path: `${shop}/web/src/components/CheckoutForm${i}.tsx`, text });
      continue;
    }
    const kind = rng.pick(FILE_KINDS);
    const dialect = pickDialect(rng);
    const ctx = new FileContext(rng, dialect);
    const sections = kind.first.map((make) => make(ctx));
    // Real modules grow: a random tail of other sections gives file sizes from ~40 to ~400 lines.
    const extra = rng.int(0, 9);
    for (let k = 0; k < extra; k++) sections.push(rng.pick(SERVER_SECTIONS)(ctx));
    const text = renderFile(ctx, `${capitalize(kind.base)} module of the ${shop} shop (generated for the benchmark).`, sections);
    files.push({ path: `${shop}/${kind.dir}/${kind.base}-${i}.${dialect.ext}`, text });
  }
  return files;
}

/** Marker line in generated modules that the latency benchmark edits on every keystroke. */
export const EDIT_MARKER = /^export let benchEditCounter = \d+;$/m;

/**
 * One TypeScript merchant module of exactly `lines` lines (the size of a big hand-written file), with the
 * {@link EDIT_MARKER} line in the middle.
 */
export function generateMerchantModule({ seed, lines }) {
  const rng = seededRandom(seed);
  const ctx = new FileContext(rng, { typescript: true, commonjs: false, suffix: '_' });
  const sections = [];
  let count = 0;
  let markerPlaced = false;
  const budget = lines - 12; // room for the header, imports and the marker
  for (;;) {
    const section = rng.pick(SERVER_SECTIONS)(ctx);
    const sectionLines = section.split('\n').length - 1;
    if (count + sectionLines > budget) break;
    sections.push(section);
    count += sectionLines;
    if (!markerPlaced && count >= budget / 2) {
      sections.push('\nexport let benchEditCounter = 0;\n');
      count += 2;
      markerPlaced = true;
    }
  }
  let text = renderFile(ctx, `Merchant back office: checkout, notifications, refunds, pricing (generated, ${lines} lines).`, sections);
  const have = text.split('\n').length;
  if (have > lines) throw new Error(`generated module has ${have} lines, more than ${lines}`);
  const padding = [];
  for (let i = have; i < lines; i++) padding.push(`export const padding${i} = ${i};`);
  text = padding.length ? `${text.replace(/\n$/, '')}\n${padding.join('\n')}\n` : text;
  // `text` ends with a newline, so N lines of code are N + 1 split parts; trim to exactly `lines` lines.
  return text.split('\n').slice(0, lines).join('\n') + '\n';
}

/** `node bench/generate.mjs <dir> [--seed N] [--count N]`: writes the generated files (for looking at them). */
async function main(argv) {
  const { parseArgs } = await import('node:util');
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { seed: { type: 'string' }, count: { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error('usage: node bench/generate.mjs <out-dir> [--seed N] [--count N]');
    process.exit(2);
  }
  const files = generateMerchantFiles({ seed: Number(values.seed ?? 20240610), count: Number(values.count ?? 300) });
  for (const file of files) {
    const target = join(resolve(positionals[0]), file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
  console.log(`wrote ${files.length} files to ${resolve(positionals[0])}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
