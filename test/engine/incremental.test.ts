// Incremental re-parsing must give exactly the tree a full parse gives, whatever the edit: random edit sequences over
// the bundled examples and over snippets chosen for the hard cases (no semicolons, directives, if/else, modules).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, CANCELLED } from '../../server/src/engine';
import { commonPrefix, commonSuffix, IncrementalParser, type ParseMode } from '../../server/src/engine/incremental';
import { scriptDialect } from '../../server/src/engine/languages';
import { parseScript } from '../../server/src/engine/parse';
import { addHandler, traverse, type DispatchTable } from '../../server/src/engine/traverse';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { GUIDELINE, RULES } from '../../rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** First difference between two trees (ignoring `parent`), as a path, or undefined when they are equal. */
function difference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b) ? undefined : at;
    return Number.isNaN(a) && Number.isNaN(b) ? undefined : `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b) ? undefined : at;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  const ka = Object.keys(a).filter((k) => k !== 'parent');
  const kb = Object.keys(b as object).filter((k) => k !== 'parent');
  if (ka.length !== kb.length) return `${at}: keys ${ka.join(',')} ≠ ${kb.join(',')}`;
  for (const k of ka) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

const SNIPPETS = [
  ';', '\n', ' ', '}', '{', '(', ')', "'", '"', '`', '/', '*', '<', '>', ',', '=', 'a', '0', '\r\n', '\u2028',
  'foo()', '(a)', '[1]', 'else {}', "'use strict';\n", '"use client"\n', "import x from 'y';\n", 'export const q = 1;\n',
  '/* note */', '// note\n', '`t${x}`', 'await x;\n', 'import.meta.url;\n', 'if (a) {}\n', 'function f() {}\n',
  'class C { m() {} }\n', 'const v = 1\n', 'x = y\n', 'let\n', '\n(b)\n', '<div>{a}</div>', 'finally {}',
  "const key = 'sk_live_51H8abcdefghijklmnopqrstu';\n", 'declare module "m" {}\n', 'export default 1;\n',
];

interface Sample {
  name: string;
  text: string;
}

const HARD_CASES: Sample[] = [
  {
    name: 'no-semicolons.js',
    text: [
      "'use strict'", "const express = require('express')", 'const app = express()', '', 'app.post("/pay", (req, res) => {',
      '  const amount = req.body.amount', '  res.json({ amount })', '})', '', 'let x = 1', '(function () {})()', '[1, 2].forEach(f)',
      'if (x) { go() }', 'else { stop() }', 'do { x++ } while (x < 3)', 'label: for (;;) { break label }', '`tpl ${x}`', 'x',
      '++x', 'async function main() { await pay() }', '/re/g.test(x)', '',
    ].join('\n'),
  },
  {
    name: 'module.ts',
    text: [
      '"use strict";', '"another directive";', "import { a } from './a';", 'export interface Order { id: string; total: number }',
      'export enum State { A, B }', 'namespace NS { export const k = 1; }', 'declare global { interface Window { x: 1 } }',
      'export default class Service {', '  @dec() method(@inject() p: string): void {}', '}', 'type T = { [k: string]: number };',
      'export = NS;', 'const r = await fetch("http://localhost");', 'abstract class B<T> { abstract m(): T }', '',
    ].join('\r\n'),
  },
  {
    name: 'view.tsx',
    text: [
      "import React from 'react';", 'export function Pay({ amount }: { amount: number }) {', '  return <form action="/pay">',
      '    <input name="amount" value={amount} />', '    {/* comment */}', '  </form>;', '}', 'const el = <div>text</div>;',
      'const g = <T,>(x: T) => x;', '',
    ].join('\n'),
  },
];

