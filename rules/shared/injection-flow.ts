// Request-data taint within a function for injection checks: which values come from the client (`req.body`,
// `ctx.query`, `await request.json()`, `searchParams.get`, Nest `@Query()`), through variables, destructuring, `+=`,
// templates and carrying calls, and which were made safe (numbers, allow-list gates, escaping helpers).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode, SourceFile } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, parentOf, patternNames } from './ast';

/** Where a tainted value came from, named for the message (`req.query.email`). */
export interface Taint {
  label: string;
}

interface Binding {
  init?: AstNode;
  /** Keys taken from `init` by destructuring. */
  path: string[];
  /** `sql += …` after the declaration: appended pieces, in order. */
  appended: AstNode[];
  /** Known outright: a Nest `@Query()` parameter, a Next.js route `params`. */
  fixed?: Taint;
  /** A plain parameter or a name known to hold nothing from the request. */
  clean?: boolean;
  /** A parameter named like the request (`req`, `ctx`). */
  isRequest?: boolean;
}

interface Frame {
  bindings: Map<string, Binding>;
  /** Names of request objects under other names (`@Req() r`). */
  requestNames: Set<string>;
  /** Identifiers and member paths that passed an allow-list or format check (`COLUMNS.includes(sort)`). */
  gated: Set<string>;
}

const MAX_DEPTH = 12;
const MAX_LABEL = 40;

/** Names that hold the incoming request: Express/Fastify `req`, Next.js `request`, Koa `ctx`, Lambda `event`. */
const REQUEST_NAME = /^(?:req|request|ctx|event|httpRequest|incomingRequest)$/;
/** What a request carries from the client. */
const REQUEST_DATA = new Set([
  'body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'url', 'originalUrl', 'search', 'searchParams',
  'nextUrl', 'rawBody', 'queryStringParameters', 'pathParameters', 'multiValueQueryStringParameters', 'files', 'file',
]);
/** Request methods that return client data: `request.json()`, `req.param('id')`, `c.req.query('q')`, `req.get('x')`. */
const REQUEST_READERS = new Set(['json', 'formData', 'text', 'arrayBuffer', 'blob', 'query', 'param', 'queries', 'header', 'get', 'cookie']);
/** Functions whose result still holds their argument's text. */
const CARRYING_FUNCTIONS = new Set(['String', 'decodeURIComponent', 'decodeURI', 'encodeURI', 'encodeURIComponent', 'unescape', 'atob', 'btoa', 'stringify']);
/** Functions and methods that turn any input into a number, boolean or constant: nothing of the text survives. */
const NUMERIC_CALLS = new Set([
  'Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'floor', 'ceil', 'round', 'trunc', 'abs', 'min', 'max', 'toFixed',
  'isInteger', 'isFinite', 'isNaN', 'includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'has', 'some', 'every',
  'localeCompare', 'getTime', 'valueOf', 'keys', 'length',
]);
/** Escaping and quoting helpers of the SQL drivers (`mysql.escape`, `pg.escapeLiteral`, `pg-format`'s `format.literal`). */
const ESCAPE_CALL = /^(?:escape(?:Id|Identifier|Literal|String)?|quote(?:Ident|Identifier|Literal)?|literal|ident|sanitize\w*)$/;
/** Nest pipes that convert a parameter to a number, boolean, UUID or enum member before the handler sees it. */
const CONVERTING_PIPES = new Set(['ParseIntPipe', 'ParseFloatPipe', 'ParseBoolPipe', 'ParseUUIDPipe', 'ParseEnumPipe']);
const NEST_DATA_DECORATORS = new Set(['Body', 'Query', 'Param', 'Headers', 'Ip', 'HostParam']);
/** Gate checks: `ALLOWED.includes(x)`, `COLUMNS.has(x)`, `validator.isInt(x)`, `/^[a-z_]+$/.test(x)`. */
const GATE_METHODS = new Set(['includes', 'has', 'indexOf', 'hasOwnProperty']);
const GATE_FUNCTION = /^is(?:Int|Integer|Numeric|Number|Decimal|Float|UUID|Uuid|Alphanumeric|Alpha|In|Enum|SafeInteger|Email|ISO8601|Date|Boolean|Hexadecimal|MongoId)$/;
const ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * Where taint can start, as written: a REQUEST_NAME identifier (not part of a longer name), the `Req`/`Request` and
 * NEST_DATA_DECORATORS decorators, and the ROUTE_EXPORTS names. Case-sensitive, like the sets it stands for.
 */
