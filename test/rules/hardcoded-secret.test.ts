// Test table for hardcoded-secret: provider formats, named secrets, text formats, negatives, severities and fixes.
import * as assert from 'node:assert/strict';
import { defineRule, type AstNode, type Config } from '../../server/src/engine';
import rule from '../../rules/hardcoded-secret';
import { ruleTable, tableProblems, verifyInvalidCase } from '../helpers/rule-table';

// Fake credentials in the providers' formats, assembled from parts so this file holds no key-shaped literal itself.
const join = (...parts: string[]): string => parts.join('');
const K = {
  stripeLive: join('sk_', 'live_', 'Wx55DVqBjCtcjKPhV4ZMCuXB'),
  stripeTest: join('sk_', 'test_', 'W7b8Ibud9fv4OxmlvMwTi0Je'),
  stripeRestricted: join('rk_', 'live_', 'zZSQD2YazBXKIqSkdtdWTCyw'),
  stripePublishable: join('pk_', 'live_', 'K5E9U5ozmomLNOsqwxQdbINS'),
  stripeWebhook: join('whsec_', 'K5E9U5ozmomLNOsqwxQdbINSl8NL1KUM'),
  braintreeProd: join('access_token$', 'production$', 'aks4nvjf84wmszxm', '$', '3949252fe2e04b30c39e19bc20fbf2fe'),
  braintreeSandbox: join('access_token$', 'sandbox$', 'aks4nvjf84wmszxm', '$', '87bdf480281fca37acfa3c4d186f193b'),
  squareSecret: join('sq0', 'csp-', 'qi9ASntlQe-eWoKXcTrjc_Rqvaf-T4sqbTglGp7dcdm'),
  squareToken: join('EAAA', 'EDFF59ayafNCcwJtO_5K7QEBzdaFmvZWlogVZfk2qI6Z25q0APwGXjJW3vra'),
  adyen: join('AQE', 'ELjAmFsTOnH4dcTWbOG1uCAPOx3czcCyOcT1W2oGaF', '=-', 'e7Kjp3XSb+7IIjDvFScm43UdoGF/HmIyeS5rmFRLEKH9', '=-', 'j;4gd>VqL]4ic:>P'),
  checkoutSandbox: join('sk_', 'sbox_', '1k3l5izowf5dyowa684sfi4g1o0'),
  checkoutLegacy: join('sk_', 'c47ead1d-9394-7855-cf28-a059999f326a'),
  razorpayTestId: join('rzp_', 'test_', 'Ubz4pQolcaaTlU'),
  razorpayLiveId: join('rzp_', 'live_', 'Ubz4pQolcaaTlU'),
  awsKeyId: join('AKIA', '7598H0NMUH121JGK'),
  awsSecret: join('8p3G1f7Btae6mEsk/0dte', 'CjcKQ2ti41t+P07GJ8g'),
  google: join('AIza', 'r2KONv9MnwAiNZJT_y6qD67hKfdjMNKvJqg'),
  github: join('ghp_', 'YsmBb33n8vyJE3NVKuQ4lZpcnGvHxTPtdS5C'),
  githubPat: join('github_pat_', 'mNaFhn47EJMqgBDWOYmUSZQEzT9J_RVBgC7CPqe1gTeCUGmmhLyPNxHSxCBKMxiQhiAi5y3hiKoxPiERyS'),
  gitlab: join('glpat-', 'uzM2Tgo6S2w9YtbVHwPc'),
  slackBot: join('xoxb-', '2718281828-3141592653589-', 'uklKF8hdRCBjg3Unlk4QDjKX'),
  slackWebhook: join('https://hooks.slack.com/services/', 'TVIM7HAZ9/', 'BGIDFHBM1/', 'uklKF8hdRCBjg3Unlk4QDjKX'),
  twilioApiKey: join('SK', '3949252fe2e04b30c39e19bc20fbf2fe'),
  twilioSid: join('AC', '87bdf480281fca37acfa3c4d186f193b'),
  sendgrid: join('SG.', 'pa6Qw6LLxaH6E6P4iH4SG_', '.', 'Zan5RXWbdUZUl8vXqiVKDRGP47bCnjJqiXmegKzx61Q'),
  npm: join('npm_', 'I2RKeiUGPTYCGCqyXfkE4q6L3FpsVf9Mnq9e'),
  jwt: join('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiJtZXJjaGFudC00MiIsImlhdCI6MTcwMDAwMDAwMH0', '.', 'NuSwy9sC3whgv4K-WLvMKBu1MD9jMrrYLwrVCCV4k2g'),
  pemBody: join('i3dDEpW/1vk2OdBpgJzUwuI2AuDLKUeHmvbfrvSfae+4I2Du+x0pbvVj8jycZvh3\n', 'KRRiz6XAbNiKjFrL7qw8QSQC9/XXI4FfUriWzU2VUbM+DiRfhtlxSTEU9dh/zxs3'),
  pkcs12: join('MII', 'VnzR7y3J9TjSonxqNIfVIMYcjxerq6vRa+lyuauGmzjfWQe9hyUV8GzU9CMjTBPzADBnOm2D5q/gW/CAaoiyoZKdodPW1EL1idIdD6PfEqfE82igZzi2Z1SO'),
  alipayPrivate: join('MIIEv', 'DSbnny5wB8vpgXICM/3fSD43HLx4zSXuxoAYP5AjXQKIjcapLn0bpPe08zJY7tT61mX+sxFMwuLD3k0DgAJQnmzqxFFjz3pLqHcgfXn'),
  razorpaySecret: 'ifSGh16eJnjNDtBrH33lWr6l',
  wechatKey: 'J3rZD6UO9xLGGvrKhbjVkGrA3qL5QSeb',
  wechatV3: '4vTdzuZeLyZaOUfdjoyRuRJGQ3ljBZmP',
  generic24: '5owfft5VIoCeNk6swhZ1tHq9',
  generic32: 'j1dGKB43eequM423HxVWBsMYc2ESnvNU',
  hex32: '3949252fe2e04b30c39e19bc20fbf2fe',
  hex40: 'b6750944405ed9190740825c40dbc4c9bd576b61',
  uuid: 'c47ead1d-9394-7855-cf28-a059999f326a',
};
const pem = (label: string): string => `-----BEGIN ${label}-----\n${K.pemBody}\n-----END ${label}-----`;
const lines = (...l: string[]): string => l.join('\n');

