// client-trusted-amount: where a value comes from within a function — the request (an amount the buyer chose, or other
// request data), the server (a lookup, a stored total, a cap), or a constant — through variables and arithmetic.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue, patternNames, isFunctionNode } from './ast';
import { isAmountName, isReferenceName } from './amount-names';

/**
 * - `client`: an amount the request supplies (`req.body.amount`, `Number(query.total) * 100`);
 * - `payload`: other request data (the whole body, an item of `req.body.items`, an id or a quantity);
 * - `request`: the request object itself (`req`, `ctx`, `request`, a Nest `@Req()` parameter);
 * - `server`: anything the server computed or looked up, including values capped by it;
 * - `const`: literals and UPPER_CASE constants.
 */
export type Origin =
  | ClientData
  | { kind: 'request' | 'server' | 'const' };

interface Entry {
  /** What the name was given; a compound assignment (`amount *= 100`) is kept whole. */
  init?: AstNode;
  /** Keys taken from `init` by destructuring; `[]` steps into an element. */
  path: string[];
  /** Offset from which this value is the current one. */
  from: number;
  fixed?: Origin;
}

type Node = AstNode & { parent?: AstNode };
type FunctionNode = Extract<AstNode, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }>;

const MAX_DEPTH = 12;
const REQUEST_NAME = /^(?:req|request|ctx|context|event|evt|httpRequest|incomingRequest)$/;
/** Members of a request object (and Nest decorators) that hold what the client sent, by the part of the request. */
const PART_OF: Record<string, RequestPart> = {
  body: 'request body', payload: 'request body', rawBody: 'request body', query: 'query string', searchParams: 'query string',
  queryStringParameters: 'query string', params: 'route parameters', pathParameters: 'route parameters', param: 'route parameters',
};
/** Members of a request object that are the request again: Koa `ctx.request`, Hono `c.req`, Next.js `request.nextUrl`. */
const REQUEST_ALIASES = new Set(['request', 'req', 'nextUrl']);
const BODY_READERS = new Set(['json', 'formData', 'text']);
/** Nest parameter decorators that hand the client's data to a controller method. */
const NEST_DATA_DECORATORS = new Set(['Body', 'Query', 'Param']);
const NEST_REQUEST_DECORATORS = new Set(['Req', 'Request', 'Ctx']);
/** Conversions and rounding keep the value's origin: `Number(x)`, `parseFloat(x)`, `Math.round(x)`, `new Decimal(x)`. */
const CARRYING_FUNCTIONS = new Set(['Number', 'parseFloat', 'parseInt', 'String', 'BigInt', 'Decimal', 'Big', 'BigNumber', 'Dinero', 'dinero', 'currency', 'toCents', 'round', 'floor', 'ceil', 'trunc', 'abs', 'max', 'fround']);
/** Methods of numbers and decimal libraries that compute with the value they are called on. */
const ARITHMETIC_METHODS = new Set([
  'toFixed', 'toPrecision', 'toString', 'valueOf', 'toNumber', 'times', 'mul', 'multiply', 'multipliedBy', 'plus', 'add',
  'minus', 'sub', 'subtract', 'div', 'dividedBy', 'divide', 'round', 'toDecimalPlaces', 'trim',
]);
const ARITHMETIC_OPERATORS = new Set(['+', '-', '*', '/', '%', '**']);
const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);
/** Array methods whose callback receives the elements of the array they are called on. */
const ELEMENT_CALLBACKS: Record<string, number> = { map: 0, forEach: 0, flatMap: 0, filter: 0, find: 0, some: 0, every: 0, reduce: 1 };
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;
const SERVER: Origin = { kind: 'server' };
const CONST: Origin = { kind: 'const' };
const REQUEST: Origin = { kind: 'request' };

/** Request data, with the part of the request it came from and the last field read from it. */
export interface ClientData {
  kind: 'client' | 'payload';
  where: RequestPart;
  field?: string;
}
export type RequestPart = 'request body' | 'query string' | 'route parameters' | 'request parameters';

export function isClientData(o: Origin): o is ClientData {
  return o.kind === 'client' || o.kind === 'payload';
}

