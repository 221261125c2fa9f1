// Password-policy naming: which fields hold a new password, and whether the surrounding code sets or only checks one.
import type { AstNode } from '../../server/src/engine';
import { identifierWords } from './identifiers';
import { propertyKeyName, staticStringValue, parentOf } from './ast';

/** `setting`: sign-up, reset, change (a policy applies); `checking`: login or current password (no policy applies). */
export type PasswordPurpose = 'setting' | 'checking' | 'unknown';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass', 'passw', 'passwort']);
/** Fields about a password that are not the password: stored hashes, reset tokens and codes, timestamps, confirmations. */
const NOT_THE_PASSWORD = new Set([
  'hash', 'hashed', 'digest', 'token', 'code', 'otp', 'salt', 'at', 'date', 'expires', 'expiry', 'expiration', 'count', 'attempts',
  'confirm', 'confirmation', 'confirmed', 'repeat', 'repeated', 'again', 'retype', 'verify', 'verification', 'hint',
  'length', 'min', 'max', 'strength', 'score', 'visible', 'shown', 'show', 'error', 'errors', 'message', 'label',
  'placeholder', 'policy', 'rules', 'enabled', 'required', 'type', 'input', 'field', 'ref',
]);
/** Fields of a password-change schema that are named only by their role (`{ current, next }`). */
const ROLE_ONLY_FIELDS = new Set(['new', 'next', 'current', 'old', 'existing', 'previous']);

const CHECKING_WORDS = new Set(['login', 'signin', 'logon', 'authenticate', 'unlock', 'reauth', 'reauthenticate']);
/** Words that mean "the password the user already has" only next to a password word or alone (`current`, not `currentUser`). */
const EXISTING_WORDS = new Set(['current', 'old', 'existing', 'previous']);
const SETTING_WORDS = new Set(['signup', 'register', 'registration', 'enroll', 'enrol', 'enrollment', 'onboard', 'onboarding', 'reset', 'change', 'new', 'next']);
const ACCOUNT_WORDS = new Set(['user', 'users', 'account', 'accounts', 'customer', 'customers', 'merchant', 'merchants', 'member', 'members', 'operator', 'operators', 'admin', 'admins', 'staff', 'employee', 'employees']);

function hasPasswordWord(words: readonly string[]): boolean {
  return words.some((w) => PASSWORD_WORDS.has(w));
}

/** Whether a field or variable name denotes a password as typed by a person (`password`, `newPassword`, `pwd`). */
export function isPasswordName(name: string): boolean {
  const words = identifierWords(name);
  return hasPasswordWord(words) && !words.some((w) => NOT_THE_PASSWORD.has(w));
}

/** `{ current, next }` in a schema whose name mentions passwords: the role names the field. */
export function isRoleOnlyField(name: string): boolean {
  const words = identifierWords(name);
  return words.length > 0 && words.every((w) => ROLE_ONLY_FIELDS.has(w) || w === 'value');
}

/** What a single name says about purpose; `unknown` for neutral names such as `password` or `authRouter`. */
export function purposeOfName(name: string): PasswordPurpose {
  const words = identifierWords(name);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    if ((w === 'sign' || w === 'log') && next === 'in') return 'checking';
    if (w === 'sign' && next === 'up') return 'setting';
    if (CHECKING_WORDS.has(w)) return 'checking';
    if (EXISTING_WORDS.has(w) && (words.length === 1 || hasPasswordWord(words))) return 'checking';
  }
  if (words.some((w) => SETTING_WORDS.has(w))) return 'setting';
  const aboutPassword = hasPasswordWord(words);
  if (words.some((w) => w === 'create' || w === 'add' || w === 'invite') && (aboutPassword || words.some((w) => ACCOUNT_WORDS.has(w)))) {
    return 'setting';
  }
  if (words.some((w) => w === 'update' || w === 'set' || w === 'choose') && aboutPassword) return 'setting';
  return 'unknown';
}

/** The purpose the nearest non-neutral name gives, trying names in order, then the file path. */
export function purposeOf(names: readonly string[], path: string): PasswordPurpose {
  for (const name of names) {
    const purpose = purposeOfName(name);
    if (purpose !== 'unknown') return purpose;
  }
  const segments = path.split('/').reverse().map((s) => s.replace(/\.[^.]*$/, ''));
  for (const segment of segments) {
    const purpose = purposeOfName(segment);
    if (purpose !== 'unknown') return purpose;
  }
  return 'unknown';
}

const ROUTE_METHODS = new Set(['post', 'put', 'patch', 'get', 'all', 'route', 'use', 'Post', 'Put', 'Patch', 'Controller']);

/** Route paths of a registration call (`router.post('/register', …)`) or a Nest route decorator (`@Post('reset')`). */
function routePathOf(call: AstNode): string | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = call.callee;
  const name = callee.type === 'Identifier' ? callee.name
    : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (!name || !ROUTE_METHODS.has(name)) return undefined;
  return staticStringValue(call.arguments[0] as AstNode | undefined);
}

function decoratorPaths(node: { decorators?: AstNode[] }): string[] {
  const out: string[] = [];
  for (const d of node.decorators ?? []) {
    if (d.type !== 'Decorator') continue;
    const path = routePathOf(d.expression);
    if (path) out.push(path);
    if (d.expression.type === 'CallExpression' && d.expression.callee.type === 'Identifier') out.push(d.expression.callee.name);
  }
  return out;
}

/**
 * Names around a node, nearest first: variables, object keys, classes, functions and methods it sits in, route paths of
 * the registration calls that contain it, and Nest route decorators. They tell a sign-up schema from a login one.
 */
export function enclosingNames(node: AstNode): string[] {
  const names: string[] = [];
  for (let current = parentOf(node); current; current = parentOf(current)) {
    switch (current.type) {
      case 'VariableDeclarator':
        if (current.id.type === 'Identifier') names.push(current.id.name);
        break;
      case 'Property':
      case 'PropertyDefinition':
      case 'MethodDefinition': {
        const key = propertyKeyName(current as { key: AstNode; computed?: boolean });
        if (key) names.push(key);
        if (current.type === 'MethodDefinition') names.push(...decoratorPaths(current));
        break;
      }
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (current.id) names.push(current.id.name);
        names.push(...decoratorPaths(current));
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        if (current.id) names.push(current.id.name);
        break;
      case 'AssignmentExpression':
        if (current.left.type === 'Identifier') names.push(current.left.name);
        else if (current.left.type === 'MemberExpression' && current.left.property.type === 'Identifier') names.push(current.left.property.name);
        break;
      case 'CallExpression': {
        const path = routePathOf(current);
        if (path) names.push(path);
        break;
      }
      default:
        break;
    }
  }
  return names;
}
