// Test table for insecure-transport: plain-HTTP URLs, TLS below 1.2 and verification opt-outs, in code and config files.
import type { Config } from '../../server/src/engine';
import * as assert from 'node:assert/strict';
import rule from '../../rules/insecure-transport';
import { disablesVerification, MAY_NAME_VERIFICATION_SETTING, VERIFICATION_SETTING_NAMES } from '../../rules/shared/transport-tls';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');
const ruleConfig = (options: Record<string, unknown>): Config => ({ rules: { 'insecure-transport': ['error', options] } });

/** `code` with the first occurrence of `url` (or of text around it) on https: the expected output of that URL's fix. */
const withHttps = (code: string, url: string): string => code.replace(url, url.replace('http://', 'https://'));

/** An HTML page that links to and mentions plain-HTTP pages (for the reader) and loads, posts and fetches over it. */
const CHECKOUT_PAGE = lines(
  '<p>Checkout help: http://help.codepay.com and <a href="http://help.codepay.com/faq">the FAQ</a>.</p>',
  '<link rel="stylesheet" href="http://cdn.codepay.com/checkout.css">',
  '<form method="post" action="http://pay.codepay.com/submit"><input name="pan"></form>',
  '<script>',
  "  fetch('http://api.codepay.com/v3/orders', { method: 'POST' });",
  '</script>',
);

/** A shell script whose here-documents go to a file, to a command and to the terminal. */
const INSTALL_SCRIPT = lines(
  'cat > /etc/codepay/app.env << EOF',
  'CODEPAY_API=http://api.codepay.com/v3',
  'EOF',
  'cat <<EOF | kubectl apply -f -',
  'endpoint: http://gateway.codepay.com',
  'EOF',
  'cat << EOF',
  'done',
  'EOF',
  'curl http://api.codepay.com/v3/ping',
);

