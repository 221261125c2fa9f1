// Names for access rules: authentication and rate-limit middleware, sensitive back-office routes and campaign routes.
import { identifierWords } from './identifiers';

/** Middleware that is plumbing, not a check, even when its name has a word such as `session` or `token`. */
const NOT_A_CHECK = new Set(['cors', 'helmet', 'csrf', 'csurf', 'json', 'urlencoded', 'raw', 'parser', 'multer', 'upload', 'logger', 'morgan', 'compression', 'static']);
const LIMIT_WORDS = new Set(['limiter', 'ratelimit', 'ratelimiter', 'throttle', 'throttled', 'throttler', 'throttling', 'captcha', 'recaptcha', 'hcaptcha', 'turnstile', 'antibot', 'brute', 'bruteforce', 'slowdown']);

/** Default names of authentication middleware, guards and session lookups. */
export const DEFAULT_AUTH_NAMES: readonly string[] = [
  'authenticate', 'requireAuth', 'requiresAuth', 'isAuthenticated', 'ensureAuthenticated', 'ensureLoggedIn', 'verifyToken', 'verifyJwt',
  'jwt', 'expressjwt', 'expressJwt', 'koaJwt', 'requireAdmin', 'checkRole', 'requireRole', 'authorize', 'protect', 'restrictTo',
  'isAdmin', 'adminOnly', 'auth', 'AuthGuard', 'getServerSession', 'getSession', 'getToken', 'currentUser', 'getAuth', 'withAuth',
  'clerkMiddleware', 'requireUser', 'checkJwt', 'bearerAuth', 'basicAuth', 'getKindeServerSession', 'validateRequest', 'verifyIdToken',
];
const AUTH_WORDS = new Set([
  'auth', 'authn', 'authz', 'authenticate', 'authenticated', 'authentication', 'authorize', 'authorized', 'authorization', 'authorise',
  'authorised', 'jwt', 'expressjwt', 'passport', 'bearer', 'loggedin', 'logged', 'signature', 'sig', 'hmac',
]);
const CHECK_VERBS = new Set(['require', 'requires', 'ensure', 'check', 'verify', 'validate', 'has', 'is', 'must', 'assert', 'restrict']);
const CHECK_OBJECTS = new Set([
  'admin', 'admins', 'role', 'roles', 'permission', 'permissions', 'user', 'token', 'session', 'staff', 'operator', 'owner', 'scope', 'scopes',
  'apikey', 'merchant', 'login', 'signed', 'superuser', 'employee',
]);
const ONLY_OBJECTS = new Set(['admin', 'staff', 'operator', 'owner', 'internal', 'employee', 'superuser']);
/** In a handler, `authorizePayment()` is a card authorisation, not a login check. */
const PAYMENT_WORDS = new Set(['payment', 'payments', 'charge', 'card', 'amount', 'capture', 'transaction']);

/** Names that authenticate or authorise the caller: defaults, configured names, and names built like them. */
export function isAuthName(name: string, configured: readonly string[] = []): boolean {
  if (!name) return false;
  if (configured.includes(name) || DEFAULT_AUTH_NAMES.includes(name)) return true;
  const words = identifierWords(name);
  if (!words.length || words.some((w) => NOT_A_CHECK.has(w) || LIMIT_WORDS.has(w)) || (words.includes('rate') && words.includes('limit'))) return false;
  // Nest guards other than the throttler (excluded above) exist to let a caller in or keep it out.
  if (words[words.length - 1] === 'guard' && words.length > 1) return true;
  if (words.some((w) => AUTH_WORDS.has(w))) return true;
  const joined = words.join('');
  if (joined.includes('apikey')) return words.some((w) => CHECK_VERBS.has(w)) || words.includes('auth');
  if (CHECK_VERBS.has(words[0]) && words.slice(1).some((w) => CHECK_OBJECTS.has(w))) return true;
  return words.length === 2 && ONLY_OBJECTS.has(words[0]) && words[1] === 'only';
}

