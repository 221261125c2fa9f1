// Local value flow for weak-password-hash: function scopes, bindings, and which expressions hold a password, a constant or a number.
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue, parentOf } from './ast';
import { identifierWords } from './identifiers';

export type PasswordKind = 'password' | 'PIN' | 'passcode';

export interface Binding {
  /** The scope that was current where the binding was made; a bound value is judged in it. */
  scope: Scope;
  via: 'declare' | 'assign' | 'param' | 'import' | 'function';
  /** The bound value: a declarator's init, an assigned value, a declared function. */
  value?: AstNode | null;
  /** Property keys from a destructuring pattern down to the name: `['body', 'password']` for `const { body: { password: p } } = req`. */
  path: string[];
  /** True for `const` declarations (their value cannot change later). */
  constant: boolean;
  declarator?: AstNode;
  fn?: AstNode;
  paramIndex?: number;
  module?: string;
  /** For imports: `default`, `*` or the imported name. */
  imported?: string;
}

export interface Scope {
  node: AstNode;
  parent?: Scope;
  bindings: Map<string, Binding[]>;
}

type FunctionNode = Extract<AstNode, { params: unknown[]; body: unknown }>;

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ChainExpression']);

/** The expression under type assertions, `!` and optional-chain wrappers. */
export function unwrap(node: AstNode): AstNode {
  let n = node;
  while (WRAPPERS.has(n.type)) n = (n as { expression: AstNode }).expression;
  return n;
}

/**
 * Function-level scopes built during the engine's single traversal: declarations, assignments, parameters and imports
 * are recorded as the traversal meets them, and judged later (at `Program:exit`) when a hashing call needs them.
 */
export class ScopeTracker {
  root: Scope | undefined;
  current: Scope | undefined;

  enterProgram(program: AstNode & { body: AstNode[] }): void {
    this.root = this.current = { node: program, bindings: new Map() };
    // Imports are top-level by grammar: reading `body` is not a second traversal.
    for (const statement of program.body) {
      if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
      const module = String(statement.source.value);
      for (const spec of statement.specifiers) {
        const imported = spec.type === 'ImportDefaultSpecifier' ? 'default'
          : spec.type === 'ImportNamespaceSpecifier' ? '*'
            : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
        this.add(this.root, spec.local.name, { scope: this.root, via: 'import', path: [], constant: true, module, imported });
      }
    }
  }

  enterFunction(fn: FunctionNode): void {
    const outer = this.current ?? this.root;
    if (!outer) return;
    if (fn.type === 'FunctionDeclaration' && fn.id) this.add(outer, fn.id.name, { scope: outer, via: 'function', value: fn, path: [], constant: false });
    const scope: Scope = { node: fn, parent: outer, bindings: new Map() };
    (fn.params as AstNode[]).forEach((param, index) => {
      this.bindPattern(scope, param, [], { scope, via: 'param', path: [], constant: false, fn, paramIndex: index });
    });
    this.current = scope;
  }

  exitFunction(): void {
    if (this.current?.parent) this.current = this.current.parent;
  }

  declare(declarator: AstNode & { id: AstNode; init: AstNode | null }): void {
    const scope = this.current;
    if (!scope) return;
    const declaration = parentOf(declarator);
    const constant = declaration?.type === 'VariableDeclaration' && declaration.kind === 'const';
    this.bindPattern(scope, declarator.id, [], { scope, via: 'declare', value: declarator.init, path: [], constant, declarator });
  }

  assign(assignment: AstNode & { left: AstNode; right: AstNode; operator: string }): void {
    const scope = this.current;
    if (!scope || assignment.operator !== '=' || assignment.left.type !== 'Identifier') return;
    this.add(scope, assignment.left.name, { scope, via: 'assign', value: assignment.right, path: [], constant: false });
  }

