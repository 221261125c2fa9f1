// Test table for secret-in-client-code: exposed env names, client reads, imports, literals and signing across frameworks.
import rule from '../../rules/secret-in-client-code';
import { ruleTable } from '../helpers/rule-table';

// Fake credentials, assembled from parts so this file holds no key-shaped literal itself.
const join = (...parts: string[]): string => parts.join('');
const K = {
  stripeLive: join('sk_', 'live_', 'Wx55DVqBjCtcjKPhV4ZMCuXB'),
  stripeTest: join('sk_', 'test_', 'W7b8Ibud9fv4OxmlvMwTi0Je'),
  stripePublishable: join('pk_', 'live_', 'K5E9U5ozmomLNOsqwxQdbINS'),
  google: join('AIza', 'r2KONv9MnwAiNZJT_y6qD67hKfdjMNKvJqg'),
  generic32: join('j1dGKB43eequM4', '23HxVWBsMYc2ESnvNU'),
  generic40: join('Iw8Z3WRSIbcqTrhqyII', 'bGkwJ5K5uttUpMoZfgcTR'),
  pemBody: join('i3dDEpW/1vk2OdBpgJzUwuI2AuDLKUeHmvbfrvSfae+4I2Du+x0pbvVj8jycZvh3\n', 'KRRiz6XAbNiKjFrL7qw8QSQC9/XXI4FfUriWzU2VUbM+DiRfhtlxSTEU9dh/zxs3'),
};
const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    { name: 'a value the team allows (secrets.allowed) is not reported in client code', code: `export const Pay = () => <Checkout stripeKey="${K.stripeLive}" />;`, path: 'src/components/Pay.jsx', config: { secrets: { allowed: [K.stripeLive] } } },
    { name: 'clientPaths from the team file replace the built-in client globs', code: `window.SHOP_CONFIG = {\n  codepayAppSecret: '${K.generic40}',\n};`, path: 'web/public/config.js', config: { clientPaths: ['mobile/**'] } },
    // Publishable and public-by-design values under exposing prefixes.
    { code: 'const stripe = loadStripe(import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY);', path: 'src/components/Checkout.tsx' },
    {
      code: lines('NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_x', 'NEXT_PUBLIC_SUPABASE_ANON_KEY=anon', 'NEXT_PUBLIC_RECAPTCHA_SITE_KEY=site',
        'NEXT_PUBLIC_GOOGLE_MAPS_API_KEY=maps', 'VITE_CODEPAY_APP_ID=2021000000', 'VITE_SHOW_PASSWORD=true', 'STRIPE_SECRET_KEY='),
      path: '.env.production',
    },
    { code: 'export const maps = { apiKey: process.env.NEXT_PUBLIC_GOOGLE_MAPS_API_KEY, mapbox: process.env.NEXT_PUBLIC_MAPBOX_TOKEN };', path: 'src/components/Map.jsx' },
    { code: `const firebaseConfig = { apiKey: '${K.google}', appId: '1:4242:web:abc' };\nexport const Root = () => <App config={firebaseConfig} />;`, path: 'src/main.jsx' },
    { code: `const stripePromise = loadStripe('${K.stripePublishable}');\nexport const Pay = () => <Elements stripe={stripePromise} />;`, path: 'src/components/Pay.tsx' },
    // Server code reading secrets without an exposing prefix.
    { code: 'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);', path: 'server/lib/payments.ts' },
    { code: "import crypto from 'node:crypto';\nexport const sign = (body: string) => crypto.createHmac('sha256', process.env.CODEPAY_SIGN_KEY!).update(body).digest('hex');", path: 'src/lib/codepay.ts' },
    {
      name: 'Next.js App Router server component (no "use client") reads a server secret',
      code: 'export default async function Page() {\n  const key = process.env.CMS_SECRET_KEY;\n  return <Orders data={await load(key)} />;\n}',
      path: 'app/orders/page.tsx',
    },
    {
      name: 'getServerSideProps in a pages/ component runs on the server only',
      code: lines(
        'export default function Checkout({ order }) { return <Summary order={order} />; }',
        'export async function getServerSideProps() {',
        '  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);',
        "  const signature = createHmac('sha256', process.env.CODEPAY_SIGN_KEY).update('x').digest('hex');",
        '  return { props: { order: await stripe.checkout.sessions.retrieve(signature) } };',
        '}',
      ),
      path: 'pages/checkout.jsx',
    },
    {
      name: 'Remix loader in a route module',
      code: lines(
        "import { useLoaderData } from '@remix-run/react';",
        'export const loader = async () => json({ session: await createSession(process.env.STRIPE_SECRET_KEY) });',
        'export default function Route() { const data = useLoaderData(); return <Pay session={data.session} />; }',
      ),
      path: 'app/routes/checkout.tsx',
    },
    {
      name: 'a "use server" action file signs on the server',
      code: "'use server';\nimport { createHmac } from 'crypto';\nexport async function sign(body) { return createHmac('sha256', process.env.CODEPAY_SIGN_KEY).update(body).digest('hex'); }",
      path: 'src/components/actions.js',
    },
    { code: 'export const Receipt = () => <Html><p>{process.env.CODEPAY_APP_SECRET ? "signed" : ""}</p></Html>;', path: 'emails/Receipt.tsx' },
    // Browser-safe values and non-signing hashes in client code.
    {
      name: 'Stripe PaymentIntent client secret is meant for the browser',
      code: lines(
        'export function PayButton() {',
        '  const stripe = useStripe();',
        "  const pay = async () => { const { clientSecret } = await (await fetch('/api/intent')).json(); await stripe.confirmCardPayment(clientSecret); };",
        '  return <button onClick={pay}>Pay</button>;',
        '}',
      ),
      path: 'src/components/PayButton.tsx',
    },
    { code: "import md5 from 'md5';\nexport const Avatar = ({ email }) => <img src={`https://www.gravatar.com/avatar/${md5(email.trim())}`} />;", path: 'src/components/Avatar.jsx' },
    { code: "import CryptoJS from 'crypto-js';\nexport const cartHash = (cart) => CryptoJS.SHA256(JSON.stringify(cart)).toString();\nexport const Cart = () => <div />;", path: 'src/components/Cart.jsx' },
    { code: "import sha256 from 'crypto-js/sha256';\nexport const digest = (data, nonce) => sha256(data + nonce).toString();\nexport const A = () => <i>{Math.sign(-1)}</i>;", path: 'src/components/Digest.jsx' },
    { code: "export function Login() {\n  const [password, setPassword] = useState('');\n  return <input type=\"password\" value={password} onChange={(e) => setPassword(e.target.value)} />;\n}", path: 'src/components/Login.tsx' },
    { code: "import JSEncrypt from 'jsencrypt';\nconst enc = new JSEncrypt();\nenc.setPublicKey(import.meta.env.VITE_CODEPAY_PUBLIC_KEY);\nexport const Card = () => <form />;", path: 'src/components/Card.tsx' },
    { code: "import type { MerchantSecretKey } from '../server/keys';\nexport const Badge = (p: { k: MerchantSecretKey }) => <span />;", path: 'src/components/Badge.tsx' },
    { code: 'export const mode = process.env.NODE_ENV;\nexport const Banner = () => <div>{mode}</div>;', path: 'src/components/Banner.tsx' },
    // Tests are not shipped.
    { code: `const key = '${K.stripeTest}';\nconst sig = createHmac('sha256', 'whsec').update('x').digest('hex');\nrender(<Pay k={key} />);`, path: 'src/components/__tests__/Pay.test.tsx' },
    // Mobile code with public values only; server Kotlin is not client code.
    { code: `class Pay {\n    private val stripePublishableKey = "${K.stripePublishable}"\n}`, path: 'android/app/src/main/java/com/shop/Pay.kt' },
    { code: `object Gateway {\n    private val merchantKey = "${K.generic32}"\n}`, path: 'src/main/kotlin/com/shop/Gateway.kt' },
    { code: `<template><p>{{ total }}</p></template>\n<script setup>\nconst base = import.meta.env.VITE_API_BASE;\nconst pk = import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY;\n</script>`, path: 'src/views/Pay.vue' },
    { code: "import { renderToString } from 'react-dom/server';\nexport const html = () => renderToString(<App stripe={new Stripe(process.env.STRIPE_SECRET_KEY)} />);", path: 'src/server.tsx' },
    {
      name: 'a team marks a folder as server code with "!"',
      code: 'export const Invoice = () => <Pdf signature={sign(process.env.CODEPAY_APP_SECRET)} />;',
      path: 'src/pdf/Invoice.tsx',
      config: { rules: { 'secret-in-client-code': ['error', { clientPaths: ['public', '!src/pdf'] }] } },
    },
    // Build settings that publish only public values.
    { code: "export default defineConfig({ define: { __APP_VERSION__: JSON.stringify('1.4.0'), 'process.env.NODE_ENV': '\"production\"' } });", path: 'vite.config.ts' },
    { code: 'module.exports = { env: { NEXT_PUBLIC_API_BASE: process.env.API_BASE, STRIPE_PUBLISHABLE_KEY: process.env.STRIPE_PUBLISHABLE_KEY } };', path: 'next.config.js' },
    { code: 'server:\n  env:\n    STRIPE_SECRET_KEY: ${{ secrets.STRIPE_SECRET_KEY }}\n    VITE_API_BASE: https://shop.example.com', path: '.github/workflows/deploy.yml' },
    // Safe counterparts: server-only definitions and builds, public values, server modules, UI names, non-signing crypto.
    { code: lines('CODEPAY_SIGN_KEY=${SIGN_KEY}', 'STRIPE_WEBHOOK_SECRET=', 'VITE_CODEPAY_APP_ID=2021000000', 'VITE_PAYPAL_CLIENT_ID=AbCdEf', 'NEXT_PUBLIC_STRIPE_KEY=pk_live_x'), path: 'web/.env.local' },
    { code: 'jobs:\n  build:\n    env:\n      VITE_CODEPAY_PUBLIC_KEY: ${{ vars.CODEPAY_PUBLIC_KEY }}\n      CODEPAY_SIGN_KEY: ${{ secrets.SIGN_KEY }}', path: '.github/workflows/web.yml' },
    { name: 'a team prefix publishes only its public values', code: 'SHOP_STRIPE_PUBLISHABLE_KEY=pk_live_x\nSHOP_API_BASE=https://shop.example.com\nSIGN_KEY=y', path: '.env', config: { rules: { 'secret-in-client-code': ['error', { exposedEnvPrefixes: ['SHOP_'] }] } } },
    { name: 'serverRuntimeConfig stays on the server', code: 'module.exports = {\n  serverRuntimeConfig: { stripeSecretKey: process.env.STRIPE_SECRET_KEY },\n  publicRuntimeConfig: { stripePublishableKey: process.env.STRIPE_PUBLISHABLE_KEY },\n};', path: 'next.config.js' },
    { code: "export const plugins = [\n  new webpack.DefinePlugin({ 'process.env.STRIPE_PUBLISHABLE_KEY': JSON.stringify(process.env.STRIPE_PUBLISHABLE_KEY) }),\n  new webpack.EnvironmentPlugin(['NODE_ENV', 'API_BASE']),\n]", path: 'build/webpack.prod.js' },
    { name: 'a Vite dev-server proxy adds the secret header in Node, not in the bundle', code: "export default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, process.cwd(), '');\n  return { server: { proxy: { '/api': { target: env.API_URL, headers: { 'x-api-secret': env.CODEPAY_APP_SECRET } } } } };\n});", path: 'vite.config.ts' },
    { name: 'a *.server.ts module next to components is server code', code: "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport const Summary = () => <p>server</p>;", path: 'src/components/checkout.server.tsx' },
    { code: "import { createHmac } from 'crypto';\nexport default function handler(req, res) {\n  res.json({ sign: createHmac('sha256', process.env.CODEPAY_SIGN_KEY).update(req.body.order).digest('hex') });\n}", path: 'pages/api/sign.ts' },
    { code: "export async function POST(req: Request) {\n  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);\n  return Response.json({ ok: event.id });\n}", path: 'app/api/webhook/route.ts' },
    { code: "'use client';\nimport { STRIPE_PUBLISHABLE_KEY, API_BASE } from '../config';\nexport const Pay = () => <Elements stripe={loadStripe(STRIPE_PUBLISHABLE_KEY)} api={API_BASE} />;", path: 'src/components/Pay.tsx' },
    { code: "import { PasswordInput, PrivateRoute } from '@/components/ui';\nimport { KeyboardAvoidingView } from 'react-native';\nexport const Login = () => <KeyboardAvoidingView><PrivateRoute><PasswordInput /></PrivateRoute></KeyboardAvoidingView>;", path: 'src/screens/Login.tsx' },
    { name: 'a login form component named for credentials is not a secrets module', code: "import { CredentialsForm } from './credentials';\nexport const SignIn = () => <CredentialsForm />;", path: 'src/components/auth/SignIn.tsx' },
    { code: "<script>\n  import { PUBLIC_STRIPE_KEY } from '$env/static/public';\n  import { env } from '$env/dynamic/public';\n  const base = env.PUBLIC_API_BASE;\n</script>\n<Checkout key={PUBLIC_STRIPE_KEY} {base} />", path: 'src/routes/pay/+page.svelte' },
    { code: "import { STRIPE_SECRET_KEY } from '$env/static/private';\nexport const load = async () => ({ session: await createSession(STRIPE_SECRET_KEY) });", path: 'src/routes/pay/+page.server.ts' },
    { code: `window.SHOP_CONFIG = {\n  merchantId: 'M100482913',\n  codepayAppId: '2021000000000000',\n  stripePublishableKey: '${K.stripePublishable}',\n};`, path: 'web/public/config.js' },
    { code: 'val stripe = Stripe(context, BuildConfig.STRIPE_PUBLISHABLE_KEY)\nval api = Retrofit.Builder().baseUrl(BuildConfig.API_BASE_URL).build()', path: 'android/app/src/main/java/com/shop/Pay.kt' },
    { code: 'let key = Bundle.main.object(forInfoDictionaryKey: "StripePublishableKey") as? String\nStripeAPI.defaultPublishableKey = key', path: 'ios/Shop/AppDelegate.swift' },
    { code: `<plist><dict>\n  <key>NSFaceIDUsageDescription</key>\n  <string>Use Face ID to fill in your saved password</string>\n  <key>StripePublishableKey</key>\n  <string>${K.stripePublishable}</string>\n</dict></plist>`, path: 'ios/Shop/Info.plist' },
    { name: 'HMAC with a device key from the Android Keystore', code: 'val key = keyStore.getKey("pin_mac", null) as SecretKey\nval mac = Mac.getInstance("HmacSHA256")\nmac.init(key)', path: 'android/app/src/main/java/com/shop/Pin.kt' },
    { name: 'encrypting card data with the provider public key in the browser', code: "export async function encryptKey(publicKeyDer) {\n  return crypto.subtle.importKey('spki', publicKeyDer, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);\n}", path: 'public/js/encrypt.js' },
    { name: 'PKCE code challenge digest in a client component', code: "export async function challenge(codeVerifier) {\n  const data = new TextEncoder().encode(codeVerifier);\n  return base64url(await crypto.subtle.digest('SHA-256', data));\n}\nexport const Login = () => <button onClick={() => challenge(verifier)} />;", path: 'src/components/Login.jsx' },
    { code: "import { jwtDecode } from 'jwt-decode';\nexport const Account = ({ token }) => <p>{jwtDecode(token).email}</p>;", path: 'src/components/Account.tsx' },
    { name: 'a comment warning against the exposed prefix', code: "// Never add NEXT_PUBLIC_STRIPE_SECRET_KEY: sign on the server instead.\nexport const Pay = () => <button>Pay</button>;", path: 'src/components/Pay.tsx' },
    { name: 'verifying a webhook on the server with the Kotlin HMAC key', code: 'fun verify(body: String, signKey: String): Boolean {\n    val mac = Mac.getInstance("HmacSHA256")\n    mac.init(SecretKeySpec(signKey.toByteArray(), "HmacSHA256"))\n    return true\n}', path: 'src/main/kotlin/com/shop/Webhook.kt' },
    { code: "import Config from 'react-native-config';\nconst base = Config.API_BASE_URL;\nconst pk = Config.STRIPE_PUBLISHABLE_KEY;", path: 'src/screens/Pay.tsx' },
    { code: "import Constants from 'expo-constants';\nconst pk = Constants.expoConfig.extra.stripePublishableKey;\nconst eas = Constants.expoConfig.extra.eas.projectId;", path: 'src/screens/Pay.tsx' },
    { code: 'const { VITE_API_BASE, VITE_STRIPE_PUBLISHABLE_KEY: pk } = import.meta.env;', path: 'src/lib/api.ts' },
    { code: "'use client';\nimport { env } from '~/env';\nexport const pk = env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;", path: 'src/app/pay/button.tsx' },
    { name: 'a hook that stores the Stripe client secret from the server response', code: "import { useState } from 'react';\nexport const useIntent = () => { const [clientSecret, setClientSecret] = useState(''); return { clientSecret, setClientSecret }; };", path: 'src/hooks/useIntent.ts' },
    { code: "export function Pay({ order }) {\n  const signature = order.signature;\n  return <form action=\"https://pay.example.com\"><input name=\"sign\" value={signature} /></form>;\n}", path: 'src/components/Pay.jsx' },
    { name: 'md5 of a file for an upload checksum', code: "import md5 from 'md5';\nexport const checksum = (buf) => md5(buf);\nexport const Upload = () => <input type=\"file\" />;", path: 'src/components/Upload.jsx' },
    { code: 'export const PasswordField = () => <input type="password" placeholder="Enter your secret password" autoComplete="new-password" />;', path: 'src/components/PasswordField.tsx' },
  ],
  invalid: [
    // Env variables that bundlers publish.
    {
      code: 'const key = import.meta.env.VITE_CODEPAY_SIGN_KEY;',
      path: 'src/components/Pay.tsx',
      errors: [{ messageId: 'exposedEnv', line: 1, column: 29, severity: 'error' }],
    },
    {
      name: 'a Next.js client component reads a NEXT_PUBLIC_ secret',
      code: "'use client';\nexport default function Pay() {\n  const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY);\n  return <button />;\n}",
      path: 'app/pay/page.tsx',
      errors: [{ messageId: 'exposedEnv', line: 3, column: 41 }],
    },
    {
      name: 'an exposed secret name is reported in server code too',
      code: 'export default async function handler(req, res) {\n  const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!);\n}',
      path: 'pages/api/pay.ts',
      errors: [{ messageId: 'exposedEnv', line: 2, column: 41 }],
    },
    {
      code: "export const App = () => <Pay merchantKey={process.env['REACT_APP_MERCHANT_PRIVATE_KEY']} />;",
      path: 'src/App.jsx',
      errors: [{ messageId: 'exposedEnv', line: 1, column: 57 }],
    },
    {
      name: 'destructured from import.meta.env, reported at the name',
      code: 'const { VITE_API_BASE, VITE_CODEPAY_SIGN_KEY: signKey } = import.meta.env;',
      path: 'src/lib/api.ts',
      errors: [{ messageId: 'exposedEnv', line: 1, column: 24 }],
    },
    {
      name: 'read through a local alias of import.meta.env',
      code: 'const env = import.meta.env;\nexport const secret = env.VITE_APP_SECRET;',
      path: 'src/config.ts',
      errors: [{ messageId: 'exposedEnv', line: 2, column: 27 }],
    },
    {
      code: "import { View } from 'react-native';\nexport const key = process.env.EXPO_PUBLIC_CODEPAY_SECRET;",
      path: 'App.tsx',
      errors: [{ messageId: 'exposedEnv', line: 2, column: 32 }],
    },
    {
      code: "import Config from 'react-native-config';\nconst secret = Config.CODEPAY_APP_SECRET;",
      path: 'src/screens/Pay.tsx',
      errors: [{ messageId: 'publishedValue', line: 2, column: 16 }],
    },
    {
      code: "import Constants from 'expo-constants';\nconst k = Constants.expoConfig.extra.merchantSecret;",
      path: 'src/screens/Pay.tsx',
      errors: [{ messageId: 'publishedValue', line: 2, column: 11 }],
    },
    {
      code: "import { PUBLIC_CODEPAY_SECRET } from '$env/static/public';\nexport const load = () => ({ s: PUBLIC_CODEPAY_SECRET });",
      path: 'src/routes/+page.ts',
      errors: [{ messageId: 'exposedEnv', line: 1, column: 10 }],
    },
    // Definitions in env files and CI.
    {
      code: lines('# front-end build', 'VITE_STRIPE_PUBLISHABLE_KEY=pk_live_x', 'VITE_CODEPAY_SIGN_KEY=${SIGN_KEY}', 'export NEXT_PUBLIC_STRIPE_SECRET_KEY=', 'REACT_APP_ADMIN_PASSWORD="x"'),
      path: 'web/.env.production',
      errors: [
        { messageId: 'exposedEnv', line: 3, column: 1 },
        { messageId: 'exposedEnv', line: 4, column: 8 },
        { messageId: 'exposedEnv', line: 5, column: 1 },
      ],
    },
    {
      code: 'jobs:\n  build:\n    env:\n      VITE_CODEPAY_SIGN_KEY: ${{ secrets.SIGN_KEY }}',
      path: '.github/workflows/web.yml',
      errors: [{ messageId: 'exposedEnv', line: 4, column: 7 }],
    },
    {
      name: 'a team prefix from the options',
      code: 'SHOP_MERCHANT_KEY=x\nVITE_CODEPAY_SIGN_KEY=y',
      path: '.env',
      config: { rules: { 'secret-in-client-code': ['error', { exposedEnvPrefixes: ['SHOP_'] }] } },
      errors: [{ messageId: 'exposedEnv', line: 1, column: 1 }],
    },
    // Build settings that inline server variables into client bundles.
    {
      code: 'module.exports = {\n  env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY },\n};',
      path: 'next.config.js',
      errors: [{ messageId: 'bundlerSetting', line: 2, column: 10 }],
    },
    {
      code: "export default defineConfig({\n  define: { 'process.env': process.env },\n});",
      path: 'vite.config.ts',
      errors: [{ messageId: 'bundlerSetting', line: 2, column: 13 }],
    },
    {
      code: "export const plugins = [\n  new webpack.DefinePlugin({ 'process.env.CODEPAY_SIGN_KEY': JSON.stringify(process.env.CODEPAY_SIGN_KEY) }),\n  new webpack.EnvironmentPlugin(['NODE_ENV', 'STRIPE_SECRET_KEY']),\n]",
      path: 'build/webpack.prod.js',
      errors: [{ messageId: 'bundlerSetting', line: 2, column: 30 }, { messageId: 'bundlerSetting', line: 3, column: 46 }],
    },
    // Secret reads in client code.
    {
      code: 'export function Checkout() {\n  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n  return <form />;\n}',
      path: 'src/components/Checkout.jsx',
      errors: [{ messageId: 'secretReference', line: 2, column: 29 }],
    },
    {
      name: 'a hook file (React hooks import) is client code',
      code: "import { useMemo } from 'react';\nexport const useSigner = () => useMemo(() => import.meta.env.CODEPAY_APP_SECRET, []);",
      path: 'src/hooks/useSigner.ts',
      errors: [{ messageId: 'secretReference', line: 2, column: 46 }],
    },
    {
      name: 't3-env module read in a client component',
      code: "'use client';\nimport { env } from '~/env';\nexport const k = env.STRIPE_SECRET_KEY;",
      path: 'src/app/pay/button.tsx',
      errors: [{ messageId: 'secretReference', line: 3, column: 18 }],
    },
    // Imports.
    {
      code: "import { CODEPAY_SIGN_KEY, API_BASE } from '../config';\nexport const Pay = () => <button data-k={CODEPAY_SIGN_KEY} />;",
      path: 'src/components/Pay.tsx',
      errors: [{ messageId: 'importedSecret', line: 1, column: 10 }],
    },
    {
      code: "import secrets from '../../server/secrets';\nexport const Pay = () => <b>{secrets.mode}</b>;",
      path: 'src/components/Pay.tsx',
      errors: [{ messageId: 'importedSecret', line: 1, column: 8 }],
    },
    {
      code: "<script>\n  import { STRIPE_SECRET_KEY } from '$env/static/private';\n</script>\n<p>Pay</p>",
      path: 'src/routes/pay/+page.svelte',
      errors: [{ messageId: 'importedSecret', line: 2, column: 3 }],
    },
    {
      code: "<script>\n  import { env } from '$env/dynamic/public';\n  const secret = env.PUBLIC_STRIPE_SECRET_KEY;\n</script>",
      path: 'src/routes/+page.svelte',
      errors: [{ messageId: 'exposedEnv', line: 3, column: 22 }],
    },
    {
      name: 'an imported key used for signing is one finding, at the import',
      code: "import { SIGN_KEY } from '../config';\nexport const Sig = ({ body }) => <i>{CryptoJS.HmacSHA256(body, SIGN_KEY).toString()}</i>;",
      path: 'src/components/Sig.tsx',
      errors: [{ messageId: 'importedSecret', line: 1, column: 10 }],
    },
    // Literals.
    {
      name: 'clientPaths from the team file mark a folder as client code',
      code: `window.SHOP_CONFIG = {\n  codepayAppSecret: '${K.generic40}',\n};`,
      path: 'kiosk/settings.js',
      config: { clientPaths: ['kiosk/**'] },
      errors: [{ messageId: 'literalInClient', line: 2, column: 21 }],
    },
    {
      code: `window.SHOP_CONFIG = {\n  merchantId: 'M100482913',\n  codepayAppSecret: '${K.generic40}',\n};`,
      path: 'web/public/config.js',
      errors: [{ messageId: 'literalInClient', line: 3, column: 21 }],
    },
    {
      code: `export const Pay = () => <Checkout stripeKey="${K.stripeLive}" />;`,
      path: 'src/components/Pay.jsx',
      errors: [{ messageId: 'literalInClient', line: 1, column: 46, severity: 'error' }],
    },
    {
      name: 'a test key in client code is reported one level lower',
      code: `const stripe = Stripe('${K.stripeTest}');\nexport const Pay = () => <form />;`,
      path: 'src/components/Pay.jsx',
      errors: [{ messageId: 'literalInClient', line: 1, column: 23, severity: 'warning' }],
    },
    {
      code: `export const environment = {\n  production: true,\n  stripeSecretKey: '${K.stripeLive}',\n};`,
      path: 'src/environments/environment.prod.ts',
      errors: [{ messageId: 'literalInClient', line: 3, column: 20 }],
    },
    {
      code: `export const signer = { privateKey: \`-----BEGIN PRIVATE KEY-----\n${K.pemBody}\n-----END PRIVATE KEY-----\` };`,
      path: 'public/sign.js',
      errors: [{ messageId: 'literalInClient', line: 1, column: 38 }],
    },
    {
      code: `<html><body><script>\n  var appSecret = "${K.generic32}";\n</script></body></html>`,
      path: 'public/pay.html',
      errors: [{ messageId: 'literalInClient', line: 2, column: 20 }],
    },
    {
      code: `class Pay {\n    private val codePayMerchantKey = "${K.generic32}"\n}`,
      path: 'android/app/src/main/java/com/shop/Pay.kt',
      errors: [{ messageId: 'literalInClient', line: 2, column: 39 }],
    },
    {
      code: `struct Keys {\n    static let appSecret = "${K.generic40}"\n}`,
      path: 'ios/Shop/Keys.swift',
      errors: [{ messageId: 'literalInClient', line: 2, column: 29 }],
    },
    {
      code: `<plist><dict>\n  <key>CodePayAppSecret</key>\n  <string>${K.generic40}</string>\n</dict></plist>`,
      path: 'ios/Shop/Info.plist',
      errors: [{ messageId: 'literalInClient', line: 3, column: 11 }],
    },
    // Mobile build config reads.
    {
      code: 'val mac = Mac.getInstance("HmacSHA256")\nmac.init(SecretKeySpec(BuildConfig.CODEPAY_APP_SECRET.toByteArray(), "HmacSHA256"))',
      path: 'android/app/src/main/java/com/shop/Sign.kt',
      errors: [{ messageId: 'secretReference', line: 2, column: 24 }],
    },
    // Signing in client code.
    {
      name: 'the signing key comes from a prop: the signing call is reported',
      code: "import CryptoJS from 'crypto-js';\nexport function Pay({ payload, signKey }) {\n  const sig = CryptoJS.HmacSHA256(payload, signKey).toString();\n  return <input value={sig} />;\n}",
      path: 'src/components/Pay.jsx',
      errors: [{ messageId: 'signingInClient', line: 3, column: 44 }],
    },
    {
      name: 'a key already reported where it is read is not reported again where it signs',
      code: "import CryptoJS from 'crypto-js';\nconst SIGN_KEY = import.meta.env.VITE_CODEPAY_SIGN_KEY;\nexport const sign = (p) => CryptoJS.HmacSHA256(p, SIGN_KEY).toString();\nexport const Pay = () => <form />;",
      path: 'src/components/Pay.tsx',
      errors: [{ messageId: 'exposedEnv', line: 2, column: 34 }],
    },
    {
      name: "sign-style md5 with '&key=' in a Vue-style client path",
      code: "import md5 from 'md5';\nexport function sign(params, key) {\n  const query = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');\n  return md5(query + '&key=' + key).toUpperCase();\n}",
      path: 'src/components/sign.js',
      errors: [{ messageId: 'signingInClient', line: 4, column: 32 }],
    },
    {
      code: "import { createHash } from 'crypto';\nexport const sign = (params: string, merchantKey: string) => createHash('md5').update(`${params}&key=${merchantKey}`).digest('hex');",
      path: 'src/components/sign.ts',
      errors: [{ messageId: 'signingInClient', line: 2, column: 104 }],
    },
    {
      name: 'the sign string is built in a local constant first',
      code: "export function wxSign(params, mchKey) {\n  const signStr = `${params}&key=${mchKey}`;\n  return md5(signStr).toUpperCase();\n}",
      path: 'src/components/wxpay.js',
      errors: [{ messageId: 'signingInClient', line: 2, column: 36 }],
    },
    {
      code: "export const Receipt = ({ order, k }) => <i>{createSign('RSA-SHA256').update(order.id).sign(k, 'base64')}</i>;",
      path: 'src/components/Receipt.jsx',
      errors: [{ messageId: 'signingInClient', line: 1, column: 93 }],
    },
    {
      code: "import jwt from 'jsonwebtoken';\nimport { View } from 'react-native';\nexport const token = (user, secret) => jwt.sign({ sub: user.id }, secret);",
      path: 'src/screens/Account.tsx',
      errors: [{ messageId: 'signingInClient', line: 3, column: 67 }],
    },
    {
      code: "export async function hmacKey(hmacSecret) {\n  return crypto.subtle.importKey('raw', new TextEncoder().encode(hmacSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);\n}",
      path: 'public/js/sign.js',
      errors: [{ messageId: 'signingInClient', line: 2, column: 41 }],
    },
    {
      name: 'the team marks its own client folder',
      code: "import { createHmac } from 'crypto';\nexport const sign = (body, key) => createHmac('sha256', key).update(body).digest('hex');",
      path: 'web/lib/sign.ts',
      config: { rules: { 'secret-in-client-code': ['error', { clientPaths: ['web'] }] } },
      errors: [{ messageId: 'signingInClient', line: 2, column: 57 }],
    },
    {
      name: 'Kotlin HMAC with a key parameter',
      code: 'fun sign(body: String, signKey: String): ByteArray {\n    val mac = Mac.getInstance("HmacSHA256")\n    mac.init(SecretKeySpec(signKey.toByteArray(), "HmacSHA256"))\n    return mac.doFinal(body.toByteArray())\n}',
      path: 'android/app/src/main/java/com/shop/Sign.kt',
      errors: [{ messageId: 'signingInClient', line: 3, column: 28 }],
    },
    {
      name: 'a Vue SFC: the exposed read is reported, its use for signing is not reported again',
      code: "<script setup>\nimport CryptoJS from 'crypto-js';\nconst signKey = import.meta.env.VITE_SIGN_KEY;\nconst sig = (body) => CryptoJS.HmacSHA256(body, signKey).toString();\n</script>",
      path: 'src/views/Pay.vue',
      errors: [{ messageId: 'exposedEnv', line: 3, column: 33 }],
    },
    {
      name: 'a client script that does not parse (mid-edit) is still checked',
      code: 'const key = import.meta.env.VITE_CODEPAY_SIGN_KEY;\nexport const Pay = () => (',
      path: 'src/components/Pay.tsx',
      errors: [{ messageId: 'exposedEnv', line: 1, column: 29 }],
    },
  ],
});