// The team's own credential format (`secrets.patterns`), and values the team allows (`secrets.allowed`).
const ACME = join('ACME-', 'Q7W2E9R4-', 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
const TEAM: Config = { secrets: { patterns: [{ id: 'acme-gateway-key', regex: 'ACME-[A-Z0-9]{8}-[a-f0-9]{32}', description: 'Acme gateway key' }] } };
const TEAM_GROUP: Config = { secrets: { patterns: [{ id: 'legacy-pin', regex: 'pin:(?<secret>[0-9]{6}[A-Z]{4})', flags: 'i' }] } };
const PATHOLOGICAL: Config = { secrets: { patterns: [{ id: 'slow', regex: '(a+)+$' }, { id: 'slow2', regex: '\\s*=\\s*.*token.*' }] } };

ruleTable(rule, {
  valid: [
    // A token in the parsing sense: a marker written as words after a sigil (from @microsoft/dynamicproto-js).
    'var token = (options || {}).tagname || "@DynamicProtoStub";',
    "const secretTag = '#PaymentSecretFields'; const apiKeyParam = ':merchantApiKey';",
    // Environment and secret-store lookups.
    'const stripeKey = process.env.STRIPE_SECRET_KEY;',
    'const apiKey = import.meta.env.VITE_API_KEY ?? "";',
    { code: 'api_key = os.getenv("STRIPE_SECRET_KEY")\npassword = os.environ["DB_PASSWORD"]', path: 'scripts/deploy.py' },
    { code: "return ['key' => env('STRIPE_SECRET'), 'password' => env(\"DB_PASSWORD\")];", path: 'config/services.php' },
    { code: 'database:\n  password: ${DB_PASSWORD}\n  apiKey: "${STRIPE_KEY}"', path: 'config/app.yaml' },
    { code: 'FROM node:20\nENV STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}\nARG NPM_TOKEN', path: 'Dockerfile' },
    { code: 'DB_PASSWORD=${DB_PASSWORD}\nAPI_SECRET=\nexport STRIPE_SECRET_KEY=$STRIPE_SECRET_KEY', path: '.env' },
    { code: 'db.password=${DB_PASSWORD}\npayment.secret={{ vault_payment_secret }}', path: 'src/main/resources/application.properties' },
    // Placeholders.
    "const apiKey = 'your-api-key';",
    "const API_KEY = 'YOUR_KEY_HERE';",
    "const secret = 'xxx';",
    "const config = { token: 'xxxxxxxx', appSecret: 'xxxxxxxxxxxxxxxxxxxxxxxx' };",
    "const apiKey = '<KEY>';",
    "const password = 'changeme';",
    "const secret = '${SECRET}';",
    "const tpl = { clientSecret: '{{secret}}', password: '%(db_password)s', apiKey: '***' };",
    "const creds = { apiKey: 'example', token: 'dummy', secret: 'test' };",
    `const stripe = new Stripe('${join('sk_', 'test_', 'xxxxxxxxxxxxxxxxxxxxxxxx')}');`,
    `const stripe = new Stripe('${join('sk_', 'live_', '0000000000000000000000000')}');`,
    "const merchantKey = 'aaaaaaaaaaaaaaaaaaaaaaaa';",
    `const aws = { accessKeyId: '${join('AKIA', 'IOSFODNN7EXAMPLE')}' };`,
    { code: 'STRIPE_SECRET_KEY=sk_live_...\nSTRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxx', path: '.env.example' },
    { code: 'Set `STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx` in your environment.', path: 'README.md' },
    // Publishable and public keys.
    `const stripe = Stripe('${K.stripePublishable}');`,
    `const checkout = { key_id: '${K.razorpayLiveId}', name: 'Shop' };`,
    `const alipay = { alipayPublicKey: '${K.alipayPrivate}' };`,
    `const publicKey = \`-----BEGIN PUBLIC KEY-----\n${K.pemBody}\n-----END PUBLIC KEY-----\`;`,
    "const privateKey = '-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----';",
    `const twilio = { accountSid: '${K.twilioSid}' };`,
    // Checksums, ids and hashes.
    `const commit = '${K.hex40}';`,
    `const release = { checksum: '${K.hex32}', etag: '${K.hex32}', digest: '${K.hex40}' };`,
    `const apiKey = '${K.uuid}';`,
    "const order = { orderId: 'ord_8f3kL9qZ2mX7vB4nR1', id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' };",
    { code: '{\n  "integrity": "sha512-PHkcV0VkPdX4dNZqN2JZ5/XcnPcd4mv5cDSCiYiMNjQmnvs0vGyEH+m+WmUELL7skB+gzPtDqr+KOVYRFtzkQ==",\n  "passwordHash": "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"\n}', path: 'package-lock.json' },
    "const seed = { email: 'a@shop.test', password: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' };",
    `const cache = { cacheKey: '${K.generic24}', idempotencyKey: '${K.generic32}', pageToken: '${K.generic24}' };`,
    // Secret-like names holding non-secret values.
    "const form = { passwordField: 'password', tokenType: 'Bearer', secretName: 'prod/stripe', apiKeyHeader: 'X-API-Key' };",
    "const labels = { password: 'Password', confirmPassword: 'Confirm password', pwd: 'Mot de passe' };",
    "const input = { autoComplete: 'current-password', password: 'Passwort:', secretKey: 'STRIPE_SECRET_KEY' };",
    { code: '{\n  "login": { "password": "Password", "apiKey": "API key", "token": "Jeton" }\n}', path: 'locales/fr.json' },
    "const tokenUrl = 'https://auth.shop.test/oauth/token'; const token = 'https://auth.shop.test/token';",
    "const pin = { password: 'abc' };",
    "const rules = { password: 'required|min:8|confirmed', allPass: 'overEvery', showPassword: 'togglePassword' };",
    "const selectors = { password: '[type=password]', passwordInput: 'input[name=\"password\"]' };",
    { code: '{\n  "devDependencies": { "@secretlint/secretlint-rule-1password": "^10.2.2", "keytar-password": "7.9.0" }\n}', path: 'package.json' },
    "const opts = { clientSecret: 'pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH' };",
    "const sig = signer.sign(privateKey, 'RSASSA-PKCS1-V1_5'); const hash = crypto.createHash('sha256');",
    // Credential-free URLs and placeholder passwords in connection URLs.
    { code: 'services:\n  api:\n    environment:\n      - DATABASE_URL=postgres://user:password@localhost:5432/app\n      - REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379', path: 'docker-compose.yml' },
    "const url = 'postgres://shop:shop@localhost:5432/shop'; const local = 'mysql://root:root123@127.0.0.1/dev';",
    "const api = 'https://api.stripe.com/v1/charges';",
    // Type positions, comparisons, module specifiers, images, and fixtures.
    `import secrets from './secrets/stripe-live-key-${K.generic24}.json';`,
    "let apiKey: 'j1dGKB43eequM423HxVWBsMYc2ESnvNU' | undefined;",
    "if (token === 'expired') refresh(); switch (secret) { case 'rotated_2024_06_01_k9': break; }",
    "const logo = { token: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk' };",
    { code: `export const key = '${K.stripeLive}';`, path: 'test/fixtures/keys.ts', config: { fixtures: ['test/fixtures'] } },
    { code: `STRIPE_SECRET_KEY=${K.stripeLive}`, path: 'e2e/data/.env', config: { fixtures: ['e2e/data/**'] } },
    // Safe counterparts: env and secret-store references in more stacks, placeholders, documented examples, digests, UI text.
    "const gateway = new braintree.BraintreeGateway({ environment: braintree.Environment.Production, merchantId: process.env.BT_MERCHANT_ID, publicKey: process.env.BT_PUBLIC_KEY, privateKey: process.env.BT_PRIVATE_KEY });",
    { name: "AWS's documented example key pair", code: `const s3 = new S3Client({ credentials: { accessKeyId: '${join('AKIA', 'IOSFODNN7EXAMPLE')}', secretAccessKey: '${join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY')}' } });`, path: 'docs/examples/s3.js' },
    { code: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nalways-auth=true', path: '.npmrc' },
    { code: 'FROM node:20-alpine\nARG NPM_TOKEN\nRUN --mount=type=secret,id=stripe_key STRIPE_SECRET_KEY=$(cat /run/secrets/stripe_key) npm run build', path: 'Dockerfile' },
    "const http = axios.create({ headers: { Authorization: `Bearer ${session.accessToken}` } });\nheaders.set('Authorization', 'Basic ' + btoa(`${user}:${password}`));",
    { code: lines('env:', '  - name: STRIPE_SECRET_KEY', '    valueFrom:', '      secretKeyRef:', '        name: stripe-credentials', '        key: secret-key'), path: 'k8s/deployment.yaml' },
    { name: 'a SHA-256 digest of an API key is stored for lookup, not the key', code: `const stored = { apiKeyHash: '${K.hex32}${K.hex32}', tokenDigest: '${K.hex40}' };` },
    { code: lines('<application>', '  <meta-data android:name="com.google.android.geo.API_KEY" android:value="${MAPS_API_KEY}" />', '  <meta-data android:name="com.shop.CLIENT_SECRET" android:value="@string/client_secret_placeholder" />', '</application>'), path: 'android/app/src/main/AndroidManifest.xml' },
    { code: lines('<resources>', '  <string name="password_hint">Password</string>', '  <string name="forgot_password">Forgot your password?</string>', `  <string name="stripe_publishable_key">${K.stripePublishable}</string>`, '</resources>'), path: 'android/app/src/main/res/values/strings.xml' },
    { code: lines('variable "db_password" {', '  type      = string', '  sensitive = true', '}', 'resource "aws_db_instance" "shop" {', '  password = var.db_password', '}'), path: 'infra/main.tf' },
    { code: lines('jobs:', '  deploy:', '    env:', '      STRIPE_SECRET_KEY: ${{ secrets.STRIPE_SECRET_KEY }}', '      API_TOKEN: ${{ secrets.API_TOKEN }}'), path: '.github/workflows/deploy.yml' },
    "const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '1h' });\nconst mac = crypto.createHmac('sha256', webhookSecret).update(body).digest('hex');",
    { code: 'stripe.api_key = settings.STRIPE_SECRET_KEY\nDATABASES = {"default": {"PASSWORD": env("DB_PASSWORD")}}', path: 'shop/settings.py' },
    { name: 'Azure DevOps replace-tokens placeholders', code: lines('<configuration>', '  <appSettings>', '    <add key="MerchantKey" value="#{MerchantKey}#" />', '    <add key="ApiSecret" value="__ApiSecret__" />', '  </appSettings>', '</configuration>'), path: 'Web.config' },
    { code: "const seed = { email: faker.internet.email(), password: faker.internet.password({ length: 20 }) };", path: 'prisma/seed.ts' },
    "throw new Error('Invalid API key provided: set STRIPE_SECRET_KEY in your environment');",
    { name: 'a key already masked for display', code: `const shown = { apiKey: '${join('sk_', 'live_', '****9f2c')}', secret: '••••••••••••' };` },
    { code: 'var stripeKey = builder.Configuration["Stripe:SecretKey"];\nvar password = Environment.GetEnvironmentVariable("DB_PASSWORD");', path: 'Program.cs' },
    { code: 'Stripe.api_key = Rails.application.credentials.dig(:stripe, :secret_key)\nconfig.password = ENV.fetch("DB_PASSWORD")', path: 'config/initializers/stripe.rb' },
    { code: lines('[default]', 'aws_access_key_id = ${AWS_ACCESS_KEY_ID}', 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}'), path: 'deploy/credentials.ini' },
    { name: 'a test key left as an obvious stub in a Storybook story', code: `export const Default = { args: { publishableKey: '${join('pk_', 'test_', '123')}', secretKey: '${join('sk_', 'test_', '123')}' } };`, path: 'src/components/Pay.stories.tsx' },
    { code: "const { data } = await supabase.auth.signInWithPassword({ email, password });\nconst passwordResetToken = crypto.randomBytes(32).toString('hex');" },
    // Team patterns and allowed values.
    { name: 'an allowed value (a documented public test key) is not reported', code: `const stripeKey = '${K.stripeLive}';`, config: { secrets: { allowed: [K.stripeLive] } } },
    { name: 'a team pattern does not match other text', code: "const gatewayRef = 'ACME-SHORT-1234';", config: TEAM },
    { name: 'a team pattern match that the team allows', code: `const gatewayRef = '${ACME}';`, config: { ...TEAM, secrets: { ...TEAM.secrets, allowed: [ACME] } } },
    { name: 'team patterns only look at string values, not identifiers or code', code: 'const ACME_Q7W2E9R4_a1b2 = 1;', config: TEAM },
    { name: 'a pathological team pattern is never run (rejected before use), even on adversarial input', code: `const s = '${'a'.repeat(30_000)}!';\nconst t = 'x = token token';`, config: PATHOLOGICAL },
    { name: 'team patterns skip very long lines of text files', code: `BLOB=${'A'.repeat(5000)}${ACME}`, path: 'config/app.env', config: TEAM },
    // Declaration files: types, names and documentation, never a value.
    { name: 'a declaration file declares secret-named options without values', code: lines('export interface StripeConfig {', '  /** Your secret key, e.g. from process.env.STRIPE_SECRET_KEY. */', '  apiKey: string;', '  webhookSecret?: string;', '}', 'export declare function connect(password: string, token?: string): Promise<void>;'), path: 'types/stripe.d.ts' },
    { name: 'a declaration file\'s literal types name kinds of credential, not values', code: lines('export type TokenType = "bearer" | "refresh_token" | "api_key";', 'export declare const AUTH_HEADER = "Authorization";', 'export declare const PASSWORD_FIELD: "password";'), path: 'dist/auth.d.mts' },
    { name: 'a declaration file\'s documented placeholder key', code: lines('/**', ' * @example', ` * const stripe = new Stripe('sk_test_placeholder');`, ' */', 'export declare class Stripe { constructor(key: string); }'), path: 'types/index.d.cts' },
    { name: 'a declaration file for a stylesheet', code: 'declare const styles: { readonly secretPanel: string; readonly tokenInput: string };\nexport default styles;', path: 'src/panel.d.css.ts' },
  ],
  invalid: [
    // Declaration files: tsc copies `export const KEY = '…'` (and `as const` values, as literal types) into them.
    {
      name: 'a key in a declaration file\'s `declare const` (as tsc emits it)',
      code: `export declare const STRIPE_SECRET_KEY = "${K.stripeLive}";`,
      path: 'dist/config.d.ts',
      errors: [{ messageId: 'providerKey', line: 1, column: 42, severity: 'error' }],
    },
    {
      name: 'a password written as a literal type in a declaration file (an `as const` object)',
      code: lines('export declare const db: {', '    readonly host: "db.internal";', '    readonly password: "Tr0ub4dor&3xyz";', '};'),
      path: 'dist/db.d.ts',
      errors: [{ messageId: 'password', line: 3, column: 24 }],
    },
    {
      name: 'a key pasted into a declaration file\'s documentation',
      code: lines('/**', ` * Defaults to ${K.stripeRestricted}.`, ' */', 'export declare function createClient(key?: string): void;'),
      path: 'types/client.d.ts',
      errors: [{ messageId: 'providerKey', line: 2, column: 16 }],
    },
    // Provider formats in scripts.
    {
      code: `const stripe = new Stripe('${K.stripeLive}');`,
      errors: [{ messageId: 'providerKey', line: 1, column: 27, severity: 'error' }],
      fixes: { moveToEnv: 'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);' },
    },
    {
      name: 'a Stripe test key is reported one level lower',
      code: `export const stripeKey = '${K.stripeTest}';`,
      errors: [{ messageId: 'providerKey', line: 1, column: 26, severity: 'warning' }],
      fixes: { moveToEnv: 'export const stripeKey = process.env.STRIPE_KEY;' },
    },
    {
      name: 'a live key in a test folder is still an error',
      code: `const key = '${K.stripeLive}';`,
      path: 'test/payments.test.ts',
      errors: [{ messageId: 'providerKey', line: 1, column: 13, severity: 'error' }],
      fixes: { moveToEnv: 'const key = process.env.STRIPE_SECRET_KEY;' },
    },
    {
      name: 'the configured severity applies to live keys',
      code: `const key = '${K.stripeLive}';`,
      config: { rules: { 'hardcoded-secret': 'warning' } },
      errors: [{ messageId: 'providerKey', line: 1, column: 13, severity: 'warning' }],
      fixes: { moveToEnv: 'const key = process.env.STRIPE_SECRET_KEY;' },
    },
    {
      code: `stripe.restrictedKey = '${K.stripeRestricted}';`,
      errors: [{ messageId: 'providerKey', line: 1, column: 24 }],
      fixes: { moveToEnv: 'stripe.restrictedKey = process.env.STRIPE_RESTRICTED_KEY;' },
    },
    {
      code: `const endpointSecret = '${K.stripeWebhook}';`,
      errors: [{ messageId: 'providerKey', line: 1, column: 24 }],
      fixes: { moveToEnv: 'const endpointSecret = process.env.ENDPOINT_SECRET;' },
    },
    {
      code: `const gateway = new braintree.BraintreeGateway({ accessToken: '${K.braintreeProd}' });`,
      errors: [{ messageId: 'providerKey', line: 1, column: 63, severity: 'error' }],
      fixes: { moveToEnv: 'const gateway = new braintree.BraintreeGateway({ accessToken: process.env.BRAINTREE_GATEWAY_ACCESS_TOKEN });' },
    },
    {
      code: `const gateway = new braintree.BraintreeGateway({ accessToken: '${K.braintreeSandbox}' });`,
      errors: [{ messageId: 'providerKey', line: 1, column: 63, severity: 'warning' }],
      fixes: { moveToEnv: 'const gateway = new braintree.BraintreeGateway({ accessToken: process.env.BRAINTREE_GATEWAY_ACCESS_TOKEN });' },
    },
    {
      code: `const squareSecret = '${K.squareSecret}';`,
      errors: [{ messageId: 'providerKey', line: 1, column: 22 }],
      fixes: { moveToEnv: 'const squareSecret = process.env.SQUARE_SECRET;' },
    },
    {
      code: `const client = new Client({ accessToken: '${K.squareToken}', environment: 'production' });`,
      errors: [{ messageId: 'providerKey', line: 1, column: 42 }],
      fixes: { moveToEnv: "const client = new Client({ accessToken: process.env.ACCESS_TOKEN, environment: 'production' });" },
    },
    {
      code: `config.apiKey = '${K.adyen}';`,
      errors: [{ messageId: 'providerKey', line: 1, column: 17 }],
      fixes: { moveToEnv: 'config.apiKey = process.env.API_KEY;' },
    },
    {
      code: `const cko = new Checkout('${K.checkoutSandbox}');`,
      errors: [{ messageId: 'providerKey', line: 1, column: 26, severity: 'warning' }],
      fixes: { moveToEnv: 'const cko = new Checkout(process.env.CHECKOUT_SECRET_KEY);' },
    },
    {
      name: 'a Razorpay key secret next to a test key id is a test secret',
      code: `const rzp = new Razorpay({ key_id: '${K.razorpayTestId}', key_secret: '${K.razorpaySecret}' });`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 75, severity: 'warning' }],
      fixes: { moveToEnv: `const rzp = new Razorpay({ key_id: '${K.razorpayTestId}', key_secret: process.env.RAZORPAY_KEY_SECRET });` },
    },
    {
      code: `const wechatPay = { mchId: '1900000109', apiV3Key: '${K.wechatV3}' };`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 52 }],
      fixes: { moveToEnv: "const wechatPay = { mchId: '1900000109', apiV3Key: process.env.WECHAT_PAY_API_V3_KEY };" },
    },
    {
      code: `const sdk = new AlipaySdk({ appId: '2021000000000000', privateKey: '${K.alipayPrivate}' });`,
      errors: [{ messageId: 'privateKey', line: 1, column: 68 }],
      fixes: { moveToEnv: "const sdk = new AlipaySdk({ appId: '2021000000000000', privateKey: process.env.ALIPAY_SDK_PRIVATE_KEY });" },
    },
    {
      name: 'an AWS access key id and its secret are two findings',
      code: `const s3 = new S3Client({ credentials: { accessKeyId: '${K.awsKeyId}', secretAccessKey: '${K.awsSecret}' } });`,
      errors: [{ messageId: 'providerKey', line: 1, column: 55 }, { messageId: 'namedSecret', line: 1, column: 96 }],
      fixes: {
        moveToEnv: [
          `const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: '${K.awsSecret}' } });`,
          `const s3 = new S3Client({ credentials: { accessKeyId: '${K.awsKeyId}', secretAccessKey: process.env.SECRET_ACCESS_KEY } });`,
        ],
      },
    },
    {
      code: `export const MapView = () => <GoogleMap apiKey="${K.google}" zoom={12} />;`,
      path: 'src/components/MapView.tsx',
      errors: [{ messageId: 'providerKey', line: 1, column: 48 }],
      fixes: { moveToEnv: 'export const MapView = () => <GoogleMap apiKey={process.env.API_KEY} zoom={12} />;' },
    },
    {
      name: 'a token inside a template literal with substitutions is reported without a fix',
      code: `const remote = \`https://x-access-token:${K.github}@github.com/\${org}/shop.git\`;`,
      errors: [{ messageId: 'providerKey', line: 1, column: 40 }],
    },
    {
      code: `// deploy token: ${K.githubPat}\nrun();`,
      errors: [{ messageId: 'providerKey', line: 1, column: 18 }],
    },
    {
      code: `const res = await fetch(url, { headers: { 'PRIVATE-TOKEN': '${K.gitlab}' } });`,
      errors: [{ messageId: 'providerKey', line: 1, column: 60 }],
      fixes: { moveToEnv: 'const res = await fetch(url, { headers: { \'PRIVATE-TOKEN\': process.env.PRIVATE_TOKEN } });' },
    },
    {
      code: `const slack = new WebClient('${K.slackBot}');`,
      errors: [{ messageId: 'providerKey', line: 1, column: 29 }],
      fixes: { moveToEnv: 'const slack = new WebClient(process.env.SLACK_BOT_TOKEN);' },
    },
    {
      code: `await fetch('${K.slackWebhook}', { method: 'POST', body });`,
      errors: [{ messageId: 'providerKey', line: 1, column: 13 }],
      fixes: { moveToEnv: "await fetch(process.env.SLACK_WEBHOOK_URL, { method: 'POST', body });" },
    },
    {
      name: 'a sigil does not make letter soup a word: a generated token after an @ is still a token',
      code: "const sessionToken = '@QhTzRkWmXvBnLpGfDsJaYcUeN';",
      errors: [{ messageId: 'namedSecret', line: 1, column: 22 }],
      fixes: { moveToEnv: 'const sessionToken = process.env.SESSION_TOKEN;' },
    },
    {
      code: `const twilioAuthToken = '${K.hex32}';`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 25 }],
      fixes: { moveToEnv: 'const twilioAuthToken = process.env.TWILIO_AUTH_TOKEN;' },
    },
    {
      code: `sgMail.setApiKey('${K.sendgrid}');`,
      errors: [{ messageId: 'providerKey', line: 1, column: 18 }],
      fixes: { moveToEnv: 'sgMail.setApiKey(process.env.API_KEY);' },
    },
    {
      name: 'a JWT sent as a bearer token is reported at the token',
      code: `const api = axios.create({ headers: { Authorization: 'Bearer ${K.jwt}' } });`,
      errors: [{ messageId: 'providerKey', line: 1, column: 62 }],
    },
    {
      code: `const serviceToken = '${K.jwt}';`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 22 }],
      fixes: { moveToEnv: 'const serviceToken = process.env.SERVICE_TOKEN;' },
    },
    {
      code: "const pool = new Pool({ connectionString: 'postgres://shop:Zq8rT2vLx9Wp@db.prod.internal:5432/shop' });",
      errors: [{ messageId: 'connectionUrl', line: 1, column: 43 }],
      fixes: { moveToEnv: 'const pool = new Pool({ connectionString: process.env.DATABASE_URL });' },
    },
    {
      name: 'a PEM private key is reported at its BEGIN line',
      code: lines('const signer = {', `  privateKey: \`${pem('RSA PRIVATE KEY')}\`,`, '};'),
      errors: [{ messageId: 'privateKey', line: 2, column: 16 }],
      fixes: { moveToEnv: lines('const signer = {', '  privateKey: process.env.PRIVATE_KEY,', '};') },
    },
    {
      code: `const pfx = '${K.pkcs12}';`,
      errors: [{ messageId: 'privateKey', line: 1, column: 13 }],
      fixes: { moveToEnv: 'const pfx = process.env.KEYSTORE_BASE64;' },
    },
    // Generic secrets by name, in every form of assignment.
    {
      code: `const merchantApiKey = '${K.generic24}';`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 24 }],
      fixes: { moveToEnv: 'const merchantApiKey = process.env.MERCHANT_API_KEY;' },
    },
    {
      code: `stripe.secret = '${K.generic32}';`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 17 }],
      fixes: { moveToEnv: 'stripe.secret = process.env.STRIPE_SECRET;' },
    },
    {
      code: `export function createClient(appSecret = '${K.generic32}') {\n  return new Client(appSecret);\n}`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 42 }],
      fixes: { moveToEnv: 'export function createClient(appSecret = process.env.APP_SECRET) {\n  return new Client(appSecret);\n}' },
    },
    {
      code: `class PayClient {\n  private readonly signKey = '${K.hex32}';\n}`,
      errors: [{ messageId: 'namedSecret', line: 2, column: 30 }],
      fixes: { moveToEnv: 'class PayClient {\n  private readonly signKey = process.env.SIGN_KEY;\n}' },
    },
    {
      code: "const db = { host: 'db.internal', user: 'shop', password: 'S3cure!pass2024' };",
      errors: [{ messageId: 'password', line: 1, column: 59 }],
      fixes: { moveToEnv: "const db = { host: 'db.internal', user: 'shop', password: process.env.DB_PASSWORD };" },
    },
    {
      name: 'a fallback after an env lookup is still a hard-coded secret',
      code: `const clientSecret = process.env.CLIENT_SECRET || '${K.generic24}';`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 51 }],
      fixes: { moveToEnv: 'const clientSecret = process.env.CLIENT_SECRET || process.env.CLIENT_SECRET;' },
    },
    {
      name: 'an Authorization header with a generated token is reported after the scheme',
      code: `headers.set('Authorization', 'Basic ${K.generic32}');`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 37 }],
    },
    {
      name: 'an enum member is reported without a fix',
      code: `enum Keys {\n  Stripe = '${K.stripeLive}',\n}`,
      errors: [{ messageId: 'providerKey', line: 2, column: 12 }],
    },
    {
      // Reported at the literal, quotes included, as they are once the code parses again.
      name: 'half-typed code that does not parse is still scanned',
      code: `const stripe = new Stripe('${K.stripeLive}'\nconst config = { apiSecret: '${K.generic32}',`,
      path: 'src/pay.js',
      errors: [{ messageId: 'providerKey', line: 1, column: 27 }, { messageId: 'namedSecret', line: 2, column: 29 }],
    },
    {
      code: `API_KEY = "${K.generic24}"\nstripe.api_key = os.getenv("STRIPE_KEY")`,
      path: 'scripts/deploy.py',
      errors: [{ messageId: 'namedSecret', line: 1, column: 12 }],
    },
    {
      code: `const token = jwt.sign({ sub: user.id }, '${K.generic32}', { expiresIn: '1h' });`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 42 }],
      fixes: { moveToEnv: "const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });" },
    },
    {
      code: "const mac = crypto.createHmac('sha256', 'k3y-For-Signing-2024').update(body).digest('hex');",
      errors: [{ messageId: 'namedSecret', line: 1, column: 41 }],
      fixes: { moveToEnv: "const mac = crypto.createHmac('sha256', process.env.HMAC_KEY).update(body).digest('hex');" },
    },
    {
      name: 'a fake user password in test code is reported one level lower',
      code: "const user = { email: 'a@shop.test', password: 'Secret123!' };",
      path: 'test/login.test.ts',
      errors: [{ messageId: 'password', line: 1, column: 48, severity: 'warning' }],
      fixes: { moveToEnv: "const user = { email: 'a@shop.test', password: process.env.USER_PASSWORD };" },
    },
    {
      name: 'a key in an ambient declaration is reported without a fix',
      code: `declare const STRIPE_KEY = '${K.stripeLive}';`,
      path: 'src/globals.d.ts',
      errors: [{ messageId: 'providerKey', line: 1, column: 28 }],
    },
    {
      code: `export const PayButton = () => <Checkout publishableKey="${K.stripePublishable}" secretKey="${K.stripeTest}" />;`,
      path: 'src/components/PayButton.jsx',
      errors: [{ messageId: 'providerKey', line: 1, column: 102, severity: 'warning' }],
      fixes: { moveToEnv: `export const PayButton = () => <Checkout publishableKey="${K.stripePublishable}" secretKey={process.env.SECRET_KEY} />;` },
    },
    {
      code: `export const settings = { broker: { url: 'amqps://orders:Vb7rT2kLx9Qm4@mq.shop.internal:5671/prod' }, payments: { signingKey: '${K.generic24}' } } as const;`,
      errors: [{ messageId: 'connectionUrl', line: 1, column: 42 }, { messageId: 'namedSecret', line: 1, column: 127 }],
      fixes: {
        moveToEnv: [
          `export const settings = { broker: { url: process.env.AMQP_URL }, payments: { signingKey: '${K.generic24}' } } as const;`,
          "export const settings = { broker: { url: 'amqps://orders:Vb7rT2kLx9Qm4@mq.shop.internal:5671/prod' }, payments: { signingKey: process.env.SIGNING_KEY } } as const;",
        ],
      },
    },
    {
      name: 'a generated bearer token in a header object is reported after the scheme',
      code: `const http = axios.create({ headers: { Authorization: 'Bearer ${K.generic32}' } });`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 63 }],
    },
    // Text files.
    {
      code: lines('[payments.adyen]', 'merchant_account = "ShopECOM"', `hmac_key = "${K.hex32}${K.hex32}"`),
      path: 'config/payments.toml',
      errors: [{ messageId: 'namedSecret', line: 3, column: 13 }],
    },
    {
      code: lines('<application>', `  <meta-data android:name="com.shop.GOOGLE_API_KEY" android:value="${K.google}" />`, `  <meta-data android:name="com.shop.CLIENT_SECRET" android:value="${K.generic32}" />`, '</application>'),
      path: 'android/app/src/main/AndroidManifest.xml',
      errors: [{ messageId: 'providerKey', line: 2, column: 68 }, { messageId: 'namedSecret', line: 3, column: 67 }],
    },
    {
      code: lines('<resources>', `  <string name="stripe_api_secret">${K.generic32}</string>`, '  <string name="app_name">Shop</string>', '</resources>'),
      path: 'android/app/src/main/res/values/strings.xml',
      errors: [{ messageId: 'namedSecret', line: 2, column: 36 }],
    },
    {
      code: lines('# payments', `STRIPE_SECRET_KEY=${K.stripeLive}`, `export APP_SECRET="${K.generic32}" # rotated`, "DB_PASSWORD='Kq82!xLzw'"),
      path: '.env.production',
      errors: [
        { messageId: 'providerKey', line: 2, column: 19 },
        { messageId: 'namedSecret', line: 3, column: 20 },
        { messageId: 'password', line: 4, column: 14 },
      ],
    },
    {
      code: `{\n  "stripe": {\n    "secretKey": "${K.stripeTest}",\n    "webhookSecret": "${K.generic32}"\n  }\n}`,
      path: 'config/default.json',
      errors: [{ messageId: 'providerKey', line: 3, column: 19, severity: 'warning' }, { messageId: 'namedSecret', line: 4, column: 23 }],
    },
    {
      code: lines('stripe:', `  secretKey: ${K.stripeLive}`, 'database:', '  user: shop', '  password: "K9#mVq2!xL" # prod'),
      path: 'config/settings.yaml',
      errors: [{ messageId: 'providerKey', line: 2, column: 14 }, { messageId: 'password', line: 5, column: 14 }],
    },
    {
      code: lines('services:', '  web:', '    environment:', `      - STRIPE_WEBHOOK_SECRET=${K.stripeWebhook}`, `      - ADYEN_HMAC_KEY=${K.hex32}${K.hex32}`),
      path: 'docker-compose.yml',
      errors: [{ messageId: 'providerKey', line: 4, column: 31 }, { messageId: 'namedSecret', line: 5, column: 24 }],
    },
    {
      code: lines('checkout:', `  secret_key: ${K.checkoutLegacy}`),
      path: 'config/checkout.yml',
      errors: [{ messageId: 'providerKey', line: 2, column: 15, severity: 'error' }],
    },
    {
      code: lines(`twilio.api.key=${K.twilioApiKey}`, `payment.merchant.key = ${K.generic24}`, 'payment.merchant.id = 1900000109'),
      path: 'src/main/resources/application.properties',
      errors: [{ messageId: 'providerKey', line: 1, column: 16 }, { messageId: 'namedSecret', line: 2, column: 24 }],
    },
    {
      code: lines('[default]', `aws_access_key_id = ${K.awsKeyId}`, `aws_secret_access_key = ${K.awsSecret}`),
      path: 'deploy/credentials.ini',
      errors: [{ messageId: 'providerKey', line: 2, column: 21 }, { messageId: 'namedSecret', line: 3, column: 25 }],
    },
    {
      code: lines('<?xml version="1.0" encoding="UTF-8"?>', '<plist version="1.0">', '<dict>', '  <key>apiSecret</key>', `  <string>${K.generic32}</string>`, '</dict>', '</plist>'),
      path: 'ios/App/Config.plist',
      errors: [{ messageId: 'namedSecret', line: 5, column: 11 }],
    },
    {
      code: lines('<configuration>', '  <appSettings>', `    <add key="MerchantKey" value="${K.wechatKey}" />`, '  </appSettings>', '</configuration>'),
      path: 'Web.config',
      errors: [{ messageId: 'namedSecret', line: 3, column: 35 }],
    },
    {
      code: lines('FROM node:20-alpine', `ENV STRIPE_SECRET_KEY=${K.stripeLive}`, `ARG NPM_TOKEN=${K.npm}`, 'ENV DB_PASSWORD="Kq82!xLzw"'),
      path: 'Dockerfile',
      errors: [
        { messageId: 'providerKey', line: 2, column: 23 },
        { messageId: 'providerKey', line: 3, column: 15 },
        { messageId: 'password', line: 4, column: 18 },
      ],
    },
    {
      code: `//registry.npmjs.org/:_authToken=${K.npm}`,
      path: '.npmrc',
      errors: [{ messageId: 'providerKey', line: 1, column: 34 }],
    },
    {
      code: lines('MONGODB_URI=mongodb+srv://app:Hk29sLq0xZwe@cluster0.ab12c.mongodb.net/shop', `SQUARE_SECRET=sandbox-${K.squareSecret}`),
      path: '.env',
      errors: [{ messageId: 'connectionUrl', line: 1, column: 13 }, { messageId: 'providerKey', line: 2, column: 15, severity: 'warning' }],
    },
    {
      code: `${pem('OPENSSH PRIVATE KEY')}\n`,
      path: 'deploy/id_ed25519',
      errors: [{ messageId: 'privateKey', line: 1, column: 1 }],
    },
    // Team patterns.
    {
      name: 'a team pattern match in a string, with the env fix named after the pattern',
      code: `export const gatewayRef = '${ACME}';`,
      config: TEAM,
      errors: [{ messageId: 'teamPattern', line: 1, column: 27, severity: 'error' }],
      fixes: { moveToEnv: 'export const gatewayRef = process.env.ACME_GATEWAY_KEY;' },
    },
    {
      name: 'a team pattern inside a longer string and in a comment',
      code: `const header = 'Bearer ${ACME}';\n// old key: ${ACME}`,
      config: TEAM,
      errors: [{ messageId: 'teamPattern', line: 1, column: 24 }, { messageId: 'teamPattern', line: 2, column: 13 }],
    },
    {
      name: 'a team pattern in a text file',
      code: `ACME_KEY=${ACME}\n`,
      path: 'deploy/.env.production',
      config: TEAM,
      errors: [{ messageId: 'teamPattern', line: 1, column: 10 }],
    },
    {
      name: 'the named group `secret` marks the credential inside the match; flags apply',
      code: "const note = 'PIN:123456ABCD for the till';",
      config: TEAM_GROUP,
      errors: [{ messageId: 'teamPattern', line: 1, column: 19 }],
    },
    {
      name: 'a built-in finding wins over a team pattern on the same value',
      code: `const key = '${K.stripeLive}';`,
      config: { secrets: { patterns: [{ id: 'any-sk', regex: 'sk_live_[A-Za-z0-9]+' }] } },
      errors: [{ messageId: 'providerKey', line: 1, column: 13 }],
      fixes: { moveToEnv: 'const key = process.env.STRIPE_SECRET_KEY;' },
    },
    {
      name: 'allowed values spare only themselves',
      code: `const a = '${K.stripeLive}';\nconst b = '${K.stripeRestricted}';`,
      config: { secrets: { allowed: [K.stripeLive] } },
      errors: [{ messageId: 'providerKey', line: 2, column: 11 }],
      fixes: { moveToEnv: `const a = '${K.stripeLive}';\nconst b = process.env.STRIPE_RESTRICTED_KEY;` },
    },
  ],
});

