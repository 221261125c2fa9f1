// The suppression-comment grammars, injected as VS Code injects them, highlight directives in host comments and nowhere else.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HOSTS_DIR = path.join(ROOT, 'test', 'grammar', 'hosts');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributed: Array<{ scopeName: string; path: string; injectTo?: string[] }> = manifest.contributes.grammars;

const META = 'meta.directive.suppression.codepay-guard';
/** The scope of each part of a directive, by the short names the cases below use. */
const PART = {
  directive: 'keyword.control.directive.codepay-guard',
  id: 'entity.name.tag.rule-id.codepay-guard',
  comma: 'punctuation.separator.comma.codepay-guard',
  until: 'keyword.other.until.codepay-guard',
  date: 'constant.numeric.date.codepay-guard',
  dashes: 'punctuation.separator.reason.codepay-guard',
  reason: 'string.unquoted.reason.codepay-guard',
} as const;
type Part = keyof typeof PART;

/** Root scope names of the VS Code 1.100 grammars for the languages the engine checks, and the test host standing in for each. */
const HOSTS: Record<string, string> = {
  'source.js': 'js.json',
  'source.js.jsx': 'jsx.json',
  'source.ts': 'ts.json',
  'source.tsx': 'tsx.json',
  'source.yaml': 'yaml.json',
  'source.ini': 'ini.json',
  'source.dotenv': 'dotenv.json',
  'text.xml': 'xml.json',
  'text.html.derivative': 'html.json',
  'source.sql': 'sql.json',
};

interface Token {
  text: string;
  scopes: string[];
}

let registry: vsctm.Registry;

async function tokenize(host: string, text: string): Promise<Token[][]> {
  const grammar = await registry.loadGrammar(host);
  assert.ok(grammar, `no grammar for ${host}`);
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    assert.equal(result.stoppedEarly, false);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The tokens that carry a directive part, with their full scope stacks. */
function directiveParts(tokens: Token[]): Array<[string, string[]]> {
  const partScopes = new Set<string>(Object.values(PART));
  return tokens.filter((t) => partScopes.has(t.scopes[t.scopes.length - 1])).map((t) => [t.text, t.scopes]);
}

function expectedParts(host: string, comment: string[], parts: Array<[string, Part]>): Array<[string, string[]]> {
  return parts.map(([text, part]) => [text, [host, ...comment, META, PART[part]]]);
}

before(async () => {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = new Map<string, string>();
  for (const g of contributed) files.set(g.scopeName, path.join(ROOT, g.path));
  for (const [scopeName, file] of Object.entries(HOSTS)) files.set(scopeName, path.join(HOSTS_DIR, file));
  // As VS Code does: a grammar contributed with `injectTo` is injected into those root grammars.
  const injections = new Map<string, string[]>();
  for (const g of contributed) {
    for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
  }
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => injections.get(scopeName),
  });
});

describe('suppression grammar: contribution', () => {
  it('is injected into the root grammar of every host language (VS Code 1.100 scope names)', () => {
    const injectTo = new Set(contributed.find((g) => g.scopeName === 'codepay-guard.suppression.injection')?.injectTo);
    for (const host of Object.keys(HOSTS)) assert.ok(injectTo.has(host), `injectTo lacks ${host}`);
    // `properties` files use source.ini in VS Code; source.properties is no grammar VS Code ships.
    assert.ok(!injectTo.has('source.properties'));
  });

  it('targets comments only, and the .env helper targets .env code outside comments and strings', () => {
    const read = (scopeName: string) => {
      const g = contributed.find((c) => c.scopeName === scopeName);
      assert.ok(g, scopeName);
      return JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8'));
    };
    assert.equal(read('codepay-guard.suppression.injection').injectionSelector, `L:comment -${META}`);
    assert.equal(read('codepay-guard.suppression.dotenv.injection').injectionSelector, 'L:source.dotenv -comment -string');
    assert.deepEqual(contributed.find((g) => g.scopeName === 'codepay-guard.suppression.dotenv.injection')?.injectTo, ['source.dotenv']);
  });
});

