// Names in signature verification: received and computed signature values, signing calls and verifier functions.
import { identifierWords } from './identifiers';

const SIGNATURE_WORDS = new Set(['sig', 'sign', 'signature', 'signatures', 'hmac', 'mac']);
/** Words that mark a value as the one the server worked out itself. */
const COMPUTED_WORDS = new Set(['expected', 'computed', 'calculated', 'calc', 'generated', 'local', 'my', 'our', 'correct', 'recomputed', 'own', 'server']);
const DIGEST_WORDS = new Set([...SIGNATURE_WORDS, 'digest', 'hash']);
/** Words that turn a signature-ish name into something other than the signature value (`signType`, `isValidSig`). */
const NOT_A_VALUE = new Set([
  'type', 'method', 'alg', 'algorithm', 'algo', 'version', 'key', 'secret', 'length', 'len', 'count', 'name', 'names',
  'status', 'id', 'url', 'field', 'at', 'time', 'timestamp', 'required', 'enabled', 'in', 'up', 'out', 'on', 'off',
  'is', 'has', 'ok', 'valid', 'invalid', 'verified', 'matches', 'match', 'equal', 'equals', 'error', 'err', 'fn', 'options',
]);

/** A name for a signature received from the caller: `sign`, `signature`, `x-codepay-signature`, `receivedSig`. */
export function isReceivedSignatureName(name: string): boolean {
  const words = identifierWords(name);
  return words.some((w) => SIGNATURE_WORDS.has(w)) && !words.some((w) => NOT_A_VALUE.has(w) || COMPUTED_WORDS.has(w));
}

/** A name for a signature or digest the server computed: `expectedSignature`, `computedHmac`, `digest`. */
export function isComputedSignatureName(name: string): boolean {
  const words = identifierWords(name);
  if (!words.length || words.some((w) => NOT_A_VALUE.has(w))) return false;
  if (words[words.length - 1] === 'digest') return true;
  return words.some((w) => COMPUTED_WORDS.has(w)) && words.some((w) => DIGEST_WORDS.has(w));
}

const SIGNING_CALLEES = new Set([
  'digest', 'sign', 'signSync', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sm3', 'hexMd5', 'hexSha1', 'hexSha256',
  'HmacSHA1', 'HmacSHA256', 'HmacSHA512', 'HmacMD5', 'MD5', 'SHA1', 'SHA256', 'SHA512',
]);
const SIGNING_VERBS = new Set(['create', 'compute', 'calc', 'calculate', 'make', 'generate', 'gen', 'build', 'do', 'sign']);

/** Calls that produce a signature or digest: `digest()`, `sign()`, `md5()`, `HmacSHA256()`, `computeSignature()`. */
export function isSigningCalleeName(name: string): boolean {
  if (SIGNING_CALLEES.has(name)) return true;
  const words = identifierWords(name);
  if (words[0] === 'hmac') return true;
  // `signParams`, `signPayload`: a verb `sign` followed by what is signed; `signIn`/`signUp` are not signing.
  if (words[0] === 'sign') return words.length > 1 && !NOT_A_VALUE.has(words[1]);
  return SIGNING_VERBS.has(words[0]) && words.slice(1).some((w) => w === 'sign' || w === 'signature' || w === 'hmac' || w === 'digest' || w === 'mac');
}

const SAFE_COMPARE = new Set([
  'timingSafeEqual', 'safeEqual', 'safeCompare', 'secureCompare', 'constantTimeEqual', 'constantTimeCompare',
  'timingSafeCompare', 'timingSafeEquals', 'constantTimeEquals', 'tsscmp', 'scmp',
]);

/** Constant-time comparison functions. */
export function isSafeCompareName(name: string): boolean {
  return SAFE_COMPARE.has(name);
}

/** Provider SDK verifiers whose names do not follow the verb + object pattern. */
const KNOWN_VERIFIERS = new Set(['rsaCheck', 'rsaCheckV1', 'rsaCheckV2', 'constructEvent', 'constructEventAsync', 'validateHMAC', 'verifyWebhookSignature']);
const CHECK_VERBS = new Set(['validate', 'check', 'assert', 'ensure', 'require', 'authenticate']);
const CHECK_OBJECTS = new Set([
  'sig', 'sign', 'signature', 'signatures', 'hmac', 'mac', 'webhook', 'webhooks', 'notify', 'notification', 'notif', 'callback', 'ipn', 'authentic', 'authenticity',
]);
/** `verifyEmail`, `verifyOtp`: verification of things other than a message signature. */
const OTHER_VERIFICATIONS = new Set(['email', 'otp', 'code', 'password', 'pin', 'captcha', 'recaptcha', 'phone', 'address', 'card', 'age', 'identity', 'kyc', 'user', 'account', 'session', 'login']);

/**
 * A function that checks a notification's authenticity: `verify`, `verifySignature`, `checkSign`, `validateWebhook`,
 * `isValidSignature`, `rsaCheckV1`, `constructEvent`, `timingSafeEqual`, or a team-configured name.
 */
export function isVerifierName(name: string, configured: readonly string[] = []): boolean {
  if (configured.includes(name) || KNOWN_VERIFIERS.has(name) || SAFE_COMPARE.has(name)) return true;
  const words = identifierWords(name);
  if (!words.length) return false;
  const [first, ...rest] = words;
  if (first === 'verify' || first === 'verifies') return rest.some((w) => CHECK_OBJECTS.has(w)) || !rest.some((w) => OTHER_VERIFICATIONS.has(w));
  if (CHECK_VERBS.has(first)) return rest.some((w) => CHECK_OBJECTS.has(w));
  if (first === 'is' || first === 'has') return rest.some((w) => w === 'sig' || w === 'signature' || w === 'hmac' || w === 'authentic' || w === 'verified' || w === 'signed');
  const last = words[words.length - 1];
  return words.some((w) => SIGNATURE_WORDS.has(w)) && (last === 'valid' || last === 'verified' || last === 'matches' || last === 'ok');
}

/** Verifiers that throw on a bad signature rather than return false: calling them as a statement is a gate. */
export function isThrowingVerifierName(name: string): boolean {
  if (name === 'constructEvent' || name === 'constructEventAsync') return true;
  const words = identifierWords(name);
  return words[0] === 'assert' || words[0] === 'ensure' || words[0] === 'require' || (words.at(-2) === 'or' && (words.at(-1) === 'throw' || words.at(-1) === 'fail'));
}

/** Nest guards and middleware named for signature checks: `WebhookSignatureGuard`, `verifyStripeSignature`. */
export function isVerifyingMiddlewareName(name: string, configured: readonly string[] = []): boolean {
  if (isVerifierName(name, configured)) return true;
  const words = identifierWords(name);
  return words.some((w) => w === 'signature' || w === 'sig' || w === 'hmac' || w === 'verify' || w === 'verification' || w === 'verified');
}
