// Recognising what a name holds for log checks: card numbers, passwords, tokens, secrets, auth headers, or a description of them.
import { cardDataKindOfName } from './card-data-names';
import { identifierWords } from './identifiers';

/**
 * What a logged value can carry. `cardSecurity` (CVV, track data, PIN blocks) is recognised so that it is left to
 * prohibited-card-data; the `request*` and `environment` kinds are whole objects that contain credentials.
 */
export type LogDataKind =
  | 'cardNumber' | 'password' | 'token' | 'secret' | 'authorization' | 'cookie'
  | 'requestBody' | 'requestHeaders' | 'environment' | 'cardSecurity';

/** Words for messages, in the order they read best inside a sentence. */
export const LOG_DATA_WORDING: Record<LogDataKind, string> = {
  cardNumber: 'a card number',
  password: 'a password',
  token: 'an access or session token',
  secret: 'a secret key or credential',
  authorization: 'the Authorization header',
  cookie: 'session cookies',
  requestBody: 'the whole request body',
  requestHeaders: 'all request headers (Authorization and cookies included)',
  environment: 'all environment variables (secrets included)',
  cardSecurity: 'the card security code',
};

/** Where a name sits: a member of a card object (`card.number`) or of a header map (`headers.authorization`). */
export interface NameContext {
  cardOwner?: boolean;
  headersOwner?: boolean;
  /** The owner is a provider object (`paymentMethod.card`) whose `card` holds brand and last four, not the number. */
  providerOwner?: boolean;
}

/** A sensitive kind, `describes` for names that describe a value without holding it (`passwordLength`), or undefined. */
export type NameVerdict = LogDataKind | 'describes' | undefined;

/**
 * Words that make a name describe the value rather than hold it: `tokenType`, `passwordLength`, `hasToken`,
 * `passwordResetRequested`, `secretName`, `cardLast4`, `passwordHash`. Hashes and masked forms are desensitised.
 */
const DESCRIPTOR_WORDS = new Set([
  'length', 'len', 'size', 'count', 'type', 'types', 'kind', 'id', 'ids', 'uuid', 'exists', 'present', 'provided',
  'supplied', 'valid', 'invalid', 'validated', 'validation', 'verified', 'required', 'requested', 'request', 'changed',
  'updated', 'expires', 'expiry', 'expiration', 'expired', 'exp', 'at', 'date', 'time', 'timestamp', 'hash', 'hashed',
  'digest', 'fingerprint', 'mask', 'masked', 'redacted', 'last4', 'lastfour', 'last', 'four', 'first6', 'bin', 'brand',
  'network', 'funding', 'country', 'issuer', 'name', 'names', 'label', 'placeholder', 'hint', 'help', 'tooltip', 'field',
  'fields', 'policy', 'strength', 'score', 'complexity', 'requirements', 'rule', 'rules', 'error', 'errors', 'message',
  'msg', 'min', 'max', 'url', 'uri', 'path', 'file', 'arn', 'ref', 'version', 'prefix', 'enabled', 'disabled', 'status',
  'ttl', 'timeout', 'lifetime', 'age', 'duration', 'scope', 'scopes', 'audience', 'algorithm', 'alg', 'format',
  'encoding', 'endpoint', 'store', 'manager', 'service', 'provider', 'generator', 'validator', 'regex', 'pattern',
  'input', 'element', 'el', 'selector', 'visible', 'show', 'hide', 'is', 'has', 'should', 'can', 'need', 'needs', 'was',
  'did', 'use', 'with', 'without', 'on', 'set', 'check', 'checked', 'verify', 'compare', 'match', 'matches', 'mismatch',
  'attempts', 'attempt', 'tries', 'retries', 'failures', 'failed', 'success', 'sent', 'created', 'issued', 'revoked',
  'rotated', 'form', 'modal', 'dialog', 'button', 'link', 'view', 'component', 'handler', 'listener', 'config', 'options',
  'settings', 'consent', 'banner', 'domain', 'secure', 'samesite', 'holder', 'month', 'year', 'zip', 'postal', 'address',
  // Times and intervals: `tokenRenewalOffsetSeconds`, `passwordResetDelay`.
  'seconds', 'secs', 'millis', 'milliseconds', 'minutes', 'mins', 'hours', 'days', 'offset', 'interval', 'delay', 'period',
]);