/** A call inside a handler that checks who is calling: `getServerSession()`, `auth()`, `supabase.auth.getUser()`. */
export function isAuthCall(name: string, object: string, configured: readonly string[] = []): boolean {
  if (configured.includes(name)) return true;
  const words = identifierWords(name);
  if (words.some((w) => PAYMENT_WORDS.has(w))) return false;
  if (object === 'auth' && (name === 'getUser' || name === 'getSession' || name === 'verifyIdToken' || name === 'protect')) return true;
  return isAuthName(name, configured);
}

/** Decorators that switch authentication off for one route: `@Public()`, `@AllowAnonymous()`, `@SkipAuth()`. */
export function isAuthOptOut(name: string): boolean {
  const words = identifierWords(name);
  return name === 'Public' || name === 'IsPublic' || name === 'AllowAnonymous' || name === 'Anonymous' || (words[0] === 'skip' && words.some((w) => AUTH_WORDS.has(w)));
}

/** Default names of rate limiters, captcha checks and anti-bot middleware. */
export const DEFAULT_RATE_LIMITERS: readonly string[] = [
  'rateLimit', 'rateLimiter', 'limiter', 'slowDown', 'ratelimit', 'RateLimit', 'Throttle', 'ThrottlerGuard', 'verifyCaptcha', 'verifyRecaptcha',
  'verifyTurnstile', 'botProtection', 'antiBot',
];

/** Names of rate limiting, throttling, captcha or anti-bot checks: `rateLimit(…)`, `drawLimiter`, `ThrottlerGuard`, `verifyCaptcha`. */
export function isRateLimitName(name: string, configured: readonly string[] = []): boolean {
  if (!name) return false;
  if (configured.includes(name) || DEFAULT_RATE_LIMITERS.includes(name)) return true;
  const words = identifierWords(name);
  if (words.some((w) => LIMIT_WORDS.has(w))) return true;
  if (words.includes('rate') && (words.includes('limit') || words.includes('limits') || words.includes('limiting'))) return true;
  if (words.includes('slow') && words.includes('down')) return true;
  return words.includes('bot') && words.some((w) => w === 'anti' || w === 'protection' || w === 'detection' || w === 'guard' || w === 'check');
}

/** Words of a payment notification route; provider webhooks are protected by their signature, not by login. */
const NOTIFY_WORDS = new Set(['notify', 'notification', 'notifications', 'notif', 'ipn', 'webhook', 'webhooks', 'hook', 'hooks', 'callback', 'callbacks']);

export function isNotificationRoute(words: readonly string[]): boolean {
  return words.some((w) => NOTIFY_WORDS.has(w));
}

function hasPair(words: readonly string[], a: string, b: string): boolean {
  return words.some((w, i) => w === a && words[i + 1] === b);
}

/** Routes that must stay public even under a sensitive prefix: `/admin/login`, `/admin/password/reset`, `/refund-policy`. */
function isPublicFlow(words: readonly string[]): boolean {
  const SIGN_IN = ['login', 'logout', 'signin', 'signout', 'health', 'healthz', 'ping', 'policy', 'policies', 'terms', 'faq', 'docs'];
  if (words.some((w) => SIGN_IN.includes(w)) || hasPair(words, 'sign', 'in') || hasPair(words, 'sign', 'out') || hasPair(words, 'log', 'in')) return true;
  // An admin resetting someone else's password is a back-office action; a user's own reset or sign-up is public.
  const SELF_SERVICE = ['signup', 'register', 'forgot', 'reset'];
  return !words.some((w) => ADMIN_WORDS.has(w)) && (words.some((w) => SELF_SERVICE.includes(w)) || hasPair(words, 'sign', 'up'));
}