ruleTable(rule, {
  valid: [
    // Loopback, documentation and test names, private networks: plain HTTP never crosses the internet.
    lines(
      "const mock = 'http://localhost:4010/v3';",
      "const sandbox = 'http://127.0.0.1:4010';",
      "const v6 = 'http://[::1]:8080/health';",
      "const any = 'http://0.0.0.0:3000';",
      "const metadata = 'http://169.254.169.254/latest/meta-data/';",
    ),
    lines(
      "await fetch('http://api.example.com/v1/charges');",
      "await fetch('http://shop.test/notify');",
      "await fetch('http://printer.local/status');",
      "await fetch('http://app.localhost:3000');",
      "await fetch('http://203.0.113.7/docs');",
    ),
    lines(
      "const gateway = 'http://host.docker.internal:4010';",
      "const ledger = 'http://ledger.payments.internal/v1';",
      "const worker = 'http://10.0.4.12:8080/charge';",
      "const mock = 'http://payments-mock:8080/pay';",
    ),
    // Namespaces, schema ids and links: identifiers, never fetched.
    "const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');",
    { code: 'export const Logo = () => <svg xmlns="http://www.w3.org/2000/svg" xmlns:pay="http://pay.acme-outdoor.com/2024" />;', path: 'src/Logo.tsx' },
    "export const orderSchema = { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'http://acme-outdoor.com/schemas/order.json' };",
    lines(
      '// Legacy docs: http://docs.codepay.com/v2/notify',
      '/** @see http://legacy.codepay.com/api */',
      "export const API = 'https://gateway.codepay.com/v3';",
    ),
    "const spec = { info: { termsOfService: 'http://acme-outdoor.com/terms', license: { url: 'http://www.apache.org/licenses/LICENSE-2.0' } } };",
    // Redirect-to-HTTPS code and URL manipulation: `http://` is matched, not connected to.
    lines(
      'app.use((req, res, next) => {',
      "  if (req.protocol === 'http') return res.redirect(301, 'https://' + req.headers.host + req.url);",
      '  next();',
      '});',
    ),
    lines(
      "if (callbackUrl.startsWith('http://')) callbackUrl = callbackUrl.replace('http://', 'https://');",
      "if (origin === 'http://shop.acme-outdoor.com') reject(origin);",
      "switch (scheme) { case 'http://pay.codepay.com': break; }",
    ),
    // Hosts that are not literal text cannot be judged.
    lines(
      'await fetch(`http://${process.env.API_HOST}/v1`);',
      "const self = 'http://' + req.headers.host + '/callback';",
      'const regional = `http://api.${region}.codepay.com`;',
    ),
    // Tests talk to local servers and mocks.
    {
      code: lines(
        "nock('http://api.codepay.com').post('/v3/pay').reply(200, { ok: true });",
        "await request('http://shop.acme-outdoor.com').get('/health');",
      ),
      path: 'test/checkout.test.ts',
    },
    // Current TLS and verification switched on.
    lines(
      "const agent = new https.Agent({ keepAlive: true, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });",
      "const legacyPin = { secureProtocol: 'TLSv1_2_method', rejectUnauthorized: true };",
      "const db = new Pool({ ssl: isProd ? { rejectUnauthorized: true } : false });",
      "const ws = new WebSocket(url, { rejectUnauthorized: process.env.NODE_ENV !== 'development' });",
    ),
    lines(
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';",
      'delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;',
      'const { rejectUnauthorized = false } = options;',
    ),
    'interface LegacyOptions { rejectUnauthorized: false; minVersion: "TLSv1" }',
    // stripe-mock on the developer's machine.
    "export const stripeMock = new Stripe(process.env.STRIPE_KEY!, { host: 'localhost', port: 12111, protocol: 'http' });",
    "const labels = { value: 'TLSv1', label: 'TLS 1.0 (insecure)', ciphers: 'HIGH:!SSLv3' };",
    // The team accepts a partner that only speaks HTTP inside its VPN.
    { code: "await fetch('http://partner-gw.acme-pay.com/settle');", config: ruleConfig({ allowedHosts: ['*.acme-pay.com'] }) },
    { code: "export const recorded = { notifyUrl: 'http://shop.acme-outdoor.com/notify' };", path: 'spec/data/notify.ts', config: { fixtures: ['spec/data/**'] } },
    // Config files.
    { code: lines('# Local development only.', 'API_URL=http://localhost:4010/v3', '# API_URL=http://api.codepay.com/v2  (retired)', 'NODE_TLS_REJECT_UNAUTHORIZED=1'), path: '.env.example' },
    {
      code: lines(
        'codepay:',
        '  api_base: https://gateway.codepay.com/v3   # not http://gateway.codepay.com',
        '  sandbox: http://127.0.0.1:4010',
        'openapi:',
        '  license:',
        '    url: http://www.apache.org/licenses/LICENSE-2.0.html',
        '  servers:',
        '    - url: http://localhost:8080',
        'tls:',
        '  insecureSkipVerify: false',
      ),
      path: 'config/settings.yaml',
    },
    {
      code: lines(
        'server {',
        '    listen 443 ssl;',
        '    ssl_protocols TLSv1.2 TLSv1.3;',
        '    # ssl_protocols TLSv1 TLSv1.1;',
        "    ssl_ciphers 'ECDHE+AESGCM:!SSLv3:!TLSv1';",
        '    return 301 https://$host$request_uri;',
        '}',
      ),
      path: 'deploy/nginx/shop.conf',
    },
    { code: lines('SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1', 'SSLProxyProtocol +TLSv1.2 +TLSv1.3'), path: 'deploy/apache/ssl.conf' },
    { code: 'jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, RC4', path: 'conf/security/java.security.properties' },
    { code: lines('tls_versions:', '  TLSv1: retired 2020-06-30', '  "TLSv1.1": retired', '  TLSv1.2: supported'), path: 'config/compliance.yaml' },
    {
      code: lines(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
        '<beans xmlns="http://www.springframework.org/schema/beans"',
        '       xmlns:pay="http://pay.acme-outdoor.com/schema/pay"',
        '       xsi:schemaLocation="http://pay.acme-outdoor.com/schema/pay http://pay.acme-outdoor.com/schema/pay.xsd">',
        '  <!-- <endpoint address="http://partner.codepay.com/soap"/> -->',
        '</beans>',
      ),
      path: 'src/main/resources/beans.xml',
    },
    {
      code: lines(
        '<html xmlns="http://www.w3.org/1999/xhtml">',
        '<!-- Old form: <form action="http://pay.codepay.com/submit"> -->',
        '<a href="https://pay.codepay.com/help">Help</a>',
        '</html>',
      ),
      path: 'public/index.html',
    },
    {
      code: lines(
        '{',
        '  "$schema": "http://json-schema.org/draft-07/schema#",',
        '  "homepage": "http://acme-outdoor.com",',
        '  "author": "Acme Outdoor <dev@acme-outdoor.com> (http://acme-outdoor.com)",',
        '  "repository": { "type": "git", "url": "http://github.com/acme-outdoor/shop.git" }',
        '}',
      ),
      path: 'package.json',
    },
    { code: 'See http://docs.codepay.com/v2 for the retired API, and set `rejectUnauthorized: false` never.', path: 'docs/integration.md' },
    // A manual page (from npm's own: `man/man1/npm-ping.1`): its URLs are examples for the reader.
    {
      code: ['.SH "EXAMPLES"', '.P', 'npm notice PING http://foo\.com/', '.br', 'See \fIhttp://docs\.codepay\.com/cli\fR for more\.'].join('\n'),
      path: 'man/man1/codepay-ping.1',
    },
    // An HTML documentation page (npm's own docs/output): prose, examples in <pre>, links the reader may follow.
    {
      name: 'HTML page: text, <pre> examples and links are for the reader',
      code: lines(
        '<p>npm uses the <a href="http://npm.im/@npmcli/metavuln-calculator"><code>metavuln-calculator</code></a> module.</p>',
        '<pre><code class="language-bash">npm notice PING http://foo.com/',
        '{ "url" : "http://barnyrubble.npmjs.com/" }',
        '</code></pre>',
        '<map name="m"><area shape="rect" coords="0,0,10,10" HREF=http://old.codepay.com/promo></map>',
        '<p>Pay at http://pay.codepay.com: 3 < 4 and the <b>old</b> page.</p>',
      ),
      path: 'docs/output/commands/npm-audit.html',
    },
    // A shell script's usage text and manual page, printed to the terminal (from the `open` package's xdg-open).
    {
      name: 'shell: printed here-documents are for the reader',
      code: lines(
        '#!/bin/sh',
        'manualpage()',
        '{',
        "cat << '_MANUALPAGE'",
        "xdg-open 'http://www.freedesktop.org/'",
        '   Opens the freedesktop.org website in the user\'s default browser.',
        '_MANUALPAGE',
        '}',
        'usage() {',
        '\tcat <<-EOF',
        '\tSee http://docs.codepay.com/cli for the options.',
        '\tEOF',
        '}',
      ),
      path: 'bin/xdg-open',
    },
    // A JSON Schema's `$id` (npm's SBOM writer): a name written as a URL, never fetched.
    "export const CYCLONEDX_SCHEMA = 'http://cyclonedx.org/schema/bom-1.5.schema.json';",
    { code: 'Licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).', path: 'LICENSE' },
    { code: lines('# requests.get("http://api.codepay.com", verify=False)', 'resp = requests.get("https://api.codepay.com/v3", timeout=10)'), path: 'scripts/settle.py' },
    // Safe counterparts of the reported cases, across frameworks, languages and config formats.
    { name: 'env lookup with an HTTPS default', code: "const BASE = process.env.CODEPAY_BASE_URL ?? 'https://gateway.codepay.com/v2';" },
    { name: 'verification kept on, trusting the gateway CA', code: lines(
      "import fs from 'node:fs';",
      "const agent = new https.Agent({ ca: fs.readFileSync('certs/codepay-ca.pem'), rejectUnauthorized: true, minVersion: 'TLSv1.3' });",
    ) },
    { name: 'URL parsing base, never fetched', code: "export function GET(req: Request) { const { searchParams } = new URL(req.url, 'http://localhost'); return Response.json({ id: searchParams.get('id') }); }", path: 'app/api/orders/route.ts' },
    { name: 'scheme check that rejects plain HTTP', code: lines(
      "if (new URL(notifyUrl).protocol !== 'https:') throw new Error('notifyUrl must use https://, not http://');",
      'const INSECURE = /^http:\\/\\//i;',
    ) },
    { name: 'pinning check that still runs the default host-name check', code: lines(
      'const socket = tls.connect(443, host, {',
      '  checkServerIdentity: (hostname, cert) => {',
      '    const err = tls.checkServerIdentity(hostname, cert);',
      '    if (err) return err;',
      "    if (cert.fingerprint256 !== PINNED_FINGERPRINT) return new Error('certificate pin mismatch');",
      '    return undefined;',
      '  },',
      '});',
    ) },
    { name: 'a legacy protocol rejected at runtime, compared with constants', code: lines(
      "const LEGACY = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);",
      "server.on('secureConnection', (socket) => { if (LEGACY.has(socket.getProtocol()) || socket.getProtocol() === 'TLSv1') socket.destroy(); });",
    ) },
    { name: 'tls.DEFAULT_MIN_VERSION raised, not lowered', code: lines(
      "import tls from 'node:tls';",
      "tls.DEFAULT_MIN_VERSION = 'TLSv1.2';",
      "tls.DEFAULT_MAX_VERSION = 'TLSv1.3';",
    ) },
    { name: 'nodemailer secure: false on port 587 is STARTTLS, with requireTLS', code: "export const mailer = nodemailer.createTransport({ host: 'smtp.acme-outdoor.com', port: 587, secure: false, requireTLS: true, tls: { minVersion: 'TLSv1.2' } });", path: 'src/mail.js' },
    { name: 'dev-server proxy to a local backend', code: lines(
      'export default defineConfig({',
      "  server: { proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: true, secure: false } } },",
      '});',
    ), path: 'vite.config.ts' },
    { name: 'MongoDB with TLS and a CA file, invalid certificates refused', code: "const mongo = new MongoClient(uri, { tls: true, tlsCAFile: '/etc/ssl/mongo-ca.pem', tlsAllowInvalidCertificates: false, tlsAllowInvalidHostnames: false });" },
    { name: 'CLI flag described in help text, default off', code: "program.option('--insecure', 'skip TLS verification (local mock only)', false).option('--base-url <url>', 'gateway URL', 'https://gateway.codepay.com/v3');", path: 'bin/codepay-cli.js' },
    { name: 'MSW handler in test mocks: the URL is matched, not fetched', code: "export const handlers = [http.post('http://api.codepay.com/v3/pay', () => HttpResponse.json({ status: 'SUCCESS' }))];", path: 'src/__tests__/mocks/handlers.ts' },
    { code: lines(
      '<?php',
      "curl_setopt($ch, CURLOPT_URL, 'https://api.codepay.com/pay');",
      'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);',
      'curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);',
    ), path: 'legacy/pay.php' },
    { code: lines(
      'import ssl',
      'ctx = ssl.create_default_context(cafile="certs/codepay-ca.pem")',
      'ctx.minimum_version = ssl.TLSVersion.TLSv1_2',
      'ctx.options |= ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1',
      'resp = requests.post("https://api.codepay.com/v3/pay", json=order, verify="certs/codepay-ca.pem")',
    ), path: 'scripts/settle.py' },
    { code: 'cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: false, RootCAs: pool} // never InsecureSkipVerify: true', path: 'internal/gateway/client.go' },
    { code: lines(
      'val context = SSLContext.getInstance("TLSv1.3")',
      'socket.enabledProtocols = arrayOf("TLSv1.2", "TLSv1.3")',
    ), path: 'app/src/main/java/com/acme/shop/Tls.kt' },
    { code: 'ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;', path: 'src/Gateway/TlsSetup.cs' },
    { code: lines(
      'registry=https://registry.npmjs.org/',
      'strict-ssl=true',
      'cafile=/etc/ssl/certs/acme-root.pem',
    ), path: '.npmrc' },
    { code: lines(
      'server.ssl.enabled-protocols=TLSv1.2,TLSv1.3',
      'codepay.notify-url=https\\://shop.acme-outdoor.com/notify',
      'server.ssl.ciphers=TLS_AES_128_GCM_SHA256',
    ), path: 'src/main/resources/application.properties' },
    { code: lines(
      'FROM node:20-slim',
      'ENV NODE_ENV=production NODE_EXTRA_CA_CERTS=/etc/ssl/certs/codepay-ca.pem',
      'HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1',
      'CMD ["node", "server.js"]',
    ), path: 'Dockerfile' },
    { code: lines(
      'services:',
      '  api:',
      '    environment:',
      '      - NODE_TLS_REJECT_UNAUTHORIZED=1',
      '      - CODEPAY_BASE_URL=http://codepay-mock:4010',
      '  codepay-mock:',
      '    image: stoplight/prism:5',
    ), path: 'docker-compose.yml' },
    { name: 'kubeconfig with its CA and insecure-skip-tls-verify: false', code: lines(
      'clusters:',
      '- cluster:',
      '    certificate-authority-data: LS0tLS1CRUdJTi1DRVJUSUZJQ0FURS0tLS0t',
      '    insecure-skip-tls-verify: false',
      '    server: https://k8s.acme-outdoor.com',
    ), path: 'deploy/kubeconfig.yaml' },
    { code: lines(
      'spec:',
      '  containers:',
      '    - name: api',
      '      env:',
      '        - name: NODE_TLS_REJECT_UNAUTHORIZED',
      '          value: "1"',
      '        - name: LEDGER_URL',
      '          value: http://ledger.payments.svc.cluster.local:8080',
    ), path: 'deploy/k8s/api.yaml' },
    { code: lines(
      'server {',
      '    listen 80;',
      '    server_name shop.acme-outdoor.com;',
      '    return 301 https://$host$request_uri;',
      '}',
      'server {',
      '    listen 443 ssl;',
      '    ssl_protocols TLSv1.3;',
      '    location / { proxy_pass http://127.0.0.1:3000; }',
      '    location /ledger/ { proxy_pass http://ledger_upstream; }',
      '}',
    ), path: 'deploy/nginx/shop.conf' },
    { code: lines(
      'smtpd_tls_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1',
      'smtpd_tls_mandatory_protocols = >=TLSv1.2',
    ), path: 'deploy/postfix/main.cf' },
    { code: lines(
      'global',
      '    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tlsv10 no-tlsv11',
      'backend app',
      '    server app1 10.0.1.5:3000 check',
    ), path: 'deploy/haproxy/haproxy.cfg' },
    { code: lines(
      'serversTransport:',
      '  insecureSkipVerify: false',
      '  rootCAs:',
      '    - /certs/codepay-ca.pem',
      'tls:',
      '  options:',
      '    default:',
      '      minVersion: VersionTLS12',
      '      sniStrict: true',
    ), path: 'deploy/traefik.yml' },
    { code: lines(
      '<configuration>',
      '  <system.serviceModel>',
      '    <endpoint address="https://partner.codepay.com/soap/settle" binding="basicHttpsBinding" />',
      '  </system.serviceModel>',
      '</configuration>',
    ), path: 'Web.config' },
    { code: lines(
      '<script src="https://cdn.codepay.com/checkout/v2/sdk.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K" crossorigin="anonymous"></script>',
      '<link rel="dns-prefetch" href="//cdn.codepay.com">',
      '<meta http-equiv="Content-Security-Policy" content="upgrade-insecure-requests">',
    ), path: 'public/checkout.html' },
    { name: 'placeholder host in an example env file', code: lines(
      'CODEPAY_BASE_URL=https://sandbox.codepay.com/v3',
      'CODEPAY_NOTIFY_URL=http://<your-public-host>/webhooks/codepay',
      'CODEPAY_RETURN_URL=http://your-shop.example/return',
    ), path: '.env.example' },
    { code: '{ "gateway": { "baseUrl": "https://gateway.codepay.com/v3", "minVersion": "TLSv1.2", "rejectUnauthorized": true } }', path: 'config/default.json' },
    // JSON with escaped slashes (PHP's json_encode writes URLs so): the same exemptions as for plain URLs.
    { code: '{ "gateway": { "baseUrl": "https:\\/\\/gateway.codepay.com\\/v3" } }', path: 'config/default.json' },
    { code: '{ "notifyUrl": "http:\\/\\/localhost:3000\\/codepay\\/notify", "sandbox": "http:\\/\\/127.0.0.1:8080\\/" }', path: 'config/dev.json' },
    { code: '{ "$schema": "http:\\/\\/json-schema.org\\/draft-07\\/schema#", "type": "object" }', path: 'schemas/order.json' },
    { code: '{ "gateway": { "baseUrl": "http:\\/\\/gateway.codepay.com\\/v3" } }', path: 'test/fixtures/gateway.json' },
    { code: '{ "note": "http:\\/ is not a URL, nor is http:\\\\/\\/x" }', path: 'config/notes.json' },
    { code: lines(
      '{',
      '  "scripts": {',
      '    "sync": "NODE_EXTRA_CA_CERTS=./certs/ca.pem node scripts/sync.js",',
      '    "mock": "prism mock openapi.yaml --port 4010 && wait-on http://localhost:4010"',
      '  }',
      '}',
    ), path: 'package.json' },
    "export const stripeProxy = new Stripe(process.env.STRIPE_KEY!, { host: 'stripe-proxy.acme-outdoor.com', protocol: 'https', port: 443 });",
    { name: 'options type and defaults: no connection is configured', code: lines(
      'export interface TlsOptions {',
      '  /** Set to false only against the local mock; never in production. */',
      '  rejectUnauthorized?: boolean;',
      "  minVersion?: 'TLSv1.2' | 'TLSv1.3';",
      '}',
      "const DEFAULTS: TlsOptions = { rejectUnauthorized: true, minVersion: 'TLSv1.2' };",
    ) },
    { name: 'error message mentions the protocol', code: "if (socket.getProtocol() === 'TLSv1.1') throw new Error('TLSv1.1 is not supported; upgrade your client to TLS 1.2');" },
    { name: 'got with HTTPS and the CA passed in', code: "const body = await got('https://api.codepay.com/v3/balance', { https: { certificateAuthority: ca, rejectUnauthorized: true } }).json();" },
    {
      name: 'words of verification settings in ordinary code',
      code: lines(
        "'use strict';",
        'const valid = validate(input);',
        'if (!valid) return Promise.reject(new Error(checkResult(input)));',
        'const trusted = await checkOrigin(request.headers.origin, { acceptLanguage, strict: true });',
      ),
    },
    { name: 'skip-verify options set to false', code: "const client = new ApiClient({ baseUrl: 'https://k8s.acme-outdoor.com', insecureSkipTlsVerify: false, skipSslVerify: false });" },
  ],
  invalid: [
    // Plain-HTTP endpoints in code.
    {
      code: "const BASE = 'http://gateway.codepay.com/v2';",
      errors: [{ messageId: 'httpUrl', line: 1, column: 15, severity: 'error' }],
      fixes: { useHttps: "const BASE = 'https://gateway.codepay.com/v2';" },
    },
    {
      code: "await fetch('http://api.codepay.com/orders', { method: 'POST', body });",
      errors: [{ messageId: 'httpUrl', line: 1, column: 14 }],
      fixes: { useHttps: "await fetch('https://api.codepay.com/orders', { method: 'POST', body });" },
    },
    {
      name: 'axios base URL with an explicit port 80, which the fix drops',
      code: 'export const client = axios.create({ baseURL: "http://api.acme-pay.io:80/v1", timeout: 5000 });',
      path: 'src/client.js',
      errors: [{ messageId: 'httpUrl', line: 1, column: 48 }],
      fixes: { useHttps: 'export const client = axios.create({ baseURL: "https://api.acme-pay.io/v1", timeout: 5000 });' },
    },
    {
      name: 'environment default',
      code: "const notifyUrl = process.env.NOTIFY_URL || 'http://shop.acme-outdoor.com/webhooks/notify';",
      errors: [{ messageId: 'httpUrl', line: 1, column: 46 }],
      fixes: { useHttps: "const notifyUrl = process.env.NOTIFY_URL || 'https://shop.acme-outdoor.com/webhooks/notify';" },
    },
    {
      code: 'const res = await got.post(`http://pay.codepay.com/orders/${orderId}/capture`);',
      errors: [{ messageId: 'httpUrl', line: 1, column: 29 }],
      fixes: { useHttps: 'const res = await got.post(`https://pay.codepay.com/orders/${orderId}/capture`);' },
    },
    {
      name: 'host from a module constant read inside a function',
      code: lines(
        'export async function pay(order) {',
        '  return got.post(`http://${GATEWAY_HOST}/v3/pay`, { json: order });',
        '}',
        "const GATEWAY_HOST = 'gateway.codepay.com';",
      ),
      errors: [{ messageId: 'httpUrl', line: 2, column: 20 }],
      fixes: {
        useHttps: lines(
          'export async function pay(order) {',
          '  return got.post(`https://${GATEWAY_HOST}/v3/pay`, { json: order });',
          '}',
          "const GATEWAY_HOST = 'gateway.codepay.com';",
        ),
      },
    },
    {
      code: lines("const host = 'reports.codepay.com';", "const report = await axios.get('http://' + host + '/statements');"),
      errors: [{ messageId: 'httpUrl', line: 2, column: 32 }],
      fixes: { useHttps: lines("const host = 'reports.codepay.com';", "const report = await axios.get('https://' + host + '/statements');") },
    },
    {
      code: 'export const Pay = () => <form action="http://pay.codepay.com/gateway/submit" method="post" />;',
      path: 'src/components/Pay.tsx',
      errors: [{ messageId: 'httpUrl', line: 1, column: 40 }],
      fixes: { useHttps: 'export const Pay = () => <form action="https://pay.codepay.com/gateway/submit" method="post" />;' },
    },
    {
      name: 'private networks reported when the team turns that allowance off',
      code: "await fetch('http://10.0.4.12:8080/charge');",
      config: ruleConfig({ allowPrivateNetworks: false }),
      errors: [{ messageId: 'httpUrl', line: 1, column: 14 }],
      fixes: { useHttps: "await fetch('https://10.0.4.12:8080/charge');" },
    },
    {
      code: "export const stripeProxy = new Stripe(process.env.STRIPE_KEY!, { host: 'stripe-proxy.acme-outdoor.com', protocol: 'http' });",
      errors: [{ messageId: 'httpOption', line: 1, column: 105 }],
      fixes: { useHttps: "export const stripeProxy = new Stripe(process.env.STRIPE_KEY!, { host: 'stripe-proxy.acme-outdoor.com', protocol: 'https' });" },
    },
    // Verification opt-outs.
    {
      code: 'const insecureAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });',
      errors: [{ messageId: 'noVerify', line: 1, column: 58 }],
      fixes: { removeOptOut: 'const insecureAgent = new https.Agent({ keepAlive: true });' },
    },
    {
      code: lines('const agent = new https.Agent({', '  rejectUnauthorized: false,', '  keepAlive: true,', '});'),
      errors: [{ messageId: 'noVerify', line: 2, column: 3 }],
      fixes: { removeOptOut: lines('const agent = new https.Agent({', '  keepAlive: true,', '});') },
    },
    {
      name: 'got https options',
      code: "const body = await got('https://api.codepay.com/v3/balance', { https: { rejectUnauthorized: false } }).json();",
      errors: [{ messageId: 'noVerify', line: 1, column: 73 }],
      fixes: { removeOptOut: "const body = await got('https://api.codepay.com/v3/balance', { https: {} }).json();" },
    },
    {
      code: 'request({ url: settleUrl, strictSSL: false, json: true }, onSettled);',
      path: 'src/settle.js',
      errors: [{ messageId: 'noVerify', line: 1, column: 27 }],
      fixes: { removeOptOut: 'request({ url: settleUrl, json: true }, onSettled);' },
    },
    // Spellings the pre-filter of scripts must recognise (nothing else in these files hints at TLS).
    {
      name: 'a kebab-case verification setting',
      code: "export const npmOptions = { registry, 'strict-ssl': false };",
      errors: [{ messageId: 'noVerify', line: 1, column: 39 }],
      fixes: { removeOptOut: 'export const npmOptions = { registry };' },
    },
    {
      name: 'an upper-case, underscored verification setting, assigned',
      code: 'curlDefaults.CURLOPT_SSL_VERIFYPEER = false;',
      errors: [{ messageId: 'noVerify', line: 1, column: 1 }],
      fixes: { removeOptOut: '' },
    },
    {
      name: 'a snake-case verification setting',
      code: "export const sslOptions = { cafile, check_hostname: false };",
      errors: [{ messageId: 'noVerify', line: 1, column: 37 }],
      fixes: { removeOptOut: 'export const sslOptions = { cafile };' },
    },
    {
      name: 'a verification setting whose name is written with an escape',
      code: "const agent = new Agent({ 'reject\\u0055nauthorized': false });",
      errors: [{ messageId: 'noVerify', line: 1, column: 27 }],
      fixes: { removeOptOut: 'const agent = new Agent({});' },
    },
    {
      name: 'opt-out through a constant',
      code: lines('const verifyCerts = false;', 'const agent = new Agent({ rejectUnauthorized: verifyCerts });'),
      errors: [{ messageId: 'noVerify', line: 2, column: 27 }],
      fixes: { removeOptOut: lines('const verifyCerts = false;', 'const agent = new Agent({});') },
    },
    {
      code: "const mongo = new MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: true });",
      errors: [{ messageId: 'noVerify', line: 1, column: 49 }],
      fixes: { removeOptOut: 'const mongo = new MongoClient(uri, { tls: true });' },
    },
    {
      code: "const socket = tls.connect(443, 'api.codepay.com', { servername, checkServerIdentity: () => undefined });",
      errors: [{ messageId: 'noVerify', line: 1, column: 66 }],
      fixes: { removeOptOut: "const socket = tls.connect(443, 'api.codepay.com', { servername });" },
    },
    {
      code: lines('https.globalAgent.options.rejectUnauthorized = false;', 'startServer();'),
      errors: [{ messageId: 'noVerify', line: 1, column: 1 }],
      fixes: { removeOptOut: 'startServer();' },
    },
    {
      code: lines("import './polyfills';", "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", 'export const gateway = createGateway();'),
      errors: [{ messageId: 'envNoVerify', line: 2, column: 1 }],
      fixes: { removeOptOut: lines("import './polyfills';", 'export const gateway = createGateway();') },
    },
    {
      code: "execSync('NODE_TLS_REJECT_UNAUTHORIZED=0 node scripts/sync-settlements.js', { stdio: 'inherit' });",
      path: 'scripts/nightly.js',
      errors: [{ messageId: 'envNoVerify', line: 1, column: 11 }],
      fixes: { removeOptOut: "execSync('node scripts/sync-settlements.js', { stdio: 'inherit' });" },
    },
    {
      name: 'a self-signed test server: reported one level lower',
      code: "const agent = new https.Agent({ ca: testCa, rejectUnauthorized: false });",
      path: 'test/helpers/tls-server.ts',
      errors: [{ messageId: 'noVerify', line: 1, column: 45, severity: 'warning' }],
      fixes: { removeOptOut: 'const agent = new https.Agent({ ca: testCa });' },
    },
    // TLS versions below 1.2.
    {
      code: "const socket = tls.connect({ host, port: 443, minVersion: 'TLSv1' });",
      errors: [{ messageId: 'oldTls', line: 1, column: 47, severity: 'error' }],
      fixes: { requireTls12: "const socket = tls.connect({ host, port: 443, minVersion: 'TLSv1.2' });" },
    },
    {
      code: "https.request({ hostname: 'api.codepay.com', secureProtocol: 'TLSv1_method' }, onResponse);",
      errors: [{ messageId: 'oldTls', line: 1, column: 46 }],
      fixes: { requireTls12: "https.request({ hostname: 'api.codepay.com', minVersion: 'TLSv1.2' }, onResponse);" },
    },
    {
      code: 'const options = { maxVersion: "TLSv1.1", ca };',
      errors: [{ messageId: 'oldTlsMax', line: 1, column: 19 }],
      fixes: { requireTls12: 'const options = { maxVersion: "TLSv1.3", ca };' },
    },
    {
      code: lines("import tls from 'node:tls';", "tls.DEFAULT_MIN_VERSION = 'TLSv1.1';"),
      errors: [{ messageId: 'oldTls', line: 2, column: 1 }],
      fixes: { requireTls12: lines("import tls from 'node:tls';", "tls.DEFAULT_MIN_VERSION = 'TLSv1.2';") },
    },
    // Code that does not parse yet is still scanned as text.
    {
      name: 'script mid-edit: reported from the text, no fix until it parses again',
      code: lines("const BASE = 'http://api.codepay.com/v2';", '// http://docs.codepay.com', 'export function charge(', ''),
      errors: [{ messageId: 'httpUrl', line: 1, column: 15 }],
    },
    // Config files.
    {
      code: lines('API_URL=http://api.codepay.com/v1', 'NODE_TLS_REJECT_UNAUTHORIZED=0', 'PORT=8443'),
      path: 'config/.env',
      errors: [{ messageId: 'httpUrl', line: 1, column: 9 }, { messageId: 'envNoVerify', line: 2, column: 1 }],
      fixes: {
        useHttps: lines('API_URL=https://api.codepay.com/v1', 'NODE_TLS_REJECT_UNAUTHORIZED=0', 'PORT=8443'),
        removeOptOut: lines('API_URL=http://api.codepay.com/v1', 'PORT=8443'),
      },
    },
    {
      code: lines(
        'codepay:',
        '  notify_url: "http://shop.acme-outdoor.com/webhooks/codepay"  # payment notifications',
        'serversTransport:',
        '  insecureSkipVerify: true',
        '  minVersion: VersionTLS10',
      ),
      path: 'deploy/traefik.yml',
      errors: [{ messageId: 'httpUrl', line: 2, column: 16 }, { messageId: 'noVerify', line: 4, column: 3 }, { messageId: 'oldTls', line: 5, column: 3 }],
      fixes: {
        useHttps: lines(
          'codepay:',
          '  notify_url: "https://shop.acme-outdoor.com/webhooks/codepay"  # payment notifications',
          'serversTransport:',
          '  insecureSkipVerify: true',
          '  minVersion: VersionTLS10',
        ),
        removeOptOut: lines('codepay:', '  notify_url: "http://shop.acme-outdoor.com/webhooks/codepay"  # payment notifications', 'serversTransport:', '  minVersion: VersionTLS10'),
        requireTls12: lines(
          'codepay:',
          '  notify_url: "http://shop.acme-outdoor.com/webhooks/codepay"  # payment notifications',
          'serversTransport:',
          '  insecureSkipVerify: true',
          '  minVersion: VersionTLS12',
        ),
      },
    },
    {
      name: 'properties file with the escaped colon',
      code: 'codepay.notify-url=http\\://shop.acme-outdoor.com/notify',
      path: 'src/main/resources/application.properties',
      errors: [{ messageId: 'httpUrl', line: 1, column: 20 }],
      fixes: { useHttps: 'codepay.notify-url=https\\://shop.acme-outdoor.com/notify' },
    },
    {
      code: lines('server.ssl.enabled-protocols=TLSv1.1,TLSv1.2', 'server.ssl.protocol=TLS'),
      path: 'src/main/resources/application.properties',
      errors: [{ messageId: 'oldTls', line: 1, column: 1 }],
      fixes: { requireTls12: lines('server.ssl.enabled-protocols=TLSv1.2', 'server.ssl.protocol=TLS') },
    },
    {
      code: lines('server {', '    listen 9443 ssl;', '    ssl_protocols TLSv1 TLSv1.1;', '}'),
      path: 'deploy/nginx/partners.conf',
      errors: [{ messageId: 'oldTls', line: 3, column: 5 }],
      fixes: { requireTls12: lines('server {', '    listen 9443 ssl;', '    ssl_protocols TLSv1.2 TLSv1.3;', '}') },
    },
    {
      code: lines('FROM node:20-slim', 'ENV NODE_ENV=production NODE_TLS_REJECT_UNAUTHORIZED=0', 'CMD ["node", "server.js"]'),
      path: 'Dockerfile',
      errors: [{ messageId: 'envNoVerify', line: 2, column: 25 }],
      fixes: { removeOptOut: lines('FROM node:20-slim', 'ENV NODE_ENV=production', 'CMD ["node", "server.js"]') },
    },
    {
      code: lines(
        'spec:',
        '  containers:',
        '    - name: api',
        '      env:',
        '        - name: NODE_TLS_REJECT_UNAUTHORIZED',
        '          value: "0"',
        '        - name: PORT',
        '          value: "8443"',
      ),
      path: 'deploy/k8s/api.yaml',
      errors: [{ messageId: 'envNoVerify', line: 5, column: 11 }],
      fixes: {
        removeOptOut: lines('spec:', '  containers:', '    - name: api', '      env:', '        - name: PORT', '          value: "8443"'),
      },
    },
    {
      code: lines('{', '  "gateway": {', '    "baseUrl": "http://gateway.codepay.com/v3",', '    "minVersion": "TLSv1"', '  }', '}'),
      path: 'config/default.json',
      errors: [{ messageId: 'httpUrl', line: 3, column: 17 }, { messageId: 'oldTls', line: 4, column: 6 }],
      fixes: {
        useHttps: lines('{', '  "gateway": {', '    "baseUrl": "https://gateway.codepay.com/v3",', '    "minVersion": "TLSv1"', '  }', '}'),
        requireTls12: lines('{', '  "gateway": {', '    "baseUrl": "http://gateway.codepay.com/v3",', '    "minVersion": "TLSv1.2"', '  }', '}'),
      },
    },
    {
      // Escaped slashes: reported at the URL as written, and the fix keeps them (the port 80 goes with the scheme).
      code: lines('{', '  "gateway": { "baseUrl": "http:\\/\\/gateway.codepay.com:80\\/v3\\/pay" }', '}'),
      path: 'config/default.json',
      errors: [{ messageId: 'httpUrl', line: 2, column: 28 }],
      fixes: { useHttps: lines('{', '  "gateway": { "baseUrl": "https:\\/\\/gateway.codepay.com\\/v3\\/pay" }', '}') },
    },
    {
      code: lines('{', '  "scripts": {', '    "sync": "NODE_TLS_REJECT_UNAUTHORIZED=0 node scripts/sync.js"', '  }', '}'),
      path: 'package.json',
      errors: [{ messageId: 'envNoVerify', line: 3, column: 14 }],
      fixes: { removeOptOut: lines('{', '  "scripts": {', '    "sync": "node scripts/sync.js"', '  }', '}') },
    },
    {
      code: lines('registry=https://registry.npmjs.org/', 'strict-ssl=false'),
      path: '.npmrc',
      errors: [{ messageId: 'noVerify', line: 2, column: 1 }],
      fixes: { removeOptOut: 'registry=https://registry.npmjs.org/\n' },
    },
    {
      code: lines(
        '<configuration>',
        '  <system.serviceModel>',
        '    <endpoint address="http://partner.codepay.com/soap/settle" binding="basicHttpBinding" />',
        '  </system.serviceModel>',
        '</configuration>',
      ),
      path: 'Web.config',
      errors: [{ messageId: 'httpUrl', line: 3, column: 24 }],
      fixes: {
        useHttps: lines(
          '<configuration>',
          '  <system.serviceModel>',
          '    <endpoint address="https://partner.codepay.com/soap/settle" binding="basicHttpBinding" />',
          '  </system.serviceModel>',
          '</configuration>',
        ),
      },
    },
    {
      name: 'HTML page: what it loads, submits to and runs still counts, next to text and links',
      code: CHECKOUT_PAGE,
      path: 'public/checkout.html',
      errors: [
        { messageId: 'httpUrl', line: 2, column: 30 },
        { messageId: 'httpUrl', line: 3, column: 29 },
        { messageId: 'httpUrl', line: 5, column: 10 },
      ],
      fixes: { useHttps: ['http://cdn.codepay.com/checkout.css', 'http://pay.codepay.com/submit', 'http://api.codepay.com/v3/orders'].map((url) => withHttps(CHECKOUT_PAGE, url)) },
    },
    {
      name: 'shell: a here-document written to a file or piped to a command is configuration',
      code: INSTALL_SCRIPT,
      path: 'deploy/install.sh',
      errors: [
        { messageId: 'httpUrl', line: 2, column: 13 },
        { messageId: 'httpUrl', line: 5, column: 11 },
        { messageId: 'httpUrl', line: 10, column: 6 },
      ],
      fixes: { useHttps: ['=http://api.codepay.com/v3', 'http://gateway.codepay.com', 'curl http://api.codepay.com/v3/ping'].map((url) => withHttps(INSTALL_SCRIPT, url)) },
    },
    {
      code: '<script src="http://cdn.codepay.com/checkout/v2/sdk.js"></script>',
      path: 'public/checkout.html',
      errors: [{ messageId: 'httpUrl', line: 1, column: 14 }],
      fixes: { useHttps: '<script src="https://cdn.codepay.com/checkout/v2/sdk.js"></script>' },
    },
    {
      code: lines('clusters:', '- cluster:', '    insecure-skip-tls-verify: true', '    server: https://k8s.acme-outdoor.com'),
      path: 'deploy/kubeconfig.yaml',
      errors: [{ messageId: 'noVerify', line: 3, column: 5 }],
      fixes: { removeOptOut: lines('clusters:', '- cluster:', '    server: https://k8s.acme-outdoor.com') },
    },
    {
      code: lines('<VirtualHost *:443>', '  SSLProtocol +TLSv1 +TLSv1.2', '</VirtualHost>'),
      path: 'deploy/apache/partners.conf',
      errors: [{ messageId: 'oldTls', line: 2, column: 3 }],
      fixes: { requireTls12: lines('<VirtualHost *:443>', '  SSLProtocol +TLSv1.2', '</VirtualHost>') },
    },
    // Other languages, read as text.
    {
      code: lines('cfg := &tls.Config{MinVersion: tls.VersionTLS10, InsecureSkipVerify: true}'),
      path: 'internal/gateway/client.go',
      errors: [{ messageId: 'oldTls', line: 1, column: 20 }, { messageId: 'noVerify', line: 1, column: 50 }],
      fixes: { requireTls12: 'cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}' },
    },
    {
      code: 'resp = requests.post("http://api.codepay.com/v3/pay", json=order, verify=False)',
      path: 'scripts/settle.py',
      errors: [{ messageId: 'httpUrl', line: 1, column: 23 }, { messageId: 'noVerify', line: 1, column: 67 }],
      fixes: { useHttps: 'resp = requests.post("https://api.codepay.com/v3/pay", json=order, verify=False)' },
    },
    {
      code: lines(
        '<?php',
        "curl_setopt_array($ch, [CURLOPT_URL => 'http://api.codepay.com/pay', CURLOPT_SSL_VERIFYPEER => false]);",
        '// curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);',
      ),
      path: 'legacy/pay.php',
      errors: [{ messageId: 'httpUrl', line: 2, column: 41 }, { messageId: 'noVerify', line: 2, column: 70 }],
      fixes: {
        useHttps: lines(
          '<?php',
          "curl_setopt_array($ch, [CURLOPT_URL => 'https://api.codepay.com/pay', CURLOPT_SSL_VERIFYPEER => false]);",
          '// curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);',
        ),
      },
    },
    {
      code: 'val context = SSLContext.getInstance("TLSv1")',
      path: 'app/src/main/java/com/acme/shop/Tls.kt',
      errors: [{ messageId: 'oldTls', line: 1, column: 39 }],
      fixes: { requireTls12: 'val context = SSLContext.getInstance("TLSv1.2")' },
    },
  ],
});

