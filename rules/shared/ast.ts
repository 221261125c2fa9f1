// AST helpers for rules: key and member names, static strings, what a value is assigned to, non-value positions.
import type { AstNode } from '../../server/src/engine';

/** The node interface for a type name: `NodeOf<'MemberExpression'>` (node types are a string enum upstream). */
type NodeOf<T extends string> = AstNode extends infer N ? (N extends { type: infer K } ? (`${K & string}` extends T ? N : never) : never) : never;

/** A function declaration, expression or arrow. */
export type FunctionNode = Extract<AstNode, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }>;

/** The parent the engine's traversal set on a node. */
export function parentOf(node: AstNode): AstNode | undefined {
  return (node as { parent?: AstNode }).parent;
}

export function isFunctionNode(node: AstNode | undefined | null): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

const MAX_PATTERN_DEPTH = 12;

/** The variable names a binding pattern declares: `a`, `{ a, b: c }`, `[a, ...rest]`, `a = 1`. */
export function patternNames(node: AstNode, depth = 0): string[] {
  if (depth > MAX_PATTERN_DEPTH) return [];
  switch (node.type) {
    case 'Identifier': return [node.name];
    case 'AssignmentPattern': return patternNames(node.left, depth + 1);
    case 'RestElement': return patternNames(node.argument, depth + 1);
    case 'TSParameterProperty': return patternNames(node.parameter, depth + 1);
    case 'ObjectPattern': return node.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p : p.value, depth + 1));
    case 'ArrayPattern': return node.elements.flatMap((e) => (e ? patternNames(e, depth + 1) : []));
    default: return [];
  }
}

/** The string value of a string literal or of a template literal without `${}`; undefined otherwise. */
export function staticStringValue(node: AstNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The static text pieces of a string-ish expression (literal, template, `'a' + b`), joined by spaces: keys, cookies. */
export function staticTextOf(node: AstNode | undefined, depth = 0): string {
  if (!node || depth > 4) return '';
  const s = staticStringValue(node);
  if (s !== undefined) return s;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join(' ');
  if (node.type === 'BinaryExpression' && node.operator === '+') return `${staticTextOf(node.left, depth + 1)} ${staticTextOf(node.right, depth + 1)}`;
  return '';
}

/** Name of a property-like key: `apiKey`, `'api-key'`, `["apiKey"]`, `#secret`; undefined for dynamic keys. */
export function propertyKeyName(owner: { key: AstNode; computed?: boolean }): string | undefined {
  const { key } = owner;
  if (key.type === 'Identifier') return owner.computed ? undefined : key.name;
  if (key.type === 'PrivateIdentifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return staticStringValue(key);
}

/** The property name a member expression reads: `b` in `a.b` and `a['b']`. */
export function memberPropertyName(node: NodeOf<'MemberExpression'>): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'PrivateIdentifier') return node.property.name;
  return node.computed ? staticStringValue(node.property) : undefined;
}

/** The last name in an expression: `stripe` for `stripe`, `secret` for `config.stripe.secret`, `Stripe` for `new Stripe()`. */
export function lastSegmentName(node: AstNode): string | undefined {
  switch (node.type) {
    case 'Identifier': return node.name;
    case 'ThisExpression': return 'this';
    case 'MemberExpression': return memberPropertyName(node);
    case 'CallExpression':
    case 'NewExpression': return lastSegmentName(node.callee);
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression': return lastSegmentName(node.expression);
    default: return undefined;
  }
}

/**
 * Climbs from a value through wrappers that pass it on unchanged (`x as T`, `x!`, `x satisfies T`, the operands of
 * `a || b` / `a ?? b`, the branches of `c ? a : b`) and returns the first node that does something with it.
 */
export function valueHolder(node: AstNode): { holder: AstNode | undefined; child: AstNode } {
  let child = node;
  let holder = parentOf(node);
  while (holder) {
    const passes =
      holder.type === 'TSAsExpression' || holder.type === 'TSSatisfiesExpression' || holder.type === 'TSNonNullExpression' ||
      holder.type === 'TSTypeAssertion' || holder.type === 'LogicalExpression' ||
      (holder.type === 'ConditionalExpression' && holder.test !== child);
    if (!passes) break;
    child = holder;
    holder = parentOf(holder);
  }
  return { holder, child };
}

export type AssignmentKind =
  | 'variable' | 'property' | 'member' | 'parameter' | 'class-field' | 'jsx-attribute' | 'enum-member' | 'call-argument';

export interface AssignedName {
  /** The name the value is bound to: variable, key, member, parameter, attribute or header name. */
  name: string;
  /** The enclosing object or callee: `stripe` in `stripe.secret = …`, `Razorpay` in `new Razorpay({ key_secret: … })`. */
  qualifier?: string;
  via: AssignmentKind;
}

/** What an object literal is assigned to or passed to, for naming the values inside it. */
function objectQualifier(object: AstNode): string | undefined {
  const { holder, child } = valueHolder(object);
  if (!holder) return undefined;
  switch (holder.type) {
    case 'Property': return holder.value === child ? propertyKeyName(holder) : undefined;
    case 'VariableDeclarator': return holder.id.type === 'Identifier' ? holder.id.name : undefined;
    case 'AssignmentExpression': return lastSegmentName(holder.left);
    case 'CallExpression':
    case 'NewExpression': return lastSegmentName(holder.callee);
    case 'PropertyDefinition': return propertyKeyName(holder);
    default: return undefined;
  }
}

