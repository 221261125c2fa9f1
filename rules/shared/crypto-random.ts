// Math.random() for secrets (homemade-crypto): where a random value goes, what it is named, and its CSPRNG rewrite.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode, SourceFile, TextChange } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import type { CryptoImports } from './crypto-edits';
import { functionName, isCallbackArgument, judgeName } from './crypto-names';
import { isFunctionNode, parentOf, unwrap, type CryptoBinding, type CryptoScope, type CryptoScopes } from './crypto-scope';

type Verdict = { kind: 'secret'; name: string } | { kind: 'none' } | { kind: 'variable'; binding: CryptoBinding };

const NONE: Verdict = { kind: 'none' };
/** A random value compared with something is a coin flip (sampling, A/B split), never a secret. */
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==', 'instanceof', 'in']);
/** Callees whose argument is a time: their randomness is jitter. */
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'sleep', 'delay', 'wait', 'requestAnimationFrame', 'timeout']);
/** Callbacks whose result does not become the call's value, or only orders elements (a shuffle). */
const NO_FLOW_CALLBACKS = new Set(['sort', 'toSorted', 'forEach', 'filter', 'some', 'every', 'find', 'findIndex', ...TIMERS]);
/** Passes through generic names kept per variable: `r` → `v` → `return v` is three hops. */
const MAX_HOPS = 3;
const UUID_TEMPLATE = /^x{8}-x{4}-4x{3}-[xy]x{3}-x{12}$/i;
const MAX_RANDOM_INT_RANGE = 2 ** 48;

interface Watch {
  hops: number;
  refs: Array<{ node: AstNode; scope: CryptoScope | undefined }>;
}

export interface RandomFinding {
  call: AstNode;
  /** The secret-like name the value is given (variable, property, function, cookie, …). */
  name: string;
}

export interface RandomFix {
  id: 'randomInt' | 'randomBytes' | 'randomUUID';
  title: string;
  changes: TextChange[];
}

/** Collects `Math.random()` calls and the variables their values pass through, and decides which make secrets. */
export class RandomUses {
  private readonly calls: Array<{ node: AstNode; scope: CryptoScope | undefined }> = [];
  private readonly watched = new Map<CryptoBinding, Watch>();
  private readonly watchedNames = new Set<string>();

  constructor(private readonly scopes: CryptoScopes, private readonly extraNames: readonly string[]) {}

  get hasWatchedNames(): boolean {
    return this.watchedNames.size > 0;
  }

  noteRandomCall(node: AstNode, scope: CryptoScope | undefined): void {
    this.calls.push({ node, scope });
    this.watchIfVariable(this.walk(node, scope), 1);
  }

  /** Records a later use of a variable that holds a random value with a name that says nothing (`r`, `result`). */
  noteIdentifier(node: TSESTree.Identifier, scope: CryptoScope | undefined): void {
    if (!this.watchedNames.has(node.name) || !isReference(node)) return;
    const binding = this.scopes.resolve(node.name, scope);
    const watch = binding && this.watched.get(binding);
    if (!watch || watch.refs.some((r) => r.node === node)) return;
    watch.refs.push({ node, scope });
    if (watch.hops < MAX_HOPS) this.watchIfVariable(this.walk(node, scope), watch.hops + 1);
  }

  /** The `Math.random()` calls whose value ends up in something secret, with the name that says so. */
  secretUses(): RandomFinding[] {
    const out: RandomFinding[] = [];
    for (const { node, scope } of this.calls) {
      const found = this.resolve(this.walk(node, scope), 0);
      if (found) out.push({ call: node, name: found.name });
    }
    return out;
  }

  private watchIfVariable(verdict: Verdict, hops: number): void {
    if (verdict.kind !== 'variable' || this.watched.has(verdict.binding)) return;
    this.watched.set(verdict.binding, { hops, refs: [] });
    this.watchedNames.add(verdict.binding.name);
  }

  private resolve(verdict: Verdict, hops: number): { name: string } | undefined {
    if (verdict.kind === 'secret') return verdict;
    if (verdict.kind === 'none' || hops >= MAX_HOPS) return undefined;
    for (const ref of this.watched.get(verdict.binding)?.refs ?? []) {
      const found = this.resolve(this.walk(ref.node, ref.scope), hops + 1);
      if (found) return found;
    }
    return undefined;
  }

