// Test table for prohibited-card-data: persisted models and columns, storage, cache, cookies, logs, own backends, negatives.
import rule from '../../rules/prohibited-card-data';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    // In-memory form state (React, Vue, plain objects) is not storage.
    lines(
      "const [card, setCard] = useState({ number: '', expiry: '', cvv: '' });",
      'const onCvv = (e) => setCard({ ...card, cvv: e.target.value });',
    ),
    { code: '<template><input v-model="cvv" autocomplete="cc-csc" /></template>\n<script>export default { data() { return { cvv: \'\' } } }</script>', path: 'src/components/CardForm.vue' },
    "export default { data: () => ({ cvc: '', number: '' }), methods: { clear() { this.cvc = ''; } } };",
    // Passing card data straight to the provider's tokenization call, and keeping only the token.
    lines(
      'const { token } = await stripe.createToken({ number: card.number, cvc: card.cvc, exp_month: 12, exp_year: 2030 });',
      'await db.insert({ orderId, token: token.id });',
    ),
    lines(
      'const token = await codepay.tokenize({ pan: form.pan, cvc: form.cvc });',
      "await fetch('/api/orders', { method: 'POST', body: JSON.stringify({ orderId, token }) });",
    ),
    "await fetch('https://api.codepay.com/v1/tokens', { method: 'POST', body: JSON.stringify({ number, cvc }) });",
    'await axios.post(`${CODEPAY_API_BASE}/tokens`, { number: card.number, cvc: card.cvc });',
    "const pm = await stripe.paymentMethods.create({ type: 'card', card: { number, exp_month: 12, exp_year: 2030, cvc } });",
    "const cvcElement = elements.create('cardCvc', { placeholder: 'CVC' }); cvcElement.mount('#card-cvc');",
    // Names that describe the field rather than hold it.
    lines(
      "const cvvLength = brand === 'amex' ? 4 : 3;",
      "localStorage.setItem('cvvLength', String(cvvLength));",
      "const labels = { cvvLabel: t('checkout.cvv'), cvvPlaceholder: 'CVC', showCvv: true, cvvRequired: true };",
    ),
    "if (cvv.length !== 3) { setErrors({ ...errors, cvv: 'CVV must have 3 digits' }); console.warn('invalid cvv length', cvv.length); }",
    "console.log(errors.cvv, touched.cvv, labels.cvc);",
    "logger.warn('CVC check failed', { orderId, cvcCheck: charge.payment_method_details.card.checks.cvc_check });",
    // Provider check results and tokens are fine to keep; so are purges of the code.
    lines(
      "const PaymentSchema = new Schema({ orderId: String, cvcCheck: String, avsResult: String, last4: String, token: String });",
      "await Payment.updateOne({ _id: id }, { $unset: { cvv: '' } });",
      'await db.update({ cvv: null }).where({ id });',
    ),
    {
      code: lines('@Entity()', 'export class SavedCard {', '  @Column({ length: 4 }) cardLast4!: string;', '  @Column() paymentMethodToken!: string;', '  @Column() cvvResult!: string;', '}'),
      path: 'src/entities/saved-card.ts',
    },
    { code: lines('CREATE TABLE payments (', '  id UUID PRIMARY KEY,', '  card_last4 CHAR(4),', '  cvv_result CHAR(1),', '  tracking_number TEXT', ');'), path: 'db/schema.sql' },
    {
      name: 'a MySQL # comment that mentions the dropped column is not a column',
      code: lines('CREATE TABLE cards (', '  id INT PRIMARY KEY,', '  # cvv VARCHAR(4) was dropped in 2021', '  token VARCHAR(64)', ');'),
      path: 'db/mysql/schema.sql',
    },
    { code: lines('model Payment {', '  id        String  @id', '  last4     String', '  cvcCheck  String?', '  tracking  String?', '}'), path: 'prisma/schema.prisma' },
    // Other senses of the words: tracking, customer ids, operator PINs, route registration.
    lines(
      "analytics.track('checkout_started', trackData);",
      'await db.insert({ trackingNumber, cid: customer.id, pinHash: await scryptHash(pin) });',
    ),
    "router.post('/pay', validate({ cvv: Joi.string().length(3).required() }), payHandler);",
    "export const logger = pino({ redact: ['req.headers.authorization', 'body.cvv', 'body.card.cvc'] });",
    lines(
      'const payload = JSON.stringify({ orderId, cvv: card.cvv });',
      'const signature = CryptoJS.HmacSHA256(payload, key).toString();',
      "sessionStorage.setItem('checkoutStep', 'done');",
    ),
    "await redis.set(`order:${id}`, JSON.stringify({ status: 'paid', last4 }), 'EX', 600);",
    "localStorage.removeItem('cvv'); res.clearCookie('cvc');",
    lines(
      "fieldErrors.set('cvv', t('required'));",
      'console.log(fieldErrors);',
      "res.setHeader('Set-Cookie', `theme=${theme}; Path=/`);",
      'xhr.send(JSON.stringify({ orderId, token }));',
    ),
    { name: 'code that does not parse yet is left to the editor', code: "localStorage.setItem('cvv', cvv\nconst x = {", path: 'src/draft.ts' },
    // Sandbox data in tests and fixtures.
    { code: "localStorage.setItem('cvv', '123'); console.log({ cvv: card.cvv });", path: 'test/checkout.test.ts' },
    { code: "export const card = { number: '4242424242424242', cvc: '123' };\nawait db.insert({ cvc: card.cvc });", path: 'e2e/data/cards.ts', config: { fixtures: ['e2e/data/**'] } },
    // Near misses: purges and dropped columns, counters, redacted logs, hosted fields and gateways, look-alike names.
    {
      name: 'a migration that drops the CVV column',
      code: lines(
        'ALTER TABLE payments DROP COLUMN cvv;',
        'ALTER TABLE legacy_cards DROP COLUMN IF EXISTS track2_data;',
      ),
      path: 'db/migrations/0042_drop_cvv.sql',
    },
    {
      name: 'a retention job that clears the legacy CVV column with SQL',
      code: "await pool.query('UPDATE payments SET cvv = NULL, track2_data = NULL WHERE created_at < now()');",
    },
    {
      name: 'SQL DDL: a comment that mentions the CVV is not a column',
      code: lines(
        'CREATE TABLE payments (',
        '  id UUID PRIMARY KEY,',
        '  -- cvv is never stored (PCI DSS 3.2.2); only the token',
        '  /* track2 data: see the tokenization service */',
        '  token TEXT NOT NULL',
        ');',
      ),
      path: 'db/schema.sql',
    },
    {
      name: 'knex and Sequelize migrations that remove the columns',
      code: lines(
        "exports.up = (knex) => knex.schema.alterTable('payments', (table) => {",
        "  table.dropColumn('cvv');",
        "  table.string('cvc_check', 16);",
        "  table.boolean('cvv_provided');",
        '});',
        "exports.down = (queryInterface) => queryInterface.removeColumn('payments', 'card_cvc');",
      ),
      path: 'migrations/20250101_drop_cvv.js',
    },
    {
      name: 'gift card schema: a counter of wrong PIN attempts is not the PIN',
      code: 'const GiftCardSchema = new Schema({ balance: Number, card: { last4: String, pinAttempts: Number, pinLockedUntil: Date } });',
      path: 'src/models/gift-card.ts',
    },
    {
      name: 'a 2FA security code on a user (no card around it)',
      code: 'const UserSchema = new mongoose.Schema({ email: String, securityCode: String, securityCodeExpiresAt: Date });',
      path: 'src/models/user.js',
    },
    {
      name: 'card details with the code left out, persisted for the next step',
      code: lines(
        'const { cvv, ...safeCard } = card;',
        "sessionStorage.setItem('checkout', JSON.stringify(safeCard));",
      ),
      path: 'src/checkout/step.ts',
    },
    {
      name: 'the code redacted before logging',
      code: "logger.info({ orderId, cvc: '[REDACTED]', last4: card.number.slice(-4) }, 'charging card');",
    },
    {
      name: 'log messages and errors that only mention the CVC',
      code: lines(
        "logger.error('Payment declined: incorrect CVC', { orderId, declineCode: err.decline_code });",
        "console.warn('cvv is required for this card brand');",
      ),
      path: 'src/payments/charge.ts',
    },
    {
      name: 'Braintree hosted fields: only the nonce goes to our backend',
      code: lines(
        'const { nonce } = await hostedFieldsInstance.tokenize();',
        "await fetch('/api/checkout', { method: 'POST', body: JSON.stringify({ orderId, paymentMethodNonce: nonce }) });",
      ),
      path: 'src/components/Checkout.tsx',
    },
    {
      name: 'Square Web Payments SDK: card.tokenize, then the source id to our API',
      code: lines(
        'const card = await payments.card();',
        "await card.attach('#card-container');",
        'const result = await card.tokenize();',
        "await axios.post('/api/payments', { sourceId: result.token, amount });",
      ),
      path: 'src/square/pay.ts',
    },
    {
      name: 'server-side: card data passed straight to the gateway, only the transaction id kept',
      code: lines(
        "app.post('/pay', async (req, res) => {",
        '  const { number, expirationDate, cvv } = req.body;',
        '  const result = await gateway.transaction.sale({ amount: order.total, creditCard: { number, expirationDate, cvv }, options: { submitForSettlement: true } });',
        '  await Order.updateOne({ _id: order.id }, { transactionId: result.transaction.id, last4: result.transaction.creditCard.last4 });',
        '  res.json({ ok: result.success });',
        '});',
      ),
    },
    {
      name: 'PayPal hosted fields config names the CVV field',
      code: "paypal.HostedFields.render({ createOrder, fields: { number: { selector: '#card-number' }, cvv: { selector: '#cvv', placeholder: '123' }, expirationDate: { selector: '#expiration-date' } } });",
    },
    {
      name: 'provider check results cached and in a TypeORM migration',
      code: lines(
        "await redis.hset(`charge:${id}`, 'cvc_check', charge.payment_method_details.card.checks.cvc_check);",
        "await queryRunner.addColumn('payments', new TableColumn({ name: 'cvv_result', type: 'char', length: '1', isNullable: true }));",
      ),
      path: 'src/migrations/1700000000001-CvvResult.ts',
    },
    {
      name: 'test files may use sandbox card data',
      code: lines(
        "const order = await Order.create({ items, cvv: '123' });",
        'console.log(card.cvc);',
      ),
      path: 'src/__tests__/checkout.spec.ts',
    },
    {
      name: 'UI preferences named after the CVV field',
      code: lines(
        "localStorage.setItem('cvvHintDismissed', 'true');",
        "document.cookie = 'showCvvHelp=0; path=/';",
      ),
      path: 'public/js/ui.js',
    },
    {
      name: 'map pins and pinned items are not card PINs',
      code: lines(
        'await db.insert({ mapPin: JSON.stringify(pin), pinned: true });',
        "localStorage.setItem('pinnedOrders', JSON.stringify(pinnedOrders));",
      ),
    },
    {
      name: 'validating the code against a constant length before tokenizing',
      code: lines(
        'if (form.cvc.length < 3 || form.cvc === "000") {',
        "  logger.warn('rejected cvc format', { orderId, cvcLength: form.cvc.length });",
        '  return;',
        '}',
        'const { token } = await stripe.createToken({ number: form.number, cvc: form.cvc });',
      ),
      path: 'src/pay.js',
    },
  ],
  invalid: [
    // Persisted models.
    {
      name: 'TypeORM: the property under @Column, removed with its decorator',
      code: lines(
        '@Entity()',
        'export class SavedCard {',
        '  @Column()',
        '  customerId!: string;',
        '',
        '  @Column()',
        '  cvv!: string;',
        '}',
      ),
      path: 'src/entities/saved-card.ts',
      errors: [{ messageId: 'modelField', line: 7, column: 3, severity: 'error' }],
      fixes: {
        removeField: lines('@Entity()', 'export class SavedCard {', '  @Column()', '  customerId!: string;', '', '}'),
      },
    },
    {
      name: 'TypeORM: a security code in a card entity, decorator on the same line',
      code: lines('@Entity()', 'export class Card {', '  @Column() last4!: string;', "  @Column({ type: 'varchar', length: 4 }) securityCode!: string;", '}'),
      errors: [{ messageId: 'modelField', line: 4, column: 43 }],
      fixes: { removeField: lines('@Entity()', 'export class Card {', '  @Column() last4!: string;', '}') },
    },
    {
      name: 'NestJS mongoose @Prop',
      code: lines('@Schema()', 'export class Payment {', '  @Prop() orderId: string;', '  @Prop({ select: false }) cvc: string;', '}'),
      errors: [{ messageId: 'modelField', line: 4, column: 28 }],
      fixes: { removeField: lines('@Schema()', 'export class Payment {', '  @Prop() orderId: string;', '}') },
    },
    {
      name: 'mongoose: a nested card field',
      code: lines(
        "import { Schema, model } from 'mongoose';",
        'const PaymentSchema = new Schema({',
        '  orderId: { type: String, required: true },',
        '  card: {',
        '    last4: String,',
        '    cvv: String, // kept for recurring charges',
        '  },',
        '});',
      ),
      errors: [{ messageId: 'modelField', line: 6, column: 5 }],
      fixes: {
        removeField: lines(
          "import { Schema, model } from 'mongoose';",
          'const PaymentSchema = new Schema({',
          '  orderId: { type: String, required: true },',
          '  card: {',
          '    last4: String,',
          '  },',
          '});',
        ),
      },
    },
    {
      name: 'mongoose model and knex migration in one file: the fix removes both',
      code: lines(
        "const schema = new mongoose.Schema({ orderId: String, track2Data: { type: String, select: false } });",
        "exports.up = (knex) => knex.schema.createTable('payments', (table) => {",
        "  table.uuid('order_id');",
        "  table.text('track2_data').notNullable();",
        '});',
      ),
      path: 'src/models/payment.js',
      errors: [{ messageId: 'modelField', line: 1, column: 55 }],
      fixes: {
        removeField: lines(
          'const schema = new mongoose.Schema({ orderId: String });',
          "exports.up = (knex) => knex.schema.createTable('payments', (table) => {",
          "  table.uuid('order_id');",
          '});',
        ),
      },
    },
    {
      name: 'knex migration alone: the column line',
      code: lines(
        'exports.up = function (knex) {',
        "  return knex.schema.alterTable('payments', function (t) {",
        "    t.string('cvv', 4).nullable();",
        "    t.string('card_pin_block', 32);",
        '  });',
        '};',
      ),
      path: 'migrations/20240101_payments.js',
      errors: [
        { messageId: 'tableColumn', line: 3, column: 5 },
        { messageId: 'tableColumn', line: 4, column: 5 },
      ],
      fixes: {
        removeColumn: [
          lines('exports.up = function (knex) {', "  return knex.schema.alterTable('payments', function (t) {", "    t.string('card_pin_block', 32);", '  });', '};'),
          lines('exports.up = function (knex) {', "  return knex.schema.alterTable('payments', function (t) {", "    t.string('cvv', 4).nullable();", '  });', '};'),
        ],
      },
    },
    {
      name: 'Sequelize define, inline attributes',
      code: "const Payment = sequelize.define('Payment', { orderId: DataTypes.UUID, cvv: DataTypes.STRING(4), amount: DataTypes.INTEGER });",
      path: 'src/models/payment.js',
      errors: [{ messageId: 'modelField', line: 1, column: 72 }],
      fixes: { removeField: "const Payment = sequelize.define('Payment', { orderId: DataTypes.UUID, amount: DataTypes.INTEGER });" },
    },
    {
      name: 'Sequelize Model.init, the last attribute',
      code: lines(
        'Payment.init({',
        '  orderId: DataTypes.UUID,',
        '  pinBlock: { type: DataTypes.STRING }',
        "}, { sequelize, tableName: 'payments' });",
      ),
      errors: [{ messageId: 'modelField', line: 3, column: 3 }],
      fixes: { removeField: lines('Payment.init({', '  orderId: DataTypes.UUID,', "}, { sequelize, tableName: 'payments' });") },
    },
    {
      name: 'Sequelize migration: addColumn statement',
      code: lines(
        'module.exports = {',
        '  async up(queryInterface, Sequelize) {',
        "    await queryInterface.addColumn('payments', 'card_cvc', { type: Sequelize.STRING(4) });",
        "    await queryInterface.addColumn('payments', 'last4', { type: Sequelize.STRING(4) });",
        '  },',
        '};',
      ),
      path: 'migrations/20240101-add-card.js',
      errors: [{ messageId: 'tableColumn', line: 3, column: 48 }],
      fixes: {
        removeColumn: lines(
          'module.exports = {',
          '  async up(queryInterface, Sequelize) {',
          "    await queryInterface.addColumn('payments', 'last4', { type: Sequelize.STRING(4) });",
          '  },',
          '};',
        ),
      },
    },
    {
      name: 'Sequelize migration: createTable attributes',
      code: "await queryInterface.createTable('cards', { id: { type: Sequelize.UUID, primaryKey: true }, securityCode: Sequelize.STRING });",
      path: 'migrations/20240102-cards.js',
      errors: [{ messageId: 'tableColumn', line: 1, column: 93 }],
      fixes: { removeColumn: "await queryInterface.createTable('cards', { id: { type: Sequelize.UUID, primaryKey: true } });" },
    },
    {
      name: 'TypeORM generated migration: a column inside the SQL string',
      code: 'await queryRunner.query(`CREATE TABLE "payment" ("id" SERIAL NOT NULL, "cvv" character varying NOT NULL, "amount" integer NOT NULL, CONSTRAINT "PK_1" PRIMARY KEY ("id"))`);',
      path: 'src/migrations/1700000000000-Payment.ts',
      errors: [{ messageId: 'tableColumn', line: 1, column: 72 }],
      fixes: {
        removeColumn: 'await queryRunner.query(`CREATE TABLE "payment" ("id" SERIAL NOT NULL, "amount" integer NOT NULL, CONSTRAINT "PK_1" PRIMARY KEY ("id"))`);',
      },
    },
    {
      name: 'TypeORM migration API: new Table columns',
      code: lines(
        'await queryRunner.createTable(new Table({',
        "  name: 'payments',",
        '  columns: [',
        "    { name: 'id', type: 'uuid', isPrimary: true },",
        "    { name: 'track_2', type: 'varchar' },",
        '  ],',
        '}));',
      ),
      errors: [{ messageId: 'tableColumn', line: 5, column: 13 }],
      fixes: {
        removeColumn: lines('await queryRunner.createTable(new Table({', "  name: 'payments',", '  columns: [', "    { name: 'id', type: 'uuid', isPrimary: true },", '  ],', '}));'),
      },
    },
    {
      name: 'TypeORM EntitySchema columns',
      code: "export const CardEntity = new EntitySchema({ name: 'card', columns: { id: { type: Number, primary: true }, magstripe: { type: String } } });",
      errors: [{ messageId: 'modelField', line: 1, column: 108 }],
      fixes: { removeField: "export const CardEntity = new EntitySchema({ name: 'card', columns: { id: { type: Number, primary: true } } });" },
    },
    {
      name: 'Prisma schema: the field line (also by @map)',
      code: lines(
        'model Payment {',
        '  id        String  @id @default(uuid())',
        '  last4     String',
        '  code      String? @map("card_cvv")',
        '}',
      ),
      path: 'prisma/schema.prisma',
      errors: [{ messageId: 'modelField', line: 4, column: 3 }],
      fixes: { removeField: lines('model Payment {', '  id        String  @id @default(uuid())', '  last4     String', '}') },
    },
    {
      name: 'SQL DDL: a middle column and the last column keep commas valid; ALTER TABLE ADD has no fix',
      code: lines(
        'CREATE TABLE legacy_payments (',
        '  id           UUID PRIMARY KEY,',
        '  card_cvv     CHAR(4), -- after authorisation',
        '  amount_cents INTEGER NOT NULL,',
        '  track2_data  TEXT',
        ');',
        'ALTER TABLE legacy_payments ADD COLUMN pin_block VARCHAR(32);',
      ),
      path: 'db/schema.sql',
      errors: [
        { messageId: 'tableColumn', line: 3, column: 3 },
        { messageId: 'tableColumn', line: 5, column: 3 },
        { messageId: 'tableColumn', line: 7, column: 40 },
      ],
      fixes: {
        removeColumn: [
          lines(
            'CREATE TABLE legacy_payments (',
            '  id           UUID PRIMARY KEY,',
            '  amount_cents INTEGER NOT NULL,',
            '  track2_data  TEXT',
            ');',
            'ALTER TABLE legacy_payments ADD COLUMN pin_block VARCHAR(32);',
          ),
          lines(
            'CREATE TABLE legacy_payments (',
            '  id           UUID PRIMARY KEY,',
            '  card_cvv     CHAR(4), -- after authorisation',
            '  amount_cents INTEGER NOT NULL',
            ');',
            'ALTER TABLE legacy_payments ADD COLUMN pin_block VARCHAR(32);',
          ),
        ],
      },
    },
    {
      name: 'SQL DDL: MySQL backticks, several columns on one line',
      code: 'CREATE TABLE `cards` (`id` INT, `cvc` VARCHAR(4), `last4` CHAR(4));',
      path: 'db/mysql/cards.sql',
      errors: [{ messageId: 'tableColumn', line: 1, column: 33 }],
      fixes: { removeColumn: 'CREATE TABLE `cards` (`id` INT, `last4` CHAR(4));' },
    },
    {
      name: 'SQL DDL: the only column has no fix; leading-comma lists; quoted names',
      code: lines(
        'CREATE TABLE card_secrets (cvv CHAR(4));',
        'CREATE TABLE IF NOT EXISTS "public"."cards" (',
        '    "id" uuid',
        '  , "security_code" varchar(4)',
        '  , "last4" char(4)',
        ');',
      ),
      path: 'db/migrations/0007_cards.sql',
      errors: [
        { messageId: 'tableColumn', line: 1, column: 28 },
        { messageId: 'tableColumn', line: 4, column: 5 },
      ],
      fixes: {
        removeColumn: lines('CREATE TABLE card_secrets (cvv CHAR(4));', 'CREATE TABLE IF NOT EXISTS "public"."cards" (', '    "id" uuid', '  , "last4" char(4)', ');'),
      },
    },
    {
      name: 'SQL DDL with CRLF line endings',
      code: 'CREATE TABLE p (\r\n  id INT,\r\n  cvc CHAR(3)\r\n);\r\n',
      path: 'db/p.sql',
      errors: [{ messageId: 'tableColumn', line: 3, column: 3 }],
      fixes: { removeColumn: 'CREATE TABLE p (\r\n  id INT\r\n);\r\n' },
    },
    // Writes to browser/device storage, caches, cookies, sessions and databases.
    {
      code: "localStorage.setItem('cvv', form.cvv);",
      path: 'src/checkout.js',
      errors: [{ messageId: 'stored', line: 1, column: 1 }],
    },
    {
      name: 'form state persisted to sessionStorage',
      code: lines(
        'export function CardForm() {',
        "  const [card, setCard] = useState({ number: '', cvv: '' });",
        "  useEffect(() => { sessionStorage.setItem('checkout', JSON.stringify(card)); }, [card]);",
        '}',
      ),
      path: 'src/CardForm.tsx',
      errors: [{ messageId: 'stored', line: 3, column: 21 }],
    },
    {
      name: 'React Native AsyncStorage',
      code: "await AsyncStorage.setItem('@card', JSON.stringify({ number, expiry, cvc: securityCode }));",
      path: 'app/screens/Pay.tsx',
      errors: [{ messageId: 'stored', line: 1, column: 7 }],
    },
    {
      name: 'redis: key names the code',
      code: lines('app.post("/pay", async (req, res) => {', '  await redis.set(`cvv:${req.body.orderId}`, req.body.code, "EX", 600);', '});'),
      errors: [{ messageId: 'stored', line: 2, column: 9 }],
    },
    {
      name: 'cache-manager in a NestJS service, value renamed by destructuring',
      code: lines(
        '@Injectable()',
        'export class PaymentsService {',
        '  async pay(dto: PayDto) {',
        '    const { cvc: code, orderId } = dto;',
        '    await this.cacheManager.set(orderId, { code });',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'stored', line: 5, column: 11 }],
    },
    {
      name: 'Express cookie',
      code: "router.post('/card', (req, res) => { res.cookie('card_cvc', req.body.cvc, { httpOnly: true }); res.sendStatus(204); });",
      errors: [{ messageId: 'stored', line: 1, column: 38 }],
    },
    {
      name: 'Fastify setCookie and Next.js cookies()',
      code: lines("reply.setCookie('track2', body.track2);", "cookies().set('session', JSON.stringify({ cvv }));"),
      errors: [
        { messageId: 'stored', line: 1, column: 1 },
        { messageId: 'stored', line: 2, column: 1 },
      ],
    },
    {
      code: 'document.cookie = `cvv=${cvv}; path=/; max-age=600`;',
      path: 'public/checkout.js',
      errors: [{ messageId: 'stored', line: 1, column: 1 }],
    },
    {
      name: 'Koa session',
      code: "router.post('/pay', async (ctx) => { ctx.session.cvv = ctx.request.body.cvv; ctx.body = { ok: true }; });",
      errors: [{ messageId: 'stored', line: 1, column: 38 }],
    },
    {
      name: 'ORM create with card data from the request',
      code: lines(
        "app.post('/orders', async (req, res) => {",
        '  const { items, cvv } = req.body;',
        '  const order = await Order.create({ items, cvv, status: "pending" });',
        '  res.json(order);',
        '});',
      ),
      errors: [{ messageId: 'stored', line: 3, column: 23 }],
    },
    {
      name: 'entity filled then saved',
      code: lines('const payment = new Payment();', 'payment.orderId = dto.orderId;', 'payment.cvv = dto.cvv;', 'await payment.save();'),
      errors: [{ messageId: 'stored', line: 4, column: 7 }],
    },
    {
      name: 'knex insert, MongoDB insertOne through a renamed variable, Prisma and Firestore',
      code: lines(
        "await knex('payments').insert({ order_id: id, card_cvv: body.cvv });",
        'const securityCode = req.body.card.cvc;',
        "await db.collection('payments').insertOne({ orderId, securityCode });",
        'await prisma.payment.create({ data: { orderId, pinBlock: req.body.pinBlock } });',
        "await firestore.collection('cards').add({ ...card, cvv: card.cvv });",
      ),
      errors: [
        { messageId: 'stored', line: 1, column: 7 },
        { messageId: 'stored', line: 3, column: 7 },
        { messageId: 'stored', line: 4, column: 7 },
        { messageId: 'stored', line: 5, column: 7 },
      ],
    },
    {
      name: 'SQL INSERT with a card-data column',
      code: "await pool.query('INSERT INTO payments (order_id, cvv, amount) VALUES ($1, $2, $3)', [orderId, code, amount]);",
      errors: [{ messageId: 'stored', line: 1, column: 7 }],
    },
    {
      name: 'localStorage property, Expo SecureStore and a Set-Cookie header',
      code: lines(
        "localStorage.cvv = document.getElementById('cvv').value;",
        "await SecureStore.setItemAsync('card', JSON.stringify({ number, cvv }));",
        "res.setHeader('Set-Cookie', `cvc=${body.cvc}; HttpOnly`);",
      ),
      errors: [
        { messageId: 'stored', line: 1, column: 1 },
        { messageId: 'stored', line: 2, column: 7 },
        { messageId: 'stored', line: 3, column: 1 },
      ],
    },
    {
      name: 'the sql template tag writing a card-data column',
      code: "await sql`UPDATE payments SET status = 'paid', cvv = ${cvv} WHERE id = ${id}`;",
      path: 'src/db/payments.mjs',
      errors: [{ messageId: 'stored', line: 1, column: 7 }],
    },
    // Logging.
    {
      code: "console.log('charging card', card.number.slice(-4), card.cvv);",
      errors: [{ messageId: 'logged', line: 1, column: 1 }],
    },
    {
      name: 'NestJS logger and pino, with the value in a template',
      code: lines('this.logger.log(`payment ${dto.orderId} cvc=${dto.cvc}`);', 'req.log.info({ orderId, track2: swipe.track2 }, "swiped");'),
      errors: [
        { messageId: 'logged', line: 1, column: 1 },
        { messageId: 'logged', line: 2, column: 1 },
      ],
    },
    // Sending it to the merchant's own backend.
    {
      name: 'fetch to our own API',
      code: "await fetch('/api/orders', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ orderId, cvv: card.cvv }) });",
      path: 'src/components/Checkout.tsx',
      errors: [{ messageId: 'sent', line: 1, column: 7 }],
    },
    {
      name: 'axios from a Vue component, and a payload built first',
      code: lines(
        'export default {',
        '  methods: {',
        '    async pay() {',
        "      await axios.post('/api/pay', { number: this.number, cvc: this.cvc });",
        '      const payload = JSON.stringify({ pan: this.number, cvv2: this.cvv2 });',
        "      navigator.sendBeacon('https://shop.example.com/checkout', payload);",
        '    },',
        '  },',
        '};',
      ),
      path: 'src/components/Pay.vue.ts',
      errors: [
        { messageId: 'sent', line: 4, column: 13 },
        { messageId: 'sent', line: 6, column: 7 },
      ],
    },
    {
      name: 'jQuery, superagent, Apollo and FormData',
      code: lines(
        "$.ajax({ url: '/checkout/pay', method: 'POST', data: { orderId, cvv: $('#cvv').val() } });",
        "await request.post('/api/pay').send({ cvc: card.cvc });",
        'await client.mutate({ mutation: PAY, variables: { orderId, cvc: form.cvc } });',
        "const fd = new FormData(); fd.append('cvv', cvv); await fetch('/pay', { method: 'POST', body: fd });",
      ),
      path: 'src/legacy/checkout.js',
      errors: [
        { messageId: 'sent', line: 1, column: 1 },
        { messageId: 'sent', line: 2, column: 7 },
        { messageId: 'sent', line: 3, column: 7 },
        { messageId: 'sent', line: 4, column: 57 },
      ],
    },
  ],
});
