// The analysis runners of the language server: the real worker (started from the compiled worker module), and a fake
// one that hangs, crashes or runs out of memory on demand, for the hard deadline, restarts and the fallback to the
// server's own thread. No assertion depends on speed: a hang is endless, and waits are for log lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, mergeConfigs, MIN_INCREMENTAL_CHARS } from '../../server/src/engine';
import { ProjectConfig, settingsToConfig } from '../../server/src/project';
import { GUIDELINE, RULES } from '../../rules';
import { noteDiagnostic, resultNote, stoppedNote, ANALYSIS_NOTE_CODE } from '../../server/src/lsp/analysis-notes';
import { InlineRunner, WorkerRunner, type AnalysisJob, type AnalysisOutcome, type WorkerRunnerOptions } from '../../server/src/lsp/analysis-runner';
import type { AheadReport, AnalysisSummary } from '../../server/src/lsp/analysis-worker';
import { fakeKey } from '../cli/helpers';
import { FAKE_NOTE } from './fake-analysis-worker';

const KEY = fakeKey('RUNNER');
const FAKE_WORKER = path.join(__dirname, 'fake-analysis-worker.js');
const keyFile = (name = 'pay'): AnalysisJob => ({ key: `file:///ws/${name}.ts`, text: `export const stripeKey = '${KEY}';\n`, path: `src/${name}.ts`, config: {} });
const job = (key: string, text: string): AnalysisJob => ({ key, text, path: `src/${key}.ts`, config: {} });

function done(outcome: AnalysisOutcome) {
  assert.equal(outcome.kind, 'done', `expected a result, got ${JSON.stringify(outcome)}`);
  return (outcome as Extract<AnalysisOutcome, { kind: 'done' }>).result;
}

/** A runner with its log lines, and a wait for a log line (re-checked as lines come). */
function runner(options: Omit<WorkerRunnerOptions, 'name' | 'log'> = {}) {
  const logs: string[] = [];
  const waiters: Array<() => void> = [];
  const r = new WorkerRunner({
    name: 'test', ...options,
    log: (level, message) => {
      logs.push(`${level}: ${message}`);
      for (const w of waiters.splice(0)) w();
    },
  });
  const waitForLog = (pattern: RegExp) => new Promise<string>((resolve) => {
    const check = () => {
      const line = logs.find((l) => pattern.test(l));
      if (line) resolve(line);
      else waiters.push(check);
    };
    check();
  });
  return { runner: r, logs, waitForLog };
}

