// Local data flow for signature checks: which values are computed signatures (HMAC, hash or sign output) and which are
// received ones (headers, body fields), through variables, destructuring and same-file helper functions.
import type { AstNode, NodeVisitor, RuleContext } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue, parentOf, isFunctionNode } from './ast';
import { isComputedSignatureName, isReceivedSignatureName, isSigningCalleeName } from './signature-names';
export { parentOf, isFunctionNode } from './ast';

export type FunctionNode = Extract<AstNode, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }>;
type Scope = AstNode;

/** What a name is bound to, as far as one file shows. */
export type Binding =
  | { kind: 'value'; node: AstNode }
  | { kind: 'member'; object: AstNode | undefined; key: string }
  | { kind: 'param'; node: AstNode }
  | { kind: 'function'; fn: FunctionNode }
  | { kind: 'unknown' };

/** The nearest enclosing function (or the Program) of a node. */
export function scopeOf(node: AstNode): Scope | undefined {
  for (let n = parentOf(node); n; n = parentOf(n)) if (isFunctionNode(n) || n.type === 'Program') return n;
  return undefined;
}

/** The name a function goes by: its own, or the variable, method or property it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id) return fn.id.name;
  const parent = parentOf(fn);
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent.type === 'MethodDefinition' || parent.type === 'Property' || parent.type === 'PropertyDefinition') && parent.value === fn) return propertyKeyName(parent);
  return undefined;
}

/** True when `inner` lies inside `outer` (by source range). */
export function contains(outer: { range: [number, number] }, inner: { range: [number, number] }): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The nodes of `sorted` (by start offset) that `outer` contains: a binary search for the first, then a scan while
 * they start inside. Filtering every node of a file for every function instead is quadratic in a large file.
 */
export function nodesWithin<N extends { range: [number, number] }>(sorted: readonly N[], outer: { range: [number, number] }): N[] {
  const [start, end] = outer.range;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].range[0] < start) lo = mid + 1;
    else hi = mid;
  }
  const out: N[] = [];
  for (let i = lo; i < sorted.length && sorted[i].range[0] < end; i++) if (sorted[i].range[1] <= end) out.push(sorted[i]);
  return out;
}

/** The name a call is known by: `digest` in `h.digest()`, `verify` in `verify()`, `constructEvent` in `stripe.webhooks.constructEvent()`. */
export function calleeName(call: AstNode): string | undefined {
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return undefined;
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return memberPropertyName(callee);
  return undefined;
}

const PASS_THROUGH_METHODS = new Set([
  'toString', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'normalize', 'valueOf',
  'slice', 'substring', 'substr', 'replace', 'replaceAll',
]);
const PASS_THROUGH_FUNCTIONS = new Set(['String', 'btoa', 'atob', 'encodeURIComponent', 'decodeURIComponent']);

/**
 * Strips what keeps a value's meaning: `await`, TypeScript casts, optional chains, `Buffer.from(x)`, `String(x)`,
 * `x.toString('hex')`, `x.toLowerCase()`, `x.slice(7)`.
 */
export function unwrapValue(node: AstNode): AstNode {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'AwaitExpression':
        n = n.argument;
        continue;
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        n = n.expression;
        continue;
      case 'CallExpression': {
        const callee = n.callee;
        const first = n.arguments[0];
        if (callee.type === 'Identifier' && PASS_THROUGH_FUNCTIONS.has(callee.name) && first && first.type !== 'SpreadElement') {
          n = first;
          continue;
        }
        if (callee.type === 'MemberExpression') {
          const method = memberPropertyName(callee);
          if (method === 'from' && lastSegmentName(callee.object) === 'Buffer' && first && first.type !== 'SpreadElement') {
            n = first;
            continue;
          }
          if (method && PASS_THROUGH_METHODS.has(method)) {
            n = callee.object;
            continue;
          }
        }
        return n;
      }
      default:
        return n;
    }
  }
}

