// Test table for weak-password-hash: fast and constant-salt password hashes, weak KDF parameters, tricky negatives, fixes.
import rule from '../../rules/weak-password-hash';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

// The helper the useScrypt fix appends, exactly as it is generated: qualified through a `crypto` namespace import,
// or through named `randomBytes`/`scryptSync` imports; typed in TypeScript files.
const HELPER_COMMENT = '// scrypt with a random 16-byte salt, stored with the hash as scrypt$salt$key so the password can be verified later.';
const HELPER_TS_NAMESPACE = lines(
  HELPER_COMMENT,
  'function hashPasswordWithScrypt(password: string): string {',
  '  const salt = crypto.randomBytes(16);',
  "  return `scrypt$${salt.toString('base64')}$${crypto.scryptSync(password, salt, 64).toString('base64')}`;",
  '}',
);
const HELPER_TS_NAMED = lines(
  HELPER_COMMENT,
  'function hashPasswordWithScrypt(password: string): string {',
  '  const salt = randomBytes(16);',
  "  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 64).toString('base64')}`;",
  '}',
);
const HELPER_JS_NAMESPACE = lines(
  HELPER_COMMENT,
  'function hashPasswordWithScrypt(password) {',
  '  const salt = crypto.randomBytes(16);',
  "  return `scrypt$${salt.toString('base64')}$${crypto.scryptSync(password, salt, 64).toString('base64')}`;",
  '}',
);
const HELPER_JS_NAMED = lines(
  HELPER_COMMENT,
  'function hashPasswordWithScrypt(password) {',
  '  const salt = randomBytes(16);',
  "  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 64).toString('base64')}`;",
  '}',
);