/** Tokens that are not credentials: provider payment tokens (they stand in for the card), CAPTCHA, paging, push, LLM. */
const NON_CREDENTIAL_TOKEN_WORDS = new Set([
  'payment', 'card', 'cards', 'stripe', 'method', 'pm', 'nonce', 'source', 'charge', 'captcha', 'recaptcha', 'hcaptcha',
  'turnstile', 'device', 'push', 'fcm', 'apns', 'notification', 'page', 'pagination', 'next', 'cursor', 'continuation',
  'cancel', 'cancellation', 'csrf', 'xsrf', 'usage', 'prompt', 'completion', 'output', 'design', 'theme', 'lexer',
  'parser', 'syntax', 'idempotency',
  // LLM token counts: `usage.total_tokens`, `tokensUsed`, `tokensRemaining`.
  'total', 'used', 'remaining',
]);

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'passphrase', 'passcode', 'pin']);
/** `pass` alone is too common (`pass`/`fail`); next to these words it is a password. */
const PASS_OWNERS = new Set(['db', 'user', 'admin', 'root', 'login', 'account', 'smtp', 'ftp', 'mail', 'basic', 'proxy']);
const TOKEN_WORDS = new Set(['token', 'tokens', 'jwt', 'bearer', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'apitoken', 'sessionid']);
const SECRET_WORDS = new Set(['secret', 'secrets', 'credential', 'credentials', 'creds', 'apikey', 'privatekey', 'secretkey', 'passkey']);
/** `key` is a secret only after one of these (`apiKey`, `signingKey`); `cacheKey`, `sortKey`, `publicKey` are not. */
const KEY_MODIFIERS = new Set([
  'api', 'private', 'secret', 'signing', 'sign', 'hmac', 'merchant', 'mch', 'encryption', 'encrypt', 'master', 'access',
  'auth', 'app', 'client', 'webhook', 'shared', 'session', 'license', 'v3',
]);
const PUBLIC_WORDS = new Set(['public', 'publishable', 'pk']);
const CARD_WORDS = new Set(['card', 'cc', 'credit', 'debit', 'creditcard', 'debitcard']);
const CARD_NUMBER_WORDS = new Set(['number', 'num', 'no', 'nr', 'pan', 'ccnum', 'cardnum', 'cardno', 'cardnumber']);
/** `card`, `creditCard`, `cardDetails`: the whole card as the customer typed it. */
const CARD_CONTAINER_WORDS = new Set(['details', 'data', 'info', 'raw', 'full', 'plain', 'clear']);

/**
 * The kind of sensitive data a name (identifier, key, member or header name) holds, `describes` when it only describes
 * such data, or undefined. Header names are matched in any spelling (`x-api-key`, `Authorization`).
 */
export function logDataKindOfName(name: string, where: NameContext = {}): NameVerdict {
  if (name.length > 80) return undefined;
  const words = identifierWords(name);
  if (words.length === 0) return undefined;
  if (cardDataKindOfName(name, where.cardOwner)) return 'cardSecurity';
  const has = (w: string) => words.includes(w);
  // Session ids are credentials, though `id` usually marks a reference.
  if (words.length === 2 && has('session') && (has('id') || has('key'))) return 'token';
  // `sid` alone is a session cookie (`connect.sid`); inside a longer name it is usually an account id (`accountSid`).
  if (words.length === 1 && (words[0] === 'sid' || words[0] === 'sessid')) return 'token';
  const sensitive = classify(words, where, has);
  // A name made only of describing words (`id`, `type`, `last4`) describes whatever its owner is.
  if (!sensitive) return words.every((w) => DESCRIPTOR_WORDS.has(w)) ? 'describes' : undefined;
  return words.some((w) => DESCRIPTOR_WORDS.has(w)) ? 'describes' : sensitive;
}

