// Naming the operations an audit trail must record (money movement, privilege changes) and recognising audit calls.
import type { AstNode } from '../../server/src/engine';
import { memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import { identifierWords } from './identifiers';

export type OperationKind = 'money' | 'privilege';

export interface Operation {
  kind: OperationKind;
  /** What the message calls it: `a refund`, `an API key rotation`. */
  label: string;
}

type CallNode = Extract<AstNode, { type: 'CallExpression' }>;

/** Words that name money leaving the merchant on their own. */
const MONEY_LABELS: Record<string, string> = {
  refund: 'a refund', refunds: 'a refund', payout: 'a payout', payouts: 'a payout', withdraw: 'a withdrawal',
  withdrawal: 'a withdrawal', withdrawals: 'a withdrawal', disburse: 'a disbursement', disbursement: 'a disbursement',
  disbursements: 'a disbursement',
};
/** Words that move money only next to a payment word: `captureException` and `dataTransfer` do not. */
const CONTEXT_MONEY_LABELS: Record<string, string> = {
  capture: 'a payment capture', captures: 'a payment capture', void: 'a payment void', transfer: 'a transfer', transfers: 'a transfer',
};
const PAYMENT_CONTEXT = new Set([
  'payment', 'payments', 'intent', 'intents', 'charge', 'charges', 'order', 'orders', 'transaction', 'transactions',
  'authorization', 'authorizations', 'gateway', 'stripe', 'codepay', 'paypal', 'braintree', 'adyen', 'razorpay', 'square',
  'wallet', 'wallets', 'balance', 'funds', 'fund', 'money', 'amount', 'bank', 'account', 'accounts', 'ledger',
]);
/** A call whose name starts with these reads, checks or formats; it does not act. */
const READ_VERBS = new Set([
  'get', 'list', 'find', 'fetch', 'retrieve', 'search', 'count', 'load', 'read', 'show', 'view', 'calculate', 'calc', 'compute',
  'estimate', 'preview', 'validate', 'check', 'can', 'is', 'has', 'format', 'render', 'parse', 'serialize', 'to', 'describe',
  'lookup', 'query', 'select', 'on', 'map', 'sum', 'total',
]);
/** Generic methods that act on the collection named by their object: `stripe.refunds.create`, `payoutService.execute`. */
const WRITE_METHODS = new Set([
  'create', 'execute', 'process', 'submit', 'send', 'issue', 'initiate', 'make', 'post', 'perform', 'run', 'trigger', 'request',
  'approve', 'release', 'confirm',
]);

const PRIVILEGE_NOUNS = new Set(['role', 'roles', 'permission', 'permissions', 'privilege', 'privileges', 'admin', 'admins', 'superuser', 'ownership', 'acl', 'acls']);
const PRIVILEGE_VERBS = new Set([
  'set', 'update', 'change', 'assign', 'grant', 'revoke', 'add', 'remove', 'give', 'make', 'transfer', 'upsert', 'attach',
  'detach', 'toggle', 'replace', 'delete', 'elevate', 'promote', 'demote', 'modify', 'edit', 'unassign',
]);
/** Verbs that change privileges with no noun needed: `promote(user)`, `acl.grant(…)`. */
const PRIVILEGE_ALONE = new Set(['promote', 'demote', 'elevate', 'grant', 'revoke', 'impersonate']);
/** Words that, with a key or secret word, name a credential of the merchant or its API (not a cache or crypto key). */
const CREDENTIAL_OWNERS = new Set(['api', 'merchant', 'access', 'signing', 'client', 'partner', 'app', 'webhook', 'private']);
/** Sign-out and session upkeep revoke or refresh tokens; that is not a change of privileges. */
const SESSION_WORDS = new Set(['token', 'tokens', 'session', 'sessions', 'oauth', 'oauth2', 'refresh', 'cookie', 'cookies', 'jwt']);
/** `promote(user)`, `demoteMember`: the words that may follow a bare privilege verb. */
const PRINCIPAL_WORDS = new Set(['user', 'users', 'member', 'members', 'account', 'accounts', 'operator', 'operators', 'staff', 'employee', 'employees', 'to']);
const KEY_WORDS = new Set(['key', 'keys', 'secret', 'secrets', 'credential', 'credentials', 'apikey', 'apikeys']);
const KEY_ROTATE_VERBS = new Set(['rotate', 'regenerate', 'roll', 'reset', 'revoke', 'renew', 'cycle', 'refresh', 'reissue']);
const KEY_CREATE_VERBS = new Set(['create', 'generate', 'issue', 'new', 'add', 'provision', 'mint']);
const PASSWORD_VERBS = new Set(['reset', 'set', 'change', 'update', 'force', 'override', 'admin']);
/** Route, router, controller or file words that say the caller is staff acting on someone else's account. */
export const ADMIN_WORDS = new Set(['admin', 'admins', 'staff', 'operator', 'operators', 'backoffice', 'internal', 'support', 'console', 'management', 'manage', 'superuser']);

/** ORM update methods whose data object, when it sets a role or permission field, changes privileges. */
const UPDATE_METHODS = new Set(['update', 'updateOne', 'updateMany', 'findByIdAndUpdate', 'findOneAndUpdate', 'upsert', 'patch', 'set', 'save', 'merge']);
const DATA_WRAPPERS = new Set(['data', '$set', '$push', '$addToSet', '$pull', 'set', 'update', 'values']);
const PRIVILEGE_FIELDS = /^(?:roles?|permissions?|privileges?|is_?admin|is_?super_?user|is_?staff|user_?role|access_?level)$/i;
const SQL_CALLS = new Set(['query', 'execute', 'exec', 'raw', 'none', 'one', 'any', 'many', 'run', '$executeRaw', '$executeRawUnsafe', '$queryRaw']);
const SQL_PRIVILEGE_UPDATE = /\bUPDATE\b[^;]*?\bSET\b[^;]*?\b(?:roles?|permissions?|privileges?|is_?admin|is_?superuser)\b\s*=/i;
const SQL_PRIVILEGE_TABLE = /\b(?:INSERT\s+INTO|DELETE\s+FROM)\s+["`]?\w*?(?:roles?|permissions?|grants?|api_?keys?|merchant_?keys?)["`]?(?:\s|\(|$)/i;

/** Names of a callee from outermost object to method: `this.auditService.log` → `['this', 'auditService', 'log']`. */
export function calleePath(node: AstNode): string[] {
  switch (node.type) {
    case 'Identifier': return [node.name];
    case 'ThisExpression': return ['this'];
    case 'MemberExpression': {
      const name = memberPropertyName(node);
      return [...calleePath(node.object), name ?? '?'];
    }
    case 'CallExpression': return calleePath(node.callee);
    case 'ChainExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression': return calleePath(node.expression);
    case 'AwaitExpression': return calleePath(node.argument);
    default: return [];
  }
}

/** Money named outright: `refund`, `createPayout`, `wallet.withdraw`, or a write on a money collection (`stripe.refunds.create`). */
function moneyLabel(method: readonly string[], objectWords: readonly string[]): string | undefined {
  if (method.length > 0 && !READ_VERBS.has(method[0])) {
    for (const w of method) if (Object.hasOwn(MONEY_LABELS, w)) return MONEY_LABELS[w];
  }
  if (method.length === 1 && WRITE_METHODS.has(method[0])) {
    const owner = objectWords.slice(-2);
    for (const w of owner) if (Object.hasOwn(MONEY_LABELS, w)) return MONEY_LABELS[w];
    if (owner.includes('transfers') || owner.includes('transfer')) return 'a transfer';
  }
  return undefined;
}

/** `paymentIntents.capture`, `voidTransaction`, `transferFunds`: words that move money only next to a payment word. */
function contextMoneyLabel(method: readonly string[], objectWords: readonly string[]): string | undefined {
  if (!method.length || READ_VERBS.has(method[0])) return undefined;
  if (![...method, ...objectWords].some((w) => PAYMENT_CONTEXT.has(w))) return undefined;
  for (const w of method) if (Object.hasOwn(CONTEXT_MONEY_LABELS, w)) return CONTEXT_MONEY_LABELS[w];
  return undefined;
}

function privilegeLabel(method: readonly string[], objectWords: readonly string[], adminContext: boolean): string | undefined {
  if (!method.length || READ_VERBS.has(method[0])) return undefined;
  const first = method[0];
  const all = [...objectWords.slice(-2), ...method];
  const keyWord = all.some((w) => KEY_WORDS.has(w));
  const credential = all.includes('apikey') || all.includes('apikeys') || all.includes('credentials') || all.includes('credential')
    || (keyWord && all.some((w) => CREDENTIAL_OWNERS.has(w)));
  if (method.some((w) => KEY_ROTATE_VERBS.has(w)) && keyWord && !all.includes('password')) {
    return first === 'revoke' ? 'an API key revocation' : 'an API key rotation';
  }
  if (method.some((w) => KEY_CREATE_VERBS.has(w)) && credential) return 'an API key creation';
  if (method.includes('password') && (method.includes('admin') || method.includes('force') || adminContext) && method.some((w) => PASSWORD_VERBS.has(w))) {
    return 'a password reset by an administrator';
  }
  const principalOnly = method.slice(1).every((w) => PRINCIPAL_WORDS.has(w));
  if (PRIVILEGE_ALONE.has(first) && principalOnly && !all.some((w) => SESSION_WORDS.has(w))) {
    return method.some((w) => w.startsWith('permission')) ? 'a permission change' : 'a privilege change';
  }
  const noun = method.find((w) => PRIVILEGE_NOUNS.has(w));
  if (noun && method.some((w) => PRIVILEGE_VERBS.has(w))) {
    if (noun === 'ownership') return 'an ownership transfer';
    return noun.startsWith('permission') || noun.startsWith('acl') ? 'a permission change' : 'a role change';
  }
  // `prisma.userRole.create(…)`, `permissions.add(…)`: the collection names the privilege, the method writes.
  if (method.length === 1 && (PRIVILEGE_VERBS.has(first) || first === 'create' || first === 'insert' || first === 'destroy')) {
    const owner = objectWords.slice(-2).find((w) => w.startsWith('role') || w.startsWith('permission') || w.startsWith('privilege'));
    if (owner) return owner.startsWith('role') ? 'a role change' : 'a permission change';
  }
  return undefined;
}

function objectSetsPrivilege(node: AstNode, depth: number): boolean {
  if (node.type !== 'ObjectExpression' || depth > 2) return false;
  return node.properties.some((p) => {
    if (p.type !== 'Property') return false;
    const key = propertyKeyName(p);
    if (key === undefined) return false;
    if (PRIVILEGE_FIELDS.test(key)) return true;
    return DATA_WRAPPERS.has(key) && objectSetsPrivilege(p.value, depth + 1);
  });
}

function sqlText(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  const s = staticStringValue(node);
  if (s !== undefined) return s;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('?');
  if (node.type === 'TaggedTemplateExpression') return node.quasi.quasis.map((q) => q.value.cooked ?? '').join('?');
  return undefined;
}

/**
 * The money-moving or privilege-changing operation a call performs, judged by its names (`stripe.refunds.create`,
 * `assignRole`, `rotateApiKey`), an ORM update that sets a role field, or SQL that updates roles or writes key tables.
 * `adminContext` says the route belongs to staff, which makes `resetPassword` an administrator's action.
 */
export function operationOf(call: CallNode, adminContext: boolean): Operation | undefined {
  const path = calleePath(call.callee);
  if (!path.length) return undefined;
  const methodName = path[path.length - 1];
  const method = identifierWords(methodName);
  const objectWords = path.slice(0, -1).flatMap((s) => identifierWords(s));
  const money = moneyLabel(method, objectWords);
  if (money) return { kind: 'money', label: money };
  // Privileges before the context-dependent money words: `accounts.transferOwnership` changes who controls an account.
  const privilege = privilegeLabel(method, objectWords, adminContext);
  if (privilege) return { kind: 'privilege', label: privilege };
  const moved = contextMoneyLabel(method, objectWords);
  if (moved) return { kind: 'money', label: moved };
  if (UPDATE_METHODS.has(methodName) && call.arguments.some((a) => objectSetsPrivilege(a, 0))) return { kind: 'privilege', label: 'a role change' };
  if (SQL_CALLS.has(methodName)) {
    const sql = sqlText(call.arguments[0]);
    if (sql && SQL_PRIVILEGE_UPDATE.test(sql)) return { kind: 'privilege', label: 'a role change' };
    if (sql && SQL_PRIVILEGE_TABLE.test(sql)) return { kind: 'privilege', label: /key/i.test(sql) ? 'an API key change' : 'a permission change' };
  }
  return undefined;
}

/** True for a name that says it is about auditing: `auditLog`, `AuditService`, `auditLogger`, `logAudit`. */
export function isAuditName(name: string): boolean {
  return identifierWords(name).some((w) => w === 'audit' || w === 'audits' || w === 'audited' || w === 'auditing');
}

/**
 * Whether a callee path matches a configured audit name: `auditTrail.record` matches `this.auditTrail.record(…)`,
 * `AuditService.*` any method of an `AuditService`/`auditService` object, `recordActivity` a call by that name.
 */
function matchesConfigured(path: string[], configured: readonly string[]): boolean {
  const lower = path.map((s) => s.toLowerCase());
  return configured.some((entry) => {
    const parts = entry.split('.').map((s) => s.trim().toLowerCase()).filter(Boolean);
    if (!parts.length) return false;
    if (parts[parts.length - 1] === '*') {
      const owner = parts.slice(0, -1);
      for (let i = 0; i + owner.length < lower.length; i++) {
        if (owner.every((p, j) => lower[i + j] === p)) return true;
      }
      return false;
    }
    if (parts.length > lower.length) return false;
    return parts.every((p, j) => lower[lower.length - parts.length + j] === p);
  });
}

/**
 * A call that writes an audit record: a team-configured name, any callee with an audit-named part
 * (`auditLog.record`, `this.auditService.log`, `auditLogger.info`), or an event named for auditing (`emit('audit', …)`).
 * A plain `logger.info(…)` is not one.
 */
export function isAuditCall(call: CallNode, configured: readonly string[]): boolean {
  const path = calleePath(call.callee);
  if (path.some(isAuditName) || matchesConfigured(path, configured)) return true;
  const first = call.arguments[0];
  const event = first && first.type !== 'SpreadElement' ? staticStringValue(first) : undefined;
  return event !== undefined && /^audit\b|[:.]audit\b/i.test(event) && /^(?:emit|publish|send|add|dispatch|push|enqueue)$/.test(path[path.length - 1] ?? '');
}

/** Decorators, middleware and interceptors named for auditing: `@Audit()`, `UseInterceptors(AuditInterceptor)`, `auditTrail('refund')`. */
export function namesAudit(node: AstNode, configured: readonly string[]): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'MemberExpression':
      return calleePath(node).some(isAuditName) || matchesConfigured(calleePath(node), configured);
    case 'CallExpression':
      return namesAudit(node.callee, configured) || node.arguments.some((a) => a.type !== 'SpreadElement' && namesAudit(a, configured));
    case 'NewExpression':
      return namesAudit(node.callee, configured);
    case 'ArrayExpression':
      return node.elements.some((e) => !!e && e.type !== 'SpreadElement' && namesAudit(e, configured));
    default:
      return false;
  }
}