ruleTable(rule, {
  valid: [
    // Digests of non-secret or random data: ETags, checksums, cache keys, API keys, session and reset tokens, OTPs.
    lines(
      "import crypto from 'node:crypto';",
      "export const etagOf = (body: string) => `\"${crypto.createHash('sha256').update(body).digest('base64url')}\"`;",
      "export const checksum = (file: Buffer) => crypto.createHash('md5').update(file).digest('hex');",
    ),
    lines(
      "import crypto from 'node:crypto';",
      'export function apiKeyDigest(apiKey: string): string {',
      "  return crypto.createHash('sha256').update(apiKey).digest('hex');",
      '}',
    ),
    lines(
      "import crypto from 'node:crypto';",
      "const digest = (token: string) => crypto.createHash('sha256').update(token).digest('hex');",
      'export async function issueSession(customerId: string) {',
      "  const token = crypto.randomBytes(32).toString('base64url');",
      '  await db.sessions.insert({ tokenDigest: digest(token), customerId });',
      '  return token;',
      '}',
    ),
    lines(
      "import { createHash } from 'crypto';",
      "router.post('/password/forgot', async (req, res) => {",
      "  const passwordResetToken = randomBytes(32).toString('hex');",
      "  await users.update(req.body.email, { resetDigest: createHash('sha256').update(passwordResetToken).digest('hex') });",
      '  res.sendStatus(202);',
      '});',
    ),
    lines(
      "import { sha256 } from 'js-sha256';",
      'export const otpDigest = (otpCode: string) => sha256(otpCode);',
      'export const smsDigest = (verificationCode: string) => sha256.hex(verificationCode);',
    ),
    // A digest of the stored hash (cache key, session fingerprint) is not a password hash.
    lines(
      "import crypto from 'crypto';",
      "export const fingerprint = (user: User) => crypto.createHash('sha256').update(user.id + user.passwordHash).digest('hex');",
    ),
    // Request signatures: webhook HMAC, WeChat Pay v2 `&key=` MD5, Robokassa `password1`, a merchant password.
    lines(
      "import crypto from 'crypto';",
      "app.post('/webhooks/codepay', (req, res) => {",
      "  const expected = crypto.createHmac('sha256', process.env.CODEPAY_NOTIFY_KEY ?? '').update(req.body).digest('hex');",
      '  res.sendStatus(expected.length ? 200 : 400);',
      '});',
    ),
    lines(
      "import md5 from 'md5';",
      'export function wechatSign(params: Record<string, string>, key: string): string {',
      "  const stringA = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');",
      "  return md5(stringA + '&key=' + key).toUpperCase();",
      '}',
    ),
    lines(
      "import md5 from 'md5';",
      'export const robokassaSignature = (login: string, outSum: string, invId: string, password1: string) =>',
      '  md5(`${login}:${outSum}:${invId}:${password1}`);',
    ),
    lines(
      "import crypto from 'crypto';",
      'export function gatewaySign(params: Record<string, string>, merchantPassword: string): string {',
      "  return crypto.createHash('md5').update(JSON.stringify(params) + merchantPassword).digest('hex');",
      '}',
    ),
    // Slow, randomly salted password hashes.
    lines(
      "import bcrypt from 'bcrypt';",
      'const SALT_ROUNDS = 12;',
      "router.post('/signup', async (req, res) => {",
      '  const hash = await bcrypt.hash(req.body.password, SALT_ROUNDS);',
      '  const salt = await bcrypt.genSalt();',
      '  res.json({ hash, again: await bcrypt.hash(req.body.password, salt) });',
      '});',
    ),
    lines(
      "import * as argon2 from 'argon2';",
      'export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456 });',
    ),
    lines(
      "import crypto from 'node:crypto';",
      "import { promisify } from 'node:util';",
      'const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;',
      'export async function hashPassword(password: string): Promise<string> {',
      '  const salt = crypto.randomBytes(16);',
      '  const key = await scrypt(password, salt, 64);',
      "  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;",
      '}',
    ),
    lines(
      "const { pbkdf2Sync, randomBytes } = require('crypto');",
      'function hashPassword(password) {',
      '  const salt = randomBytes(16);',
      "  return [salt.toString('hex'), pbkdf2Sync(password, salt, 600000, 64, 'sha512').toString('hex')].join(':');",
      '}',
    ),
    // A fast pre-hash fed to bcrypt (works around bcrypt's 72-byte limit) is not the stored hash.
    lines(
      "import bcrypt from 'bcryptjs';",
      "import { createHash } from 'crypto';",
      "export const hashLong = (password: string) => bcrypt.hash(createHash('sha256').update(password).digest('base64'), 12);",
      'export async function hashLong2(password: string) {',
      "  const prehash = createHash('sha512').update(password).digest('base64');",
      '  return bcrypt.hash(prehash, 12);',
      '}',
    ),
    // Have I Been Pwned's range API takes the first five hex digits of the password's SHA-1.
    lines(
      "import crypto from 'crypto';",
      'export async function isBreached(password: string): Promise<boolean> {',
      "  const sha1 = crypto.createHash('sha1').update(password).digest('hex').toUpperCase();",
      '  const res = await fetch(`https://api.pwnedpasswords.com/range/${sha1.slice(0, 5)}`);',
      '  return (await res.text()).includes(sha1.slice(5));',
      '}',
    ),
    // Deriving an encryption key from a key in the environment is key derivation, not password storage.
    lines(
      "import crypto from 'crypto';",
      "const key = crypto.scryptSync(process.env.ENCRYPTION_KEY ?? '', 'salt', 32);",
      'export const cipher = (iv: Buffer) => crypto.createCipheriv(\'aes-256-gcm\', key, iv);',
    ),
    // Tests lower work factors on purpose; an API token with a low cost is not a password either.
    { code: "import bcrypt from 'bcrypt';\nexport const fixtureUser = { email: 'a@example.com', hash: bcrypt.hashSync(PASSWORD, 4) };", path: 'test/helpers/users.ts' },
    "import bcrypt from 'bcrypt';\nexport const tokenHash = (apiToken: string) => bcrypt.hash(apiToken, 8);",
    // In-browser digests of non-passwords, and a payload signed with a provider key (the password is only inside JSON).
    { code: lines(
      "import CryptoJS from 'crypto-js';",
      'export function Checkout({ password, fileContents }: Props) {',
      '  const [digest] = useState(() => CryptoJS.SHA256(fileContents).toString());',
      '  return <input type="password" value={password} data-digest={digest} />;',
      '}',
    ), path: 'web/src/components/Checkout.tsx' },
    lines(
      "import crypto from 'crypto';",
      'export const signLogin = (user: string, password: string, key: string) =>',
      "  crypto.createHmac('sha256', key).update(JSON.stringify({ user, password })).digest('hex');",
    ),
    // Gravatar hashes the e-mail address, not the password.
    "import md5 from 'md5';\nexport const avatar = (user: { email: string; password: string }) => `https://www.gravatar.com/avatar/${md5(user.email.trim().toLowerCase())}`;",
    // Both sides hashed only to equal lengths for a constant-time check against a configured password: nothing stored.
    lines(
      "import { createHash, timingSafeEqual } from 'crypto';",
      'export function validCredentials(email: string, password: string): boolean {',
      "  const expected = process.env.ADMIN_PASSWORD || '';",
      "  const submittedHash = createHash('sha256').update(password).digest();",
      "  const expectedHash = createHash('sha256').update(expected).digest();",
      '  return timingSafeEqual(submittedHash, expectedHash);',
      '}',
    ),
    // A team that accepts cost 8 says so in its config.
    {
      code: "import bcrypt from 'bcrypt';\nexport const hashPassword = (pw: string) => bcrypt.hash(pw, 8);",
      config: { rules: { 'weak-password-hash': ['error', { minBcryptCost: 8 }] } },
    },
    // Near misses: verification, strong parameters, random salts, non-password digests and look-alike names.
    {
      name: 'bcrypt.compare and argon2.verify check a login; nothing is hashed fast',
      code: lines(
        "import bcrypt from 'bcrypt';",
        "import * as argon2 from 'argon2';",
        'export const checkPassword = (password: string, user: User) =>',
        "  user.passwordHash.startsWith('$argon2') ? argon2.verify(user.passwordHash, password) : bcrypt.compare(password, user.passwordHash);",
      ),
    },
    {
      name: 'scrypt verification with the salt stored next to the hash',
      code: lines(
        "import { scryptSync, timingSafeEqual } from 'node:crypto';",
        'export function verifyPassword(password: string, stored: string): boolean {',
        "  const [, salt, key] = stored.split('$');",
        "  const actual = scryptSync(password, Buffer.from(salt, 'base64'), 64);",
        "  return timingSafeEqual(actual, Buffer.from(key, 'base64'));",
        '}',
      ),
    },
    {
      name: 'bcrypt cost from the environment with a strong fallback',
      code: lines(
        "const bcrypt = require('bcryptjs');",
        "const rounds = parseInt(process.env.BCRYPT_ROUNDS || '12', 10);",
        'module.exports.hashPassword = (password) => bcrypt.hash(password, Number(process.env.SALT_ROUNDS) || 12);',
        'module.exports.hashPin = (pin) => bcrypt.hashSync(pin, bcrypt.genSaltSync(rounds));',
      ),
      path: 'lib/passwords.js',
    },
    {
      name: 'callback pbkdf2 with a random salt and 310000 iterations',
      code: lines(
        "const crypto = require('crypto');",
        'exports.hashPassword = (password, done) => {',
        '  const salt = crypto.randomBytes(16);',
        "  crypto.pbkdf2(password, salt, 310000, 32, 'sha256', (err, key) => done(err, salt.toString('hex') + ':' + key.toString('hex')));",
        '};',
      ),
      path: 'lib/auth.js',
    },
    {
      name: 'WebCrypto PBKDF2 with a random salt and 600000 iterations',
      code: lines(
        'export async function deriveLoginKey(password: string) {',
        '  const salt = crypto.getRandomValues(new Uint8Array(16));',
        "  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);",
        "  return { salt, bits: await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 600000, hash: 'SHA-256' }, base, 256) };",
        '}',
      ),
    },
    {
      name: 'crypto-js PBKDF2 with a random salt and enough iterations',
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'export const derive = (password: string) => { const salt = CryptoJS.lib.WordArray.random(16); return { salt, key: CryptoJS.PBKDF2(password, salt, { keySize: 8, iterations: 600000 }) }; };',
      ),
    },
    {
      name: 'argon2 with an explicit random salt',
      code: lines(
        "import argon2 from 'argon2';",
        "import { randomBytes } from 'crypto';",
        'export const hashPassword = (pw: string) => argon2.hash(pw, { salt: randomBytes(16), type: argon2.argon2id });',
      ),
    },
    {
      name: 'passwordless magic-link tokens are random, a SHA-256 digest is enough',
      code: lines(
        "import { createHash, randomBytes } from 'crypto';",
        'export async function sendPasswordlessLink(email: string) {',
        "  const magicLinkToken = randomBytes(32).toString('base64url');",
        "  await db.loginLinks.insert({ email, tokenHash: createHash('sha256').update(magicLinkToken).digest('hex') });",
        '  return magicLinkToken;',
        '}',
      ),
    },
    {
      name: 'HOTP/TOTP: HMAC-SHA1 of a counter generates a one-time password',
      code: lines(
        "import { createHmac } from 'crypto';",
        'export function generateOneTimePassword(secret: Buffer, counter: number): string {',
        '  const buf = Buffer.alloc(8);',
        '  buf.writeBigUInt64BE(BigInt(counter));',
        "  const hmac = createHmac('sha1', secret).update(buf).digest();",
        '  const offset = hmac[hmac.length - 1] & 0xf;',
        "  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');",
        '}',
      ),
    },
    {
      name: 'a version hash of the password policy config, not of a password',
      code: lines(
        "import crypto from 'crypto';",
        "export const policyVersion = (passwordPolicy: PasswordPolicy) => crypto.createHash('sha1').update(JSON.stringify(passwordPolicy)).digest('hex').slice(0, 8);",
      ),
    },
    {
      name: 'a JWT invalidation stamp from the time the password changed',
      code: lines(
        "import { createHash } from 'crypto';",
        "export const sessionStamp = (user: User) => createHash('sha256').update(`${user.id}:${user.passwordChangedAt.toISOString()}`).digest('hex');",
      ),
    },
    {
      name: 'PIN pad terminal serial numbers are ids, not PINs',
      code: lines(
        "import crypto from 'crypto';",
        "export const terminalKey = (terminal: Terminal) => crypto.createHash('sha256').update(terminal.pinPadSerial).digest('hex');",
      ),
    },
    {
      name: 'Mailchimp subscriber hash and an idempotency key',
      code: lines(
        "import md5 from 'md5';",
        "import { createHash } from 'crypto';",
        'export const subscriberHash = (email: string) => md5(email.toLowerCase());',
        "export const idempotencyKey = (orderId: string, amount: number) => createHash('sha256').update(`${orderId}:${amount}`).digest('hex');",
      ),
    },
    {
      name: 'Have I Been Pwned with the sha1 package',
      code: lines(
        "const sha1 = require('sha1');",
        'async function isPwned(password) {',
        '  const hash = sha1(password).toUpperCase();',
        '  const res = await fetch(`https://api.pwnedpasswords.com/range/${hash.slice(0, 5)}`);',
        '  return (await res.text()).split("\\n").some((line) => hash.endsWith(line.split(":")[0]));',
        '}',
      ),
      path: 'server/pwned.js',
    },
    {
      name: 'a spec file lowers the bcrypt cost to keep tests fast',
      code: lines(
        "import bcrypt from 'bcryptjs';",
        "beforeAll(async () => { await User.create({ email: 'a@example.com', password: await bcrypt.hash('correct horse', 4) }); });",
      ),
      path: 'src/__tests__/auth.spec.ts',
    },
    {
      name: 'docs and error strings that mention md5(password)',
      code: "throw new Error('Legacy md5(password) hashes are no longer accepted; reset your password.');",
    },
    {
      name: 'HKDF of a master key for per-merchant encryption keys',
      code: lines(
        "import { hkdfSync } from 'crypto';",
        "export const merchantKey = (merchantId: string) => Buffer.from(hkdfSync('sha256', process.env.MASTER_KEY!, merchantId, 'codepay-data-key', 32));",
      ),
    },
    {
      name: 'NestJS: bcrypt cost read from config with a default of 12',
      code: lines(
        "import * as bcrypt from 'bcrypt';",
        '@Injectable()',
        'export class PasswordService {',
        '  constructor(private readonly config: ConfigService) {}',
        "  hash(password: string) { return bcrypt.hash(password, this.config.get<number>('BCRYPT_COST', 12)); }",
        '}',
      ),
    },
    {
      name: 'Subresource integrity of a script',
      code: lines(
        "import { createHash } from 'node:crypto';",
        "export const sri = (script: Buffer) => `sha384-${createHash('sha384').update(script).digest('base64')}`;",
      ),
    },
    {
      name: 'comparing the stored hash algorithm with a constant before rehashing with bcrypt',
      code: lines(
        "import bcrypt from 'bcrypt';",
        'export async function upgradeHash(user: User, password: string) {',
        "  if (user.hashAlgorithm === 'sha256' || user.hashAlgorithm === 'md5') {",
        '    user.passwordHash = await bcrypt.hash(password, 12);',
        "    user.hashAlgorithm = 'bcrypt';",
        '  }',
        '}',
      ),
    },
  ],
  invalid: [
    // Express: destructured from req.body, unsalted SHA-256; rewritten to scrypt through the existing `crypto` import.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        "router.post('/register', async (req, res) => {",
        '  const { email, password } = req.body;',
        "  const hash = crypto.createHash('sha256').update(password).digest('hex');",
        '  await db.users.insert({ email, hash });',
        '});',
      ),
      errors: [{ messageId: 'fastHash', line: 4, column: 16 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'node:crypto';",
          "router.post('/register', async (req, res) => {",
          '  const { email, password } = req.body;',
          '  const hash = hashPasswordWithScrypt(password);',
          '  await db.users.insert({ email, hash });',
          '});',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    // A constant salt appended to the password (the issue's `user.password + SALT`).
    {
      code: lines(
        "import crypto from 'crypto';",
        "const SALT = 'acme-2019';",
        'export function legacyHash(user: { password: string }) {',
        "  return crypto.createHash('sha256').update(user.password + SALT).digest('hex');",
        '}',
      ),
      errors: [{ messageId: 'constantSaltHash', line: 4, column: 10 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'crypto';",
          "const SALT = 'acme-2019';",
          'export function legacyHash(user: { password: string }) {',
          '  return hashPasswordWithScrypt(user.password);',
          '}',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    // A pepper from the environment in a separate update() is still one constant salt for every PIN.
    {
      code: lines(
        "import crypto from 'crypto';",
        'export const hashOperatorPin = (pin: string) =>',
        "  crypto.createHash('sha512').update(process.env.PIN_PEPPER!).update(pin).digest('hex');",
      ),
      errors: [{ messageId: 'constantSaltHash', line: 3, column: 3 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'crypto';",
          'export const hashOperatorPin = (pin: string) =>',
          '  hashPasswordWithScrypt(pin);',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    // Renamed variables: the value is followed from req.body.password through `input` and `.trim()`.
    {
      code: lines(
        "import crypto from 'crypto';",
        "app.post('/login', (req, res) => {",
        '  const input = req.body.password;',
        '  const p = input.trim();',
        "  res.json({ digest: crypto.createHash('sha1').update(p).digest('hex') });",
        '});',
      ),
      errors: [{ messageId: 'fastHash', line: 5, column: 22 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'crypto';",
          "app.post('/login', (req, res) => {",
          '  const input = req.body.password;',
          '  const p = input.trim();',
          '  res.json({ digest: hashPasswordWithScrypt(p) });',
          '});',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    // Koa: a renaming destructure and the `md5` package; the fix adds the Node crypto import.
    {
      code: lines(
        "import md5 from 'md5';",
        "router.post('/users', async (ctx) => {",
        '  const { password: pw } = ctx.request.body;',
        '  ctx.body = await User.create({ hash: md5(pw) });',
        '});',
      ),
      errors: [{ messageId: 'fastHash', line: 4, column: 40 }],
      fixes: {
        useScrypt: lines(
          "import md5 from 'md5';",
          "import { randomBytes, scryptSync } from 'node:crypto';",
          "router.post('/users', async (ctx) => {",
          '  const { password: pw } = ctx.request.body;',
          '  ctx.body = await User.create({ hash: hashPasswordWithScrypt(pw) });',
          '});',
          '',
          HELPER_TS_NAMED,
        ),
      },
    },
    // CommonJS helper named for passwords: its parameter is the password; the fix adds a require.
    {
      code: lines(
        "const sha1 = require('sha1');",
        'function hashPassword(p) { return sha1(p) }',
        'module.exports = { hashPassword }',
      ),
      path: 'src/auth/hash.js',
      errors: [{ messageId: 'fastHash', line: 2, column: 35 }],
      fixes: {
        useScrypt: lines(
          "const sha1 = require('sha1');",
          "const { randomBytes, scryptSync } = require('node:crypto');",
          'function hashPassword(p) { return hashPasswordWithScrypt(p) }',
          '',
          HELPER_JS_NAMED,
          'module.exports = { hashPassword }',
        ),
      },
    },
    // NestJS service method named for PINs; the named import from crypto is extended.
    {
      code: lines(
        "import { Injectable } from '@nestjs/common';",
        "import { createHash } from 'node:crypto';",
        '@Injectable()',
        'export class OperatorService {',
        '  hashPin(plain: string): string {',
        "    return createHash('sha256').update(plain).digest('hex');",
        '  }',
        '}',
      ),
      errors: [{ messageId: 'fastHash', line: 6, column: 12 }],
      fixes: {
        useScrypt: lines(
          "import { Injectable } from '@nestjs/common';",
          "import { createHash, randomBytes, scryptSync } from 'node:crypto';",
          '@Injectable()',
          'export class OperatorService {',
          '  hashPin(plain: string): string {',
          '    return hashPasswordWithScrypt(plain);',
          '  }',
          '}',
          '',
          HELPER_TS_NAMED,
        ),
      },
    },
    // A generic local digest helper is fine for tokens, but calling it with a password is the finding.
    {
      code: lines(
        "import crypto from 'crypto';",
        "const digest = (s: string) => crypto.createHash('sha256').update(s).digest('hex');",
        'export const tokenDigest = (token: string) => digest(token);',
        'export const storePassword = (req: Request) => digest(req.body.password);',
      ),
      errors: [{ messageId: 'fastHash', line: 4, column: 48 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'crypto';",
          "const digest = (s: string) => crypto.createHash('sha256').update(s).digest('hex');",
          'export const tokenDigest = (token: string) => digest(token);',
          'export const storePassword = (req: Request) => hashPasswordWithScrypt(req.body.password);',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    // Mongoose pre-save hook (CommonJS): `this.password` is hashed in place.
    {
      code: lines(
        "const crypto = require('crypto');",
        "UserSchema.pre('save', function (next) {",
        "  this.password = crypto.createHash('sha256').update(this.password).digest('hex');",
        '  next();',
        '});',
      ),
      path: 'models/user.js',
      errors: [{ messageId: 'fastHash', line: 3, column: 19 }],
      fixes: {
        useScrypt: lines(
          "const crypto = require('crypto');",
          "UserSchema.pre('save', function (next) {",
          '  this.password = hashPasswordWithScrypt(this.password);',
          '  next();',
          '});',
          '',
          HELPER_JS_NAMESPACE,
        ),
      },
    },
    // TypeORM entity hook; where bcrypt is imported the fix uses it (synchronously: the hook is not async).
    {
      code: lines(
        "import * as bcrypt from 'bcryptjs';",
        "import md5 from 'md5';",
        '@Entity()',
        'export class Customer {',
        '  @Column() password!: string;',
        '  @BeforeInsert()',
        '  hashIt() { this.password = md5(this.password); }',
        '}',
      ),
      errors: [{ messageId: 'fastHash', line: 7, column: 30 }],
      fixes: {
        useBcrypt: lines(
          "import * as bcrypt from 'bcryptjs';",
          "import md5 from 'md5';",
          '@Entity()',
          'export class Customer {',
          '  @Column() password!: string;',
          '  @BeforeInsert()',
          '  hashIt() { this.password = bcrypt.hashSync(this.password, 12); }',
          '}',
        ),
      },
    },
    // Next.js App Router handler (async): the bcrypt rewrite awaits, and is parenthesised before `.length`.
    {
      code: lines(
        "import bcrypt from 'bcrypt';",
        "import { createHash } from 'crypto';",
        'export async function POST(request: Request) {',
        '  const { email, password } = await request.json();',
        "  const stored = createHash('sha512').update(password).digest('hex').length;",
        '  return Response.json({ email, stored });',
        '}',
      ),
      path: 'app/api/signup/route.ts',
      errors: [{ messageId: 'fastHash', line: 5, column: 18 }],
      fixes: {
        useBcrypt: lines(
          "import bcrypt from 'bcrypt';",
          "import { createHash } from 'crypto';",
          'export async function POST(request: Request) {',
          '  const { email, password } = await request.json();',
          '  const stored = (await bcrypt.hash(password, 12)).length;',
          '  return Response.json({ email, stored });',
          '}',
        ),
      },
    },
    // Browser component hashing the password with crypto-js: reported, no rewrite (scrypt belongs on the server).
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'export function LoginForm({ onSubmit }: Props) {',
        "  const [pwd, setPwd] = useState('');",
        '  return <form onSubmit={() => onSubmit(CryptoJS.SHA256(pwd).toString())}><input value={pwd} onChange={(e) => setPwd(e.target.value)} /></form>;',
        '}',
      ),
      path: 'web/src/components/LoginForm.tsx',
      errors: [{ messageId: 'fastHash', line: 4, column: 41 }],
    },
    // crypto-js HMAC with a constant key is a fast hash with a shared pepper, not a salted one.
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        "const PEPPER = 'x9-pepper';",
        'export const hashPassword = (password: string) => CryptoJS.HmacSHA256(password, PEPPER).toString();',
      ),
      errors: [{ messageId: 'fastHash', line: 3, column: 51 }],
    },
    // WebCrypto digest of an encoded passcode.
    {
      code: lines(
        'export async function storePasscode(passcode: string) {',
        "  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(passcode));",
        '  return btoa(String.fromCharCode(...new Uint8Array(bytes)));',
        '}',
      ),
      errors: [{ messageId: 'fastHash', line: 2, column: 23 }],
    },
    // Node's one-shot crypto.hash(); the fix passes the plain passcode to the helper.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        "export const hashPasscode = (passcode: string) => crypto.hash('sha1', Buffer.from(passcode));",
      ),
      errors: [{ messageId: 'fastHash', line: 2, column: 51 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'node:crypto';",
          'export const hashPasscode = (passcode: string) => hashPasswordWithScrypt(passcode);',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    // A hash object named after its algorithm is reported once, where it is created (plain Node http handler).
    {
      code: lines(
        "const crypto = require('crypto');",
        "req.on('end', () => {",
        '  const { Email, password } = JSON.parse(body);',
        "  const md5 = crypto.createHash('md5');",
        "  const newPas = md5.update(password).digest('hex');",
        "  mongodb.insert('userList', { Email, password: newPas });",
        '});',
      ),
      path: 'server/register.js',
      errors: [{ messageId: 'fastHash', line: 4, column: 15 }],
    },
    // The generated helper already exists (an earlier fix): only the call is replaced.
    {
      code: lines(
        "import crypto from 'crypto';",
        "export const hashPin = (pin: string) => crypto.createHash('sha256').update(pin).digest('hex');",
        '',
        HELPER_TS_NAMESPACE,
      ),
      errors: [{ messageId: 'fastHash', line: 2, column: 41 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'crypto';",
          'export const hashPin = (pin: string) => hashPasswordWithScrypt(pin);',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    // js-sha256: the one-shot form is rewritten, the streaming form is only reported.
    {
      code: lines(
        "import { sha256 } from 'js-sha256';",
        'export const a = (pin: string) => sha256.hex(pin);',
        'export const b = (pw: string) => sha256.update(pw).hex();',
      ),
      errors: [{ messageId: 'fastHash', line: 2, column: 35 }, { messageId: 'fastHash', line: 3, column: 34 }],
      fixes: {
        useScrypt: lines(
          "import { sha256 } from 'js-sha256';",
          "import { randomBytes, scryptSync } from 'node:crypto';",
          'export const a = (pin: string) => hashPasswordWithScrypt(pin);',
          '',
          HELPER_TS_NAMED,
          'export const b = (pw: string) => sha256.update(pw).hex();',
        ),
      },
    },
    // crypto-js PBKDF2 with a literal salt, and bcryptjs through named imports with a low genSalt cost.
    {
      code: "import CryptoJS from 'crypto-js';\nexport const deriveKey = (password: string) => CryptoJS.PBKDF2(password, 'static-salt', { keySize: 8 });",
      errors: [{ messageId: 'constantSalt', line: 2, column: 48 }],
    },
    {
      code: "import { hash, genSalt } from 'bcryptjs';\nexport const hashPassword = async (password: string) => hash(password, await genSalt(7));",
      errors: [{ messageId: 'lowBcryptCost', line: 2, column: 78 }],
      fixes: { raiseCost: "import { hash, genSalt } from 'bcryptjs';\nexport const hashPassword = async (password: string) => hash(password, await genSalt(12));" },
    },
    // A hash object held in a variable: reported at createHash, no one-line rewrite.
    {
      code: lines(
        "import crypto from 'crypto';",
        'export function hashPassword(password: string) {',
        "  const h = crypto.createHash('sha512');",
        '  h.update(password);',
        "  return h.digest('hex');",
        '}',
      ),
      errors: [{ messageId: 'fastHash', line: 3, column: 13 }],
    },
    // Recomputing a fast hash to check a login: reported, but a random-salted rewrite would never match.
    {
      code: lines(
        "import md5 from 'md5';",
        'export function verifyPassword(input: string, stored: string): boolean {',
        '  return md5(input) === stored;',
        '}',
      ),
      errors: [{ messageId: 'fastHash', line: 3, column: 10 }],
    },
    // bcrypt cost below 10: raised to 12 (safe: compare() reads the cost from each stored hash).
    {
      code: "import bcrypt from 'bcrypt';\nexport async function hashPassword(pw: string) { return bcrypt.hash(pw, 8); }",
      errors: [{ messageId: 'lowBcryptCost', line: 2, column: 57 }],
      fixes: { raiseCost: "import bcrypt from 'bcrypt';\nexport async function hashPassword(pw: string) { return bcrypt.hash(pw, 12); }" },
    },
    // The cost set through a constant and genSaltSync: reported at the salt generation, the constant is raised.
    {
      code: lines(
        "const bcrypt = require('bcryptjs');",
        'const ROUNDS = 6;',
        'function hashPassword(password) {',
        '  return bcrypt.hashSync(password, bcrypt.genSaltSync(ROUNDS));',
        '}',
      ),
      path: 'lib/passwords.js',
      errors: [{ messageId: 'lowBcryptCost', line: 4, column: 36 }],
      fixes: {
        raiseCost: lines(
          "const bcrypt = require('bcryptjs');",
          'const ROUNDS = 12;',
          'function hashPassword(password) {',
          '  return bcrypt.hashSync(password, bcrypt.genSaltSync(ROUNDS));',
          '}',
        ),
      },
    },
    // A fallback cost applies whenever the environment variable is unset.
    {
      code: "import { hash } from 'bcrypt';\nexport const hashPassword = (pw: string) => hash(pw, Number(process.env.BCRYPT_ROUNDS) || 8);",
      errors: [{ messageId: 'lowBcryptCost', line: 2, column: 45 }],
      fixes: { raiseCost: "import { hash } from 'bcrypt';\nexport const hashPassword = (pw: string) => hash(pw, Number(process.env.BCRYPT_ROUNDS) || 12);" },
    },
    // A fixed bcrypt salt string makes every hash deterministic.
    {
      code: "import bcrypt from 'bcrypt';\nexport const hashPassword = (pw: string) => bcrypt.hashSync(pw, '$2b$10$abcdefghijklmnopqrstuu');",
      errors: [{ messageId: 'constantSalt', line: 2, column: 45 }],
      fixes: { randomBcryptSalt: "import bcrypt from 'bcrypt';\nexport const hashPassword = (pw: string) => bcrypt.hashSync(pw, 12);" },
    },
    // PBKDF2 with a static salt (and few iterations): one finding, rewritten to scrypt.
    {
      code: lines(
        "import { pbkdf2Sync } from 'crypto';",
        'export function hashPassword(pw: string) {',
        "  return pbkdf2Sync(pw, 'static', 1000, 64, 'sha512').toString('hex');",
        '}',
      ),
      errors: [{ messageId: 'constantSalt', line: 3, column: 10 }],
      fixes: {
        useScrypt: lines(
          "import { pbkdf2Sync, randomBytes, scryptSync } from 'crypto';",
          'export function hashPassword(pw: string) {',
          '  return hashPasswordWithScrypt(pw);',
          '}',
          '',
          HELPER_TS_NAMED,
        ),
      },
    },
    // PBKDF2 with a random salt but 10000 iterations.
    {
      code: lines(
        "import crypto from 'crypto';",
        'export function hashPassword(password: string) {',
        '  const salt = crypto.randomBytes(16);',
        "  return salt.toString('hex') + crypto.pbkdf2Sync(password, salt, 10000, 64, 'sha512').toString('hex');",
        '}',
      ),
      errors: [{ messageId: 'lowIterations', line: 4, column: 33 }],
      fixes: {
        raiseIterations: lines(
          "import crypto from 'crypto';",
          'export function hashPassword(password: string) {',
          '  const salt = crypto.randomBytes(16);',
          "  return salt.toString('hex') + crypto.pbkdf2Sync(password, salt, 600000, 64, 'sha512').toString('hex');",
          '}',
        ),
      },
    },
    // scrypt with a constant salt; the named import gains only what is missing.
    {
      code: "import { scryptSync } from 'node:crypto';\nexport const hashPassword = (pw: string) => scryptSync(pw, 'constant-salt', 64);",
      errors: [{ messageId: 'constantSalt', line: 2, column: 45 }],
      fixes: {
        useScrypt: lines(
          "import { scryptSync, randomBytes } from 'node:crypto';",
          'export const hashPassword = (pw: string) => hashPasswordWithScrypt(pw);',
          '',
          HELPER_TS_NAMED,
        ),
      },
    },
    // Callback-style scrypt with a constant salt: reported, the callback shape is left to the developer.
    {
      code: lines(
        "const crypto = require('crypto');",
        'exports.hashPassword = (password, done) => crypto.scrypt(password, "salt", 64, (err, key) => done(err, key));',
      ),
      path: 'lib/legacy.js',
      errors: [{ messageId: 'constantSalt', line: 2, column: 44 }],
    },
    // argon2 with a fixed salt: removing the option lets argon2 generate one per hash.
    {
      code: "import argon2 from 'argon2';\nexport const hashPassword = (pw: string) => argon2.hash(pw, { salt: Buffer.from('fixed-salt-16byt'), type: argon2.argon2id });",
      errors: [{ messageId: 'constantSalt', line: 2, column: 45 }],
      fixes: { removeConstantSalt: "import argon2 from 'argon2';\nexport const hashPassword = (pw: string) => argon2.hash(pw, { type: argon2.argon2id });" },
    },
    // WebCrypto PBKDF2 with 10000 iterations.
    {
      code: lines(
        'export async function deriveLoginKey(password: string, salt: Uint8Array) {',
        "  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);",
        "  return crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 10000, hash: 'SHA-256' }, base, 256);",
        '}',
      ),
      errors: [{ messageId: 'lowIterations', line: 3, column: 10 }],
      fixes: {
        raiseIterations: lines(
          'export async function deriveLoginKey(password: string, salt: Uint8Array) {',
          "  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);",
          "  return crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 600000, hash: 'SHA-256' }, base, 256);",
          '}',
        ),
      },
    },
    // Team options: an extra password name, and a stricter bcrypt minimum (the fix raises to at least 12).
    {
      code: "import crypto from 'crypto';\nexport const storeAnswer = (secretAnswer: string) => crypto.createHash('sha256').update(secretAnswer).digest('hex');",
      config: { rules: { 'weak-password-hash': ['error', { passwordNames: ['secretAnswer'] }] } },
      errors: [{ messageId: 'fastHash', line: 2, column: 54 }],
      fixes: {
        useScrypt: lines(
          "import crypto from 'crypto';",
          'export const storeAnswer = (secretAnswer: string) => hashPasswordWithScrypt(secretAnswer);',
          '',
          HELPER_TS_NAMESPACE,
        ),
      },
    },
    {
      code: "import bcrypt from 'bcrypt';\nexport const hashPassword = (pw: string) => bcrypt.hash(pw, 11);",
      config: { rules: { 'weak-password-hash': ['error', { minBcryptCost: 12 }] } },
      errors: [{ messageId: 'lowBcryptCost', line: 2, column: 45 }],
      fixes: { raiseCost: "import bcrypt from 'bcrypt';\nexport const hashPassword = (pw: string) => bcrypt.hash(pw, 12);" },
    },
    // Two defects in one file: each is its own finding with its own fix.
    {
      code: lines(
        "import crypto from 'crypto';",
        "export const a = (password: string) => crypto.createHash('md5').update(password).digest('hex');",
        "export const b = (pin: string) => crypto.createHash('sha1').update(pin).digest('base64');",
      ),
      errors: [{ messageId: 'fastHash', line: 2, column: 40 }, { messageId: 'fastHash', line: 3, column: 35 }],
      fixes: {
        useScrypt: [
          lines(
            "import crypto from 'crypto';",
            'export const a = (password: string) => hashPasswordWithScrypt(password);',
            '',
            HELPER_TS_NAMESPACE,
            "export const b = (pin: string) => crypto.createHash('sha1').update(pin).digest('base64');",
          ),
          lines(
            "import crypto from 'crypto';",
            "export const a = (password: string) => crypto.createHash('md5').update(password).digest('hex');",
            'export const b = (pin: string) => hashPasswordWithScrypt(pin);',
            '',
            HELPER_TS_NAMESPACE,
          ),
        ],
      },
    },
  ],
});
