// Declaration files (.d.ts) are never executed: of the real rules, only those about what is written in a file judge
// them (hardcoded-secret), on their text; the rules about what code does stay silent even on code that would trip them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, scriptDialect } from '../../server/src/engine';
import { GUIDELINE, RULES } from '../../rules';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

function scriptsUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return scriptsUnder(abs);
    return scriptDialect(abs) ? [abs] : [];
  });
}

describe('rules: declaration files', () => {
  const scripts = scriptsUnder(EXAMPLES);
  const options = { rules: RULES, guidelineText: GUIDELINE, today: '2025-06-01' };

  it('only the rules that opt in judge them: hardcoded-secret', () => {
    assert.deepEqual(RULES.filter((r) => r.meta.declarationFiles).map((r) => r.meta.id), ['hardcoded-secret']);
  });

  it('the bundled examples renamed to .d.ts: no parse, and only their written-out keys are reported', () => {
    const asScripts = new Set<string>();
    let keys = 0;
    for (const abs of scripts) {
      const text = fs.readFileSync(abs, 'utf8');
      const rel = path.relative(EXAMPLES, abs).split(path.sep).join('/');
      const script = analyze(text, { ...options, path: rel });
      for (const f of script.findings) asScripts.add(f.ruleId);
      const declaration = analyze(text, { ...options, path: rel.replace(/\.[cm]?[jt]sx?$/, '.d.ts') });
      assert.equal(declaration.stats.parses, 0, rel);
      assert.deepEqual([...new Set(declaration.findings.map((f) => f.ruleId))].filter((id) => id !== 'hardcoded-secret'), [], rel);
      // The keys the parse finds in literals, the text checks find too.
      const parsedKeys = script.findings.filter((f) => f.ruleId === 'hardcoded-secret' && f.messageId === 'providerKey').length;
      assert.ok(declaration.findings.filter((f) => f.messageId === 'providerKey').length >= parsedKeys, rel);
      keys += declaration.findings.length;
    }
    assert.ok(scripts.length >= 10 && asScripts.size >= 10, `the examples exercise ${asScripts.size} rules in ${scripts.length} scripts`);
    assert.ok(keys > 0, 'the examples hold keys the declaration-file checks find');
  });
});