/** Strips what does not change a value: `await`, casts, `!`, optional chaining. */
export function unwrap(node: AstNode): AstNode {
  let n = node;
  for (;;) {
    if (n.type === 'AwaitExpression') n = n.argument;
    else if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion' || n.type === 'ChainExpression') n = n.expression;
    else return n;
  }
}

export class AmountFlow {
  /** Names bound in each function (and the Program), with every value they were given, in source order. */
  private readonly scopes = new Map<AstNode, Map<string, Entry[]>>();
  /** Request values compared with server data (`if (amount !== order.total) throw …`), by their text. */
  private readonly checked = new Map<string, Array<{ at: number; scope: AstNode | undefined }>>();

  constructor(private readonly getText: (node: AstNode) => string) {}

  private scopeOf(node: AstNode): AstNode | undefined {
    for (let n = (node as Node).parent; n; n = (n as Node).parent) if (isFunctionNode(n) || n.type === 'Program') return n;
    return undefined;
  }

  private entriesIn(scope: AstNode): Map<string, Entry[]> {
    let map = this.scopes.get(scope);
    if (!map) this.scopes.set(scope, (map = new Map()));
    return map;
  }

  private add(scope: AstNode, name: string, entry: Entry): void {
    const map = this.entriesIn(scope);
    const list = map.get(name);
    if (list) list.push(entry);
    else map.set(name, [entry]);
  }

  /** Parameters: Nest `@Body()`/`@Query()`/`@Param()` data, `@Req()` requests, array callback elements, plain names. */
  enterFunction(fn: FunctionNode): void {
    const from = fn.range[0];
    const element = this.callbackElementSource(fn);
    fn.params.forEach((param, index) => {
      if (element && index === element.index) {
        this.bindPattern(fn, param, element.array, ['[]'], from);
        return;
      }
      const fixed = this.decoratedOrigin(param);
      if (fixed && param.type === 'Identifier') this.add(fn, param.name, { path: [], from, fixed });
      else for (const name of patternNames(param)) this.add(fn, name, { path: [], from, fixed: REQUEST_NAME.test(name) ? REQUEST : SERVER });
    });
  }

  /** `const x = …`, `const { amount: a } = req.body`. */
  declare(declarator: TSESTree.VariableDeclarator): void {
    const scope = this.scopeOf(declarator);
    if (!scope) return;
    if (declarator.init) {
      this.bindPattern(scope, declarator.id, declarator.init, [], declarator.range[1]);
      return;
    }
    // `for (const item of req.body.items)`: the variable holds the elements.
    const loop = (declarator.parent as Node | undefined)?.parent;
    if (loop?.type === 'ForOfStatement' && loop.left === declarator.parent) this.bindPattern(scope, declarator.id, loop.right, ['[]'], loop.body.range[0]);
  }

  /** `x = …` and `x *= …`, recorded in the scope that declared `x`. */
  assign(assignment: TSESTree.AssignmentExpression): void {
    if (assignment.left.type !== 'Identifier') return;
    const name = assignment.left.name;
    let scope = this.scopeOf(assignment);
    for (let s = scope; s; s = this.scopeOf(s)) {
      if (this.scopes.get(s)?.has(name)) {
        scope = s;
        break;
      }
    }
    if (!scope) return;
    const init = assignment.operator === '=' ? assignment.right : assignment;
    this.add(scope, name, { init, path: [], from: assignment.range[1] });
  }

  /** Records a request value compared with server data: a check that it matches or stays under the stored price. */
  compare(binary: TSESTree.BinaryExpression): void {
    if (!COMPARISONS.has(binary.operator) || binary.left.type === 'PrivateIdentifier') return;
    // One side must be request data and the other server data. Most comparisons fail that on one side alone (`i < 10`,
    // `status === 'paid'`): that side is traced first, a literal (cheap, never either) before anything else.
    const [a, b] = binary.right.type === 'Literal' ? [binary.right, binary.left] : [binary.left, binary.right];
    const first = this.origin(a);
    if (!isClientData(first) && first.kind !== 'server') return;
    const second = this.origin(b);
    const clientSide = isClientData(first) && second.kind === 'server' ? a : isClientData(second) && first.kind === 'server' ? b : undefined;
    if (!clientSide) return;
    const key = this.getText(stripConversions(clientSide));
    const list = this.checked.get(key) ?? [];
    list.push({ at: binary.range[0], scope: this.outermostFunction(binary) });
    this.checked.set(key, list);
  }

