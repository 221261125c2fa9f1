// The quick fix for unverified payment notifications: reject the request in the framework's idiom unless the
// signature verifies, reusing the file's own verifier where it can and generating an HMAC helper where it cannot.
import type { AstNode, SourceFile, TextChange } from '../../server/src/engine';
import { identifierWords } from './identifiers';
import { staticStringValue } from './ast';
import { appendToFile, cryptoAccess, indentAt, indentUnit, lineEnding, nestCommonAccess, notificationVerifierHelper, type ModuleImports } from './signature-fixes';
import { calleeName, contains, parentOf, type FunctionNode, type SignatureFlow } from './signature-flow';
import { enclosingStatement, exitKind, type NotificationAnalysis, type UnitFacts, type Verification } from './signature-gating';
import { paramName, type HandlerSite } from './signature-handlers';
import { isReceivedSignatureName, isVerifierName } from './signature-names';

export interface GuardFix {
  id: string;
  title: string;
  changes: TextChange[];
}

export interface GuardContext {
  source: SourceFile;
  flow: SignatureFlow;
  imports: ModuleImports;
  analysis: NotificationAnalysis;
  sites: readonly HandlerSite[];
  verifiers: readonly string[];
  /** Header names the file reads that look like signature headers, with where they are read. */
  headerNames: ReadonlyArray<{ node: AstNode; value: string }>;
}

const HELPER_NAME = 'verifyNotificationSignature';
const TITLE = 'Reject the notification unless its signature verifies';

/** Provider → the header its notifications carry the signature in, and the variable the generated helper reads. */
const PROVIDERS: Record<string, { header: string; env: string }> = {
  stripe: { header: 'stripe-signature', env: 'STRIPE_WEBHOOK_SECRET' },
  wechat: { header: 'wechatpay-signature', env: 'WECHATPAY_NOTIFY_KEY' },
  wechatpay: { header: 'wechatpay-signature', env: 'WECHATPAY_NOTIFY_KEY' },
  wxpay: { header: 'wechatpay-signature', env: 'WECHATPAY_NOTIFY_KEY' },
  paypal: { header: 'paypal-transmission-sig', env: 'PAYPAL_WEBHOOK_SECRET' },
  adyen: { header: 'x-adyen-hmac-signature', env: 'ADYEN_HMAC_KEY' },
  codepay: { header: 'x-codepay-signature', env: 'CODEPAY_NOTIFY_KEY' },
};

type Params = FunctionNode['params'][number];

function decoratorOf(param: Params, names: readonly string[]): { name: string; arg?: string } | undefined {
  const decorators = (param as { decorators?: Array<{ expression: AstNode }> }).decorators ?? [];
  for (const d of decorators) {
    const e = d.expression;
    const name = e.type === 'CallExpression' ? calleeName(e) : e.type === 'Identifier' ? e.name : undefined;
    if (name && names.includes(name)) return { name, arg: e.type === 'CallExpression' ? staticStringValue(e.arguments[0] as AstNode | undefined) : undefined };
  }
  return undefined;
}

function nameOfParam(param: Params): string | undefined {
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left.name;
  return undefined;
}

/** How the handler reads the request: expressions for the raw body, the signature header and the rejection. */
interface Idiom {
  reject: string;
  raw?: string;
  signature?: string;
  headers?: string;
  request?: string;
  /** `await` is allowed in the handler. */
  async: boolean;
  changes: TextChange[];
}

interface Candidate {
  other: HandlerSite;
  v: Verification;
  awaited: boolean;
  rewritten: Map<string, string | undefined>;
}

export class GuardBuilder {
  private candidates: Candidate[] | undefined;
  private readonly eol: string;
  private readonly unit: string;

  constructor(private readonly ctx: GuardContext) {
    this.eol = lineEnding(ctx.source);
    this.unit = indentUnit(ctx.source);
  }

  build(site: HandlerSite, facts: UnitFacts): GuardFix | undefined {
    const provider = this.providerOf(site);
    const header = this.headerFor(site, provider);
    const idiom = this.idiom(site, header);
    if (!idiom) return undefined;
    const fromCatch = facts.swallowed && this.rejectInCatch(facts.swallowed, idiom);
    if (fromCatch) return fromCatch;
    const inPlace = facts.ignored && this.guardInPlace(facts.ignored, facts, idiom);
    if (inPlace) return inPlace;
    return this.guardAtTop(site, idiom, provider);
  }