  /** Bindings of a name as seen from a scope: the innermost scope that declares it (assignments in between included). */
  resolve(name: string, from: Scope | undefined): Binding[] {
    const out: Binding[] = [];
    for (let s = from; s; s = s.parent) {
      const found = s.bindings.get(name);
      if (!found) continue;
      out.push(...found);
      if (found.some((b) => b.via !== 'assign')) break;
    }
    return out;
  }

  private add(scope: Scope, name: string, binding: Binding): void {
    const list = scope.bindings.get(name);
    if (list) list.push(binding);
    else scope.bindings.set(name, [binding]);
  }

  private bindPattern(scope: Scope, pattern: AstNode, path: string[], template: Binding): void {
    switch (pattern.type) {
      case 'Identifier':
        this.add(scope, pattern.name, { ...template, path });
        return;
      case 'AssignmentPattern':
        this.bindPattern(scope, pattern.left, path, template);
        return;
      case 'RestElement':
        this.bindPattern(scope, pattern.argument, path, template);
        return;
      case 'TSParameterProperty':
        this.bindPattern(scope, pattern.parameter, path, template);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.bindPattern(scope, element, [...path, '[]'], template);
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') this.bindPattern(scope, prop.argument, path, template);
          else {
            const key = propertyKeyName(prop);
            this.bindPattern(scope, prop.value, key === undefined ? [...path, '?'] : [...path, key], template);
          }
        }
        return;
      default:
        return;
    }
  }
}

// Words (digits dropped) that name a password, passcode or PIN.
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'passcode', 'pin', 'pincode', 'pword']);
const PASSWORD_SUFFIX = /(?:password|passwd|passcode|passphrase|pwd)$/;

/** Names that mention a password but hold something else: its hash, a reset token, its length or policy, a PIN pad. */
const NOT_A_PASSWORD_VALUE = new Set([
  'token', 'tokens', 'otp', 'totp', 'hotp', 'nonce', 'hash', 'hashed', 'hashes', 'digest', 'salt', 'salted', 'pepper', 'key', 'apikey',
  'length', 'len', 'count', 'policy', 'regex', 'pattern', 'field', 'label', 'hint', 'strength', 'expiry', 'expires', 'expired',
  'changed', 'updated', 'at', 'id', 'url', 'min', 'max', 'rule', 'rules', 'error', 'message', 'placeholder', 'visible', 'required',
  'valid', 'invalid', 'type', 'mode', 'enabled', 'reveal', 'shown',
  // A PIN pad (`pinPadSerial`, `pin_pad_id`) is the terminal device, not a PIN.
  'pad', 'serial',
]);

/**
 * Credentials of systems rather than of people: a merchant "password" or API password goes into request signatures,
 * which is what MD5/SHA are for, and a database password is never hashed for storage.
 */
const SERVICE_CREDENTIAL = new Set([
  'merchant', 'mch', 'api', 'gateway', 'terminal', 'shop', 'sign', 'signature', 'smtp', 'db', 'database', 'redis', 'mq',
  'ftp', 'proxy', 'keystore', 'cert', 'certificate', 'ssl', 'tls', 'p12', 'pfx', 'jks', 'wifi',
]);

/** Words around a password in a concatenation that make it a request signature (`md5(`${login}:${sum}:${invId}:${password}`)`). */
const SIGNATURE_CONTEXT = new Set([
  'amount', 'sum', 'total', 'order', 'invoice', 'inv', 'merchant', 'mch', 'price', 'currency', 'timestamp', 'ts', 'nonce',
  'params', 'param', 'payload', 'body', 'data', 'query', 'sign', 'signature', 'appid', 'partner', 'terminal', 'shop',
  'notify', 'callback', 'trade', 'transaction', 'txn', 'payment',
]);

/** Input names for which a KDF is deriving a key from a secret, not hashing a password (`scryptSync(masterKey, …)`). */
const KEY_MATERIAL = new Set(['secret', 'master', 'encryption', 'enc', 'aes', 'cipher', 'seed', 'entropy', 'material', 'kek', 'dek']);