  private outermostFunction(node: AstNode): AstNode | undefined {
    let found: AstNode | undefined;
    for (let n = (node as Node).parent; n; n = (n as Node).parent) if (isFunctionNode(n)) found = n;
    return found;
  }

  private wasChecked(node: AstNode): boolean {
    const list = this.checked.get(this.getText(node));
    if (!list) return false;
    const scope = this.outermostFunction(node);
    return list.some((c) => c.at < node.range[0] && c.scope === scope);
  }

  /** The expression a plain variable holds (`const params = { amount }`), for looking inside call arguments. */
  valueOf(node: AstNode): AstNode {
    const n = unwrap(node);
    if (n.type !== 'Identifier') return n;
    const entry = this.lookup(n.name, n);
    return entry && entry.path.length === 0 && entry.init && entry.init.type !== 'AssignmentExpression' ? unwrap(entry.init) : n;
  }

  private lookup(name: string, at: AstNode): Entry | undefined {
    for (let s = this.scopeOf(at); s; s = this.scopeOf(s)) {
      const list = this.scopes.get(s)?.get(name);
      if (!list) continue;
      let current: Entry | undefined;
      for (const e of list) if (e.from <= at.range[0]) current = e;
      return current ?? list[0];
    }
    return undefined;
  }

  private decoratedOrigin(param: AstNode): Origin | undefined {
    const target = param.type === 'TSParameterProperty' ? param.parameter : param;
    const decorators = (target as { decorators?: TSESTree.Decorator[] }).decorators;
    if (!decorators?.length || target.type !== 'Identifier') return undefined;
    for (const d of decorators) {
      const call = d.expression;
      const name = call.type === 'CallExpression' ? lastSegmentName(call.callee) : lastSegmentName(call);
      if (name && NEST_REQUEST_DECORATORS.has(name)) return REQUEST;
      if (!name || !NEST_DATA_DECORATORS.has(name)) continue;
      // `@Body('amount') amount` is the field itself; `@Body() dto` the whole body.
      const field = call.type === 'CallExpression' ? staticStringValue(call.arguments[0]) : undefined;
      const where = PART_OF[name.toLowerCase()];
      return { kind: field !== undefined && isAmountName(field) ? 'client' : 'payload', where, field };
    }
    return undefined;
  }

  /** `items.map((item) => …)`: the callback's parameter is an element of `items`. */
  private callbackElementSource(fn: FunctionNode): { array: AstNode; index: number } | undefined {
    const call = (fn as Node).parent;
    if (call?.type !== 'CallExpression' || call.arguments[0] !== fn || call.callee.type !== 'MemberExpression') return undefined;
    const method = memberPropertyName(call.callee);
    if (!method || !Object.hasOwn(ELEMENT_CALLBACKS, method)) return undefined;
    return { array: call.callee.object, index: ELEMENT_CALLBACKS[method] };
  }

  private bindPattern(scope: AstNode, target: AstNode, init: AstNode, path: string[], from: number): void {
    switch (target.type) {
      case 'Identifier':
        this.add(scope, target.name, { init, path, from });
        return;
      case 'AssignmentPattern':
        this.bindPattern(scope, target.left, init, path, from);
        return;
      case 'ObjectPattern':
        for (const prop of target.properties) {
          if (prop.type === 'RestElement') {
            if (prop.argument.type === 'Identifier') this.add(scope, prop.argument.name, { init, path, from });
            continue;
          }
          const key = propertyKeyName(prop);
          if (key !== undefined) this.bindPattern(scope, prop.value, init, [...path, key], from);
        }
        return;
      case 'ArrayPattern':
        for (const element of target.elements) if (element) this.bindPattern(scope, element, init, [...path, '[]'], from);
        return;
      default:
    }
  }

