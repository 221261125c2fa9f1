// Soundness of the rule pre-filter on the benchmark corpus: every file is analysed in process with the pre-filter
// (`Rule.mayReport`, the default) and without it, and the findings must be identical. Prints how much work the
// pre-filter skipped (parses, rules) and the in-process analysis time both ways; exits 1 on any difference.
//
//   node bench/verify-prefilter.mjs [--quick] [--json <file>]     (also `npm run bench -- --verify-prefilter [--quick]`)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareCorpus } from './corpus.mjs';
import { loadEngineBundle } from './engine.mjs';
import { formatNumber } from './stats.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Differences printed in full; the rest are counted. */
const SHOWN_DIFFERENCES = 20;

const loadEngine = () => loadEngineBundle({ name: 'engine-bundle-prefilter', engineExports: ['analyze', 'isDeclarationFile'] });

/** What must not change: every finding (rule, span, message, severity, fixes, fingerprint) and every suppression. */
function outcome(result) {
  return JSON.stringify({ findings: result.findings, suppressions: result.suppressions, baselined: result.baselined, skipped: result.skipped });
}

function firstDifference(a, b) {
  const x = JSON.parse(a);
  const y = JSON.parse(b);
  const describe = (f) => (f ? `${f.ruleId}/${f.messageId} at ${f.start}-${f.end} (${f.severity}): ${f.message}` : 'nothing');
  const n = Math.max(x.findings.length, y.findings.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(x.findings[i]) !== JSON.stringify(y.findings[i])) return `with: ${describe(x.findings[i])}; without: ${describe(y.findings[i])}`;
  }
  return 'suppressions or skip reason differ';
}

async function main() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { quick: { type: 'boolean' }, json: { type: 'string' } } });
  const log = (message) => console.error(message);
  const corpus = prepareCorpus({ repoRoot, quick: values.quick ?? false, log });
  log(`corpus: ${corpus.files.length} files in ${corpus.root}${corpus.rebuilt ? ' (built now)' : ' (cached)'}`);
  const engine = await loadEngine();
  const base = { rules: engine.RULES, guidelineText: engine.GUIDELINE, today: '2025-06-01' };

  const totals = {
    files: 0, bytes: 0, scripts: 0, declarations: 0, declarationBytes: 0, findings: 0, differences: 0, parseSkipped: 0, parseSkippedBytes: 0, parses: { with: 0, without: 0 },
    rulesSkipped: 0, ruleRuns: 0, filesWithSkippedRules: 0, ms: { with: 0, without: 0 },
  };
  const skippedByRule = Object.fromEntries(engine.RULES.map((r) => [r.meta.id, 0]));
  const shown = [];
  for (const [index, file] of corpus.files.entries()) {
    // Editors and the scanner drop the byte-order mark; so does the bench's bare parse.
    const text = readFileSync(join(corpus.root, file.rel), 'utf8').replace(/^\uFEFF/, '');
    const options = { ...base, path: file.rel };
    // Alternate which mode runs first, so that warm caches and the garbage collector favour neither.
    const order = index % 2 === 0 ? [true, false] : [false, true];
    const results = {};
    for (const prefilter of order) {
      const started = performance.now();
      results[prefilter] = engine.analyze(text, { ...options, prefilter });
      totals.ms[prefilter ? 'with' : 'without'] += performance.now() - started;
    }
    const filtered = results.true;
    const full = results.false;
    totals.files++;
    totals.bytes += file.bytes;
    totals.findings += full.findings.length;
    totals.parses.with += filtered.stats.parses;
    totals.parses.without += full.stats.parses;
    if (full.stats.parses > 0 || filtered.stats.parseSkipped) totals.scripts++;
    if (engine.isDeclarationFile(file.rel)) {
      totals.declarations++;
      totals.declarationBytes += file.bytes;
    }
    if (filtered.stats.parseSkipped) {
      totals.parseSkipped++;
      totals.parseSkippedBytes += file.bytes;
    }
    const skipped = filtered.stats.rulesSkipped ?? 0;
    totals.rulesSkipped += skipped;
    totals.ruleRuns += engine.RULES.length;
    if (skipped > 0) totals.filesWithSkippedRules++;
    if (skipped > 0) {
      // Which rules: run each alone (cheap: the pre-filter answers before any parse when the rule is skipped).
      for (const rule of engine.RULES) {
        if (engine.analyze(text, { ...options, rules: [rule], prefilter: true }).stats.rulesSkipped === 1) skippedByRule[rule.meta.id]++;
      }
    }
    const a = outcome(filtered);
    const b = outcome(full);
    if (a !== b) {
      totals.differences++;
      if (shown.length < SHOWN_DIFFERENCES) shown.push(`${file.rel}: ${firstDifference(a, b)}`);
    }
  }

  const pct = (n, of) => `${formatNumber((100 * n) / Math.max(1, of), 1)}%`;
  const lines = [
    `# Rule pre-filter on the ${values.quick ? 'quick ' : ''}benchmark corpus`, '',
    `${formatNumber(totals.files, 0)} files (${formatNumber(totals.bytes / 1e6, 1)} MB), ${formatNumber(totals.findings, 0)} findings without the pre-filter.`, '',
    `- **differences: ${totals.differences}** (findings, spans, messages, severities, fixes, fingerprints and suppressions compared file by file)`,
    `- declaration files (never parsed, judged on their text by the rules that opt in): ${formatNumber(totals.declarations, 0)} (${pct(totals.declarationBytes, totals.bytes)} of the bytes)`,
    `- parses skipped: ${formatNumber(totals.parseSkipped, 0)} of ${formatNumber(totals.scripts, 0)} other scripts (${pct(totals.parseSkippedBytes, totals.bytes)} of the bytes); parser runs ${formatNumber(totals.parses.with, 0)} with, ${formatNumber(totals.parses.without, 0)} without`,
    `- rules skipped: ${formatNumber(totals.rulesSkipped, 0)} of ${formatNumber(totals.ruleRuns, 0)} rule runs (${pct(totals.rulesSkipped, totals.ruleRuns)}), in ${formatNumber(totals.filesWithSkippedRules, 0)} files`,
    `- in-process analysis: ${formatNumber(totals.ms.with / 1000, 2)} s with, ${formatNumber(totals.ms.without / 1000, 2)} s without (×${formatNumber(totals.ms.with / Math.max(1, totals.ms.without), 2)}; one process, both modes alternated, noisy)`,
    '', '| rule | files where it was skipped |', '| --- | --- |',
    ...Object.entries(skippedByRule).sort((x, y) => y[1] - x[1]).map(([id, n]) => `| ${id} | ${formatNumber(n, 0)} (${pct(n, totals.files)}) |`),
  ];
  if (shown.length) lines.push('', '## Differences', '', ...shown.map((s) => `- ${s}`), ...(totals.differences > shown.length ? [`- … and ${totals.differences - shown.length} more`] : []));
  console.log(lines.join('\n'));
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ ...totals, skippedByRule, differencesShown: shown }, null, 2)}\n`);
  process.exitCode = totals.differences === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
