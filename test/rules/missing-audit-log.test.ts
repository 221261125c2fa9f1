// Test table for missing-audit-log: refunds, payouts, captures, role, permission and key changes in Express, Koa,
// Fastify, NestJS and Next.js handlers without an audit record; and the audited, read-only, webhook and look-alike negatives.
import rule from '../../rules/missing-audit-log';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    {
      name: 'Express: refund followed by an audit entry',
      code: lines(
        "router.post('/orders/:id/refund', requireAuth, async (req, res) => {",
        '  const refund = await stripe.refunds.create({ payment_intent: req.params.id });',
        "  await auditLog.record({ actor: req.user.id, action: 'refund', target: req.params.id, reason: req.body.reason });",
        '  res.json(refund);',
        '});',
      ),
    },
    {
      name: 'Express: the same-file helper that refunds also audits',
      code: lines(
        'async function refundOrder(orderId: string, actor: string) {',
        '  const refund = await stripe.refunds.create({ payment_intent: orderId });',
        "  await auditLog.record({ actor, action: 'refund', target: orderId });",
        '  return refund;',
        '}',
        "router.post('/orders/:id/refund', async (req, res) => {",
        '  res.json(await refundOrder(req.params.id, req.user.id));',
        '});',
      ),
    },
    {
      name: 'Express: GET route listing refunds',
      code: lines(
        "router.get('/refunds', async (req, res) => {",
        '  res.json(await stripe.refunds.list({ limit: 20 }));',
        '});',
      ),
    },
    {
      name: 'Express: provider webhook creating a transfer is judged by its signature, not here',
      code: lines(
        "router.post('/webhooks/stripe', async (req, res) => {",
        "  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);",
        '  await stripe.transfers.create({ amount: 1000, currency: "usd", destination: event.data.object.account });',
        '  res.sendStatus(200);',
        '});',
      ),
    },
    {
      name: 'test files are not judged',
      path: 'test/routes/refunds.test.ts',
      code: lines(
        "app.post('/refunds', async (req, res) => {",
        '  res.json(await stripe.refunds.create({ charge: req.body.charge }));',
        '});',
      ),
    },
    {
      name: 'NestJS: @Audit() decorator on the route method',
      path: 'src/refunds/refunds.controller.ts',
      code: lines(
        "@Controller('refunds')",
        'export class RefundsController {',
        '  constructor(private readonly refunds: RefundsService) {}',
        "  @Post(':id')",
        "  @Audit('refund')",
        "  create(@Param('id') id: string) {",
        '    return this.refunds.refund(id);',
        '  }',
        '}',
      ),
    },
    {
      name: 'NestJS: audit interceptor on the controller',
      path: 'src/admin/roles.controller.ts',
      code: lines(
        "@Controller('admin/users')",
        '@UseInterceptors(AuditInterceptor)',
        'export class RolesController {',
        "  @Patch(':id/roles')",
        "  assign(@Param('id') id: string, @Body() body: { role: string }) {",
        '    return this.users.assignRole(id, body.role);',
        '  }',
        '}',
      ),
    },
    {
      name: 'NestJS: the audit service records the payout',
      path: 'src/payouts/payouts.controller.ts',
      code: lines(
        "@Controller('payouts')",
        'export class PayoutsController {',
        '  @Post()',
        '  async create(@Body() dto: CreatePayoutDto, @Req() req: Request) {',
        '    const payout = await this.payoutsService.create(dto);',
        "    await this.auditService.log({ actor: req.user.id, action: 'payout', target: payout.id });",
        '    return payout;',
        '  }',
        '}',
      ),
    },
    {
      name: 'Express: audit middleware on the route',
      code: lines(
        "router.post('/payouts', requireAuth, auditTrail('payout'), async (req, res) => {",
        '  res.json(await codepay.payouts.create({ amount: 5000 }));',
        '});',
      ),
    },
    {
      name: 'Express: audit middleware on the whole router',
      code: lines(
        'adminRouter.use(requireAuth, auditRequests);',
        "adminRouter.put('/users/:id/roles', async (req, res) => {",
        "  await db.query('UPDATE users SET roles = $2 WHERE id = $1', [req.params.id, req.body.roles]);",
        '  res.sendStatus(204);',
        '});',
      ),
    },
    {
      name: 'a team-configured audit helper',
      config: { rules: { 'missing-audit-log': ['info', { auditLoggers: ['journal.append'] }] } },
      code: lines(
        "router.post('/wallets/:id/withdraw', async (req, res) => {",
        '  const tx = await wallet.withdraw(req.params.id, req.body.cents);',
        "  await journal.append({ actor: req.user.id, action: 'withdraw', target: tx.id });",
        '  res.json(tx);',
        '});',
      ),
    },
    {
      name: 'Koa: audit call by default name',
      code: lines(
        "router.post('/payments/:id/capture', async (ctx) => {",
        '  await stripe.paymentIntents.capture(ctx.params.id);',
        "  await audit({ actor: ctx.state.user.id, action: 'capture', target: ctx.params.id });",
        '  ctx.status = 204;',
        '});',
      ),
    },
    {
      name: 'Fastify: audit logger named as such',
      code: lines(
        "fastify.post('/refunds', async (request, reply) => {",
        '  const refund = await gateway.refund(request.body.orderId);',
        "  request.server.auditLogger.info({ actor: request.user.id, action: 'refund', target: refund.id });",
        '  return refund;',
        '});',
      ),
    },
    {
      name: 'Express: Sentry.captureException is not a payment capture',
      code: lines(
        "router.post('/orders', async (req, res) => {",
        '  try { res.json(await orders.place(req.body)); } catch (err) { Sentry.captureException(err); res.sendStatus(500); }',
        '});',
      ),
    },
    {
      name: 'Express: refund preview only calculates',
      code: lines(
        "router.post('/refunds/preview', async (req, res) => {",
        '  res.json({ amount: calculateRefund(await getOrder(req.body.orderId)), max: getRefundableAmount(req.body.orderId) });',
        '});',
      ),
    },
    {
      name: 'Express: sign-out revokes a session token, not privileges',
      code: lines(
        "router.post('/logout', async (req, res) => {",
        '  await oauth.revoke(req.cookies.refresh);',
        '  await tokens.revokeRefreshToken(req.user.id);',
        '  res.sendStatus(204);',
        '});',
      ),
    },
    {
      name: 'Express: self-service password change is not an administrator reset',
      code: lines(
        "accountRouter.post('/account/password', requireAuth, async (req, res) => {",
        '  await users.updatePassword(req.user.id, req.body.newPassword);',
        '  res.sendStatus(204);',
        '});',
      ),
    },
    {
      name: 'Express: audit event emitted on the bus',
      code: lines(
        "router.post('/merchants/:id/keys/rotate', async (req, res) => {",
        '  const key = await merchantKeys.rotate(req.params.id);',
        "  events.emit('audit.key-rotation', { actor: req.user.id, target: req.params.id });",
        '  res.json({ keyId: key.id });',
        '});',
      ),
    },
    {
      name: 'Express: refund and audit row in one transaction callback',
      code: lines(
        "router.post('/refunds', async (req, res) => {",
        '  await db.transaction(async (tx) => {',
        '    await tx.refunds.create({ orderId: req.body.orderId });',
        "    await tx.auditLogs.create({ actor: req.user.id, action: 'refund' });",
        '  });',
        '  res.sendStatus(201);',
        '});',
      ),
    },
    {
      name: 'Express: sign-up sets the default role when creating a user',
      code: lines(
        "router.post('/signup', async (req, res) => {",
        "  const user = await User.create({ email: req.body.email, role: 'customer' });",
        '  res.status(201).json({ id: user.id });',
        '});',
      ),
    },
    {
      name: 'a service method outside any handler',
      code: lines(
        'export class RefundJob {',
        '  async run(orderId: string) {',
        '    return stripe.refunds.create({ payment_intent: orderId });',
        '  }',
        '}',
      ),
    },
    {
      name: 'Express: 2FA enrolment generates a TOTP secret, not an API key',
      code: lines(
        "router.post('/mfa/setup', requireAuth, async (req, res) => {",
        '  const secret = speakeasy.generateSecret({ length: 20 });',
        '  const { publicKey } = crypto.generateKeyPairSync("ed25519");',
        '  res.json({ otpauth: secret.otpauth_url, publicKey });',
        '});',
      ),
    },
    {
      name: 'Next.js App Router: GET export reading payouts',
      path: 'app/api/admin/payouts/route.ts',
      code: lines(
        'export async function GET() {',
        '  return Response.json(await stripe.payouts.list());',
        '}',
      ),
    },
  ],
  invalid: [
    {
      name: 'Express: refund without an audit entry',
      code: lines(
        "router.post('/orders/:id/refund', requireAuth, async (req, res) => {",
        '  const refund = await stripe.refunds.create({ payment_intent: req.params.id });',
        '  res.json(refund);',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 2, column: 24, severity: 'info' }],
    },
    {
      name: 'Express: a DELETE route that revokes a role',
      code: lines(
        "router.delete('/admin/users/:id/roles/:role', requireAdmin, async (req, res) => {",
        '  await roles.revokeRole(req.params.id, req.params.role);',
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'privilegeChange', line: 2, column: 9 }],
    },
    {
      name: 'Express: a plain logger line is not an audit record',
      code: lines(
        "router.post('/orders/:id/refund', async (req, res) => {",
        "  logger.info('refund requested', { order: req.params.id });",
        '  await issueRefund(req.params.id);',
        '  res.sendStatus(202);',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 3, column: 9 }],
    },
    {
      name: 'Express: payout from a named handler function',
      code: lines(
        'async function createPayoutHandler(req, res) {',
        '  const payout = await codepay.payouts.create({ amount: req.body.cents });',
        '  res.json(payout);',
        '}',
        "adminRouter.post('/payouts', createPayoutHandler);",
      ),
      errors: [{ messageId: 'moneyMovement', line: 2, column: 24 }],
    },
    {
      name: 'Express: the same-file helper refunds without auditing; reported at the call in the handler',
      code: lines(
        'async function settle(orderId: string) {',
        '  return stripe.refunds.create({ payment_intent: orderId });',
        '}',
        "router.post('/orders/:id/cancel', async (req, res) => {",
        '  await settle(req.params.id);',
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 5, column: 9 }],
    },
    {
      name: 'Express: role change by SQL in an admin router',
      code: lines(
        "adminRouter.put('/users/:id/roles', async (req, res) => {",
        "  await db.query('UPDATE users SET roles = $2 WHERE id = $1', [req.params.id, req.body.roles]);",
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'privilegeChange', line: 2, column: 9 }],
    },
    {
      name: 'Express: assignRole helper',
      code: lines(
        "router.post('/team/members/:id/role', async (req, res) => {",
        '  await assignRole(req.params.id, req.body.role);',
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'privilegeChange', line: 2, column: 9 }],
    },
    {
      name: 'Express: merchant key rotation',
      code: lines(
        "router.post('/merchants/:id/keys/rotate', async (req, res) => {",
        '  const key = await merchantKeys.rotate(req.params.id);',
        '  res.json({ keyId: key.id });',
        '});',
      ),
      errors: [{ messageId: 'privilegeChange', line: 2, column: 21 }],
    },
    {
      name: 'Express: password reset by an administrator',
      code: lines(
        "adminRouter.post('/users/:id/password-reset', async (req, res) => {",
        '  await users.resetPassword(req.params.id);',
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'privilegeChange', line: 2, column: 9 }],
    },
    {
      name: 'Express: permission granted through an ACL',
      code: lines(
        "router.post('/users/:id/grants', async (req, res) => {",
        "  await acl.grant(req.params.id, 'refunds:write');",
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'privilegeChange', line: 2, column: 9 }],
    },
    {
      name: 'Express: Mongoose update that makes a user an admin',
      code: lines(
        "router.patch('/users/:id', async (req, res) => {",
        '  await User.findByIdAndUpdate(req.params.id, { $set: { isAdmin: true } });',
        '  res.sendStatus(204);',
        '});',
      ),
      errors: [{ messageId: 'privilegeChange', line: 2, column: 9 }],
    },
    {
      name: 'Express: only the unaudited one of two handlers',
      code: lines(
        "router.post('/payouts', async (req, res) => {",
        '  const p = await codepay.payouts.create({ amount: 100 });',
        "  await recordAudit({ actor: req.user.id, action: 'payout', target: p.id });",
        '  res.json(p);',
        '});',
        "router.post('/transfers', async (req, res) => {",
        '  res.json(await stripe.transfers.create({ amount: 100, destination: req.body.account }));',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 7, column: 18 }],
    },
    {
      name: 'Koa: wallet withdrawal',
      code: lines(
        "router.post('/wallets/:id/withdraw', async (ctx) => {",
        '  ctx.body = await wallet.withdraw(ctx.params.id, ctx.request.body.cents);',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 2, column: 20 }],
    },
    {
      name: 'Fastify: payment capture',
      code: lines(
        "fastify.post('/payments/:id/capture', async (request, reply) => {",
        '  const intent = await stripe.paymentIntents.capture(request.params.id);',
        '  return { status: intent.status };',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 2, column: 24 }],
    },
    {
      name: 'Fastify: full route declaration creating a transfer',
      code: lines(
        'fastify.route({',
        "  method: 'POST',",
        "  url: '/connect/transfers',",
        '  handler: async (request) => stripe.transfers.create({ amount: 500, destination: request.body.account }),',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 4, column: 31 }],
    },
    {
      name: 'NestJS: refund through the service, only a logger line',
      path: 'src/refunds/refunds.controller.ts',
      code: lines(
        "@Controller('refunds')",
        'export class RefundsController {',
        "  @Post(':id')",
        "  async create(@Param('id') id: string) {",
        "    this.logger.log('refund ' + id);",
        '    return this.refundsService.refund(id);',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'moneyMovement', line: 6, column: 12 }],
    },
    {
      name: 'NestJS: Prisma update setting a role',
      path: 'src/admin/users.controller.ts',
      code: lines(
        "@Controller('admin/users')",
        'export class UsersController {',
        "  @Patch(':id/role')",
        "  setRole(@Param('id') id: string, @Body() body: { role: string }) {",
        '    return this.prisma.user.update({ where: { id }, data: { role: body.role } });',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'privilegeChange', line: 5, column: 12 }],
    },
    {
      name: 'NestJS: same-class helper method voids the payment',
      path: 'src/orders/orders.controller.ts',
      code: lines(
        "@Controller('orders')",
        'export class OrdersController {',
        "  @Post(':id/cancel')",
        "  async cancel(@Param('id') id: string) {",
        '    await this.release(id);',
        '  }',
        '  private async release(id: string) {',
        '    await this.gateway.transaction.void(id);',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'moneyMovement', line: 5, column: 11 }],
    },
    {
      name: 'Next.js App Router: API key creation',
      path: 'app/api/api-keys/route.ts',
      code: lines(
        'export async function POST(req: Request) {',
        '  const session = await getServerSession();',
        '  const key = await createApiKey(session.user.id);',
        '  return Response.json({ id: key.id });',
        '}',
      ),
      errors: [{ messageId: 'privilegeChange', line: 3, column: 21 }],
    },
    {
      name: 'Next.js Pages API: refund via the gateway',
      path: 'pages/api/orders/refund.ts',
      code: lines(
        'export default async function handler(req, res) {',
        '  const result = await braintree.transaction.refund(req.body.transactionId);',
        '  res.status(200).json(result);',
        '}',
      ),
      errors: [{ messageId: 'moneyMovement', line: 2, column: 24 }],
    },
    {
      name: 'a configured audit list does not make an unrelated call an audit',
      config: { rules: { 'missing-audit-log': ['warning', { auditLoggers: ['journal.append'] }] } },
      code: lines(
        "router.post('/payouts', async (req, res) => {",
        '  await payouts.create({ amount: 100 });',
        "  await journal.read('payouts');",
        '  res.sendStatus(201);',
        '});',
      ),
      errors: [{ messageId: 'moneyMovement', line: 2, column: 9, severity: 'warning' }],
    },
  ],
});
