// Where a key, IV or algorithm comes from (written in the code, module state, the environment), for homemade-crypto.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import { unwrap, type CryptoScope, type CryptoScopes } from './crypto-scope';

/**
 * Why a value is the same every time the code runs:
 * - `literal`: its bytes are written in the code (`'0123…'`, `Buffer.alloc(16)`, `[1, 2, …]`);
 * - `literalFallback`: it falls back to bytes written in the code (`process.env.KEY || 'dev-key'`);
 * - `module`: a module-level or imported value, computed once and reused for every call;
 * - `env`: read from the environment or configuration, fixed for a deployment;
 * - `instance`: an object field set once (`this.iv`).
 */
export type Origin =
  | { kind: 'literal' }
  | { kind: 'literalFallback' }
  | { kind: 'module'; name: string }
  | { kind: 'env' }
  | { kind: 'instance'; name: string };

const MAX_DEPTH = 6;

/** Byte-producing calls whose result is fixed when their input is: `Buffer.from(x)`, `enc.Utf8.parse(x)`, `encoder.encode(x)`. */
const FROM_FIRST_ARGUMENT = new Set(['from', 'parse', 'encode', 'of']);
/** Methods that slice or reshape a value without adding randomness. */
const RESHAPING_METHODS = new Set([
  'slice', 'subarray', 'substring', 'substr', 'toString', 'repeat', 'padEnd', 'padStart', 'trim', 'fill', 'concat', 'toUpperCase', 'toLowerCase',
]);
const TYPED_ARRAYS = new Set(['Uint8Array', 'Int8Array', 'Uint16Array', 'Uint32Array', 'Buffer', 'ArrayBuffer']);
const KDFS = new Set(['scryptSync', 'pbkdf2Sync', 'hkdfSync']);

function isEmptyLiteral(node: AstNode): boolean {
  const value = staticStringValue(unwrap(node));
  return value === '';
}

function isProcessEnv(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type !== 'MemberExpression') return false;
  const object = unwrap(n.object);
  // `process.env.X`, `process.env['X']`, `import.meta.env.X`
  if (object.type === 'MemberExpression' && memberPropertyName(object) === 'env') {
    const root = unwrap(object.object);
    return (root.type === 'Identifier' && root.name === 'process') || root.type === 'MetaProperty';
  }
  return false;
}

/** The identifier an expression is rooted in: `config` for `config.crypto.iv`. */
function rootIdentifier(node: AstNode): AstNode | undefined {
  let n = unwrap(node);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  return n.type === 'Identifier' ? n : undefined;
}

export class ValueOrigins {
  constructor(private readonly scopes: CryptoScopes) {}

