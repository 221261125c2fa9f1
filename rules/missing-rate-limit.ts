// missing-rate-limit: coupon, promo-code, lottery, red-packet, flash-sale and redeem endpoints with no rate limiter,
// captcha or anti-bot check visible in the same file (guideline 2.1a).
import { defineRule } from '../server/src/engine';
import { campaignRouteKind, isRateLimitName } from './shared/access-names';
import { RouteCollector } from './shared/access-routes';
import { stringListOr } from './shared/options';

/** Cheap gate: the file must register or export a handler and mention a campaign. */
const HANDLER_HINT = /\.(?:post|put|patch|delete|del|get|all|route)\s*\(|@(?:Post|Put|Patch|Delete|Get|All)\s*\(|export\s/;
const CAMPAIGN_HINT = /campaign|coupon|promo|voucher|lottery|raffle|lucky|giveaway|prize|red.?packet|red.?envelope|hongbao|flash.?sale|seckill|redeem|redemption|bonus|check.?in/i;

export default defineRule({
  meta: {
    id: 'missing-rate-limit',
    description: 'Rate-limit coupon, promo, lottery, red-packet, flash-sale and redeem endpoints',
    guideline: ['2.1a'],
    defaultSeverity: 'info',
    why: 'Campaign endpoints hand out money-like value. Without a rate limit, captcha or anti-bot check, scripts brute-force coupon codes, drain red packets and lotteries, and buy out flash sales before real customers get a chance.',
    howToFix: 'Put a rate limiter (express-rate-limit, koa-ratelimit, @fastify/rate-limit, Nest ThrottlerGuard/@Throttle) keyed by user or IP in front of the route, and add a captcha or anti-bot check for high-value campaigns.',
    messages: {
      missing: 'This {{kind}} endpoint has no rate limit, captcha or anti-bot check in front of it in this file, so bots can hammer it and drain the campaign (guideline 2.1a).',
      skipped: 'This {{kind}} endpoint switches rate limiting off with `@SkipThrottle()`, so bots can hammer it and drain the campaign (guideline 2.1a).',
    },
    defaultOptions: { rateLimiters: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        rateLimiters: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names of the team\'s own rate-limit, captcha or anti-bot middleware, guards and helpers (e.g. "campaignShield"); a route with one of them in front counts as protected.',
        },
      },
      additionalProperties: false,
    },
  },
  // The same gate as create(): no handler or no campaign word in the text or the path, no route to judge.
  mayReport: (file) => !file.isTestFile && HANDLER_HINT.test(file.text) && (CAMPAIGN_HINT.test(file.text) || CAMPAIGN_HINT.test(file.path)),
  create(context) {
    const { source } = context;
    if (source.isTestFile || !HANDLER_HINT.test(source.text) || (!CAMPAIGN_HINT.test(source.text) && !CAMPAIGN_HINT.test(source.path))) return {};
    const configured = stringListOr(context.options.rateLimiters, []);
    const routes = RouteCollector.of(context);
    return {
      'Program:exit'() {
        for (const route of routes.routes()) {
          const kind = campaignRouteKind(route.words);
          if (!kind) continue;
          const at = { start: route.reportStart, end: route.reportEnd };
          if (route.methodDecorators.includes('SkipThrottle')) {
            context.report({ ...at, messageId: 'skipped', data: { kind } });
            continue;
          }
          if (route.chain.some((n) => isRateLimitName(n, configured))) continue;
          // Limiters and captchas called from the handler: `await limiter.consume(ip)`, `ratelimit.limit(id)`, `verifyCaptcha(token)`.
          if (route.innerCalls.some((c) => isRateLimitName(c.name, configured) || isRateLimitName(c.object, configured))) continue;
          context.report({ ...at, messageId: 'missing', data: { kind } });
        }
      },
    };
  },
});
