// The hostile inputs every surface (engine, CLI, language server) must survive: odd shapes and encodings, very large
// files, deep nesting, and long lines built to make the rules' regular expressions backtrack.
import { fakeKey } from '../cli/helpers';

export interface HostileCase {
  name: string;
  /** Relative, `/`-separated: decides the language for the engine and the file name for the CLI. */
  path: string;
  /** The bytes on disk, for content that is not valid UTF-8 text; `text` is what a reader decodes from them. */
  bytes?: () => Buffer;
  text: () => string;
  /** A fake key planted in the content: whatever else happens, the rules (text checks at least) must report it. */
  plantedKey?: string;
  /** What the result must say besides "no failure". */
  expect?: 'binary' | 'text checks only' | 'hard cap';
  /** Engine option for this case (a larger limit, to parse megabytes of attack lines). */
  maxFileSize?: number;
}

/** Deterministic pseudo-random bytes (mulberry32), so every run sees the same "random" file. */
export function seededBytes(seed: number, length: number, avoidZero = false): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const byte = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    out[i] = avoidZero && byte === 0 ? 1 : byte;
  }
  return out;
}

const decoded = (bytes: () => Buffer) => () => bytes().toString('utf8');

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];
const ZIP_HEAD = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00];
/** Overlong, truncated and stray continuation bytes: every way a UTF-8 decoder can fail. */
const INVALID_UTF8 = [0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xe2, 0x82, 0x28, 0xf0, 0x28, 0x8c, 0xbc, 0xf8, 0xa1, 0xa1, 0xa1, 0xa1, 0xc0, 0xaf, 0xed, 0xa0, 0x80];

function withKey(prefix: string, key: string, suffix: string): string {
  return `${prefix}${key}${suffix}`;
}

