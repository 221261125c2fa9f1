// Local data flow for log checks: which parts of a logged expression carry sensitive data, through variables,
// destructuring, request objects (`req.body`, `ctx.request.headers`, Nest `@Body()`) and wrapping calls.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue, patternNames } from './ast';
import { identifierWords } from './identifiers';
import { isMaskHelperName } from './log-data-callees';
import { isCardOwnerName, isCatalogueName, isProviderObjectName, logDataKindOfName, type LogDataKind, type NameContext } from './log-data-names';

/** A kind of sensitive data, `clean` when known to hold none (a literal, a length, a masked value), undefined when unknown. */
export type Verdict = LogDataKind | 'clean' | undefined;

/** Where a site can be removed from: an object's properties, an array's elements, or a call's arguments. */
export interface DropTarget {
  items: readonly AstNode[];
  index: number;
  container: AstNode;
}

/** One sensitive value inside a log call's arguments. */
export interface LogSite {
  kind: LogDataKind;
  /** The expression carrying the value (a spread element cannot be wrapped). */
  node: AstNode;
  /** `{ password }`: a mask fix has to spell out the key. */
  shorthand?: TSESTree.Property;
  drop?: DropTarget;
}

interface Binding {
  init?: AstNode;
  /** Keys taken from `init` by destructuring; `[]` steps into an array element. */
  path: string[];
  /** Known outright: a Nest `@Body()` parameter, a rest element (what is left after taking fields out). */
  fixed?: Verdict;
}

interface Frame {
  bindings: Map<string, Binding>;
  /** Parameters that hold the request under another name (`@Req() r`). */
  requestNames: Set<string>;
}

interface OwnerInfo {
  verdict: Verdict;
  name: string | undefined;
  isRequest: boolean;
  isRequestLike: boolean;
  isProcess: boolean;
}

const MAX_DEPTH = 10;