// The tester must reject weak tables and flawed rules, or the table above proves little.
describe('ruleTable rejects weak tests', () => {
  /** A deliberately flawed rule: reports every string literal with a fix given as `replacement`. */
  const flawed = (message: string, replacement: string) => defineRule({
    meta: {
      id: 'flawed', description: 'test double', guideline: ['2.3b'], defaultSeverity: 'error', why: '', howToFix: '',
      messages: { found: message }, fixes: { rewrite: 'unsafe' },
    },
    create: (context) => ({
      Literal(node: AstNode & { value: unknown; range: [number, number]; raw: string }) {
        if (typeof node.value !== 'string') return;
        context.report({
          node, messageId: 'found', data: { raw: node.raw },
          fixes: [{ id: 'rewrite', title: 'Rewrite', changes: [{ start: node.range[0], end: node.range[1], text: replacement }] }],
        });
      },
    }),
  });
  const code = `const apiKey = '${K.generic32}';`;

  it('reports duplicate cases, invalid cases without errors, unknown message ids and undeclared fixes', () => {
    const problems = tableProblems(rule, {
      valid: ['const a = 1;', { code: 'const a = 1;' }],
      invalid: [
        { code, errors: [] },
        { code: `${code}\n`, errors: [{ messageId: 'nope', line: 1, column: 16 }], fixes: { rewrite: '' } },
      ],
    });
    assert.equal(problems.length, 4, problems.join('\n'));
  });

  it('fails a case that gives no expected output for an offered fix', () => {
    assert.throws(() => verifyInvalidCase(rule, { code, errors: [{ messageId: 'namedSecret', line: 1, column: 16 }] }), /no expected output/);
  });

  it('fails a fix whose output does not parse', () => {
    const broken = flawed('Found a string (guideline 2.3b).', '(');
    assert.throws(() => verifyInvalidCase(broken, {
      code: "const a = 'text';", errors: [{ messageId: 'found', line: 1, column: 11 }], fixes: { rewrite: 'const a = (;' },
    }), /does not parse/);
  });

  it('fails a message that shows the reported value unmasked', () => {
    const leaky = flawed('Found {{raw}} (guideline 2.3b).', 'x');
    assert.throws(() => verifyInvalidCase(leaky, {
      code, errors: [{ messageId: 'found', line: 1, column: 16 }], fixes: { rewrite: 'const apiKey = x;' },
    }), /unmasked/);
  });

  it('fails wrong positions and wrong severities', () => {
    assert.throws(() => verifyInvalidCase(rule, {
      code, errors: [{ messageId: 'namedSecret', line: 1, column: 17 }], fixes: { moveToEnv: 'const apiKey = process.env.API_KEY;' },
    }));
    assert.throws(() => verifyInvalidCase(rule, {
      code, errors: [{ messageId: 'namedSecret', line: 1, column: 16, severity: 'warning' }], fixes: { moveToEnv: 'const apiKey = process.env.API_KEY;' },
    }));
    verifyInvalidCase(rule, { code, errors: [{ messageId: 'namedSecret', line: 1, column: 16 }], fixes: { moveToEnv: 'const apiKey = process.env.API_KEY;' } });
  });
});
