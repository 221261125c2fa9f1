// Meta-tests: registry, rule files, docs, tests, settings schema and manifest stay in step; imports respect layering.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { RULES, RULE_IDS, GUIDELINE } from '../../rules';
import { SETTINGS_SECTION, TEAM_FILE_NAME } from '../../server/src/project/names';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const manifest = JSON.parse(read('package.json'));
const schema = JSON.parse(read('schemas/codepay-guard.schema.json'));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Module specifiers a file imports (static imports, re-exports, `require` and dynamic `import`). */
function importsOf(file: string): string[] {
  const ast = parse(read(file), { range: false, loc: false, jsx: file.endsWith('x') });
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach(visit); return; }
    const n = node as TSESTree.Node;
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') && n.source) out.push(n.source.value);
    if (n.type === 'ImportExpression' && n.source.type === 'Literal') out.push(String(n.source.value));
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') out.push(String(n.arguments[0].value));
    for (const [key, value] of Object.entries(n)) if (key !== 'parent') visit(value);
  };
  visit(ast);
  return out;
}

/** Where an import lands: a repository folder for relative imports, the package name otherwise. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? 'node:' : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

describe('meta: layering (DESIGN.md "who may import whom")', () => {
  const layers: Array<{ dir: string; allowedPackages: string[]; allowedFolders: string[] }> = [
    { dir: 'server/src/engine', allowedPackages: ['@typescript-eslint/typescript-estree', '@typescript-eslint/visitor-keys', 'picomatch', 'scslre'], allowedFolders: ['server/src/engine'] },
    { dir: 'rules', allowedPackages: ['@typescript-eslint/typescript-estree'], allowedFolders: ['rules', 'server/src/engine'] },
    { dir: 'server/src/report', allowedPackages: [], allowedFolders: ['server/src/report', 'server/src/engine', 'rules'] },
    { dir: 'server/src/project', allowedPackages: ['node:', 'jsonc-parser', 'ajv', 'ignore'], allowedFolders: ['server/src/project', 'server/src/engine', 'rules'] },
    { dir: 'server/src/cli', allowedPackages: ['node:', 'ignore'], allowedFolders: ['server/src/cli', 'server/src/engine', 'server/src/report', 'server/src/project', 'rules'] },
    { dir: 'server/src/lsp', allowedPackages: ['node:', 'vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-languageserver-protocol', 'vscode-uri'], allowedFolders: ['server/src/lsp', 'server/src/engine', 'server/src/report', 'server/src/project', 'rules'] },
    { dir: 'client/src', allowedPackages: ['node:', 'vscode', 'vscode-languageclient'], allowedFolders: ['client/src'] },
  ];
  for (const layer of layers) {
    it(`${layer.dir} imports only what it may`, () => {
      const files = sourceFiles(layer.dir);
      assert.ok(files.length > 0);
      for (const file of files) {
        for (const spec of importsOf(file)) {
          const t = target(file, spec);
          const ok = spec.startsWith('.')
            ? layer.allowedFolders.some((f) => t === f || t.startsWith(`${f}/`))
            : layer.allowedPackages.includes(t);
          assert.ok(ok, `${file} imports "${spec}", which ${layer.dir} may not import`);
        }
      }
    });
  }

  it('the client\'s own copies of the names it shares with the server agree with the server\'s (it may not import them)', () => {
    const constant = (file: string, name: string) => {
      const value = new RegExp(`export const ${name} = '([^']+)';`).exec(fs.readFileSync(path.join(ROOT, file), 'utf8'))?.[1];
      assert.ok(value, `${file} no longer defines ${name} as a string literal: update this test`);
      return value;
    };
    assert.equal(constant('client/src/team-config.ts', 'TEAM_FILE_NAME'), TEAM_FILE_NAME);
    assert.equal(constant('client/src/settings.ts', 'SECTION'), SETTINGS_SECTION);
  });
});

describe('meta: every rule is complete and registered', () => {
  const ruleFiles = fs.readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && !['index.ts', 'guideline.ts'].includes(f));

  it('registry and rule files match one to one, file named by rule id', () => {
    assert.deepEqual([...RULE_IDS].sort(), ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort());
    assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
  });

  for (const rule of RULES) {
    const { id } = rule.meta;
    describe(id, () => {
      it('has a doc page quoting its guideline sections', () => {
        const doc = read(`docs/rules/${id}.md`);
        assert.match(doc, new RegExp(`^# ${id}\\b`, 'm'));
        for (const section of rule.meta.guideline) {
          assert.ok(GUIDELINE[section], `unknown guideline section ${section}`);
          assert.ok(doc.includes(section), `doc does not name section ${section}`);
        }
        for (const heading of ['Why', 'How to fix', 'Configur']) assert.match(doc, new RegExp(`^##+ .*${heading}`, 'mi'), `doc lacks a "${heading}" section`);
      });
      it('has a test table', () => {
        assert.ok(fs.existsSync(path.join(ROOT, `test/rules/${id}.test.ts`)));
      });
      it('has an entry in the settings and team-config schemas', () => {
        const settings = manifest.contributes.configuration.properties['codepayGuard.rules'];
        assert.ok(settings.properties[id], 'codepayGuard.rules lacks the rule');
        assert.ok(schema.properties.rules.properties[id], 'schemas/codepay-guard.schema.json lacks the rule');
      });
      it('names its guideline section in every message', () => {
        for (const [messageId, text] of Object.entries(rule.meta.messages)) {
          assert.match(text, /\(guideline \d\.\d[a-z]?/, `message ${messageId} does not name a guideline section`);
        }
      });
      it('declares the safety of every fix it may offer', () => {
        for (const safety of Object.values(rule.meta.fixes ?? {})) assert.ok(safety === 'safe' || safety === 'unsafe');
      });
    });
  }

  it('settings, schema and README rule table are generated from the registry (scripts/sync-rules.mjs --check)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'sync-rules.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('schemas list no rule that does not exist', () => {
    const settings = manifest.contributes.configuration.properties['codepayGuard.rules'];
    assert.deepEqual(Object.keys(settings.properties).sort(), [...RULE_IDS].sort());
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...RULE_IDS].sort());
  });
});

describe('meta: manifest', () => {
  it('contributes resource-scoped settings with descriptions', () => {
    const props = manifest.contributes.configuration.properties;
    for (const key of ['codepayGuard.enable', 'codepayGuard.rules', 'codepayGuard.ignore', 'codepayGuard.trace.server']) {
      assert.ok(props[key], `${key} missing`);
      assert.equal(props[key].scope, 'resource', `${key} must be resource-scoped`);
      assert.ok(props[key].description || props[key].markdownDescription, `${key} lacks a description`);
    }
  });
  it('declares limited support for untrusted workspaces', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });
  it('registers the team-config schema and the suppression grammar', () => {
    assert.ok(manifest.contributes.jsonValidation.some((j: { fileMatch: string | string[]; url: string }) =>
      [j.fileMatch].flat().includes('.codepay-guard.json') && j.url === './schemas/codepay-guard.schema.json'));
    const grammar = manifest.contributes.grammars.find((g: { path: string }) => g.path === './syntaxes/codepay-guard-suppression.tmLanguage.json');
    assert.ok(grammar);
    assert.ok(fs.existsSync(path.join(ROOT, grammar.path)));
  });
  it('the suppression grammar matches the directive forms of DESIGN.md', () => {
    const grammar = JSON.parse(read('syntaxes/codepay-guard-suppression.tmLanguage.json'));
    const re = new RegExp(grammar.repository.directive.match);
    const m = re.exec(' codepay-guard-disable-next-line hardcoded-secret, insecure-transport until 2026-12-31 -- rotated monthly');
    assert.ok(m);
    assert.equal(m[1], 'codepay-guard-disable-next-line');
    assert.equal(m[2].trim(), 'hardcoded-secret, insecure-transport');
    assert.equal(m[4], '2026-12-31');
    assert.equal(m[6], 'rotated monthly');
    assert.ok(re.exec('codepay-guard-enable hardcoded-secret */'));
  });
});