/** Small files with odd shapes, encodings and line endings. */
export function shapeCases(): HostileCase[] {
  const key = fakeKey('HOSTILE_SHAPES');
  const code = (eol: string) => ['import express from "express";', `const stripeKey = "${key}";`, 'export const app = express();', ''].join(eol);
  const cases: HostileCase[] = [];
  for (const path of ['src/empty.ts', 'src/empty.js', 'config/.env', 'config/empty.json', 'config/empty.yaml', 'res/empty.xml', 'notes/empty.txt', 'Dockerfile', 'db/empty.sql']) {
    cases.push({ name: `empty ${path}`, path, text: () => '' });
  }
  cases.push(
    { name: 'blanks only', path: 'src/blank.ts', text: () => ' \t\n\n\t  \r\n \f\v\u00a0\u2028\u2029' },
    { name: 'a byte-order mark only', path: 'src/bom-only.ts', text: () => '\uFEFF' },
    { name: 'byte-order mark before code', path: 'src/bom.ts', bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(code('\n'))]), text: () => `\uFEFF${code('\n')}`, plantedKey: key },
    { name: 'CRLF line endings', path: 'src/crlf.ts', text: () => code('\r\n'), plantedKey: key },
    { name: 'CR-only line endings (classic Mac)', path: 'src/cr.ts', text: () => code('\r'), plantedKey: key },
    { name: 'mixed line endings', path: 'src/mixed.js', text: () => `a();\r\nb();\rc();\n${code('\r')}\u2028d();\u2029`, plantedKey: key },
    { name: 'CR-only .env', path: 'config/cr.env', text: () => `A=1\rSTRIPE_SECRET_KEY=${key}\rB=2\r`, plantedKey: key },
    { name: 'CR-only YAML', path: 'config/cr.yaml', text: () => `stripe:\r  secretKey: ${key}\r  mode: live\r`, plantedKey: key },
    { name: 'a PNG image', path: 'assets/logo.png', bytes: () => Buffer.concat([Buffer.from(PNG_HEAD), seededBytes(1, 4096)]), text: decoded(() => Buffer.concat([Buffer.from(PNG_HEAD), seededBytes(1, 4096)])), expect: 'binary' },
    { name: 'a zip archive', path: 'vendor-drop/archive.txt', bytes: () => Buffer.concat([Buffer.from(ZIP_HEAD), seededBytes(2, 4096)]), text: decoded(() => Buffer.concat([Buffer.from(ZIP_HEAD), seededBytes(2, 4096)])), expect: 'binary' },
    { name: 'random bytes', path: 'data/random.js', bytes: () => seededBytes(3, 65_536), text: decoded(() => seededBytes(3, 65_536)), expect: 'binary' },
    { name: 'random bytes without NUL (decodes to replacement characters)', path: 'data/random-text.js', bytes: () => seededBytes(4, 65_536, true), text: decoded(() => seededBytes(4, 65_536, true)) },
    { name: 'random bytes without NUL as .env', path: 'data/random.env', bytes: () => seededBytes(5, 65_536, true), text: decoded(() => seededBytes(5, 65_536, true)) },
    {
      name: 'invalid UTF-8 around code', path: 'src/invalid-utf8.ts',
      bytes: () => Buffer.concat([Buffer.from('const a = "'), Buffer.from(INVALID_UTF8), Buffer.from(`";\n${code('\n')}`)]),
      text: decoded(() => Buffer.concat([Buffer.from('const a = "'), Buffer.from(INVALID_UTF8), Buffer.from(`";\n${code('\n')}`)])),
      plantedKey: key,
    },
    { name: 'NUL after the binary probe window', path: 'src/late-nul.ts', text: () => `${code('\n')}// ${'x'.repeat(9000)}\u0000\n`, plantedKey: key },
    { name: 'lone surrogates', path: 'src/surrogates.ts', text: () => `const a = "\uD800"; const b = '\uDC00';\n${code('\n')}const c = "\uDBFF${key}\uDC00";\n`, plantedKey: key },
    { name: 'bidi overrides and zero-width characters', path: 'src/bidi.ts', text: () => `const role = "user\u202E\u2066// admin\u2069\u2066"; const x\u200B = 1;\n${code('\n')}` },
    { name: 'unterminated template literal', path: 'src/unterminated-template.ts', text: () => `${code('\n')}const t = \`\${a + \`\${b`, plantedKey: key },
    { name: 'unterminated block comment', path: 'src/unterminated-comment.js', text: () => `${code('\n')}/* ${'*'.repeat(1000)}`, plantedKey: key },
    { name: 'unterminated regex literal', path: 'src/unterminated-regex.js', text: () => `${code('\n')}const r = /[a-z${'('.repeat(500)}`, plantedKey: key },
    { name: 'unterminated JSX', path: 'src/unterminated.jsx', text: () => `${code('\n')}const el = <div a={<span b={<p>`, plantedKey: key },
    { name: 'inline script in HTML', path: 'web/index.html', text: () => `<html><script>const stripeKey = "${key}";</script><script>if (a < b) { </script></html>` },
    { name: 'malformed JSON', path: 'config/broken.json', text: () => `{"stripe": {"secretKey": "${key}", "a": [1, 2,, }, {{{{ "x": tru`, plantedKey: key },
    { name: 'JSON with comments and trailing commas', path: 'config/settings.json', text: () => `// note\n{ /* a */ "secretKey": "${key}", }\n`, plantedKey: key },
    { name: 'malformed YAML', path: 'config/broken.yaml', text: () => `a: [1, 2\n\t- b: "unclosed\nstripe:\n  secretKey: ${key}\n  : :\n- - - \n? ? ?\n&a *a: *a\n`, plantedKey: key },
    { name: 'YAML alias bomb (never expanded)', path: 'config/bomb.yaml', text: () => `a: &a ["lol","lol","lol","lol","lol"]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`).join('\n')}\n` },
    { name: 'malformed XML', path: 'res/values/broken.xml', text: () => `<resources><string name="stripe_secret_key">${key}</string><a><b></a><<<>>>="\n<!-- unclosed`, plantedKey: key },
    { name: 'XML entity bomb (never expanded)', path: 'res/bomb.xml', text: () => `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>` },
    { name: 'Android manifest cut mid-tag', path: 'app/src/main/AndroidManifest.xml', text: () => '<manifest xmlns:android="http://schemas.android.com/apk/res/android"><application android:usesCleartextTraffic="true" android:debuggable' },
    { name: 'a 100,000-character identifier', path: 'src/long-name.ts', text: () => `const ${'passwordKey'.repeat(9_091)} = "${key}";\n`, plantedKey: key },
    { name: '10,000 keys, one per line', path: 'src/many-keys.ts', text: () => Array.from({ length: 10_000 }, (_, i) => `export const stripeKey${i} = "${fakeKey(`MANY_${i}`)}";`).join('\n') },
    { name: '10,000 suppression comments', path: 'src/many-suppressions.ts', text: () => Array.from({ length: 10_000 }, (_, i) => `// codepay-guard-disable-next-line hardcoded-secret -- fixture ${i}\nconst k${i} = 1;`).join('\n') },
    { name: '10,000 findings on one minified line', path: 'src/one-line.js', text: () => Array.from({ length: 10_000 }, (_, i) => `crypto.createHash("md5").update(password${i});`).join('') },
  );
  return cases;
}