  private judged(name: string, onGeneric: () => Verdict): Verdict {
    const verdict = judgeName(name, this.extraNames);
    if (verdict === 'secret') return { kind: 'secret', name };
    return verdict === 'generic' ? onGeneric() : NONE;
  }

  private variable(id: AstNode, scope: CryptoScope | undefined): Verdict {
    const binding = this.scopes.bindingOfId(id) ?? (id.type === 'Identifier' ? this.scopes.resolve(id.name, scope) : undefined);
    return binding ? { kind: 'variable', binding } : NONE;
  }

  /**
   * Follows a value up through the expressions that transform it (arithmetic, `.toString(36)`, string building, index
   * lookups, calls that take it) to where it gets a name: a variable, property, JSX attribute, cookie or header, or
   * the function that returns it. Comparisons, conditions and timers end the walk: that randomness is not a secret.
   */
  private walk(start: AstNode, scope: CryptoScope | undefined): Verdict {
    let child = start;
    for (let node = parentOf(start), steps = 0; node && steps < 60; child = node, node = parentOf(node), steps++) {
      switch (node.type) {
        case 'BinaryExpression':
          if (COMPARISONS.has(node.operator)) return NONE;
          continue;
        case 'UnaryExpression':
          if (node.operator !== '-' && node.operator !== '+' && node.operator !== '~') return NONE;
          continue;
        case 'ConditionalExpression':
          if (node.test === child) return NONE;
          continue;
        case 'SequenceExpression':
          if (node.expressions[node.expressions.length - 1] !== child) return NONE;
          continue;
        case 'LogicalExpression':
        case 'TemplateLiteral':
        case 'ArrayExpression':
        case 'ObjectExpression':
        case 'SpreadElement':
        case 'AwaitExpression':
        case 'ChainExpression':
        case 'MemberExpression':
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
          continue;
        case 'NewExpression':
          if (node.callee === child) return NONE;
          continue;
        case 'CallExpression': {
          if (node.callee === child) continue;
          const verdict = this.callArgument(node, child, scope);
          if (verdict) return verdict;
          continue;
        }
        case 'VariableDeclarator':
          if (node.init !== child || node.id.type !== 'Identifier') return NONE;
          return this.judged(node.id.name, () => this.variable(node.id, scope));
        case 'AssignmentExpression': {
          if (node.right !== child) return NONE;
          const left = unwrap(node.left);
          if (left.type === 'Identifier') return this.judged(left.name, () => this.variable(left, scope));
          const name = left.type === 'MemberExpression' ? memberPropertyName(left) : undefined;
          return name === undefined ? NONE : this.judged(name, () => NONE);
        }
        case 'AssignmentPattern': {
          if (node.right !== child) return NONE;
          return node.left.type === 'Identifier' ? this.judged(node.left.name, () => NONE) : NONE;
        }
        case 'Property': {
          if (node.value !== child) return NONE;
          const name = propertyKeyName(node);
          const verdict = name === undefined ? 'generic' : judgeName(name, this.extraNames);
          if (verdict === 'secret') return { kind: 'secret', name: name! };
          // `{ value: r }` says nothing: the object as a whole goes on.
          if (verdict === 'generic') continue;
          return NONE;
        }
        case 'PropertyDefinition': {
          const name = node.value === child ? propertyKeyName(node) : undefined;
          return name === undefined ? NONE : this.judged(name, () => NONE);
        }
        case 'JSXExpressionContainer': {
          const attribute = parentOf(node);
          if (attribute?.type !== 'JSXAttribute') return NONE;
          const name = attribute.name.type === 'JSXIdentifier' ? attribute.name.name : attribute.name.name.name;
          return this.judged(name, () => NONE);
        }
        case 'ReturnStatement':
          return this.functionVerdict(enclosingFunction(node), scope);
        case 'ArrowFunctionExpression':
          return node.body === child ? this.functionVerdict(node, scope) : NONE;
        default:
          return NONE;
      }
    }
    return NONE;
  }