const MONEY_OUT = new Map<string, string>([
  ['refund', 'refund'], ['refunds', 'refund'], ['payout', 'payout'], ['payouts', 'payout'], ['withdraw', 'withdrawal'], ['withdraws', 'withdrawal'],
  ['withdrawal', 'withdrawal'], ['withdrawals', 'withdrawal'], ['settlement', 'settlement'], ['settlements', 'settlement'], ['settle', 'settlement'],
]);
const ADMIN_WORDS = new Set(['admin', 'admins', 'administrator', 'superadmin', 'backoffice']);
const EXPORT_WORDS = new Set(['export', 'exports', 'dump', 'download', 'csv']);
const PEOPLE_WORDS = new Set(['customer', 'customers', 'user', 'users', 'member', 'members', 'client', 'clients', 'merchant', 'merchants']);
const KEY_WORDS = new Set(['key', 'keys', 'apikey', 'apikeys', 'secret', 'secrets', 'credential', 'credentials']);
const KEY_OWNERS = new Set(['merchant', 'api', 'secret', 'signing', 'sign', 'private', 'rotate', 'webhook', 'access']);
const ROLE_WORDS = new Set(['role', 'roles', 'permission', 'permissions', 'privilege', 'privileges']);
const CHANGE_WORDS = new Set(['change', 'update', 'set', 'assign', 'grant', 'revoke', 'promote', 'demote', 'edit', 'add', 'remove']);

/** What kind of sensitive operation a route is, by its words and method, or undefined for an ordinary route. */
export function sensitiveRouteKind(words: readonly string[], method: string): string | undefined {
  if (isNotificationRoute(words) || isPublicFlow(words)) return undefined;
  for (const w of words) {
    const kind = MONEY_OUT.get(w);
    if (kind) return kind;
  }
  if (words.some((w) => ADMIN_WORDS.has(w)) || hasPair(words, 'back', 'office')) return 'admin';
  if (words.some((w) => EXPORT_WORDS.has(w)) && words.some((w) => PEOPLE_WORDS.has(w))) return 'customer export';
  if (words.some((w) => w === 'apikey' || w === 'apikeys' || w === 'credential' || w === 'credentials' || w === 'secrets')
    || (words.some((w) => KEY_WORDS.has(w)) && words.some((w) => KEY_OWNERS.has(w)))) return 'merchant key';
  if (words.some((w) => ROLE_WORDS.has(w)) && (method !== 'get' || words.some((w) => CHANGE_WORDS.has(w)))) return 'role change';
  return undefined;
}

const CAMPAIGN = new Map<string, string>([
  ['campaign', 'campaign'], ['campaigns', 'campaign'], ['coupon', 'coupon'], ['coupons', 'coupon'], ['promo', 'promo code'], ['promos', 'promo code'],
  ['promocode', 'promo code'], ['promocodes', 'promo code'], ['promotion', 'promotion'], ['promotions', 'promotion'], ['voucher', 'voucher'],
  ['vouchers', 'voucher'], ['lottery', 'lottery'], ['lotteries', 'lottery'], ['raffle', 'lottery'], ['lucky', 'lottery'], ['giveaway', 'giveaway'],
  ['prize', 'prize'], ['prizes', 'prize'], ['redpacket', 'red packet'], ['hongbao', 'red packet'], ['flashsale', 'flash sale'], ['seckill', 'flash sale'],
  ['redeem', 'redemption'], ['redemption', 'redemption'], ['bonus', 'bonus'], ['checkin', 'sign-in bonus'],
]);

/** What kind of campaign a route serves (coupon, lottery, flash sale, …), or undefined. */
export function campaignRouteKind(words: readonly string[]): string | undefined {
  if (isNotificationRoute(words) || words.some((w) => ADMIN_WORDS.has(w))) return undefined;
  for (const w of words) {
    const kind = CAMPAIGN.get(w);
    if (kind) return kind;
  }
  if (hasPair(words, 'red', 'packet') || hasPair(words, 'red', 'packets') || hasPair(words, 'red', 'envelope')) return 'red packet';
  if (hasPair(words, 'flash', 'sale') || hasPair(words, 'flash', 'sales')) return 'flash sale';
  if (hasPair(words, 'check', 'in') && words.some((w) => w === 'daily' || w === 'reward' || w === 'rewards')) return 'sign-in bonus';
  return undefined;
}