/** A minified bundle of about `chars` characters (one line), with a key somewhere in the middle. */
export function minifiedBundle(chars: number, key: string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const part = `function f${i}(a,b){var c=a+b*${i};if(c>${i}){return{id:"k${i}",v:[c,a,b],u:"https://api.example.com/v1/x${i}"}}for(var d=0;d<c;d++){c+=d%3}return c}`;
    parts.push(part);
    length += part.length + 1;
    if (i === 1000) parts.push(`var stripeKey="${key}"`);
  }
  return `!function(){"use strict";${parts.join(';')}}();`;
}

/** A TypeScript service of `lines` short lines (about 35 characters each, as hand-written code). */
export function longTypeScriptFile(lines: number, key: string): string {
  const out = ["import express from 'express';", 'const app = express();', `const stripeKey = '${key}';`];
  for (let i = 0; out.length + 6 <= lines; i++) {
    out.push(
      `app.get('/o/${i}', async (req, res) => {`,
      '  const o = await db.find(req.params.id);',
      '  if (!o) return res.sendStatus(404);',
      "  log.info('loaded', { id: o.id });",
      '  return res.json({ total: o.total });',
      '});',
    );
  }
  while (out.length < lines) out.push('// end');
  return out.join('\n');
}

/** Very large files: beyond the parse limit, beyond the hard cap, and long single lines in every format. */
export function largeCases(): HostileCase[] {
  const key = fakeKey('HOSTILE_LARGE');
  const mb = 1_000_000;
  const cases: HostileCase[] = [
    { name: 'a 10 MB minified bundle', path: 'public/app.js', text: () => minifiedBundle(10 * mb, key), plantedKey: key, expect: 'text checks only' },
    { name: 'a 2.5 MB script (just above the parse limit)', path: 'src/generated.ts', text: () => longTypeScriptFile(70_000, key).padEnd(2.5 * mb, '\n// padding'), plantedKey: key, expect: 'text checks only' },
    { name: 'a 50,000-line file', path: 'src/big-service.ts', text: () => longTypeScriptFile(50_000, key), plantedKey: key },
    { name: 'a 25 MB file (above the hard cap)', path: 'data/dump.txt', text: () => `${key}\n${'0123456789abcdef'.repeat(25 * mb / 16)}`, expect: 'hard cap' },
  ];
  const long = 'a'.repeat(mb);
  const lineContexts: Array<[string, (s: string) => string]> = [
    ['src/long-string.ts', (s) => `const s = '${s}';\nconst stripeKey = '${key}';\n`],
    ['src/long-template.ts', (s) => `const s = \`${s}\${x}${s}\`;\nconst stripeKey = '${key}';\n`],
    ['src/long-comment.js', (s) => `// ${s}\nconst stripeKey = '${key}';\n`],
    ['src/long-regex.js', (s) => `const r = /${s}/;\nconst stripeKey = '${key}';\n`],
    ['config/long.json', (s) => `{"description": "${s}", "secretKey": "${key}"}`],
    ['config/long.yaml', (s) => `description: ${s}\nsecretKey: ${key}\n`],
    ['config/long.env', (s) => `DESCRIPTION=${s}\nSTRIPE_SECRET_KEY=${key}\n`],
    ['res/values/long.xml', (s) => `<resources><string name="description">${s}</string><string name="stripe_secret_key">${key}</string></resources>`],
    ['config/long.properties', (s) => `description=${s}\nstripe.secret.key=${key}\n`],
    ['notes/long.txt', (s) => `${s}\n${key}\n`],
  ];
  for (const [path, build] of lineContexts) cases.push({ name: `a 1 MB line in ${path}`, path, text: () => build(long), plantedKey: key });
  return cases;
}