function classify(words: readonly string[], where: NameContext, has: (w: string) => boolean): LogDataKind | 'describes' | undefined {
  if (where.headersOwner) {
    if (has('authorization')) return 'authorization';
    if (has('cookie') || has('cookies')) return 'cookie';
  }
  if (has('authorization') && (words.length === 1 || has('header'))) return 'authorization';
  if (has('auth') && has('header')) return 'authorization';
  if (words.some((w) => TOKEN_WORDS.has(w))) {
    return words.some((w) => NON_CREDENTIAL_TOKEN_WORDS.has(w)) ? 'describes' : 'token';
  }
  if (words.some((w) => PUBLIC_WORDS.has(w))) return 'describes';
  // A PaymentIntent's `client_secret` is made for the browser (hardcoded-secret treats it as public too).
  if (where.providerOwner && has('client') && has('secret')) return 'describes';
  if (words.some((w) => SECRET_WORDS.has(w))) return 'secret';
  const key = words.indexOf('key');
  if (key > 0 && KEY_MODIFIERS.has(words[key - 1])) return 'secret';
  if (words.some((w) => PASSWORD_WORDS.has(w))) return 'password';
  const pass = words.indexOf('pass');
  if (pass >= 0 && (words.length === 1 || (pass > 0 && PASS_OWNERS.has(words[pass - 1])))) return 'password';
  if (has('cookie') || has('cookies')) return words.length === 1 ? 'cookie' : undefined;
  const cardWord = words.some((w) => CARD_WORDS.has(w));
  if (words.some((w) => w === 'pan' || w === 'ccnum' || w === 'cardnum' || w === 'cardno' || w === 'cardnumber')) return 'cardNumber';
  if (cardWord && words.some((w) => CARD_NUMBER_WORDS.has(w))) return 'cardNumber';
  if (where.cardOwner && words.length === 1 && CARD_NUMBER_WORDS.has(words[0])) return 'cardNumber';
  // The whole card object: a provider's card (`paymentMethod.card`) holds brand and last four only.
  if (cardWord && words.every((w) => CARD_WORDS.has(w) || CARD_CONTAINER_WORDS.has(w))) return where.providerOwner ? 'describes' : 'cardNumber';
  return undefined;
}

/** True for names of objects that stand for a card (`card`, `creditCard`): their `number` is the card number. */
export function isCardOwnerName(name: string | undefined): boolean {
  if (!name) return false;
  const words = identifierWords(name);
  return words.length > 0 && words.some((w) => CARD_WORDS.has(w)) && !words.some((w) => DESCRIPTOR_WORDS.has(w));
}

/**
 * Words that make an object a catalogue of names, labels or codes (an enum, a constants object): its members name a
 * kind of value rather than hold one (`EnvironmentVariableNames.MSI_SECRET`, `AuthMethodType.PASSWORD`,
 * `errors.password`). Not `keys`, `fields` or `variables`, whose members may be the values (`apiKeys.stripe`).
 */
const CATALOGUE_WORDS = new Set([
  'names', 'name', 'types', 'type', 'kinds', 'kind', 'codes', 'events', 'labels', 'messages', 'errors', 'outcome',
  'outcomes', 'constants', 'enum', 'placeholders', 'hints', 'titles', 'descriptions', 'methods',
]);

/** True for the name of an object whose members are names or codes of values (see {@link CATALOGUE_WORDS}). */
export function isCatalogueName(name: string | undefined): boolean {
  if (!name) return false;
  return identifierWords(name).some((w) => CATALOGUE_WORDS.has(w));
}

/** Provider payment objects whose `card` is a safe summary: `paymentMethod.card`, `charge.source.card`, `pm.card`. */
export function isProviderObjectName(name: string | undefined): boolean {
  if (!name) return false;
  return identifierWords(name).some((w) => /^(?:payment|method|pm|charge|intent|source|setup|mandate|stripe|braintree|adyen)$/.test(w));
}
