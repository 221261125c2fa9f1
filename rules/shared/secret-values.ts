// Judging names and values: is a name secret-like, is a value a placeholder, an env reference, a label or random.
import { identifierWords } from './identifiers';

export type SecretNameKind = 'password' | 'private key' | 'API key' | 'token' | 'secret' | 'key' | 'credential';

export interface SecretName {
  /** Words of the name, lower-cased, compound words split (`apikey` → `api`, `key`). */
  words: string[];
  /** What the name says the value is; undefined when the name is not secret-like. */
  kind?: SecretNameKind;
}

/** Suffixes that do not change what a name holds: `STRIPE_SECRET_KEY_LIVE`, `apiKeyValue`, `tokenB64`. */
const NEUTRAL_SUFFIXES = new Set([
  'value', 'val', 'str', 'string', 'b64', 'base64', 'hex', 'raw', 'plain', 'plaintext', 'encoded', 'live', 'prod',
  'production', 'test', 'testing', 'sandbox', 'sbox', 'dev', 'development', 'staging', 'stage', 'local', 'default',
  'fallback', 'override', 'old', 'new', 'current', 'primary', 'secondary', 'backup',
]);

/** A `key` is only secret-like next to one of these (`apiKey`, `signKey`, `STRIPE_KEY`); a bare `key` is not. */
const KEY_QUALIFIERS = new Set([
  'api', 'app', 'merchant', 'mch', 'sign', 'signing', 'signature', 'private', 'secret', 'access', 'auth', 'master',
  'encryption', 'encrypt', 'crypt', 'crypto', 'cipher', 'hmac', 'partner', 'client', 'webhook', 'service', 'shared',
  'license', 'consumer', 'aes', 'des', 'jwt', 'session', 'cookie', 'pay', 'payment',
  'stripe', 'paypal', 'braintree', 'square', 'adyen', 'razorpay', 'alipay', 'wechat', 'wechatpay', 'wxpay', 'weixin',
  'checkout', 'twilio', 'sendgrid', 'mailgun', 'aws', 'google', 'gcp', 'azure', 'github', 'gitlab', 'slack', 'openai',
]);

/** Words right before `key` that make it an ordinary key: `publicKey`, `cacheKey`, `idempotencyKey`, `primaryKey`. */
const ORDINARY_KEY_WORDS = new Set([
  'public', 'publishable', 'pub', 'cache', 'storage', 'idempotency', 'sort', 'partition', 'primary', 'foreign',
  'i18n', 'translation', 'lookup', 'map', 'route', 'query', 'object', 'bucket', 'file', 'event', 'dedupe', 'unique',
  'react', 'hot', 'short', 'keyboard', 'hash', 'group', 'row', 'column', 'field', 'list', 'item', 'menu',
]);

/** Words before `token` that make it a non-credential: pagination cursors, cancellation and design tokens. */
const ORDINARY_TOKEN_WORDS = new Set([
  'page', 'next', 'prev', 'previous', 'continuation', 'cursor', 'cancel', 'cancellation', 'sync', 'csrf', 'xsrf',
  'design', 'color', 'colour', 'theme', 'lexer', 'parser', 'type', 'word', 'resume', 'spacing', 'font',
]);

/** Any of these words anywhere marks a public value even when the tail says key: `alipayPublicKey`. */
const PUBLIC_WORDS = new Set(['public', 'publishable', 'pub']);

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase']);
/** `pass` alone is too common a word (`allPass`, `onPass`); it means a password only after an account-like word. */
const PASS_OWNERS = new Set([
  'db', 'database', 'user', 'smtp', 'mail', 'email', 'admin', 'root', 'ftp', 'sftp', 'ssh', 'redis', 'mysql', 'pg',
  'postgres', 'mongo', 'ldap', 'proxy', 'basic', 'http', 'api', 'app', 'login', 'account', 'keystore', 'store', 'key',
]);
const CREDENTIAL_WORDS = new Set(['auth', 'authorization', 'bearer', 'credential', 'credentials', 'creds']);
const COMPOUND_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'key'];

const VERSION_OR_NUMBER = /^v\d+$|^\d+$/;

/** Plurals name the same thing: `apiKeys`, `CLIENT_SECRETS`. */
function singular(word: string): string {
  return /(?:key|secret|token|password)s$/.test(word) ? word.slice(0, -1) : word;
}

/** Splits all-lower compounds such as `apikey`, `mchkey`, `appsecret`, `authtoken` into their parts. */
function splitCompound(word: string): string[] {
  for (const suffix of COMPOUND_SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) return [word.slice(0, -suffix.length), suffix];
  }
  return [word];
}

/**
 * Classifies a variable, property or config key name. A name is secret-like when its last meaningful word names a
 * credential: `merchantApiKey`, `APP_SECRET`, `db-password`, `accessToken`; `passwordField`, `tokenType`,
 * `secretName` and `apiKeyHeader` are not (their last word says they hold something else).
 */
