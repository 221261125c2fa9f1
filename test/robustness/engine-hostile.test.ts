// The engine on hostile input: every case ends with a result or a clear skip, within a deadline that only a hang
// reaches, without an internal error or a rule failure, and the text checks still find a key planted in it.
import * as assert from 'node:assert/strict';
import { DeadlineRunner, HANG_DEADLINE_MS, type JobOutcome } from './deadline-runner';
import {
  characterRunCases, largeCases, nestingCases, shapeCases, targetedAttackCases, type HostileCase,
} from './hostile-cases';

/** Rules that report a planted provider key: in source and config, and in client code. */
const KEY_RULES = ['hardcoded-secret', 'secret-in-client-code'];

/** Timings of the cases, printed once at the end (figures for the record, not assertions). */
const timings: Array<{ name: string; ms: number; note: string }> = [];

function problemsOf(c: HostileCase, outcome: JobOutcome): string[] {
  if (outcome.kind === 'hang') return [`no result within ${outcome.afterMs} ms (a hang)`];
  if (outcome.kind === 'threw') return [`analyze() threw: ${outcome.error.split('\n')[0]}`];
  if (outcome.kind !== 'done') return ['unexpected sweep result'];
  const s = outcome.summary;
  timings.push({ name: c.name, ms: s.ms, note: s.skipped ? `skipped: ${s.skipped}` : s.incomplete ?? (s.parseError ? 'did not parse: text checks' : '') });
  const problems = s.failures.map((f) => `failure note: ${f}`);
  const budgetSpent = /time budget/.test(s.incomplete ?? '');
  switch (c.expect) {
    case 'binary':
      if (s.skipped !== 'binary content') problems.push(`expected a binary skip, got ${JSON.stringify(s.skipped)}`);
      break;
    case 'hard cap':
      if (!/^larger than 20000000 characters$/.test(s.skipped ?? '')) problems.push(`expected the hard-cap skip, got ${JSON.stringify(s.skipped)}`);
      break;
    case 'text checks only':
      if (!/file too large for full analysis \(more than \d+ characters\): text checks only/.test(s.incomplete ?? '')) {
        problems.push(`expected "text checks only", got ${JSON.stringify(s.incomplete)}`);
      }
      break;
    default:
      if (s.skipped) problems.push(`unexpected skip: ${s.skipped}`);
  }
  // A key planted outside the hostile part is reported, unless the time budget ended the analysis first (said so).
  if (c.plantedKey && !budgetSpent && !s.ruleIds.some((id) => KEY_RULES.includes(id))) problems.push('the planted key was not reported');
  return problems;
}

async function runCases(runner: DeadlineRunner, cases: readonly HostileCase[]): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases) {
    const outcome = await runner.run({ text: c.text(), path: c.path, limits: c.maxFileSize ? { maxFileSize: c.maxFileSize } : undefined });
    for (const p of problemsOf(c, outcome)) failures.push(`${c.name} (${c.path}): ${p}`);
  }
  return failures;
}

describe('robustness: the engine on hostile input', function () {
  // Per case the deadline is HANG_DEADLINE_MS; a group may hold many cases.
  this.timeout(20 * 60_000);
  const runner = new DeadlineRunner();
  after(async () => {
    await runner.close();
    const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 8);
    console.log(`      slowest cases (deadline ${HANG_DEADLINE_MS} ms each):`);
    for (const t of slowest) console.log(`        ${Math.round(t.ms).toString().padStart(6)} ms  ${t.name}${t.note ? ` — ${t.note}` : ''}`);
  });

  it('empty, blank, binary, invalid UTF-8, BOM, CRLF/CR, surrogates, unterminated and malformed files', async () => {
    assert.deepEqual(await runCases(runner, shapeCases()), []);
  });

  it('a 10 MB bundle and a 2.5 MB script get the text checks; a 50,000-line file is analysed; 25 MB is skipped', async () => {
    assert.deepEqual(await runCases(runner, largeCases()), []);
  });

  it('nesting 10,000 deep in 16 shapes degrades to the text checks, never a stack overflow', async () => {
    assert.deepEqual(await runCases(runner, nestingCases()), []);
  });

  it('lines built against the rules\' regular expressions (the cases that were super-linear before)', async () => {
    assert.deepEqual(await runCases(runner, targetedAttackCases()), []);
  });

  it('long runs of every character the rules\' quantifiers repeat, in every format\'s value positions', async () => {
    assert.deepEqual(await runCases(runner, characterRunCases()), []);
  });
});
