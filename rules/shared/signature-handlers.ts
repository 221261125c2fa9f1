// Finding HTTP handlers and how they are registered: Express, Koa and Fastify routes, NestJS controller methods,
// Next.js App Router route handlers and Pages API routes, with the middleware, guards and hooks in front of them.
import type { AstNode, NodeVisitor, RuleContext, SourceFile } from '../../server/src/engine';
import { identifierWords } from './identifiers';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import { calleeName, functionName, isFunctionNode, parentOf, SignatureFlow, type FunctionNode } from './signature-flow';
import { ModuleImports } from './signature-fixes';
import { isVerifyingMiddlewareName } from './signature-names';

export type Framework = 'express' | 'koa' | 'fastify' | 'nest' | 'next-app' | 'next-pages';

export interface HandlerSite {
  framework: Framework;
  fn: FunctionNode;
  /** Where findings go: the registration call up to its path, the route decorator, or the export. */
  reportStart: number;
  reportEnd: number;
  /** Words of the route path, the handler, router and controller names. */
  routeWords: readonly string[];
  /** Words of the file path that name the route (Next.js) or the module (`webhooks.ts`). */
  fileWords: readonly string[];
  /** A verifier runs before the handler: route middleware, a Nest guard, a Fastify hook, `router.use(verify…)`. */
  verifiedOutside: boolean;
}

type CallNode = Extract<AstNode, { type: 'CallExpression' }>;
type MethodNode = Extract<AstNode, { type: 'MethodDefinition' }>;
type ExportNamedNode = Extract<AstNode, { type: 'ExportNamedDeclaration' }>;
type ExportDefaultNode = Extract<AstNode, { type: 'ExportDefaultDeclaration' }>;

const ROUTE_METHODS = new Set(['post', 'put', 'patch', 'delete', 'del', 'get', 'all']);
const NEST_ROUTE_DECORATORS = new Set(['Post', 'Put', 'Patch', 'Delete', 'Get', 'All']);
const NEXT_EXPORTS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']);
const FASTIFY_HOOKS = new Set(['preHandler', 'preValidation', 'onRequest', 'preParsing']);
/** HTTP clients share method names with routers (`axios.post(url, body)`); their calls are not registrations. */
const HTTP_CLIENTS = new Set(['axios', 'http', 'https', 'fetch', 'got', 'superagent', 'ky', 'request', 'client', 'api', 'httpClient', '$http', 'agent', 'supertest', 'instance']);
const NEXT_APP_ROUTE = /(?:^|\/)app\/((?:[^/]+\/)*)route\.[cm]?[jt]sx?$/;
const NEXT_PAGES_API = /(?:^|\/)pages\/api\/(.+)\.[cm]?[jt]sx?$/;