export function classifySecretName(name: string): SecretName {
  const words: string[] = [];
  for (const word of identifierWords(name)) {
    for (const part of splitCompound(singular(word))) words.push(part);
  }
  let end = words.length;
  while (end > 1 && (NEUTRAL_SUFFIXES.has(words[end - 1]) || VERSION_OR_NUMBER.test(words[end - 1]))) end--;
  const last = words[end - 1];
  const before = words.slice(0, end - 1);
  const previous = before[before.length - 1];
  const result: SecretName = { words };
  if (last === undefined) return result;
  if (words.some((w) => PUBLIC_WORDS.has(w))) return result;
  if (PASSWORD_WORDS.has(last) || (last === 'pass' && previous !== undefined && PASS_OWNERS.has(previous))) result.kind = 'password';
  else if (last === 'secret') result.kind = 'secret';
  else if (last === 'token') {
    if (previous === undefined || !ORDINARY_TOKEN_WORDS.has(previous)) result.kind = 'token';
  } else if (last === 'key') {
    if (previous !== undefined && !ORDINARY_KEY_WORDS.has(previous) && before.some((w) => KEY_QUALIFIERS.has(w))) {
      result.kind = before.includes('private') ? 'private key' : before.includes('api') ? 'API key' : 'key';
    }
  } else if (CREDENTIAL_WORDS.has(last)) result.kind = 'credential';
  return result;
}

/** Character counts of a value, in one pass (ASCII in an array, anything else in a map). */
function charCounts(value: string): number[] {
  const ascii = new Uint32Array(128);
  let other: Map<number, number> | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) ascii[c]++;
    else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  const counts: number[] = [];
  for (const n of ascii) if (n) counts.push(n);
  if (other) counts.push(...other.values());
  return counts;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  let bits = 0;
  for (const n of charCounts(value)) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function distinctChars(value: string): number {
  return charCounts(value).length;
}

const SEQUENCE = 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz';

/** `1234567890abcdef`, `abcdefghijkl`: hand-typed filler, not generated. */
function isSequential(value: string): boolean {
  const lower = value.toLowerCase();
  let steps = 0;
  for (let i = 1; i < lower.length; i++) {
    const a = SEQUENCE.indexOf(lower[i - 1]);
    if (a >= 0 && SEQUENCE[a + 1] === lower[i]) steps++;
  }
  return steps >= (lower.length - 1) * 0.6;
}

const PLACEHOLDER_WORDS = /your|example|sample|placeholder|dummy|fake|changeme|change[_-]me|replace|redacted|insert|todo|fixme|xxxx|\*\*\*|\.\.\.|\u2026|<[^<>]*>/i;
const PLACEHOLDER_WHOLE = new Set([
  'test', 'testing', 'secret', 'password', 'pass', 'passwd', 'token', 'apikey', 'api_key', 'api-key', 'key', 'none',
  'null', 'nil', 'undefined', 'n/a', 'na', 'tbd', 'empty', 'default', 'foo', 'bar', 'foobar', 'xxx', 'abc', 'abc123',
  'secret123', 'password123', 'mysecret', 'supersecret', 'my-secret', 'my_secret', 'mypassword', 'required',
  'optional', 'hidden', 'string', 'masked', 'true', 'false',
]);

/** Template and variable syntaxes that stand for a value supplied elsewhere: `${VAR}`, `{{x}}`, `%(x)s`, `$VAR`, `#{X}#`. */
const REFERENCE = /^\$\{[^}]*\}$|^\$\{\{.*\}\}$|^\{\{.*\}\}$|^\{[A-Za-z_][\w.-]*\}$|^%\(?[\w.-]*\)?[sd]$|^\$[A-Za-z_][A-Za-z0-9_]*$|^__[A-Z0-9_]+__$|^@[A-Z0-9_]+@$|^#\{.*\}#?$|^<%.*%>$|^\$\(.*\)$/s;

