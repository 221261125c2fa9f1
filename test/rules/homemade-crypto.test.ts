// Test table for homemade-crypto: deprecated and weak ciphers, ECB, fixed keys and IVs, XOR/shift ciphers, Math.random secrets.
import rule from '../../rules/homemade-crypto';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    // AES-256-GCM with a fresh IV per message, decrypted with the IV stored next to the ciphertext.
    lines(
      "import crypto from 'node:crypto';",
      "const FIELD_KEY = Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? '', 'base64');",
      'export function encryptField(plain: string): string {',
      '  const iv = crypto.randomBytes(12);',
      "  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv);",
      "  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);",
      "  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');",
      '}',
      'export function decryptField(stored: string): string {',
      "  const [iv, tag, data] = stored.split('.').map((part) => Buffer.from(part, 'base64'));",
      "  const decipher = crypto.createDecipheriv('aes-256-gcm', FIELD_KEY, iv);",
      '  decipher.setAuthTag(tag);',
      "  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');",
      '}',
    ),
    // A key from a key-management call, IV sliced from the stored payload (CommonJS, destructured require).
    {
      code: lines(
        "const { createDecipheriv } = require('crypto');",
        'async function openCard(kms, sealed) {',
        "  const key = await kms.getDataKey('cards');",
        '  const decipher = createDecipheriv(\'aes-256-cbc\', key, sealed.subarray(0, 16));',
        '  return Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]);',
        '}',
        'module.exports = { openCard };',
      ),
      path: 'lib/cards.js',
    },
    // Algorithm, key and IV all supplied by the caller: nothing fixed to judge here.
    'export const makeCipher = (algorithm: string, key: Buffer, iv: Buffer) => crypto.createCipheriv(algorithm, key, iv);',
    // crypto-js AES in its default mode with a passphrase from the environment (random salt and IV per message).
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'export const sealNote = (note) => CryptoJS.AES.encrypt(note, process.env.NOTES_PASSPHRASE).toString();',
      ),
      path: 'src/notes.js',
    },
    // crypto-js AES-CBC with a random IV.
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'export function seal(value, key) {',
        '  const iv = CryptoJS.lib.WordArray.random(16);',
        '  return { iv: iv.toString(), data: CryptoJS.AES.encrypt(value, key, { iv, mode: CryptoJS.mode.CBC }).toString() };',
        '}',
      ),
      path: 'src/seal.js',
    },
    // Web Crypto with an IV from getRandomValues.
    {
      code: lines(
        'export async function seal(key: CryptoKey, data: Uint8Array) {',
        '  const iv = crypto.getRandomValues(new Uint8Array(12));',
        "  return { iv, sealed: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data) };",
        '}',
      ),
      path: 'src/components/vault.ts',
    },
    // A key made for the one message makes a fixed IV safe (MSAL's browser cache: a key derived from a random nonce).
    {
      name: 'Web Crypto: a fixed IV with a key derived from a random nonce, or generated, for each message',
      code: lines(
        'export async function seal(baseKey: CryptoKey, rawData: string, context: string) {',
        '  const nonce = window.crypto.getRandomValues(new Uint8Array(16));',
        '  const derivedKey = await deriveKey(baseKey, nonce, context);',
        "  const data = await window.crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, derivedKey, encode(rawData));",
        '  return { data, nonce };',
        '}',
        'export async function sealOnce(data: Uint8Array) {',
        "  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);",
        "  return { key, sealed: await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data) };",
        '}',
      ),
      path: 'src/cache/crypto.ts',
    },
    // Key wrapping (RFC 3394) uses a fixed IV by design.
    lines(
      "import crypto from 'node:crypto';",
      "const DEFAULT_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');",
      "export const wrapKey = (kek: Buffer, key: Buffer) => crypto.createCipheriv('id-aes256-wrap', kek, DEFAULT_IV).update(key);",
    ),
    // node-forge AES-GCM; forge's createCipher is not node's deprecated one.
    lines(
      "import forge from 'node-forge';",
      "export const sealer = (key: string) => forge.cipher.createCipher('AES-GCM', key);",
    ),
    // The team's own wrappers that happen to be called createCipher.
    lines(
      "import { vault } from './vault';",
      'export const seal = (value: string) => vault.createCipher(value);',
      'function createCipher(key: Buffer) { return key.length; }',
      'createCipher(Buffer.alloc(1));',
    ),
    // Hashing is weak-password-hash's area; HMAC signatures are fine.
    lines(
      "import crypto from 'node:crypto';",
      "export const etagOf = (body: string) => crypto.createHash('sha256').update(body).digest('base64url');",
      "export const sign = (payload: string) => crypto.createHmac('sha256', process.env.NOTIFY_KEY!).update(payload).digest('hex');",
    ),
    // CSPRNG tokens, codes and ids.
    lines(
      "import { randomBytes, randomInt, randomUUID } from 'node:crypto';",
      "export const resetToken = () => randomBytes(32).toString('base64url');",
      "export const otp = () => String(randomInt(0, 1_000_000)).padStart(6, '0');",
      'export const sessionId = () => randomUUID();',
    ),
    // Math.random() for retry jitter, display shuffles, sampling and A/B splits.
    lines(
      'export function retryDelay(attempt: number): number {',
      '  return Math.min(30_000, 2 ** attempt * 250 * (0.5 + Math.random()));',
      '}',
      'export const shuffleProducts = <T>(items: T[]) => [...items].sort(() => Math.random() - 0.5);',
      "if (Math.random() < 0.1) metrics.increment('checkout.sampled');",
      "const variant = Math.random() < 0.5 ? 'A' : 'B';",
      'setTimeout(refresh, Math.random() * 1000);',
    ),
    // Secret words in names that are about timing, sizes or colours.
    lines(
      'export const tokenRefreshJitterMs = Math.random() * 5000;',
      'export const sessionTimeoutMs = 30 * 60_000 + Math.floor(Math.random() * 60_000);',
      'const otpLength = 6 + Math.floor(Math.random() * 2);',
      'const placeholderColor = COLORS[Math.floor(Math.random() * COLORS.length)];',
    ),
    // Without the team's configuration, a ticket number says nothing secret.
    { code: 'export const claimTicket = () => Math.floor(Math.random() * 10000);', path: 'src/tickets.ts' },
    // An order number is an identifier, not a credential (access to the order is checked elsewhere).
    'export const orderNo = () => `ORD-${Date.now()}-${Math.floor(Math.random() * 1000)}`;',
    // React list keys and animation offsets in a component.
    {
      code: lines(
        'export function Confetti({ pieces }: { pieces: string[] }) {',
        '  return pieces.map((p) => <span key={Math.random()} style={{ left: `${Math.random() * 100}%` }}>{p}</span>);',
        '}',
      ),
      path: 'src/components/Confetti.tsx',
    },
    // Random test data in test folders and in files the team marks as fixtures.
    {
      code: lines(
        "const token = Math.random().toString(36).slice(2);",
        "it('rejects a wrong reset token', () => expect(verifyReset(token)).toBe(false));",
      ),
      path: 'test/reset.test.ts',
    },
    {
      code: 'export const fakeSessions = [1, 2, 3].map(() => ({ sessionId: Math.random().toString(36) }));',
      path: 'seed/fixtures/sessions.ts',
      config: { fixtures: ['seed/fixtures/**'] },
    },
    // XOR outside ciphers: a hash, a constant-time comparison, WebSocket frame masking.
    lines(
      'export function fnv1a(s: string) {',
      '  let h = 2166136261;',
      '  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }',
      '  return h >>> 0;',
      '}',
      'export function safeEqual(a: string, b: string) {',
      '  let diff = a.length ^ b.length;',
      '  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);',
      '  return diff === 0;',
      '}',
      'export const encodeFrame = (payload: Buffer, maskKey: Buffer) => payload.map((b, i) => b ^ maskKey[i % 4]);',
    ),
    // Standard encodings: bit shifts in base64, code points from entities, case conversion.
    lines(
      'export function encodeBase64(bytes: Uint8Array) {',
      "  let out = '';",
      '  for (let i = 0; i < bytes.length; i += 3) {',
      '    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];',
      '    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];',
      '  }',
      '  return out;',
      '}',
      'export const decodeEntities = (s: string) => s.replace(/&#(\\d+);/g, (_, d) => String.fromCharCode(parseInt(d, 10)));',
      'export const toUpper = (c: string) => String.fromCharCode(c.charCodeAt(0) - 32);',
    ),
    // Masking for display is not encryption.
    "export const maskPan = (pan: string) => '*'.repeat(pan.length - 4) + pan.slice(-4);",
    // ChaCha20-Poly1305 with a fresh nonce per message and a key from the environment.
    lines(
      "import { createCipheriv, randomBytes } from 'node:crypto';",
      "const KEY = Buffer.from(process.env.TOKEN_VAULT_KEY!, 'hex');",
      'export function sealToken(token: string) {',
      '  const nonce = randomBytes(12);',
      "  const cipher = createCipheriv('chacha20-poly1305', KEY, nonce, { authTagLength: 16 });",
      "  const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);",
      '  return Buffer.concat([nonce, cipher.getAuthTag(), data]);',
      '}',
    ),
    // Decrypting a stored row: the IV is the hex column written next to the ciphertext, not a literal.
    {
      name: 'createDecipheriv with the IV read back from the database row (Express)',
      code: lines(
        "const crypto = require('crypto');",
        "app.get('/cards/:id/last4', async (req, res) => {",
        "  const row = await db.one('SELECT iv, tag, pan_enc FROM cards WHERE id = $1', [req.params.id]);",
        "  const d = crypto.createDecipheriv('aes-256-gcm', Buffer.from(process.env.CARD_KEY, 'base64'), Buffer.from(row.iv, 'hex'));",
        "  d.setAuthTag(Buffer.from(row.tag, 'hex'));",
        "  const pan = d.update(row.pan_enc, 'hex', 'utf8') + d.final('utf8');",
        '  res.json({ last4: pan.slice(-4) });',
        '});',
      ),
      path: 'server/routes/cards.js',
    },
    // A zero-filled buffer that randomFillSync overwrites is a random IV.
    {
      name: 'IV from randomFillSync(Buffer.alloc(16)) is random, not all-zero',
      code: lines(
        "import crypto from 'node:crypto';",
        'export function encryptBlob(key: Buffer, blob: Buffer) {',
        '  const iv = crypto.randomFillSync(Buffer.alloc(16));',
        "  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);",
        '  return Buffer.concat([iv, cipher.update(blob), cipher.final()]);',
        '}',
      ),
    },
    // Key derived with scrypt from an environment passphrase and a random salt stored with the data.
    lines(
      "import { scryptSync, randomBytes, createCipheriv } from 'crypto';",
      'export function sealBackup(data: Buffer) {',
      '  const salt = randomBytes(16);',
      '  const iv = randomBytes(12);',
      "  const key = scryptSync(process.env.BACKUP_PASSPHRASE ?? '', salt, 32);",
      "  const c = createCipheriv('aes-256-gcm', key, iv);",
      '  return { salt, iv, data: Buffer.concat([c.update(data), c.final()]), tag: c.getAuthTag() };',
      '}',
    ),
    // An algorithm deny-list and a capability check name weak ciphers without using them.
    {
      name: 'weak cipher names in a deny-list and getCiphers() check are not cipher use',
      code: lines(
        "import crypto from 'node:crypto';",
        "const FORBIDDEN = new Set(['des-ede3-cbc', 'rc4', 'bf-cbc', 'aes-128-ecb']);",
        'export function assertAllowedAlgorithm(alg: string) {',
        '  if (FORBIDDEN.has(alg.toLowerCase())) throw new Error(`cipher ${alg} is not allowed`);',
        "  if (!crypto.getCiphers().includes(alg)) throw new Error('unknown cipher');",
        '}',
      ),
    },
    // Documentation and error strings that quote the deprecated API.
    {
      name: 'the deprecated API quoted in a migration message and a comment',
      code: lines(
        "export const MIGRATION_HINT = \"crypto.createCipher('aes192', password) is deprecated: use createCipheriv with a random IV\";",
        "// Before: const cipher = crypto.createCipher('des', 'secret-key');",
        'export const hint = () => console.warn(MIGRATION_HINT);',
      ),
    },
    // "ECB" as the European Central Bank rate source, not a cipher mode.
    lines(
      'export async function loadFxRates(http: { get(url: string, opts: object): Promise<unknown> }) {',
      "  return http.get('/fx/rates', { params: { source: 'ECB', base: 'EUR' } });",
      '}',
    ),
    // Envelope encryption through a KMS: the literal is a key alias, not key material.
    lines(
      "import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';",
      "const KEY_ID = 'alias/payments-card-data';",
      'const kms = new KMSClient({});',
      'export const encryptPan = (pan: string) =>',
      '  kms.send(new EncryptCommand({ KeyId: KEY_ID, Plaintext: Buffer.from(pan), EncryptionContext: { purpose: "card" } }));',
    ),
    // RSA-OAEP with a public key loaded from disk.
    {
      code: lines(
        "const { publicEncrypt, constants } = require('node:crypto');",
        "const fs = require('node:fs');",
        "const PARTNER_KEY = fs.readFileSync(process.env.PARTNER_PUBLIC_KEY_PATH, 'utf8');",
        'exports.sealForPartner = (payload) =>',
        "  publicEncrypt({ key: PARTNER_KEY, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(payload));",
      ),
      path: 'lib/partner.js',
    },
    // libsodium secretbox with a random nonce.
    lines(
      "import sodium from 'libsodium-wrappers';",
      'export async function sealNote(note: string, key: Uint8Array) {',
      '  await sodium.ready;',
      '  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);',
      '  return { nonce, box: sodium.crypto_secretbox_easy(note, nonce, key) };',
      '}',
    ),
    // Web Crypto decryption with the IV that came with the payload, in a browser component.
    {
      code: lines(
        "'use client';",
        'export async function openReceipt(key: CryptoKey, payload: { iv: Uint8Array; data: ArrayBuffer }) {',
        "  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: payload.iv }, key, payload.data);",
        '}',
      ),
      path: 'src/components/receipt.ts',
    },
    // Known-answer test vectors: a fixed key and IV inside a test file.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        "const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');",
        "const IV = Buffer.from('cafebabefacedbaddecaf888', 'hex');",
        "it('decrypts the reference vector', () => {",
        "  const d = crypto.createDecipheriv('aes-256-gcm', KEY, IV);",
        "  expect(d.update(vector.ciphertext, 'hex', 'hex')).toBe(vector.plaintext);",
        '});',
      ),
      path: 'test/crypto/vectors.test.ts',
    },
    // Math.random() in an OTP spec under __tests__ is test data.
    {
      code: lines(
        'const otp = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");',
        "test('rejects an unknown code', async () => { await expect(verifyOtp('u1', otp)).resolves.toBe(false); });",
      ),
      path: 'src/__tests__/otp.ts',
    },
    // Cache busting and a request correlation id: not credentials.
    lines(
      'export const ratesUrl = () => `/api/rates.json?cb=${Math.random()}`;',
      'export function withCorrelation(headers: Record<string, string>) {',
      '  const requestId = Math.random().toString(36).slice(2);',
      "  return { ...headers, 'x-request-id': requestId };",
      '}',
    ),
    // "session" in sessionStorage and an A/B bucket kept there.
    {
      code: lines(
        'export function CheckoutBanner() {',
        "  const bucket = sessionStorage.getItem('abBucket') ?? (Math.random() < 0.5 ? 'A' : 'B');",
        "  sessionStorage.setItem('abBucket', bucket);",
        "  return <div className={bucket === 'A' ? 'banner-a' : 'banner-b'} />;",
        '}',
      ),
      path: 'src/components/CheckoutBanner.tsx',
    },
    // Captcha noise lines are drawn at random positions; the captcha text itself comes from the server.
    {
      code: lines(
        'export function drawNoise(ctx: CanvasRenderingContext2D, width: number, height: number) {',
        '  for (let i = 0; i < 8; i++) {',
        '    ctx.beginPath();',
        '    ctx.moveTo(Math.random() * width, Math.random() * height);',
        '    ctx.lineTo(Math.random() * width, Math.random() * height);',
        '    ctx.stroke();',
        '  }',
        '}',
      ),
      path: 'src/components/captcha-canvas.ts',
    },
    // Map pins and pass-through look-alikes: PIN and pass here mean a marker and a route.
    lines(
      'export const pinColor = () => PIN_COLORS[Math.floor(Math.random() * PIN_COLORS.length)];',
      'export const passThroughSample = Math.random() < 0.01;',
    ),
    // CSPRNG in the browser: an OTP from getRandomValues and a CSP nonce from randomBytes on the server.
    {
      code: lines(
        'export const otpCode = () => String(crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000).padStart(6, "0");',
        'export const inviteToken = () => crypto.randomUUID();',
      ),
      path: 'src/components/invite.ts',
    },
    lines(
      "import crypto from 'node:crypto';",
      'export function cspNonce(req, res, next) {',
      "  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');",
      '  next();',
      '}',
    ),
    // A password generator that picks characters with randomInt.
    lines(
      "import { randomInt } from 'node:crypto';",
      "const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';",
      'export function temporaryPassword(length = 16): string {',
      "  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');",
      '}',
    ),
    // CRC-32 and a UTF-8 encoder: XOR and shifts in checksums and standard encodings.
    lines(
      'export function crc32(buf: Uint8Array): number {',
      '  let crc = 0xffffffff;',
      '  for (const byte of buf) {',
      '    crc ^= byte;',
      '    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;',
      '  }',
      '  return (crc ^ 0xffffffff) >>> 0;',
      '}',
    ),
    lines(
      'export function encodeUtf8(s: string): string {',
      "  let out = '';",
      '  for (const ch of s) {',
      '    const c = ch.codePointAt(0)!;',
      '    out += c < 0x80 ? ch : String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 0x3f));',
      '  }',
      '  return out;',
      '}',
    ),
    // Spreadsheet column letters shift code points but are no cipher.
    "export const columnLetter = (index: number) => String.fromCharCode(65 + (index % 26));",
    // A seeded xorshift generator for reproducible demo data.
    lines(
      'export function seededRandom(seed: number) {',
      '  let state = seed || 1;',
      '  return () => {',
      '    state ^= state << 13; state ^= state >>> 17; state ^= state << 5;',
      '    return (state >>> 0) / 4294967296;',
      '  };',
      '}',
    ),
    // A file that does not parse yet is left to the next keystroke.
    'export function encrypt(text: string) { return crypto.createCipher(',
  ],
  invalid: [
    // createCipher: the example's legacy card encryption; the fix declares a random IV before the statement.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        'export function legacyEncryptCard(pan: string): string {',
        "  const cipher = crypto.createCipher('aes-256-cbc', process.env.LEGACY_CARD_PASSWORD ?? '');",
        "  return cipher.update(pan, 'utf8', 'hex') + cipher.final('hex');",
        '}',
      ),
      errors: [{ messageId: 'noIv', line: 3, column: 25 }],
      fixes: {
        useCipheriv: lines(
          "import crypto from 'node:crypto';",
          'export function legacyEncryptCard(pan: string): string {',
          '  const iv = crypto.randomBytes(12);',
          "  const cipher = crypto.createCipheriv('aes-256-gcm', process.env.LEGACY_CARD_PASSWORD ?? '', iv);",
          "  return cipher.update(pan, 'utf8', 'hex') + cipher.final('hex');",
          '}',
        ),
      },
    },
    // Named import: createCipheriv and randomBytes join the import list; `iv` is taken, so the IV is `cipherIv`.
    {
      code: lines(
        "import { createCipher } from 'crypto';",
        'export function encryptNote(text: string, password: string, iv: string) {',
        "  const cipher = createCipher('aes-256-cbc', password);",
        "  return iv + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
        '}',
      ),
      errors: [{ messageId: 'noIv', line: 3, column: 18 }],
      fixes: {
        useCipheriv: lines(
          "import { createCipher, createCipheriv, randomBytes } from 'crypto';",
          'export function encryptNote(text: string, password: string, iv: string) {',
          '  const cipherIv = randomBytes(12);',
          "  const cipher = createCipheriv('aes-256-gcm', password, cipherIv);",
          "  return iv + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
          '}',
        ),
      },
    },
    // createDecipher with a password written in the code: two defects, no automatic fix (the IV was never stored).
    {
      code: lines(
        "const crypto = require('crypto');",
        'module.exports.decrypt = function (hex) {',
        "  const d = crypto.createDecipher('aes192', 'hunter2hunter2');",
        "  return d.update(hex, 'hex', 'utf8') + d.final('utf8');",
        '};',
      ),
      path: 'lib/legacy.js',
      errors: [{ messageId: 'noIv', line: 3, column: 20 }, { messageId: 'literalKey', line: 3, column: 20 }],
    },
    // At module level a "random" IV would again be one IV for all messages: no fix offered.
    {
      code: lines("const crypto = require('crypto');", 'const cipher = crypto.createCipher(\'aes192\', process.env.PASS);'),
      path: 'lib/module-cipher.js',
      errors: [{ messageId: 'noIv', line: 2, column: 23 }],
    },
    // ECB: the example's partner export.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        "const FIELD_KEY = Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? '', 'base64');",
        'export function encryptForPartnerExport(value: string): Buffer {',
        "  const cipher = crypto.createCipheriv('aes-128-ecb', FIELD_KEY.subarray(0, 16), null);",
        "  return Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);",
        '}',
      ),
      errors: [{ messageId: 'ecbMode', line: 4, column: 25 }],
    },
    // ECB through a module constant, in old-style CommonJS.
    {
      code: lines(
        "var crypto = require('crypto');",
        "var algorithm = 'aes-256-ecb';",
        'function encrypt(text, key) {',
        "  var cipher = crypto.createCipheriv(algorithm, key, '');",
        "  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
        '}',
      ),
      path: 'lib/ecb.js',
      errors: [{ messageId: 'ecbMode', line: 4, column: 23 }],
    },
    // DES family, RC4 and Blowfish.
    {
      code: lines(
        "import * as crypto from 'crypto';",
        "export const tripleDes = (key: Buffer, iv: Buffer) => crypto.createCipheriv('des-ede3-cbc', key, iv);",
        "export const singleDes = (key: Buffer) => crypto.createCipheriv('des-ecb', key, null);",
        "export const rc4 = (key: Buffer) => crypto.createDecipheriv('rc4', key, null);",
        "export const blowfish = (key: Buffer, iv: Buffer) => crypto.createCipheriv('bf-cbc', key, iv);",
      ),
      errors: [
        { messageId: 'weakCipher', line: 2, column: 62 },
        { messageId: 'weakCipher', line: 3, column: 50 },
        { messageId: 'weakCipher', line: 4, column: 44 },
        { messageId: 'weakCipher', line: 5, column: 61 },
      ],
    },
    // A key and an IV written in the code, through module constants.
    {
      code: lines(
        "import crypto from 'crypto';",
        "const KEY = 'f1d2d2f924e986ac86fdf7b36c94bcdf';",
        "const IV = Buffer.from('0123456789abcdef');",
        'export function encrypt(text: string) {',
        "  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, IV);",
        "  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');",
        '}',
      ),
      errors: [{ messageId: 'literalKey', line: 5, column: 25 }, { messageId: 'constantIv', line: 5, column: 25 }],
    },
    // IV reuse: one random IV generated at start-up and used for every message.
    {
      code: lines(
        "import crypto from 'crypto';",
        'const iv = crypto.randomBytes(12);',
        'export function seal(key: Buffer, text: string) {',
        "  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);",
        '  return Buffer.concat([cipher.update(text), cipher.final(), cipher.getAuthTag()]);',
        '}',
      ),
      errors: [{ messageId: 'constantIv', line: 4, column: 25 }],
    },
    // IV from configuration; an all-zero IV through a named import.
    {
      code: lines(
        "import { createCipheriv } from 'node:crypto';",
        'export function sealA(text: string) {',
        "  const cipher = createCipheriv('aes-256-cbc', Buffer.from(process.env.KEY!, 'hex'), Buffer.from(process.env.IV!, 'hex'));",
        "  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
        '}',
        "export const sealB = (key: Buffer, data: Buffer) => createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(data);",
      ),
      errors: [{ messageId: 'constantIv', line: 3, column: 18 }, { messageId: 'constantIv', line: 6, column: 53 }],
    },
    // A NestJS-style service that draws its IV once per instance.
    {
      code: lines(
        "import { Injectable } from '@nestjs/common';",
        "import crypto from 'crypto';",
        '@Injectable()',
        'export class CardVault {',
        '  private readonly iv = crypto.randomBytes(16);',
        '  constructor(private readonly key: Buffer) {}',
        '  seal(pan: string) {',
        "    const cipher = crypto.createCipheriv('aes-256-cbc', this.key, this.iv);",
        "    return cipher.update(pan, 'utf8', 'hex') + cipher.final('hex');",
        '  }',
        '}',
      ),
      errors: [{ messageId: 'constantIv', line: 8, column: 27 }],
    },
    // A key that falls back to a literal, and a key derived from a literal password.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        "const KEY = Buffer.from(process.env.CARD_KEY || '0123456789abcdef0123456789abcdef', 'hex');",
        "const DERIVED = crypto.scryptSync('correct horse battery', 'salt', 32);",
        'export function seal(pan: string, legacy: boolean) {',
        '  const iv = crypto.randomBytes(12);',
        "  const c = crypto.createCipheriv('aes-256-gcm', legacy ? DERIVED : KEY, iv);",
        "  const d = crypto.createCipheriv('aes-256-gcm', DERIVED, iv);",
        "  return [c.update(pan, 'utf8'), d.update(pan, 'utf8')];",
        '}',
      ),
      errors: [{ messageId: 'literalKey', line: 7, column: 20 }],
    },
    {
      code: lines(
        "import crypto from 'node:crypto';",
        "const KEY = Buffer.from(process.env.CARD_KEY || '0123456789abcdef0123456789abcdef', 'hex');",
        'export function seal(pan: string) {',
        '  const iv = crypto.randomBytes(12);',
        "  const c = crypto.createCipheriv('aes-256-gcm', KEY, iv);",
        "  return Buffer.concat([iv, c.update(pan, 'utf8'), c.final(), c.getAuthTag()]);",
        '}',
      ),
      errors: [{ messageId: 'literalKey', line: 5, column: 20 }],
    },
    // crypto-js: ECB mode, Triple DES, a literal passphrase, a literal IV.
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'export const encryptPan = (pan: string, key: string) =>',
        '  CryptoJS.AES.encrypt(pan, CryptoJS.enc.Utf8.parse(key), { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.Pkcs7 }).toString();',
        'export const encryptCvvLegacy = (v: string) => CryptoJS.TripleDES.encrypt(v, process.env.PASSPHRASE!).toString();',
        "export const encryptNote = (v: string) => CryptoJS.AES.encrypt(v, 'my-secret-passphrase').toString();",
      ),
      path: 'src/crypto.ts',
      errors: [
        { messageId: 'ecbMode', line: 3, column: 16 },
        { messageId: 'weakCipher', line: 4, column: 67 },
        { messageId: 'literalKey', line: 5, column: 56 },
      ],
    },
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        'const key = CryptoJS.enc.Utf8.parse(process.env.AES_KEY);',
        "const iv = CryptoJS.enc.Utf8.parse('1234567890123456');",
        'export const encrypt = (pan) => CryptoJS.AES.encrypt(pan, key, { iv, mode: CryptoJS.mode.CBC }).toString();',
      ),
      path: 'src/enc.js',
      errors: [{ messageId: 'constantIv', line: 4, column: 46 }],
    },
    // node-forge ECB; Web Crypto with a zero IV.
    {
      code: lines("import forge from 'node-forge';", "export const sealer = (key: string) => forge.cipher.createCipher('AES-ECB', key);"),
      errors: [{ messageId: 'ecbMode', line: 2, column: 53 }],
    },
    {
      code: lines(
        'export async function seal(key: CryptoKey, data: Uint8Array) {',
        "  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);",
        '}',
      ),
      path: 'src/components/seal.ts',
      errors: [{ messageId: 'constantIv', line: 2, column: 24 }],
    },
    {
      name: 'Web Crypto: a fixed IV with a key derived from a fixed salt, or kept for the whole module, is still one IV per key',
      code: lines(
        "const salt = new TextEncoder().encode('codepay-cache');",
        'const moduleKey = await deriveKey(baseKey, crypto.getRandomValues(new Uint8Array(16)));',
        'export async function seal(baseKey: CryptoKey, data: Uint8Array) {',
        '  const derivedKey = await deriveKey(baseKey, salt);',
        "  const first = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, derivedKey, data);",
        "  const second = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, moduleKey, data);",
        '  return [first, second];',
        '}',
      ),
      path: 'src/cache/crypto.ts',
      errors: [{ messageId: 'constantIv', line: 5, column: 37 }, { messageId: 'constantIv', line: 6, column: 38 }],
    },
    // Hand-rolled XOR ciphers: the example's function declaration, an arrow over bytes, a class method.
    {
      code: lines(
        'export function scrambleAccountNumber(value: string, key: string): string {',
        "  return Array.from(value, (ch, i) => String.fromCharCode(ch.charCodeAt(0) ^ key.charCodeAt(i % key.length))).join('');",
        '}',
      ),
      errors: [{ messageId: 'xorCipher', line: 1, column: 8 }],
    },
    {
      code: lines(
        "const KEY = Buffer.from('k3y');",
        'export const encryptToken = (data: Buffer) => data.map((b, i) => b ^ KEY[i % KEY.length]);',
        'class Obfuscator {',
        '  encrypt(value: string): string {',
        "    let out = '';",
        '    for (let i = 0; i < value.length; i++) out += String.fromCharCode(value.charCodeAt(i) ^ 0x5a);',
        '    return out;',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'xorCipher', line: 2, column: 14 }, { messageId: 'xorCipher', line: 4, column: 3 }],
    },
    // Character-shift ciphers.
    {
      code: lines(
        'export function encode(text: string, shift = 3): string {',
        '  return text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + shift) % 26) + 97));',
        '}',
        "export const obfuscateCard = (pan: string) => pan.split('').map((c) => String.fromCharCode(c.charCodeAt(0) + 7)).join('');",
      ),
      errors: [{ messageId: 'shiftCipher', line: 1, column: 8 }, { messageId: 'shiftCipher', line: 4, column: 14 }],
    },
    // Math.random() reset token (the example): named by the function that returns it.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        'export function legacyResetToken(): string {',
        '  return Math.random().toString(36).slice(2) + Date.now().toString(36);',
        '}',
      ),
      errors: [{ messageId: 'insecureRandom', line: 3, column: 10 }],
      fixes: {
        randomBytes: lines(
          "import crypto from 'node:crypto';",
          'export function legacyResetToken(): string {',
          "  return crypto.randomBytes(16).toString('hex') + Date.now().toString(36);",
          '}',
        ),
      },
    },
    // Express OTP: a six-digit code becomes crypto.randomInt over the same range.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        "router.post('/otp', async (req, res) => {",
        '  const code = Math.floor(100000 + Math.random() * 900000);',
        '  await sms.send(req.body.phone, `Your code is ${code}`);',
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'insecureRandom', line: 3, column: 36 }],
      fixes: {
        randomInt: lines(
          "import crypto from 'node:crypto';",
          "router.post('/otp', async (req, res) => {",
          '  const code = crypto.randomInt(100000, 1000000);',
          '  await sms.send(req.body.phone, `Your code is ${code}`);',
          '  res.sendStatus(204);',
          '});',
        ),
      },
    },
    // A token built character by character in CommonJS: the require is added.
    {
      code: lines(
        'function generateToken(length = 32) {',
        "  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';",
        "  let result = '';",
        '  for (let i = 0; i < length; i++) {',
        '    result += chars.charAt(Math.floor(Math.random() * chars.length));',
        '  }',
        '  return result;',
        '}',
        'module.exports = { generateToken };',
      ),
      path: 'lib/tokens.js',
      errors: [{ messageId: 'insecureRandom', line: 5, column: 39 }],
      fixes: {
        randomInt: lines(
          "const crypto = require('node:crypto');",
          '',
          'function generateToken(length = 32) {',
          "  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';",
          "  let result = '';",
          '  for (let i = 0; i < length; i++) {',
          '    result += chars.charAt(crypto.randomInt(0, chars.length));',
          '  }',
          '  return result;',
          '}',
          'module.exports = { generateToken };',
        ),
      },
    },
    // The v4 UUID polyfill for a session id: followed through `r` and `v`, replaced whole by randomUUID.
    {
      code: lines(
        'export function newSessionId(): string {',
        "  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {",
        '    const r = (Math.random() * 16) | 0;',
        "    const v = c === 'x' ? r : (r & 0x3) | 0x8;",
        '    return v.toString(16);',
        '  });',
        '}',
      ),
      errors: [{ messageId: 'insecureRandom', line: 3, column: 16 }],
      fixes: {
        randomUUID: lines(
          "import crypto from 'node:crypto';",
          '',
          'export function newSessionId(): string {',
          '  return crypto.randomUUID();',
          '}',
        ),
      },
    },
    // Express session cookie with a bounded substring: the length is kept.
    {
      code: lines(
        "import express from 'express';",
        "app.post('/login', (req, res) => {",
        "  res.cookie('sessionId', Math.random().toString(36).substring(2, 10), { httpOnly: true });",
        '});',
      ),
      errors: [{ messageId: 'insecureRandom', line: 3, column: 27 }],
      fixes: {
        randomBytes: lines(
          "import express from 'express';",
          "import crypto from 'node:crypto';",
          "app.post('/login', (req, res) => {",
          "  res.cookie('sessionId', crypto.randomBytes(16).toString('hex').slice(0, 8), { httpOnly: true });",
          '});',
        ),
      },
    },
    // Koa: a CSRF token in the response body; a reset token stored on the user, cut with slice(-8).
    {
      code: lines(
        "import Router from '@koa/router';",
        'const router = new Router();',
        "router.get('/csrf', (ctx) => {",
        '  ctx.body = { csrfToken: Math.random().toString(36).slice(2) };',
        '});',
      ),
      errors: [{ messageId: 'insecureRandom', line: 4, column: 27 }],
      fixes: {
        randomBytes: lines(
          "import Router from '@koa/router';",
          "import crypto from 'node:crypto';",
          'const router = new Router();',
          "router.get('/csrf', (ctx) => {",
          "  ctx.body = { csrfToken: crypto.randomBytes(16).toString('hex') };",
          '});',
        ),
      },
    },
    {
      code: 'async function forgot(user) { user.resetToken = Math.random().toString(36).slice(-8); await user.save(); }',
      path: 'src/forgot.mjs',
      errors: [{ messageId: 'insecureRandom', line: 1, column: 49 }],
      fixes: {
        randomBytes: lines(
          "import crypto from 'node:crypto';",
          '',
          "async function forgot(user) { user.resetToken = crypto.randomBytes(16).toString('hex').slice(0, 8); await user.save(); }",
        ),
      },
    },
    // NestJS service method named for a verification code; the file's named import gains randomInt.
    {
      code: lines(
        "import { Injectable } from '@nestjs/common';",
        "import { createHash } from 'crypto';",
        '@Injectable()',
        'export class VerificationService {',
        '  generateVerificationCode(): string {',
        "    return String(Math.floor(Math.random() * 1000000)).padStart(6, '0');",
        '  }',
        "  digest(code: string) { return createHash('sha256').update(code).digest('hex'); }",
        '}',
      ),
      errors: [{ messageId: 'insecureRandom', line: 6, column: 30 }],
      fixes: {
        randomInt: lines(
          "import { Injectable } from '@nestjs/common';",
          "import { createHash, randomInt } from 'crypto';",
          '@Injectable()',
          'export class VerificationService {',
          '  generateVerificationCode(): string {',
          "    return String(randomInt(0, 1000000)).padStart(6, '0');",
          '  }',
          "  digest(code: string) { return createHash('sha256').update(code).digest('hex'); }",
          '}',
        ),
      },
    },
    // Next.js route handler: an invite code cut with substr(2, 8).
    {
      code: lines(
        "import { NextResponse } from 'next/server';",
        'export async function POST() {',
        '  const inviteCode = Math.random().toString(36).substr(2, 8).toUpperCase();',
        '  return NextResponse.json({ inviteCode });',
        '}',
      ),
      path: 'app/api/invites/route.ts',
      errors: [{ messageId: 'insecureRandom', line: 3, column: 22 }],
      fixes: {
        randomBytes: lines(
          "import { NextResponse } from 'next/server';",
          "import crypto from 'node:crypto';",
          'export async function POST() {',
          "  const inviteCode = crypto.randomBytes(16).toString('hex').slice(0, 8).toUpperCase();",
          '  return NextResponse.json({ inviteCode });',
          '}',
        ),
      },
    },
    // Destructured require gains randomBytes; a PIN from the classic min/max formula.
    {
      code: lines(
        "const { createHash } = require('crypto');",
        "exports.salt = () => Math.random().toString(16);",
        'exports.digest = (v) => createHash(\'sha256\').update(v).digest(\'hex\');',
      ),
      path: 'lib/salt.js',
      errors: [{ messageId: 'insecureRandom', line: 2, column: 22 }],
      fixes: {
        randomBytes: lines(
          "const { createHash, randomBytes } = require('crypto');",
          "exports.salt = () => randomBytes(16).toString('hex');",
          'exports.digest = (v) => createHash(\'sha256\').update(v).digest(\'hex\');',
        ),
      },
    },
    {
      code: 'export function randomPin(min: number, max: number) { return Math.floor(Math.random() * (max - min + 1)) + min; }',
      errors: [{ messageId: 'insecureRandom', line: 1, column: 73 }],
      fixes: {
        randomInt: lines(
          "import crypto from 'node:crypto';",
          '',
          'export function randomPin(min: number, max: number) { return crypto.randomInt(min, max + 1); }',
        ),
      },
    },
    // Digits pushed one by one for an OTP; a string API key made by concatenation.
    {
      code: lines(
        "import crypto from 'node:crypto';",
        'export function otp() {',
        '  const digits: number[] = [];',
        '  for (let i = 0; i < 6; i++) digits.push(Math.floor(Math.random() * 10));',
        "  return digits.join('');",
        '}',
      ),
      errors: [{ messageId: 'insecureRandom', line: 4, column: 54 }],
      fixes: {
        randomInt: lines(
          "import crypto from 'node:crypto';",
          'export function otp() {',
          '  const digits: number[] = [];',
          '  for (let i = 0; i < 6; i++) digits.push(crypto.randomInt(0, 10));',
          "  return digits.join('');",
          '}',
        ),
      },
    },
    {
      code: "module.exports.makeApiKey = function () { return 'key_' + Math.random(); };",
      path: 'lib/keys.js',
      errors: [{ messageId: 'insecureRandom', line: 1, column: 59 }],
      fixes: {
        randomUUID: lines("const crypto = require('node:crypto');", '', "module.exports.makeApiKey = function () { return 'key_' + crypto.randomUUID(); };"),
      },
    },
    // Browser code: Web Crypto's global randomUUID, no node:crypto import.
    {
      code: lines(
        'export function CheckoutScript() {',
        '  const nonce = Math.random().toString(36).slice(2);',
        '  return <script nonce={nonce} src="/pay.js" />;',
        '}',
      ),
      path: 'src/components/CheckoutScript.tsx',
      errors: [{ messageId: 'insecureRandom', line: 2, column: 17 }],
      fixes: {
        randomUUID: lines(
          'export function CheckoutScript() {',
          '  const nonce = crypto.randomUUID();',
          '  return <script nonce={nonce} src="/pay.js" />;',
          '}',
        ),
      },
    },
    // `crypto` is taken by crypto-js and the file has no semicolons: the import is `nodeCrypto`, in the file's style.
    {
      code: lines(
        "import crypto from 'crypto-js'",
        'export const couponCode = () => Math.random().toString(36).slice(2, 10).toUpperCase()',
      ),
      errors: [{ messageId: 'insecureRandom', line: 2, column: 33 }],
      fixes: {
        randomBytes: lines(
          "import crypto from 'crypto-js'",
          "import nodeCrypto from 'node:crypto'",
          "export const couponCode = () => nodeCrypto.randomBytes(16).toString('hex').slice(0, 8).toUpperCase()",
        ),
      },
    },
    // Browser component: a bounded code keeps its length through Web Crypto's randomUUID.
    {
      code: lines(
        'export function InviteButton({ send }: { send: (code: string) => void }) {',
        '  const inviteCode = Math.random().toString(36).substring(2, 8);',
        '  return <button onClick={() => send(inviteCode)}>Invite</button>;',
        '}',
      ),
      path: 'src/components/InviteButton.tsx',
      errors: [{ messageId: 'insecureRandom', line: 2, column: 22 }],
      fixes: {
        randomUUID: lines(
          'export function InviteButton({ send }: { send: (code: string) => void }) {',
          "  const inviteCode = crypto.randomUUID().replace(/-/g, '').slice(0, 6);",
          '  return <button onClick={() => send(inviteCode)}>Invite</button>;',
          '}',
        ),
      },
    },
    // No rewrite keeps this shape (a range beyond randomInt's 2^48 limit): reported without a fix.
    {
      code: 'const giftCardNumber = Math.floor(Math.random() * 1e16);',
      errors: [{ messageId: 'insecureRandom', line: 1, column: 35 }],
    },
    // Team-configured secret names.
    {
      code: 'export const claimTicket = () => Math.floor(Math.random() * 10000);',
      path: 'src/tickets.ts',
      config: { rules: { 'homemade-crypto': ['warning', { secretNames: ['claimTicket'] }] } },
      errors: [{ messageId: 'insecureRandom', line: 1, column: 45 }],
      fixes: {
        randomInt: lines("import crypto from 'node:crypto';", '', 'export const claimTicket = () => crypto.randomInt(0, 10000);'),
      },
    },
  ],
});
