// Config model tests: merging, team-wide keys feeding rule options, glob semantics (team-file parsing: test/project).
import * as assert from 'node:assert/strict';
import { matchesAnyGlob, mergeConfigs, resolveRule } from '../../server/src/engine';
import { RULES } from '../../rules';

describe('engine: team config', () => {
  it('merges configs: later wins per rule, globs accumulate', () => {
    const m = mergeConfigs({ rules: { a: 'error', b: 'warning' }, ignore: ['x'] }, undefined, { rules: { a: 'off' }, ignore: ['y'], enable: false });
    assert.deepEqual(m, { rules: { a: 'off', b: 'warning' }, ignore: ['x', 'y'], fixtures: [], enable: false });
  });

  it('merges team-wide keys: names joined, clientPaths replaced, patterns by id, suppressions per key', () => {
    const m = mergeConfigs(
      { names: { verifiers: ['a'] }, clientPaths: ['web/**'], secrets: { patterns: [{ id: 'p', regex: 'X1' }], allowed: ['k1'] }, suppressions: { reportUnused: 'error' } },
      { names: { verifiers: ['b', 'a'], maskHelpers: ['m'] }, clientPaths: ['app/**'], secrets: { patterns: [{ id: 'p', regex: 'X2' }, { id: 'q', regex: 'Y' }], allowed: ['k2'] }, suppressions: { requireReason: false } },
    );
    assert.deepEqual(m.names, { verifiers: ['a', 'b'], maskHelpers: ['m'] });
    assert.deepEqual(m.clientPaths, ['app/**']);
    assert.deepEqual(m.secrets, { patterns: [{ id: 'p', regex: 'X2' }, { id: 'q', regex: 'Y' }], allowed: ['k1', 'k2'] });
    assert.deepEqual(m.suppressions, { reportUnused: 'error', requireReason: false });
  });

  it('feeds team-wide names into rule options, after the defaults and before the rule\'s own options', () => {
    const rule = (id: string) => RULES.find((r) => r.meta.id === id)!;
    const audit = resolveRule(rule('missing-audit-log'), { names: { auditLoggers: ['journal.append'] } });
    assert.ok((audit.options.auditLoggers as string[]).includes('journal.append'));
    assert.ok((audit.options.auditLoggers as string[]).length > 1, 'built-in audit loggers are kept');
    const client = resolveRule(rule('secret-in-client-code'), { clientPaths: ['web/**'], secrets: { allowed: ['pk'] } });
    assert.deepEqual(client.options.clientPaths, ['web/**']);
    assert.deepEqual(client.options.allowed, ['pk']);
    const own = resolveRule(rule('unverified-payment-notification'), { names: { verifiers: ['a'] }, rules: { 'unverified-payment-notification': ['warning', { verifiers: ['b'] }] } });
    assert.deepEqual(own, { severity: 'warning', options: { verifiers: ['b'] } });
    assert.deepEqual(resolveRule(rule('hardcoded-secret'), { secrets: { patterns: [{ id: 'x', regex: 'X' }] } }).options.patterns, [{ id: 'x', regex: 'X' }]);
  });

  it('matches globs gitignore-style', () => {
    assert.ok(matchesAnyGlob('a/b/secret.txt', ['secret.txt']));
    assert.ok(matchesAnyGlob('test/fixtures/k.ts', ['test/fixtures/']));
    assert.ok(matchesAnyGlob('test/fixtures/deep/k.ts', ['test/fixtures/**']));
    assert.ok(matchesAnyGlob('.env.local', ['.env*']));
    assert.ok(!matchesAnyGlob('src/test/fixtures/k.ts', ['/test/fixtures']));
    assert.ok(!matchesAnyGlob('src/a.ts', ['*.js']));
    assert.ok(!matchesAnyGlob('src/a.ts', []));
  });
});