  /** Where an expression's value comes from. */
  origin(node: AstNode, depth = 0): Origin {
    if (depth > MAX_DEPTH) return SERVER;
    const n = node as Node;
    switch (n.type) {
      case 'Literal':
        return CONST;
      case 'TemplateLiteral':
        return this.mix(n.expressions, depth, false);
      case 'Identifier':
        return this.identifierOrigin(n, depth);
      case 'MemberExpression': {
        if (this.wasChecked(n)) return SERVER;
        const prop = memberPropertyName(n) ?? (n.computed ? '[]' : undefined);
        if (prop === undefined) return SERVER;
        return this.step(this.origin(n.object, depth + 1), prop);
      }
      case 'CallExpression':
        return this.callOrigin(n, depth);
      case 'NewExpression': {
        const name = lastSegmentName(n.callee);
        const first = n.arguments[0];
        if (!name || !first) return SERVER;
        // `new URL(request.url).searchParams`: the URL the client requested.
        if (name === 'URL' && first.type === 'MemberExpression' && memberPropertyName(first) === 'url') return this.origin(first.object, depth + 1).kind === 'request' ? REQUEST : SERVER;
        return CARRYING_FUNCTIONS.has(name) ? this.origin(first, depth + 1) : SERVER;
      }
      case 'UnaryExpression':
        return n.operator === '+' || n.operator === '-' ? this.origin(n.argument, depth + 1) : CONST;
      case 'BinaryExpression':
        return ARITHMETIC_OPERATORS.has(n.operator) && n.left.type !== 'PrivateIdentifier' ? this.mix([n.left, n.right], depth, true) : CONST;
      case 'AssignmentExpression':
        // A compound assignment: `amount *= 100` computes with the value `amount` had before.
        return n.left.type === 'Identifier' ? this.mix([n.left, n.right], depth, true) : SERVER;
      case 'LogicalExpression':
        return n.operator === '&&' ? this.origin(n.right, depth + 1) : this.mix([n.left, n.right], depth, false);
      case 'ConditionalExpression':
        return this.mix([n.consequent, n.alternate], depth, false);
      case 'AwaitExpression':
        return this.origin(n.argument, depth + 1);
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.origin(n.expression, depth + 1);
      default:
        return SERVER;
    }
  }

  private identifierOrigin(n: TSESTree.Identifier, depth: number): Origin {
    if (n.name === 'undefined' || n.name === 'NaN') return CONST;
    if (this.wasChecked(n)) return SERVER;
    const entry = this.lookup(n.name, n);
    if (!entry) return REQUEST_NAME.test(n.name) ? REQUEST : CONSTANT_NAME.test(n.name) ? CONST : SERVER;
    if (entry.fixed) return entry.fixed;
    if (!entry.init) return SERVER;
    let o = this.origin(entry.init, depth + 1);
    for (const key of entry.path) o = this.step(o, key);
    return o;
  }

  /** What `owner.key` holds. */
  private step(owner: Origin, key: string): Origin {
    switch (owner.kind) {
      case 'request':
        if (Object.hasOwn(PART_OF, key)) return { kind: 'payload', where: PART_OF[key] };
        // The session and the signed-in user (`req.user.balance`) are set by the server's middleware; amounts do not travel in headers.
        return REQUEST_ALIASES.has(key) ? REQUEST : SERVER;
      case 'payload': {
        // An id or code (`priceId`, `sku`, `coupon_code`) names something the server looks up; it is no amount.
        if (isReferenceName(key)) return CONST;
        if (key === '[]') return owner;
        return { kind: isAmountName(key) ? 'client' : 'payload', where: owner.where, field: key };
      }
      case 'client':
        return key === 'length' ? CONST : owner;
      default:
        return owner;
    }
  }

