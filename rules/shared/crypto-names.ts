// Names for homemade-crypto: which names hold secrets that must be unpredictable, and which functions are ciphers.
import type { AstNode } from '../../server/src/engine';
import { memberPropertyName, propertyKeyName } from './ast';
import { identifierWords } from './identifiers';
import { parentOf, unwrap } from './crypto-scope';

/**
 * `secret`: the value must be unpredictable (a token, OTP, nonce, session id, …); `notSecret`: the name says what the
 * value is and it is not a secret (a delay, an index, a colour); `generic`: the name says nothing (`result`, `r`,
 * `value`), so where the value goes decides; `neutral`: a meaningful name that is not secret (`orderId`).
 */
export type NameVerdict = 'secret' | 'notSecret' | 'generic' | 'neutral';

/** Words that make a name secret wherever they stand (`resetToken`, `otpDigits`, `csrfValue`). */
const SECRET_WORDS = new Set([
  'token', 'nonce', 'otp', 'totp', 'hotp', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'pin', 'pincode',
  'salt', 'csrf', 'xsrf', 'session', 'sid', 'apikey', 'iv', 'captcha', 'coupon', 'voucher', 'verifier', 'challenge',
]);
/** Words that name a secret only as the head noun (`tempPass`), since elsewhere they mean something else (`passThrough`). */
const SECRET_HEADS = new Set(['pass', 'pw']);
/** Heads that are secret with a telling qualifier: `resetCode`, `inviteLink`, `sessionId`, `signingKey`, `oauthState`. */
const ACCESS_QUALIFIERS = new Set([
  'verification', 'verify', 'reset', 'confirm', 'confirmation', 'activation', 'activate', 'auth', 'authorization', 'oauth',
  'sso', 'sms', 'email', 'login', 'signin', 'security', 'secure', 'access', 'invite', 'invitation', 'recovery', 'backup',
  'mfa', 'tfa', 'twofa', 'onetime', 'one', 'promo', 'gift', 'redeem', 'redemption', 'discount', 'claim', 'pickup', 'unlock',
  'pairing', 'magic', 'share', 'download', 'sess', 'license',
]);
const KEY_QUALIFIERS = new Set([
  'api', 'private', 'signing', 'sign', 'encryption', 'enc', 'aes', 'hmac', 'master', 'license', 'webhook', 'jwt', 'merchant',
  'cipher', 'crypto', 'access', 'auth', 'activation', 'secure', 'sess', 'data',
]);
const STATE_QUALIFIERS = new Set(['oauth', 'auth', 'sso', 'login', 'signin']);
const QUALIFIED_HEADS: Record<string, ReadonlySet<string>> = {
  code: ACCESS_QUALIFIERS, id: ACCESS_QUALIFIERS, uuid: ACCESS_QUALIFIERS, guid: ACCESS_QUALIFIERS, link: ACCESS_QUALIFIERS,
  url: ACCESS_QUALIFIERS, number: ACCESS_QUALIFIERS, num: ACCESS_QUALIFIERS, key: KEY_QUALIFIERS, state: STATE_QUALIFIERS,
};
/** Heads that say what a value is, and it is not a secret: `tokenRefreshDelay`, `sessionTimeoutMs`, `otpLength`. */
const NOT_SECRET_HEADS = new Set([
  'delay', 'jitter', 'timeout', 'interval', 'backoff', 'wait', 'ms', 'millis', 'milliseconds', 'seconds', 'secs', 'sec',
  'minutes', 'ttl', 'expiry', 'expires', 'expiration', 'exp', 'duration', 'age', 'sample', 'sampling', 'rate', 'ratio',
  'probability', 'prob', 'chance', 'percent', 'percentage', 'pct', 'threshold', 'offset', 'index', 'idx', 'position', 'pos',
  'color', 'colour', 'hue', 'width', 'height', 'size', 'length', 'len', 'count', 'opacity', 'alpha', 'angle', 'rotation',
  'speed', 'velocity', 'weight', 'priority', 'x', 'y', 'z', 'left', 'top', 'right', 'bottom', 'animation', 'label',
  'placeholder', 'field', 'type', 'mode', 'attempt', 'attempts', 'retry', 'retries', 'max', 'min', 'limit', 'variant',
  'bucket', 'group', 'cohort', 'order', 'sort', 'shuffle', 'score', 'quantity', 'qty', 'name', 'title', 'description',
  'format', 'style', 'class', 'prefix', 'suffix', 'timestamp', 'time', 'date', 'header', 'column', 'row', 'step', 'scale',
  'factor', 'spread', 'seed', 'noise', 'skew', 'margin', 'padding', 'radius', 'volume', 'frame', 'tick',
]);
/** First words of function names that use randomness for non-secret ends: `shuffleProducts`, `jitterDelay`. */
const NOT_SECRET_VERBS = new Set([
  'shuffle', 'sample', 'jitter', 'delay', 'wait', 'sleep', 'backoff', 'animate', 'simulate', 'mock', 'fake', 'demo', 'pick',
  'choose', 'spin', 'flip', 'roll', 'play', 'throttle', 'debounce', 'randomize', 'scatter', 'wiggle', 'shake',
]);
/** Verbs and fillers that carry no meaning in a name: `generateToken` is about a token, `newValue` about nothing. */
const VERBS = new Set(['generate', 'gen', 'create', 'make', 'new', 'get', 'build', 'issue', 'compute', 'next', 'init', 'set', 'produce', 'mint']);
const FILLERS = new Set([
  'value', 'val', 'str', 'string', 'hex', 'raw', 'b64', 'base64', 'text', 'random', 'rand', 'rnd', 'generated', 'plain', 'temp',
  'tmp', 'digits', 'chars', 'part', 'parts', 'bytes', 'buf', 'buffer', 'data', 'result', 'out', 'output', 'ret', 'res',
]);
/** Names that say nothing about the value on their own. */
const GENERIC_WORDS = new Set([
  ...FILLERS, ...VERBS, 'v', 'r', 's', 'n', 'num', 'number', 'i', 'j', 'acc', 'chunk', 'piece', 'char', 'ch', 'c', 'id',
  'uid', 'uuid', 'guid', 'item', 'entry', 'e', 'a', 'b', 'k', 'tmp', 'seq', 'rng',
]);