describe('insecure-transport: the pre-filter of scripts', () => {
  it('recognises every verification setting disablesVerification judges, however it is spelled', () => {
    const spellings = (name: string) => [name, name.toUpperCase()];
    for (const name of VERIFICATION_SETTING_NAMES) {
      for (const spelling of spellings(name)) assert.ok(MAY_NAME_VERIFICATION_SETTING.test(spelling), spelling);
    }
    for (const spelling of [
      'rejectUnauthorized', 'reject_unauthorized', 'strictSSL', 'strict-ssl', 'sslValidate', 'http.sslVerify', 'CURLOPT_SSL_VERIFYPEER',
      'CURLOPT_SSL_VERIFYHOST', 'verify_ssl', 'verifyTLS', 'tls-verify', 'verifyCertificates', 'check_certificate', 'check_hostname',
      'checkHostName', 'InsecureSkipVerify', 'insecure-skip-tls-verify', 'skipTlsVerify', 'skip_ssl_verify', 'tlsAllowInvalidCertificates',
      'tlsAllowInvalidHostnames', 'acceptInvalidCerts', 'trustAllCertificates', 'tlsInsecure', 'insecure',
    ]) {
      assert.ok(MAY_NAME_VERIFICATION_SETTING.test(spelling), spelling);
      assert.ok(disablesVerification(spelling, false) || disablesVerification(spelling, true), `${spelling} is a setting`);
    }
  });

  it('does not take the words of ordinary code for them', () => {
    for (const text of ["'use strict';", 'promise.then(check, reject)', 'const valid = validate(input)', 'trust the user', 'acceptLanguage', 'sslCertificatePath']) {
      assert.equal(MAY_NAME_VERIFICATION_SETTING.test(text), false, text);
    }
  });
});