const EQUALITY = new Set(['==', '===', '!=', '!==']);
const HEADER_GETTERS = new Set(['get', 'header', 'getHeader', 'param', 'getParam']);

/** A constant, length, `typeof` or nullish operand: comparing against it leaks nothing about a secret. */
export function isTrivialOperand(node: AstNode): boolean {
  const n = unwrapValue(node);
  if (n.type === 'Literal' || (n.type === 'TemplateLiteral' && n.expressions.length === 0)) return true;
  if (n.type === 'Identifier') return n.name === 'undefined' || n.name === 'NaN';
  if (n.type === 'UnaryExpression') return n.operator === 'typeof' || n.operator === 'void' || isTrivialOperand(n.argument);
  if (n.type === 'MemberExpression') {
    const name = memberPropertyName(n);
    return name === 'length' || name === 'byteLength';
  }
  return false;
}

export interface SignatureComparison {
  node: AstNode;
  left: AstNode;
  right: AstNode;
  /** The operator as written, or `Buffer#equals` / `localeCompare`. */
  operator: string;
  /** True when the comparison is true for a mismatch (`!==`, `!=`). */
  negated: boolean;
}

/**
 * Collects bindings, parameters and function returns during the engine's single traversal, and answers, after it,
 * whether an expression is a computed or a received signature.
 */
export class SignatureFlow {
  /**
   * The file's flow, shared by every rule that needs it (its visitors run once). Built with {@link namesSufficeIn}:
   * that setting only matters to `signatureComparison`, and every rule that compares signatures asks for it so.
   */
  static of(context: Pick<RuleContext, 'source' | 'shared'>): SignatureFlow {
    return context.shared('signature-flow', () => new SignatureFlow(namesSufficeIn(context.source.text)));
  }

  /**
   * @param namesSuffice when the file handles requests or does crypto (see {@link namesSufficeIn}), two names alone
   * (`sign === expectedSign`) make a pair; elsewhere one side must be known by its value.
   */
  constructor(private readonly namesSuffice = false) {}

  private readonly scopes = new Map<Scope, Map<string, Binding[]>>();
  private readonly returns = new Map<AstNode, AstNode[]>();
  /** Memos by mode: `[by name too, by value only]`. */
  private readonly computedMemo = [new Map<AstNode, boolean>(), new Map<AstNode, boolean>()];
  private readonly receivedMemo = [new Map<AstNode, boolean>(), new Map<AstNode, boolean>()];

  readonly visitors: Record<string, NodeVisitor> = {
    VariableDeclarator: (node: Extract<AstNode, { type: 'VariableDeclarator' }>) => this.declare(node),
    AssignmentExpression: (node: Extract<AstNode, { type: 'AssignmentExpression' }>) => {
      if (node.operator !== '=' || node.left.type !== 'Identifier') return;
      const declared = this.declaringScope(node.left);
      this.add(declared ?? scopeOf(node), node.left.name, { kind: 'value', node: node.right });
    },
    FunctionDeclaration: (node: FunctionNode) => this.enterFunction(node),
    FunctionExpression: (node: FunctionNode) => this.enterFunction(node),
    ArrowFunctionExpression: (node: FunctionNode) => this.enterFunction(node),
    ReturnStatement: (node: Extract<AstNode, { type: 'ReturnStatement' }>) => {
      if (!node.argument) return;
      const fn = scopeOf(node);
      if (fn && isFunctionNode(fn)) this.addReturn(fn, node.argument);
    },
  };

  private add(scope: Scope | undefined, name: string, binding: Binding): void {
    if (!scope) return;
    let names = this.scopes.get(scope);
    if (!names) this.scopes.set(scope, (names = new Map()));
    const list = names.get(name);
    if (list) list.push(binding);
    else names.set(name, [binding]);
  }