/** Expressions and statements nested 10,000 deep: more than the parser takes, so the text checks must take over. */
export function nestingCases(depth = 10_000): HostileCase[] {
  const key = fakeKey('HOSTILE_NESTING');
  const planted = `const stripeKey = '${key}';\n`;
  const shapes: Array<[string, string, () => string]> = [
    ['parentheses', 'ts', () => `const a = ${'('.repeat(depth)}1${')'.repeat(depth)};`],
    ['arrays', 'ts', () => `const a = ${'['.repeat(depth)}'x'${']'.repeat(depth)};`],
    ['object literals', 'js', () => `const o = ${'{a:'.repeat(depth)}1${'}'.repeat(depth)};`],
    ['calls', 'js', () => `${'f('.repeat(depth)}${')'.repeat(depth)};`],
    ['binary operators', 'ts', () => `const s = ${"'a' + ".repeat(depth)}'b';`],
    ['member chain', 'ts', () => `const v = a${'.b'.repeat(depth)};`],
    ['unary operators', 'js', () => `const v = ${'!'.repeat(depth)}x;`],
    ['arrow functions', 'ts', () => `const f = ${'() => '.repeat(depth)}1;`],
    ['conditional expressions', 'ts', () => `const c = ${'a ? b : '.repeat(depth)}c;`],
    ['if/else if chain', 'js', () => `if (a) {} ${'else if (a) {} '.repeat(depth)}`],
    ['blocks', 'js', () => `${'{'.repeat(depth)}${'}'.repeat(depth)}`],
    ['functions', 'js', () => `${'function f(){'.repeat(depth)}${'}'.repeat(depth)}`],
    ['templates', 'ts', () => `const t = ${'`${'.repeat(depth)}1${'}`'.repeat(depth)};`],
    ['JSX elements', 'jsx', () => `const el = ${'<a>'.repeat(depth)}${'</a>'.repeat(depth)};`],
    ['generic types', 'ts', () => `let v: ${'A<'.repeat(depth)}B${'>'.repeat(depth)};`],
    ['new expressions', 'js', () => `const v = ${'new '.repeat(depth)}X;`],
  ];
  return shapes.map(([shape, ext, build]) => ({
    name: `${shape} nested ${depth} deep`,
    path: `src/nested-${shape.replace(/\W+/g, '-')}.${ext}`,
    text: () => `${planted}${build()}\n`,
    plantedKey: key,
  }));
}

/**
 * Characters the rules' quantifiers repeat: letters, digits, blanks, quotes, separators, brackets, markup and masking
 * characters, and the line terminators `.` does not match. A run of each, ended by characters no pattern expects.
 */
export const RUN_CHARACTERS = [
  'a', 'A', '0', '_', '-', '.', '/', '+', '=', '$', ':', ';', ',', ' ', '\t', '"', "'", '`', '<', '>', '*', '#', '@', '%',
  '&', '(', ')', '[', ']', '{', '}', '!', '?', '\\', '|', '^', '~', '\u2022', '\u00b7', '\u00a0', '\u2026',
  // Alphabets of keys: base64, hex, a provider prefix followed by its body.
  'aZ0+/', 'af09', 'A1', 'sk_live_A', 'eyJa.', '\\n', '${', '://', '-- ', '/// ',
];

