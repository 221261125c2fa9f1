// Test table for client-trusted-amount: request amounts reaching charge/order creation in Express, Koa, Fastify, Nest,
// Next.js, Lambda and CodePay/WeChat-style calls, and the server-side pricing patterns that must stay silent.
import rule from '../../rules/client-trusted-amount';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    // Express: the price comes from the catalogue; the request only names the product and the quantity.
    lines(
      "app.post('/pay', async (req, res) => {",
      '  const { productId, quantity } = req.body;',
      '  const product = await Product.findById(productId);',
      "  await stripe.paymentIntents.create({ amount: product.price * quantity, currency: 'usd' });",
      '});',
    ),
    // The stored order total.
    lines(
      "router.post('/orders/:id/pay', async (req, res) => {",
      '  const order = await db.orders.findOne({ id: req.params.id });',
      "  const intent = await stripe.paymentIntents.create({ amount: order.totalCents, currency: order.currency });",
      '  res.json(intent);',
      '});',
    ),
    // A refund capped by the stored order total.
    lines(
      "app.post('/refund', async (req, res) => {",
      '  const order = await Order.findById(req.body.orderId);',
      '  const amount = Math.min(Number(req.body.amount), order.total);',
      '  await stripe.charges.create({ amount, currency: "usd", customer: order.customerId });',
      '});',
    ),
    // The requested amount is checked against the server's price before use.
    lines(
      "app.post('/pay', async (req, res) => {",
      '  const { amount, sku } = req.body;',
      '  const expected = await priceFor(sku);',
      "  if (amount !== expected) return res.status(400).end();",
      '  await stripe.paymentIntents.create({ amount, currency: "usd" });',
      '});',
    ),
    // Stripe Checkout with price ids: Stripe looks the price up.
    lines(
      "app.post('/checkout', async (req, res) => {",
      '  const session = await stripe.checkout.sessions.create({',
      "    mode: 'payment',",
      '    line_items: req.body.items.map((i) => ({ price: i.priceId, quantity: i.quantity })),',
      '  });',
      '  res.json({ url: session.url });',
      '});',
    ),
    // Checkout with unit amounts taken from the database.
    lines(
      "app.post('/checkout', async (req, res) => {",
      '  const products = await db.products.findMany({ where: { id: { in: req.body.ids } } });',
      '  await stripe.checkout.sessions.create({',
      "    line_items: products.map((p) => ({ price_data: { currency: 'usd', unit_amount: p.priceCents }, quantity: 1 })),",
      '  });',
      '});',
    ),
    // The request amount only goes into metadata or the description.
    lines(
      "app.post('/pay', async (req, res) => {",
      '  const order = await loadOrder(req.body.orderId);',
      '  await stripe.paymentIntents.create({ amount: order.total, currency: "usd", metadata: { requested: req.body.amount } });',
      '});',
    ),
    // A constant price times the requested quantity.
    lines(
      'const TICKET_PRICE = 2500;',
      "app.post('/tickets', async (req, res) => {",
      '  const qty = Number(req.body.qty);',
      '  await stripe.paymentIntents.create({ amount: TICKET_PRICE * qty, currency: "eur" });',
      '});',
    ),
    // Koa: the amount is recomputed from the cart stored server-side.
    lines(
      "router.post('/pay', async (ctx) => {",
      '  const cart = await carts.get(ctx.state.user.id);',
      '  const total = cart.items.reduce((sum, i) => sum + i.price * i.qty, 0);',
      '  ctx.body = await wxpay.unifiedOrder({ out_trade_no: cart.id, total_fee: total, body: ctx.request.body.note });',
      '});',
    ),
    // Nest: the controller passes the DTO to a service that prices the order.
    lines(
      "@Controller('orders')",
      'export class OrdersController {',
      "  @Post()",
      '  create(@Body() dto: CreateOrderDto) {',
      '    return this.orders.create(dto);',
      '  }',
      '}',
    ),
    // Next.js App Router: the order id comes from the request, the total from the database.
    {
      code: lines(
        'export async function POST(request: Request) {',
        '  const { orderId } = await request.json();',
        '  const order = await prisma.order.findUnique({ where: { id: orderId } });',
        "  const intent = await stripe.paymentIntents.create({ amount: order!.total, currency: 'usd' });",
        '  return Response.json({ clientSecret: intent.client_secret });',
        '}',
      ),
      path: 'app/api/pay/route.ts',
    },
    // Client code: a React component creating a PayPal order from its own cart state is not a server trusting a request.
    {
      code: lines(
        "'use client';",
        'export function PayButton({ total }: { total: number }) {',
        '  return <PayPalButtons createOrder={(data, actions) => actions.order.create({ purchase_units: [{ amount: { value: String(total) } }] })} />;',
        '}',
      ),
      path: 'src/components/PayButton.tsx',
    },
    // Test code posts made-up amounts on purpose.
    {
      code: lines(
        "it('charges', async () => {",
        '  const req = { body: { amount: 100 } };',
        '  await stripe.paymentIntents.create({ amount: req.body.amount, currency: "usd" });',
        '});',
      ),
      path: 'test/pay.test.ts',
    },
    // A login session, not a checkout session.
    lines(
      "app.post('/login', async (req, res) => {",
      '  await sessions.create({ userId: req.body.userId, total: req.body.total });',
      '});',
    ),
    // The signed-in user's stored balance (set by auth middleware) is server data.
    lines(
      "app.post('/wallet/pay', requireAuth, async (req, res) => {",
      '  await createPayment({ amount: req.user.balance, currency: "usd" });',
      '});',
    ),
    // Fastify: the amount is looked up from the plan the request names.
    lines(
      "fastify.post('/subscribe', async (request, reply) => {",
      '  const plan = PLANS[request.body.plan];',
      '  return createCharge({ amount: plan.amount, currency: plan.currency });',
      '});',
    ),
    // The requested value is reassigned from the stored order before the call.
    lines(
      "app.post('/pay', async (req, res) => {",
      '  let amount = req.body.amount;',
      '  const order = await Order.findById(req.body.orderId);',
      '  amount = order.total;',
      '  await stripe.paymentIntents.create({ amount, currency: "usd" });',
      '});',
    ),
    // Stripe's own sample: a server-side helper prices the items the request lists.
    lines(
      "app.post('/create-payment-intent', async (req, res) => {",
      '  const { items } = req.body;',
      "  const paymentIntent = await stripe.paymentIntents.create({ amount: calculateOrderAmount(items), currency: 'eur' });",
      '  res.send({ clientSecret: paymentIntent.client_secret });',
      '});',
    ),
    // Hono: the request names a product; the price is looked up.
    lines(
      "app.post('/buy', async (c) => {",
      '  const { productId } = await c.req.json();',
      '  const price = await getPrice(productId);',
      '  return c.json(await createOrder({ productId, price }));',
      '});',
    ),
    // Near misses: the request names what to buy or carries notes; the money comes from server-side data.
    { name: 'server-side session cart total', code: lines(
      "app.post('/checkout', async (req, res) => {",
      '  const cart = req.session.cart;',
      "  const intent = await stripe.paymentIntents.create({ amount: cart.totalCents, currency: 'usd' });",
      '  res.json({ clientSecret: intent.client_secret });',
      '});',
    ) },
    { name: 'coupon code from the request, discount applied to the stored total', code: lines(
      "app.post('/orders/:id/pay', async (req, res) => {",
      '  const order = await Order.findById(req.params.id);',
      '  const coupon = await Coupon.findOne({ code: req.body.couponCode, active: true });',
      '  const amount = coupon ? Math.max(order.total - coupon.discount, 0) : order.total;',
      '  await stripe.paymentIntents.create({ amount, currency: order.currency });',
      '});',
    ) },
    { name: 'requested amount logged and echoed, the charge uses the stored quote', code: lines(
      "app.post('/pay', async (req, res) => {",
      "  logger.info({ requested: req.body.amount }, 'pay requested');",
      '  const quote = await quotes.get(req.body.quoteId);',
      '  const payment = await createPayment({ amount: quote.amount, currency: quote.currency });',
      '  res.json({ paymentId: payment.id, amount: req.body.amount });',
      '});',
    ) },
    { name: 'a mismatching client total is rejected and the stored total charged', code: lines(
      "router.post('/pay', async (ctx) => {",
      '  const { orderNo, total } = ctx.request.body;',
      '  const order = await orders.findByNo(orderNo);',
      "  if (Number(total) !== order.total) ctx.throw(409, 'price changed');",
      "  ctx.body = await codepay.createOrder({ outTradeNo: order.no, amount: { total: order.total, currency: 'CNY' } });",
      '});',
    ) },
    { name: 'Lambda: the order id from the event, the amount from DynamoDB', code: lines(
      'export const handler = async (event) => {',
      '  const { orderId } = JSON.parse(event.body);',
      '  const { Item: order } = await ddb.get({ TableName: ORDERS, Key: { id: orderId } });',
      "  const intent = await stripe.paymentIntents.create({ amount: order.amountCents, currency: 'usd' });",
      '  return { statusCode: 200, body: JSON.stringify({ clientSecret: intent.client_secret }) };',
      '};',
    ) },
    { name: 'zod-validated quantity times the catalogue price', code: lines(
      'const Body = z.object({ sku: z.string(), quantity: z.number().int().min(1).max(10) });',
      "app.post('/buy', async (req, res) => {",
      '  const { sku, quantity } = Body.parse(req.body);',
      '  const { unitPrice } = await catalog.lookup(sku);',
      "  await stripe.paymentIntents.create({ amount: unitPrice * quantity, currency: 'usd' });",
      '});',
    ) },
    { name: 'refund of the stored payment, no amount from the request', code: lines(
      "app.post('/orders/:id/refund', requireAdmin, async (req, res) => {",
      '  const order = await Order.findById(req.params.id);',
      '  await stripe.refunds.create({ payment_intent: order.paymentIntentId, reason: req.body.reason });',
      "  await Order.updateOne({ _id: order.id }, { status: 'refunded', refundNote: req.body.note });",
      '});',
    ) },
    { name: 'the amount comes from a signature-verified webhook event', code: lines(
      "app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {",
      "  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], endpointSecret);",
      '  const intent = event.data.object;',
      '  await Order.create({ paymentIntentId: intent.id, total: intent.amount_received, currency: intent.currency });',
      '  res.sendStatus(200);',
      '});',
    ) },
    { name: 'the request total only sets the order note', code: lines(
      "app.post('/orders', requireAuth, async (req, res) => {",
      '  const cart = await Cart.findOne({ userId: req.user.id });',
      '  const order = await Order.create({ userId: req.user.id, total: cart.total, note: `client showed ${req.body.total}` });',
      '  res.status(201).json(order);',
      '});',
    ) },
    { name: "Nest: the DTO carries only the plan id; the price is the plan's", code: lines(
      "@Controller('subscriptions')",
      'export class SubscriptionsController {',
      '  @Post()',
      '  async subscribe(@Body() dto: SubscribeDto) {',
      '    const plan = await this.plans.findOneOrFail(dto.planId);',
      '    return this.stripe.paymentIntents.create({ amount: plan.priceCents, currency: plan.currency });',
      '  }',
      '}',
    ) },
    { name: 'shipping fee from a server-side table keyed by the requested country', code: lines(
      "app.post('/pay', async (req, res) => {",
      '  const order = await Order.findById(req.body.orderId);',
      '  const shippingFee = SHIPPING_FEES[req.body.country] ?? SHIPPING_FEES.default;',
      "  await stripe.paymentIntents.create({ amount: order.subtotal + shippingFee, currency: 'eur' });",
      '});',
    ) },
    { name: 'a price-id lookup by the request, amount set by Stripe', code: lines(
      "app.post('/links', async (req, res) => {",
      '  const link = await stripe.paymentLinks.create({ line_items: [{ price: req.body.priceId, quantity: 1 }] });',
      '  res.json({ url: link.url });',
      '});',
    ) },
    { name: 'items from the request priced from the catalogue map', code: lines(
      "fastify.post('/pay', async (request) => {",
      '  const prices = await catalog.pricesFor(request.body.items.map((i) => i.sku));',
      '  const total = request.body.items.reduce((sum, i) => sum + prices[i.sku] * i.qty, 0);',
      "  return createCharge({ amount: total, currency: 'usd' });",
      '});',
    ) },
    { name: 'payment split over a requested number of instalments of the stored total', code: lines(
      "app.post('/orders/:id/instalments', async (req, res) => {",
      '  const order = await Order.findById(req.params.id);',
      '  const count = Math.min(Math.max(Number(req.body.count), 1), 12);',
      "  await stripe.paymentIntents.create({ amount: Math.ceil(order.total / count), currency: 'usd' });",
      '});',
    ) },
  ],
  invalid: [
    // Items priced by the request, summed with reduce.
    {
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  const total = req.body.items.reduce((sum, i) => sum + i.price * i.quantity, 0);',
        "  await stripe.paymentIntents.create({ amount: total, currency: 'usd' });",
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 3, column: 9 }],
    },
    // Koa query string.
    {
      code: lines(
        "router.get('/pay', async (ctx) => {",
        "  ctx.body = await alipay.createOrder({ subject: 'vip', totalAmount: ctx.query.price });",
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 2, column: 20 }],
    },
    // Express: the planted example's shape.
    {
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  const intent = await stripe.paymentIntents.create({ amount: req.body.amount, currency: "usd" });',
        '  res.json(intent);',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 2, column: 24, severity: 'error' }],
    },
    // Destructuring and a rename.
    {
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  const { amount: requested, currency } = req.body;',
        '  const cents = requested;',
        '  await stripe.charges.create({ amount: cents, currency, source: req.body.token });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 4, column: 9 }],
    },
    // Arithmetic and conversions keep the buyer's number.
    {
      code: lines(
        "router.post('/pay', async (req, res) => {",
        '  const cents = Math.round(parseFloat(req.body.price) * 100);',
        '  await stripe.paymentIntents.create({ amount: cents, currency: "usd" });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 3, column: 9 }],
    },
    // Query string and route parameters.
    {
      code: lines(
        "app.get('/pay', async (req, res) => {",
        '  const intent = await stripe.paymentIntents.create({ amount: Number(req.query.total), currency: "usd" });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 2, column: 24 }],
    },
    {
      code: lines(
        "app.post('/pay/:amount', async (req, res) => {",
        '  await stripe.paymentIntents.create({ amount: +req.params.amount, currency: "usd" });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 2, column: 9 }],
    },
    // A cap by a constant is not a server-side price.
    {
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  const amount = Math.min(req.body.amount, 100000);',
        '  await stripe.paymentIntents.create({ amount, currency: "usd" });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 3, column: 9 }],
    },
    // Koa with a WeChat Pay-style unified order.
    {
      code: lines(
        "router.post('/wxpay', async (ctx) => {",
        '  const { total_fee, out_trade_no } = ctx.request.body;',
        "  ctx.body = await wxpay.unifiedOrder({ out_trade_no, total_fee, body: 'order', trade_type: 'JSAPI' });",
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 3, column: 20 }],
    },
    // CodePay-style createOrder with a nested amount.
    {
      code: lines(
        "router.post('/codepay', async (ctx) => {",
        '  const body = ctx.request.body;',
        "  const order = await codepay.createOrder({ outTradeNo: body.orderNo, amount: { total: body.total, currency: 'CNY' } });",
        '  ctx.body = order;',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 3, column: 23 }],
    },
    // Fastify, positional amount.
    {
      code: lines(
        "fastify.post('/charge', async (request, reply) => {",
        '  const { amount, token } = request.body;',
        '  const result = await gateway.charge(amount, token);',
        '  return result;',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 3, column: 24 }],
    },
    // Nest: a `@Body()` DTO field.
    {
      code: lines(
        "@Controller('payments')",
        'export class PaymentsController {',
        "  @Post()",
        '  async pay(@Body() dto: PayDto) {',
        "    return this.stripe.paymentIntents.create({ amount: dto.amount * 100, currency: 'usd' });",
        '  }',
        '}',
      ),
      errors: [{ messageId: 'clientAmount', line: 5, column: 12 }],
    },
    // Nest: a single body field.
    {
      code: lines(
        'export class PaymentsController {',
        "  @Post('charge')",
        "  charge(@Body('amount') amount: number) {",
        '    return this.payments.createPayment({ amount });',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'clientAmount', line: 4, column: 12 }],
    },
    // Next.js App Router: `await request.json()`.
    {
      code: lines(
        'export async function POST(request: Request) {',
        '  const { amount } = await request.json();',
        "  const intent = await stripe.paymentIntents.create({ amount, currency: 'usd' });",
        '  return Response.json({ clientSecret: intent.client_secret });',
        '}',
      ),
      path: 'app/api/pay/route.ts',
      errors: [{ messageId: 'clientAmount', line: 3, column: 24 }],
    },
    // Next.js: unit amounts of the line items from the request.
    {
      code: lines(
        'export async function POST(req: Request) {',
        '  const body = await req.json();',
        '  const session = await stripe.checkout.sessions.create({',
        "    mode: 'payment',",
        '    line_items: body.items.map((item) => ({',
        "      price_data: { currency: 'usd', product_data: { name: item.name }, unit_amount: item.unitAmount },",
        '      quantity: item.quantity,',
        '    })),',
        '  });',
        '  return Response.json({ url: session.url });',
        '}',
      ),
      path: 'app/api/checkout/route.ts',
      errors: [{ messageId: 'clientAmount', line: 3, column: 25 }],
    },
    // PayPal orders: `amount.value`.
    {
      code: lines(
        "app.post('/paypal/orders', async (req, res) => {",
        '  const order = await paypal.orders.create({',
        "    intent: 'CAPTURE',",
        "    purchase_units: [{ amount: { currency_code: 'USD', value: req.body.total } }],",
        '  });',
        '  res.json(order);',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 2, column: 23 }],
    },
    // The whole body as the provider's parameters.
    {
      code: lines(
        "app.post('/intents', async (req, res) => {",
        '  res.json(await stripe.paymentIntents.create(req.body));',
        '});',
      ),
      errors: [{ messageId: 'clientParams', line: 2, column: 18 }],
    },
    // A spread of the body into an ORM order row.
    {
      code: lines(
        "app.post('/orders', async (req, res) => {",
        '  const order = await Order.create({ ...req.body, userId: req.user.id });',
        '  res.status(201).json(order);',
        '});',
      ),
      errors: [{ messageId: 'clientParams', line: 2, column: 23 }],
    },
    // Prisma: a total from the body in the order row.
    {
      code: lines(
        "app.post('/orders', async (req, res) => {",
        '  const { items, total } = req.body;',
        '  await prisma.order.create({ data: { userId: req.user.id, total, status: "pending" } });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 3, column: 9 }],
    },
    // Lambda: `JSON.parse(event.body)`, parameters in a variable.
    {
      code: lines(
        'export const handler = async (event) => {',
        '  const { price, quantity } = JSON.parse(event.body);',
        "  const params = { amount: price * quantity, currency: 'usd' };",
        '  const intent = await stripe.paymentIntents.create(params);',
        '  return { statusCode: 200, body: JSON.stringify(intent) };',
        '};',
      ),
      errors: [{ messageId: 'clientAmount', line: 4, column: 24 }],
    },
    // Items priced by the request, summed in a loop.
    {
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  let total = 0;',
        '  for (const item of req.body.items) total += item.price * item.qty;',
        '  await placeOrder({ userId: req.user.id, total });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 4, column: 9 }],
    },
    // A team-configured payment call.
    {
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  await payNow(req.user.id, req.body.amount);',
        '});',
      ),
      config: { rules: { 'client-trusted-amount': ['error', { paymentCalls: ['payNow'] }] } },
      errors: [{ messageId: 'clientAmount', line: 2, column: 9 }],
    },
    // A comparison with a literal is not a price check.
    {
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  const amount = Number(req.body.amount);',
        '  if (amount <= 0) return res.status(400).end();',
        '  await stripe.paymentIntents.create({ amount, currency: "usd" });',
        '});',
      ),
      errors: [{ messageId: 'clientAmount', line: 4, column: 9 }],
    },
  ],
});