function samples(): Sample[] {
  const out: Sample[] = [...HARD_CASES];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(?:[cm]?[jt]s|[jt]sx)$/.test(entry.name)) out.push({ name: path.relative(ROOT, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(ROOT, 'examples'));
  return out;
}

/** One random edit of the text: insert a snippet, delete a span, or move a line elsewhere. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.5) return text.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 12)));
  const lines = text.split('\n');
  const from = Math.floor(rnd() * lines.length);
  const [line] = lines.splice(from, 1);
  lines.splice(Math.floor(rnd() * (lines.length + 1)), 0, line);
  return lines.join('\n');
}

/** One character typed inside a random string literal of the code (not in a comment line): the text keeps parsing. */
function typeInStringLiteral(text: string, rnd: () => number): string {
  const strings = [...text.matchAll(/^(?!\s*\/\/).*?('[^'\n]*')/gm)];
  const literal = strings[Math.floor(rnd() * strings.length)];
  const at = literal.index + literal[0].length - literal[1].length + 1 + Math.floor(rnd() * (literal[1].length - 1));
  return text.slice(0, at) + 'z' + text.slice(at);
}

describe('engine: incremental re-parsing', () => {
  it('gives exactly the tree of a full parse after every one of many random edits (and fails when it fails)', function () {
    this.timeout(300_000);
    const modes: Record<ParseMode, number> = { full: 0, incremental: 0, unchanged: 0 };
    let steps = 0;
    for (const sample of samples()) {
      const dialect = scriptDialect(sample.name)!;
      for (const comments of [true, false]) {
        for (let seed = 1; seed <= 3; seed++) {
          const rnd = random(seed * 7919 + sample.name.length);
          const parser = new IncrementalParser(0);
          let text = sample.text;
          for (let step = 0; step < 40; step++) {
            // Mostly small edits of the current text; sometimes several at once, and sometimes back to a valid text.
            if (step % 13 === 12) text = sample.text;
            else for (let k = rnd() < 0.2 ? 3 : 1; k > 0; k--) text = edit(text, rnd);
            const expected = parseScript(text, dialect, comments);
            const actual = parser.parse(text, dialect, comments);
            if (expected.ok) {
              modes[parser.lastMode]++;
              steps++;
            }
            const where = `${sample.name} (seed ${seed}, step ${step}, comments ${comments}, ${parser.lastMode})`;
            assert.equal(actual.ok, expected.ok, `${where}: parses ${actual.ok} but a full parse ${expected.ok ? 'succeeds' : 'fails'}`);
            if (actual.ok && expected.ok) {
              const diff = difference(actual.ast, expected.ast);
              assert.equal(diff, undefined, `${where}: differs at ${diff}\n--- text ---\n${text}`);
            }
          }
        }
      }
    }
    // Not vacuous: many of the versions that parse were parsed incrementally.
    assert.ok(modes.incremental > steps / 4, `incremental parses: ${JSON.stringify(modes)} of ${steps}`);
  });

  it('keeps the last good tree while the text does not parse, and continues from it', () => {
    const dialect = scriptDialect('a.ts')!;
    const parser = new IncrementalParser(0);
    const base = 'const a = 1;\nfunction f() { return a; }\nconst b = 2;\n';
    assert.equal(parser.parse(base, dialect, true).ok, true);
    assert.equal(parser.lastMode, 'full');
    const broken = base.replace('return a;', 'return a +');
    assert.equal(parser.parse(broken, dialect, true).ok, false);
    const fixed = base.replace('return a;', 'return a + b;');
    const result = parser.parse(fixed, dialect, true);
    assert.equal(parser.lastMode, 'incremental');
    assert.equal(difference(result.ok && result.ast, (parseScript(fixed, dialect, true) as { ast: unknown }).ast), undefined);
  });

  it('lets analyze() reuse the tree of the previous version, with the same findings as a fresh analysis', () => {
    const parser = new IncrementalParser(0);
    const file = 'examples/server/routes/checkout.ts';
    let text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const options = { path: file, rules: RULES, guidelineText: GUIDELINE };
    analyze(text, { ...options, parser });
    const rnd = random(42);
    let reused = 0;
    for (let step = 0; step < 30; step++) {
      // Typing inside a string literal of the code (it keeps parsing); every fifth version has a random edit on top.
      text = typeInStringLiteral(text, rnd);
      const version = step % 5 === 4 ? edit(text, rnd) : text;
      const incremental = analyze(version, { ...options, parser });
      const fresh = analyze(version, options);
      if (incremental.stats.reusedParse) reused++;
      assert.deepEqual(incremental.findings, fresh.findings, `step ${step}`);
      assert.deepEqual(incremental.parseError, fresh.parseError, `step ${step}`);
    }
    assert.ok(reused >= 20, `reused ${reused} of 30`);
  });

  it('parses edits ahead of their analysis (prepare): the same trees and findings as a fresh analysis', function () {
    this.timeout(120_000);
    // Trees: several versions prepared one after another, as while typing, then the last one analysed.
    let ahead = 0;
    let steps = 0;
    for (const sample of samples()) {
      const dialect = scriptDialect(sample.name)!;
      const rnd = random(31 + sample.name.length);
      const parser = new IncrementalParser(0);
      let text = sample.text;
      parser.parse(text, dialect, true);
      for (let step = 0; step < 20; step++) {
        for (let typed = 1 + Math.floor(rnd() * 3); typed > 0; typed--) {
          text = step % 7 === 6 ? sample.text : edit(text, rnd);
          parser.prepare(text);
        }
        const expected = parseScript(text, dialect, true);
        const actual = parser.parse(text, dialect, true);
        const where = `${sample.name} (step ${step}, ${parser.lastMode})`;
        assert.equal(actual.ok, expected.ok, `${where}: parses ${actual.ok} but a full parse ${expected.ok ? 'succeeds' : 'fails'}`);
        if (actual.ok && expected.ok) assert.equal(difference(actual.ast, expected.ast), undefined, `${where}\n--- text ---\n${text}`);
        if (expected.ok) steps++;
        if (actual.ahead) ahead++;
        if (actual.ahead) assert.equal(parser.lastMode, 'unchanged', `${where}: a prepared text is found parsed`);
      }
    }
    assert.ok(ahead > steps / 3, `parsed ahead: ${ahead} of ${steps}`);

    // Findings: typing in a real file, each version prepared before its analysis.
    const parser = new IncrementalParser(0);
    const file = 'examples/server/routes/checkout.ts';
    let text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const options = { path: file, rules: RULES, guidelineText: GUIDELINE };
    analyze(text, { ...options, parser });
    const rnd = random(7);
    let parsedAhead = 0;
    for (let step = 0; step < 30; step++) {
      // Typing inside a string literal (it keeps parsing), a character per version, each prepared as it comes; every
      // fifth analysed version has a random edit on top.
      for (let typed = 1 + Math.floor(rnd() * 3); typed > 0; typed--) {
        text = typeInStringLiteral(text, rnd);
        parser.prepare(text);
      }
      const version = step % 5 === 4 ? edit(text, rnd) : text;
      if (version !== text) parser.prepare(version);
      const prepared = analyze(version, { ...options, parser });
      const fresh = analyze(version, options);
      if (prepared.stats.parsedAhead) parsedAhead++;
      assert.deepEqual(prepared.findings, fresh.findings, `step ${step}`);
      assert.deepEqual(prepared.parseError, fresh.parseError, `step ${step}`);
      // Analysed once, the text no longer counts as parsed ahead.
      assert.equal(analyze(version, { ...options, parser }).stats.parsedAhead, undefined);
    }
    assert.ok(parsedAhead >= 10, `parsed ahead ${parsedAhead} of 30`);
  });

  it('an analysis cancelled part way (a newer edit came) returns nothing, and the next analysis is the same as a fresh one', () => {
    const file = 'examples/server/routes/checkout.ts';
    const original = fs.readFileSync(path.join(ROOT, file), 'utf8');
    // Long enough for the walk to ask its stop hook several times (every 256 nodes).
    const text = [original, ...Array.from({ length: 4 }, () => original.replace(/^import .*$/gm, ''))].join('\n');
    const options = { path: file, rules: RULES, guidelineText: GUIDELINE };
    const fresh = analyze(text, options);
    assert.ok(fresh.findings.length > 0 && fresh.stats.nodes > 1024);
    for (const after of [0, 1, 3]) {
      const parser = new IncrementalParser(0);
      analyze(original, { ...options, parser });
      let asked = 0;
      const cancelled = analyze(text, { ...options, parser, cancelled: () => ++asked > after });
      assert.equal(cancelled.skipped, CANCELLED, `cancelled after ${after} question(s)`);
      assert.deepEqual([cancelled.findings, cancelled.stats.parses], [[], 1], 'parsed, then stopped: no findings');
      // The walks recorded before the stop are replayed next time, the rest walked: the same findings as a fresh analysis.
      const next = analyze(text, { ...options, parser });
      assert.deepEqual(next.findings, fresh.findings, `the analysis after one cancelled after ${after} question(s)`);
      assert.equal(next.skipped, undefined);
    }
    // Never cancelled: the same result as without the hook.
    assert.deepEqual(analyze(text, { ...options, cancelled: () => false }).findings, fresh.findings);
  });
});

/** A dispatch table that logs every enter and exit of the given node types: type, span and the parent's type. */
function loggingTable(types: readonly string[], exits: readonly string[], log: string[]): DispatchTable {
  const table: DispatchTable = new Map();
  const owner = { failed: false, fail: (err: unknown) => { throw err; } };
  const entry = (key: string) => (node: TSESTree.Node) => log.push(`${key} ${node.range[0]}-${node.range[1]} in ${node.parent?.type ?? '-'}`);
  for (const type of types) addHandler(table, type, entry(type), owner);
  for (const type of exits) addHandler(table, `${type}:exit`, entry(`${type}:exit`), owner);
  return table;
}

describe('engine: locating the edit', () => {
  it('finds the common prefix and suffix of two texts, whatever their length and wherever they differ', () => {
    const rnd = random(5);
    const naivePrefix = (a: string, b: string, limit: number) => {
      let n = 0;
      while (n < limit && a[n] === b[n]) n++;
      return n;
    };
    const naiveSuffix = (a: string, b: string, limit: number) => {
      let n = 0;
      while (n < limit && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
      return n;
    };
    for (let i = 0; i < 400; i++) {
      const length = Math.floor(rnd() * (i % 4 === 0 ? 20_000 : 5_000));
      const base = Array.from({ length }, () => 'ab\n{é'[Math.floor(rnd() * 5)]).join('');
      const at = Math.floor(rnd() * (length + 1));
      const cut = Math.floor(rnd() * 3);
      const inserted = ['', 'b', 'xyz', 'a'.repeat(3000)][Math.floor(rnd() * 4)];
      const edited = base.slice(0, at) + inserted + base.slice(Math.min(length, at + cut));
      const common = Math.min(base.length, edited.length);
      const prefix = commonPrefix(base, edited, common);
      assert.equal(prefix, naivePrefix(base, edited, common), `prefix, case ${i}`);
      assert.equal(commonSuffix(base, edited, common - prefix), naiveSuffix(base, edited, common - prefix), `suffix, case ${i}`);
      assert.equal(commonPrefix(base, base, length), length);
      assert.equal(commonSuffix(base, base, length), length);
    }
  });
});

describe('engine: replayed walks of kept statements', () => {
  const ALL_TYPES = Object.keys(visitorKeys);
  const EXITS = ['FunctionDeclaration', 'ArrowFunctionExpression', 'FunctionExpression', 'ClassBody', 'BlockStatement', 'CallExpression', 'Program'];

  it('runs the same handlers on the same nodes in the same order as a fresh walk, after many random edits', function () {
    this.timeout(300_000);
    let replays = 0;
    let walks = 0;
    for (const sample of samples()) {
      const dialect = scriptDialect(sample.name)!;
      const rnd = random(31 + sample.name.length);
      const parser = new IncrementalParser(0);
      let text = sample.text;
      for (let step = 0; step < 25; step++) {
        for (let k = rnd() < 0.2 ? 3 : 1; k > 0; k--) text = edit(text, rnd);
        const actual = parser.parse(text, dialect, false);
        if (!actual.ok) continue;
        const expected = parseScript(text, dialect, false);
        assert.ok(expected.ok);
        // Half the steps listen to fewer node types: a recording made for other handlers must not be replayed.
        const types = step % 4 === 3 ? ['Identifier', 'Literal', 'CallExpression'] : ALL_TYPES;
        const replayedLog: string[] = [];
        const freshLog: string[] = [];
        const replayedNodes = traverse(actual.ast, loggingTable(types, EXITS, replayedLog), undefined, parser.traversal);
        const freshNodes = traverse(expected.ast, loggingTable(types, EXITS, freshLog));
        assert.equal(replayedNodes, freshNodes, `${sample.name} step ${step}: nodes`);
        assert.deepEqual(replayedLog, freshLog, `${sample.name} step ${step}`);
        replays += parser.traversal.lastReplays;
        walks++;
      }
    }
    // Not vacuous: most walks replayed statements kept from the previous version.
    assert.ok(replays > walks * 2, `${replays} statements replayed in ${walks} walks`);
  });

  it('records again when the handlers listen to other node types, and stops where the time budget says', () => {
    const dialect = scriptDialect('a.ts')!;
    const parser = new IncrementalParser(0);
    // Enough statements for the budget to be asked (every few hundred nodes).
    const filler = Array.from({ length: 300 }, (_, i) => `const v${i} = [${i}, 'x'];`).join('\n');
    const text = `const a = f(1);\nfunction g(x) { return x + "s"; }\nclass C { m() { return [a, 2]; } }\n${filler}\n`;
    const parsed = parser.parse(text, dialect, false);
    assert.ok(parsed.ok);
    const identifiers: string[] = [];
    traverse(parsed.ast, loggingTable(['Identifier'], [], identifiers), undefined, parser.traversal);
    const again = parser.parse(text.replace('f(1)', 'f(12)'), dialect, false);
    assert.ok(again.ok);
    const more: string[] = [];
    traverse(again.ast, loggingTable(['Identifier', 'Literal'], ['FunctionDeclaration'], more), undefined, parser.traversal);
    assert.equal(parser.traversal.lastReplays, 0, 'other handlers: nothing replayed');
    const fresh: string[] = [];
    traverse(parseScriptOk(text.replace('f(1)', 'f(12)')), loggingTable(['Identifier', 'Literal'], ['FunctionDeclaration'], fresh));
    assert.deepEqual(more, fresh);
    // Same handlers, same tree: everything is replayed, and a budget spent after a few entries stops the replay there.
    let asked = 0;
    const stopped: string[] = [];
    traverse(again.ast, loggingTable(['Identifier', 'Literal'], ['FunctionDeclaration'], stopped), () => ++asked >= 1, parser.traversal);
    assert.ok(stopped.length < fresh.length, `${stopped.length} of ${fresh.length} entries after the budget was spent`);
    const all: string[] = [];
    traverse(again.ast, loggingTable(['Identifier', 'Literal'], ['FunctionDeclaration'], all), undefined, parser.traversal);
    assert.equal(parser.traversal.lastReplays, again.ast.body.length);
    assert.deepEqual(all, fresh);
  });
});

function parseScriptOk(text: string): TSESTree.Program {
  const parsed = parseScript(text, scriptDialect('a.ts')!, false);
  assert.ok(parsed.ok);
  return parsed.ast;
}