/**
 * Files per format, each line a run of `runLength` of one of the characters above inside the format's usual place
 * for a value (string literal, comment, entry value, attribute): a regex that backtracks or rescans quadratically on
 * any of them needs about a minute for one 250,000-character line, a linear one milliseconds. A few runs per file,
 * so that the linear work of one case stays far below the hang deadline even on a slow machine.
 */
export function characterRunCases(runLength = 250_000, runsPerFile = 13): HostileCase[] {
  const runs = RUN_CHARACTERS.map((c) => c.repeat(Math.ceil(runLength / c.length)));
  const end = '\r\u2028!';
  const contexts: Array<[string, (run: string, i: number) => string]> = [
    // U+2028 may stand in a string literal; a CR may not (the file would not parse, and the AST rules not run).
    // The same secret-like name on every line (`password1` is not one): the value checks run on each run.
    ['src/runs-in-strings.ts', (r) => `{ const password = "${r.replace(/[\\"]/g, '\\$&')}\u2028!"; }`],
    ['src/runs-in-comments.ts', (r) => `// ${r}`],
    ['src/runs-unparsed.js', (r, i) => `x${i} = ${r}${end}(`],
    ['src/public/runs-client.js', (r, i) => `window.k${i} = process.env.STRIPE_SECRET_KEY + ${r}${end}`],
    ['config/runs.env', (r) => `SECRET_KEY=${r}${end}`],
    ['config/runs.yaml', (r) => `secret_key: ${r}${end}`],
    ['config/runs.properties', (r) => `payment.secret.key=${r}${end}`],
    ['res/xml/network_security_config.xml', (r) => `<domain-config cleartextTrafficPermitted="true"><domain ${r}${end}`],
    ['res/values/runs.xml', (r) => `<add key="ApiSecret" value="${r}${end}`],
    ['Dockerfile', (r) => `ENV SECRET_KEY=${r}${end}`],
    ['db/runs.sql', (r) => `CREATE TABLE t (card_number VARCHAR(19) ${r}${end}`],
    ['web/runs.html', (r) => `<form><input type="password" ${r}${end}`],
    ['prisma/schema.prisma', (r, i) => `model M${i} {\n  email String ${r}${end}\n}`],
  ];
  const cases: HostileCase[] = [];
  for (const [path, line] of contexts) {
    for (let first = 0; first < runs.length; first += runsPerFile) {
      const chunk = runs.slice(first, first + runsPerFile);
      cases.push({
        name: `runs of ${JSON.stringify(RUN_CHARACTERS.slice(first, first + runsPerFile).join(''))} × ${runLength} in ${path}`,
        path,
        text: () => chunk.map((r, i) => line(r, first + i)).join('\n'),
        // Parse the whole file: the AST rules must see the long literals too, not only the text checks.
        maxFileSize: 30_000_000,
      });
    }
  }
  return cases;
}

