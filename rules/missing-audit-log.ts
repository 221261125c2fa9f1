// missing-audit-log: HTTP handlers that move money or change privileges without writing an audit record (guideline 2.2e).
import { defineRule, type AstNode } from '../server/src/engine';
import { memberPropertyName, propertyKeyName, staticStringValue } from './shared/ast';
import { ADMIN_WORDS, isAuditCall, namesAudit, operationOf, type Operation } from './shared/audit-log-names';
import { contains, isFunctionNode, nodesWithin, parentOf, SignatureFlow, type FunctionNode } from './shared/signature-flow';
import { HandlerFinder, type HandlerSite } from './shared/signature-handlers';
import { stringListOr } from './shared/options';

type CallNode = Extract<AstNode, { type: 'CallExpression' }>;
type MethodNode = Extract<AstNode, { type: 'MethodDefinition' }>;

/** Cheap gate: without one of these fragments no handler here can move money or change privileges. */
const OPERATION_HINT = /refund|payout|withdraw|disburse|transfer|captur|void|role|permission|privilege|admin|grant|revoke|promot|demot|elevat|owner|key|secret|credential|password|acl/i;
const HANDLER_HINT = /\.(?:post|put|patch|delete|del|all|route)\s*\(|@(?:Post|Put|Patch|Delete|All)\s*\(|export\s/;
/** Provider notifications only confirm what the provider did; their protection is the signature, not an audit entry. */
const NOTIFY_WORDS = new Set(['webhook', 'webhooks', 'notify', 'notification', 'notifications', 'ipn', 'callback', 'callbacks', 'hook', 'hooks']);
const ROUTE_METHODS = new Set(['post', 'put', 'patch', 'delete', 'del', 'get', 'all', 'route']);
/** How far calls into same-file helpers are followed (`refundOrder()` that itself audits). */
const MAX_HELPER_DEPTH = 4;

const DEFAULT_AUDIT_LOGGERS = ['audit', 'auditLog', 'recordAudit', 'audit.log', 'auditTrail.record', 'logAudit', 'writeAuditLog', 'AuditService.*', 'this.audit.*'];

export default defineRule({
  meta: {
    id: 'missing-audit-log',
    description: 'Write an audit record when a handler moves money or changes privileges',
    guideline: ['2.2e'],
    defaultSeverity: 'info',
    why: 'Refunds, payouts, role changes and key rotations are what an insider or a stolen admin session abuses; without an audit record of who did it, when, why and to what, the abuse can be neither detected nor proven.',
    howToFix: 'Write an audit entry in the same handler (actor, action, target, reason, time, source IP) through your audit helper, ideally in the same transaction as the operation; name your own audit helpers in the rule options.',
    messages: {
      moneyMovement: 'This handler makes {{operation}} but writes no audit record, so nobody can later tell who moved the money, when or why (guideline 2.2e).',
      privilegeChange: 'This handler makes {{operation}} but writes no audit record, so nobody can later tell who changed the access, when or why (guideline 2.2e).',
    },
    defaultOptions: { auditLoggers: DEFAULT_AUDIT_LOGGERS },
    optionsSchema: {
      type: 'object',
      properties: {
        auditLoggers: {
          type: 'array',
          items: { type: 'string' },
          description: 'Functions that write audit records: a name (`recordActivity`), a dotted path (`journal.append`) or every method of an object (`ActivityService.*`). Callees, decorators and middleware with "audit" in their name always count.',
        },
      },
      additionalProperties: false,
    },
  },
  // The same gate as create().
  mayReport: (file) => !file.isTestFile && HANDLER_HINT.test(file.text) && OPERATION_HINT.test(file.text),
  create(context) {
    const { source } = context;
    // Tests exercise handlers with fakes; there is nobody to audit.
    if (source.isTestFile || !HANDLER_HINT.test(source.text) || !OPERATION_HINT.test(source.text)) return {};
    const auditLoggers = stringListOr(context.options.auditLoggers, DEFAULT_AUDIT_LOGGERS);
    const flow = SignatureFlow.of(context);
    const finder = HandlerFinder.of(context);
    /** Every call in the file, in source order. */
    const calls: CallNode[] = [];
    /** Route registrations by start offset, to read their HTTP method and middleware. */
    const registrations = new Map<number, CallNode[]>();
    /** Routers and apps with an audit middleware or hook for all their routes, by source text. */
    const auditedRouters = new Set<string>();

    const auditMemo = new Map<AstNode, boolean>();
    // By context: in a staff route `resetPassword` is an administrator's action, in a self-service one it is not.
    const operationMemo = { admin: new Map<AstNode, Operation | undefined>(), other: new Map<AstNode, Operation | undefined>() };

    const callsIn = (fn: AstNode): CallNode[] => nodesWithin(calls, fn);

    /** The same-file function a call runs: `refundOrder(…)` or `this.refundOrder(…)` within a class. */
    const targetOf = (call: CallNode): FunctionNode | undefined => {
      const callee = call.callee;
      if (callee.type === 'Identifier') return flow.functionOf(callee);
      if (callee.type !== 'MemberExpression' || callee.object.type !== 'ThisExpression') return undefined;
      const name = memberPropertyName(callee);
      for (let n = parentOf(call); n; n = parentOf(n)) {
        if (n.type !== 'ClassBody') continue;
        const method = n.body.find((m): m is MethodNode => m.type === 'MethodDefinition' && propertyKeyName(m) === name);
        return method && isFunctionNode(method.value) ? method.value : undefined;
      }
      return undefined;
    };

    /** True when the function, or a same-file helper it calls, writes an audit record. */
    const audits = (fn: AstNode, depth: number): boolean => {
      const memo = auditMemo.get(fn);
      if (memo !== undefined) return memo;
      auditMemo.set(fn, false);
      const result = callsIn(fn).some((c) => {
        if (isAuditCall(c, auditLoggers)) return true;
        const target = depth < MAX_HELPER_DEPTH ? targetOf(c) : undefined;
        return !!target && !contains(target, fn) && audits(target, depth + 1);
      });
      auditMemo.set(fn, result);
      return result;
    };

    /** The first operation a function performs, directly or through a same-file helper. */
    const firstOperation = (fn: AstNode, admin: boolean, depth: number): Operation | undefined => {
      const memo = admin ? operationMemo.admin : operationMemo.other;
      if (memo.has(fn)) return memo.get(fn);
      memo.set(fn, undefined);
      let found: Operation | undefined;
      for (const c of callsIn(fn)) {
        found = operationOf(c, admin);
        const target = !found && depth < MAX_HELPER_DEPTH ? targetOf(c) : undefined;
        if (target && !contains(target, fn)) found = firstOperation(target, admin, depth + 1);
        if (found) break;
      }
      memo.set(fn, found);
      return found;
    };

    /** The handler's first call that moves money or changes privileges (itself or through a helper), for the report. */
    const offendingCall = (fn: FunctionNode, admin: boolean): { call: CallNode; operation: Operation } | undefined => {
      for (const call of callsIn(fn)) {
        let operation = operationOf(call, admin);
        const target = operation ? undefined : targetOf(call);
        if (target && !contains(target, fn)) operation = firstOperation(target, admin, 1);
        if (operation) return { call, operation };
      }
      return undefined;
    };

    /** The registration call of an Express/Koa/Fastify handler, to read its method and middleware. */
    const registrationOf = (site: HandlerSite): CallNode | undefined => (registrations.get(site.reportStart) ?? []).find((call) => {
      const last = call.arguments[call.arguments.length - 1];
      if (last && last.type !== 'SpreadElement' && flow.functionOf(last) === site.fn) return true;
      const options = call.arguments[0];
      return options?.type === 'ObjectExpression' && options.properties.some((p) => p.type === 'Property' && propertyKeyName(p) === 'handler' && flow.functionOf(p.value as AstNode) === site.fn);
    });

    /** GET routes read; they are not where money moves or roles change. */
    const isReadOnly = (site: HandlerSite, registration: CallNode | undefined): boolean => {
      if (site.framework === 'nest') {
        const method = parentOf(site.fn);
        return method?.type === 'MethodDefinition' && method.decorators.some((d) => d.range[0] === site.reportStart && source.getText(d).startsWith('@Get'));
      }
      if (site.framework === 'next-app') return source.text.slice(site.reportEnd - 3, site.reportEnd) === 'GET';
      if (!registration || registration.callee.type !== 'MemberExpression') return false;
      const method = memberPropertyName(registration.callee);
      if (method === 'get') return true;
      if (method !== 'route') return false;
      const options = registration.arguments[0];
      if (options?.type !== 'ObjectExpression') return false;
      const value = options.properties.find((p) => p.type === 'Property' && propertyKeyName(p) === 'method');
      return value?.type === 'Property' && staticStringValue(value.value)?.toUpperCase() === 'GET';
    };

    /** An audit decorator or interceptor on the Nest method or controller, audit middleware on the route or its router. */
    const auditedOutside = (site: HandlerSite, registration: CallNode | undefined): boolean => {
      if (site.framework === 'nest') {
        const method = parentOf(site.fn);
        const cls = method && parentOf(parentOf(method) ?? method);
        const decorators = [
          ...(method?.type === 'MethodDefinition' ? method.decorators : []),
          ...(cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') ? cls.decorators : []),
        ];
        return decorators.some((d) => namesAudit(d.expression, auditLoggers));
      }
      if (!registration || registration.callee.type !== 'MemberExpression') return false;
      if (auditedRouters.has(source.getText(registration.callee.object))) return true;
      return registration.arguments.slice(0, -1).some((a) => {
        if (a.type === 'SpreadElement') return false;
        if (a.type === 'ObjectExpression') return a.properties.some((p) => p.type === 'Property' && propertyKeyName(p) !== 'handler' && namesAudit(p.value as AstNode, auditLoggers));
        return namesAudit(a, auditLoggers);
      });
    };

    return {
      CallExpression(node: CallNode) {
        calls.push(node);
        if (node.callee.type !== 'MemberExpression') return;
        const method = memberPropertyName(node.callee);
        if (method && ROUTE_METHODS.has(method)) {
          const list = registrations.get(node.range[0]);
          if (list) list.push(node);
          else registrations.set(node.range[0], [node]);
        } else if ((method === 'use' || method === 'addHook') && node.arguments.some((a) => a.type !== 'SpreadElement' && namesAudit(a, auditLoggers))) {
          auditedRouters.add(source.getText(node.callee.object));
        }
      },
      'Program:exit'() {
        // Source order for callsIn (the traversal's order already, bar visitor-key orders that differ from the source).
        calls.sort((a, b) => a.range[0] - b.range[0]);
        const seen = new Set<AstNode>();
        for (const site of finder.find()) {
          if (seen.has(site.fn)) continue;
          seen.add(site.fn);
          const words = [...site.routeWords, ...site.fileWords];
          if (words.some((w) => NOTIFY_WORDS.has(w))) continue;
          const registration = registrationOf(site);
          if (isReadOnly(site, registration) || auditedOutside(site, registration)) continue;
          const offending = offendingCall(site.fn, words.some((w) => ADMIN_WORDS.has(w)));
          if (!offending || audits(site.fn, 0)) continue;
          const { call, operation } = offending;
          context.report({
            start: call.range[0],
            end: call.callee.range[1],
            messageId: operation.kind === 'money' ? 'moneyMovement' : 'privilegeChange',
            data: { operation: operation.label },
            fingerprintKey: operation.label,
          });
        }
      },
    };
  },
});
