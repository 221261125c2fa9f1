// Route access chains for unauthenticated-endpoint and missing-rate-limit: for each HTTP handler in a file, the names of
// the middleware, hooks, plugins, guards and decorators in front of it, at route, router, mount and app level.
import type { AstNode, NodeVisitor, RuleContext, SourceFile } from '../../server/src/engine';
import { identifierWords } from './identifiers';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import { calleeName, isFunctionNode, nodesWithin, parentOf, scopeOf, SignatureFlow, type FunctionNode } from './signature-flow';
import { HandlerFinder, type Framework } from './signature-handlers';

type CallNode = Extract<AstNode, { type: 'CallExpression' }>;
type MemberNode = Extract<AstNode, { type: 'MemberExpression' }>;

export interface RouteFacts {
  framework: Framework;
  /** Lower-case HTTP method (`post`, `get`, `all`, …). */
  method: string;
  /** Words of the route path, handler, router, controller, mount paths and (Next.js) the file's route. */
  words: readonly string[];
  /** Names in front of the handler: route middleware, router `use`, mount middleware, hooks, plugins, guards, decorators. */
  chain: string[];
  /** Decorators on the route method itself (Nest), where opt-outs such as `@Public()` or `@SkipThrottle()` sit. */
  methodDecorators: string[];
  /** Callee names of calls made directly in the handler, with the name of the object they are called on. */
  innerCalls: Array<{ name: string; object: string }>;
  /** The handler tests the request's user or session (`if (!req.user)`, `if (!ctx.state.user)`). */
  checksUser: boolean;
  reportStart: number;
  reportEnd: number;
}

const ROUTE_METHODS = new Set(['post', 'put', 'patch', 'delete', 'del', 'get', 'all']);
const FASTIFY_HOOKS = new Set(['preHandler', 'preValidation', 'onRequest', 'preParsing']);
/** Calls that put middleware in front of routes (mounts, hooks, plugins, global guards): the only others onCall reads. */
const MOUNT_METHODS = new Set(['use', 'addHook', 'register', 'useGlobalGuards', 'useGlobalInterceptors']);
/** HTTP clients share method names with routers (`axios.post(url, body)`); their calls are not registrations. */
const HTTP_CLIENTS = new Set(['axios', 'http', 'https', 'fetch', 'got', 'superagent', 'ky', 'request', 'client', 'api', 'httpClient', '$http', 'agent', 'supertest', 'instance', 'cache', 'map', 'headers', 'params', 'searchParams', 'res', 'response']);
/** Request properties that carry the authenticated principal. */
const USER_PROPS = new Set(['user', 'session', 'auth', 'currentUser', 'userId', 'principal', 'isAuthenticated']);

interface UseCall {
  object: string;
  start: number;
  prefix: string | undefined;
  args: AstNode[];
  /** Filled after the traversal, once every router in the file is known. */
  names: string[];
  routers: string[];
}

/** Names an argument in a middleware position goes by: `auth`, `auth(opts)`, `passport.authenticate('jwt')`, `jwt().unless()`, `require('@fastify/rate-limit')`. */
export function chainNames(node: AstNode | null | undefined, depth = 0): string[] {
  if (!node || depth > 4) return [];
  switch (node.type) {
    case 'Identifier': return [node.name];
    case 'MemberExpression': return [lastSegmentName(node) ?? ''];
    case 'AwaitExpression': return chainNames(node.argument, depth + 1);
    case 'ImportExpression': return [staticStringValue(node.source) ?? ''];
    case 'CallExpression': {
      const name = calleeName(node) ?? '';
      if (name === 'require') return [staticStringValue(node.arguments[0]) ?? ''];
      const out = [name];
      if (node.callee.type === 'MemberExpression') out.push(...chainNames(node.callee.object, depth + 1));
      // `fastify.auth([fastify.verifyJWT])`, `UseGuards(AuthGuard('jwt'))`: what is passed names the check too.
      for (const a of node.arguments) if (a.type === 'Identifier' || a.type === 'ArrayExpression' || a.type === 'MemberExpression') out.push(...chainNames(a, depth + 1));
      return out;
    }
    case 'NewExpression': return [lastSegmentName(node.callee) ?? ''];
    case 'ArrayExpression': return node.elements.flatMap((e) => (e && e.type !== 'SpreadElement' ? chainNames(e, depth + 1) : []));
    default: return [];
  }
}