/** Lookups of the environment or a secret store written as text: `env("X")`, `os.getenv('X')`, `!Ref X`, an ARN. */
const LOOKUP = /process\.env\.|import\.meta\.env|os\.getenv|os\.environ|getenv\(|^env\(|^ENV\[|^!(?:Ref|Sub|GetAtt|ImportValue|Secret)\b|^arn:aws:|^vault:|^ref\+|^@Microsoft\.KeyVault\(|^secretsmanager:|^projects\/[^/]+\/secrets\//;

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WHOLE.has(lower)) return true;
  if (/^(.)\1*$/s.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (REFERENCE.test(v) || v.includes('${')) return true;
  if (v.length >= 6 && distinctChars(v) <= 3) return true;
  return v.length >= 8 && isSequential(v);
}

/** The body of a provider key after its prefix is a fake when it is filler (`sk_test_xxxxxxxx`, `AKIA…EXAMPLE`). */
export function isFakeKeyBody(body: string): boolean {
  if (body.length >= 6 && distinctChars(body) <= 3) return true;
  if (/x{4,}|X{4,}|0{6,}|EXAMPLE|example|your|YOUR|dummy|DUMMY|fake|FAKE|sample|SAMPLE|placeholder|PLACEHOLDER|redacted|REDACTED|\*\*\*|\.\.\./.test(body)) return true;
  return isSequential(body);
}

export function isEnvLookupText(value: string): boolean {
  return LOOKUP.test(value.trim());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGRITY = /^(?:sha(?:1|256|384|512)|md5)-[A-Za-z0-9+/=]+$/;
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|[1356])\$/;
const PATH_LIKE = /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|properties|keystore)$/i;
/** Form validation rules written as strings: `required|min:8|confirmed`, `min:8`. */
const VALIDATION_RULES = /^(?:[a-z_]+(?::[\w,.]+)?\|)+[a-z_]+(?::[\w,.]+)?$|^(?:min|max|size|between|digits|regex|same|different):[\w,.]+$/;
/** Words, optionally after one sigil (`@DynamicProtoStub`, `#checkoutForm`, `:session_id`). */
const WORDS_ONLY = /^[@#:]?[A-Za-z]+(?:[-_./: ][A-Za-z]+)*$/;

/** Values that are certainly not credentials whatever their name: ids, digests, hashes, paths, URLs, data URIs. */
export function isNonSecretShape(value: string): boolean {
  if (UUID.test(value) || INTEGRITY.test(value) || PASSWORD_HASH.test(value)) return true;
  if (/^data:[\w.+-]+\/[\w.+-]+[;,]/.test(value)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  if (PATH_LIKE.test(value)) return true;
  // Publishable keys, Razorpay key ids, Twilio account SIDs and Stripe client secrets are made for the browser.
  if (/^pk_(?:live|test)_|^rzp_(?:live|test)_|^AC[0-9a-f]{32}$|^(?:pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/.test(value)) return true;
  // Version numbers and ranges (`^10.2.2`, `v1.4.0`): package manifests are full of `*password*` package names.
  if (/^[~^<>=v]*\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(value)) return true;
  return /^\d+$/.test(value);
}

/** Strips an HTTP auth scheme so `Bearer abc…` is judged on `abc…`. */
export function stripAuthScheme(value: string): { value: string; offset: number } {
  const m = /^(?:bearer|basic|token|apikey|digest)\s+/i.exec(value);
  return m ? { value: value.slice(m[0].length), offset: m[0].length } : { value, offset: 0 };
}

function charClasses(value: string): number {
  let n = 0;
  if (/[a-z]/.test(value)) n++;
  if (/[A-Z]/.test(value)) n++;
  if (/[0-9]/.test(value)) n++;
  if (/[^A-Za-z0-9]/.test(value)) n++;
  return n;
}

/**
 * Does a value look generated (a key, token or secret) rather than typed by a person? Length, character mix and
 * entropy together; words and identifiers (`X-API-Key`, `prod/stripe`, `stripe_secret_key`) never qualify.
 */
export function looksGenerated(value: string): boolean {
  if (value.length < 12 || /\s/.test(value)) return false;
  if (isPlaceholder(value) || isNonSecretShape(value)) return false;
  const entropy = shannonEntropy(value);
  if (WORDS_ONLY.test(value)) {
    // Only long mixed-case letter soup passes; camelCase and snake_case identifiers do not.
    const upper = (value.match(/[A-Z]/g) ?? []).length / value.length;
    return value.length >= 24 && upper >= 0.3 && upper <= 0.7 && entropy >= 4;
  }
  if (entropy < 3 || distinctChars(value) < 8) return false;
  return charClasses(value) >= 2;
}

/**
 * Does a value assigned to a password name look like an actual password? Modest entropy is enough, but not
 * labels and UI text (`Password`, `Mot de passe`, `Enter password:`), autocomplete hints, or very short words.
 */
export function looksLikePassword(value: string): boolean {
  const v = value;
  if (v.length < 4 || /\s/.test(v)) return false;
  if (v.length < 6 && !/[0-9]|[^A-Za-z0-9]/.test(v)) return false;
  if (isPlaceholder(v) || isEnvLookupText(v)) return false;
  if (!/^\d+$/.test(v) && isNonSecretShape(v)) return false;
  if (/[^\x20-\x7e]/.test(v)) return false;
  // Labels and UI text: `Password`, `Passwort:`, `Confirm?`, autocomplete hints such as `current-password`.
  if (/^[A-Z][a-z]+[:.]*$/.test(v) || /[:?]$/.test(v)) return false;
  if (WORDS_ONLY.test(v) && /pass|pwd/i.test(v)) return false;
  // Selectors and expressions about password fields: `[type=password]`, `input[name="password"]`.
  if (/pass(?:word|wd)/i.test(v) && /[[\]{}()=<>]/.test(v)) return false;
  // camelCase identifiers (`overEvery`, `showPassword`) are code, not passwords.
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(v)) return false;
  return !VALIDATION_RULES.test(v);
}