  private callOrigin(call: TSESTree.CallExpression, depth: number): Origin {
    const callee = call.callee;
    const name = lastSegmentName(callee);
    const args = call.arguments as AstNode[];
    if (callee.type === 'MemberExpression' && name) {
      const owner = this.origin(callee.object, depth + 1);
      // `await request.json()`, `await c.req.json()`, `await request.formData()`.
      if (owner.kind === 'request' && BODY_READERS.has(name)) return { kind: 'payload', where: 'request body' };
      // `searchParams.get('amount')`, `form.get('total')`, Express `req.param('amount')`.
      const field = staticStringValue(args[0]);
      if ((name === 'get' || name === 'getAll') && owner.kind === 'payload' && field !== undefined) return this.step(owner, field);
      if (name === 'param' && owner.kind === 'request' && field !== undefined) return this.step({ kind: 'payload', where: 'request parameters' }, field);
      if (lastSegmentName(callee.object) === 'Math') return this.mathOrigin(name, args, depth);
      if (name === 'parse' && lastSegmentName(callee.object) === 'JSON' && args[0]) return this.origin(args[0], depth + 1);
      if (ARITHMETIC_METHODS.has(name) && isClientData(owner)) return this.mix([callee.object, ...args], depth, true);
      // `req.body.items.reduce((sum, i) => sum + i.price * i.qty, 0)`: the sum of what the callback returns.
      if (name === 'reduce' && isClientData(owner)) {
        const returned = returnedExpression(args[0]);
        if (returned) return this.origin(returned, depth + 1);
      }
      if ((name === 'parseFloat' || name === 'parseInt') && lastSegmentName(callee.object) === 'Number' && args[0]) return this.origin(args[0], depth + 1);
      return SERVER;
    }
    if (name && CARRYING_FUNCTIONS.has(name) && args[0]) return this.origin(args[0], depth + 1);
    // Any other call is a lookup or computation the server does: `await Product.findById(id)`, `priceFor(sku)`.
    return SERVER;
  }

  /** `Math.min(requested, order.total)` is capped by the stored total; `Math.round(x)` and `Math.max(x, 50)` keep `x`. */
  private mathOrigin(name: string, args: AstNode[], depth: number): Origin {
    if (name === 'min') {
      const origins = args.map((a) => this.origin(a, depth + 1));
      if (origins.some((o) => o.kind === 'server')) return SERVER;
      return this.mix(args, depth, true);
    }
    if (CARRYING_FUNCTIONS.has(name) || name === 'sign') return args[0] ? this.mix(args, depth, true) : CONST;
    return SERVER;
  }

  /**
   * The origin of a value computed from several: an amount from the request taints the result; in arithmetic, other
   * request data (a quantity, an id) only scales or selects a price the server holds.
   */
  private mix(nodes: readonly AstNode[], depth: number, arithmetic: boolean): Origin {
    let payload: Origin | undefined;
    let server = false;
    let request = false;
    for (const node of nodes) {
      const o = this.origin(node, depth + 1);
      if (o.kind === 'client') return o;
      if (o.kind === 'payload') payload ??= o;
      else if (o.kind === 'server') server = true;
      else if (o.kind === 'request') request = true;
    }
    // `TICKET_PRICE * qty`, `product.price * req.body.quantity`: a count or id in arithmetic is priced by the server.
    if (arithmetic) return server || payload ? SERVER : CONST;
    return payload ?? (server ? SERVER : request ? REQUEST : CONST);
  }
}

/** `Number(x)`, `parseFloat(x)`, `await x`, `x as number`: the value the conversion is of, for matching checks by text. */
function stripConversions(node: AstNode): AstNode {
  let n = unwrap(node);
  while (n.type === 'CallExpression' && n.arguments.length >= 1 && n.arguments[0].type !== 'SpreadElement') {
    const name = lastSegmentName(n.callee);
    if (!name || !CARRYING_FUNCTIONS.has(name) || name === 'max') break;
    n = unwrap(n.arguments[0]);
  }
  return n;
}

/** What a callback returns: its expression body, or the argument of its first top-level `return`. */
function returnedExpression(fn: AstNode | undefined): AstNode | undefined {
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return undefined;
  if (fn.body.type !== 'BlockStatement') return fn.body;
  for (const statement of fn.body.body) if (statement.type === 'ReturnStatement' && statement.argument) return statement.argument;
  return undefined;
}