  private addReturn(fn: AstNode, value: AstNode): void {
    const list = this.returns.get(fn);
    if (list) list.push(value);
    else this.returns.set(fn, [value]);
  }

  private bindPattern(scope: Scope | undefined, pattern: AstNode, object: AstNode | undefined, asParam: boolean): void {
    switch (pattern.type) {
      case 'Identifier':
        this.add(scope, pattern.name, asParam ? { kind: 'param', node: pattern } : object ? { kind: 'value', node: object } : { kind: 'unknown' });
        return;
      case 'AssignmentPattern':
        this.bindPattern(scope, pattern.left, object, asParam);
        return;
      case 'TSParameterProperty':
        this.bindPattern(scope, pattern.parameter, object, asParam);
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type !== 'Property') continue;
          const key = propertyKeyName(prop);
          const target = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
          if (key !== undefined && target.type === 'Identifier') this.add(scope, target.name, { kind: 'member', object, key });
          else this.bindPattern(scope, prop.value, undefined, asParam);
        }
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.bindPattern(scope, element, undefined, asParam);
        return;
      default:
        return;
    }
  }

  private declare(node: Extract<AstNode, { type: 'VariableDeclarator' }>): void {
    const scope = scopeOf(node);
    if (node.id.type === 'Identifier' && node.init && isFunctionNode(node.init)) {
      this.add(scope, node.id.name, { kind: 'function', fn: node.init });
      return;
    }
    this.bindPattern(scope, node.id, node.init ?? undefined, false);
  }

  private enterFunction(fn: FunctionNode): void {
    if (fn.type === 'FunctionDeclaration' && fn.id) this.add(scopeOf(fn), fn.id.name, { kind: 'function', fn });
    for (const param of fn.params) this.bindPattern(fn, param, undefined, true);
    if (fn.type === 'ArrowFunctionExpression' && fn.body.type !== 'BlockStatement') this.addReturn(fn, fn.body);
  }

  private declaringScope(id: { name: string } & AstNode): Scope | undefined {
    for (let n = parentOf(id); n; n = parentOf(n)) {
      if ((isFunctionNode(n) || n.type === 'Program') && this.scopes.get(n)?.has(id.name)) return n;
    }
    return undefined;
  }

  /** Bindings of an identifier reference, innermost scope first. */
  resolve(id: { name: string } & AstNode): Binding[] {
    for (let n = parentOf(id); n; n = parentOf(n)) {
      if (isFunctionNode(n) || n.type === 'Program') {
        const found = this.scopes.get(n)?.get(id.name);
        if (found) return found;
      }
    }
    return [];
  }

  /** Names bound directly in a function (parameters, variables, inner functions). */
  boundIn(fn: AstNode): ReadonlySet<string> {
    return new Set(this.scopes.get(fn)?.keys() ?? []);
  }

  /** The function an identifier or callee refers to, when the file defines it. */
  functionOf(node: AstNode): FunctionNode | undefined {
    if (isFunctionNode(node)) return node;
    if (node.type !== 'Identifier') return undefined;
    for (const b of this.resolve(node)) {
      if (b.kind === 'function') return b.fn;
      if (b.kind === 'value' && isFunctionNode(b.node)) return b.node;
    }
    return undefined;
  }

  /** Values a function returns (`return x`, an arrow's expression body). */
  returnsOf(fn: AstNode): readonly AstNode[] {
    return this.returns.get(fn) ?? [];
  }

  /** The string a constant identifier holds (`const SIG_HEADER = 'x-signature'`), or a literal's own value. */
  constantString(node: AstNode): string | undefined {
    const direct = staticStringValue(node);
    if (direct !== undefined || node.type !== 'Identifier') return direct;
    const bindings = this.resolve(node);
    return bindings.length === 1 && bindings[0].kind === 'value' ? staticStringValue(bindings[0].node) : undefined;
  }

  /**
   * True for a value the server computed as a signature or digest: `createHmac(…).digest()`, `sign(…)`, a variable
   * holding one, or (unless `byValue`) a name that says so, such as `expectedSig`.
   */
  isComputed(node: AstNode, depth = 0, byValue = false): boolean {
    const memos = this.computedMemo[byValue ? 1 : 0];
    const memo = memos.get(node);
    if (memo !== undefined) return memo;
    if (depth > 8) return false;
    memos.set(node, false);
    const result = this.computeComputed(unwrapValue(node), depth + 1, byValue);
    memos.set(node, result);
    return result;
  }

  private computeComputed(n: AstNode, depth: number, byValue: boolean): boolean {
    switch (n.type) {
      case 'CallExpression': {
        const name = calleeName(n);
        // `Math.sign(x)` is arithmetic, not signing.
        if (n.callee.type === 'MemberExpression' && n.callee.object.type === 'Identifier' && n.callee.object.name === 'Math') return false;
        if (name && isSigningCalleeName(name)) return true;
        const fn = n.callee.type === 'Identifier' ? this.functionOf(n.callee) : undefined;
        return !!fn && this.returnsOf(fn).some((r) => this.isComputed(r, depth, byValue));
      }
      case 'Identifier': {
        let byName = !byValue && isComputedSignatureName(n.name);
        for (const b of this.resolve(n)) {
          if (b.kind === 'value') {
            if (this.isComputed(b.node, depth, byValue)) return true;
            const init = unwrapValue(b.node);
            if (isTrivialOperand(init) || this.isReceived(init, depth)) byName = false;
          } else if (b.kind === 'member' && b.object && this.isReceived(b.object, depth)) {
            byName = false;
          }
        }
        return byName;
      }
      case 'MemberExpression': {
        const name = memberPropertyName(n);
        return !byValue && name !== undefined && isComputedSignatureName(name);
      }
      case 'BinaryExpression':
        return n.operator === '+' && (this.isComputed(n.left, depth, byValue) || this.isComputed(n.right, depth, byValue));
      case 'TemplateLiteral':
        return n.expressions.some((e) => this.isComputed(e, depth, byValue));
      case 'ConditionalExpression':
        return this.isComputed(n.consequent, depth, byValue) || this.isComputed(n.alternate, depth, byValue);
      case 'LogicalExpression':
        return this.isComputed(n.left, depth, byValue);
      default:
        return false;
    }
  }

  /**
   * True for a signature taken from the request: a signature header, a `sign` field (also destructured), a variable
   * holding one, or (unless `byValue`) a variable or parameter named `signature`.
   */
  isReceived(node: AstNode, depth = 0, byValue = false): boolean {
    const memos = this.receivedMemo[byValue ? 1 : 0];
    const memo = memos.get(node);
    if (memo !== undefined) return memo;
    if (depth > 8) return false;
    memos.set(node, false);
    const result = this.computeReceived(unwrapValue(node), depth + 1, byValue);
    memos.set(node, result);
    return result;
  }

  private computeReceived(n: AstNode, depth: number, byValue: boolean): boolean {
    switch (n.type) {
      case 'LogicalExpression':
        return this.isReceived(n.left, depth, byValue);
      case 'ConditionalExpression':
        return this.isReceived(n.consequent, depth, byValue) || this.isReceived(n.alternate, depth, byValue);
      case 'MemberExpression': {
        const name = memberPropertyName(n) ?? (n.computed ? this.constantString(n.property) : undefined);
        if (name === undefined) return false;
        if (/^\d+$/.test(name)) return this.isReceived(n.object, depth, byValue);
        return isReceivedSignatureName(name);
      }
      case 'CallExpression': {
        const name = calleeName(n);
        const first = n.arguments[0];
        if (!name || !HEADER_GETTERS.has(name) || !first || first.type === 'SpreadElement') return false;
        const key = this.constantString(first);
        return key !== undefined && isReceivedSignatureName(key);
      }
      case 'Identifier': {
        let byName = !byValue && isReceivedSignatureName(n.name);
        for (const b of this.resolve(n)) {
          if (b.kind === 'value') {
            if (this.isComputed(b.node, depth)) return false;
            if (this.isReceived(b.node, depth, byValue)) return true;
            if (isTrivialOperand(b.node)) byName = false;
          } else if (b.kind === 'member') {
            if (isReceivedSignatureName(b.key)) return true;
          }
        }
        return byName;
      }
      default:
        return false;
    }
  }

  /**
   * A comparison of a computed signature with a received one by `==`, `===`, `!=`, `!==`, `Buffer#equals` or
   * `localeCompare`; `node` is what should be replaced (`a.localeCompare(b) === 0` as a whole).
   */
  signatureComparison(node: AstNode): SignatureComparison | undefined {
    if (node.type === 'BinaryExpression') {
      if (!EQUALITY.has(node.operator) || node.left.type === 'PrivateIdentifier') return undefined;
      const { left, right } = node;
      if (isTrivialOperand(left) || isTrivialOperand(right)) return undefined;
      if (!this.isPair(left, right)) return undefined;
      return { node, left, right, operator: node.operator, negated: node.operator.startsWith('!') };
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.arguments.length < 1) return undefined;
    const method = memberPropertyName(node.callee);
    if (method !== 'equals' && method !== 'localeCompare') return undefined;
    const other = node.arguments[0];
    if (other.type === 'SpreadElement' || node.callee.object.type === 'Super') return undefined;
    const self = node.callee.object;
    if (isTrivialOperand(self) || isTrivialOperand(other) || !this.isPair(self, other)) return undefined;
    if (method === 'equals') return { node, left: self, right: other, operator: 'Buffer#equals', negated: false };
    // `localeCompare` returns 0 for equal strings: `=== 0` and `!x` mean equal, a bare truthy use means different.
    const parent = parentOf(node);
    if (parent?.type === 'BinaryExpression' && EQUALITY.has(parent.operator)) {
      const zero = parent.left === node ? parent.right : parent.left;
      if (zero.type === 'Literal' && zero.value === 0) {
        return { node: parent, left: self, right: other, operator: 'localeCompare', negated: parent.operator.startsWith('!') };
      }
    }
    if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
      return { node: parent, left: self, right: other, operator: 'localeCompare', negated: false };
    }
    return { node, left: self, right: other, operator: 'localeCompare', negated: true };
  }

  /**
   * One side computed and the other received. Outside request-handling or crypto code at least one of them must be
   * known by its value: there two names alone (`signature === expectedSignature` around a zip reader's magic bytes)
   * say too little.
   */
  private isPair(a: AstNode, b: AstNode): boolean {
    const ordered = (computed: AstNode, received: AstNode) => this.isComputed(computed) && this.isReceived(received)
      && (this.namesSuffice || this.isComputed(computed, 0, true) || this.isReceived(received, 0, true));
    return ordered(a, b) || ordered(b, a);
  }
}

const REQUEST_OR_CRYPTO = /\bcreateHmac\b|\bcreateHash\b|['"](?:node:)?crypto['"]|['"]crypto-js|\.headers\b|\b(?:req|request|ctx)\.(?:body|query|params|request)\b/;

/** True when a file handles requests or computes digests: there, signature-like names are trusted on their own. */
export function namesSufficeIn(text: string): boolean {
  return REQUEST_OR_CRYPTO.test(text);
}

/** Runs several visitor sets in one: handlers for the same node type are called in order. */
export function combineVisitors(...sets: Array<Record<string, NodeVisitor>>): Record<string, NodeVisitor> {
  const out: Record<string, NodeVisitor> = {};
  for (const set of sets) {
    for (const [key, visit] of Object.entries(set)) {
      const before = out[key];
      out[key] = before ? (node) => { before(node); visit(node); } : visit;
    }
  }
  return out;
}