function pathText(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  const s = staticStringValue(node);
  if (s !== undefined) return s;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join(':p');
  return undefined;
}

function normalizePath(p: string): string {
  return `/${p.split('/').filter(Boolean).join('/')}`;
}

function underPrefix(path: string | undefined, prefix: string | undefined): boolean {
  if (prefix === undefined) return true;
  const pre = normalizePath(prefix);
  if (pre === '/' || pre === '/*') return true;
  if (path === undefined) return false;
  const p = normalizePath(path);
  return p === pre || p.startsWith(`${pre}/`);
}

/** The router object a registration is made on: `router` for `router.post(…)` and `router.route('/x').post(…)`. */
function registrationObject(callee: MemberNode): AstNode {
  const obj = callee.object;
  if (obj.type === 'CallExpression' && obj.callee.type === 'MemberExpression' && memberPropertyName(obj.callee) === 'route') return obj.callee.object;
  return obj;
}

/** Collects registrations, `use`/`addHook`/`register` calls, Nest global guards and handler-internal checks in one traversal. */
export class RouteCollector {
  private readonly registrations = new Map<number, CallNode>();
  private readonly uses: UseCall[] = [];
  /** Hooks and plugins by object text: `fastify.addHook('onRequest', …)`, `fastify.register(rateLimit)`. */
  private readonly objectWide = new Map<string, string[]>();
  private readonly globalNames: string[] = [];
  private readonly routerPrefixes = new Map<string, string>();
  private readonly calls: CallNode[] = [];
  private readonly userTests: AstNode[] = [];

  private found: RouteFacts[] | undefined;

  readonly visitors: Record<string, NodeVisitor>;

  /** The file's routes, shared by every rule that judges them (built on the shared flow, imports and handlers). */
  static of(context: Pick<RuleContext, 'source' | 'shared'>): RouteCollector {
    return context.shared('route-collector', () => new RouteCollector(context.source, SignatureFlow.of(context), HandlerFinder.of(context)));
  }

  private constructor(private readonly source: SourceFile, private readonly flow: SignatureFlow, private readonly finder: HandlerFinder) {
    this.visitors = {
      CallExpression: (node: CallNode) => this.onCall(node),
      MemberExpression: (node: MemberNode) => {
        const prop = memberPropertyName(node);
        if (prop && USER_PROPS.has(prop) && this.inTest(node)) this.userTests.push(node);
      },
      VariableDeclarator: (node: Extract<AstNode, { type: 'VariableDeclarator' }>) => {
        // koa-router's `new Router({ prefix: '/admin' })`: the prefix is part of every route path.
        const init = node.init;
        if (node.id.type !== 'Identifier' || !init || (init.type !== 'NewExpression' && init.type !== 'CallExpression')) return;
        const opts = init.arguments[0];
        if (opts?.type !== 'ObjectExpression') return;
        for (const p of opts.properties) {
          if (p.type === 'Property' && propertyKeyName(p) === 'prefix') {
            const prefix = pathText(p.value);
            if (prefix) this.routerPrefixes.set(node.id.name, prefix);
          }
        }
      },
      Property: (node: Extract<AstNode, { type: 'Property' }>) => {
        // Nest's `{ provide: APP_GUARD, useClass: JwtAuthGuard }` makes the guard global.
        if (propertyKeyName(node) !== 'provide' || node.value.type !== 'Identifier' || node.value.name !== 'APP_GUARD') return;
        const obj = parentOf(node);
        if (obj?.type !== 'ObjectExpression') return;
        for (const p of obj.properties) {
          if (p.type === 'Property' && (propertyKeyName(p) === 'useClass' || propertyKeyName(p) === 'useExisting')) this.globalNames.push(...chainNames(p.value));
        }
      },
    };
  }