describe('suppression grammar: directives in host comments', () => {
  it('JS `//`: the exact tokens of a full directive', async () => {
    const [line] = await tokenize('source.js', '// codepay-guard-disable-next-line hardcoded-secret, insecure-transport until 2026-12-31 -- rotated monthly');
    const c = ['source.js', 'comment.line.double-slash.js'];
    assert.deepEqual(line, [
      { text: '//', scopes: [...c, 'punctuation.definition.comment.js'] },
      { text: ' ', scopes: c },
      { text: 'codepay-guard-disable-next-line', scopes: [...c, META, PART.directive] },
      { text: ' ', scopes: [...c, META] },
      { text: 'hardcoded-secret', scopes: [...c, META, PART.id] },
      { text: ',', scopes: [...c, META, PART.comma] },
      { text: ' ', scopes: [...c, META] },
      { text: 'insecure-transport', scopes: [...c, META, PART.id] },
      { text: ' ', scopes: [...c, META] },
      { text: 'until', scopes: [...c, META, PART.until] },
      { text: ' ', scopes: [...c, META] },
      { text: '2026-12-31', scopes: [...c, META, PART.date] },
      { text: ' ', scopes: [...c, META] },
      { text: '--', scopes: [...c, META, PART.dashes] },
      { text: ' ', scopes: [...c, META] },
      { text: 'rotated monthly', scopes: [...c, META, PART.reason] },
    ]);
  });

  const cases: Array<{ name: string; host: string; text: string; comment: string[]; parts: Array<[string, Part]> }> = [
    {
      name: 'TS `//` after code, with an expiry date',
      host: 'source.ts',
      text: "const key = '…'; // codepay-guard-disable-line hardcoded-secret until 2027-01-31 -- rotated in January",
      comment: ['comment.line.double-slash.ts'],
      parts: [['codepay-guard-disable-line', 'directive'], ['hardcoded-secret', 'id'], ['until', 'until'], ['2027-01-31', 'date'], ['--', 'dashes'], ['rotated in January', 'reason']],
    },
    {
      name: 'TSX `/* */` block start',
      host: 'source.tsx',
      text: '/* codepay-guard-disable hardcoded-secret -- recorded API fixtures */',
      comment: ['comment.block.tsx'],
      parts: [['codepay-guard-disable', 'directive'], ['hardcoded-secret', 'id'], ['--', 'dashes'], ['recorded API fixtures', 'reason']],
    },
    {
      name: 'JSX comment in braces, block end, no space before `*/`',
      host: 'source.js.jsx',
      text: '{/*codepay-guard-enable hardcoded-secret secret-in-client-code*/}',
      comment: ['comment.block.js.jsx'],
      parts: [['codepay-guard-enable', 'directive'], ['hardcoded-secret', 'id'], ['secret-in-client-code', 'id']],
    },
    {
      name: 'YAML `#` after a value',
      host: 'source.yaml',
      text: 'api_key: sk_test_x # codepay-guard-disable-line hardcoded-secret -- sandbox key from the provider docs',
      comment: ['comment.line.number-sign.yaml'],
      parts: [['codepay-guard-disable-line', 'directive'], ['hardcoded-secret', 'id'], ['--', 'dashes'], ['sandbox key from the provider docs', 'reason']],
    },
    {
      name: 'properties (source.ini) `#`',
      host: 'source.ini',
      text: '# codepay-guard-disable-next-line hardcoded-secret,insecure-transport -- local stub',
      comment: ['comment.line.number-sign.ini'],
      parts: [['codepay-guard-disable-next-line', 'directive'], ['hardcoded-secret', 'id'], [',', 'comma'], ['insecure-transport', 'id'], ['--', 'dashes'], ['local stub', 'reason']],
    },
    {
      name: 'ini `;`, a directive naming no rule',
      host: 'source.ini',
      text: '; codepay-guard-disable -- generated file',
      comment: ['comment.line.semicolon.ini'],
      parts: [['codepay-guard-disable', 'directive'], ['--', 'dashes'], ['generated file', 'reason']],
    },
    {
      name: '.env full-line `#` (the dotenv helper grammar opens the comment)',
      host: 'source.dotenv',
      text: '# codepay-guard-disable-next-line hardcoded-secret until 2026-06-30 -- staging key',
      comment: ['comment.line.number-sign.dotenv'],
      parts: [['codepay-guard-disable-next-line', 'directive'], ['hardcoded-secret', 'id'], ['until', 'until'], ['2026-06-30', 'date'], ['--', 'dashes'], ['staging key', 'reason']],
    },
    {
      name: '.env `#` after a value',
      host: 'source.dotenv',
      text: 'MERCHANT_KEY=sk_test_x # codepay-guard-disable-line hardcoded-secret',
      comment: ['property.value.dotenv', 'comment.line.number-sign.dotenv'],
      parts: [['codepay-guard-disable-line', 'directive'], ['hardcoded-secret', 'id']],
    },
    {
      name: 'XML `<!-- -->`',
      host: 'text.xml',
      text: '<!-- codepay-guard-disable-next-line mobile-insecure-config -- debug manifest, never released -->',
      comment: ['comment.block.xml'],
      parts: [['codepay-guard-disable-next-line', 'directive'], ['mobile-insecure-config', 'id'], ['--', 'dashes'], ['debug manifest, never released', 'reason']],
    },
    {
      name: 'HTML `<!-- -->` without blanks',
      host: 'text.html.derivative',
      text: '<!--codepay-guard-disable-line secret-in-client-code-->',
      comment: ['comment.block.html'],
      parts: [['codepay-guard-disable-line', 'directive'], ['secret-in-client-code', 'id']],
    },
    {
      name: 'SQL `--`',
      host: 'source.sql',
      text: '-- codepay-guard-disable-next-line prohibited-card-data -- legacy table, dropped in Q3',
      comment: ['comment.line.double-dash.sql'],
      parts: [['codepay-guard-disable-next-line', 'directive'], ['prohibited-card-data', 'id'], ['--', 'dashes'], ['legacy table, dropped in Q3', 'reason']],
    },
    {
      name: 'SQL `/* */`',
      host: 'source.sql',
      text: "INSERT INTO cards VALUES ('x'); /* codepay-guard-disable-line prohibited-card-data */",
      comment: ['comment.block.sql'],
      parts: [['codepay-guard-disable-line', 'directive'], ['prohibited-card-data', 'id']],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const [line] = await tokenize(c.host, c.text);
      assert.deepEqual(directiveParts(line), expectedParts(c.host, c.comment, c.parts));
    });
  }

  it('leaves the comment around the directive to the host', async () => {
    const [line] = await tokenize('text.xml', '<!-- codepay-guard-enable -->');
    assert.deepEqual(line, [
      { text: '<!--', scopes: ['text.xml', 'comment.block.xml', 'punctuation.definition.comment.xml'] },
      { text: ' ', scopes: ['text.xml', 'comment.block.xml'] },
      { text: 'codepay-guard-enable', scopes: ['text.xml', 'comment.block.xml', META, PART.directive] },
      { text: ' ', scopes: ['text.xml', 'comment.block.xml'] },
      { text: '-->', scopes: ['text.xml', 'comment.block.xml', 'punctuation.definition.comment.xml'] },
    ]);
  });

  it('keeps the host state across lines', async () => {
    const lines = await tokenize('source.ts', ['/* codepay-guard-disable injection -- reviewed query builder */', 'run(sql);', '// codepay-guard-enable injection'].join('\n'));
    assert.deepEqual(directiveParts(lines[0]).map(([t]) => t), ['codepay-guard-disable', 'injection', '--', 'reviewed query builder']);
    assert.deepEqual(lines[1], [{ text: 'run(sql);', scopes: ['source.ts'] }]);
    assert.deepEqual(directiveParts(lines[2]).map(([t]) => t), ['codepay-guard-enable', 'injection']);
  });
});