/** Helper names that mention passwords but handle something else (`hashPasswordResetToken`, `passwordStrength`). */
const NOT_A_PASSWORD_HELPER = new Set(['token', 'otp', 'totp', 'hotp', 'nonce', 'key', 'apikey', 'policy', 'strength']);

/** Parameters of a password helper that hold the stored hash or plumbing, not the password. */
const NOT_THE_PASSWORD_PARAM = new Set([
  'stored', 'expected', 'saved', 'existing', 'user', 'options', 'opts', 'config', 'callback', 'cb', 'next', 'req', 'res', 'ctx',
  'rounds', 'cost', 'iterations',
]);

const bareWords = (name: string): string[] => identifierWords(name).map((w) => w.replace(/[0-9]+$/, ''));
const normalized = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function isPasswordWord(word: string): boolean {
  return PASSWORD_WORDS.has(word) || PASSWORD_SUFFIX.test(word);
}

function kindOfWords(words: string[]): PasswordKind {
  if (words.some((w) => w === 'pin' || w === 'pincode')) return 'PIN';
  if (words.some((w) => w.endsWith('passcode'))) return 'passcode';
  return 'password';
}

const UPPER_CONSTANT = /^[A-Z][A-Z0-9_]*$/;
const CONFIG_ROOTS = new Set(['config', 'cfg', 'conf', 'settings', 'env', 'constants', 'CONFIG', 'Config', 'SETTINGS']);
const PASS_THROUGH_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'normalize', 'toString', 'valueOf', 'toLowerCase', 'toUpperCase', 'encode']);

/** A value handed to a hash: which part is the password, and what it is mixed with. */
export interface PasswordData {
  password: AstNode;
  kind: PasswordKind;
  /** `none`: the password alone; `constant`: mixed only with constants (a fixed salt or pepper); `other`: mixed with other values. */
  salt: 'none' | 'constant' | 'other';
}

type Part = { node: AstNode } | { text: string };

/** Judges expressions by name and by the local flow that produced them. */
export class PasswordFlow {
  private readonly extraNames: string[];

  constructor(private readonly scopes: ScopeTracker, extraPasswordNames: readonly string[]) {
    this.extraNames = extraPasswordNames.map(normalized).filter(Boolean);
  }

  /** The kind of secret a name says it holds, if it names a person's password, passcode or PIN. */
  nameKind(name: string): PasswordKind | undefined {
    const words = bareWords(name);
    const flat = normalized(name);
    if (this.extraNames.some((extra) => flat.includes(extra))) return 'password';
    if (!words.some(isPasswordWord)) return undefined;
    if (words.some((w) => NOT_A_PASSWORD_VALUE.has(w) || SERVICE_CREDENTIAL.has(w))) return undefined;
    return kindOfWords(words);
  }

  /** The kind of password a function's name says it handles (`hashPassword`, `verifyPin`), ignoring hash-like words. */
  functionKind(fn: AstNode): PasswordKind | undefined {
    const name = functionName(fn);
    if (!name) return undefined;
    const words = bareWords(name);
    if (this.extraNames.some((extra) => normalized(name).includes(extra))) return 'password';
    if (!words.some(isPasswordWord)) return undefined;
    if (words.some((w) => SERVICE_CREDENTIAL.has(w) || NOT_A_PASSWORD_HELPER.has(w))) return undefined;
    return kindOfWords(words);
  }

  /** Index of the parameter that holds the plain password in a password-named helper (`hashPassword(p)` → 0). */
  passwordParamIndex(fn: FunctionNode): number | undefined {
    if (!this.functionKind(fn)) return undefined;
    const params = fn.params as AstNode[];
    for (let i = 0; i < params.length; i++) {
      let p = params[i];
      if (p.type === 'TSParameterProperty') p = p.parameter;
      if (p.type === 'AssignmentPattern') p = p.left;
      if (p.type !== 'Identifier') continue;
      const words = bareWords(p.name);
      if (words.some((w) => NOT_THE_PASSWORD_PARAM.has(w) || NOT_A_PASSWORD_VALUE.has(w))) continue;
      return i;
    }
    return undefined;
  }

