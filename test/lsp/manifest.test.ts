// The extension manifest and the client agree: commands, client id vs settings prefix, activation, client bundle.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';
import { ROOT } from './lsp-client';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const clientSources = fs.readdirSync(path.join(ROOT, 'client', 'src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8'))
  .join('\n');

describe('manifest and client', () => {
  it('contributes exactly the commands the client registers, in the CodePay Guard category', () => {
    const registered = [...clientSources.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]).sort();
    const contributed = (manifest.contributes.commands as Array<{ command: string; category: string; title: string }>);
    assert.deepEqual(contributed.map((c) => c.command).sort(), registered);
    assert.deepEqual(registered, ['codepayGuard.createTeamConfig', 'codepayGuard.openRuleDoc', 'codepayGuard.restartServer', 'codepayGuard.scanWorkspace', 'codepayGuard.showComplianceReport', 'codepayGuard.showOutput']);
    for (const c of contributed) {
      assert.equal(c.category, 'CodePay Guard');
      assert.ok(c.title.length > 0);
    }
  });

  it('creates the client with the id whose trace setting the manifest contributes', () => {
    const id = /new LanguageClient\(\s*'([^']+)'/.exec(clientSources)?.[1];
    assert.equal(id, 'codepayGuard');
    const trace = manifest.contributes.configuration.properties[`${id}.trace.server`];
    assert.deepEqual(trace?.enum, ['off', 'messages', 'verbose']);
  });

  it('activates on the languages the rules read and on a team file, and not in virtual workspaces', () => {
    const events: string[] = manifest.activationEvents;
    for (const lang of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml', 'dotenv', 'properties', 'xml', 'ini', 'toml', 'dockerfile', 'plaintext', 'shellscript']) {
      assert.ok(events.includes(`onLanguage:${lang}`), lang);
    }
    assert.ok(events.includes('workspaceContains:**/.codepay-guard.json'));
    assert.equal(manifest.capabilities.virtualWorkspaces, false);
    assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 20);
  });

  it('names each rule\'s guideline sections and default in its setting', () => {
    const props = manifest.contributes.configuration.properties['codepayGuard.rules'].properties;
    for (const rule of RULES) {
      const entry = props[rule.meta.id];
      assert.deepEqual(entry.enum, ['off', 'info', 'warning', 'error']);
      for (const section of rule.meta.guideline) assert.ok(entry.markdownDescription.includes(section), `${rule.meta.id}: ${section}`);
      assert.equal(entry.default, rule.meta.defaultSeverity);
    }
  });

  it('the client bundle keeps `vscode` external and carries no engine code', () => {
    const bundle = path.join(ROOT, 'dist', 'client.js');
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: run \`node scripts/bundle.mjs\` (or npm test) first`);
    const code = fs.readFileSync(bundle, 'utf8');
    assert.match(code, /require\("vscode"\)/);
    assert.ok(!code.includes('typescript-estree') && !code.includes('hardcoded-secret'), 'the engine and rules stay in the server');
    assert.ok(code.length < 1_000_000, `client bundle is ${code.length} bytes`);
  });
});