/** Lines that reached super-linear paths of specific rules before they were fixed, in the rules' own contexts. */
export function targetedAttackCases(n = 250_000): HostileCase[] {
  const r = (s: string, times = n) => s.repeat(Math.ceil(times / s.length));
  const attacks: Array<[string, string, () => string]> = [
    ['placeholder check on `<<<<`', 'src/a.ts', () => `const password = "${r('<')}!";`],
    ['URL trailing punctuation', 'src/a.ts', () => `const u = '${r('http://a.example/' + ':'.repeat(90) + 'x')}';`],
    ['call before a URL', 'config/a.yaml', () => `x: ${r('A')}!(http://example.com)`],
    ['blanks before a Docker opt-out', 'Dockerfile', () => `ENV ${r(' ')}x NODE_TLS_REJECT_UNAUTHORIZED=0`],
    ['Docker ENV name without `=`', 'Dockerfile', () => `ENV ${r('A')} = x`],
    ['Docker ENV with a lone CR', 'Dockerfile', () => `ENV${r(' ')}b\rc`],
    ['YAML value with a lone CR', 'config/a.yaml', () => `a:${r(' ')}b\rc`],
    ['YAML list value with U+2028', 'config/a.yaml', () => `- a:${r(' ')}b\u2028c`],
    ['YAML key line with a lone CR', 'config/b.yaml', () => `- a :${r(' ')}b\rc`],
    ['HTML attribute without `=`', 'web/a.vue', () => `<form ${r('a')}><input type="password" minlength="4"></form>`],
    ['Prisma comment of slashes', 'prisma/schema.prisma', () => `model User {\n  email String ${r('/')}\n}`],
    ['blanks before SQL', 'src/a.ts', () => `db.query(\`${r(' ')}x \${req.query.id}\`);`],
    ['blanks and a parenthesis before SQL', 'src/b.ts', () => `db.query(' ${r(' ')}(x' + req.query.id);`],
    ['blank lines after a crypto fix', 'src/a.js', () => `const c = require('crypto');\nconst h = c.createHash('md5').update(password).digest('hex');${r('\n')}`],
    ['blanks before an unused suppression', 'src/c.ts', () => `${r(' ')}x; // codepay-guard-disable-line hardcoded-secret -- reason`],
    ['blanks after a logged card number', 'src/d.ts', () => `logger.info({\n  card: req.body.cardNumber,${r(' ')}x\n});`],
    ['blanks after a stored CVV', 'src/e.ts', () => `const order = {\n  cvv: req.body.cvv,${r(' ')}x\n};\ndb.orders.insert(order);`],
    ['mask replacement of XXXX', 'src/f.ts', () => `logger.info(card.number.replace(/\\d/g, '${r('X')}!'));`],
    ['success reply with blanks', 'src/g.ts', () => `app.post('/notify', (req, res) => { db.orders.update({ status: 'paid' }); res.send('<return_code>${r(' ')}x'); });`],
    ['unclosed tag in a network security config', 'res/xml/network_security_config.xml', () => `<network-security-config cleartextTrafficPermitted="true"><${r('A')}`],
    ['many unclosed tags', 'res/xml/network_security_config.xml', () => `<a cleartextTrafficPermitted="true">${r('<a ' + 'b'.repeat(50))}`],
    ['assignment before a client env read', 'src/public/app.js', () => `x = a:${r(' ')}!process.env.STRIPE_SECRET_KEY;`],
    ['name run before a client env read', 'src/public/app2.js', () => `${r('A')}!= process.env.STRIPE_SECRET_KEY;`],
    ['many env reads on one client line', 'src/public/app3.js', () => r('k = process.env.STRIPE_SECRET_KEY;', n / 4)],
    ['underscores in a bundler define', 'vite.config.ts', () => `export default { define: { 'process.env.${r('_')}STRIPE_SECRET_KEY${r('_')}a': '"x"' } };`],
    ['SQL comment of dashes before a CR', 'db/schema.sql', () => `CREATE TABLE cards (\n  card_number VARCHAR(19), ${r('--')}\rx\n);`],
    ['key-like base64 run', 'src/h.ts', () => `const secret = '${r('aZ0+/')}=';`],
    ['provider prefix and a long body', 'src/i.ts', () => `const k = 'sk_live_${r('Ab1')}!';`],
    ['PEM header repeated', 'notes/keys.txt', () => r('-----BEGIN PRIVATE KEY-----\n', n / 10)],
    ['connection URL of colons', 'config/.env', () => `DATABASE_URL=postgres://u:${r('a:')}@`],
    ['template with many expressions', 'src/j.ts', () => `const s = \`${r('${a}', n / 4)}\`;`],
    ['minified statements', 'src/k.js', () => r('a=1;', n / 4)],
    ['URLs on one line', 'notes/urls.txt', () => r('http://a ', n / 4)],
  ];
  return attacks.map(([name, path, text]) => ({ name, path, text }));
}

/** The language id an editor gives a path (for the language server). */
export function languageIdOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'dockerfile') return 'dockerfile';
  if (name.startsWith('.env') || name.endsWith('.env')) return 'dotenv';
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const byExt: Record<string, string> = {
    ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', json: 'json', yaml: 'yaml', yml: 'yaml',
    xml: 'xml', properties: 'properties', txt: 'plaintext', sql: 'sql', html: 'html', vue: 'vue', prisma: 'prisma',
  };
  return byExt[ext] ?? 'plaintext';
}
