// No output leaks a secret: the keys of examples/ and of the rule-table fixtures, planted where the rules report them
// (and next to other findings, so snippets show their lines), must not appear in full — nor the part masking hides —
// in any engine result, CLI report (text, JSON, SARIF, HTML, Markdown, baseline), or language-server message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { analyze, maskSecret, type Rule, type RuleContext } from '../../server/src/engine';
import { GUIDELINE, RULES } from '../../rules';
import { fakeKey, REPO_ROOT, requireBundle } from '../cli/helpers';
import { FULL_CAPABILITIES } from '../lsp/lsp-client';
import { HANG_DEADLINE_MS } from './deadline-runner';
import { languageIdOf } from './hostile-cases';
import { runTrappedCli, startTrappedServer, tempDir, TrapMarker } from './sandbox';

/** Secrets shorter than this are words ("admin", a PIN) that occur in ordinary text; they are not searched for. */
const MIN_SECRET_CHARS = 12;

/** The rules, wrapped to record every raw secret value they report (what the engine must mask). */
function recordingRules(seen: Set<string>): Rule[] {
  return RULES.map((rule) => ({
    meta: rule.meta,
    create: (context: RuleContext) => rule.create({
      source: context.source,
      options: context.options,
      shared: context.shared,
      report: (d) => {
        for (const s of d.secrets ?? []) if (s.length >= MIN_SECRET_CHARS) seen.add(s);
        context.report(d);
      },
    }),
  }));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(abs) : [abs];
  });
}

/** The fixtures' keys: every `join('…', '…')` of string literals in the rule tables (how they assemble fake keys). */
function ruleTableKeys(): string[] {
  const keys: string[] = [];
  for (const file of filesUnder(path.join(REPO_ROOT, 'test', 'rules'))) {
    const ast = parse(fs.readFileSync(file, 'utf8'), { range: true });
    simpleTraverse(ast, {
      enter(node: TSESTree.Node) {
        if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'join') return;
        const parts = node.arguments.map((a) => (a.type === 'Literal' && typeof a.value === 'string' ? a.value : undefined));
        if (parts.length > 1 && parts.every((p) => p !== undefined)) keys.push(parts.join(''));
      },
    });
  }
  return keys.filter((k) => k.length >= MIN_SECRET_CHARS);
}

const quoteTs = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