const REQUEST_DATA_HINT = /(?<![\w$])(?:req|request|ctx|event|httpRequest|incomingRequest)(?![\w$])|Req|Body|Query|Param|Headers|Ip|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS/;

/** The pre-filter: false only when no value in the text can come from a request. */
export function mayHoldRequestData(text: string): boolean {
  return REQUEST_DATA_HINT.test(text);
}

function unwrapChain(node: AstNode): AstNode {
  let n = node;
  while (n.type === 'ChainExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression' ||
    n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion') n = n.expression;
  return n;
}

/** The name of an exported route handler: `export async function POST(…)`, `export const GET = async (…) => …`. */
function routeExportName(fn: FunctionLike): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name;
  const parent = parentOf(fn);
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

export class InjectionFlow {
  private readonly frames: Frame[] = [{ bindings: new Map(), requestNames: new Set(), gated: new Set() }];

  constructor(private readonly source: SourceFile, private readonly sanitizers: ReadonlySet<string>) {}

  private get top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  enterFunction(fn: FunctionLike): void {
    const frame: Frame = { bindings: new Map(), requestNames: new Set(), gated: new Set() };
    this.frames.push(frame);
    fn.params.forEach((param, index) => {
      // A parameter hides an outer variable of the same name; request objects are recognised by name.
      for (const name of patternNames(param)) {
        frame.bindings.set(name, REQUEST_NAME.test(name) ? { path: [], appended: [], isRequest: true } : { path: [], appended: [], clean: true });
      }
      this.bindDecoratedParam(param, frame);
      // Next.js App Router: `export async function GET(request, { params })`: the route segments come from the URL.
      if (index === 1 && ROUTE_EXPORTS.has(routeExportName(fn) ?? '')) this.bindRouteContext(param, frame);
    });
  }

  exitFunction(): void {
    if (this.frames.length > 1) this.frames.pop();
  }

  /** Records `const x = …`, `const { email: e } = req.query`, `const [a] = …`. */
  bindDeclarator(id: AstNode, init: AstNode | null | undefined): void {
    if (init) this.bindPattern(id, init, [], this.top.bindings);
  }

  /** Records `x = …` and `x += …` in the frame that declared `x`. */
  bindAssignment(node: TSESTree.AssignmentExpression): void {
    if (node.left.type !== 'Identifier') return;
    const name = node.left.name;
    let frame = this.top;
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i].bindings.has(name)) {
        frame = this.frames[i];
        break;
      }
    }
    const existing = frame.bindings.get(name);
    if (node.operator === '+=' && existing) existing.appended.push(node.right);
    else if (node.operator === '=') frame.bindings.set(name, { init: node.right, path: [], appended: [] });
  }

  /**
   * Records allow-list and format checks: after `if (!SORTABLE.includes(sort)) return …` or
   * `/^\d+$/.test(id)`, the checked value can only be one the server expects.
   */
  noteGate(call: TSESTree.CallExpression): void {
    const callee = unwrapChain(call.callee);
    const name = lastSegmentName(callee);
    if (!name) return;
    let checked: AstNode | undefined;
    if (callee.type === 'MemberExpression' && GATE_METHODS.has(name)) {
      if (this.taintOf(callee.object)) return;
      checked = call.arguments[0];
    } else if (callee.type === 'MemberExpression' && name === 'test' && callee.object.type === 'Literal' && 'regex' in callee.object) {
      // Only an anchored pattern bounds the whole value.
      const pattern = callee.object.regex.pattern;
      if (pattern.startsWith('^') && pattern.endsWith('$')) checked = call.arguments[0];
    } else if (name === 'hasOwn') {
      checked = call.arguments[1];
    } else if (GATE_FUNCTION.test(name)) {
      checked = call.arguments[0];
    }
    if (checked) this.top.gated.add(this.source.getText(unwrapChain(checked)));
  }

  /** Records `key in ALLOWED_COLUMNS`. */
  noteInGate(node: TSESTree.BinaryExpression): void {
    if (node.operator === 'in' && node.left.type !== 'PrivateIdentifier') this.top.gated.add(this.source.getText(unwrapChain(node.left)));
  }

  private bindDecoratedParam(param: AstNode, frame: Frame): void {
    const target = param.type === 'TSParameterProperty' ? param.parameter : param;
    const decorators = (param as { decorators?: TSESTree.Decorator[] }).decorators;
    if (target.type !== 'Identifier' || !decorators?.length) return;
    for (const d of decorators) {
      const call = d.expression;
      const name = call.type === 'CallExpression' ? lastSegmentName(call.callee) : lastSegmentName(call);
      if (name === 'Req' || name === 'Request') {
        frame.requestNames.add(target.name);
        continue;
      }
      if (!name || !NEST_DATA_DECORATORS.has(name)) continue;
      const args = call.type === 'CallExpression' ? call.arguments : [];
      const converted = args.some((a) => CONVERTING_PIPES.has(lastSegmentName(a) ?? ''));
      frame.bindings.set(target.name, converted
        ? { path: [], appended: [], clean: true }
        : { path: [], appended: [], fixed: { label: `${this.source.getText(d)} ${target.name}` } });
    }
  }

  private bindRouteContext(param: AstNode, frame: Frame): void {
    if (param.type === 'ObjectPattern') {
      for (const prop of param.properties) {
        if (prop.type !== 'Property' || propertyKeyName(prop) !== 'params') continue;
        for (const name of patternNames(prop.value)) frame.bindings.set(name, { path: [], appended: [], fixed: { label: 'params' } });
      }
    } else if (param.type === 'Identifier') {
      frame.bindings.set(param.name, { path: [], appended: [], fixed: { label: param.name } });
    }
  }

  private bindPattern(target: AstNode, init: AstNode, path: string[], into: Map<string, Binding>): void {
    switch (target.type) {
      case 'Identifier':
        into.set(target.name, { init, path, appended: [] });
        return;
      case 'AssignmentPattern':
        this.bindPattern(target.left, init, path, into);
        return;
      case 'ObjectPattern':
        for (const prop of target.properties) {
          if (prop.type === 'RestElement') {
            this.bindPattern(prop.argument, init, path, into);
            continue;
          }
          const key = propertyKeyName(prop);
          this.bindPattern(prop.value, init, [...path, key ?? '[]'], into);
        }
        return;
      case 'ArrayPattern':
        for (const element of target.elements) if (element) this.bindPattern(element, init, [...path, '[]'], into);
        return;
      case 'RestElement':
        this.bindPattern(target.argument, init, path, into);
        return;
      default:
    }
  }

  /** The binding a name resolves to in the innermost frame that has it. */
  lookup(name: string): Binding | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const b = this.frames[i].bindings.get(name);
      if (b) return b;
    }
    return undefined;
  }

  private isGated(node: AstNode): boolean {
    const text = this.source.getText(node);
    return this.frames.some((f) => f.gated.has(text));
  }

  private isRequestObject(node: AstNode, depth = 0): boolean {
    const n = unwrapChain(node);
    if (n.type === 'Identifier') {
      if (this.frames.some((f) => f.requestNames.has(n.name))) return true;
      const b = this.lookup(n.name);
      if (!b) return REQUEST_NAME.test(n.name);
      // `const req = ctx.request`.
      return !!b.isRequest || (!!b.init && b.path.length === 0 && depth < MAX_DEPTH && this.isRequestObject(b.init, depth + 1));
    }
    if (n.type === 'MemberExpression') {
      const prop = memberPropertyName(n);
      return prop === 'request' || prop === 'req';
    }
    return false;
  }

  private label(node: AstNode): Taint {
    const text = this.source.getText(node).replace(/\s+/g, ' ');
    if (text.length <= MAX_LABEL) return { label: text };
    // `new URL(request.url).searchParams.get('id')` is named by its last step: `searchParams.get('id')`.
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const short = `${lastSegmentName(node.callee.object) ?? ''}.${lastSegmentName(node.callee) ?? ''}(${node.arguments.map((a) => this.source.getText(a)).join(', ')})`;
      if (short.length <= MAX_LABEL) return { label: short };
    }
    return { label: 'the request' };
  }

  /** Where a value's request data comes from, or undefined when it holds none (or nothing this file shows). */
  taintOf(node: AstNode, depth = 0): Taint | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const n = node as AstNode;
    switch (n.type) {
      case 'Identifier': {
        if (this.isGated(n)) return undefined;
        const b = this.lookup(n.name);
        return b ? this.resolve(b, depth) : undefined;
      }
      case 'MemberExpression': {
        if (this.isGated(n)) return undefined;
        const prop = memberPropertyName(n);
        if (prop === 'length') return undefined;
        if (this.isRequestObject(n.object)) return prop !== undefined && REQUEST_DATA.has(prop) ? this.label(n) : undefined;
        // `COLUMNS[req.query.sort]` picks one of the server's values; `req.query[name]` is still the client's.
        return this.taintOf(n.object, depth + 1) ? this.label(n) : undefined;
      }
      case 'TemplateLiteral':
        return this.first(n.expressions, depth);
      case 'BinaryExpression':
        return n.operator === '+' ? this.first([n.left as AstNode, n.right], depth) : undefined;
      case 'LogicalExpression':
        return this.first([n.left, n.right], depth);
      case 'ConditionalExpression':
        return this.first([n.consequent, n.alternate], depth);
      case 'AwaitExpression':
      case 'SpreadElement':
        return this.taintOf(n.argument, depth + 1);
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.taintOf(n.expression, depth + 1);
      case 'ArrayExpression':
        return this.first(n.elements.filter((e): e is NonNullable<typeof e> => e !== null) as AstNode[], depth);
      case 'ObjectExpression':
        return this.first(n.properties.map((p) => (p.type === 'Property' ? p.value : p.argument) as AstNode), depth);
      case 'CallExpression':
        return this.callTaint(n, depth);
      case 'NewExpression':
        // `new URL(request.url)`, `new URLSearchParams(req.body)`: the parsed object still carries the text.
        return lastSegmentName(n.callee) === 'URL' || lastSegmentName(n.callee) === 'URLSearchParams' ? this.first(n.arguments as AstNode[], depth) : undefined;
      default:
        return undefined;
    }
  }

  private first(nodes: readonly AstNode[], depth: number): Taint | undefined {
    for (const e of nodes) {
      const t = this.taintOf(e, depth + 1);
      if (t) return t;
    }
    return undefined;
  }

  private resolve(b: Binding, depth: number): Taint | undefined {
    if (b.fixed) return b.fixed;
    if (b.clean || !b.init) return undefined;
    if (b.path.includes('length')) return undefined;
    const init = unwrapChain(b.init.type === 'AwaitExpression' ? b.init.argument : b.init);
    if (b.path.length > 0 && this.isRequestObject(init)) {
      // `const { body } = req`, `const { query: { q } } = ctx.request`.
      return REQUEST_DATA.has(b.path[0]) ? { label: `${this.source.getText(init)}.${b.path.join('.').replace(/\.\[\]/g, '[]')}` } : undefined;
    }
    const fromInit = this.taintOf(b.init, depth + 1);
    if (fromInit && b.path.length > 0 && !b.path.includes('[]')) {
      // `const { q } = req.query` is named `req.query.q`.
      const named = `${fromInit.label}.${b.path.join('.')}`;
      return { label: named.length <= MAX_LABEL ? named : fromInit.label };
    }
    return fromInit ?? this.first(b.appended, depth);
  }

  private callTaint(call: TSESTree.CallExpression, depth: number): Taint | undefined {
    const callee = unwrapChain(call.callee);
    const name = lastSegmentName(callee);
    if (!name) return undefined;
    if (NUMERIC_CALLS.has(name) || ESCAPE_CALL.test(name) || this.sanitizers.has(name)) return undefined;
    const args = call.arguments as AstNode[];
    if (callee.type === 'MemberExpression') {
      if (this.isRequestObject(callee.object)) return REQUEST_READERS.has(name) ? this.label(call) : undefined;
      // `ids.map(Number)` leaves only numbers behind.
      if (name === 'map' && args[0]?.type === 'Identifier' && NUMERIC_CALLS.has(args[0].name)) return undefined;
      // A method of client text or of a parsed request object returns client data: `q.trim()`, `searchParams.get('q')`.
      const owner = this.taintOf(callee.object, depth + 1);
      if (owner) return name === 'get' || name === 'getAll' ? this.label(call) : owner;
      if (name === 'concat' || name === 'join' || name === 'format' || name === 'stringify' || name === 'parse') return this.first(args, depth);
      return undefined;
    }
    return CARRYING_FUNCTIONS.has(name) ? this.first(args, depth) : undefined;
  }
}

/** Whether a call is a gate-like check whose argument this module records (cheap pre-check for the visitor). */
export function mayBeGate(call: TSESTree.CallExpression): boolean {
  const name = lastSegmentName(unwrapChain(call.callee));
  return !!name && (GATE_METHODS.has(name) || name === 'test' || name === 'hasOwn' || GATE_FUNCTION.test(name));
}