  /** The kind of password an expression holds: by its name, or by what it was bound to in this function. */
  passwordKind(expr: AstNode, scope: Scope | undefined, depth = 0): PasswordKind | undefined {
    if (depth > 8) return undefined;
    const node = unwrap(expr);
    switch (node.type) {
      case 'Identifier': {
        if (bareWords(node.name).some((w) => NOT_A_PASSWORD_VALUE.has(w) || SERVICE_CREDENTIAL.has(w))) return undefined;
        const byName = this.nameKind(node.name);
        if (byName) return byName;
        for (const b of this.scopes.resolve(node.name, scope)) {
          const kind = this.bindingKind(b, depth);
          if (kind) return kind;
        }
        return undefined;
      }
      case 'MemberExpression': {
        const name = memberPropertyName(node);
        return name === undefined ? undefined : this.nameKind(name);
      }
      case 'LogicalExpression':
        return this.passwordKind(node.left, scope, depth + 1) ?? this.passwordKind(node.right, scope, depth + 1);
      case 'ConditionalExpression':
        return this.passwordKind(node.consequent, scope, depth + 1) ?? this.passwordKind(node.alternate, scope, depth + 1);
      case 'AwaitExpression':
        return this.passwordKind(node.argument, scope, depth + 1);
      case 'TemplateLiteral':
        return node.expressions.length === 1 && node.quasis.every((q) => q.value.cooked === '')
          ? this.passwordKind(node.expressions[0], scope, depth + 1)
          : undefined;
      case 'CallExpression': {
        // `pw.trim()`, `pw.normalize('NFKC')`, `String(pw)`, `Buffer.from(pw)`, `encoder.encode(pw)` pass the password on.
        const callee = unwrap(node.callee);
        if (callee.type === 'MemberExpression') {
          const method = memberPropertyName(callee);
          if (method === 'from' && lastSegmentName(callee.object) === 'Buffer' && node.arguments[0]) return this.passwordKind(node.arguments[0], scope, depth + 1);
          if (method === 'encode' && node.arguments[0]) return this.passwordKind(node.arguments[0], scope, depth + 1);
          if (method && PASS_THROUGH_METHODS.has(method)) return this.passwordKind(callee.object, scope, depth + 1);
          return undefined;
        }
        if (callee.type === 'Identifier' && callee.name === 'String' && node.arguments[0]) return this.passwordKind(node.arguments[0], scope, depth + 1);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private bindingKind(b: Binding, depth: number): PasswordKind | undefined {
    const key = b.path.length ? b.path[b.path.length - 1] : undefined;
    if (key !== undefined && key !== '[]' && key !== '?') return this.nameKind(key);
    if (b.via === 'param') {
      if (b.path.length || !b.fn) return undefined;
      return this.passwordParamIndex(b.fn as FunctionNode) === b.paramIndex ? this.functionKind(b.fn) : undefined;
    }
    if ((b.via === 'declare' || b.via === 'assign') && b.value && !b.path.length) return this.passwordKind(b.value, b.scope, depth + 1);
    return undefined;
  }

  /**
   * What the data handed to a hash is made of, when it contains a password: the password part and what it is salted
   * with. Undefined when there is no password in it, or when it reads as a request signature over several fields.
   */
  describeData(exprs: readonly AstNode[], scope: Scope | undefined): PasswordData | undefined {
    const parts: Part[] = [];
    // Several `update()` calls, or several arguments, hash the concatenation of their data.
    for (const expr of exprs) flattenConcatenation(unwrap(expr), parts);
    let password: { node: AstNode; kind: PasswordKind } | undefined;
    let constants = false;
    let others = false;
    let constantText = '';
    const otherWords: string[] = [];
    for (const part of parts) {
      if ('text' in part) {
        if (part.text) constants = true;
        constantText += part.text;
        continue;
      }
      // A value that is the same for every user (`process.env.PIN_PEPPER`) is a salt, whatever its name says.
      if (this.isConstant(part.node, scope)) {
        constants = true;
        constantText += staticStringValue(part.node) ?? '';
        continue;
      }
      const kind = password ? undefined : this.passwordKind(part.node, scope);
      if (kind) password = { node: part.node, kind };
      else {
        others = true;
        const name = lastSegmentName(unwrap(part.node));
        if (name) otherWords.push(...bareWords(name));
      }
    }
    if (!password) return undefined;
    // `merchant_id=…&amount=…&password=…` or `${login}:${sum}:${invId}:${password}` is a request signature.
    if (otherWords.some((w) => SIGNATURE_CONTEXT.has(w)) || /[A-Za-z_]=/.test(constantText)) return undefined;
    return { password: password.node, kind: password.kind, salt: others ? 'other' : constants ? 'constant' : 'none' };
  }

  /** True when an input to a KDF is clearly key material, a constant or a service credential rather than a person's password. */
  isKeyMaterial(expr: AstNode, scope: Scope | undefined): boolean {
    // A literal or configured value is the same for every user: a hard-coded secret (hardcoded-secret's concern).
    if (this.isConstant(expr, scope)) return true;
    if (this.passwordKind(expr, scope)) return false;
    let node = unwrap(expr);
    // `process.env.ENCRYPTION_KEY ?? ''`: the fallback says nothing about what the value is.
    while (node.type === 'LogicalExpression') node = unwrap(node.left);
    const name = lastSegmentName(node);
    if (!name) return false;
    return bareWords(name).some((w) => KEY_MATERIAL.has(w) || NOT_A_PASSWORD_VALUE.has(w) || SERVICE_CREDENTIAL.has(w));
  }

  /** True for values that are the same for every user: literals, constants, env and config values, and bytes of those. */
  isConstant(expr: AstNode, scope: Scope | undefined, depth = 0): boolean {
    if (depth > 8) return false;
    const node = unwrap(expr);
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' || typeof node.value === 'number';
      case 'TemplateLiteral':
        return node.expressions.every((e) => this.isConstant(e, scope, depth + 1));
      case 'LogicalExpression':
        return this.isConstant(node.left, scope, depth + 1) && this.isConstant(node.right, scope, depth + 1);
      case 'BinaryExpression':
        return node.operator === '+' && this.isConstant(node.left, scope, depth + 1) && this.isConstant(node.right, scope, depth + 1);
      case 'Identifier': {
        const bindings = this.scopes.resolve(node.name, scope);
        if (!bindings.length) return UPPER_CONSTANT.test(node.name);
        return bindings.every((b) => {
          if (b.via === 'import') return UPPER_CONSTANT.test(node.name);
          if (!isFixedValue(b, bindings) || !b.value) return false;
          return this.isConstant(b.value, b.scope, depth + 1);
        });
      }
      case 'MemberExpression': {
        const root = memberRoot(node);
        if (isEnvLookup(node)) return true;
        if (root && CONFIG_ROOTS.has(root)) return true;
        const prop = memberPropertyName(node);
        return !!root && UPPER_CONSTANT.test(root) && !!prop && UPPER_CONSTANT.test(prop);
      }
      case 'CallExpression': {
        const callee = unwrap(node.callee);
        const arg = node.arguments[0];
        if (!arg || callee.type !== 'MemberExpression') return callee.type === 'Identifier' && callee.name === 'String' && !!arg && this.isConstant(arg, scope, depth + 1);
        const method = memberPropertyName(callee);
        if (method === 'from' && lastSegmentName(callee.object) === 'Buffer') return this.isConstant(arg, scope, depth + 1);
        if (method === 'encode') return this.isConstant(arg, scope, depth + 1);
        return false;
      }
      default:
        return false;
    }
  }

  /** The number a cost or iteration argument evaluates to, with the literal that sets it (for a fix); a fallback `x || 8` counts. */
  numberValue(expr: AstNode, scope: Scope | undefined, depth = 0): { value: number; literal: AstNode } | undefined {
    if (depth > 8) return undefined;
    const node = unwrap(expr);
    if (node.type === 'Literal') return typeof node.value === 'number' ? { value: node.value, literal: node } : undefined;
    if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '??')) {
      return this.numberValue(node.left, scope, depth + 1) ?? this.numberValue(node.right, scope, depth + 1);
    }
    if (node.type === 'Identifier') {
      const bindings = this.scopes.resolve(node.name, scope);
      const b = bindings[0];
      if (!b || !isFixedValue(b, bindings) || !b.value) return undefined;
      return this.numberValue(b.value, b.scope, depth + 1);
    }
    return undefined;
  }