  private providerOf(site: HandlerSite): string {
    const words = [...site.routeWords, ...site.fileWords, ...identifierWords(this.ctx.source.path)];
    return words.find((w) => Object.hasOwn(PROVIDERS, w)) ?? 'codepay';
  }

  private headerFor(site: HandlerSite, provider: string): string {
    const read = this.ctx.headerNames.find((h) => contains(site.fn, h.node) && isReceivedSignatureName(h.value));
    return read?.value ?? PROVIDERS[provider].header;
  }

  private idiom(site: HandlerSite, header: string): Idiom | undefined {
    const fn = site.fn;
    const first = paramName(fn, 0);
    const second = paramName(fn, 1);
    const async = fn.async;
    switch (site.framework) {
      case 'express':
      case 'next-pages':
        if (!first || !second) return undefined;
        return { reject: `return ${second}.status(401).end();`, raw: `${first}.body`, signature: `${first}.headers['${header}']`, headers: `${first}.headers`, request: first, async, changes: [] };
      case 'koa':
        if (!first) return undefined;
        return { reject: `${first}.throw(401, 'Invalid signature');`, raw: `${first}.request.rawBody`, signature: `${first}.get('${header}')`, headers: `${first}.headers`, request: first, async, changes: [] };
      case 'fastify':
        if (!first || !second) return undefined;
        return { reject: `return ${second}.code(401).send();`, raw: `${first}.body`, signature: `${first}.headers['${header}']`, headers: `${first}.headers`, request: first, async, changes: [] };
      case 'next-app':
        if (!first) return undefined;
        return {
          reject: `return new Response('Invalid signature', { status: 401 });`,
          raw: async ? `await ${first}.clone().text()` : undefined,
          signature: `${first}.headers.get('${header}')`,
          headers: `${first}.headers`,
          request: first,
          async,
          changes: [],
        };
      case 'nest':
        return this.nestIdiom(fn, header);
    }
  }

  private nestIdiom(fn: FunctionNode, header: string): Idiom | undefined {
    let raw: string | undefined;
    let request: string | undefined;
    let signature: string | undefined;
    let allHeaders: string | undefined;
    for (const param of fn.params) {
      const name = nameOfParam(param);
      if (!name) continue;
      const d = decoratorOf(param, ['Body', 'Req', 'Request', 'Headers']);
      if (!d) continue;
      if (d.name === 'Body' && d.arg === undefined) raw = name;
      else if (d.name === 'Req' || d.name === 'Request') request = name;
      else if (d.name === 'Headers' && d.arg !== undefined && isReceivedSignatureName(d.arg)) signature = name;
      else if (d.name === 'Headers' && d.arg === undefined) allHeaders = name;
    }
    raw ??= request ? `${request}.body` : undefined;
    if (!raw) return undefined;
    const needed = ['UnauthorizedException'];
    const changes: TextChange[] = [];
    if (!signature) signature = allHeaders ? `${allHeaders}['${header}']` : request ? `${request}.headers['${header}']` : undefined;
    let addedParam: { name: string } | undefined;
    if (!signature) {
      // No way to read the header yet: add a parameter for it.
      const bound = this.ctx.flow.boundIn(fn);
      const name = bound.has('signature') ? 'notificationSignature' : 'signature';
      addedParam = { name };
      signature = name;
      needed.push('Headers');
    }
    const access = nestCommonAccess(this.ctx.source, this.ctx.imports, needed);
    changes.push(...access.changes);
    if (addedParam) {
      const last = fn.params[fn.params.length - 1];
      changes.push({ start: last.range[1], end: last.range[1], text: `, @${access.refs.Headers}('${header}') ${addedParam.name}: string` });
    }
    return { reject: `throw new ${access.refs.UnauthorizedException}('Invalid signature');`, raw, signature, request, async: fn.async, changes };
  }

