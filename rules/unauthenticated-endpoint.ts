// unauthenticated-endpoint: refund, payout, admin, customer-export, merchant-key and role-change routes registered with
// no authentication visible in the same file (guideline 2.2d, 2.5m).
import { defineRule } from '../server/src/engine';
import { isAuthCall, isAuthName, isAuthOptOut, sensitiveRouteKind } from './shared/access-names';
import { RouteCollector } from './shared/access-routes';
import { stringListOr } from './shared/options';

/** Cheap gate: the file must register or export a handler and mention a sensitive operation. */
const HANDLER_HINT = /\.(?:post|put|patch|delete|del|get|all|route)\s*\(|@(?:Post|Put|Patch|Delete|Get|All)\s*\(|export\s/;
const SENSITIVE_HINT = /refund|payout|withdraw|settle|admin|back-?office|export|dump|download|csv|key|secret|credential|role|permission|privilege/i;
/** sensitiveRouteKind()'s words (access-names) but the export words, which need PEOPLE_HINT too (`back`+`office` as `office`). */
const SENSITIVE_ROUTE_HINT = /refund|payout|withdraw|settle|admin|office|key|secret|credential|role|permission|privilege/i;
const EXPORT_HINT = /export|dump|download|csv/i;
const PEOPLE_HINT = /customer|user|member|client|merchant/i;

export default defineRule({
  meta: {
    id: 'unauthenticated-endpoint',
    description: 'Require authentication on refund, payout, admin, export, key and role-change routes',
    guideline: ['2.2d', '2.5m'],
    defaultSeverity: 'warning',
    why: 'A refund, payout, admin or export route without authentication can be called by anyone who finds or guesses the URL: money leaves the merchant account, customer data leaks and roles get changed with no trace of who did it.',
    howToFix: 'Put the authentication middleware or guard in front of the route (route, router or app level), add the role check the operation needs, or check the session at the top of a Next.js handler and return 401 when it is missing.',
    messages: {
      unauthenticated: 'This {{kind}} route has no authentication visible in this file (no auth middleware, guard, hook or session check), so anyone who finds the URL can call it (guideline 2.2d, 2.5m).',
      optedOut: 'This {{kind}} route opts out of authentication with `@{{decorator}}()`, so anyone who finds the URL can call it (guideline 2.2d, 2.5m).',
    },
    defaultOptions: { authMiddleware: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        authMiddleware: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names of the team\'s own authentication middleware, guards, hooks or session helpers (e.g. "requireStaff"); a route with one of them in front counts as authenticated.',
        },
      },
      additionalProperties: false,
    },
  },
  // create()'s gate, and the words sensitiveRouteKind() needs in the route's words (which come from the text and the
  // path): `export` and the other export words count only next to the people whose data is exported.
  mayReport: (file) => !file.isTestFile && HANDLER_HINT.test(file.text)
    && (SENSITIVE_HINT.test(file.text) || SENSITIVE_HINT.test(file.path))
    && (SENSITIVE_ROUTE_HINT.test(file.text) || SENSITIVE_ROUTE_HINT.test(file.path)
      || ((EXPORT_HINT.test(file.text) || EXPORT_HINT.test(file.path)) && (PEOPLE_HINT.test(file.text) || PEOPLE_HINT.test(file.path)))),
  create(context) {
    const { source } = context;
    // Tests stand routes up without auth on purpose; the app's own files are where the check must be.
    if (source.isTestFile || !HANDLER_HINT.test(source.text) || (!SENSITIVE_HINT.test(source.text) && !SENSITIVE_HINT.test(source.path))) return {};
    const configured = stringListOr(context.options.authMiddleware, []);
    const routes = RouteCollector.of(context);
    return {
      'Program:exit'() {
        for (const route of routes.routes()) {
          const kind = sensitiveRouteKind(route.words, route.method);
          if (!kind) continue;
          const at = { start: route.reportStart, end: route.reportEnd };
          const optOut = route.methodDecorators.find((d) => isAuthOptOut(d));
          if (optOut) {
            context.report({ ...at, messageId: 'optedOut', data: { kind, decorator: optOut } });
            continue;
          }
          if (route.chain.some((n) => isAuthName(n, configured))) continue;
          if (route.checksUser || route.innerCalls.some((c) => isAuthCall(c.name, c.object, configured))) continue;
          context.report({ ...at, messageId: 'unauthenticated', data: { kind } });
        }
      },
    };
  },
});