  /** The string a constant expression holds (`'sha256'`, or a `const ALGO = 'sha256'`). */
  stringValue(expr: AstNode, scope: Scope | undefined, depth = 0): string | undefined {
    if (depth > 8) return undefined;
    const node = unwrap(expr);
    const literal = staticStringValue(node);
    if (literal !== undefined) return literal;
    if (node.type !== 'Identifier') return undefined;
    const bindings = this.scopes.resolve(node.name, scope);
    const b = bindings[0];
    if (!b || !isFixedValue(b, bindings) || !b.value) return undefined;
    return this.stringValue(b.value, b.scope, depth + 1);
  }

  /** The module a name comes from (`import bcrypt from 'bcryptjs'`, `const { scryptSync } = require('crypto')`). */
  moduleOf(name: string, scope: Scope | undefined): { module: string; imported: string } | undefined {
    for (const b of this.scopes.resolve(name, scope)) {
      if (b.via === 'import' && b.module) return { module: b.module, imported: b.imported ?? '*' };
      if (b.via === 'declare' && b.value) {
        const required = requiredModule(b.value);
        if (required !== undefined) return { module: required, imported: b.path.length ? b.path[0] : '*' };
      }
    }
    return undefined;
  }
}

/** A declaration whose value cannot have changed: `const x = v`, or a `let`/`var` that is its name's only binding. */
function isFixedValue(b: Binding, all: readonly Binding[]): boolean {
  return b.via === 'declare' && !b.path.length && (b.constant || all.length === 1);
}

