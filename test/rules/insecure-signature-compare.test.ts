// Test table for insecure-signature-compare: ===/==/!==/!=, Buffer#equals and localeCompare between computed and
// received signatures across Express, Koa, Next.js, NestJS and plain modules, the negatives, and the exact fix outputs.
import rule from '../../rules/insecure-signature-compare';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

/** The constant-time helper the fix appends when the file has none (`ts`: typed; `ns`: the file's crypto namespace). */
const safeEqualHelper = ({ ts, ns = '' }: { ts: boolean; ns?: string }): string[] => [
  '/** Compares two signatures in constant time; false when either is missing or their lengths differ. */',
  `function safeEqual(a${ts ? ': unknown' : ''}, b${ts ? ': unknown' : ''})${ts ? ': boolean' : ''} {`,
  "  const left = typeof a === 'string' ? Buffer.from(a) : a;",
  "  const right = typeof b === 'string' ? Buffer.from(b) : b;",
  '  if (!Buffer.isBuffer(left) || !Buffer.isBuffer(right) || left.length !== right.length) return false;',
  `  return ${ns}timingSafeEqual(left, right);`,
  '}',
];

ruleTable(rule, {
  valid: [
    {
      name: 'timingSafeEqual on equal-length buffers',
      code: lines(
        'const given = Buffer.from(signature);',
        'const wanted = Buffer.from(expected);',
        'if (given.length === wanted.length && crypto.timingSafeEqual(given, wanted)) ok();',
      ),
    },
    {
      name: 'length check before the constant-time compare',
      code: 'if (sig.length !== expectedSignature.length) return false;',
    },
    {
      name: 'typeof guard on the received signature',
      code: "if (typeof signature !== 'string') return res.status(400).end();",
    },
    {
      name: 'sign type compared with a constant',
      code: "if (params.sign_type === 'MD5') sign = md5(payload);",
    },
    {
      name: 'missing signature compared with an empty string',
      code: "if (req.body.sign === '') return res.status(400).end();",
    },
    {
      name: 'signature compared with undefined and null',
      code: 'if (signature === undefined || signature == null) reject();',
    },
    {
      name: 'ETag: digest of the body against If-None-Match',
      code: lines(
        "const etag = crypto.createHash('sha256').update(body).digest('hex');",
        "if (req.headers['if-none-match'] === etag) return res.status(304).end();",
      ),
    },
    {
      name: 'HTTP status codes',
      code: 'if (res.statusCode === 200 && response.status !== 204) done();',
    },
    {
      name: 'enum and event type comparisons',
      code: 'if (event.type === EventType.PaymentSucceeded && order.status !== OrderStatus.Paid) fulfil(order);',
    },
    {
      name: 'checksum of a download against its manifest',
      code: lines(
        "const fileHash = crypto.createHash('sha256').update(file).digest('hex');",
        "if (fileHash !== manifest.checksum) throw new Error('corrupt download');",
      ),
    },
    {
      name: 'two received values compared with each other',
      code: "if (req.body.sign === req.query.sign) log('same');",
    },
    {
      name: 'password hash against the stored hash (weak-password-hash territory)',
      code: 'if (hashPassword(password) === user.passwordHash) login(user);',
    },
    {
      name: 'localeCompare to sort names',
      code: 'providers.sort((a, b) => a.name.localeCompare(b.name));',
    },
    {
      name: 'Buffer#equals on data that is not a signature',
      code: 'if (chunk.equals(previousChunk)) skip();',
    },
    {
      name: 'timestamps of signing, not signatures',
      code: 'if (signedAt === lastSignedAt) return;',
    },
    {
      name: "the file's own safeEqual helper",
      code: lines(
        "const expected = createHmac('sha256', key).update(raw).digest('hex');",
        "if (!safeEqual(expected, req.get('X-Signature'))) return res.status(401).end();",
      ),
    },
    {
      name: 'empty digest check',
      code: "if (expectedDigest.length === 0) throw new Error('no digest');",
    },
    {
      name: 'truthiness of a digest',
      code: "const digest = hmac.digest('hex'); if (digest) send(digest);",
    },
    {
      name: 'JWT claims compared after jwt.verify',
      code: 'const claims = jwt.verify(token, publicKey); if (claims.sub === user.id) allow();',
    },
    {
      name: 'computed signature compared with a stored (not received) value',
      code: 'if (computeSignature(order) === order.id) flag();',
    },
    {
      name: 'a file that does not parse is left alone',
      path: 'src/broken.ts',
      code: 'if (sign === md5(params + key) {',
    },
    {
      name: 'JavaScript: the constant-time compare through a local helper',
      path: 'lib/verify.js',
      code: lines(
        "const crypto = require('crypto');",
        'function secureCompare(a, b) {',
        '  const x = Buffer.from(a);',
        '  const y = Buffer.from(b);',
        '  return x.length === y.length && crypto.timingSafeEqual(x, y);',
        '}',
        "module.exports = (body, sig) => secureCompare(crypto.createHmac('sha1', key).update(body).digest('hex'), sig);",
      ),
    },
    {
      name: 'test code asserting on a signature',
      path: 'test/signing.test.ts',
      code: 'assert.ok(sign(params) === params.sign);',
    },
    {
      name: 'Math.sign is arithmetic',
      code: 'if (Math.sign(delta) === sign) keepDirection();',
    },
    {
      name: 'two names alone: a zip reader checking magic bytes',
      path: 'lib/zip.js',
      code: lines(
        'function isSignature(reader, expectedSignature) {',
        '  const signature = reader.readString(4);',
        '  return signature === expectedSignature;',
        '}',
      ),
    },
    {
      name: 'two names alone: parameters named expected and received signature',
      code: lines(
        'export function signaturesMatch(expectedSignature: string, receivedSignature: string): boolean {',
        '  return expectedSignature === receivedSignature;',
        '}',
      ),
    },
  ],
  invalid: [
    {
      name: 'Express: HMAC hex compared with === to the signature header',
      code: lines(
        "import crypto from 'node:crypto';",
        "router.post('/codepay/notify', (req, res) => {",
        "  const expected = crypto.createHmac('sha256', key).update(req.body).digest('hex');",
        "  if (req.get('X-CodePay-Signature') === expected) markPaid(req.body);",
        '});',
      ),
      errors: [{ messageId: 'compare', line: 4, column: 7 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "router.post('/codepay/notify', (req, res) => {",
          "  const expected = crypto.createHmac('sha256', key).update(req.body).digest('hex');",
          "  if (safeEqual(req.get('X-CodePay-Signature'), expected)) markPaid(req.body);",
          '});',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'names alone suffice in code that handles requests or crypto (STYLE.md example)',
      code: lines(
        "import crypto from 'node:crypto';",
        'export function isAuthentic(sign: string, expectedSign: string) {',
        '  return sign === expectedSign;',
        '}',
      ),
      errors: [{ messageId: 'compare', line: 3, column: 10 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          'export function isAuthentic(sign: string, expectedSign: string) {',
          '  return safeEqual(sign, expectedSign);',
          '}',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: '!== keeps its negation',
      code: lines(
        "import crypto from 'node:crypto';",
        "const expected = crypto.createHmac('sha256', key).update(rawBody).digest('hex');",
        "if (signature !== expected) throw new Error('bad signature');",
      ),
      errors: [{ messageId: 'compare', line: 3, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "const expected = crypto.createHmac('sha256', key).update(rawBody).digest('hex');",
          "if (!safeEqual(signature, expected)) throw new Error('bad signature');",
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'WeChat Pay v2: uppercase MD5 sign compared with == to the body field',
      code: lines(
        "import crypto from 'node:crypto';",
        'const { sign, ...params } = req.body;',
        "const mine = crypto.createHash('md5').update(toQuery(params) + '&key=' + key).digest('hex').toUpperCase();",
        'if (mine == sign) ok();',
      ),
      errors: [{ messageId: 'compare', line: 4, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          'const { sign, ...params } = req.body;',
          "const mine = crypto.createHash('md5').update(toQuery(params) + '&key=' + key).digest('hex').toUpperCase();",
          'if (safeEqual(mine, sign)) ok();',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: '!= between a generated sign and the notification field',
      code: lines(
        "import { createHash } from 'crypto';",
        "if (generateSign(notification) != notification.sign) return 'FAIL';",
      ),
      errors: [{ messageId: 'compare', line: 2, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import { createHash, timingSafeEqual } from 'crypto';",
          "if (!safeEqual(generateSign(notification), notification.sign)) return 'FAIL';",
          '',
          ...safeEqualHelper({ ts: true }),
          '',
        ),
      },
    },
    {
      name: 'Buffer#equals between the digest and the header',
      code: lines(
        "import crypto from 'node:crypto';",
        "const digest = crypto.createHmac('sha256', key).update(body).digest();",
        "if (!digest.equals(Buffer.from(req.headers['x-hub-signature'] as string, 'hex'))) return res.sendStatus(401);",
      ),
      errors: [{ messageId: 'compare', line: 3, column: 6 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "const digest = crypto.createHmac('sha256', key).update(body).digest();",
          "if (!safeEqual(digest, Buffer.from(req.headers['x-hub-signature'] as string, 'hex'))) return res.sendStatus(401);",
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'received buffer .equals(computed buffer)',
      code: lines(
        "import crypto from 'node:crypto';",
        "const ok = Buffer.from(sig, 'base64').equals(crypto.createHmac('sha256', key).update(body).digest());",
      ),
      errors: [{ messageId: 'compare', line: 2, column: 12 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "const ok = safeEqual(Buffer.from(sig, 'base64'), crypto.createHmac('sha256', key).update(body).digest());",
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'localeCompare(...) === 0',
      code: lines(
        "import crypto from 'node:crypto';",
        "const expected = crypto.createHmac('sha256', key).update(body).digest('base64');",
        "if (expected.localeCompare(req.headers['x-signature']) === 0) accept();",
      ),
      errors: [{ messageId: 'compare', line: 3, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "const expected = crypto.createHmac('sha256', key).update(body).digest('base64');",
          "if (safeEqual(expected, req.headers['x-signature'])) accept();",
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: '!x.localeCompare(y)',
      code: lines(
        "import crypto from 'node:crypto';",
        "const expectedSig = crypto.createHmac('sha256', key).update(body).digest('hex');",
        'if (!expectedSig.localeCompare(signature)) accept();',
      ),
      errors: [{ messageId: 'compare', line: 3, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "const expectedSig = crypto.createHmac('sha256', key).update(body).digest('hex');",
          'if (safeEqual(expectedSig, signature)) accept();',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'bare localeCompare means "different"',
      code: lines(
        "import crypto from 'node:crypto';",
        "const expectedSig = crypto.createHmac('sha256', key).update(body).digest('hex');",
        'if (expectedSig.localeCompare(signature)) reject();',
      ),
      errors: [{ messageId: 'compare', line: 3, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "const expectedSig = crypto.createHmac('sha256', key).update(body).digest('hex');",
          'if (!safeEqual(expectedSig, signature)) reject();',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'through a local function that returns a digest',
      code: lines(
        "import crypto from 'node:crypto';",
        'function expectedFor(body: string) {',
        "  return crypto.createHmac('sha256', secret).update(body).digest('hex');",
        '}',
        'export const check = (body: string, signatureHeader: string) => expectedFor(body) === signatureHeader.slice(7);',
      ),
      errors: [{ messageId: 'compare', line: 5, column: 65 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          'function expectedFor(body: string) {',
          "  return crypto.createHmac('sha256', secret).update(body).digest('hex');",
          '}',
          'export const check = (body: string, signatureHeader: string) => safeEqual(expectedFor(body), signatureHeader.slice(7));',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'GitHub-style `sha256=` prefix in a template literal',
      code: lines(
        "import crypto from 'node:crypto';",
        "const digest = crypto.createHmac('sha256', secret).update(payload).digest('hex');",
        "const received = req.headers['x-hub-signature-256'];",
        'if (received !== `sha256=${digest}`) return res.status(401).send();',
      ),
      errors: [{ messageId: 'compare', line: 4, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "const digest = crypto.createHmac('sha256', secret).update(payload).digest('hex');",
          "const received = req.headers['x-hub-signature-256'];",
          'if (!safeEqual(received, `sha256=${digest}`)) return res.status(401).send();',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'Koa: ctx.get of the signature header',
      path: 'src/routes/notify.ts',
      code: lines(
        "import crypto from 'node:crypto';",
        "router.post('/notify', async (ctx) => {",
        "  const computed = crypto.createHmac('sha256', key).update(ctx.request.rawBody).digest('base64');",
        "  ctx.assert(computed === ctx.get('X-Signature'), 401);",
        '});',
      ),
      errors: [{ messageId: 'compare', line: 4, column: 14 }],
      fixes: {
        timingSafe: lines(
          "import crypto from 'node:crypto';",
          "router.post('/notify', async (ctx) => {",
          "  const computed = crypto.createHmac('sha256', key).update(ctx.request.rawBody).digest('base64');",
          "  ctx.assert(safeEqual(computed, ctx.get('X-Signature')), 401);",
          '});',
          '',
          ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'Next.js: request.headers.get of the signature header',
      path: 'app/api/webhooks/codepay/route.ts',
      code: lines(
        "import { createHmac } from 'node:crypto';",
        'export async function POST(request: Request) {',
        '  const body = await request.text();',
        "  const expected = createHmac('sha256', process.env.CODEPAY_NOTIFY_KEY!).update(body).digest('hex');",
        "  if (request.headers.get('x-codepay-signature') !== expected) return new Response(null, { status: 401 });",
        "  return Response.json({ code: 'SUCCESS' });",
        '}',
      ),
      errors: [{ messageId: 'compare', line: 5, column: 7 }],
      fixes: {
        timingSafe: lines(
          "import { createHmac, timingSafeEqual } from 'node:crypto';",
          'export async function POST(request: Request) {',
          '  const body = await request.text();',
          "  const expected = createHmac('sha256', process.env.CODEPAY_NOTIFY_KEY!).update(body).digest('hex');",
          "  if (!safeEqual(request.headers.get('x-codepay-signature'), expected)) return new Response(null, { status: 401 });",
          "  return Response.json({ code: 'SUCCESS' });",
          '}',
          '',
          ...safeEqualHelper({ ts: true }),
          '',
        ),
      },
    },
    {
      name: 'NestJS: the signature header parameter against a service computation',
      path: 'src/payments/payments.controller.ts',
      code: lines(
        "@Controller('payments')",
        'export class PaymentsController {',
        "  @Post('notify')",
        "  notify(@Body() body: NotifyDto, @Headers('x-codepay-signature') signature: string) {",
        '    if (this.signer.computeSignature(body) !== signature) throw new UnauthorizedException();',
        '    return this.orders.markPaid(body.out_trade_no);',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'compare', line: 5, column: 9 }],
      fixes: {
        timingSafe: lines(
          "import { timingSafeEqual } from 'node:crypto';",
          "@Controller('payments')",
          'export class PaymentsController {',
          "  @Post('notify')",
          "  notify(@Body() body: NotifyDto, @Headers('x-codepay-signature') signature: string) {",
          '    if (!safeEqual(this.signer.computeSignature(body), signature)) throw new UnauthorizedException();',
          '    return this.orders.markPaid(body.out_trade_no);',
          '  }',
          '}',
          '',
          ...safeEqualHelper({ ts: true }),
          '',
        ),
      },
    },
    {
      name: 'CryptoJS HmacSHA256(...).toString() against the sign field',
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'const valid = CryptoJS.HmacSHA256(payload, key).toString() === data.sign;',
      ),
      errors: [{ messageId: 'compare', line: 2, column: 15 }],
      fixes: {
        timingSafe: lines(
          "import CryptoJS from 'crypto-js';",
          "import { timingSafeEqual } from 'node:crypto';",
          'const valid = safeEqual(CryptoJS.HmacSHA256(payload, key).toString(), data.sign);',
          '',
          ...safeEqualHelper({ ts: true }),
          '',
        ),
      },
    },
    {
      name: 'a signature parameter against a local HMAC helper',
      code: lines(
        'export function isAuthentic(payload: string, signature: string): boolean {',
        '  return hmacSha256(payload, process.env.NOTIFY_KEY!) === signature;',
        '}',
      ),
      errors: [{ messageId: 'compare', line: 2, column: 10 }],
      fixes: {
        timingSafe: lines(
          "import { timingSafeEqual } from 'node:crypto';",
          'export function isAuthentic(payload: string, signature: string): boolean {',
          '  return safeEqual(hmacSha256(payload, process.env.NOTIFY_KEY!), signature);',
          '}',
          '',
          ...safeEqualHelper({ ts: true }),
          '',
        ),
      },
    },
    {
      name: 'an existing constant-time helper of the file is reused, no new helper',
      code: lines(
        "import { createHmac, timingSafeEqual } from 'node:crypto';",
        'function constantTimeEquals(a: string, b: string): boolean {',
        '  const x = Buffer.from(a);',
        '  const y = Buffer.from(b);',
        '  return x.length === y.length && timingSafeEqual(x, y);',
        '}',
        "const expected = createHmac('sha256', key).update(body).digest('hex');",
        'if (expected !== req.body.signature) reject();',
      ),
      errors: [{ messageId: 'compare', line: 8, column: 5 }],
      fixes: {
        timingSafe: lines(
          "import { createHmac, timingSafeEqual } from 'node:crypto';",
          'function constantTimeEquals(a: string, b: string): boolean {',
          '  const x = Buffer.from(a);',
          '  const y = Buffer.from(b);',
          '  return x.length === y.length && timingSafeEqual(x, y);',
          '}',
          "const expected = createHmac('sha256', key).update(body).digest('hex');",
          'if (!constantTimeEquals(expected, req.body.signature)) reject();',
        ),
      },
    },
    {
      name: 'CommonJS: the crypto namespace from require is used',
      path: 'lib/notify.js',
      code: lines(
        "const crypto = require('crypto');",
        'module.exports = function verify(body, sig) {',
        "  const hmac = crypto.createHmac('sha1', process.env.NOTIFY_KEY);",
        '  hmac.update(body);',
        "  return hmac.digest('hex') === sig;",
        '};',
      ),
      errors: [{ messageId: 'compare', line: 5, column: 10 }],
      fixes: {
        timingSafe: lines(
          "const crypto = require('crypto');",
          'module.exports = function verify(body, sig) {',
          "  const hmac = crypto.createHmac('sha1', process.env.NOTIFY_KEY);",
          '  hmac.update(body);',
          "  return safeEqual(hmac.digest('hex'), sig);",
          '};',
          '',
          ...safeEqualHelper({ ts: false, ns: 'crypto.' }),
          '',
        ),
      },
    },
    {
      name: 'JavaScript with no crypto import: one is added',
      path: 'src/notify.js',
      code: lines(
        "import { sign } from './signing.js';",
        'export const isAuthentic = (params) => sign(params) === params.sign;',
      ),
      errors: [{ messageId: 'compare', line: 2, column: 40 }],
      fixes: {
        timingSafe: lines(
          "import { sign } from './signing.js';",
          "import { timingSafeEqual } from 'node:crypto';",
          'export const isAuthentic = (params) => safeEqual(sign(params), params.sign);',
          '',
          ...safeEqualHelper({ ts: false }),
          '',
        ),
      },
    },
    {
      name: 'named crypto import is extended',
      code: lines(
        "import { createHmac } from 'crypto';",
        '',
        'export function verify(raw: Buffer, signature: string | undefined) {',
        "  const expectedMac = createHmac('sha256', KEY).update(raw).digest('base64');",
        '  return signature === expectedMac;',
        '}',
      ),
      errors: [{ messageId: 'compare', line: 5, column: 10 }],
      fixes: {
        timingSafe: lines(
          "import { createHmac, timingSafeEqual } from 'crypto';",
          '',
          'export function verify(raw: Buffer, signature: string | undefined) {',
          "  const expectedMac = createHmac('sha256', KEY).update(raw).digest('base64');",
          '  return safeEqual(signature, expectedMac);',
          '}',
          '',
          ...safeEqualHelper({ ts: true }),
          '',
        ),
      },
    },
    {
      name: 'two comparisons in one file: two findings, each fix generates the helper once',
      code: lines(
        "import crypto from 'node:crypto';",
        "const expected = crypto.createHmac('sha256', key).update(body).digest('hex');",
        "const a = req.headers['x-signature'] === expected;",
        'const b = expected != req.query.sig;',
      ),
      errors: [{ messageId: 'compare', line: 3, column: 11 }, { messageId: 'compare', line: 4, column: 11 }],
      fixes: {
        timingSafe: [
          lines(
            "import crypto from 'node:crypto';",
            "const expected = crypto.createHmac('sha256', key).update(body).digest('hex');",
            "const a = safeEqual(req.headers['x-signature'], expected);",
            'const b = expected != req.query.sig;',
            '',
            ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
            '',
          ),
          lines(
            "import crypto from 'node:crypto';",
            "const expected = crypto.createHmac('sha256', key).update(body).digest('hex');",
            "const a = req.headers['x-signature'] === expected;",
            'const b = !safeEqual(expected, req.query.sig);',
            '',
            ...safeEqualHelper({ ts: true, ns: 'crypto.' }),
            '',
          ),
        ],
      },
    },
    {
      name: 'Alipay-style signed string: sign() of sorted params against the sign field',
      code: lines(
        "import { createSign } from 'crypto';",
        'function checkParams(params: Record<string, string>) {',
        "  const signer = createSign('RSA-SHA256');",
        "  signer.update(Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&'));",
        "  const mySign = signer.sign(privateKey, 'base64');",
        '  return mySign === params.sign;',
        '}',
      ),
      errors: [{ messageId: 'compare', line: 6, column: 10 }],
      fixes: {
        timingSafe: lines(
          "import { createSign, timingSafeEqual } from 'crypto';",
          'function checkParams(params: Record<string, string>) {',
          "  const signer = createSign('RSA-SHA256');",
          "  signer.update(Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&'));",
          "  const mySign = signer.sign(privateKey, 'base64');",
          '  return safeEqual(mySign, params.sign);',
          '}',
          '',
          ...safeEqualHelper({ ts: true }),
          '',
        ),
      },
    },
  ],
});