function singular(word: string, known: (w: string) => boolean): string {
  if (word.length > 3 && word.endsWith('s') && known(word.slice(0, -1))) return word.slice(0, -1);
  return word;
}

function isKnownWord(word: string): boolean {
  return SECRET_WORDS.has(word) || Object.hasOwn(QUALIFIED_HEADS, word) || SECRET_HEADS.has(word) || NOT_SECRET_HEADS.has(word);
}

const normalized = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Judges a variable, property, parameter or function name; `extra` are team-configured secret names or name parts. */
export function judgeName(name: string, extra: readonly string[] = []): NameVerdict {
  const words = identifierWords(name).map((w) => singular(w, isKnownWord));
  if (words.length === 0) return 'generic';
  const flat = normalized(name);
  if (extra.some((e) => normalized(e) && flat.includes(normalized(e)))) return 'secret';
  if (words.every((w) => GENERIC_WORDS.has(w))) return 'generic';
  if (NOT_SECRET_VERBS.has(words[0])) return 'notSecret';
  const meaningful = words.filter((w, i) => !FILLERS.has(w) && !(i === 0 && VERBS.has(w)));
  const head = meaningful[meaningful.length - 1] ?? words[words.length - 1];
  if (NOT_SECRET_HEADS.has(head)) return 'notSecret';
  if (words.some((w) => SECRET_WORDS.has(w)) || SECRET_HEADS.has(head)) return 'secret';
  if (Object.hasOwn(QUALIFIED_HEADS, head)) {
    const qualifiers = meaningful.slice(0, -1);
    if (qualifiers.some((q) => QUALIFIED_HEADS[head].has(q))) return 'secret';
    // A bare random "code" is a verification, reset or promo code in practice.
    if (head === 'code' && qualifiers.length === 0) return 'secret';
    return qualifiers.length === 0 ? 'generic' : 'neutral';
  }
  return 'neutral';
}

/** Words of function names that say the function encrypts or hides data. */
const CIPHER_WORDS = new Set([
  'encrypt', 'decrypt', 'encipher', 'decipher', 'cipher', 'crypt', 'encode', 'decode', 'obfuscate', 'deobfuscate', 'scramble',
  'unscramble', 'descramble', 'xor', 'caesar', 'rot13', 'conceal', 'encryption', 'decryption', 'obfuscation', 'cypher',
]);
/** Standard encodings that shift bits and code points legitimately. */
const ENCODING_WORDS = new Set(['base64', 'base32', 'base58', 'utf8', 'utf16', 'url', 'uri', 'html', 'json', 'hex', 'ascii', 'unicode', 'punycode', 'varint', 'leb128', 'frame', 'websocket', 'ws']);

export function isCipherLikeName(name: string): boolean {
  const words = identifierWords(name);
  return words.some((w) => CIPHER_WORDS.has(w)) && !words.some((w) => ENCODING_WORDS.has(w));
}

export interface FunctionName {
  name: string;
  /** What a finding on the declaration covers: `function name`, or the name a function expression is bound to. */
  span: [number, number];
}

/**
 * The name a function is known by: its declaration's id, the variable, property, method, class field or member it is
 * assigned to. Undefined for anonymous callbacks and default exports.
 */
export function functionName(fn: AstNode): FunctionName | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id) return { name: fn.id.name, span: [fn.range[0], fn.id.range[1]] };
  let child: AstNode = fn;
  let holder = parentOf(fn);
  while (holder && (holder.type === 'TSAsExpression' || holder.type === 'TSSatisfiesExpression')) {
    child = holder;
    holder = parentOf(holder);
  }
  if (holder) {
    switch (holder.type) {
      case 'VariableDeclarator':
        if (holder.init === child && holder.id.type === 'Identifier') return { name: holder.id.name, span: holder.id.range };
        break;
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition': {
        if (holder.value !== child) break;
        const name = propertyKeyName(holder);
        if (name !== undefined) return { name, span: holder.key.range };
        break;
      }
      case 'AssignmentExpression': {
        if (holder.right !== child) break;
        const left = unwrap(holder.left);
        const name = left.type === 'Identifier' ? left.name : left.type === 'MemberExpression' ? memberPropertyName(left) : undefined;
        if (name !== undefined) return { name, span: holder.left.range };
        break;
      }
      default:
        break;
    }
  }
  if (fn.type === 'FunctionExpression' && fn.id) return { name: fn.id.name, span: fn.id.range };
  return undefined;
}

/** True when a function is passed as an argument (`arr.map((c) => …)`): its result flows into the call. */
export function isCallbackArgument(fn: AstNode): boolean {
  const parent = parentOf(fn);
  return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(fn as never);
}
