// Test table for unauthenticated-endpoint: Express, Koa, Fastify, NestJS, Next.js App Router and Pages API routes that
// refund, pay out, export customers, rotate keys or change roles with no visible authentication, and the negatives:
// route/router/mount/app middleware, guards, hooks, session checks, provider webhooks, public flows and tests.
import rule from '../../rules/unauthenticated-endpoint';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    {
      name: 'Express: requireAuth and a role check on the route',
      code: lines(
        "import { requireAuth, requireRole } from '../middleware/auth';",
        "router.post('/orders/:id/refund', requireAuth, requireRole('support'), async (req, res) => {",
        '  res.json(await refundOrder(req.params.id));',
        '});',
      ),
    },
    {
      name: 'Express: router.use(authenticate) before the routes',
      code: lines(
        'export const adminRouter = Router();',
        'adminRouter.use(authenticate);',
        "adminRouter.post('/payouts', createPayout);",
        "adminRouter.get('/customers/export', exportCustomers);",
      ),
    },
    {
      name: 'Express: app.use mounts the router behind requireAdmin',
      code: lines(
        'const router = express.Router();',
        "router.post('/refunds', async (req, res) => { res.json(await refund(req.body.orderId)); });",
        "app.use('/admin', requireAdmin, router);",
      ),
    },
    {
      name: 'Express: passport.authenticate on the route',
      code: "router.post('/withdrawals', passport.authenticate('jwt', { session: false }), withdraw);",
    },
    {
      name: 'Express: express-jwt at app level before the routes',
      code: lines(
        "app.use(expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] }));",
        "app.post('/settlements/run', runSettlement);",
      ),
    },
    {
      name: 'Express: team-configured auth middleware name',
      code: "router.post('/merchant/keys/rotate', staffGate, rotateKeys);",
      config: { rules: { 'unauthenticated-endpoint': ['warning', { authMiddleware: ['staffGate'] }] } },
    },
    {
      name: 'Express: the handler rejects requests without a user',
      code: lines(
        "router.put('/users/:id/role', async (req, res) => {",
        '  if (!req.user || !req.user.isAdmin) return res.sendStatus(401);',
        '  await setRole(req.params.id, req.body.role);',
        '  res.sendStatus(204);',
        '});',
      ),
    },
    {
      name: 'Koa: koa-jwt with unless() on the app',
      code: lines(
        "const router = new Router({ prefix: '/admin' });",
        "router.post('/payouts', async (ctx) => { ctx.body = await payout(ctx.request.body); });",
        "app.use(jwt({ secret: process.env.JWT_SECRET }).unless({ path: [/^\\/public/] }));",
        'app.use(router.routes());',
      ),
    },
    {
      name: 'Fastify: onRequest hook with fastify.authenticate',
      code: lines(
        "fastify.addHook('onRequest', fastify.authenticate);",
        "fastify.post('/refunds', async (request, reply) => refund(request.body));",
      ),
    },
    {
      name: 'Fastify: preHandler option on the route',
      code: "fastify.post('/payouts', { preHandler: [fastify.verifyJWT] }, async (request, reply) => payout(request.body));",
    },
    {
      name: 'NestJS: AuthGuard on the controller class',
      code: lines(
        "@Controller('admin')",
        "@UseGuards(AuthGuard('jwt'), RolesGuard)",
        'export class AdminController {',
        "  @Post('payouts')",
        '  payout(@Body() dto: PayoutDto) { return this.payouts.create(dto); }',
        '}',
      ),
    },
    {
      name: 'NestJS: guard on the method',
      code: lines(
        "@Controller('refunds')",
        'export class RefundsController {',
        '  @Post()',
        '  @UseGuards(JwtAuthGuard)',
        '  create(@Body() dto: RefundDto) { return this.refunds.create(dto); }',
        '}',
      ),
    },
    {
      name: 'NestJS: global APP_GUARD provided in the same file',
      code: lines(
        "@Controller('admin')",
        'export class AdminController {',
        "  @Post('settlements')",
        '  settle() { return this.settlements.run(); }',
        '}',
        '@Module({ controllers: [AdminController], providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })',
        'export class AdminModule {}',
      ),
    },
    {
      name: 'Next.js App Router: getServerSession at the top of the handler',
      path: 'app/api/admin/refunds/route.ts',
      code: lines(
        'export async function POST(req: Request) {',
        '  const session = await getServerSession(authOptions);',
        "  if (!session) return new Response('unauthorized', { status: 401 });",
        '  return Response.json(await refund(await req.json()));',
        '}',
      ),
    },
    {
      name: 'Next.js App Router: Supabase auth.getUser()',
      path: 'app/api/payouts/route.ts',
      code: lines(
        'export const POST = async (req: Request) => {',
        '  const { data: { user } } = await supabase.auth.getUser();',
        "  if (!user) return new Response(null, { status: 401 });",
        '  return Response.json(await payout(user.id));',
        '};',
      ),
    },
    {
      name: 'a provider refund webhook is protected by its signature, not by login',
      code: lines(
        "router.post('/webhooks/stripe-refunds', express.raw({ type: 'application/json' }), async (req, res) => {",
        "  const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature'), secret);",
        '  await markRefunded(event.data.object.id);',
        '  res.sendStatus(200);',
        '});',
      ),
    },
    {
      name: 'the admin sign-in route itself must be public',
      code: "adminRouter.post('/admin/login', async (req, res) => res.json(await signIn(req.body)));",
    },
    {
      name: 'a signed merchant API request authenticates the caller',
      code: "router.post('/refunds', verifyMerchantSignature, createRefund);",
    },
    {
      name: 'ordinary routes are not sensitive',
      code: lines(
        "router.post('/orders', async (req, res) => res.json(await createOrder(req.body)));",
        "router.get('/products/:id', getProduct);",
        "router.get('/roles', listRoleNames);",
      ),
    },
    {
      name: 'an HTTP client call is not a route',
      code: "await axios.post('/admin/refunds', { orderId });",
    },
    {
      name: 'test files stand routes up without auth on purpose',
      path: 'test/refunds.test.ts',
      code: "app.post('/refunds', async (req, res) => res.json(await refund(req.body)));",
    },
  ],
  invalid: [
    {
      name: 'Express: refund route with no middleware',
      code: lines(
        "import { Router } from 'express';",
        'export const supportRouter = Router();',
        "supportRouter.post('/orders/:id/quick-refund', async (req, res) => {",
        '  res.json(await refundOrder(req.params.id, Number(req.body.amountCents)));',
        '});',
      ),
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      name: 'Express: imported payout handler',
      code: lines(
        "import { createPayout } from '../controllers/payouts';",
        '',
        "router.post('/payouts', createPayout);",
      ),
      errors: [{ messageId: 'unauthenticated', line: 3, column: 1 }],
    },
    {
      name: 'Express: DELETE on an admin route',
      code: "app.delete('/admin/users/:id', removeUser);",
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Express: router.use(requireAuth) comes after the route',
      code: lines(
        "router.post('/withdraw', async (req, res) => res.json(await withdraw(req.body)));",
        'router.use(requireAuth);',
      ),
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Express: prefix-scoped auth does not cover the route',
      code: lines(
        "router.use('/account', requireAuth);",
        "router.post('/settlements', runSettlement);",
      ),
      errors: [{ messageId: 'unauthenticated', line: 2, column: 1 }],
    },
    {
      name: 'Express: body parsing and validation are not authentication',
      code: "router.post('/refunds', express.json(), validateBody(refundSchema), createRefund);",
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Express: express-session alone is not authentication',
      code: lines(
        'app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));',
        "app.get('/customers/export', async (req, res) => res.send(await customersCsv()));",
      ),
      errors: [{ messageId: 'unauthenticated', line: 2, column: 1 }],
    },
    {
      name: 'Express: role change with no check',
      code: lines(
        "router.put('/users/:id/role', async (req, res) => {",
        '  await db.query("UPDATE users SET role = $2 WHERE id = $1", [req.params.id, req.body.role]);',
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Express: merchant key rotation wrapped in asyncHandler',
      code: "router.post('/merchant/keys/rotate', asyncHandler(async (req, res) => res.json(await rotateMerchantKey())));",
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Express: a router mounted under /admin with no auth anywhere',
      code: lines(
        'const router = express.Router();',
        "router.get('/stats', async (req, res) => res.json(await stats()));",
        "app.use('/admin', router);",
      ),
      errors: [{ messageId: 'unauthenticated', line: 2, column: 1 }],
    },
    {
      name: 'Express: authorizePayment in the handler is not a login check',
      code: lines(
        "router.post('/refunds', async (req, res) => {",
        '  await authorizePayment(req.body.orderId);',
        '  res.json(await refund(req.body.orderId));',
        '});',
      ),
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Koa: settlement route',
      code: "router.post('/settlements', async (ctx) => { ctx.body = await settle(ctx.request.body); });",
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Koa: router prefix makes every route an admin route',
      code: lines(
        "const router = new Router({ prefix: '/admin' });",
        "router.get('/stats', async (ctx) => { ctx.body = await stats(); });",
        'app.use(router.routes());',
      ),
      errors: [{ messageId: 'unauthenticated', line: 2, column: 1 }],
    },
    {
      name: 'Fastify: refund route with only a schema',
      code: "fastify.post('/refunds', { schema: refundSchema }, async (request, reply) => refund(request.body));",
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'Fastify: full route declaration',
      code: lines(
        'fastify.route({',
        "  method: 'POST',",
        "  url: '/payouts',",
        '  handler: async (request, reply) => payout(request.body),',
        '});',
      ),
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
    {
      name: 'NestJS: admin controller with no guard',
      code: lines(
        "@Controller('admin')",
        'export class AdminController {',
        "  @Post('payouts')",
        '  payout(@Body() dto: PayoutDto) { return this.payouts.create(dto); }',
        '}',
      ),
      errors: [{ messageId: 'unauthenticated', line: 3, column: 3 }],
    },
    {
      name: 'NestJS: @Public() on a refund method under a guarded class',
      code: lines(
        "@Controller('refunds')",
        '@UseGuards(JwtAuthGuard)',
        'export class RefundsController {',
        '  @Public()',
        '  @Post()',
        '  create(@Body() dto: RefundDto) { return this.refunds.create(dto); }',
        '}',
      ),
      errors: [{ messageId: 'optedOut', line: 5, column: 3 }],
    },
    {
      name: 'Next.js App Router: admin refund route without a session check',
      path: 'app/api/admin/refunds/route.ts',
      code: lines(
        "import { refund } from '@/lib/payments';",
        'export async function POST(req: Request) {',
        '  return Response.json(await refund(await req.json()));',
        '}',
      ),
      errors: [{ messageId: 'unauthenticated', line: 2, column: 1 }],
    },
    {
      name: 'Next.js Pages API: customer export',
      path: 'pages/api/customers/export.ts',
      code: lines(
        'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
        '  res.status(200).json(await db.customer.findMany());',
        '}',
      ),
      errors: [{ messageId: 'unauthenticated', line: 1, column: 1 }],
    },
  ],
});
