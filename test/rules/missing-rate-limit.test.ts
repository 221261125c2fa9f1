// Test table for missing-rate-limit: coupon, promo-code, lottery, red-packet, flash-sale, giveaway and sign-in bonus
// endpoints in Express, Koa, Fastify, NestJS and Next.js with no limiter or captcha, and the negatives: route, router,
// mount and app limiters, Fastify plugins and route config, Nest throttling, limiter calls in the handler, admin routes.
import rule from '../../rules/missing-rate-limit';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    {
      name: 'Express: limiter and captcha on the route',
      code: lines(
        "import rateLimit from 'express-rate-limit';",
        'const drawLimiter = rateLimit({ windowMs: 60_000, limit: 5 });',
        "promotionsRouter.post('/lucky-draw', requireAuth, drawLimiter, verifyCaptcha, async (req, res) => {",
        '  res.json({ prize: await drawPrize(req.user.id) });',
        '});',
      ),
    },
    {
      name: 'Express: app-wide rateLimit before the routes',
      code: lines(
        'app.use(rateLimit({ windowMs: 60_000, limit: 100 }));',
        "app.post('/coupons/redeem', redeemCoupon);",
      ),
    },
    {
      name: 'Express: router limiter scoped to the coupon paths',
      code: lines(
        "router.use('/coupons', couponLimiter);",
        "router.post('/coupons/redeem', redeemCoupon);",
      ),
    },
    {
      name: 'Express: express-slow-down on the route',
      code: "router.post('/promo/apply', slowDown({ windowMs: 60_000, delayAfter: 3 }), applyPromo);",
    },
    {
      name: 'Express: rate-limiter-flexible consumed in the handler',
      code: lines(
        "router.post('/red-packets/:id/grab', async (req, res) => {",
        '  await packetLimiter.consume(req.ip);',
        '  res.json(await grabPacket(req.params.id, req.user.id));',
        '});',
      ),
    },
    {
      name: 'Express: reCAPTCHA middleware',
      code: "router.post('/giveaway/enter', verifyRecaptcha, enterGiveaway);",
    },
    {
      name: 'Express: team-configured anti-bot middleware',
      code: "router.post('/flash-sale/:sku/buy', campaignShield, buyFlashSale);",
      config: { rules: { 'missing-rate-limit': ['info', { rateLimiters: ['campaignShield'] }] } },
    },
    {
      name: 'Express: limiter on the mount',
      code: lines(
        'const router = express.Router();',
        "router.post('/:code/apply', applyPromotion);",
        "app.use('/promotions', promoLimiter, router);",
      ),
    },
    {
      name: 'Koa: koa-ratelimit before the router is mounted',
      code: lines(
        'const router = new Router();',
        "router.post('/coupons/claim', async (ctx) => { ctx.body = await claim(ctx.request.body.code); });",
        "app.use(ratelimit({ driver: 'memory', db: new Map(), duration: 60000, max: 10 }));",
        'app.use(router.routes());',
      ),
    },
    {
      name: 'Fastify: @fastify/rate-limit registered on the instance',
      code: lines(
        "import rateLimit from '@fastify/rate-limit';",
        'await fastify.register(rateLimit, { max: 100, timeWindow: 60000 });',
        "fastify.post('/vouchers/redeem', async (request, reply) => redeem(request.body));",
      ),
    },
    {
      name: 'Fastify: plugin registered with a dynamic import',
      code: lines(
        "await app.register(import('@fastify/rate-limit'), { max: 20 });",
        "app.post('/lottery/draw', async (request, reply) => draw(request.user));",
      ),
    },
    {
      name: 'Fastify: per-route rateLimit config',
      code: "fastify.post('/seckill/:id', { config: { rateLimit: { max: 3, timeWindow: '1 minute' } } }, async (request, reply) => buy(request.params));",
    },
    {
      name: 'NestJS: ThrottlerGuard on the controller',
      code: lines(
        "@Controller('coupons')",
        '@UseGuards(ThrottlerGuard)',
        'export class CouponsController {',
        "  @Post('redeem')",
        '  redeem(@Body() dto: RedeemDto) { return this.coupons.redeem(dto); }',
        '}',
      ),
    },
    {
      name: 'NestJS: @Throttle on the method',
      code: lines(
        "@Controller('campaigns')",
        'export class CampaignsController {',
        '  @Throttle({ default: { limit: 3, ttl: 60000 } })',
        "  @Post(':id/join')",
        "  join(@Param('id') id: string) { return this.campaigns.join(id); }",
        '}',
      ),
    },
    {
      name: 'Next.js App Router: Upstash ratelimit.limit() in the handler',
      path: 'app/api/coupons/redeem/route.ts',
      code: lines(
        'export async function POST(req: Request) {',
        "  const { success } = await ratelimit.limit(req.headers.get('x-forwarded-for') ?? 'anon');",
        "  if (!success) return new Response('slow down', { status: 429 });",
        '  return Response.json(await redeem(await req.json()));',
        '}',
      ),
    },
    {
      name: 'admin campaign management is not a public campaign endpoint',
      code: "adminRouter.post('/admin/coupons', requireAdmin, createCoupon);",
    },
    {
      name: 'ordinary routes are not campaigns',
      code: lines(
        "router.post('/orders', createOrder);",
        "router.get('/products/:id', getProduct);",
      ),
    },
    {
      name: 'a provider notification about a promotion is not a campaign endpoint',
      code: "router.post('/webhooks/promotions', verifySignature, onPromotionEvent);",
    },
    {
      name: 'test files stand routes up without limits on purpose',
      path: 'src/__tests__/coupons.spec.ts',
      code: "app.post('/coupons/redeem', async (req, res) => res.json(await redeem(req.body)));",
    },
  ],
  invalid: [
    {
      name: 'Express: coupon redeem behind auth but no limiter',
      code: lines(
        "import { requireAuth } from '../middleware/auth';",
        "promotionsRouter.post('/coupons/redeem', requireAuth, async (req, res) => {",
        '  res.json(await redeemCoupon(String(req.body.code), req.user.id));',
        '});',
      ),
      errors: [{ messageId: 'missing', line: 2, column: 1 }],
    },
    {
      name: 'Express: imported promo-code handler',
      code: lines(
        "import { applyPromo } from '../controllers/promo';",
        "router.post('/promo/apply', applyPromo);",
      ),
      errors: [{ messageId: 'missing', line: 2, column: 1 }],
    },
    {
      name: 'Express: lottery draw on the app',
      code: "app.post('/lottery/draw', async (req, res) => res.json(await draw(req.user)));",
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'Express: red packet grab',
      code: "router.post('/red-packets/:id/grab', async (req, res) => res.json(await grab(req.params.id)));",
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'Express: flash sale purchase',
      code: "router.post('/flash-sale/:sku/buy', requireAuth, buyFlashSale);",
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'Express: the limiter is added after the route',
      code: lines(
        "router.post('/vouchers/redeem', redeemVoucher);",
        'router.use(voucherLimiter);',
      ),
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'Express: daily check-in reward',
      code: "router.post('/daily-check-in/reward', async (req, res) => res.json(await claimDailyReward(req.user.id)));",
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'Express: limiter scoped to another path',
      code: lines(
        "router.use('/login', loginLimiter);",
        "router.post('/giveaway/enter', enterGiveaway);",
      ),
      errors: [{ messageId: 'missing', line: 2, column: 1 }],
    },
    {
      name: 'Express: router mounted under /promotions without a limiter',
      code: lines(
        'const router = express.Router();',
        "router.post('/:code/apply', applyCode);",
        "app.use('/promotions', requireAuth, router);",
      ),
      errors: [{ messageId: 'missing', line: 2, column: 1 }],
    },
    {
      name: 'Koa: coupon claim',
      code: "router.post('/coupons/claim', async (ctx) => { ctx.body = await claim(ctx.request.body.code); });",
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'Koa: router prefix names the campaign',
      code: lines(
        "const router = new Router({ prefix: '/campaigns' });",
        "router.post('/:id/join', async (ctx) => { ctx.body = await join(ctx.params.id); });",
      ),
      errors: [{ messageId: 'missing', line: 2, column: 1 }],
    },
    {
      name: 'Fastify: giveaway entry',
      code: "fastify.post('/giveaway/enter', async (request, reply) => enter(request.body));",
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'Fastify: seckill route with only an auth hook',
      code: lines(
        'fastify.route({',
        "  method: 'POST',",
        "  url: '/seckill/:id',",
        '  preHandler: [fastify.authenticate],',
        '  handler: async (request, reply) => buy(request.params),',
        '});',
      ),
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'NestJS: coupon controller without throttling',
      code: lines(
        "@Controller('coupons')",
        '@UseGuards(JwtAuthGuard)',
        'export class CouponsController {',
        "  @Post('redeem')",
        '  redeem(@Body() dto: RedeemDto) { return this.coupons.redeem(dto); }',
        '}',
      ),
      errors: [{ messageId: 'missing', line: 4, column: 3 }],
    },
    {
      name: 'NestJS: @SkipThrottle() on the redeem method',
      code: lines(
        "@Controller('vouchers')",
        '@UseGuards(ThrottlerGuard)',
        'export class VouchersController {',
        '  @SkipThrottle()',
        "  @Post('redeem')",
        '  redeem(@Body() dto: RedeemDto) { return this.vouchers.redeem(dto); }',
        '}',
      ),
      errors: [{ messageId: 'skipped', line: 5, column: 3 }],
    },
    {
      name: 'Next.js App Router: coupon redeem route',
      path: 'app/api/coupons/redeem/route.ts',
      code: lines(
        "import { redeem } from '@/lib/coupons';",
        'export async function POST(req: Request) {',
        '  return Response.json(await redeem(await req.json()));',
        '}',
      ),
      errors: [{ messageId: 'missing', line: 2, column: 1 }],
    },
    {
      name: 'Next.js Pages API: lucky draw',
      path: 'pages/api/lucky-draw.ts',
      code: lines(
        'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
        '  res.json(await drawPrize(req.body.userId));',
        '}',
      ),
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
  ],
});