  /** A random value passed to a call: named by the call (`res.cookie('sid', v)`, `setToken(v)`, `sendOtp(v)`) or passed on. */
  private callArgument(call: TSESTree.CallExpression, arg: AstNode, scope: CryptoScope | undefined): Verdict | undefined {
    const callee = unwrap(call.callee);
    const calleeName = lastSegmentName(callee) ?? '';
    if (TIMERS.has(calleeName)) return NONE;
    const index = call.arguments.indexOf(arg as never);
    if ((calleeName === 'push' || calleeName === 'unshift') && callee.type === 'MemberExpression') {
      // `chars.push(alphabet[…])` builds `chars`.
      const target = unwrap(callee.object);
      if (target.type === 'Identifier') return this.judged(target.name, () => this.variable(target, scope));
      const name = target.type === 'MemberExpression' ? memberPropertyName(target) : undefined;
      return name === undefined ? NONE : this.judged(name, () => NONE);
    }
    const key = index === 1 ? staticStringValue(call.arguments[0] as AstNode) : undefined;
    if (key !== undefined) {
      const verdict = judgeName(key, this.extraNames);
      if (verdict === 'secret') return { kind: 'secret', name: key };
      if (verdict !== 'generic') return NONE;
    }
    const setter = index === 0 ? /^set([A-Z_].*)$/.exec(calleeName) : null;
    if (setter) {
      const verdict = judgeName(setter[1], this.extraNames);
      if (verdict === 'secret') return { kind: 'secret', name: setter[1] };
      if (verdict !== 'generic') return NONE;
    }
    if (calleeName && judgeName(calleeName, this.extraNames) === 'secret') return { kind: 'secret', name: calleeName };
    return undefined;
  }

  /** A value a function returns is named by the function; an anonymous callback's value flows into its call. */
  private functionVerdict(fn: AstNode | undefined, scope: CryptoScope | undefined): Verdict {
    if (!fn) return NONE;
    const named = functionName(fn);
    if (named) return judgeName(named.name, this.extraNames) === 'secret' ? { kind: 'secret', name: named.name } : NONE;
    if (!isCallbackArgument(fn)) return NONE;
    const call = parentOf(fn)!;
    const calleeName = call.type === 'CallExpression' || call.type === 'NewExpression' ? lastSegmentName(call.callee) : undefined;
    if (calleeName && NO_FLOW_CALLBACKS.has(calleeName)) return NONE;
    return this.walk(call, scope);
  }
}

function enclosingFunction(node: AstNode): AstNode | undefined {
  for (let n = parentOf(node); n; n = parentOf(n)) if (isFunctionNode(n)) return n;
  return undefined;
}

/** True when an identifier reads a variable (not a declaration, property key or member name). */
function isReference(node: AstNode): boolean {
  const parent = parentOf(node);
  if (!parent) return false;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node;
    case 'MemberExpression':
      return parent.object === node || parent.computed;
    case 'Property':
      return parent.value === node;
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.value === node || (parent.computed && parent.key === node);
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return parent.body === node;
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    default:
      return true;
  }
}

/** What replaces a `Math.random()` expression, before choosing how to reach node:crypto (or Web Crypto). */
type Shape =
  | { kind: 'int'; node: AstNode; min: string; max: string }
  | { kind: 'bytes'; node: AstNode; length?: number }
  | { kind: 'uuid'; node: AstNode };

function isCall(node: AstNode | undefined, owner: string, method: string): boolean {
  if (node?.type !== 'CallExpression') return false;
  const callee = unwrap(node.callee);
  return callee.type === 'MemberExpression' && memberPropertyName(callee) === method && unwrap(callee.object).type === 'Identifier' &&
    (unwrap(callee.object) as { name: string }).name === owner;
}

function numberValue(node: AstNode): number | undefined {
  const n = unwrap(node);
  if (n.type === 'UnaryExpression' && (n.operator === '-' || n.operator === '+')) {
    const inner = numberValue(n.argument);
    return inner === undefined ? undefined : n.operator === '-' ? -inner : inner;
  }
  return n.type === 'Literal' && typeof n.value === 'number' ? n.value : undefined;
}

function otherOperand(binary: AstNode, operand: AstNode): AstNode | undefined {
  if (binary.type !== 'BinaryExpression') return undefined;
  if (binary.left === operand) return binary.right as AstNode;
  if (binary.right === operand) return binary.left as AstNode;
  return undefined;
}

const SIMPLE_OPERAND = new Set(['Identifier', 'Literal', 'MemberExpression', 'CallExpression']);

/**
 * `Math.floor(Math.random() * N)` → [0, N); with an offset M inside the floor or added to it → [M, M + N);
 * `Math.random() * N | 0` and `~~(Math.random() * N)` floor too.
 */