/** Every fixture key planted in a TypeScript file (next to another finding on its line), a .env file and YAML. */
function writePlantedKeys(dir: string, keys: readonly string[]): void {
  const ts = keys.map((k, i) => `export const merchantSecretKey${i} = ${quoteTs(k)}; export const digest${i} = crypto.createHash('md5').update(password).digest('hex');`);
  const env = keys.filter((k) => !/[\s#'"]/.test(k)).map((k, i) => `PAYMENT_SECRET_KEY_${i}=${k}`);
  const yaml = keys.filter((k) => !/[\s#'":]/.test(k)).map((k, i) => `  secretKey${i}: ${k}`);
  fs.mkdirSync(path.join(dir, 'server'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'public'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'server', 'planted-keys.ts'), `import crypto from 'crypto';\n${ts.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'public', 'planted-keys.js'), `${ts.join('\n').replace(/export const/g, 'window.x =').replace(/crypto\./g, 'window.crypto.')}\n`);
  fs.writeFileSync(path.join(dir, 'planted.env'), `${env.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'planted.yaml'), `payments:\n${yaml.join('\n')}\n`);
}

/**
 * The first 12 characters of key material that the masked form hides: letters and digits, both present (so not a
 * URL's `https://hooks` or a PEM's `-----BEGIN P`, which messages may name).
 */
function hiddenKeyMaterial(secret: string): string | undefined {
  const masked = maskSecret(secret);
  const hidden = secret.slice(masked.indexOf('****'), secret.length - 4);
  for (let i = 0; i + MIN_SECRET_CHARS <= hidden.length; i++) {
    const window = hidden.slice(i, i + MIN_SECRET_CHARS);
    if (/^[A-Za-z0-9+/_]+$/.test(window) && /\d/.test(window) && /[A-Za-z]/.test(window)) return window;
  }
  return undefined;
}

/** What of a secret must never be shown: all of it, or key material its masked form hides. */
function leakedPart(text: string, secret: string): string | undefined {
  if (text.includes(secret)) return 'the whole secret';
  const material = hiddenKeyMaterial(secret);
  return material && text.includes(material) ? 'the part masking hides' : undefined;
}

function assertNoLeak(text: string, secrets: Iterable<string>, where: string): void {
  const leaks: string[] = [];
  for (const s of secrets) {
    const part = leakedPart(text, s);
    if (part) leaks.push(`${maskSecret(s)} (${part})`);
  }
  assert.deepEqual(leaks, [], `${where} shows secrets`);
}

describe('robustness: no secret leaks through any output', function () {
  this.timeout(15 * 60_000);
  let ws: string;
  /**
   * Every secret value the rules report in the workspace: the keys of examples/ and the rule tables' keys planted
   * there. (The tables' negative cases — placeholders, documented public test keys, key ids — are not secrets.)
   */
  const secrets = new Set<string>();
  /** Engine results for every file, computed once. */
  let engineOutput = '';

  before(function () {
    requireBundle();
    ws = tempDir('leaks');
    fs.cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
    const keys = [...ruleTableKeys(), fakeKey('LEAK_PLANTED')];
    assert.ok(keys.length >= 30, `only ${keys.length} fixture keys found in test/rules`);
    writePlantedKeys(ws, keys);
    const rules = recordingRules(secrets);
    const results: string[] = [];
    for (const file of filesUnder(ws)) {
      const rel = path.relative(ws, file).split(path.sep).join('/');
      const r = analyze(fs.readFileSync(file, 'utf8'), { path: rel, rules, guidelineText: GUIDELINE, today: '2025-06-01' });
      // Fix edits rewrite the user's own text in place; everything else is shown to people.
      results.push(JSON.stringify({ ...r, findings: r.findings.map((f) => ({ ...f, fixes: f.fixes.map((x) => x.title) })) }));
    }
    engineOutput = results.join('\n');
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('finds the secrets to look for: those of examples/ and most of the rule tables\' keys', function () {
    const planted = ruleTableKeys().filter((k) => secrets.has(k));
    assert.ok(planted.length >= 20, `only ${planted.length} of the rule tables' keys were reported where they were planted`);
    assert.ok(secrets.size >= 40, `${secrets.size} secrets`);
  });

  it('engine: messages, fix titles, snippets, fingerprints and explanations of every file', function () {
    assertNoLeak(engineOutput, secrets, 'engine results');
  });

  it('CLI: text, JSON and SARIF reports (stdout, stderr, --output), the HTML and Markdown report, the baseline', function () {
    const trap = new TrapMarker('leaks-cli');
    const out = tempDir('leaks-out');
    try {
      const outputs: Array<[string, string]> = [];
      const run = (args: string[]) => {
        const r = runTrappedCli(args, ws, trap);
        assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
        outputs.push([`${args.join(' ')} (stdout)`, r.stdout], [`${args.join(' ')} (stderr)`, r.stderr]);
      };
      run(['scan', '--no-color', '--report-suppressions']);
      run(['scan', '--format', 'json']);
      run(['scan', '--format', 'sarif', '--output', path.join(out, 'scan.sarif')]);
      run(['report', '--output', path.join(out, 'report.html')]);
      run(['report', '--format', 'md', '--output', path.join(out, 'report.md')]);
      run(['baseline', '--output', path.join(out, 'baseline.json')]);
      for (const f of ['scan.sarif', 'report.html', 'report.md', 'baseline.json']) outputs.push([f, fs.readFileSync(path.join(out, f), 'utf8')]);
      assert.ok(outputs.some(([, text]) => text.includes('hardcoded-secret')), 'the reports report the keys');
      for (const [where, text] of outputs) assertNoLeak(text, secrets, where);
      trap.assertClean('the CLI');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
      trap.remove();
    }
  });

  it('language server: diagnostics, hovers, code action titles, log messages and all other traffic', async function () {
    const trap = new TrapMarker('leaks-lsp');
    const client = await startTrappedServer({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: pathToFileURL(ws).toString(), name: 'leaks' }],
      settings: () => ({ enable: true, rules: {}, ignore: [] }),
    }, trap);
    try {
      let diagnosticsSeen = 0;
      // The team file is configuration: its problems are published only when it has some.
      for (const file of filesUnder(ws).filter((f) => path.basename(f) !== '.codepay-guard.json')) {
        const rel = path.relative(ws, file).split(path.sep).join('/');
        const uri = pathToFileURL(file).toString();
        const since = client.mark();
        await client.open(uri, languageIdOf(rel), fs.readFileSync(file, 'utf8'));
        const { diagnostics } = await client.waitForDiagnostics(uri, since, () => true, `diagnostics of ${rel}`, HANG_DEADLINE_MS);
        for (const d of diagnostics as Diagnostic[]) {
          diagnosticsSeen++;
          await client.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
          const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
          assertNoLeak(actions.map((a) => a.title).join('\n'), secrets, `code action titles in ${rel}`);
        }
      }
      assert.ok(diagnosticsSeen > 50, `${diagnosticsSeen} diagnostics`);
      assertNoLeak(client.logs.map((l) => l.message).join('\n'), secrets, 'log messages');
      assertNoLeak(client.stderr, secrets, 'the server\'s stderr');
      // Everything the server sent, except the text edits of quick fixes (they rewrite the user's own document).
      const traffic = client.traffic.map((line) => line.replace(/"newText":"(?:[^"\\]|\\.)*"/g, '"newText":"…"')).join('\n');
      assertNoLeak(traffic, secrets, 'the server\'s messages');
      trap.assertClean('the language server');
    } finally {
      client.dispose();
      trap.remove();
    }
  });
});
