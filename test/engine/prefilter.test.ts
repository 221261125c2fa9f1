// The pre-filter (`Rule.mayReport`): rules that cannot report on a text are not run, and a script no rule can report on
// is not parsed. It must be sound: with it, every text of the repo gives exactly the findings it gives without it. (Every
// case of the rule tables is checked the same way by test/helpers/rule-table.ts, the random programs of the property
// tests by test/robustness/properties.test.ts, and the benchmark corpus by `node bench/verify-prefilter.mjs`.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, defineRule, type AnalyzeOptions, type Config, type PrefilterFile, type Rule } from '../../server/src/engine';
import { decodeEscapes } from '../../server/src/engine/prefilter';
import { GUIDELINE, RULES, ruleById } from '../../rules';
import { SHAPE_HINT, SHAPE_NAMES, SHAPE_STRINGS } from '../../rules/shared/signature-gating';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TODAY = '2025-06-01';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const abs = path.join(dir, e.name);
      return e.isDirectory() ? filesUnder(abs) : [abs];
    });
}

/** Analyses with and without the pre-filter and asserts identical findings and suppressions; returns the filtered run. */
function compare(text: string, options: Omit<AnalyzeOptions, 'rules'> & { rules?: readonly Rule[] }) {
  const base = { rules: RULES, guidelineText: GUIDELINE, today: TODAY, ...options };
  const filtered = analyze(text, base);
  const full = analyze(text, { ...base, prefilter: false });
  assert.deepEqual(
    { findings: filtered.findings, suppressions: filtered.suppressions, baselined: filtered.baselined },
    { findings: full.findings, suppressions: full.suppressions, baselined: full.baselined },
    `${options.path}: the pre-filter changed the result (${filtered.stats.rulesSkipped} rules skipped${filtered.stats.parseSkipped ? ', parse skipped' : ''})`,
  );
  assert.ok(!full.stats.rulesSkipped && !full.stats.parseSkipped);
  return { filtered, full };
}

/** The team's own names and formats for every rule that takes them: the pre-filter must look for those too. */
const TEAM_CONFIG: Config = {
  fixtures: ['test/fixtures/**'],
  names: {
    verifiers: ['checkShopSignature'], authMiddleware: ['requireStaff'], rateLimiters: ['campaignShield'], auditLoggers: ['journal.append'],
    maskHelpers: ['hideDigits'], encryptHelpers: ['sealField'], sanitizers: ['cleanSort'],
  },
  secrets: { patterns: [{ id: 'acme-key', regex: 'ACME-[A-Z0-9]{8}' }], allowed: ['sk_test_placeholder'] },
  rules: { 'sensitive-data-in-log': ['warning', { loggers: ['emit'] }], 'client-trusted-amount': ['error', { paymentCalls: ['bookTrip'] }] },
};