describe('suppression grammar: no highlighting outside a directive at a comment start', () => {
  const negatives: Array<{ name: string; host: string; text: string }> = [
    { name: 'in a string literal', host: 'source.js', text: 'const s = "// codepay-guard-disable-line hardcoded-secret -- x";' },
    { name: 'in a template literal', host: 'source.ts', text: 'const s = `codepay-guard-disable-next-line hardcoded-secret`;' },
    { name: 'in code', host: 'source.js', text: 'codepay-guard-disable-line(hardcoded-secret);' },
    { name: 'in a YAML string', host: 'source.yaml', text: 'note: "# codepay-guard-disable-line hardcoded-secret"' },
    { name: 'in an XML attribute', host: 'text.xml', text: '<meta note="<!-- codepay-guard-disable-line hardcoded-secret -->"/>' },
    { name: 'in a SQL string', host: 'source.sql', text: "SELECT '-- codepay-guard-disable-line injection' FROM t;" },
    { name: 'in a .env quoted value', host: 'source.dotenv', text: 'NOTE="a # codepay-guard-disable-line hardcoded-secret"' },
    { name: 'in a .env value without a blank before `#`', host: 'source.dotenv', text: 'URL=https://x.test/#codepay-guard-disable-line' },
    { name: 'a misspelled directive', host: 'source.js', text: '// codepay-guard-disabled-line hardcoded-secret -- x' },
    { name: 'a directive prefix with no known form', host: 'source.js', text: '// codepay-guard-ignore hardcoded-secret' },
    { name: 'a directive not at the comment start', host: 'source.js', text: '// see codepay-guard-disable-line hardcoded-secret' },
    { name: 'a directive after ` -- ` inside a comment', host: 'source.ts', text: '// note -- codepay-guard-disable-line hardcoded-secret' },
    { name: 'a directive later in a YAML comment', host: 'source.yaml', text: 'a: 1 # todo: codepay-guard-disable-line hardcoded-secret' },
    { name: 'a directive in a `/**` doc comment (the engine reads `* codepay-guard-…`)', host: 'source.ts', text: '/** codepay-guard-disable-line hardcoded-secret */' },
    { name: 'a `!` line in a properties file (no comment in VS Code\'s grammar, nor for the engine)', host: 'source.ini', text: '! codepay-guard-disable-next-line hardcoded-secret' },
  ];
  for (const n of negatives) {
    it(n.name, async () => {
      for (const line of await tokenize(n.host, n.text)) {
        for (const t of line) assert.ok(!t.scopes.some((s) => s.endsWith('.codepay-guard')), `${JSON.stringify(t.text)}: ${t.scopes.join(' ')}`);
      }
    });
  }

  // Forms the engine rejects or reads differently are not highlighted as a directive (the comment start may carry the
  // directive's meta scope on one character, which themes do not colour).
  const rejected: Array<{ name: string; text: string }> = [
    { name: 'an impossible date (the engine ignores the comment)', text: '// codepay-guard-disable-line hardcoded-secret until 2026-13-01 -- x' },
    { name: 'a date in another format', text: '// codepay-guard-disable-line hardcoded-secret until 31/12/2026 -- x' },
    { name: 'an upper-case rule id', text: '// codepay-guard-disable-line Hardcoded-Secret -- x' },
    { name: '`--` glued to the reason (the engine reads it as a rule id)', text: '// codepay-guard-disable-line hardcoded-secret --reason' },
    { name: 'the directive glued to a rule id', text: '// codepay-guard-disable-linehardcoded-secret' },
  ];
  for (const r of rejected) {
    it(r.name, async () => {
      const [line] = await tokenize('source.js', r.text);
      assert.deepEqual(directiveParts(line), []);
    });
  }
});
