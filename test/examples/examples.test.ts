// The bundled example app is the product's demo and its precision check: every `BAD (rule)` marker is reported by
// that rule right below the marker, and nothing else is reported anywhere (GOOD counterparts stay silent).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
/** How far below its marker a defect may start (multi-line statements, decorators). */
const BLOCK_LINES = 8;
const MARKER = /\b(?:BAD \(|GOOD:)/;

interface Block { file: string; rule: string; from: number; to: number; marker: number }

function markerBlocks(): Block[] {
  const blocks: Block[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) { walk(abs); continue; }
      if (entry.name === 'README.md') continue;
      const lines = fs.readFileSync(abs, 'utf8').split(/\r?\n/);
      lines.forEach((text, i) => {
        const m = /\bBAD \(([a-z-]+(?:,\s*[a-z-]+)*)\)/.exec(text);
        if (!m) return;
        // Markers may be stacked above one element (several attributes of a manifest tag): skip the stack first.
        let from = i + 1;
        while (from < lines.length && MARKER.test(lines[from])) from++;
        let to = from;
        while (to < Math.min(lines.length, from + BLOCK_LINES) && lines[to].trim() !== '' && !MARKER.test(lines[to])) to++;
        for (const rule of m[1].split(/,\s*/)) blocks.push({ file: path.relative(EXAMPLES, abs), rule, from: from + 1, to, marker: i + 1 });
      });
    }
  };
  walk(EXAMPLES);
  return blocks;
}

describe('examples/: what the scanner must report', function () {
  this.timeout(60_000);
  const blocks = markerBlocks();
  // Rules, and the engine's own findings about suppression comments (an expired one in config/.env).
  const shipped = blocks.filter((b) => RULE_IDS.includes(b.rule) || b.rule === 'suppression-comment');
  let findings: Array<{ file: string; rule: string; line: number }> = [];

  before(() => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'scan', EXAMPLES, '--format', 'json'], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const report = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
    findings = report.flatMap((f) => f.messages.map((m) => ({ file: path.relative(EXAMPLES, f.filePath), rule: m.ruleId, line: m.line })));
  });

  it('has markers for every shipped rule, and findings to check', () => {
    assert.ok(findings.length >= shipped.length, `${findings.length} findings for ${shipped.length} markers`);
    for (const rule of RULE_IDS) assert.ok(shipped.some((b) => b.rule === rule), `no BAD (${rule}) marker in examples/`);
  });

  it('reports every BAD marker of a shipped rule, right below it', () => {
    const missed = shipped.filter((b) => !findings.some((f) => f.file === b.file && f.rule === b.rule && f.line >= b.from && f.line <= b.to));
    assert.deepEqual(missed.map((b) => `${b.file}:${b.marker} ${b.rule}`), []);
  });

  it('reports nothing that no marker announces (the GOOD counterparts stay silent)', () => {
    const unexpected = findings.filter((f) => !blocks.some((b) => b.file === f.file && b.rule === f.rule && f.line >= b.from && f.line <= b.to));
    assert.deepEqual(unexpected.map((f) => `${f.file}:${f.line} ${f.rule}`), []);
  });
});