  /** A `catch` that carries on after the verifier failed: make it reject the request instead. */
  private rejectInCatch(v: Verification, idiom: Idiom): GuardFix | undefined {
    for (let n = parentOf(v.node); n; n = parentOf(n)) {
      if (n.type !== 'TryStatement' || !contains(n.block, v.node) || !n.handler || exitKind(n.handler.body)) continue;
      const body = n.handler.body;
      const last = body.body[body.body.length - 1];
      const change: TextChange = last
        ? { start: last.range[1], end: last.range[1], text: `${this.eol}${indentAt(this.ctx.source, last.range[0])}${idiom.reject}` }
        : {
          start: body.range[0],
          end: body.range[1],
          text: `{${this.eol}${indentAt(this.ctx.source, body.range[0])}${this.unit}${idiom.reject}${this.eol}${indentAt(this.ctx.source, body.range[1] - 1)}}`,
        };
      return { id: 'verifyGuard', title: TITLE, changes: [...idiom.changes, change] };
    }
    return undefined;
  }

  /** A verifier whose result is dropped (`verifySign(body);`, or bound and never tested): test it where it is. */
  private guardInPlace(v: Verification, facts: UnitFacts, idiom: Idiom): GuardFix | undefined {
    if (v.kind !== 'call') return undefined;
    const statement = enclosingStatement(v.node);
    if (!statement || facts.ungated.some((e) => e.node.range[0] < statement.range[1])) return undefined;
    const indent = indentAt(this.ctx.source, statement.range[0]);
    if (statement.type === 'ExpressionStatement') {
      const expression = statement.expression;
      const text = this.ctx.source.getText(expression);
      const test = expression.type === 'AwaitExpression' ? `!(${text})` : `!${text}`;
      return { id: 'verifyGuard', title: TITLE, changes: [...idiom.changes, { start: statement.range[0], end: statement.range[1], text: `if (${test}) ${idiom.reject}` }] };
    }
    if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1 && statement.declarations[0].id.type === 'Identifier') {
      const name = statement.declarations[0].id.name;
      return { id: 'verifyGuard', title: TITLE, changes: [...idiom.changes, { start: statement.range[1], end: statement.range[1], text: `${this.eol}${indent}if (!${name}) ${idiom.reject}` }] };
    }
    return undefined;
  }

  private guardAtTop(site: HandlerSite, idiom: Idiom, provider: string): GuardFix | undefined {
    const body = site.fn.body;
    if (body.type !== 'BlockStatement') return undefined;
    const check = this.reusedCheck(site, idiom) ?? this.helperCheck(site, idiom) ?? this.generatedCheck(idiom, provider);
    if (!check) return undefined;
    const first = body.body[0];
    const firstOnOwnLine = !!first && this.ctx.source.positionAt(first.range[0]).line > this.ctx.source.positionAt(body.range[0]).line;
    const indent = firstOnOwnLine ? indentAt(this.ctx.source, first.range[0]) : `${indentAt(this.ctx.source, body.range[0])}${this.unit}`;
    const guard = check.throwing
      ? [`try {`, `${this.unit}${check.call};`, `} catch {`, `${this.unit}${idiom.reject}`, `}`].map((l) => `${indent}${l}`).join(this.eol)
      : `${indent}if (!${check.awaited ? `(${check.call})` : check.call}) ${idiom.reject}`;
    // A body written on one line (`{ markPaid(); }`) keeps its statements, on the line after the guard.
    const closing = firstOnOwnLine ? '' : first ? `${this.eol}${indent}` : `${this.eol}${indentAt(this.ctx.source, body.range[1] - 1)}`;
    const end = first && !firstOnOwnLine ? first.range[0] : body.range[0] + 1;
    const insert: TextChange = { start: body.range[0] + 1, end, text: `${this.eol}${guard}${closing}` };
    return { id: 'verifyGuard', title: TITLE, changes: [...idiom.changes, ...check.changes, insert] };
  }

  /**
   * A verifier call the file already makes (`verifyCodePaySignature(req.body, req.get(…))`), in this handler too late
   * or in another one, rewritten for this handler's parameter names; only when it uses nothing but the parameters of
   * the handler it is in and module-level names. This handler's own call wins, then the route sharing most words.
   */
  private reusedCheck(site: HandlerSite, idiom: Idiom): Check | undefined {
    const mine = site.fn.params.map(nameOfParam);
    const myWords = new Set(site.routeWords);
    let best: { check: Check; score: number } | undefined;
    for (const candidate of this.reusable()) {
      const { other, v, awaited } = candidate;
      if (other.framework !== site.framework || (awaited && !idiom.async)) continue;
      const score = (other === site ? 100 : other.routeWords.filter((w) => myWords.has(w)).length) - (v.throwing ? 0.5 : 0);
      if (best && score <= best.score) continue;
      const key = mine.join(',');
      let call = candidate.rewritten.get(key);
      if (!candidate.rewritten.has(key)) candidate.rewritten.set(key, (call = this.rewriteFor(v.node, other.fn, other.fn.params.map(nameOfParam), mine)));
      if (call === undefined) continue;
      best = { check: { call: awaited ? `await ${call}` : call, awaited, throwing: v.throwing, changes: [] }, score };
    }
    return best?.check;
  }

  /** Verifier calls that gate their handler, collected once per file; rewrites are cached per parameter list. */
  private reusable(): Candidate[] {
    if (this.candidates) return this.candidates;
    this.candidates = [];
    for (const other of this.ctx.sites) {
      const facts = this.ctx.analysis.analyze(other.fn);
      for (const v of facts.verifications) {
        if (v.kind !== 'call' || v === facts.ignored || v === facts.swallowed || v.node.type !== 'CallExpression') continue;
        this.candidates.push({ other, v, awaited: parentOf(v.node)?.type === 'AwaitExpression', rewritten: new Map() });
      }
    }
    return this.candidates;
  }

  /** The call's text with the other handler's parameters renamed; undefined when it needs that handler's locals. */
  private rewriteFor(call: AstNode, fn: FunctionNode, theirs: Array<string | undefined>, mine: Array<string | undefined>): string | undefined {
    const text = this.ctx.source.getText(call);
    if (text.includes('${')) return undefined;
    const locals = this.ctx.flow.boundIn(fn);
    let failed = false;
    const out = text.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1|(\.\s*)?([A-Za-z_$][\w$]*)/g, (match, quote: string | undefined, dot: string | undefined, name: string | undefined) => {
      if (quote || dot || !name) return match;
      const index = theirs.indexOf(name);
      if (index >= 0) {
        const replacement = mine[index];
        if (!replacement) failed = true;
        return replacement ?? match;
      }
      if (locals.has(name)) failed = true;
      return match;
    });
    return failed ? undefined : out;
  }

  /** A verifier function of the file whose parameters can all be supplied from this handler's request. */
  private helperCheck(site: HandlerSite, idiom: Idiom): Check | undefined {
    const handlerFns = new Set(this.ctx.sites.map((s) => s.fn));
    for (const [name, fns] of this.ctx.analysis.namedFunctions()) {
      if (fns.length !== 1 || !isVerifierName(name, this.ctx.verifiers)) continue;
      const fn = fns[0];
      if (handlerFns.has(fn) || contains(fn, site.fn) || !this.ctx.analysis.analyze(fn).verifications.length) continue;
      if (fn.async && !idiom.async) continue;
      const args: string[] = [];
      for (const param of fn.params) {
        const arg = this.argumentFor(nameOfParam(param), idiom);
        if (arg === undefined) break;
        args.push(arg);
      }
      if (args.length !== fn.params.length || args.length === 0) continue;
      const call = `${name}(${args.join(', ')})`;
      const throwing = this.ctx.analysis.analyze(fn).returnsValue === false;
      return { call: fn.async ? `await ${call}` : call, awaited: fn.async, throwing, changes: [] };
    }
    return undefined;
  }

  private argumentFor(name: string | undefined, idiom: Idiom): string | undefined {
    if (!name) return undefined;
    if (/^(?:req|request|ctx|context)$/.test(name)) return idiom.request;
    if (name === 'headers') return idiom.headers;
    if (isReceivedSignatureName(name)) return idiom.signature;
    if (/raw|body|payload|data|params|notification|message|content|buf/i.test(name)) return idiom.raw;
    return undefined;
  }

  /** A generated HMAC-SHA256 helper at the end of the file, with node:crypto imported if needed. */
  private generatedCheck(idiom: Idiom, provider: string): Check | undefined {
    if (!idiom.raw || !idiom.signature) return undefined;
    const access = cryptoAccess(this.ctx.source, this.ctx.imports, ['createHmac', 'timingSafeEqual']);
    const helper = notificationVerifierHelper(this.ctx.source, HELPER_NAME, PROVIDERS[provider].env, access.refs);
    return {
      call: `${HELPER_NAME}(${idiom.raw}, ${idiom.signature})`,
      awaited: false,
      throwing: false,
      changes: [...access.changes, appendToFile(this.ctx.source, helper)],
    };
  }
}

interface Check {
  call: string;
  awaited: boolean;
  throwing: boolean;
  changes: TextChange[];
}
