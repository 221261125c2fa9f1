// Test table for unencrypted-sensitive-data: plain model fields and columns, client storage, cookies, caches, document stores.
import rule from '../../rules/unencrypted-sensitive-data';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');
const helper = (...names: string[]) => ({ rules: { 'unencrypted-sensitive-data': ['warning', { encryptHelpers: names }] as ['warning', Record<string, unknown>] } });

ruleTable(rule, {
  valid: [
    // Encrypting column transformers, setters, decorators, hooks and plugins.
    {
      name: 'TypeORM: a bank account under an encrypting transformer',
      code: lines(
        "import { Column, Entity } from 'typeorm';",
        "import { encryptedColumn } from '../lib/crypto';",
        '@Entity()',
        'export class Payout {',
        "  @Column({ type: 'text', transformer: encryptedColumn })",
        '  bankAccountNumber!: string;',
        '}',
      ),
    },
    lines(
      "import { EncryptionTransformer } from 'typeorm-encrypted';",
      '@Entity()',
      'export class SavedCard {',
      "  @Column({ type: 'varchar', transformer: new EncryptionTransformer({ key: process.env.KEY!, algorithm: 'aes-256-gcm', ivLength: 12 }) })",
      '  cardNumber!: string;',
      '  @Column() @Encrypted() iban!: string;',
      '}',
    ),
    {
      name: 'TypeORM: what may be kept in plain text (last four, BIN, tokens, hashes, masked copies, record ids)',
      code: lines(
        '@Entity()',
        'export class SavedCard {',
        '  @Column({ length: 4 }) cardLast4!: string;',
        '  @Column({ length: 6 }) cardBin!: string;',
        '  @Column() paymentMethodId!: string;',
        '  @Column() cardToken!: string;',
        '  @Column() panHash!: string;',
        '  @Column() maskedPan!: string;',
        '  @Column() bankAccountId!: string;',
        '  @Column() ibanCountry!: string;',
        '  @Column() accountHolderName!: string;',
        '  @Column() routingNumber!: string;',
        '  @ManyToOne(() => BankAccount) bankAccount!: BankAccount;',
        '}',
      ),
    },
    {
      name: 'TypeORM: a BeforeInsert hook encrypts the field; binary columns hold ciphertext',
      code: lines(
        '@Entity()',
        'export class Customer {',
        '  @Column() taxId!: string;',
        "  @Column({ type: 'bytea' }) passportNumber!: Buffer;",
        '  @BeforeInsert() @BeforeUpdate()',
        '  protect() { this.taxId = encryptField(this.taxId); }',
        '}',
      ),
    },
    lines(
      "import { Schema } from 'mongoose';",
      'const PayoutSchema = new Schema({',
      '  iban: { type: String, required: true, set: encrypt, get: decrypt },',
      "  bankAccount: { type: Schema.Types.ObjectId, ref: 'BankAccount' },",
      '  ibanLast4: String,',
      '  card: CardSubSchema,',
      '});',
    ),
    {
      name: 'mongoose-field-encryption lists the field',
      code: lines(
        "const { fieldEncryption } = require('mongoose-field-encryption');",
        'const CardSchema = new mongoose.Schema({ cardNumber: String, brand: String });',
        "CardSchema.plugin(fieldEncryption, { fields: ['cardNumber'], secret: process.env.FIELD_SECRET });",
      ),
    },
    {
      name: 'mongoose-encryption without a field list encrypts every field',
      code: lines(
        "const encrypt = require('mongoose-encryption');",
        'const userSchema = new mongoose.Schema({ email: String, ssn: String });',
        'userSchema.plugin(encrypt, { encryptionKey: process.env.ENC_KEY, signingKey: process.env.SIG_KEY });',
      ),
    },
    lines(
      "sequelize.define('Payout', {",
      '  iban: {',
      '    type: DataTypes.STRING,',
      "    set(value) { this.setDataValue('iban', encrypt(value)); },",
      '  },',
      '  accountHolder: DataTypes.STRING,',
      '});',
    ),
    {
      code: lines(
        'model Customer {',
        '  id        String @id',
        '  ssn       String /// @encrypted',
        '  iban      Bytes',
        '  cardLast4 String',
        '  orders    Order[]',
        '}',
      ),
      path: 'prisma/schema.prisma',
    },
    {
      name: 'SQL: binary and ciphertext columns, partial numbers, other numbers',
      code: lines(
        'CREATE TABLE payouts (',
        '  id                 UUID PRIMARY KEY,',
        '  iban               BYTEA NOT NULL,',
        '  card_number        TEXT NOT NULL, -- AES-256-GCM ciphertext written by encryptField()',
        '  card_last4         CHAR(4),',
        '  routing_number     TEXT,',
        '  payout_account_cipher TEXT,',
        '  tracking_number    TEXT,',
        '  gift_card_number   TEXT,',
        '  order_number       TEXT',
        ');',
      ),
      path: 'db/schema.sql',
    },
    // Knex and TypeORM migrations for protected columns.
    lines(
      "exports.up = (knex) => knex.schema.createTable('payouts', (table) => {",
      "  table.binary('iban');",
      "  table.string('iban_encrypted');",
      "  table.string('account_holder');",
      '});',
    ),
    "await queryRunner.createTable(new Table({ name: 'cards', columns: [{ name: 'number_cipher', type: 'varchar' }, { name: 'pan', type: 'bytea' }] }));",
    // In-memory form state and display-only code are not storage.
    {
      code: lines(
        'export function CardForm() {',
        "  const [card, setCard] = useState({ cardNumber: '', holder: '' });",
        '  return <><input value={card.cardNumber} onChange={(e) => setCard({ ...card, cardNumber: e.target.value })} />',
        '    <span>{maskPan(card.cardNumber)}</span></>;',
        '}',
      ),
      path: 'src/components/CardForm.tsx',
    },
    // Storage and cookies of protected or harmless values.
    lines(
      "localStorage.setItem('pan', encrypt(pan));",
      "localStorage.setItem('cardLast4', pan.slice(-4));",
      "localStorage.setItem('maskedIban', iban.replace(/.(?=.{4})/g, '*'));",
      "sessionStorage.setItem('checkoutStep', 'done');",
      "localStorage.setItem('cardNumber', '');",
      "localStorage.setItem('panPosition', JSON.stringify(panPosition));",
    ),
    "await SecureStore.setItemAsync('iban', iban); await EncryptedStorage.setItem('cardNumber', cardNumber);",
    lines(
      "res.cookie('cardToken', paymentMethod.id, { httpOnly: true, secure: true });",
      "res.cookie('cardNumberHint', 'Visa ending 4242');",
      "document.cookie = `theme=${theme}; path=/`;",
    ),
    lines(
      "await redis.set(`card:${id}`, JSON.stringify({ last4, brand, token: pm.id }), 'EX', 600);",
      "await redis.set('ssn:' + userId, sha256(ssn));",
      'await cache.set(`iban:${id}`, CryptoJS.AES.encrypt(iban, key).toString());',
    ),
    {
      name: 'a team-configured encrypt helper protects the value',
      code: "localStorage.setItem('iban', pii.protect(iban)); res.cookie('pan', shield(cardNumber));",
      config: helper('pii.protect', 'shield'),
    },
    lines(
      'const users = db.collection(\'users\');',
      'const user = await users.findOne({ ssn: ssnHash });',
      "await users.updateOne({ _id: user._id }, { $set: { verified: true, ssnHash: sha256(ssn) } });",
    ),
    // Other senses of the words: phone numbers, gestures, routing numbers, customer account ids.
    lines(
      "localStorage.setItem('phone', JSON.stringify({ countryCode, nationalNumber }));",
      'const pan = useRef(new Animated.ValueXY()).current;',
      "await AsyncStorage.setItem('routing', routingNumber);",
      "await redis.set('customer', customerAccountNumber);",
    ),
    // Prohibited card data belongs to prohibited-card-data; tokenisation is not storage.
    lines(
      "localStorage.setItem('cvv', card.cvv);",
      "const pm = await stripe.paymentMethods.create({ type: 'card', card: { number, exp_month: 12, exp_year: 2030, cvc } });",
    ),
    // Test folders, fixtures and code that does not parse.
    { code: "localStorage.setItem('cardNumber', '4242424242424242'); await db.collection('cards').insertOne({ cardNumber });", path: 'test/checkout.test.ts' },
    { code: "export const cards = [{ cardNumber: '4000056655665556' }];\nawait redis.set('pan', cards[0].cardNumber);", path: 'seed/cards.ts', config: { fixtures: ['seed/**'] } },
    { name: 'code that does not parse yet is left to the editor', code: "localStorage.setItem('pan', pan\nconst x = {", path: 'src/draft.ts' },
    // Near misses: safe counterparts of the findings above, in other frameworks and styles.
    {
      name: 'TypeORM: card metadata columns (brand, expiry, holder, fingerprint) are not the number',
      code: lines(
        '@Entity()',
        'export class CreditCard {',
        '  @Column() cardBrand!: string;',
        '  @Column() cardExpiryMonth!: number;',
        '  @Column() cardholderName!: string;',
        '  @Column() cardFingerprint!: string;',
        "  @Column({ type: 'varchar', length: 4 }) numberLast4!: string;",
        '}',
      ),
    },
    {
      name: 'mongoose: gift card, loyalty, order, invoice and tracking numbers are not payment data',
      code: lines(
        'const OrderSchema = new Schema({',
        '  orderNumber: String,',
        '  invoiceNumber: String,',
        '  giftCardNumber: String,',
        '  loyaltyCardNumber: String,',
        '  trackingNumber: String,',
        '  phoneNumber: String,',
        '});',
      ),
    },
    {
      name: 'Prisma: tokens, fingerprints and last four digits of a card and an account',
      code: lines(
        'model PaymentMethod {',
        '  id             String @id',
        '  providerToken  String',
        '  cardLast4      String',
        '  cardBrand      String',
        '  ibanHash       String',
        '  accountSuffix  String',
        '}',
      ),
      path: 'prisma/schema.prisma',
    },
    {
      name: 'SQL: KYC table keeps hashes, last digits and a verification status, not the documents',
      code: lines(
        'CREATE TABLE kyc_checks (',
        '  id                    BIGSERIAL PRIMARY KEY,',
        '  passport_number_hash  CHAR(64) NOT NULL,',
        '  ssn_last4             CHAR(4),',
        '  tax_id_verified       BOOLEAN DEFAULT false,',
        '  national_id_country   CHAR(2)',
        ');',
      ),
      path: 'migrations/0042_kyc.sql',
    },
    {
      name: 'knex: a binary column via specificType, and a column for the BIN lookup',
      code: lines(
        "exports.up = (knex) => knex.schema.alterTable('bank_accounts', (t) => {",
        "  t.specificType('account_number', 'bytea');",
        "  t.string('account_number_last4', 4);",
        '});',
      ),
    },
    {
      name: 'Sequelize migration: the national id column is binary ciphertext',
      code: "await queryInterface.addColumn('users', 'national_id', { type: Sequelize.BLOB, allowNull: true });",
    },
    {
      name: 'Nest mongoose: a reference to the bank account document and its last four digits',
      code: lines(
        '@Schema()',
        'export class Payout {',
        "  @Prop({ type: Types.ObjectId, ref: 'BankAccount' }) bankAccount: Types.ObjectId;",
        '  @Prop() ibanLast4: string;',
        '}',
      ),
    },
    {
      name: 'React: only the saved card summary from the provider goes to localStorage',
      code: lines(
        'export function SavedCard({ paymentMethod }) {',
        '  useEffect(() => {',
        "    localStorage.setItem('savedCard', JSON.stringify({ brand: paymentMethod.card.brand, last4: paymentMethod.card.last4, id: paymentMethod.id }));",
        '  }, [paymentMethod]);',
        '  return null;',
        '}',
      ),
      path: 'src/components/SavedCard.tsx',
    },
    {
      name: 'settings about the field (format, max length, help shown) are not the value',
      code: lines(
        "localStorage.setItem('cardNumberMaxLength', String(maxLength));",
        "sessionStorage.setItem('ibanFormat', ibanFormat);",
        "localStorage.setItem('taxIdHelpShown', 'true');",
      ),
    },
    {
      name: 'Next.js and Express cookies hold the provider customer id and a card token',
      code: lines(
        "cookies().set('stripeCustomer', customer.id, { httpOnly: true, secure: true });",
        "res.cookie('cardToken', setupIntent.payment_method, { signed: true });",
      ),
      path: 'app/api/setup/route.ts',
    },
    {
      // From @vendure/core's order calculator (bench corpus): a tax category's id is a record of the tax model.
      name: 'tax model records cached by id: a tax category, rate or zone is not a tax number',
      code: lines(
        'const taxRateCache = new Map();',
        'export const getter = async (taxCategoryId) => {',
        '  const rate = await taxRateService.getApplicableTaxRate(ctx, zone, taxCategoryId);',
        '  taxRateCache.set(taxCategoryId, rate);',
        '  await redis.set(`zone:${order.id}`, order.tax_zone_id);',
        '  sessionStorage.setItem(\'line\', String(line.taxLineNumber));',
        '  return rate;',
        '};',
      ),
    },
    {
      name: 'Redis: a BIN lookup cached under the first six digits, and an idempotency record',
      code: lines(
        'await redis.set(`bin:${pan.slice(0, 6)}`, JSON.stringify(binInfo), \'EX\', 86400);',
        'await redis.set(`idempotency:${orderId}`, JSON.stringify({ status: \'paid\', amountCents }));',
      ),
    },
    {
      name: 'MongoDB and Firestore writes of tokens, fingerprints and masked values',
      code: lines(
        "await db.collection('customers').updateOne({ _id }, { $set: { defaultPaymentMethod: pm.id, cardFingerprint: pm.card.fingerprint } });",
        "await setDoc(doc(firestore, 'payouts', id), { ibanMasked: maskIban(iban), ibanLast4: iban.slice(-4), status: 'pending' });",
      ),
    },
    {
      name: 'DynamoDB item with the vault token only',
      code: "await ddbDocClient.send(new PutCommand({ TableName: 'cards', Item: { id, vaultToken: await vault.tokenize(cardNumber), last4 } }));",
    },
    {
      name: 'express-session keeps the provider payment method id, not the card',
      code: "router.post('/card', async (req, res) => { const pm = await stripe.paymentMethods.create({ type: 'card', card: { token: req.body.token } }); req.session.paymentMethodId = pm.id; res.redirect('/confirm'); });",
    },
    {
      name: 'reading and decrypting stored values is not a write',
      code: lines(
        "const iban = decryptField(localStorage.getItem('ibanEncrypted'));",
        "const cardNumber = document.getElementById('card-number').value;",
        "form.setFieldValue('iban', iban);",
      ),
    },
    {
      name: 'Passport.js auth state and phone numbers in the session',
      code: lines(
        "req.session.passport = { user: user.id };",
        "sessionStorage.setItem('passportStrategy', 'google');",
        "localStorage.setItem('nationalNumber', phone.nationalNumber);",
      ),
    },
    {
      name: 'masked copies built from the last four digits, under a sensitive key',
      code: lines(
        "localStorage.setItem('pan', `**** **** **** ${pan.slice(-4)}`);",
        "sessionStorage.setItem('iban', iban.slice(0, 4) + ' **** ' + iban.slice(-4));",
      ),
    },
    {
      name: 'Node cipher output (update + final) cached under the iban key',
      code: lines(
        "const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);",
        "await redis.set('iban:' + payoutId, cipher.update(iban, 'utf8', 'hex') + cipher.final('hex'));",
      ),
    },
    {
      name: 'Web Crypto ciphertext re-encoded as base64 before localStorage',
      code: lines(
        'async function rememberCard(cardNumber: string, key: CryptoKey) {',
        '  const iv = crypto.getRandomValues(new Uint8Array(12));',
        "  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(cardNumber));",
        "  localStorage.setItem('pan', arrayBufferToBase64(ciphertext));",
        '}',
      ),
    },
    {
      name: 'React Native MMKV opened with an encryption key',
      code: lines(
        "const storage = new MMKV({ id: 'wallet', encryptionKey: await getWalletKey() });",
        "storage.set('iban', iban);",
      ),
      path: 'app/screens/Payout.tsx',
    },
    {
      name: 'a bank account summary whose fields are all in sight (name, holder, BIC)',
      code: "localStorage.setItem('bankAccount', JSON.stringify({ bankName, accountHolder, bic }));",
    },
    {
      name: 'a file under __tests__ stores sandbox card numbers',
      code: "localStorage.setItem('cardNumber', '4111111111111111'); await redis.set('pan', testCard.number);",
      path: 'src/__tests__/checkout-storage.ts',
    },
  ],
  invalid: [
    // ORM models.
    {
      name: 'TypeORM: the example entity, fixed with the imported transformer',
      code: lines(
        "import { Column, Entity } from 'typeorm';",
        "import { encryptedColumn } from '../lib/crypto';",
        '@Entity()',
        'export class SavedCard {',
        '  @Column()',
        '  cardNumber!: string;',
        '}',
      ),
      errors: [{ messageId: 'modelField', line: 6, column: 3, severity: 'warning' }],
      fixes: {
        encryptField: lines(
          "import { Column, Entity } from 'typeorm';",
          "import { encryptedColumn } from '../lib/crypto';",
          '@Entity()',
          'export class SavedCard {',
          '  @Column({ transformer: encryptedColumn })',
          '  cardNumber!: string;',
          '}',
        ),
      },
    },
    {
      name: 'TypeORM: configured helper and its decrypt counterpart become a transformer',
      code: lines('@Entity()', 'export class Payout {', "  @Column('varchar', { length: 34 }) iban!: string;", '}'),
      config: helper('encryptField'),
      errors: [{ messageId: 'modelField', line: 3, column: 38 }],
      fixes: {
        encryptField: lines('@Entity()', 'export class Payout {', "  @Column('varchar', { length: 34, transformer: { to: encryptField, from: decryptField } }) iban!: string;", '}'),
      },
    },
    {
      name: 'TypeORM: imported encrypt/decrypt functions, a type-only decorator argument',
      code: lines(
        "import { decrypt, encrypt } from '@acme/crypto';",
        '@Entity()',
        'export class Beneficiary {',
        "  @Column('varchar') accountNumber!: string;",
        '}',
      ),
      errors: [{ messageId: 'modelField', line: 4, column: 22 }],
      fixes: {
        encryptField: lines(
          "import { decrypt, encrypt } from '@acme/crypto';",
          '@Entity()',
          'export class Beneficiary {',
          "  @Column('varchar', { transformer: { to: encrypt, from: decrypt } }) accountNumber!: string;",
          '}',
        ),
      },
    },
    {
      name: 'TypeORM: no helper known, so no fix; a bare number in a bank-account entity; a national id',
      code: lines('@Entity()', 'export class BankAccount {', '  @Column() number!: string;', '  @Column() holder!: string;', '  @Column() ssn!: string;', '}'),
      errors: [{ messageId: 'modelField', line: 3, column: 13 }, { messageId: 'modelField', line: 5, column: 13 }],
    },
    {
      name: 'NestJS @Prop with imported encrypt/decrypt helpers',
      code: lines(
        "import { decryptField, encryptField } from '../crypto/field';",
        '@Schema()',
        'export class Customer {',
        '  @Prop() nationalId: string;',
        '}',
      ),
      errors: [{ messageId: 'modelField', line: 4, column: 11 }],
      fixes: {
        encryptField: lines(
          "import { decryptField, encryptField } from '../crypto/field';",
          '@Schema()',
          'export class Customer {',
          '  @Prop({ set: encryptField, get: decryptField }) nationalId: string;',
          '}',
        ),
      },
    },
    {
      name: 'mongoose: a bare String type becomes a definition with a setter',
      code: lines(
        "import { encrypt } from './crypto';",
        'const CardSchema = new Schema({ cardNumber: String, brand: String });',
      ),
      errors: [{ messageId: 'modelField', line: 2, column: 33 }],
      fixes: {
        encryptField: lines(
          "import { encrypt } from './crypto';",
          'const CardSchema = new Schema({ cardNumber: { type: String, set: encrypt }, brand: String });',
        ),
      },
    },
    {
      name: 'mongoose: a bare number nested under card, fixed with the configured helper',
      code: lines(
        'const PaymentSchema = new mongoose.Schema({',
        '  orderId: String,',
        '  card: {',
        '    number: { type: String, required: true },',
        '    last4: String,',
        '  },',
        '});',
      ),
      config: helper('encryptField'),
      errors: [{ messageId: 'modelField', line: 4, column: 5 }],
      fixes: {
        encryptField: lines(
          'const PaymentSchema = new mongoose.Schema({',
          '  orderId: String,',
          '  card: {',
          '    number: { type: String, required: true, set: encryptField, get: decryptField },',
          '    last4: String,',
          '  },',
          '});',
        ),
      },
    },
    {
      name: 'mongoose: an encryption plugin that lists other fields does not cover this one',
      code: lines(
        'const schema = new Schema({ iban: String, cardNumber: String });',
        "schema.plugin(fieldEncryption, { fields: ['iban'], secret });",
      ),
      errors: [{ messageId: 'modelField', line: 1, column: 43 }],
    },
    {
      name: 'Sequelize define with a configured helper: a setter',
      code: lines("sequelize.define('Payout', {", '  iban: DataTypes.STRING,', '  amount: DataTypes.INTEGER,', '});'),
      config: helper('encryptField'),
      errors: [{ messageId: 'modelField', line: 2, column: 3 }],
      fixes: {
        encryptField: lines(
          "sequelize.define('Payout', {",
          "  iban: { type: DataTypes.STRING, set(value) { this.setDataValue('iban', encryptField(value)); }, get() { return decryptField(this.getDataValue('iban')); } },",
          '  amount: DataTypes.INTEGER,',
          '});',
        ),
      },
    },
    {
      name: 'Sequelize Model.init without a helper',
      code: "Customer.init({ ssn: { type: DataTypes.STRING, allowNull: false }, email: DataTypes.STRING }, { sequelize });",
      errors: [{ messageId: 'modelField', line: 1, column: 17 }],
    },
    {
      name: 'TypeORM EntitySchema column, fixed with the imported transformer',
      code: lines(
        "import { encryptedColumn } from './crypto';",
        "export const CardEntity = new EntitySchema({ name: 'card', columns: { cardNumber: { type: String } } });",
      ),
      errors: [{ messageId: 'modelField', line: 2, column: 71 }],
      fixes: {
        encryptField: lines(
          "import { encryptedColumn } from './crypto';",
          "export const CardEntity = new EntitySchema({ name: 'card', columns: { cardNumber: { type: String, transformer: encryptedColumn } } });",
        ),
      },
    },
    {
      name: 'Prisma model fields (also by @map)',
      code: lines('model Payout {', '  id     String  @id', '  iban   String', '  taxNo  String? @map("tax_number")', '  acct   String  @map("account_number")', '}'),
      path: 'prisma/schema.prisma',
      errors: [
        { messageId: 'modelField', line: 3, column: 3 },
        { messageId: 'modelField', line: 4, column: 3 },
        { messageId: 'modelField', line: 5, column: 3 },
      ],
    },
    // Migrations and SQL.
    {
      name: 'SQL: CREATE TABLE columns and ALTER TABLE ADD COLUMN',
      code: lines(
        'CREATE TABLE legacy_payments (',
        '  id           UUID PRIMARY KEY,',
        '  card_number  VARCHAR(19) NOT NULL,',
        '  "IBAN"       TEXT,',
        '  amount_cents INTEGER NOT NULL',
        ');',
        'ALTER TABLE customers ADD COLUMN passport_number TEXT;',
      ),
      path: 'db/schema.sql',
      errors: [
        { messageId: 'tableColumn', line: 3, column: 3 },
        { messageId: 'tableColumn', line: 4, column: 3 },
        { messageId: 'tableColumn', line: 7, column: 34 },
      ],
    },
    {
      name: 'SQL: a bare number column in a cards table',
      code: 'create table cards (id serial primary key, number text not null, brand text);',
      path: 'migrations/001_cards.sql',
      errors: [{ messageId: 'tableColumn', line: 1, column: 44 }],
    },
    {
      name: 'knex migration column',
      code: lines(
        "exports.up = (knex) => knex.schema.createTable('payouts', (table) => {",
        "  table.uuid('id').primary();",
        "  table.string('bank_account_number', 34).notNullable();",
        '});',
      ),
      errors: [{ messageId: 'tableColumn', line: 3, column: 16 }],
    },
    {
      name: 'TypeORM migration: Table columns and a generated SQL string',
      code: lines(
        'export class AddCards1700000000000 {',
        '  async up(queryRunner) {',
        "    await queryRunner.createTable(new Table({ name: 'cards', columns: [{ name: 'number', type: 'varchar' }] }));",
        '    await queryRunner.query(\'CREATE TABLE "payouts" ("id" uuid NOT NULL, "iban" character varying NOT NULL)\');',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'tableColumn', line: 3, column: 80 }, { messageId: 'tableColumn', line: 4, column: 74 }],
    },
    {
      name: 'Sequelize migration addColumn',
      code: "await queryInterface.addColumn('users', 'national_id', { type: Sequelize.STRING, allowNull: true });",
      errors: [{ messageId: 'tableColumn', line: 1, column: 41 }],
    },
    // Browser and device storage.
    {
      name: 'React: the example checkout form keeps the card number in localStorage',
      code: lines(
        'export function LegacyCardForm() {',
        "  const [card, setCard] = useState({ cardNumber: '', expiry: '' });",
        '  async function submit() {',
        "    localStorage.setItem('lastCardNumber', card.cardNumber);",
        '  }',
        '}',
      ),
      path: 'src/components/CheckoutForm.tsx',
      errors: [{ messageId: 'storage', line: 4, column: 5 }],
    },
    {
      name: 'React: an imported encrypt helper wraps the field inside the stored JSON',
      code: lines(
        "import { encryptForStorage } from '../lib/crypto';",
        'function saveDraft(holder: string, cardNumber: string) {',
        "  localStorage.setItem('draft', JSON.stringify({ holder, cardNumber }));",
        '}',
      ),
      errors: [{ messageId: 'storage', line: 3, column: 3 }],
      fixes: {
        encryptValue: lines(
          "import { encryptForStorage } from '../lib/crypto';",
          'function saveDraft(holder: string, cardNumber: string) {',
          "  localStorage.setItem('draft', JSON.stringify({ holder, cardNumber: encryptForStorage(cardNumber) }));",
          '}',
        ),
      },
    },
    {
      name: 'Vue: reactive form state written to localStorage as JSON',
      code: lines(
        "const form = reactive({ iban: '', holder: '' });",
        "watch(form, () => localStorage.setItem('payout', JSON.stringify(form)));",
      ),
      config: helper('encryptField'),
      errors: [{ messageId: 'storage', line: 2, column: 19 }],
      fixes: {
        encryptValue: lines(
          "const form = reactive({ iban: '', holder: '' });",
          "watch(form, () => localStorage.setItem('payout', encryptField(JSON.stringify(form))));",
        ),
      },
    },
    {
      name: 'sessionStorage property assignment, named by the key',
      code: 'sessionStorage.iban = value;',
      errors: [{ messageId: 'storage', line: 1, column: 1 }],
    },
    {
      name: 'React Native AsyncStorage: an object built from the account',
      code: lines(
        'async function remember(iban: string, holder: string) {',
        '  const account = { iban, holder };',
        "  await AsyncStorage.setItem('bankAccount', JSON.stringify(account));",
        '}',
      ),
      path: 'app/screens/Payout.tsx',
      errors: [{ messageId: 'storage', line: 3, column: 9 }],
    },
    {
      name: 'base64 is an encoding, not encryption',
      code: "localStorage.setItem('p', btoa(cardNumber));",
      config: helper('encryptField'),
      errors: [{ messageId: 'storage', line: 1, column: 1 }],
      fixes: { encryptValue: "localStorage.setItem('p', encryptField(btoa(cardNumber)));" },
    },
    {
      name: 'Capacitor Preferences: key and value in one object',
      code: "await Preferences.set({ key: 'iban', value: iban });",
      config: helper('encryptField'),
      errors: [{ messageId: 'storage', line: 1, column: 7 }],
      fixes: { encryptValue: "await Preferences.set({ key: 'iban', value: encryptField(iban) });" },
    },
    // Cookies.
    {
      name: 'Express res.cookie with the card number from the body',
      code: "app.post('/save', (req, res) => { res.cookie('pan', req.body.cardNumber, { httpOnly: true }); res.end(); });",
      config: helper('encryptField'),
      errors: [{ messageId: 'cookie', line: 1, column: 35 }],
      fixes: { encryptValue: "app.post('/save', (req, res) => { res.cookie('pan', encryptField(req.body.cardNumber), { httpOnly: true }); res.end(); });" },
    },
    {
      name: 'a Set-Cookie header built in a template: only the value is wrapped',
      code: 'res.setHeader(\'Set-Cookie\', `pan=${pan}; HttpOnly; Secure`);',
      config: helper('encryptField'),
      errors: [{ messageId: 'cookie', line: 1, column: 1 }],
      fixes: { encryptValue: 'res.setHeader(\'Set-Cookie\', `pan=${encryptField(pan)}; HttpOnly; Secure`);' },
    },
    {
      name: 'Next.js cookies().set in a server action',
      code: lines("'use server';", 'export async function savePayout(iban: string) {', "  cookies().set('payoutIban', iban);", '}'),
      path: 'app/actions.ts',
      errors: [{ messageId: 'cookie', line: 3, column: 3 }],
    },
    {
      name: 'document.cookie with a national id in a template',
      code: 'document.cookie = `ssn=${form.ssn}; path=/; max-age=3600`;',
      errors: [{ messageId: 'cookie', line: 1, column: 1 }],
    },
    {
      name: 'Koa ctx.cookies.set from a destructured, renamed body field',
      code: lines('router.post(\'/kyc\', async (ctx) => {', '  const { passportNumber: doc } = ctx.request.body;', "  ctx.cookies.set('kyc', doc);", '});'),
      errors: [{ messageId: 'cookie', line: 3, column: 3 }],
    },
    // Caches and session stores.
    {
      name: 'Redis with an imported encrypt helper',
      code: lines("import { encrypt } from './crypto';", 'await redis.set(`pan:${orderId}`, pan, \'EX\', 900);'),
      errors: [{ messageId: 'cache', line: 2, column: 7 }],
      fixes: { encryptValue: lines("import { encrypt } from './crypto';", 'await redis.set(`pan:${orderId}`, encrypt(pan), \'EX\', 900);') },
    },
    {
      name: 'a spread object cannot be wrapped field by field, so the whole cached value is',
      code: lines(
        'async function cachePayment(dto) {',
        '  const payment = { cardNumber: dto.cardNumber, amount: dto.amount };',
        '  await redis.set(key, JSON.stringify({ ...payment, at: Date.now() }));',
        '}',
      ),
      config: helper('encryptField'),
      errors: [{ messageId: 'cache', line: 3, column: 9 }],
      fixes: {
        encryptValue: lines(
          'async function cachePayment(dto) {',
          '  const payment = { cardNumber: dto.cardNumber, amount: dto.amount };',
          '  await redis.set(key, encryptField(JSON.stringify({ ...payment, at: Date.now() })));',
          '}',
        ),
      },
    },
    {
      name: 'tax numbers by several words: a customer\'s tax id, a tax registration number',
      code: lines('taxCache.set(customer.id, customer.customerTaxId);', "sessionStorage.setItem('vat', form.taxRegistrationNumber);"),
      errors: [{ messageId: 'cache', line: 1, column: 1 }, { messageId: 'storage', line: 2, column: 1 }],
    },
    {
      name: 'Redis hash field named by its key',
      code: "await redis.hset('payout:' + id, 'iban', value);",
      errors: [{ messageId: 'cache', line: 1, column: 7 }],
    },
    {
      name: 'express-session keeps the card number',
      code: "router.post('/step1', (req, res) => { req.session.cardNumber = req.body.cardNumber; res.redirect('/step2'); });",
      errors: [{ messageId: 'cache', line: 1, column: 39 }],
    },
    // Schemaless databases, where the write is the only place the field is defined.
    {
      name: 'MongoDB driver insertOne on a collection handle',
      code: lines("const payouts = db.collection('payouts');", 'await payouts.insertOne({ merchantId, iban: dto.iban, createdAt: new Date() });'),
      config: helper('encryptField'),
      errors: [{ messageId: 'database', line: 2, column: 7 }],
      fixes: {
        encryptValue: lines("const payouts = db.collection('payouts');", 'await payouts.insertOne({ merchantId, iban: encryptField(dto.iban), createdAt: new Date() });'),
      },
    },
    {
      name: 'Firestore setDoc',
      code: "await setDoc(doc(db, 'users', uid), { name, ssn });",
      errors: [{ messageId: 'database', line: 1, column: 7 }],
    },
    {
      name: 'DynamoDB PutCommand',
      code: "await client.send(new PutCommand({ TableName: 'cards', Item: { id, cardNumber: body.cardNumber } }));",
      errors: [{ messageId: 'database', line: 1, column: 23 }],
    },
  ],
});