function flattenConcatenation(node: AstNode, out: Part[]): void {
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    flattenConcatenation(unwrap(node.left), out);
    flattenConcatenation(unwrap(node.right), out);
    return;
  }
  if (node.type === 'TemplateLiteral' && node.expressions.length) {
    node.quasis.forEach((q, i) => {
      out.push({ text: q.value.cooked ?? '' });
      if (i < node.expressions.length) flattenConcatenation(unwrap(node.expressions[i]), out);
    });
    return;
  }
  out.push({ node });
}

/** `crypto` for `require('crypto')` and `require('crypto').scryptSync`; undefined for anything else. */
export function requiredModule(value: AstNode): string | undefined {
  let node = unwrap(value);
  if (node.type === 'MemberExpression') node = unwrap(node.object);
  if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  return staticStringValue(node.arguments[0]);
}

/** The identifier a member chain starts from: `config` in `config.auth.salt`, `this` for `this.x`. */
function memberRoot(node: AstNode): string | undefined {
  let n = unwrap(node);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  if (n.type === 'Identifier') return n.name;
  return n.type === 'ThisExpression' ? 'this' : undefined;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`. */
export function isEnvLookup(node: AstNode): boolean {
  if (node.type !== 'MemberExpression') return false;
  const object = unwrap(node.object);
  if (object.type !== 'MemberExpression' || memberPropertyName(object) !== 'env') return false;
  const root = unwrap(object.object);
  return (root.type === 'Identifier' && root.name === 'process') || root.type === 'MetaProperty';
}

/** The name a function is known by: its own, the variable, property or method it is assigned to. */
export function functionName(fn: AstNode): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const parent = parentOf(fn);
  if (!parent) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === fn && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.value === fn ? propertyKeyName(parent) : undefined;
    case 'AssignmentExpression':
      return parent.right === fn ? lastSegmentName(parent.left) : undefined;
    default:
      return undefined;
  }
}