  private inTest(node: AstNode): boolean {
    let child: AstNode = node;
    for (let n = parentOf(node), i = 0; n && i < 8; child = n, n = parentOf(n), i++) {
      if (n.type === 'IfStatement' || n.type === 'ConditionalExpression') return n.test === child;
      if (isFunctionNode(n) || n.type === 'BlockStatement' || n.type === 'ExpressionStatement' || n.type === 'VariableDeclaration') return false;
    }
    return false;
  }

  private onCall(node: CallNode): void {
    this.calls.push(node);
    if (node.callee.type !== 'MemberExpression' || node.arguments.length === 0) return;
    const method = memberPropertyName(node.callee);
    if (!method) return;
    if (ROUTE_METHODS.has(method) || method === 'route') {
      if (!this.registrations.has(node.range[0])) this.registrations.set(node.range[0], node);
      return;
    }
    if (!MOUNT_METHODS.has(method)) return;
    const object = this.source.getText(registrationObject(node.callee));
    const args = node.arguments.filter((a): a is Exclude<typeof a, { type: 'SpreadElement' }> => a.type !== 'SpreadElement');
    if (method === 'use') {
      let prefix: string | undefined;
      let rest = args;
      const first = pathText(args[0]);
      if (first !== undefined) {
        prefix = first;
        rest = args.slice(1);
      } else if (args[0]?.type === 'ArrayExpression' && args[0].elements.every((e) => e && pathText(e) !== undefined)) {
        rest = args.slice(1);
        prefix = '\u0000';
      }
      this.uses.push({ object, start: node.range[0], prefix, args: rest, names: [], routers: [] });
    } else if (method === 'addHook' && args.length >= 2 && FASTIFY_HOOKS.has(staticStringValue(args[0]) ?? '')) {
      this.addObjectWide(object, chainNames(args[1]));
    } else if (method === 'register') {
      this.addObjectWide(object, chainNames(args[0]));
    } else if (method === 'useGlobalGuards' || method === 'useGlobalInterceptors') {
      this.globalNames.push(...args.flatMap((a) => chainNames(a)));
    }
  }

  private addObjectWide(object: string, names: string[]): void {
    const list = this.objectWide.get(object) ?? [];
    list.push(...names);
    this.objectWide.set(object, list);
  }

