// Config model tests: team-file parsing and validation, merging, glob semantics.
import * as assert from 'node:assert/strict';
import { matchesAnyGlob, mergeConfigs, parseTeamConfig } from '../../server/src/engine';

describe('engine: team config', () => {
  const known = ['hardcoded-secret', 'insecure-transport'];

  it('parses JSON with comments and trailing commas', () => {
    const r = parseTeamConfig('{\n // team rules\n "rules": { "hardcoded-secret": ["warning", {"x": 1}], },\n "fixtures": ["test/**"],\n}', known);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.config, { rules: { 'hardcoded-secret': ['warning', { x: 1 }] }, fixtures: ['test/**'] });
  });

  it('explains each invalid entry and keeps the valid ones', () => {
    const r = parseTeamConfig('{"rules": {"nope": "error", "hardcoded-secret": "loud", "insecure-transport": "off"}, "ignore": "dist"}', known);
    assert.deepEqual(r.config, { rules: { 'insecure-transport': 'off' } });
    assert.deepEqual(r.errors, ['unknown rule "nope"', 'rule "hardcoded-secret": severity must be off, info, warning or error', '"ignore" must be an array of glob strings']);
  });

  it('names unknown settings (a typo must not silently drop a setting)', () => {
    const r = parseTeamConfig('{"$schema": "x.json", "fixturez": ["test/**"]}', known);
    assert.deepEqual(r.errors, ['unknown setting "fixturez"']);
  });

  it('reports syntax errors and non-object files', () => {
    assert.match(parseTeamConfig('{"rules": ', known).errors[0], /offset/);
    assert.deepEqual(parseTeamConfig('[1]', known).errors, ['the file must contain a JSON object']);
  });

  it('merges configs: later wins per rule, globs accumulate', () => {
    const m = mergeConfigs({ rules: { a: 'error', b: 'warning' }, ignore: ['x'] }, undefined, { rules: { a: 'off' }, ignore: ['y'], enable: false });
    assert.deepEqual(m, { rules: { a: 'off', b: 'warning' }, ignore: ['x', 'y'], fixtures: [], enable: false });
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