  /** Why `node` (seen from `scope`) has the same value on every call; undefined when it may differ. */
  originOf(node: AstNode | null | undefined, scope: CryptoScope | undefined, depth = 0): Origin | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const n = unwrap(node);
    switch (n.type) {
      case 'Literal':
        return typeof n.value === 'string' || typeof n.value === 'number' ? { kind: 'literal' } : undefined;
      case 'TemplateLiteral':
        return n.expressions.every((e) => this.originOf(e, scope, depth + 1)?.kind === 'literal') ? { kind: 'literal' } : undefined;
      case 'ArrayExpression':
        return n.elements.every((e) => e !== null && e.type === 'Literal' && typeof e.value === 'number') ? { kind: 'literal' } : undefined;
      case 'Identifier':
        return this.identifierOrigin(n, scope, depth);
      case 'LogicalExpression': {
        const left = this.originOf(n.left, scope, depth + 1);
        if (left?.kind === 'literal') return left;
        const right = this.originOf(n.right, scope, depth + 1);
        if (right?.kind === 'literal' && !isEmptyLiteral(n.right)) return { kind: 'literalFallback' };
        return left;
      }
      case 'ConditionalExpression': {
        const a = this.originOf(n.consequent, scope, depth + 1);
        const b = this.originOf(n.alternate, scope, depth + 1);
        return a?.kind === 'literal' && b?.kind === 'literal' ? a : undefined;
      }
      case 'MemberExpression':
        return this.memberOrigin(n, scope, depth);
      case 'NewExpression': {
        const name = lastSegmentName(n.callee);
        if (!name || !TYPED_ARRAYS.has(name)) return undefined;
        // `new Uint8Array(16)` is sixteen zero bytes; `new Uint8Array([…])` holds the listed ones.
        return n.arguments.every((a) => this.originOf(a as AstNode, scope, depth + 1)?.kind === 'literal') ? { kind: 'literal' } : undefined;
      }
      case 'CallExpression':
        return this.callOrigin(n, scope, depth);
      default:
        return undefined;
    }
  }

  /** The string a value holds when it is fixed: a literal, a constant, or a fallback (`cfg.alg ?? 'aes-128-ecb'`). */
  stringValue(node: AstNode | null | undefined, scope: CryptoScope | undefined, depth = 0): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const n = unwrap(node);
    const direct = staticStringValue(n);
    if (direct !== undefined) return direct;
    if (n.type === 'TemplateLiteral') {
      // `aes-${bits}-ecb`: the fixed parts still tell the mode.
      return n.quasis.map((q) => q.value.cooked ?? '').join('x');
    }
    if (n.type === 'LogicalExpression') return this.stringValue(n.right, scope, depth + 1) ?? this.stringValue(n.left, scope, depth + 1);
    if (n.type === 'Identifier') {
      const binding = this.scopes.resolve(n.name, scope);
      if (!binding || binding.path.length || !binding.init || (binding.kind !== 'const' && binding.reassigned)) return undefined;
      return this.stringValue(binding.init, binding.scope, depth + 1);
    }
    if (n.type === 'MemberExpression') {
      const object = this.objectValue(n.object, scope, depth + 1);
      const key = memberPropertyName(n);
      const prop = object && key !== undefined ? propertyOf(object, key) : undefined;
      return prop ? this.stringValue(prop, scope, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The object literal a value is, directly or through a constant (`const opts = { mode: … }`). */
  objectValue(node: AstNode | null | undefined, scope: CryptoScope | undefined, depth = 0): AstNode | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const n = unwrap(node);
    if (n.type === 'ObjectExpression') return n;
    if (n.type !== 'Identifier') return undefined;
    const binding = this.scopes.resolve(n.name, scope);
    if (!binding || binding.path.length || !binding.init || (binding.kind !== 'const' && binding.reassigned)) return undefined;
    return this.objectValue(binding.init, binding.scope, depth + 1);
  }

  private identifierOrigin(node: TSESTree.Identifier, scope: CryptoScope | undefined, depth: number): Origin | undefined {
    if (node.name === 'undefined') return undefined;
    const binding = this.scopes.resolve(node.name, scope);
    if (!binding || binding.kind === 'param' || binding.kind === 'function') return undefined;
    if (binding.kind === 'class') return { kind: 'module', name: node.name };
    if (binding.kind === 'import') return { kind: 'module', name: node.name };
    if (binding.kind !== 'const' && binding.reassigned) return undefined;
    const atModuleLevel = this.scopes.isModuleScope(binding.scope);
    if (binding.path.length) {
      // `const { IV } = process.env` reads the environment; anything destructured at module level is module state.
      if (binding.init && isEnvObject(binding.init)) return { kind: 'env' };
      return atModuleLevel ? { kind: 'module', name: node.name } : undefined;
    }
    const init = binding.init ? unwrap(binding.init) : undefined;
    if (!init || init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression' || init.type === 'ClassExpression') return undefined;
    const fromInit = this.originOf(init, binding.scope, depth + 1);
    if (fromInit && fromInit.kind !== 'module') return fromInit;
    return atModuleLevel ? { kind: 'module', name: node.name } : fromInit;
  }

  private memberOrigin(node: TSESTree.MemberExpression, scope: CryptoScope | undefined, depth: number): Origin | undefined {
    if (isProcessEnv(node)) return { kind: 'env' };
    const object = unwrap(node.object);
    const name = memberPropertyName(node);
    if (object.type === 'ThisExpression') {
      return name !== undefined && !this.scopes.instanceFieldsChangedOutsideConstructor.has(name) ? { kind: 'instance', name: `this.${name}` } : undefined;
    }
    // A property of a literal object constant: `const KEYS = { iv: '…' }` → `KEYS.iv`.
    const literalObject = this.objectValue(object, scope, depth + 1);
    const prop = literalObject && name !== undefined ? propertyOf(literalObject, name) : undefined;
    if (prop) return this.originOf(prop, scope, depth + 1);
    // Computed indexes (`parts[0]`) read data; only named properties of module state are fixed.
    if (node.computed && staticStringValue(node.property) === undefined) return undefined;
    const root = rootIdentifier(object);
    if (!root || root.type !== 'Identifier') return undefined;
    const binding = this.scopes.resolve(root.name, scope);
    if (!binding || binding.kind === 'param' || binding.kind === 'function') return undefined;
    if (binding.kind !== 'const' && binding.kind !== 'import' && binding.kind !== 'class' && binding.reassigned) return undefined;
    return this.scopes.isModuleScope(binding.scope) ? { kind: 'module', name: `${root.name}.${name ?? '…'}` } : undefined;
  }

  private callOrigin(node: TSESTree.CallExpression, scope: CryptoScope | undefined, depth: number): Origin | undefined {
    const callee = unwrap(node.callee);
    const method = callee.type === 'MemberExpression' ? memberPropertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    if (!method) return undefined;
    const first = node.arguments[0] as AstNode | undefined;
    // A key derived from a password written in the code is as fixed as the password.
    if (KDFS.has(method)) {
      const secretArg = method === 'hkdfSync' ? node.arguments[1] : first;
      return this.originOf(secretArg as AstNode | undefined, scope, depth + 1)?.kind === 'literal' ? { kind: 'literal' } : undefined;
    }
    if (callee.type !== 'MemberExpression') return undefined;
    const owner = lastSegmentName(unwrap(callee.object));
    if (method === 'alloc' && owner === 'Buffer') {
      // `Buffer.alloc(16)` is zeros; a literal fill is as fixed.
      return node.arguments.every((a) => this.originOf(a as AstNode, scope, depth + 1)?.kind === 'literal') ? { kind: 'literal' } : undefined;
    }
    if (method === 'digest') {
      // `createHash('sha256').update('passphrase').digest()`
      const updated = unwrap(callee.object);
      if (updated.type === 'CallExpression' && updated.callee.type === 'MemberExpression' && memberPropertyName(updated.callee) === 'update') {
        return this.originOf(updated.arguments[0] as AstNode | undefined, scope, depth + 1)?.kind === 'literal' ? { kind: 'literal' } : undefined;
      }
      return undefined;
    }
    if (FROM_FIRST_ARGUMENT.has(method)) return this.originOf(first, scope, depth + 1);
    if (RESHAPING_METHODS.has(method)) return this.originOf(callee.object, scope, depth + 1);
    return undefined;
  }
}

function isEnvObject(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type !== 'MemberExpression' || memberPropertyName(n) !== 'env') return false;
  const root = unwrap(n.object);
  return (root.type === 'Identifier' && root.name === 'process') || root.type === 'MetaProperty';
}

/** The value of a named property of an object literal. */
export function propertyOf(object: AstNode, key: string): AstNode | undefined {
  if (object.type !== 'ObjectExpression') return undefined;
  for (const prop of object.properties) {
    if (prop.type === 'Property' && !prop.computed && propertyKeyName(prop) === key) return prop.value as AstNode;
    if (prop.type === 'Property' && prop.computed && staticStringValue(prop.key) === key) return prop.value as AstNode;
  }
  return undefined;
}