  /** The router a `use` argument mounts: `adminRouter`, `router.routes()`, `router.middleware()`. */
  private routerOf(node: AstNode): string | undefined {
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const m = memberPropertyName(node.callee);
      if (m === 'routes' || m === 'middleware' || m === 'allowedMethods') return this.source.getText(node.callee.object);
      return undefined;
    }
    if (node.type !== 'Identifier' && node.type !== 'MemberExpression') return undefined;
    const text = this.source.getText(node);
    const words = identifierWords(lastSegmentName(node) ?? '');
    const last = words[words.length - 1];
    if (last === 'router' || last === 'routes' || last === 'routers' || last === 'app' || last === 'api') return text;
    for (const call of this.registrations.values()) {
      if (call.callee.type === 'MemberExpression' && this.source.getText(registrationObject(call.callee)) === text) return text;
    }
    return undefined;
  }

  /** What runs in front of routes on `object` registered at `start` under `path`, through mounts, up to `depth` levels. */
  private objectChain(object: string, start: number, path: string | undefined, depth: number): { names: string[]; words: string[] } {
    const names: string[] = [...(this.objectWide.get(object) ?? [])];
    const words: string[] = [];
    for (const use of this.uses) {
      if (use.object === object && use.start < start && use.names.length && underPrefix(path, use.prefix)) names.push(...use.names);
    }
    if (depth >= 3) return { names, words };
    for (const mount of this.uses) {
      if (!mount.routers.includes(object)) continue;
      names.push(...mount.names);
      if (mount.prefix && mount.prefix !== '\u0000') words.push(...identifierWords(mount.prefix));
      const outer = this.objectChain(mount.object, mount.start, mount.prefix === '\u0000' ? undefined : mount.prefix, depth + 1);
      names.push(...outer.names);
      words.push(...outer.words);
    }
    return { names, words };
  }

  private handlerFacts(fn: FunctionNode | undefined): Pick<RouteFacts, 'innerCalls' | 'checksUser'> {
    if (!fn) return { innerCalls: [], checksUser: false };
    // Only the nodes inside the handler, found by binary search: scanning every call of the file for every handler
    // is quadratic in a file of thousands of routes.
    const innerCalls = nodesWithin(this.calls, fn)
      .filter((c) => scopeOf(c) === fn)
      .map((c) => ({ name: calleeName(c) ?? '', object: c.callee.type === 'MemberExpression' ? lastSegmentName(c.callee.object) ?? '' : '' }));
    const checksUser = nodesWithin(this.userTests, fn).some((m) => scopeOf(m) === fn);
    return { innerCalls, checksUser };
  }

  /** Every route handler in the file with its access chain; call after the traversal (computed once, then shared). */
  routes(): readonly RouteFacts[] {
    this.found ??= this.collect();
    return this.found;
  }

  private collect(): RouteFacts[] {
    // Source order, for nodesWithin (the traversal's order already, bar visitor-key orders that differ from the source).
    this.calls.sort((a, b) => a.range[0] - b.range[0]);
    this.userTests.sort((a, b) => a.range[0] - b.range[0]);
    for (const use of this.uses) {
      for (const a of use.args) {
        const router = this.routerOf(a);
        if (router) use.routers.push(router);
        else use.names.push(...chainNames(a));
      }
    }
    const out: RouteFacts[] = [];
    const seen = new Set<number>();
    for (const site of this.finder.find()) {
      seen.add(site.reportStart);
      if (site.framework === 'nest') {
        const facts = this.nestFacts(site.fn);
        out.push({
          framework: 'nest', words: site.routeWords, ...facts, ...this.handlerFacts(site.fn), reportStart: site.reportStart, reportEnd: site.reportEnd,
        });
      } else if (site.framework === 'next-app' || site.framework === 'next-pages') {
        const decl = this.source.text.slice(site.reportStart, site.reportEnd);
        const method = site.framework === 'next-app' ? (/(POST|PUT|PATCH|GET|DELETE)\s*$/.exec(decl)?.[1] ?? 'all').toLowerCase() : 'all';
        out.push({
          framework: site.framework, method, words: site.fileWords, chain: [...this.globalNames], methodDecorators: [],
          ...this.handlerFacts(site.fn), reportStart: site.reportStart, reportEnd: site.reportEnd,
        });
      } else {
        const call = this.registrations.get(site.reportStart);
        if (call) out.push(this.registrationFacts(call, site.framework, site.fn, site.routeWords, site.reportEnd));
      }
    }
    // Routes HandlerFinder leaves out: `delete`, and handlers imported from elsewhere or wrapped (`asyncHandler(fn)`).
    for (const call of this.registrations.values()) {
      if (seen.has(call.range[0])) continue;
      const facts = this.extraRegistration(call);
      if (facts) out.push(facts);
    }
    return out;
  }

  private extraRegistration(call: CallNode): RouteFacts | undefined {
    const callee = call.callee as MemberNode;
    const method = memberPropertyName(callee)!;
    const objectNode = registrationObject(callee);
    const routerName = lastSegmentName(objectNode) ?? '';
    if (method === 'route' || HTTP_CLIENTS.has(routerName) || call.arguments.length < 2) return undefined;
    const chained = objectNode !== callee.object;
    const path = chained ? undefined : pathText(call.arguments[0]);
    if (!chained && (path === undefined || !path.startsWith('/'))) return undefined;
    const handler = call.arguments[call.arguments.length - 1];
    if (handler.type !== 'Identifier' && handler.type !== 'MemberExpression' && handler.type !== 'CallExpression' && !isFunctionNode(handler)) return undefined;
    const wrapped = handler.type === 'CallExpression' ? handler.arguments.find((a) => isFunctionNode(a)) : undefined;
    const fn = isFunctionNode(handler) ? handler : wrapped && isFunctionNode(wrapped) ? wrapped : handler.type === 'Identifier' ? this.flow.functionOf(handler) : undefined;
    const handlerName = handler.type === 'CallExpression' ? '' : lastSegmentName(handler) ?? '';
    const words = identifierWords(`${path ?? ''} ${handlerName} ${routerName}`);
    const pathEnd = chained ? callee.range[1] : call.arguments[0].range[1];
    const framework: Framework = fn && fn.params[0]?.type === 'Identifier' && fn.params[0].name === 'ctx' ? 'koa' : 'express';
    return this.registrationFacts(call, framework, fn, words, pathEnd);
  }

  private registrationFacts(call: CallNode, framework: Framework, fn: FunctionNode | undefined, routeWords: readonly string[], reportEnd: number): RouteFacts {
    const callee = call.callee as MemberNode;
    const method = memberPropertyName(callee)!;
    const objectNode = registrationObject(callee);
    const object = this.source.getText(objectNode);
    const args = call.arguments.filter((a): a is Exclude<typeof a, { type: 'SpreadElement' }> => a.type !== 'SpreadElement');
    const chain: string[] = [];
    let path: string | undefined;
    let httpMethod = method === 'del' ? 'delete' : method;
    const readOptions = (obj: AstNode): void => {
      if (obj.type !== 'ObjectExpression') return;
      for (const p of obj.properties) {
        if (p.type !== 'Property') continue;
        const key = propertyKeyName(p);
        if (key && FASTIFY_HOOKS.has(key)) chain.push(...chainNames(p.value));
        else if (key === 'method') httpMethod = (staticStringValue(p.value) ?? 'all').toLowerCase();
        else if (key === 'url' || key === 'path') path = pathText(p.value);
        else if (key === 'config' && p.value.type === 'ObjectExpression') {
          // @fastify/rate-limit's per-route settings: `config: { rateLimit: { max: 5 } }`.
          for (const c of p.value.properties) if (c.type === 'Property' && propertyKeyName(c) === 'rateLimit') chain.push('rateLimit');
        }
      }
    };
    if (method === 'route') readOptions(args[0]);
    else {
      const chained = objectNode !== callee.object;
      if (chained && callee.object.type === 'CallExpression') path = pathText(callee.object.arguments[0]);
      const middle = chained ? args.slice(0, -1) : args.slice(1, -1);
      if (!chained) path = pathText(args[0]);
      for (const a of middle) {
        if (a.type === 'ObjectExpression') readOptions(a);
        else chain.push(...chainNames(a));
      }
    }
    const prefix = this.routerPrefixes.get(object);
    const fullPath = prefix && path !== undefined ? `${prefix}/${path}` : path;
    const outer = this.objectChain(object, call.range[0], fullPath, 0);
    return {
      framework,
      method: httpMethod,
      words: [...routeWords, ...outer.words, ...identifierWords(prefix ?? '')],
      chain: [...chain, ...outer.names, ...this.globalNames],
      methodDecorators: [],
      ...this.handlerFacts(fn),
      reportStart: call.range[0],
      reportEnd,
    };
  }

  private nestFacts(fn: FunctionNode): Pick<RouteFacts, 'method' | 'chain' | 'methodDecorators'> {
    const methodDef = parentOf(fn);
    const cls = methodDef && parentOf(parentOf(methodDef) ?? methodDef);
    const decoratorNames = (decorators: ReadonlyArray<{ expression: AstNode }> | undefined): string[] =>
      (decorators ?? []).flatMap((d) => chainNames(d.expression));
    const own = methodDef?.type === 'MethodDefinition' ? decoratorNames(methodDef.decorators) : [];
    const onClass = cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') ? decoratorNames(cls.decorators) : [];
    const route = methodDef?.type === 'MethodDefinition'
      ? methodDef.decorators.find((d) => d.expression.type === 'CallExpression' && /^(?:Post|Put|Patch|Get|All|Delete)$/.test(calleeName(d.expression) ?? ''))
      : undefined;
    const method = route ? (calleeName(route.expression) ?? 'all').toLowerCase() : 'all';
    return { method, chain: [...own, ...onClass, ...this.globalNames], methodDecorators: own };
  }
}