function fileStem(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The name of a handler's parameter at a position (`req`, `res`, `ctx`, `reply`), if it is a plain identifier. */
export function paramName(fn: FunctionNode, index: number): string | undefined {
  const p = fn.params[index];
  return p?.type === 'Identifier' ? p.name : p?.type === 'AssignmentPattern' && p.left.type === 'Identifier' ? p.left.name : undefined;
}

/** Names a middleware argument goes by: `verifySignature`, `verifySignature(secret)`, `guards.verifyWebhook`, arrays of them. */
function middlewareNames(node: AstNode): string[] {
  switch (node.type) {
    case 'Identifier': return [node.name];
    case 'MemberExpression': return [lastSegmentName(node) ?? ''];
    case 'CallExpression': return [calleeName(node) ?? ''];
    case 'NewExpression': return [lastSegmentName(node.callee) ?? ''];
    case 'ArrayExpression': return node.elements.flatMap((e) => (e && e.type !== 'SpreadElement' ? middlewareNames(e) : []));
    default: return [];
  }
}

function routeText(node: AstNode | undefined): string {
  if (!node) return '';
  const s = staticStringValue(node);
  if (s !== undefined) return s;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join(' ');
  return node.type === 'Identifier' || node.type === 'MemberExpression' ? lastSegmentName(node) ?? '' : '';
}

/** Collects route registrations and route-like exports during the traversal; `find()` resolves them afterwards. */
export class HandlerFinder {
  private readonly calls: CallNode[] = [];
  /** Router or app objects with a verifying `use(…)` / `addHook(…)`, by source text. */
  private readonly verifiedRouters = new Set<string>();
  private readonly methods: MethodNode[] = [];
  private readonly namedExports: ExportNamedNode[] = [];
  private defaultExport: ExportDefaultNode | undefined;
  private readonly nextAppWords: readonly string[] | undefined;
  private readonly pagesWords: readonly string[] | undefined;

  readonly visitors: Record<string, NodeVisitor>;

  /**
   * The file's handlers with no configured verifier, shared by every rule that needs them, with the shared flow and
   * imports. A rule with its own verifiers builds its own finder (and dispatches its visitors itself).
   */
  static of(context: Pick<RuleContext, 'source' | 'shared'>): HandlerFinder {
    return context.shared('handler-finder', () => new HandlerFinder(context.source, SignatureFlow.of(context), [], ModuleImports.of(context).specifiers));
  }

  constructor(private readonly source: SourceFile, private readonly flow: SignatureFlow, private readonly verifiers: readonly string[], private readonly imports: readonly string[]) {
    const app = NEXT_APP_ROUTE.exec(source.path);
    this.nextAppWords = app ? identifierWords(app[1]) : undefined;
    const pages = NEXT_PAGES_API.exec(source.path);
    this.pagesWords = pages ? identifierWords(pages[1]) : undefined;
    this.visitors = {
      CallExpression: (node: CallNode) => {
        if (node.callee.type !== 'MemberExpression' || node.arguments.length === 0) return;
        const method = memberPropertyName(node.callee);
        if (!method) return;
        if (ROUTE_METHODS.has(method) || method === 'route') this.calls.push(node);
        else if ((method === 'use' || method === 'addHook') && node.arguments.some((a) => middlewareNames(a).some((n) => isVerifyingMiddlewareName(n, verifiers)))) {
          this.verifiedRouters.add(this.source.getText(node.callee.object));
        }
      },
      MethodDefinition: (node: MethodNode) => {
        if (node.decorators?.length) this.methods.push(node);
      },
      ExportNamedDeclaration: (node: ExportNamedNode) => {
        if (this.nextAppWords) this.namedExports.push(node);
      },
      ExportDefaultDeclaration: (node: ExportDefaultNode) => {
        if (this.pagesWords) this.defaultExport = node;
      },
    };
  }

  find(): HandlerSite[] {
    const out: HandlerSite[] = [];
    for (const call of this.calls) {
      const site = this.fromRegistration(call);
      if (site) out.push(site);
    }
    for (const method of this.methods) {
      const site = this.fromNestMethod(method);
      if (site) out.push(site);
    }
    for (const node of this.namedExports) out.push(...this.fromNextExport(node));
    if (this.defaultExport) {
      const site = this.fromPagesExport(this.defaultExport);
      if (site) out.push(site);
    }
    return out;
  }

  private guessFramework(fn: FunctionNode, hasHookOptions: boolean): Framework {
    const first = paramName(fn, 0);
    const second = paramName(fn, 1);
    if (hasHookOptions || second === 'reply' || second === 'rep') return 'fastify';
    if (first === 'ctx' || first === 'context' || (fn.params.length === 1 && this.imports.some((s) => /^(?:koa|@koa\/router|koa-router)$/.test(s)))) return 'koa';
    if (second === undefined && this.imports.includes('fastify')) return 'fastify';
    return 'express';
  }

  private fromRegistration(call: CallNode): HandlerSite | undefined {
    const callee = call.callee as Extract<AstNode, { type: 'MemberExpression' }>;
    const method = memberPropertyName(callee)!;
    const routerName = lastSegmentName(callee.object) ?? '';
    if (HTTP_CLIENTS.has(routerName) || callee.object.type === 'CallExpression' && calleeName(callee.object) === 'request') return undefined;
    const args = call.arguments.filter((a): a is Exclude<typeof a, { type: 'SpreadElement' }> => a.type !== 'SpreadElement');
    let path: AstNode | undefined;
    let handler: AstNode | undefined;
    const middleware: AstNode[] = [];
    let hookOptions = false;
    if (method === 'route') {
      // Fastify's full declaration: `fastify.route({ method: 'POST', url, preHandler, handler })`.
      const options = args[0];
      if (args.length !== 1 || options.type !== 'ObjectExpression') return undefined;
      for (const prop of options.properties) {
        if (prop.type !== 'Property') continue;
        const key = propertyKeyName(prop);
        if (key === 'url' || key === 'path') path = prop.value;
        else if (key === 'handler') handler = prop.value;
        else if (key && FASTIFY_HOOKS.has(key)) {
          middleware.push(prop.value);
          hookOptions = true;
        }
      }
    } else {
      // `router.route('/notify').post(handler)` names the path on the inner call.
      const chained = callee.object.type === 'CallExpression' && calleeName(callee.object) === 'route' ? callee.object.arguments[0] : undefined;
      if (args.length < (chained ? 1 : 2)) return undefined;
      handler = args[args.length - 1];
      const rest = args.slice(0, -1);
      if (chained) path = chained;
      else path = rest.shift();
      for (const a of rest) {
        if (a.type === 'ObjectExpression') {
          for (const prop of a.properties) {
            const key = prop.type === 'Property' ? propertyKeyName(prop) : undefined;
            if (prop.type === 'Property' && key && FASTIFY_HOOKS.has(key)) {
              middleware.push(prop.value);
              hookOptions = true;
            }
          }
        } else middleware.push(a);
      }
    }
    if (!handler || !path) return undefined;
    const pathText = routeText(path);
    if (pathText.includes('://')) return undefined;
    const fn = this.flow.functionOf(handler);
    if (!fn) return undefined;
    const handlerName = handler.type === 'Identifier' ? handler.name : functionName(fn);
    const verifiedOutside = this.verifiedRouters.has(this.source.getText(callee.object))
      || middleware.some((m) => middlewareNames(m).some((n) => isVerifyingMiddlewareName(n, this.verifiers)));
    return {
      framework: this.guessFramework(fn, hookOptions),
      fn,
      reportStart: call.range[0],
      reportEnd: method === 'route' ? callee.range[1] : path.range[1] <= callee.range[1] ? callee.range[1] : path.range[1],
      routeWords: identifierWords(`${pathText} ${handlerName ?? ''} ${routerName}`),
      fileWords: identifierWords(fileStem(this.source.path)),
      verifiedOutside,
    };
  }

  private fromNestMethod(method: MethodNode): HandlerSite | undefined {
    const route = method.decorators.find((d) => d.expression.type === 'CallExpression' && d.expression.callee.type === 'Identifier' && NEST_ROUTE_DECORATORS.has(d.expression.callee.name));
    if (!route || route.expression.type !== 'CallExpression' || !isFunctionNode(method.value)) return undefined;
    const cls = parentOf(parentOf(method) ?? method);
    if (!cls || (cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression')) return undefined;
    const controller = cls.decorators.find((d) => (d.expression.type === 'CallExpression' ? calleeName(d.expression) : lastSegmentName(d.expression)) === 'Controller');
    if (!controller) return undefined;
    const controllerPath = controller.expression.type === 'CallExpression' ? routeText(controller.expression.arguments[0]) : '';
    const guarded = [...cls.decorators, ...method.decorators].some((d) => {
      const e = d.expression;
      if (e.type !== 'CallExpression' || calleeName(e) !== 'UseGuards') return false;
      return e.arguments.some((a) => middlewareNames(a).some((n) => isVerifyingMiddlewareName(n, this.verifiers)));
    });
    const methodName = method.key.type === 'Identifier' ? method.key.name : '';
    return {
      framework: 'nest',
      fn: method.value,
      reportStart: route.range[0],
      reportEnd: route.range[1],
      routeWords: identifierWords(`${controllerPath} ${routeText(route.expression.arguments[0])} ${methodName} ${cls.id?.name ?? ''}`),
      fileWords: identifierWords(fileStem(this.source.path)),
      verifiedOutside: guarded,
    };
  }

  private fromNextExport(node: ExportNamedNode): HandlerSite[] {
    const words = this.nextAppWords ?? [];
    const decl = node.declaration;
    const make = (fn: FunctionNode, nameEnd: number): HandlerSite => ({
      framework: 'next-app', fn, reportStart: node.range[0], reportEnd: nameEnd, routeWords: [], fileWords: words, verifiedOutside: false,
    });
    if (decl?.type === 'FunctionDeclaration' && decl.id && NEXT_EXPORTS.has(decl.id.name)) return [make(decl, decl.id.range[1])];
    if (decl?.type === 'VariableDeclaration') {
      return decl.declarations.flatMap((d) => (d.id.type === 'Identifier' && NEXT_EXPORTS.has(d.id.name) && d.init && isFunctionNode(d.init) ? [make(d.init, d.id.range[1])] : []));
    }
    return [];
  }

  private fromPagesExport(node: ExportDefaultNode): HandlerSite | undefined {
    const decl = node.declaration;
    const fn = this.flow.functionOf(decl as AstNode);
    if (!fn) return undefined;
    const keyword = this.source.text.indexOf('default', node.range[0]);
    const nameEnd = decl.type === 'FunctionDeclaration' && decl.id ? decl.id.range[1] : keyword + 'default'.length;
    return { framework: 'next-pages', fn, reportStart: node.range[0], reportEnd: nameEnd, routeWords: [], fileWords: this.pagesWords ?? [], verifiedOutside: false };
  }
}