function patternName(node: AstNode): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return memberPropertyName(node);
  return undefined;
}

/**
 * The name a value is assigned to, in any of the forms code uses: `const apiKey = v`, `{ apiKey: v }`,
 * `config.apiKey = v`, `function f(apiKey = v)`, `class C { apiKey = v }`, `<X apiKey="v" />`, `enum E { Key = v }`,
 * `headers.set('Authorization', v)`, `client.setApiKey(v)`. Undefined when the value is not bound to a name.
 */
export function assignedName(node: AstNode): AssignedName | undefined {
  const { holder, child } = valueHolder(node);
  if (!holder) return undefined;
  switch (holder.type) {
    case 'VariableDeclarator':
      return holder.init === child && holder.id.type === 'Identifier' ? { name: holder.id.name, via: 'variable' } : undefined;
    case 'Property': {
      if (holder.value !== child) return undefined;
      const name = propertyKeyName(holder);
      if (name === undefined) return undefined;
      const parent = parentOf(holder);
      return { name, qualifier: parent?.type === 'ObjectExpression' ? objectQualifier(parent) : undefined, via: 'property' };
    }
    case 'AssignmentExpression': {
      if (holder.right !== child) return undefined;
      const left = holder.left;
      const name = patternName(left);
      if (name === undefined) return undefined;
      const qualifier = left.type === 'MemberExpression' ? lastSegmentName(left.object) : undefined;
      return { name, qualifier, via: left.type === 'MemberExpression' ? 'member' : 'variable' };
    }
    case 'AssignmentPattern': {
      if (holder.right !== child) return undefined;
      const name = patternName(holder.left);
      return name === undefined ? undefined : { name, via: 'parameter' };
    }
    case 'PropertyDefinition': {
      if (holder.value !== child) return undefined;
      const name = propertyKeyName(holder);
      const cls = parentOf(holder) && parentOf(parentOf(holder)!);
      const className = cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') ? cls.id?.name : undefined;
      return name === undefined ? undefined : { name, qualifier: className, via: 'class-field' };
    }
    case 'JSXAttribute': {
      const attr = holder.name;
      const name = attr.type === 'JSXIdentifier' ? attr.name : attr.name.name;
      return { name, via: 'jsx-attribute' };
    }
    case 'TSEnumMember': {
      const name = holder.id.type === 'Identifier' ? holder.id.name : staticStringValue(holder.id);
      return name === undefined ? undefined : { name, via: 'enum-member' };
    }
    case 'CallExpression':
    case 'NewExpression': {
      const index = holder.arguments.indexOf(child as NodeOf<'CallExpression'>['arguments'][number]);
      if (index < 0) return undefined;
      // `headers.set('Authorization', v)`, `config.set('stripe.secret', v)`: the first argument names the second.
      const keyArg = index === 1 ? staticStringValue(holder.arguments[0]) : undefined;
      if (keyArg !== undefined) return { name: keyArg, via: 'call-argument' };
      // `client.setApiKey(v)`, `setPassword(v)`: a setter names its only argument.
      const callee = lastSegmentName(holder.callee);
      const setter = index === 0 && callee ? /^set([A-Z_].*)$/.exec(callee) : null;
      return setter ? { name: setter[1], via: 'call-argument' } : undefined;
    }
    default:
      return undefined;
  }
}

const KEY_OWNERS = new Set([
  'Property', 'PropertyDefinition', 'MethodDefinition', 'AccessorProperty', 'TSPropertySignature',
  'TSAbstractPropertyDefinition', 'TSAbstractMethodDefinition', 'TSAbstractAccessorProperty',
]);

/**
 * True when a string literal is not a runtime value: a TypeScript literal type, a module specifier, an import or
 * export name, an object or class key, an enum member name, a directive (`'use strict'`).
 */
export function isNonValuePosition(node: AstNode): boolean {
  const parent = parentOf(node);
  if (!parent) return false;
  switch (parent.type) {
    case 'TSLiteralType':
    case 'TSExternalModuleReference':
    case 'TSModuleDeclaration':
    case 'ImportAttribute':
    case 'ImportSpecifier':
    case 'ExportSpecifier':
      return true;
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
      return parent.source === node;
    case 'TSEnumMember':
      return parent.id === node;
    case 'ExpressionStatement':
      return typeof parent.directive === 'string';
    case 'CallExpression':
      return parent.callee.type === 'Identifier' && parent.callee.name === 'require' && parent.arguments[0] === node;
    default:
      return KEY_OWNERS.has(parent.type) && (parent as { key?: AstNode }).key === node;
  }
}

/** True inside a declaration that has no runtime value (`declare const x = 'v'`, an ambient module). */
export function isInAmbientContext(node: AstNode): boolean {
  for (let n: AstNode | undefined = parentOf(node); n; n = parentOf(n)) {
    if ((n.type === 'VariableDeclaration' || n.type === 'TSModuleDeclaration' || n.type === 'ClassDeclaration') && n.declare) return true;
  }
  return false;
}