function integerShape(call: AstNode, source: SourceFile): Shape | undefined {
  const scaled = parentOf(call);
  if (scaled?.type !== 'BinaryExpression' || scaled.operator !== '*') return undefined;
  const range = otherOperand(scaled, call);
  if (!range) return undefined;
  let offset: AstNode | undefined;
  let floored: AstNode | undefined;
  const outer = parentOf(scaled);
  if (outer?.type === 'BinaryExpression' && outer.operator === '+' && isCall(parentOf(outer), 'Math', 'floor')) {
    offset = otherOperand(outer, scaled);
    floored = parentOf(outer);
  } else if (isCall(outer, 'Math', 'floor')) floored = outer;
  else if (outer?.type === 'BinaryExpression' && outer.operator === '|' && outer.left === scaled && numberValue(outer.right) === 0) floored = outer;
  else if (outer?.type === 'UnaryExpression' && outer.operator === '~' && parentOf(outer)?.type === 'UnaryExpression') {
    const twice = parentOf(outer)!;
    if (twice.type === 'UnaryExpression' && twice.operator === '~') floored = twice;
  }
  if (!floored || (floored.type === 'CallExpression' && floored.arguments.length !== 1)) return undefined;
  let node = floored;
  if (!offset) {
    const sum = parentOf(floored);
    const added = sum?.type === 'BinaryExpression' && sum.operator === '+' ? otherOperand(sum, floored) : undefined;
    // Only a number or a name that also appears in the range (`… * (max - min + 1)) + min`): `prefix + n` is a string.
    const rangeText = source.getText(range);
    const addsNumber = added && (numberValue(added) !== undefined ||
      (added.type === 'Identifier' && new RegExp(`(?<![\\w$])${added.name.replace(/\$/g, '\\$')}(?![\\w$])`).test(rangeText)));
    if (addsNumber) {
      offset = added;
      node = sum!;
    }
  }
  const n = numberValue(range);
  const m = offset ? numberValue(offset) : 0;
  if (n !== undefined && m !== undefined) {
    if (!Number.isInteger(n) || !Number.isInteger(m) || n <= 0 || n > MAX_RANDOM_INT_RANGE || !Number.isSafeInteger(m + n)) return undefined;
    return { kind: 'int', node, min: String(m), max: String(m + n) };
  }
  if (n !== undefined && (!Number.isInteger(n) || n <= 0 || n > MAX_RANDOM_INT_RANGE)) return undefined;
  const rangeText = n !== undefined ? String(n) : source.getText(range);
  if (!offset) return { kind: 'int', node, min: '0', max: rangeText };
  const offsetText = source.getText(offset);
  // The classic `Math.floor(Math.random() * (max - min + 1)) + min` is `randomInt(min, max + 1)`.
  const r = unwrap(range);
  if (r.type === 'BinaryExpression' && r.operator === '+' && numberValue(r.right) === 1 && r.left.type === 'BinaryExpression' &&
    r.left.operator === '-' && source.getText(r.left.right) === offsetText) {
    return { kind: 'int', node, min: offsetText, max: `${source.getText(r.left.left)} + 1` };
  }
  const wrapped = SIMPLE_OPERAND.has(unwrap(range).type) || n !== undefined ? rangeText : `(${rangeText})`;
  return { kind: 'int', node, min: offsetText, max: `${offsetText} + ${wrapped}` };
}

/** `Math.random().toString(36)`, optionally `.slice(2)`, `.substring(2, 10)`, `.substr(2, 8)`, `.slice(-8)`. */
function bytesShape(call: AstNode): Shape | undefined {
  const member = parentOf(call);
  if (member?.type !== 'MemberExpression' || member.object !== call || memberPropertyName(member) !== 'toString') return undefined;
  const toString = parentOf(member);
  if (toString?.type !== 'CallExpression' || toString.callee !== member || toString.arguments.length > 1) return undefined;
  const cut = parentOf(toString);
  const method = cut?.type === 'MemberExpression' && cut.object === toString ? memberPropertyName(cut) : undefined;
  const cutCall = cut && parentOf(cut);
  if (!method || !['slice', 'substring', 'substr'].includes(method) || cutCall?.type !== 'CallExpression' || cutCall.callee !== cut) {
    return { kind: 'bytes', node: toString };
  }
  const [a, b] = cutCall.arguments.map((x) => numberValue(x as AstNode));
  if (a === undefined || cutCall.arguments.length > 2 || (cutCall.arguments.length === 2 && b === undefined)) return { kind: 'bytes', node: toString };
  let length: number | undefined;
  if (b === undefined) length = a < 0 ? -a : undefined;
  else if (method === 'substr') length = b;
  else length = b - a;
  if (length !== undefined && length <= 0) return { kind: 'bytes', node: toString };
  return { kind: 'bytes', node: cutCall, length };
}

