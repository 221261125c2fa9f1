// Test table for sensitive-data-in-log: card numbers, passwords, tokens, secrets, auth headers and whole requests in logs.
import type { Config } from '../../server/src/engine';
import rule from '../../rules/sensitive-data-in-log';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

/** The helper the mask fix appends (after a blank line) to a TypeScript file that has none. */
const HELPER_TS = lines(
  '',
  '',
  '/** Desensitises a value before it is logged (guideline 2.2c): card numbers keep their last four digits, objects their keys only. */',
  'function maskSensitive(value: unknown): string {',
  "  if (value !== null && typeof value === 'object') return `{${Object.keys(value).join(', ')}}`;",
  "  const digits = String(value ?? '').replace(/[\\s-]/g, '');",
  "  return /^\\d{12,19}$/.test(digits) ? `****${digits.slice(-4)}` : '****';",
  '}',
  '',
);
/** The same helper for a JavaScript file. */
const HELPER_JS = HELPER_TS.replace('maskSensitive(value: unknown): string {', 'maskSensitive(value) {');

const withOptions = (options: Record<string, unknown>): Config => ({ rules: { 'sensitive-data-in-log': ['warning', options] } });

ruleTable(rule, {
  valid: [
    // Identifiers, counts and outcomes instead of values.
    "logger.info({ customerId: rows[0].id }, 'signed in');",
    "logger.info({ orderId, count: items.length, totalCents }, 'payment intent created');",
    "console.log('password changed for user', user.id);",
    "logger.info({ tokenType: 'Bearer', expiresIn: 3600 }, 'token issued');",
    "logger.info({ passwordResetRequested: true, email }, 'reset mail sent');",
    'logger.info({ hasToken: Boolean(token), tokenLength: token.length, hasPassword: !!password });',
    "logger.info({ authorization: req.headers.authorization ? 'present' : 'missing' });",
    "logger.debug({ password: '***', token: undefined });",
    "logger.info('user agent', req.headers['user-agent'], { env: process.env.NODE_ENV });",
    // Members of enums and constants objects name a kind of value (from @azure/msal-node and msal-browser).
    {
      name: 'the name of an environment variable, an authentication method, a validation error',
      code: lines(
        'if (!endpoint || !secret) {',
        '  logger.info(`unavailable: the ${EnvironmentVariableNames.MSI_ENDPOINT} and ${EnvironmentVariableNames.MSI_SECRET} variables are not set`);',
        '}',
        'const channel = result.type === CODE_REQUIRED ? result.channel : AuthenticationMethodType.PASSWORD;',
        'logger.error(`channel ${channel} is not supported for password reset`);',
        "console.warn('sign-up form:', errors.password, ErrorCodes.INVALID_TOKEN);",
      ),
    },
    // Times and intervals named after a token or password.
    'logger.info(`cached access token expires within ${this.config.systemOptions.tokenRenewalOffsetSeconds} seconds`);',
    "logger.debug({ passwordResetDelayMinutes: 15, tokenRefreshInterval: refreshEvery }, 'schedule');",
    // Masked, truncated or hashed values.
    "logger.warn({ customerId: req.user.id, card: maskPan(req.body.cardNumber) }, 'card declined');",
    'logger.info({ last4: card.number.slice(-4), token: `${token.slice(0, 6)}…` });',
    "logger.info({ card: card.number.replace(/\\d(?=\\d{4})/g, '*') });",
    'logger.info({ passwordHash: await bcrypt.hash(password, 12) });',
    lines('const masked = maskSensitive(token);', "logger.info({ token: masked }, 'refreshed');"),
    {
      name: 'a team mask helper named in the options',
      code: "logger.info({ token: safeToken(token) }, 'refreshed');",
      config: withOptions({ maskHelpers: ['safeToken'] }),
    },
    // Provider tokens and summaries stand in for the card; publishable keys are public.
    "logger.info({ paymentMethodId: pm.id, cardToken, brand: paymentMethod.card.brand, last4: paymentMethod.card.last4 });",
    "logger.info({ card: paymentMethod.card, apiKeyId: key.id, publishableKey }, 'saved card');",
    "logger.info({ sessionId: session.id, clientSecret: paymentIntent.client_secret }, 'checkout session created');",
    'console.log(`Order ${orderId} paid with the card ending ${card.last4}; key ${process.env.STRIPE_SECRET_KEY.slice(0, 8)}`);',
    // The security code alone is prohibited-card-data's finding, not this rule's.
    "logger.info({ orderId, cvv: req.body.cvv }, 'cvv received');",
    // Whole bodies outside payment and sign-in code, and bodies with the sensitive fields taken out.
    lines(
      "app.post('/feedback', async (req, res) => {",
      "  logger.info(req.body, 'feedback received');",
      '  await db.feedback.insert(req.body);',
      '  res.sendStatus(204);',
      '});',
    ),
    lines(
      "router.post('/sign-up', async (req, res) => {",
      '  const { password, ...profile } = req.body;',
      "  logger.info(profile, 'sign-up');",
      "  logger.info({ fields: Object.keys(req.body) }, 'sign-up fields');",
      '});',
    ),
    {
      name: 'Next.js route handler outside payments',
      code: lines('export async function POST(request: Request) {', '  const body = await request.json();', "  console.info('subscribe', body);", '}'),
      path: 'app/api/newsletter/route.ts',
    },
    // A parameter hides the outer variable of the same name.
    lines('const value = req.body.password;', "fields.forEach((value) => logger.info('field', value));"),
    // Koa's `ctx.body` is the response, not the request.
    "router.post('/pay', async (ctx) => { ctx.body = { ok: true }; ctx.log.info({ response: ctx.body }); });",
    // Not loggers: math, responses, dialogs, a sign-in call.
    'const entropy = Math.log(password.length); res.json({ token }); dialog.error(password); logIn(email, password);',
    {
      name: 'test code logs its fake credentials',
      code: "console.log('fixture user', { password: 'hunter2hunter2', token });",
      path: 'test/auth.test.ts',
    },
    // Near misses: look-alike names, hashed values, quiet routes and documentation strings.
    {
      name: 'LLM token counts are not credentials',
      code: "logger.info({ tokensUsed: completion.usage.total_tokens, promptTokens: completion.usage.prompt_tokens, model }, 'llm call');",
    },
    {
      name: 'a sha256 digest of a token, for correlating log lines',
      code: "logger.info({ token: sha256(token), userId }, 'session lookup');",
    },
    {
      name: 'names and ARNs of secrets, not their values',
      code: "logger.debug('secret rotation scheduled', { secretName: 'stripe-webhook', secretsManagerArn: process.env.SECRET_ARN, rotateAt });",
    },
    "console.warn('Password must be at least 12 characters; set STRIPE_SECRET_KEY in the environment');",
    "logger.info({ cardBrand: pm.card.brand, cardCountry: pm.card.country, expMonth: pm.card.exp_month }, 'card attached');",
    "logger.info({ contentType: req.headers['content-type'], requestId: req.headers['x-request-id'] }, 'incoming');",
    {
      name: 'Fastify: a whole body on a contact route, outside payments and sign-in',
      code: lines("fastify.post('/contact', async (request) => {", "  request.log.info(request.body, 'contact form');", '});'),
    },
    {
      name: 'NestJS payments controller logs ids and amounts of the DTO only',
      code: lines(
        "@Controller('payments')",
        'export class PaymentsController {',
        '  private readonly logger = new Logger(PaymentsController.name);',
        "  @Post('refund')",
        '  refund(@Body() dto: RefundDto) {',
        '    this.logger.log(`refund ${dto.paymentId} for ${dto.amountCents}`);',
        '  }',
        '}',
      ),
      path: 'src/payments/payments.controller.ts',
    },
    {
      name: 'a payment route logs the redacted body',
      code: lines("app.post('/pay', (req, res) => {", "  logger.info({ body: redact(req.body) }, 'pay');", '});'),
    },
    "logger.info(`charged card ending ${cardNumber.slice(-4)}; token expires at ${token.expiresAt.toISOString()}`);",
    {
      name: 'React form state kept in memory, only its validity logged',
      code: lines(
        'export function CheckoutForm() {',
        "  const [card, setCard] = useState({ number: '', expiry: '' });",
        "  console.debug('card valid', isValidCard(card.number), card.number.length);",
        '  return null;',
        '}',
      ),
      path: 'src/components/CheckoutForm.tsx',
    },
  ],
  invalid: [
    {
      name: 'the members of a secrets or configuration object are the values, not their names',
      code: lines(
        'logger.info(`msi secret: ${secrets.MSI_SECRET}`);',
        'logger.info(`db password: ${config.DB_PASSWORD}`);',
        'console.log(apiKeys.stripeSecretKey);',
      ),
      errors: [
        { messageId: 'sensitiveValue', line: 1, column: 1 },
        { messageId: 'sensitiveValue', line: 2, column: 1 },
        { messageId: 'sensitiveValue', line: 3, column: 1 },
      ],
      fixes: {
        maskValue: [
          lines('logger.info(`msi secret: ${maskSensitive(secrets.MSI_SECRET)}`);', 'logger.info(`db password: ${config.DB_PASSWORD}`);', 'console.log(apiKeys.stripeSecretKey);') + HELPER_TS,
          lines('logger.info(`msi secret: ${secrets.MSI_SECRET}`);', 'logger.info(`db password: ${maskSensitive(config.DB_PASSWORD)}`);', 'console.log(apiKeys.stripeSecretKey);') + HELPER_TS,
          lines('logger.info(`msi secret: ${secrets.MSI_SECRET}`);', 'logger.info(`db password: ${config.DB_PASSWORD}`);', 'console.log(maskSensitive(apiKeys.stripeSecretKey));') + HELPER_TS,
        ],
      },
    },
    {
      name: 'Express sign-in: the password property of a pino call',
      code: lines(
        "authRouter.post('/sign-in', async (req, res) => {",
        '  const body = signInSchema.parse(req.body);',
        "  logger.debug({ email: body.email, password: body.password }, 'sign-in attempt');",
        '});',
      ),
      errors: [{ messageId: 'sensitiveValue', line: 3, column: 3, severity: 'warning' }],
      fixes: {
        maskValue: lines(
          "authRouter.post('/sign-in', async (req, res) => {",
          '  const body = signInSchema.parse(req.body);',
          "  logger.debug({ email: body.email, password: maskSensitive(body.password) }, 'sign-in attempt');",
          '});',
        ) + HELPER_TS,
        removeValue: lines(
          "authRouter.post('/sign-in', async (req, res) => {",
          '  const body = signInSchema.parse(req.body);',
          "  logger.debug({ email: body.email }, 'sign-in attempt');",
          '});',
        ),
      },
    },
    {
      name: 'Express checkout: the whole request body',
      code: lines(
        "checkoutRouter.post('/pay-legacy', requireAuth, async (req, res) => {",
        "  console.log('checkout request', req.body);",
        '});',
      ),
      errors: [{ messageId: 'wholeObject', line: 2, column: 3 }],
      fixes: {
        maskValue: lines(
          "checkoutRouter.post('/pay-legacy', requireAuth, async (req, res) => {",
          "  console.log('checkout request', maskSensitive(req.body));",
          '});',
        ) + HELPER_TS,
        removeValue: lines(
          "checkoutRouter.post('/pay-legacy', requireAuth, async (req, res) => {",
          "  console.log('checkout request');",
          '});',
        ),
      },
    },
    {
      name: 'a card number in a template string',
      code: lines(
        "checkoutRouter.post('/card-declined', (req, res) => {",
        '  logger.warn(`card declined for ${req.user.id}: ${req.body.cardNumber}`);',
        '});',
      ),
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 3 }],
      fixes: {
        maskValue: lines(
          "checkoutRouter.post('/card-declined', (req, res) => {",
          '  logger.warn(`card declined for ${req.user.id}: ${maskSensitive(req.body.cardNumber)}`);',
          '});',
        ) + HELPER_TS,
      },
    },
    {
      name: 'shorthand property of a destructured card',
      code: lines("const { card, amount } = req.body;", "logger.info({ card, amount }, 'charging');"),
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 1 }],
      fixes: {
        maskValue: lines("const { card, amount } = req.body;", "logger.info({ card: maskSensitive(card), amount }, 'charging');") + HELPER_TS,
        removeValue: lines("const { card, amount } = req.body;", "logger.info({ amount }, 'charging');"),
      },
    },
    {
      name: 'a spread request body in a payment route can only be removed',
      code: lines("app.post('/pay', (req, res) => {", "  logger.info({ ...req.body, step: 'pay' });", '});'),
      errors: [{ messageId: 'wholeObject', line: 2, column: 3 }],
      fixes: { removeValue: lines("app.post('/pay', (req, res) => {", "  logger.info({ step: 'pay' });", '});') },
    },
    {
      name: 'the Authorization header, read from Express request headers',
      code: "console.log('auth header', req.headers.authorization, req.get('X-Request-Id'));",
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: {
        maskValue: "console.log('auth header', maskSensitive(req.headers.authorization), req.get('X-Request-Id'));" + HELPER_TS,
        removeValue: "console.log('auth header', req.get('X-Request-Id'));",
      },
    },
    {
      name: 'all request headers, in any middleware',
      code: lines('app.use((req, res, next) => {', "  logger.info({ headers: req.headers }, 'incoming');", '  next();', '});'),
      errors: [{ messageId: 'wholeObject', line: 2, column: 3 }],
      fixes: {
        maskValue: lines('app.use((req, res, next) => {', "  logger.info({ headers: maskSensitive(req.headers) }, 'incoming');", '  next();', '});') + HELPER_TS,
        removeValue: lines('app.use((req, res, next) => {', "  logger.info({}, 'incoming');", '  next();', '});'),
      },
    },
    {
      name: 'Koa: the login body from ctx.request',
      code: lines("router.post('/login', async (ctx) => {", "  log.info('login', ctx.request.body);", '});'),
      path: 'src/server.js',
      errors: [{ messageId: 'wholeObject', line: 2, column: 3 }],
      fixes: {
        maskValue: lines("router.post('/login', async (ctx) => {", "  log.info('login', maskSensitive(ctx.request.body));", '});') + HELPER_JS,
        removeValue: lines("router.post('/login', async (ctx) => {", "  log.info('login');", '});'),
      },
    },
    {
      name: 'Koa: an Authorization header read with ctx.get',
      code: 'ctx.log.info(`caller ${ctx.get(\'Authorization\')}`);',
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: { maskValue: 'ctx.log.info(`caller ${maskSensitive(ctx.get(\'Authorization\'))}`);' + HELPER_TS },
    },
    {
      name: 'Fastify: a card number on the request logger',
      code: lines(
        "fastify.post('/pay', async (request, reply) => {",
        "  request.log.info({ pan: request.body.pan, orderId: request.body.orderId }, 'pay');",
        '});',
      ),
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 3 }],
      fixes: {
        maskValue: lines(
          "fastify.post('/pay', async (request, reply) => {",
          "  request.log.info({ pan: maskSensitive(request.body.pan), orderId: request.body.orderId }, 'pay');",
          '});',
        ) + HELPER_TS,
        removeValue: lines("fastify.post('/pay', async (request, reply) => {", "  request.log.info({ orderId: request.body.orderId }, 'pay');", '});'),
      },
    },
    {
      name: 'NestJS: a whole @Body() DTO in a payments controller',
      code: lines(
        "@Controller('payments')",
        'export class PaymentsController {',
        '  private readonly logger = new Logger(PaymentsController.name);',
        "  @Post('charge')",
        '  charge(@Body() dto: ChargeDto) {',
        '    this.logger.log(`charging ${JSON.stringify(dto)}`);',
        '  }',
        '}',
      ),
      path: 'src/payments/payments.controller.ts',
      errors: [{ messageId: 'wholeObject', line: 6, column: 5 }],
      fixes: {
        maskValue: lines(
          "@Controller('payments')",
          'export class PaymentsController {',
          '  private readonly logger = new Logger(PaymentsController.name);',
          "  @Post('charge')",
          '  charge(@Body() dto: ChargeDto) {',
          '    this.logger.log(`charging ${JSON.stringify(maskSensitive(dto))}`);',
          '  }',
          '}',
        ) + HELPER_TS,
      },
    },
    {
      name: 'NestJS: an @Headers(\'authorization\') parameter through the static Logger',
      code: lines(
        'export class ProfileController {',
        "  @Get('me')",
        "  me(@Headers('authorization') auth: string) {",
        "    Logger.debug('me called with ' + auth, 'Profile');",
        '  }',
        '}',
      ),
      errors: [{ messageId: 'sensitiveValue', line: 4, column: 5 }],
      fixes: {
        maskValue: lines(
          'export class ProfileController {',
          "  @Get('me')",
          "  me(@Headers('authorization') auth: string) {",
          "    Logger.debug('me called with ' + maskSensitive(auth), 'Profile');",
          '  }',
          '}',
        ) + HELPER_TS,
      },
    },
    {
      name: 'Next.js route handler: the parsed checkout body',
      code: lines('export async function POST(request: Request) {', '  const body = await request.json();', "  console.info('checkout', body);", '}'),
      path: 'app/api/checkout/route.ts',
      errors: [{ messageId: 'wholeObject', line: 3, column: 3 }],
      fixes: {
        maskValue: lines('export async function POST(request: Request) {', '  const body = await request.json();', "  console.info('checkout', maskSensitive(body));", '}') + HELPER_TS,
        removeValue: lines('export async function POST(request: Request) {', '  const body = await request.json();', "  console.info('checkout');", '}'),
      },
    },
    {
      name: 'winston: a freshly generated reset token',
      code: lines("const resetToken = crypto.randomBytes(32).toString('hex');", "winston.info('password reset', { email, resetToken });"),
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 1 }],
      fixes: {
        maskValue: lines("const resetToken = crypto.randomBytes(32).toString('hex');", "winston.info('password reset', { email, resetToken: maskSensitive(resetToken) });") + HELPER_TS,
        removeValue: lines("const resetToken = crypto.randomBytes(32).toString('hex');", "winston.info('password reset', { email });"),
      },
    },
    {
      name: 'pino child bindings repeat a secret key on every line',
      code: "const log = logger.child({ service: 'billing', apiKey: process.env.STRIPE_SECRET_KEY });",
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 13 }],
      fixes: {
        maskValue: "const log = logger.child({ service: 'billing', apiKey: maskSensitive(process.env.STRIPE_SECRET_KEY) });" + HELPER_TS,
        removeValue: "const log = logger.child({ service: 'billing' });",
      },
    },
    {
      name: 'bunyan: a password parameter next to the error',
      code: lines('function onLoginFailed(err, password) {', "  log.error({ err, password }, 'login failed');", '}'),
      path: 'src/auth.js',
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 3 }],
      fixes: {
        maskValue: lines('function onLoginFailed(err, password) {', "  log.error({ err, password: maskSensitive(password) }, 'login failed');", '}') + HELPER_JS,
        removeValue: lines('function onLoginFailed(err, password) {', "  log.error({ err }, 'login failed');", '}'),
      },
    },
    {
      name: 'log4js: a card number as a format argument',
      code: "log4js.getLogger('payments').info('charging card %s for %d', cardNumber, amount);",
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: {
        maskValue: "log4js.getLogger('payments').info('charging card %s for %d', maskSensitive(cardNumber), amount);" + HELPER_TS,
        removeValue: "log4js.getLogger('payments').info('charging card %s for %d', amount);",
      },
    },
    {
      name: 'a renamed password from the request body',
      code: lines("app.post('/register', (req, res) => {", '  const { email, password: pw } = req.body;', "  console.log('register', email, pw);", '});'),
      errors: [{ messageId: 'sensitiveValue', line: 3, column: 3 }],
      fixes: {
        maskValue: lines("app.post('/register', (req, res) => {", '  const { email, password: pw } = req.body;', "  console.log('register', email, maskSensitive(pw));", '});') + HELPER_TS,
        removeValue: lines("app.post('/register', (req, res) => {", '  const { email, password: pw } = req.body;', "  console.log('register', email);", '});'),
      },
    },
    {
      name: 'all environment variables',
      code: 'console.log(process.env);',
      errors: [{ messageId: 'wholeObject', line: 1, column: 1 }],
      fixes: { maskValue: 'console.log(maskSensitive(process.env));' + HELPER_TS },
    },
    {
      name: 'React: the card number from form state in the browser console',
      code: lines(
        'export function CheckoutForm() {',
        "  const [card, setCard] = useState({ number: '', expiry: '' });",
        "  const submit = () => console.log('submitting', card.number);",
        '  return null;',
        '}',
      ),
      path: 'src/components/CheckoutForm.tsx',
      errors: [{ messageId: 'sensitiveValue', line: 3, column: 24 }],
      fixes: {
        maskValue: lines(
          'export function CheckoutForm() {',
          "  const [card, setCard] = useState({ number: '', expiry: '' });",
          "  const submit = () => console.log('submitting', maskSensitive(card.number));",
          '  return null;',
          '}',
        ) + HELPER_TS,
        removeValue: lines(
          'export function CheckoutForm() {',
          "  const [card, setCard] = useState({ number: '', expiry: '' });",
          "  const submit = () => console.log('submitting');",
          '  return null;',
          '}',
        ),
      },
    },
    {
      name: 'a password and a token in one call: one finding, fixes cover both',
      code: "logger.info({ user: email, password, token }, 'session created');",
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: {
        maskValue: "logger.info({ user: email, password: maskSensitive(password), token: maskSensitive(token) }, 'session created');" + HELPER_TS,
        removeValue: "logger.info({ user: email }, 'session created');",
      },
    },
    {
      name: 'the password is reported, the CVV next to it is left to prohibited-card-data',
      code: "logger.info({ cvv, password: req.body.password }, 'debug');",
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: {
        maskValue: "logger.info({ cvv, password: maskSensitive(req.body.password) }, 'debug');" + HELPER_TS,
        removeValue: "logger.info({ cvv }, 'debug');",
      },
    },
    {
      name: 'a password concatenated into the message',
      code: "console.error('login failed for ' + email + ' with ' + password);",
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: { maskValue: "console.error('login failed for ' + email + ' with ' + maskSensitive(password));" + HELPER_TS },
    },
    {
      name: 'a token returned by a call',
      code: "async function signIn(user) { logger.debug('issued', await issueSessionToken(user.id)); }",
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 31 }],
      fixes: {
        maskValue: "async function signIn(user) { logger.debug('issued', maskSensitive(await issueSessionToken(user.id))); }" + HELPER_TS,
        removeValue: "async function signIn(user) { logger.debug('issued'); }",
      },
    },
    {
      name: 'OAuth tokens destructured from the token call',
      code: lines('const { tokens } = await oauth2Client.getToken(code);', "console.log('google tokens', tokens);"),
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 1 }],
      fixes: {
        maskValue: lines('const { tokens } = await oauth2Client.getToken(code);', "console.log('google tokens', maskSensitive(tokens));") + HELPER_TS,
        removeValue: lines('const { tokens } = await oauth2Client.getToken(code);', "console.log('google tokens');"),
      },
    },
    {
      name: 'an Authorization header built into a request options object',
      code: lines(
        "const options = { method: 'POST', headers: { Authorization: `Bearer ${accessKey}` } };",
        "logger.debug('calling CodePay', options);",
      ),
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 1 }],
      fixes: {
        maskValue: lines(
          "const options = { method: 'POST', headers: { Authorization: `Bearer ${accessKey}` } };",
          "logger.debug('calling CodePay', maskSensitive(options));",
        ) + HELPER_TS,
        removeValue: lines("const options = { method: 'POST', headers: { Authorization: `Bearer ${accessKey}` } };", "logger.debug('calling CodePay');"),
      },
    },
    {
      name: 'multi-line object: the removal takes whole lines',
      code: lines(
        'logger.info({',
        '  orderId,',
        '  cardNumber: payload.card_number,',
        '  secret: webhookSecret,',
        "}, 'notification');",
      ),
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: {
        maskValue: lines(
          'logger.info({',
          '  orderId,',
          '  cardNumber: maskSensitive(payload.card_number),',
          '  secret: maskSensitive(webhookSecret),',
          "}, 'notification');",
        ) + HELPER_TS,
        removeValue: lines('logger.info({', '  orderId,', "}, 'notification');"),
      },
    },
    {
      name: 'Lambda: a serialised payment event body',
      code: lines('export const handler = async (event) => {', "  console.log('payment event', JSON.stringify(event.body));", '};'),
      path: 'functions/payment-callback.js',
      errors: [{ messageId: 'wholeObject', line: 2, column: 3 }],
      fixes: { maskValue: lines('export const handler = async (event) => {', "  console.log('payment event', JSON.stringify(maskSensitive(event.body)));", '};') + HELPER_JS },
    },
    {
      name: 'a team logger named in the options',
      code: "audit.info('key rotated', { merchantKey: newKey });",
      config: withOptions({ loggers: ['audit'] }),
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: {
        maskValue: "audit.info('key rotated', { merchantKey: maskSensitive(newKey) });" + HELPER_TS,
        removeValue: "audit.info('key rotated', {});",
      },
    },
    {
      name: 'a team mask helper: the fix uses it and adds nothing',
      code: lines("import { redactValue } from '../lib/redact';", "logger.warn('refresh failed', { refreshToken });"),
      config: withOptions({ maskHelpers: ['redactValue'] }),
      errors: [{ messageId: 'sensitiveValue', line: 2, column: 1 }],
      fixes: {
        maskValue: lines("import { redactValue } from '../lib/redact';", "logger.warn('refresh failed', { refreshToken: redactValue(refreshToken) });"),
        removeValue: lines("import { redactValue } from '../lib/redact';", "logger.warn('refresh failed', {});"),
      },
    },
    {
      name: 'the file already defines maskSensitive: the fix only wraps',
      code: lines(
        "console.log('session', req.cookies);",
        'function maskSensitive(v: unknown): string {',
        "  return '****';",
        '}',
      ),
      errors: [{ messageId: 'sensitiveValue', line: 1, column: 1 }],
      fixes: {
        maskValue: lines("console.log('session', maskSensitive(req.cookies));", 'function maskSensitive(v: unknown): string {', "  return '****';", '}'),
        removeValue: lines("console.log('session');", 'function maskSensitive(v: unknown): string {', "  return '****';", '}'),
      },
    },
  ],
});