describe('lsp: analysis runners', function () {
  this.timeout(60_000);
  const disposers: Array<() => void> = [];
  afterEach(() => { for (const d of disposers.splice(0)) d(); });
  const make = (...args: Parameters<typeof runner>) => {
    const made = runner(...args);
    disposers.push(() => made.runner.dispose());
    return made;
  };

  it('the real worker (compiled module) gives the same result as analysing in this thread, baseline included', async () => {
    const { runner: r, logs } = make();
    const inThread = analyze(keyFile().text, { path: 'src/pay.ts', rules: RULES, guidelineText: GUIDELINE });
    const result = done(await r.analyze(keyFile()));
    assert.deepEqual(result.findings, inThread.findings);
    assert.ok(result.findings.some((f) => f.ruleId === 'hardcoded-secret'));
    const finding = result.findings[0];
    const hidden = done(await r.analyze({ ...keyFile(), baseline: new Set([`${finding.ruleId}:${finding.fingerprint}`]) }));
    assert.deepEqual([hidden.findings.length, hidden.baselined], [inThread.findings.length - 1, 1], 'the baseline reaches the worker');
    assert.deepEqual(logs, []);
  });

  it('the real worker summarises the result of an open document before sending it: what the diagnostics need, nothing more', async () => {
    const { runner: r } = make();
    const events: string[] = [];
    const summaries: AnalysisSummary[] = [];
    const outcome = await r.analyze({
      ...keyFile(), incremental: true,
      onSummary: (summary) => {
        events.push('summary');
        summaries.push(summary);
      },
    });
    events.push('result');
    const result = done(outcome);
    assert.deepEqual(events, ['summary', 'result']);
    assert.ok(result.findings.length > 0);
    const { findings, analysisMs, ...rest } = summaries[0];
    assert.ok(Number.isFinite(analysisMs) && analysisMs >= 0, `analysis time ${analysisMs}`);
    assert.deepEqual(findings, result.findings.map(({ ruleId, severity, message, start, end, fingerprint }) => ({ ruleId, severity, message, start, end, fingerprint })));
    const { findings: _f, suppressions: _s, ...resultRest } = result;
    assert.deepEqual(rest, resultRest, 'notes, statistics and limits as in the result');
    // A file that is not an open document's version (the workspace scan's) has nothing to publish early.
    done(await r.analyze({ ...keyFile(), onSummary: () => assert.fail('a summary for a job that is not an open document') }));
  });

  it('the real worker sends an open document\'s whole result only once the summary\'s diagnostics are written', async () => {
    // A hold long enough never to end on its own here: the result can only come from the release.
    const { runner: r } = make({ resultHoldMs: 60_000 });
    const events: string[] = [];
    let written: () => void = () => {};
    const outcome = r.analyze({
      ...keyFile(), incremental: true,
      onSummary: () => {
        events.push('summary');
        return new Promise<void>((resolve) => { written = resolve; });
      },
    });
    void outcome.then(() => events.push('result'));
    while (!events.includes('summary')) await new Promise((resolve) => setTimeout(resolve, 5));
    // Time enough for a result sent at once to arrive (it takes a millisecond or so).
    await new Promise((resolve) => setTimeout(resolve, 200));
    events.push('written');
    written();
    assert.ok(done(await outcome).findings.length > 0);
    assert.deepEqual(events, ['summary', 'written', 'result']);
  });

  it('a result nobody releases still comes, after the hold', async () => {
    const { runner: r } = make({ resultHoldMs: 100 });
    const result = done(await r.analyze({ ...keyFile(), incremental: true, onSummary: () => new Promise<void>(() => {}) }));
    assert.ok(result.findings.some((f) => f.ruleId === 'hardcoded-secret'));
    // And the worker goes on with the next job.
    assert.ok(done(await r.analyze({ ...keyFile('other'), incremental: true })).findings.length > 0);
  });

  it('the real worker parses an open document\'s edit as it comes, and the analysis of that text finds it parsed', async () => {
    const { runner: r } = make();
    const padding = 'export const total = (a: number, b: number): number => a + b;\n'.repeat(Math.ceil(MIN_INCREMENTAL_CHARS / 60));
    const version = (n: number): AnalysisJob => ({ ...keyFile(), text: `${keyFile().text}export const revision = ${n};\n${padding}`, incremental: true });
    assert.equal(done(await r.analyze(version(1))).stats.parsedAhead, undefined);
    r.prepare(version(2).key, version(2).text);
    r.prepare(version(3).key, version(3).text);
    const third = done(await r.analyze(version(3)));
    assert.equal(third.stats.parsedAhead, true, 'parsed ahead');
    assert.deepEqual(third.findings, analyze(version(3).text, { path: 'src/pay.ts', rules: RULES, guidelineText: GUIDELINE }).findings);
    // Another document's text, or a document the worker has no tree of, changes nothing.
    r.prepare('file:///ws/other.ts', version(4).text);
    assert.equal(done(await r.analyze(version(4))).stats.parsedAhead, undefined);
  });

  /** A runner with the worker's reports of its analyses ahead, and a wait for the report on a text of some length. */
  const aheadRunner = () => {
    const reports: AheadReport[] = [];
    const made = make({ onAnalysedAhead: (report) => reports.push(report) });
    const reportOn = async (text: string) => {
      for (;;) {
        const report = reports.find((x) => x.chars === text.length);
        if (report) return report.outcome;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    return { r: made.runner, reports, reportOn };
  };
  /** Versions of a document, each text of its own length (the worker's reports name the text by its length). */
  const versions = (padding: string) => (n: number): AnalysisJob =>
    ({ ...keyFile(), text: `${keyFile().text}export const revision = '${'r'.repeat(n)}';\n${padding}`, incremental: true });
  const fresh = (j: AnalysisJob) => analyze(j.text, { path: j.path, config: j.config, rules: RULES, guidelineText: GUIDELINE });

  it('the real worker analyses an edit ahead when asked, and answers the analysis of that very text and configuration with it', async () => {
    const { r, reports, reportOn } = aheadRunner();
    const version = versions('export const total = (a: number, b: number): number => a + b;\n'.repeat(Math.ceil(MIN_INCREMENTAL_CHARS / 60)));
    const { key } = keyFile();
    // The worker analyses ahead with the options of the document's last analysis: it needs one first.
    assert.equal(done(await r.analyze(version(1))).stats.analysedAhead, undefined);
    r.prepare(key, version(2).text, 0);
    assert.equal(await reportOn(version(2).text), 'ready');
    const summaries: AnalysisSummary[] = [];
    const second = done(await r.analyze({ ...version(2), onSummary: (summary) => { summaries.push(summary); } }));
    assert.equal(second.stats.analysedAhead, true);
    assert.deepEqual(second.findings, fresh(version(2)).findings);
    assert.ok(second.findings.some((f) => f.ruleId === 'hardcoded-secret'));
    assert.ok(summaries[0].readyBeforeMs! >= 0, `ready ${summaries[0].readyBeforeMs} ms before the request`);
    assert.ok(summaries[0].analysisMs > 0);

    // Another text than the one analysed ahead: analysed as usual.
    r.prepare(key, version(3).text, 0);
    assert.equal(await reportOn(version(3).text), 'ready');
    const fourth = done(await r.analyze(version(4)));
    assert.equal(fourth.stats.analysedAhead, undefined);
    assert.deepEqual(fourth.findings, fresh(version(4)).findings);
    // Other options than those it was analysed with: analysed again.
    r.prepare(key, version(5).text, 0);
    assert.equal(await reportOn(version(5).text), 'ready');
    const quiet: AnalysisJob = { ...version(5), config: { rules: { 'hardcoded-secret': 'off' } } };
    const fifth = done(await r.analyze(quiet));
    assert.equal(fifth.stats.analysedAhead, undefined);
    assert.deepEqual(fifth.findings, fresh(quiet).findings);
    assert.ok(!fifth.findings.some((f) => f.ruleId === 'hardcoded-secret'));
    // Without a delay the edit is parsed only (with the options of its last analysis, which decide what a parse keeps).
    r.prepare(key, version(6).text);
    // Time for an analysis ahead to end, were one started.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sixth = done(await r.analyze({ ...version(6), config: quiet.config }));
    assert.deepEqual([sixth.stats.parsedAhead, sixth.stats.analysedAhead], [true, undefined]);
    assert.deepEqual(reports.map((x) => x.outcome), ['ready', 'ready', 'ready']);
  });

  it('an edit cancels the analysis ahead of the edit before it; the newer one is analysed ahead and answers its request', async () => {
    const { r, reports, reportOn } = aheadRunner();
    // Large enough for its analysis to take a while: the next edit comes while it runs.
    const version = versions('export const total = (a: number, b: number): number => a + b;\n'.repeat(5_000));
    const { key } = keyFile();
    done(await r.analyze(version(1)));
    let n = 1;
    for (let attempt = 1; attempt <= 20 && !reports.some((x) => x.outcome === 'cancelled'); attempt++) {
      r.prepare(key, version(++n).text, 0);
      await new Promise((resolve) => setTimeout(resolve, 2 * attempt));
      r.prepare(key, version(++n).text, 0);
      assert.equal(await reportOn(version(n).text), 'ready');
    }
    assert.ok(reports.some((x) => x.outcome === 'cancelled'), `no analysis ahead was cancelled: ${JSON.stringify(reports)}`);
    const cancelled = reports.filter((x) => x.outcome === 'cancelled').map((x) => x.chars);
    assert.ok(cancelled.every((chars) => chars !== version(n).text.length), 'only older edits are cancelled');
    const last = done(await r.analyze(version(n)));
    assert.equal(last.stats.analysedAhead, true);
    assert.deepEqual(last.findings, fresh(version(n)).findings);
  });

  it('the inline runner analyses in this thread', async () => {
    const result = done(await new InlineRunner().analyze(keyFile()));
    assert.ok(result.findings.some((f) => f.ruleId === 'hardcoded-secret'));
  });

  it('a newer job for a document replaces its queued older one; other documents keep their place', async () => {
    const { runner: r } = make({ workerFile: FAKE_WORKER });
    // All queued in one turn, before the worker is ready: v1 and v2 of `a` never run.
    const outcomes = await Promise.all([r.analyze(job('a', 'v1')), r.analyze(job('b', 'other')), r.analyze(job('a', 'v2')), r.analyze(job('a', 'v3'))]);
    assert.deepEqual(outcomes.map((o) => o.kind), ['superseded', 'done', 'superseded', 'done']);
    assert.ok(done(outcomes[3]).notes.includes(FAKE_NOTE));
  });

  it('a closed document loses its queued job, and the worker forgets its tree', async () => {
    const { runner: r } = make({ workerFile: FAKE_WORKER });
    const queued = r.analyze({ ...job('a', 'v1'), incremental: true });
    r.forget('a');
    assert.deepEqual(await queued, { kind: 'superseded' });
    const after = done(await r.analyze({ ...job('b', 'x'), incremental: true }));
    assert.ok(after.notes.includes('forgotten: a'), after.notes.join('; '));
    assert.ok(after.notes.includes('document: b'), 'open documents are analysed with their own incremental parser');
  });

  it('stops an analysis that runs past the hard deadline, replaces the worker and goes on with the next job', async () => {
    const { runner: r, logs } = make({ workerFile: FAKE_WORKER, deadlineMs: 300 });
    const outcomes = await Promise.all([r.analyze(job('big', 'HANG')), r.analyze(job('small', 'fine'))]);
    assert.equal(outcomes[0].kind, 'stopped');
    assert.equal((outcomes[0] as Extract<AnalysisOutcome, { kind: 'stopped' }>).reason, 'deadline');
    assert.ok(done(outcomes[1]).notes.includes(FAKE_NOTE), 'the next job ran in a new worker');
    assert.ok(logs.some((l) => /^warn: test analysis worker: the analysis of src\/big\.ts took longer than 0\.3 s and was stopped/.test(l)), logs.join('\n'));
    assert.ok(!logs.some((l) => l.startsWith('error')), 'a deadline is not an error');
  });

  it('restarts a crashed worker and retries once, then analyses the job in this thread; later jobs use a worker again', async () => {
    const { runner: r, logs } = make({ workerFile: FAKE_WORKER });
    const crashing = { ...keyFile('crash'), text: `${keyFile().text}// CRASH\n` };
    const result = done(await r.analyze(crashing));
    assert.ok(result.findings.some((f) => f.ruleId === 'hardcoded-secret'), 'analysed by the real engine, in this thread');
    assert.equal(logs.filter((l) => /stopped unexpectedly \(exited with code 3\); restarting it/.test(l)).length, 2, logs.join('\n'));
    assert.ok(logs.some((l) => /src\/crash\.ts was being analysed both times: analysing it in the server's thread/.test(l)), logs.join('\n'));
    assert.ok(done(await r.analyze(job('next', 'fine'))).notes.includes(FAKE_NOTE));
    // A file that crashes the worker every time (edited twice more) does not send the other files to this thread.
    for (let i = 0; i < 2; i++) assert.ok(done(await r.analyze(crashing)).findings.length > 0);
    assert.ok(done(await r.analyze(job('after', 'fine'))).notes.includes(FAKE_NOTE));
    assert.ok(!logs.some((l) => /from now on/.test(l)), logs.join('\n'));
  });

  it('a worker out of memory stops that analysis only (never retried in this thread)', async () => {
    const { runner: r, logs } = make({ workerFile: FAKE_WORKER, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const outcome = await r.analyze(job('huge', 'OOM'));
    assert.equal(outcome.kind, 'stopped');
    assert.equal((outcome as Extract<AnalysisOutcome, { kind: 'stopped' }>).reason, 'memory');
    assert.ok(logs.some((l) => /the analysis of src\/huge\.ts ran out of memory/.test(l)), logs.join('\n'));
    assert.ok(done(await r.analyze(job('next', 'fine'))).notes.includes(FAKE_NOTE));
  });

  it('when no worker can start, analyses in this thread (and says so once)', async () => {
    const { runner: r, logs } = make({ workerFile: path.join(__dirname, 'no-such-worker.js') });
    const results = [done(await r.analyze(keyFile('one'))), done(await r.analyze(keyFile('two')))];
    for (const result of results) assert.ok(result.findings.some((f) => f.ruleId === 'hardcoded-secret'));
    assert.equal(logs.filter((l) => /analysing in the server's thread from now on/.test(l)).length, 1, logs.join('\n'));
  });

  (process.platform === 'linux' ? it : it.skip)('lowers the priority of a background worker\'s thread only (Linux)', async () => {
    const { runner: r } = make({ niceness: 10 });
    done(await r.analyze(keyFile()));
    const nice = (tid: string) => {
      const stat = fs.readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const levels = fs.readdirSync(`/proc/${process.pid}/task`).map(nice);
    assert.equal(nice(String(process.pid)), 0, 'the main thread keeps its priority');
    assert.ok(levels.includes(10), `a thread at nice 10 among ${levels.join(' ')}`);
  });

  it('stops an idle worker (its memory goes back to the system) and starts a new one for the next job', async () => {
    const { runner: r, waitForLog } = make({ workerFile: FAKE_WORKER, idleMs: 50 });
    done(await r.analyze(job('a', 'x')));
    await waitForLog(/stopped after .* without work/);
    assert.equal(r.hasWorker, false);
    assert.ok(done(await r.analyze(job('b', 'y'))).notes.includes(FAKE_NOTE));
    assert.equal(r.hasWorker, true);
  });
});

describe('lsp: what the server sends its analysis workers', () => {
  it('is plain data: a document\'s configuration (team file and editor settings merged)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-runner-config-'));
    try {
      fs.writeFileSync(path.join(root, '.codepay-guard.json'), JSON.stringify({
        rules: { 'insecure-transport': ['warning', { allowedHosts: ['intranet.local'] }], 'missing-audit-log': 'off' },
        ignore: ['dist'], fixtures: ['test/fixtures/**'], clientPaths: ['public/**', '!server/**'], maxFileSize: 500_000,
        names: { verifiers: ['checkNotify'], maskHelpers: ['maskPan'] },
        secrets: { patterns: [{ id: 'acme-key', regex: 'ACME-[A-Z0-9]{8}', description: 'Acme key' }], allowed: ['sk_test_placeholder'] },
        suppressions: { reportUnused: 'info', requireReason: false },
      }));
      const team = new ProjectConfig(root, { trusted: true }).resolve(path.join(root, 'src', 'pay.ts'));
      const editor = settingsToConfig({ enable: true, rules: { injection: 'error' }, ignore: ['tmp'], names: { sanitizers: ['escapeSql'] } });
      const config = mergeConfigs(team.config, editor.config);
      assert.ok(config.secrets?.patterns?.length && config.names?.verifiers?.length && Array.isArray(config.rules?.['insecure-transport']), JSON.stringify([config, team.team?.problems]));
      // Only strings, numbers, booleans, arrays and objects (the team file's come with a null prototype: data all the same).
      const plain = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) ? v.every(plain)
        : typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v)) && Object.values(v).every(plain));
      assert.ok(plain(config), JSON.stringify(config));
      assert.equal(JSON.stringify(structuredClone(config)), JSON.stringify(config));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('lsp: analysis notes', () => {
  const result = (over: object) => ({ findings: [], notes: [], suppressions: [], baselined: 0, stats: { parses: 0, traversals: 0, nodes: 0 }, ...over });

  it('say in plain words that a file got the text checks only, or was stopped at its time budget', () => {
    assert.equal(resultNote(result({ incomplete: 'file too large for full analysis (more than 2000000 characters): text checks only' })),
      'CodePay Guard: file too large for full analysis (more than 2,000,000 characters): only text checks ran');
    assert.equal(resultNote(result({ incomplete: 'analysis stopped after 10004 ms (time budget of 10000 ms): findings may be incomplete' })),
      'CodePay Guard: analysis stopped at its time budget (10 s): findings may be incomplete');
  });

  it('say why a file was skipped, except when the user asked for it', () => {
    assert.equal(resultNote(result({ skipped: 'larger than 20000000 characters' })), 'CodePay Guard: file too large to analyse (more than 20,000,000 characters): not checked');
    assert.equal(resultNote(result({ skipped: 'binary content' })), 'CodePay Guard: binary content: this file is not checked');
    for (const quiet of ['disabled', 'ignored by configuration', 'CodePay Guard configuration']) assert.equal(resultNote(result({ skipped: quiet })), undefined);
    assert.equal(resultNote(result({})), undefined);
    assert.equal(resultNote(result({ parseError: { message: 'x', offset: 0 } })), undefined, 'half-typed code is normal');
  });

  it('become one Information diagnostic at the start of the file, with no rule code', () => {
    const d = noteDiagnostic(stoppedNote({ kind: 'stopped', reason: 'deadline', ms: 1, deadlineMs: 1 }));
    assert.deepEqual(d, {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'codepay-guard', code: ANALYSIS_NOTE_CODE,
      message: 'CodePay Guard: analysis of this file took too long and was stopped',
    });
  });
});