/** The classic v4 polyfill (`'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, …)`) and plain string uses. */
function uuidShape(call: AstNode): Shape | undefined {
  for (let n = parentOf(call); n; n = parentOf(n)) {
    if (!isFunctionNode(n)) continue;
    const replace = parentOf(n);
    if (replace?.type === 'CallExpression' && replace.callee.type === 'MemberExpression' && memberPropertyName(replace.callee) === 'replace') {
      const template = staticStringValue(unwrap(replace.callee.object));
      if (template !== undefined && UUID_TEMPLATE.test(template)) return { kind: 'uuid', node: replace };
    }
    break;
  }
  const parent = parentOf(call);
  if (!parent) return undefined;
  if (parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'String' && parent.arguments.length === 1) {
    return { kind: 'uuid', node: parent };
  }
  if (parent.type === 'TemplateLiteral') return { kind: 'uuid', node: call };
  if (parent.type === 'BinaryExpression' && parent.operator === '+') {
    const other = otherOperand(parent, call);
    if (other && (staticStringValue(other) !== undefined || other.type === 'TemplateLiteral')) return { kind: 'uuid', node: call };
  }
  return undefined;
}

function shapeOf(call: AstNode, source: SourceFile): Shape | undefined {
  return uuidShape(call) ?? integerShape(call, source) ?? bytesShape(call) ?? undefined;
}

/** Code that runs in a browser, where node:crypto does not exist and the Web Crypto global does. */
export function isBrowserCode(source: SourceFile, program: TSESTree.Program, imports: CryptoImports): boolean {
  if (imports.importsNodeCrypto) return false;
  if (/\.[jt]sx$/i.test(source.path) || source.languageId.endsWith('react')) return true;
  if (/(^|\/)(public|components)\//.test(source.path)) return true;
  return program.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use client');
}

/** The rewrite of a `Math.random()` expression to a CSPRNG call, shaped like the original expression. */
export function randomFix(call: AstNode, source: SourceFile, imports: CryptoImports, browser: boolean): RandomFix | undefined {
  const shape = shapeOf(call, source);
  if (!shape) return undefined;
  const { quote } = imports.style;
  const replace = (id: RandomFix['id'], text: string, edits: TextChange[] = []): RandomFix => ({
    id,
    title: `Replace with ${text}`,
    changes: [{ start: shape.node.range[0], end: shape.node.range[1], text }, ...edits],
  });
  if (browser) {
    // Web Crypto has randomUUID but no randomInt; a local `crypto` would shadow the global.
    const webCrypto = imports.declaresTopLevel('crypto') ? 'globalThis.crypto' : 'crypto';
    if (shape.kind === 'uuid' || (shape.kind === 'bytes' && shape.length === undefined)) return replace('randomUUID', `${webCrypto}.randomUUID()`);
    if (shape.kind === 'bytes' && shape.length !== undefined && shape.length <= 32) {
      return replace('randomUUID', `${webCrypto}.randomUUID().replace(/-/g, ${quote}${quote}).slice(0, ${shape.length})`);
    }
    return undefined;
  }
  const fn = shape.kind === 'int' ? 'randomInt' : shape.kind === 'bytes' ? 'randomBytes' : 'randomUUID';
  const reference = imports.reference([fn]);
  if (!reference) return undefined;
  const [name] = reference.names;
  switch (shape.kind) {
    case 'int':
      return replace('randomInt', `${name}(${shape.min}, ${shape.max})`, reference.edits);
    case 'bytes': {
      const bytes = Math.max(16, Math.ceil((shape.length ?? 0) / 2));
      const cut = shape.length !== undefined ? `.slice(0, ${shape.length})` : '';
      return replace('randomBytes', `${name}(${bytes}).toString(${quote}hex${quote})${cut}`, reference.edits);
    }
    default:
      return replace('randomUUID', `${name}()`, reference.edits);
  }
}