describe('engine: the rule pre-filter', () => {
  describe('is sound on every text of the repository', () => {
    const roots = ['examples', 'test/fixtures', 'test/e2e/workspace'];
    const files = roots.flatMap((root) => filesUnder(path.join(ROOT, root)).map((abs) => ({ root, abs })));

    it('finds the texts', () => {
      assert.ok(files.length > 50, `only ${files.length} files`);
    });

    for (const config of [{ fixtures: ['test/fixtures/**'] }, TEAM_CONFIG, undefined]) {
      const label = config === TEAM_CONFIG ? 'team names and patterns' : config ? 'the examples\' team file' : 'no configuration';
      it(`gives the same findings with and without it (${label})`, () => {
        for (const { root, abs } of files) {
          compare(fs.readFileSync(abs, 'utf8'), { path: path.relative(path.join(ROOT, root), abs).split(path.sep).join('/'), config });
        }
      });
    }

    it('skips work on the examples: whole parses, and rules in most files (so the comparison above is not vacuous)', () => {
      const examples = files.filter((f) => f.root === 'examples');
      let parseSkipped = 0;
      let withSkippedRules = 0;
      let findings = 0;
      for (const { root, abs } of examples) {
        const rel = path.relative(path.join(ROOT, root), abs).split(path.sep).join('/');
        const { filtered } = compare(fs.readFileSync(abs, 'utf8'), { path: rel, config: { fixtures: ['test/fixtures/**'] } });
        if (filtered.stats.parseSkipped) parseSkipped++;
        if ((filtered.stats.rulesSkipped ?? 0) > 0) withSkippedRules++;
        findings += filtered.findings.length;
      }
      assert.ok(parseSkipped >= 1, 'no example script had its parse skipped');
      assert.ok(withSkippedRules >= examples.length / 2, `rules were skipped in only ${withSkippedRules} of ${examples.length} files`);
      assert.ok(findings > 50, `only ${findings} findings: the examples are meant to be full of them`);
    });

    it('gives the same findings in half-typed code (every prefix of the example scripts, line by line)', () => {
      for (const file of ['server/routes/checkout.ts', 'server/routes/webhooks.ts', 'web/src/components/CheckoutForm.tsx']) {
        const lines = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8').split('\n');
        for (let n = 1; n <= lines.length; n += 3) compare(lines.slice(0, n).join('\n'), { path: file });
      }
    });
  });

  describe('in the engine', () => {
    let created: string[] = [];
    const hinted = (id: string, word: RegExp, visitors: 'ast' | 'text' = 'ast') => defineRule({
      meta: { id, description: id, guideline: [], defaultSeverity: 'warning', why: '', howToFix: '', messages: { m: `found ${id}` } },
      mayReport: (file) => word.test(file.text),
      create(context) {
        created.push(id);
        const report = (start: number) => context.report({ start, end: start + 1, messageId: 'm' });
        if (visitors === 'text') return { text: (file) => { const at = file.text.search(word); if (at >= 0) report(at); } };
        return {
          Identifier(node: { name: string; range: [number, number] }) {
            if (word.test(node.name)) report(node.range[0]);
          },
          text: (file) => { const at = file.text.search(word); if (at >= 0) report(at); },
        };
      },
    });
    // Rule ids free of the trigger words, so that a suppression comment naming a rule does not mention its word.
    const secretRule = hinted('alpha', /secret/i);
    const tokenRule = hinted('beta', /token/i);
    beforeEach(() => { created = []; });

    it('runs only the rules that may report, and says how many it skipped', () => {
      const r = analyze('const secret = 1;\n', { path: 'src/a.ts', rules: [secretRule, tokenRule] });
      assert.deepEqual(created, ['alpha']);
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['alpha']);
      assert.equal(r.stats.rulesSkipped, 1);
      assert.equal(r.stats.parses, 1);
      assert.equal(r.stats.parseSkipped, undefined);
    });

    it('does not parse a script no rule may report on, not even to report that it does not parse', () => {
      const r = analyze('const a = {\n', { path: 'src/a.ts', rules: [secretRule, tokenRule] });
      assert.deepEqual(created, []);
      assert.equal(r.stats.parses, 0);
      assert.equal(r.stats.parseSkipped, true);
      assert.equal(r.stats.rulesSkipped, 2);
      assert.equal(r.parseError, undefined, 'nothing can be found in it: no parse, no parse error');
      const full = analyze('const a = {\n', { path: 'src/a.ts', rules: [secretRule, tokenRule], prefilter: false });
      assert.ok(full.parseError);
      assert.equal(full.stats.parses, 1);
      assert.deepEqual(created, ['alpha', 'beta']);
    });

    it('without it, parses every script, even with no rule enabled', () => {
      const r = analyze('const a = {\n', { path: 'src/a.ts', rules: [], prefilter: false });
      assert.equal(r.stats.parses, 1);
      assert.ok(r.parseError);
      assert.equal(analyze('const a = {\n', { path: 'src/a.ts', rules: [] }).stats.parseSkipped, true);
    });

    it('still reports a parse error when a rule may report: its text checks run instead', () => {
      const r = analyze('const secret = {\n', { path: 'src/a.ts', rules: [secretRule, tokenRule] });
      assert.ok(r.parseError);
      assert.deepEqual(r.findings.map((f) => [f.ruleId, f.start]), [['alpha', 6]]);
    });

    it('runs the text checks of the rules that may report on text files, and never parses them', () => {
      const rule = hinted('text-secret', /secret/i, 'text');
      const r = analyze('API_SECRET=1\nTOKEN=2\n', { path: 'config/.env', rules: [rule, tokenRule] });
      assert.deepEqual(r.findings.map((f) => f.ruleId).sort(), ['beta', 'text-secret']);
      assert.equal(analyze('NAME=1\n', { path: 'config/.env', rules: [rule, tokenRule] }).stats.rulesSkipped, 2);
    });

    it('parses a script with suppression comments even when no rule may report: they are judged as without the pre-filter', () => {
      for (const text of [
        '// codepay-guard-disable-next-line alpha -- fixed later\nconst a = 1;\n',
        'const a = 1; // codepay-guard-disable-line alpha\n',
        "const s = '// codepay-guard-disable-line alpha'; const t = 2;\n",
        '/* codepay-guard-disable alpha -- legacy */\nconst a = {\n',
      ]) {
        const r = compare(text, { path: 'src/a.ts', rules: [secretRule, tokenRule] }).filtered;
        assert.equal(r.stats.parses, 1, text);
        assert.equal(r.stats.rulesSkipped, 2, text);
      }
      const unused = analyze('// codepay-guard-disable-next-line alpha -- fixed later\nconst a = 1;\n', { path: 'src/a.ts', rules: [secretRule] });
      assert.deepEqual(unused.findings.map((f) => `${f.ruleId}/${f.messageId}`), ['suppression-comment/unused']);
    });

    it('asks again with escape sequences decoded: names reach the rules decoded', () => {
      const r = analyze("const s\\u0065cret = 1;\nconst o = { 't\\x6fken': 2 };\n", { path: 'src/a.ts', rules: [secretRule, tokenRule] });
      assert.deepEqual(created, ['alpha', 'beta']);
      assert.equal(r.stats.rulesSkipped, 0);
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['alpha']);
    });

    it('asks with the text as written and decoded at once: a check may need one thing from each', () => {
      const both = defineRule({ ...hinted('both', /x/), mayReport: (file) => file.text.includes('alpha') && file.text.includes('beta') });
      // `\x0a` eats the `a` that starts `alpha`: only the text as written has it; only the decoded one has `beta`.
      const r = analyze("const s = '\\x0alpha'; const b\\u0065ta = 1;\n", { path: 'src/a.ts', rules: [both] });
      assert.deepEqual(created, ['both']);
      assert.equal(r.stats.rulesSkipped, 0);
    });

    it('finds what the rules find in names and strings written with escape sequences', () => {
      for (const [text, ruleId] of [
        ["const config = { 'p\\x61ssword': 'Kq82!xLzw' };\n", 'hardcoded-secret'],
        ["const agent = new https.Agent({ r\\u0065jectUnauthorized: false });\n", 'insecure-transport'],
        ["app.post('/orders', (r\\u0065q, res) => db.query('SELECT * FROM orders WHERE id = ' + r\\u0065q.body.id));\n", 'injection'],
      ]) {
        const { filtered } = compare(text, { path: 'src/server/orders.ts' });
        assert.ok(filtered.findings.some((f) => f.ruleId === ruleId), `${ruleId} in ${text}`);
      }
    });

    it('counts a pre-filter that throws as a yes, and runs rules without one everywhere', () => {
      const throwing = defineRule({ ...hinted('throws', /x/), mayReport: () => { throw new Error('broken'); } });
      const plain = defineRule({ meta: hinted('plain', /x/).meta, create: hinted('plain', /x/).create });
      const r = analyze('const a = 1;\n', { path: 'src/a.ts', rules: [throwing, plain] });
      assert.deepEqual(created, ['throws', 'plain']);
      assert.equal(r.stats.rulesSkipped, 0);
      assert.equal(r.stats.parses, 1);
    });

    it('hands the pre-filter the file as rules see it: path, language, kind, test file and fixture', () => {
      const seen: PrefilterFile[] = [];
      const spy = defineRule({ ...hinted('spy', /x/), mayReport: (file) => { seen.push(file); return false; } });
      analyze('a', { path: 'test/fixtures/keys.ts', languageId: 'typescript', rules: [spy], config: { fixtures: ['test/fixtures/**'] } });
      analyze('a', { path: 'config/.env', rules: [spy] });
      assert.deepEqual(seen, [
        { text: 'a', path: 'test/fixtures/keys.ts', languageId: 'typescript', kind: 'script', isFixture: true, isTestFile: true },
        { text: 'a', path: 'config/.env', languageId: '', kind: 'text', isFixture: false, isTestFile: false },
      ]);
    });
  });

  describe('decodeEscapes', () => {
    it('decodes what JavaScript decodes in strings and identifiers', () => {
      const cases: Array<[string, string]> = [
        ['p\\u0061ss', 'pass'], ['p\\u{61}ss', 'pass'], ['p\\u{000000061}ss', 'pass'], ['p\\x61ss', 'pass'], ['p\\141ss', 'pass'],
        ['\\0', '\0'], ['\\101\\1012', 'AA2'], ['\\400', ' 0'], ['\\8\\9', '89'], ['a\\nb\\tc\\rd\\be\\ff\\vg', 'a\nb\tc\rd\be\ff\vg'],
        ['\\p\\a\\s\\s', 'pass'], ["\\'\\\"\\`\\\\", '\'"`\\'], ['to\\\nken', 'token'], ['to\\\r\nken', 'token'], ['to\\\u2028ken', 'token'],
        ['\\uD83D\\uDE00', '\u{1F600}'], ['\\u{1F600}', '\u{1F600}'],
      ];
      for (const [raw, cooked] of cases) {
        assert.equal(decodeEscapes(raw), cooked, raw);
        // Whatever stands before, a string's escapes decode the same.
        for (const before of ['', '/[\\\\]/.test(x); ', '// \\u12 \\x1\n', 'x\\']) {
          assert.ok(decodeEscapes(`${before}'${raw}'`).endsWith(`'${cooked}'`), `${before}'${raw}'`);
        }
      }
      // Each escape as the parser cooks it.
      for (const raw of ['p\\u0061ss', 'p\\x61ss', 'a\\nb', '\\u{1F600}x', 'x\\\ny', 'q\\"r']) {
        assert.equal(decodeEscapes(raw), eval(`'${raw}'`), raw);
      }
    });

    it('leaves malformed sequences as the letters they are, and text without backslashes as it is', () => {
      assert.equal(decodeEscapes('\\u12 \\x1 \\u{zz} \\u{110000}'), 'u12 x1 u{zz} u{110000}');
      const plain = 'const a = 1;';
      assert.equal(decodeEscapes(plain), plain);
      assert.equal(decodeEscapes('end\\'), 'end\\');
    });

    it('decodes long runs of backslashes and hex digits in one pass (an unclosed `\\u{` reads no further than its digits)', () => {
      // Behaviour only: a quadratic decoder would hit the test's timeout on this input, not an assertion on the clock.
      const decoded = decodeEscapes('\\u{'.repeat(100_000) + '0'.repeat(100_000) + '\\\\'.repeat(200_000));
      assert.equal(decoded, 'u{'.repeat(100_000) + '0'.repeat(100_000) + '\\'.repeat(200_000));
    });
  });

  describe('of each rule', () => {
    const ask = (id: string, text: string, file: Partial<PrefilterFile> = {}, options?: Record<string, unknown>): boolean => {
      const rule = ruleById(id)!;
      assert.ok(rule.mayReport, `${id} has no pre-filter`);
      const opts = options ?? { ...(rule.meta.defaultOptions ?? {}) };
      return rule.mayReport!({ text, path: 'src/server/handler.ts', languageId: '', kind: 'script', isFixture: false, isTestFile: false, ...file }, opts);
    };
    const yes = (id: string, texts: string[], file?: Partial<PrefilterFile>, options?: Record<string, unknown>) => {
      for (const text of texts) assert.equal(ask(id, text, file, options), true, `${id} should run on: ${text}`);
    };
    const no = (id: string, texts: string[], file?: Partial<PrefilterFile>, options?: Record<string, unknown>) => {
      for (const text of texts) assert.equal(ask(id, text, file, options), false, `${id} should be skipped on: ${text}`);
    };
    const neutral = 'const total = items.reduce((sum, item) => sum + item.price, 0);\nexport default total;\n';

    it('every rule has one', () => {
      assert.deepEqual(RULES.filter((r) => !r.mayReport).map((r) => r.meta.id), []);
    });

    it('hardcoded-secret: secret-like names in any spelling, provider prefixes, jwt/createHmac, team patterns', () => {
      yes('hardcoded-secret', ['const apiKey = 1', 'API_KEY=1', 'const PASSWORD = x', 'db_pwd: x', 'authToken', "const a = 'sk_live_0123456789';",
        'AKIAXXXXXXXXXXXXXXXX', 'const url = "postgres://u:p@h/db";', 'jwt.sign(p, s)', 'createHmac(a, b)', 'CREATEHMAC', '-----BEGIN RSA PRIVATE KEY-----', 'Bearer x']);
      no('hardcoded-secret', [neutral, 'const a = 1;']);
      no('hardcoded-secret', ['const apiKey = 1'], { isFixture: true });
      yes('hardcoded-secret', [neutral], {}, { patterns: [{ id: 'acme', regex: 'ACME-[0-9]{4}' }], allowed: [] });
    });

    it('secret-in-client-code: secret names, tokens, bundler configs, signing calls; never tests or fixtures', () => {
      yes('secret-in-client-code', ['VITE_SECRET', 'privateKey', 'import x from "./credentials"', 'HmacSHA256(m, k)', 'CryptoJS.MD5(x)', 'jwt.sign(p)',
        'hash.update(x)', 'whsec_0123456789abcdefghij']);
      yes('secret-in-client-code', [neutral], { path: 'vite.config.ts' });
      no('secret-in-client-code', [neutral]);
      no('secret-in-client-code', ['const SECRET = 1'], { isTestFile: true });
    });

    it('weak-password-hash: hash, KDF and digest callees', () => {
      yes('weak-password-hash', ['createHash("md5")', 'bcrypt.hashSync(p, 8)', 'bcrypt.genSalt(8)', 'subtle.deriveBits()', 'CryptoJS.PBKDF2(p)',
        'crypto.scryptSync(p)', 'SHA256(p)', 'md5(p)', 'subtle.digest("SHA-1")', 'keccak256(p)', 'createHmac("sha1")']);
      no('weak-password-hash', [neutral]);
    });

    it('homemade-crypto: cipher calls and names, crypto imports, Math.random', () => {
      yes('homemade-crypto', ['createCipheriv(a)', "require('crypto')", 'AES.encrypt(x)', 'function xorData(s) {}', 'caesarShift', 'ROT13', 'Math.random()',
        'obfuscateCard', 'encodeValue', 'CONCEAL']);
      no('homemade-crypto', [neutral]);
    });

    it('prohibited-card-data: security codes, track data, PIN words, and card-only words next to a card', () => {
      yes('prohibited-card-data', ['cvv', 'CVC2', 'card_ccv', 'track2Data', 'TRACK_1', 'track 3', 'magStripe', 'MAG_STRIPE', 'magnetic-stripe', 'pinBlock',
        'PINBLOCK', 'pin', 'cardPin', 'PIN_CODE', 'PINBlock', 'user.pin', "'pin'", 'card.cid', 'creditCard.securityCode', 'ccVerificationValue',
        'cardSwipeData']);
      no('prohibited-card-data', [neutral, 'shipping mapping typing spinner', 'PINs pin2 Pins spin', 'image management', 'track the order', 'securityCode',
        'cid', 'const mapped = items.map(x => x);']);
      no('prohibited-card-data', ['cvv'], { isTestFile: true });
      no('prohibited-card-data', ['cvv'], { isFixture: true });
    });

    it('unencrypted-sensitive-data: card, bank and national-id words, and id numbers', () => {
      yes('unencrypted-sensitive-data', ['cardNumber', 'pan', 'IBAN', 'bank_account', 'acctNo', 'ssn', 'SSN', 'taxId', 'passportNo', 'nationalId', 'idNumber',
        'ID_NO', 'id-nr', 'driverLicense', 'CPF', 'aadhaar', 'payout.number', 'beneficiary', 'kycNumber']);
      no('unencrypted-sensitive-data', ['const total = items.reduce((sum, item) => sum + item.price, 0);', 'const id = 1; const note = 2;']);
      no('unencrypted-sensitive-data', ['cardNumber'], { isTestFile: true });
    });

    it('sensitive-data-in-log: log calls, and configured loggers', () => {
      yes('sensitive-data-in-log', ['console.log(x)', 'logger.INFO(x)', 'this.log.warn(x)', 'debug(x)', 'pino().error(x)', 'logEvent(x)', 'req.log.child(x)']);
      no('sensitive-data-in-log', ['const total = a + b;', 'emit(password)']);
      yes('sensitive-data-in-log', ['emit(password)'], {}, { loggers: ['emit'], maskHelpers: [] });
      no('sensitive-data-in-log', ['console.log(x)'], { isTestFile: true });
    });

    it('insecure-transport: plain-HTTP URLs, TLS and verification settings', () => {
      yes('insecure-transport', ["fetch('http://api.example.com')", '"url": "http://api.example.com"', 'rejectUnauthorized: false', 'NODE_TLS_REJECT_UNAUTHORIZED',
        "secureProtocol: 'TLSv1_method'", "minVersion: 'TLSv1'", 'strictSSL: false', "'strict-ssl': false", 'verify_ssl = false',
        'CURLOPT_SSL_VERIFYPEER', 'checkServerIdentity', "protocol: 'http'", 'CERT_NONE', 'HTTP://X']);
      // In scripts a setting is reported for its name or its value: words that merely occur in such names are not enough.
      no('insecure-transport', [neutral, "fetch('https://api.example.com')", "'use strict'; if (!valid) reject(check(x));", 'minVersion: MIN']);
      // Text files are scanned line by line for any of them.
      yes('insecure-transport', ['minVersion = 1.0', 'strict = false'], { path: 'config/app.properties', kind: 'text' });
      no('insecure-transport', ['http://x'], { isFixture: true });
    });

    it('injection: request objects, Nest data decorators and Next.js route exports', () => {
      yes('injection', ['(req, res) =>', 'ctx.query', 'event.body', 'const request = 1', '@Body() dto', '@Query() q', '@Param() p', '@Ip() ip',
        '@Req() r', 'export async function GET(request, { params })', 'c.req.query("q")']);
      no('injection', ['const total = items.reduce((sum, item) => sum + item.price, 0);', "require('fs'); const requests = 1; const prerequisite = 2;"]);
      no('injection', ['(req, res) =>'], { isTestFile: true });
    });

    it('weak-password-policy: password words', () => {
      yes('weak-password-policy', ['password', 'PASSWD', 'userPwd', 'passphrase', '<input type="password">']);
      no('weak-password-policy', [neutral]);
      no('weak-password-policy', ['password'], { isTestFile: true });
    });

    it('mobile-insecure-config: only mobile files', () => {
      yes('mobile-insecure-config', ['<manifest/>'], { path: 'app/src/main/AndroidManifest.xml', kind: 'text' });
      yes('mobile-insecure-config', ['<network-security-config>'], { path: 'res/xml/net.xml', kind: 'text' });
      yes('mobile-insecure-config', ['<plist/>'], { path: 'ios/Info.plist', kind: 'text' });
      yes('mobile-insecure-config', ['class A {}'], { path: 'app/src/main/java/A.kt', kind: 'text' });
      no('mobile-insecure-config', ['<manifest/>', neutral]);
      no('mobile-insecure-config', ['<resources/>'], { path: 'res/xml/strings.xml', kind: 'text' });
    });

    it('client-trusted-amount: server scripts that may create a payment, or call a configured payment function', () => {
      yes('client-trusted-amount', ['stripe.paymentIntents.create({})', 'await createOrder(x)', 'gateway.charge(x)']);
      no('client-trusted-amount', [neutral, 'bookTrip(req.body)']);
      yes('client-trusted-amount', ['bookTrip(req.body)'], {}, { paymentCalls: ['bookTrip'] });
      no('client-trusted-amount', ['stripe.paymentIntents.create({})'], { kind: 'text', path: 'notes.md' });
      no('client-trusted-amount', ['stripe.paymentIntents.create({})'], { isTestFile: true });
    });

    it('the route rules: a handler, and the words their route kinds need', () => {
      const handler = "router.post('/x', h);\n";
      yes('missing-rate-limit', [`${handler}coupon`, `${handler}RED_PACKET`, `${handler}flashSale`]);
      yes('missing-rate-limit', [handler], { path: 'src/routes/coupons.ts' });
      no('missing-rate-limit', [handler, 'coupon']);
      yes('unauthenticated-endpoint', [`${handler}refund`, `${handler}ADMIN`, `${handler}apiKey`, `${handler}role`, 'export const x = 1; exportCustomers']);
      yes('unauthenticated-endpoint', [handler], { path: 'src/admin/routes.ts' });
      no('unauthenticated-endpoint', ['export const total = 1;', 'export function download() {}', `${handler}settings`]);
      yes('missing-audit-log', [`${handler}refund`, `${handler}grantRole`]);
      no('missing-audit-log', [handler, 'refund']);
      yes('unverified-payment-notification', [`${handler}webhook`, `${handler}notify_url`, `${handler}IPN`, `${handler}callback`, `${handler}out_trade_no`,
        `${handler}'stripe-signature'`]);
      yes('unverified-payment-notification', [handler], { path: 'src/routes/webhooks.ts' });
      no('unverified-payment-notification', [handler, 'webhook', 'export const total = 1;']);
      yes('insecure-signature-compare', ['signature', 'HMAC', 'digest']);
      no('insecure-signature-compare', [neutral]);
      for (const id of ['missing-rate-limit', 'unauthenticated-endpoint', 'missing-audit-log', 'unverified-payment-notification', 'insecure-signature-compare']) {
        no(id, [`${handler}refund coupon webhook signature`], { isTestFile: true });
      }
    });

    it('SHAPE_HINT matches every notification shape unverified-payment-notification knows', () => {
      for (const shape of [...SHAPE_NAMES, ...SHAPE_STRINGS]) {
        assert.ok(SHAPE_HINT.test(shape), shape);
        assert.ok(SHAPE_HINT.test(shape.toUpperCase()), shape);
      }
    });
  });
});