/** Calls whose result still holds their argument's content: serialised, trimmed, re-encoded, copied. */
const CARRYING_CALLS = new Set([
  'stringify', 'parse', 'String', 'Number', 'parseInt', 'inspect', 'format', 'toString', 'toJSON', 'trim', 'trimStart',
  'trimEnd', 'toUpperCase', 'toLowerCase', 'concat', 'join', 'padStart', 'padEnd', 'normalize', 'from', 'encodeURIComponent',
  'encodeURI', 'decodeURIComponent', 'btoa', 'atob', 'assign', 'structuredClone', 'clone', 'cloneDeep', 'valueOf',
  'entries', 'values', 'fromEntries', 'split', 'replace', 'replaceAll', 'dump', 'serialize',
]);
/** A part of a value (`pan.slice(-4)`, `token.substring(0, 6)`) is the usual way to show it safely. */
const PARTIAL_CALLS = new Set(['slice', 'substring', 'substr', 'at', 'charAt']);
/** Calls answering a question about a value rather than returning it. */
const PREDICATE_CALL = /^(?:is|has|can|should|validate|verify|check|compare|test|includes|startsWith|endsWith|match|matches|some|every|Boolean|equals|timingSafeEqual)(?:[A-Z_]|$)/;
/** `getAccessToken()`, `issueSessionToken(user)`, `createApiKey()`: the name says what the call returns. */
const GETTER_VERBS = new Set(['get', 'fetch', 'create', 'generate', 'issue', 'make', 'build', 'read', 'load', 'retrieve', 'obtain', 'refresh', 'mint', 'new', 'sign', 'decrypt']);
const HEADER_GETTERS = new Set(['get', 'header', 'getHeader', 'headers']);
const BODY_READERS = new Set(['json', 'formData', 'text', 'arrayBuffer']);
/** Names that hold the incoming request: Express/Fastify `req`/`request`, Lambda `event`; Koa's `ctx` only for headers. */
const REQUEST_NAME = /^(?:req|request|httpRequest|incomingRequest|rawRequest|event)$/;
const REQUEST_LIKE_NAME = /^(?:req|request|httpRequest|incomingRequest|rawRequest|event|ctx|context)$/;
const JWT_OWNER = /^(?:jwt|jsonwebtoken|JWT|jose|jws)$/;
/** A replacement made only of masking characters: `replace(/\d(?=\d{4})/g, '*')`. */
const MASKING_REPLACEMENT = /^(?:[-\s]|\$[\d&])*[*xX#•·](?:[*xX#•·-]|\$\d|\$&|\s)*$/;

export function isValueKind(v: Verdict): v is LogDataKind {
  return v !== undefined && v !== 'clean';
}

type Node = AstNode & { parent?: AstNode };

export class LogDataFlow {
  private readonly frames: Frame[] = [{ bindings: new Map(), requestNames: new Set() }];

  constructor(private readonly maskHelpers: ReadonlySet<string>) {}

  enterFunction(fn: { params: readonly AstNode[] }): void {
    const frame: Frame = { bindings: new Map(), requestNames: new Set() };
    this.frames.push(frame);
    for (const param of fn.params) {
      // A parameter hides an outer variable of the same name; what it holds is judged by its name.
      for (const name of patternNames(param)) frame.bindings.set(name, { path: [] });
      this.bindDecoratedParam(param, frame);
    }
  }

  exitFunction(): void {
    if (this.frames.length > 1) this.frames.pop();
  }

  /** Records `const x = …`, `const { password: pw } = req.body`, `const [scheme, token] = auth.split(' ')`. */
  bindDeclarator(id: AstNode, init: AstNode | null | undefined): void {
    if (init) this.bindPattern(id, init, [], this.frames[this.frames.length - 1].bindings);
  }

  /** Records `x = …` in the scope that declared `x` (or the current one). */
  bindAssignment(left: AstNode, right: AstNode): void {
    if (left.type !== 'Identifier') return;
    let i = this.frames.length - 1;
    while (i > 0 && !this.frames[i].bindings.has(left.name)) i--;
    const frame = this.frames[i].bindings.has(left.name) ? this.frames[i] : this.frames[this.frames.length - 1];
    frame.bindings.set(left.name, { init: right, path: [] });
  }

  /** The sensitive values inside one argument of a log call (never descending into a value already reported). */
  sitesIn(arg: AstNode, drop: DropTarget | undefined): LogSite[] {
    const out: LogSite[] = [];
    this.collect(arg, drop, {}, out, 0);
    return out;
  }

  private bindDecoratedParam(param: AstNode, frame: Frame): void {
    const decorators = (param as { decorators?: TSESTree.Decorator[] }).decorators;
    if (param.type !== 'Identifier' || !decorators?.length) return;
    for (const d of decorators) {
      const call = d.expression;
      const name = call.type === 'CallExpression' ? lastSegmentName(call.callee) : lastSegmentName(call);
      const field = call.type === 'CallExpression' ? staticStringValue(call.arguments[0]) : undefined;
      // NestJS: `@Body() dto`, `@Body('password') pw`, `@Headers() headers`, `@Headers('authorization') auth`, `@Req() r`.
      if (name === 'Body') frame.bindings.set(param.name, { path: [], fixed: field ? this.nameVerdict(field, {}) : 'requestBody' });
      else if (name === 'Headers') frame.bindings.set(param.name, { path: [], fixed: field ? this.nameVerdict(field, { headersOwner: true }) ?? 'clean' : 'requestHeaders' });
      else if (name === 'Req' || name === 'Request') frame.requestNames.add(param.name);
    }
  }

  private bindPattern(target: AstNode, init: AstNode, path: string[], into: Map<string, Binding>): void {
    switch (target.type) {
      case 'Identifier':
        into.set(target.name, { init, path });
        return;
      case 'AssignmentPattern':
        this.bindPattern(target.left, init, path, into);
        return;
      case 'ObjectPattern':
        for (const prop of target.properties) {
          if (prop.type === 'RestElement') {
            // `const { password, ...safe } = req.body`: the rest is what is left once the fields are taken out.
            if (prop.argument.type === 'Identifier') into.set(prop.argument.name, { path: [], fixed: 'clean' });
            continue;
          }
          const key = propertyKeyName(prop);
          if (key !== undefined) this.bindPattern(prop.value, init, [...path, key], into);
        }
        return;
      case 'ArrayPattern':
        for (const element of target.elements) if (element) this.bindPattern(element, init, [...path, '[]'], into);
        return;
      default:
    }
  }

  private lookup(name: string): Binding | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const b = this.frames[i].bindings.get(name);
      if (b) return b;
    }
    return undefined;
  }

  private isRequestName(name: string, headersToo: boolean): boolean {
    if ((headersToo ? REQUEST_LIKE_NAME : REQUEST_NAME).test(name)) return true;
    return this.frames.some((f) => f.requestNames.has(name));
  }

  /** `req`, `request`, `ctx.request`, `c.req`, `this.request`, a Nest `@Req()` parameter. */
  private isRequestObject(node: AstNode, headersToo: boolean): boolean {
    if (node.type === 'Identifier') return this.isRequestName(node.name, headersToo);
    if (node.type === 'MemberExpression') {
      const prop = memberPropertyName(node);
      return prop === 'request' || prop === 'req';
    }
    if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') return this.isRequestObject(node.expression, headersToo);
    return false;
  }

  private nameVerdict(name: string, where: NameContext): Verdict {
    const v = logDataKindOfName(name, where);
    return v === 'describes' ? 'clean' : v;
  }

  private ownerInfo(node: AstNode, depth: number): OwnerInfo {
    return {
      verdict: this.verdict(node, depth + 1),
      name: lastSegmentName(node),
      isRequest: this.isRequestObject(node, false),
      isRequestLike: this.isRequestObject(node, true),
      isProcess: node.type === 'Identifier' && node.name === 'process',
    };
  }

  /** What `owner.prop` carries, given what is known about the owner. */
  private memberVerdict(owner: OwnerInfo, prop: string): Verdict {
    if (prop === 'length' || prop === 'size') return 'clean';
    if (prop === 'body' && owner.isRequest) return 'requestBody';
    if ((prop === 'headers' || prop === 'rawHeaders' || prop === 'header') && owner.isRequestLike) return 'requestHeaders';
    if ((prop === 'cookies' || prop === 'signedCookies') && owner.isRequestLike) return 'cookie';
    if (prop === 'env' && owner.isProcess) return 'environment';
    if (prop === '[]') {
      // An element of a split header or a token list is still the secret; an element of a whole object is unknown.
      return owner.verdict === 'clean' || (isValueKind(owner.verdict) && !isWholeObject(owner.verdict)) ? owner.verdict : undefined;
    }
    // An enum or constants object names a kind of value (`EnvironmentVariableNames.MSI_SECRET`), unless it is one.
    if (!isValueKind(owner.verdict) && isCatalogueName(owner.name)) return 'clean';
    const headersOwner = owner.verdict === 'requestHeaders' || owner.name === 'headers' || owner.name === 'header';
    const where: NameContext = {
      headersOwner,
      cardOwner: owner.verdict === 'cardNumber' || isCardOwnerName(owner.name),
      providerOwner: isProviderObjectName(owner.name),
    };
    const named = this.nameVerdict(prop, where);
    if (named) return named;
    if (headersOwner) return 'clean';
    if ((prop === 'value' || prop === 'current' || prop === 'raw') && isValueKind(owner.verdict)) return owner.verdict;
    return undefined;
  }

  /** What an expression's value carries (see {@link Verdict}). */
  verdict(node: AstNode, depth = 0): Verdict {
    if (depth > MAX_DEPTH) return undefined;
    const n = node as Node;
    switch (n.type) {
      case 'Literal':
        return 'clean';
      case 'TemplateLiteral':
        return this.combine(n.expressions, depth);
      case 'Identifier': {
        if (n.name === 'undefined') return 'clean';
        const binding = this.lookup(n.name);
        const bound = binding ? this.resolve(binding, depth) : undefined;
        return bound ?? this.nameVerdict(n.name, {});
      }
      case 'MemberExpression': {
        const prop = memberPropertyName(n);
        if (prop === undefined) {
          const owner = this.verdict(n.object, depth + 1);
          return owner === 'clean' || (isValueKind(owner) && !isWholeObject(owner)) ? owner : undefined;
        }
        return this.memberVerdict(this.ownerInfo(n.object, depth), prop);
      }
      case 'CallExpression':
        return this.callVerdict(n, depth);
      case 'UnaryExpression':
        return n.operator === '+' || n.operator === '-' ? this.verdict(n.argument, depth + 1) : 'clean';
      case 'BinaryExpression':
        return n.operator === '+' ? this.combine([n.left as AstNode, n.right], depth) : 'clean';
      case 'LogicalExpression':
        return n.operator === '&&' ? this.verdict(n.right, depth + 1) : this.combine([n.left, n.right], depth);
      case 'ConditionalExpression':
        return this.combine([n.consequent, n.alternate], depth);
      case 'AwaitExpression':
      case 'SpreadElement':
        return this.verdict(n.argument, depth + 1);
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.verdict(n.expression, depth + 1);
      case 'ObjectExpression':
      case 'ArrayExpression': {
        const sites: LogSite[] = [];
        this.collect(n, undefined, {}, sites, depth + 1);
        return sites[0]?.kind ?? 'clean';
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'ClassExpression':
        return 'clean';
      default:
        return undefined;
    }
  }

  /** The first sensitive kind among several values; clean only when all are clean. */
  private combine(nodes: readonly AstNode[], depth: number): Verdict {
    let allClean = true;
    for (const e of nodes) {
      const v = this.verdict(e, depth + 1);
      if (isValueKind(v)) return v;
      if (v !== 'clean') allClean = false;
    }
    return allClean ? 'clean' : undefined;
  }

  private resolve(binding: Binding, depth: number): Verdict {
    if (binding.fixed !== undefined || !binding.init) return binding.fixed;
    if (binding.path.length === 0) return this.verdict(binding.init, depth + 1);
    let owner = this.ownerInfo(binding.init, depth);
    let v: Verdict;
    for (const step of binding.path) {
      v = this.memberVerdict(owner, step);
      owner = { verdict: v, name: step === '[]' ? owner.name : step, isRequest: step === 'request' || step === 'req', isRequestLike: step === 'request' || step === 'req', isProcess: false };
    }
    return v;
  }

  private callVerdict(call: TSESTree.CallExpression, depth: number): Verdict {
    const name = lastSegmentName(call.callee);
    if (!name) return undefined;
    if (isMaskHelperName(name, this.maskHelpers)) return 'clean';
    const member = call.callee.type === 'MemberExpression' ? call.callee : undefined;
    const args = call.arguments as AstNode[];
    const firstString = staticStringValue(args[0]);
    if (member && HEADER_GETTERS.has(name) && firstString !== undefined) {
      const owner = member.object;
      const ownerName = lastSegmentName(owner);
      if (this.isRequestObject(owner, true) || ownerName === 'headers' || ownerName === 'header' || this.verdict(owner, depth + 1) === 'requestHeaders') {
        return this.nameVerdict(firstString, { headersOwner: true }) ?? 'clean';
      }
    }
    if (member && BODY_READERS.has(name) && this.isRequestObject(member.object, false)) return 'requestBody';
    if (member && name === 'sign' && JWT_OWNER.test(lastSegmentName(member.object) ?? '')) return 'token';
    if (PARTIAL_CALLS.has(name) && args.length > 0) {
      const wholeCopy = args.length === 1 && staticNumber(args[0]) === 0;
      if (!wholeCopy) return 'clean';
    }
    if ((name === 'replace' || name === 'replaceAll') && MASKING_REPLACEMENT.test(staticStringValue(args[1]) ?? '')) return 'clean';
    if (CARRYING_CALLS.has(name)) {
      // `token.trim()` carries the token, `JSON.stringify(body)` the body; `randomBytes(32).toString('hex')` is unknown.
      const values = args.filter((a) => a.type !== 'ArrowFunctionExpression' && a.type !== 'FunctionExpression');
      return this.combine(member ? [member.object, ...values] : values, depth);
    }
    if (PREDICATE_CALL.test(name)) return 'clean';
    const words = identifierWords(name);
    if (words.length > 1 && GETTER_VERBS.has(words[0])) {
      const returned = this.nameVerdict(words.slice(1).join('_'), {});
      if (isValueKind(returned)) return returned;
    }
    return undefined;
  }

  /** Finds the sensitive values inside `node`, descending through objects, arrays, templates, `+` and serialising calls. */
  private collect(node: AstNode, drop: DropTarget | undefined, where: NameContext, out: LogSite[], depth: number): void {
    if (depth > MAX_DEPTH) return;
    switch (node.type) {
      case 'ObjectExpression':
        node.properties.forEach((prop, index) => {
          const dropHere: DropTarget = { items: node.properties, index, container: node };
          if (prop.type === 'SpreadElement') {
            const v = this.verdict(prop.argument, depth + 1);
            if (isValueKind(v) && v !== 'cardSecurity') out.push({ kind: v, node: prop, drop: dropHere });
            return;
          }
          this.collectProperty(prop, dropHere, where, out, depth);
        });
        return;
      case 'ArrayExpression': {
        const elements = node.elements;
        const items = elements.every((e) => e !== null) ? (elements as AstNode[]) : undefined;
        elements.forEach((e, index) => {
          if (e) this.collect(e, items ? { items, index, container: node } : undefined, where, out, depth + 1);
        });
        return;
      }
      case 'TemplateLiteral':
        for (const e of node.expressions) this.collect(e, undefined, {}, out, depth + 1);
        return;
      case 'BinaryExpression':
        if (node.operator === '+') {
          this.collect(node.left, undefined, {}, out, depth + 1);
          this.collect(node.right, undefined, {}, out, depth + 1);
        }
        return;
      case 'CallExpression': {
        // `JSON.stringify({ password })`, `util.inspect(req.headers)`: look inside; `token.trim()` is the token itself.
        const name = lastSegmentName(node.callee);
        const onValue = node.callee.type === 'MemberExpression' ? this.verdict(node.callee.object, depth + 1) : undefined;
        if (name && CARRYING_CALLS.has(name) && !isValueKind(onValue) && !isMaskHelperName(name, this.maskHelpers)) {
          for (const a of node.arguments) this.collect(a, undefined, {}, out, depth + 1);
          return;
        }
        break;
      }
      default:
    }
    const v = this.verdict(node, depth);
    if (isValueKind(v) && v !== 'cardSecurity') out.push({ kind: v, node, drop });
  }

  private collectProperty(prop: TSESTree.Property, drop: DropTarget, where: NameContext, out: LogSite[], depth: number): void {
    const key = propertyKeyName(prop);
    const keyVerdict = key === undefined ? undefined : this.nameVerdict(key, where);
    // The security code is prohibited-card-data's finding.
    if (keyVerdict === 'cardSecurity') return;
    const value = prop.value as AstNode;
    const inner: NameContext = { cardOwner: isCardOwnerName(key), headersOwner: key === 'headers' || key === 'header' };
    if (isStructural(value)) {
      const before = out.length;
      this.collect(value, undefined, inner, out, depth + 1);
      if (out.length > before || !isValueKind(keyVerdict) || !carriesSomething(value, this.verdict(value, depth + 1))) return;
      out.push({ kind: keyVerdict, node: value, drop });
      return;
    }
    const v = this.verdict(value, depth + 1);
    if (v === 'cardSecurity') return;
    const kind = isValueKind(v) ? v : isValueKind(keyVerdict) && carriesSomething(value, v) ? keyVerdict : undefined;
    if (kind) out.push({ kind, node: value, shorthand: prop.shorthand ? prop : undefined, drop });
  }
}

/** True for whole objects that contain credentials among other things. */
export function isWholeObject(kind: LogDataKind): boolean {
  return kind === 'requestBody' || kind === 'requestHeaders' || kind === 'environment';
}

function isStructural(node: AstNode): boolean {
  return node.type === 'ObjectExpression' || node.type === 'ArrayExpression' || node.type === 'TemplateLiteral' ||
    (node.type === 'BinaryExpression' && node.operator === '+');
}

/**
 * Whether a value under a sensitive key (`{ token: … }`) can be the secret itself: anything not known to be clean
 * except functions; a template or concatenation only when it interpolates something.
 */
function carriesSomething(value: AstNode, verdict: Verdict): boolean {
  if (verdict === 'clean') return false;
  switch (value.type) {
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'ObjectExpression':
    case 'ArrayExpression':
      return false;
    default:
      return true;
  }
}

function staticNumber(node: AstNode | undefined): number | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'number') return node.value;
  if (node?.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') return -node.argument.value;
  return undefined;
}
