// Unit tests of the server's pure pieces: document paths per workspace folder, fix-all edit selection, and the
// environment the extension gives the server's process.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix } from '../../server/src/engine';
import { buildFixAll, FIX_ALL_KIND } from '../../server/src/lsp/code-actions';
import { WorkspaceFolders } from '../../server/src/lsp/folders';
import { compactDelayMs, compactHeap, COMPACT_AFTER_SCAN_MS, TEST_COMPACT_ENV } from '../../server/src/lsp/memory';
import { analyzeOptions, startsWarmUp, warmUpWhileIdle, WARM_UP_MIN_CHARS } from '../../server/src/lsp/analysis-worker';
import { analysisEngine } from '../../server/src/lsp/engine';
import { WARM_UP_MARKER, WARM_UP_PATH, WARM_UP_SAMPLE } from '../../server/src/lsp/warm-up-sample';
import { MIN_INCREMENTAL_CHARS } from '../../server/src/engine/incremental';
import * as vm from 'node:vm';
import { clientServerEnv } from './lsp-client';
import { aheadDelayMs, DEBOUNCE_MS } from '../../server/src/lsp/analysis';

describe('lsp: WorkspaceFolders', () => {
  const base = path.resolve('/tmp/codepay-ws');
  const uri = (...segments: string[]) => pathToFileURL(path.join(base, ...segments)).toString();
  const folders = new WorkspaceFolders();
  folders.set([{ uri: uri('shop'), name: 'shop' }, { uri: uri('shop', 'packages', 'api'), name: 'api' }, { uri: uri('shop-admin'), name: 'admin' }]);

  it('picks the innermost folder containing the document', () => {
    assert.equal(folders.folderOf(uri('shop', 'src', 'a.ts'))?.name, 'shop');
    assert.equal(folders.folderOf(uri('shop', 'packages', 'api', 'src', 'b.ts'))?.name, 'api');
    assert.equal(folders.folderOf(uri('shop-admin', 'c.ts'))?.name, 'admin', 'a sibling with a common prefix is not inside');
    assert.equal(folders.folderOf(uri('elsewhere', 'd.ts')), undefined);
  });

  it('gives the engine a posix path relative to that folder', () => {
    assert.equal(folders.relativePath(uri('shop', 'src', 'pay ment.ts')), 'src/pay ment.ts');
    assert.equal(folders.relativePath(uri('shop', 'packages', 'api', 'config', '.env')), 'config/.env');
  });

  it('uses the name of untitled documents and a root-less absolute path outside every folder', () => {
    assert.equal(folders.relativePath('untitled:Untitled-3'), 'Untitled-3');
    const outside = folders.relativePath(uri('elsewhere', 'test', 'd.ts'));
    assert.ok(!outside.startsWith('/') && outside.endsWith('elsewhere/test/d.ts'), outside);
  });

  it('follows folder changes', () => {
    const f = new WorkspaceFolders();
    f.set([{ uri: uri('one'), name: 'one' }]);
    f.add([{ uri: uri('two'), name: 'two' }], [{ uri: uri('one'), name: 'one' }]);
    assert.deepEqual(f.all().map((x) => x.name), ['two']);
    assert.equal(f.relativePath(uri('two', 'x.ts')), 'x.ts');
  });
});

describe('lsp: fix-all', () => {
  const text = 'aaaa bbbb cccc dddd\n';
  const doc = TextDocument.create('file:///x.ts', 'typescript', 7, text);
  const fix = (start: number, end: number, replacement: string, safety: Fix['safety'] = 'safe'): Fix =>
    ({ id: 'f', title: 't', safety, changes: [{ start, end, text: replacement }] });
  const finding = (...fixes: Fix[]): Finding => ({
    ruleId: 'r', messageId: 'm', severity: 'warning', message: 'm', start: 0, end: 1, fixes, fingerprint: 'fp', snippet: '',
    explanation: { guideline: [], guidelineText: '', why: '', howToFix: '' },
  });

  it('applies safe fixes only, never overlapping ones, as one versioned edit', () => {
    const action = buildFixAll(doc, [
      finding(fix(10, 14, 'CCCC')),
      finding(fix(0, 4, 'AAAA'), fix(5, 9, 'no', 'unsafe')),
      finding(fix(2, 7, 'overlaps the first')),
      finding({ id: 'suppress', title: 's', safety: 'safe', changes: [{ start: 15, end: 15, text: '// x\n' }] }),
    ], { useDocumentChanges: true });
    assert.ok(action);
    assert.equal(action.kind, FIX_ALL_KIND);
    const change = action.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    assert.deepEqual(change.textDocument, { uri: 'file:///x.ts', version: 7 });
    assert.equal(TextDocument.applyEdits(doc, change.edits), 'AAAA bbbb CCCC dddd\n');
  });

  it('keeps a fix with several changes whole, and does not insert twice at one point', () => {
    const twoPart: Fix = { id: 'f', title: 't', safety: 'safe', changes: [{ start: 0, end: 4, text: 'A' }, { start: 15, end: 19, text: 'D' }] };
    const action = buildFixAll(doc, [finding(twoPart), finding(fix(5, 9, 'inside the first fix span')), finding(fix(20, 20, '!')), finding(fix(20, 20, '!'))], { useDocumentChanges: false });
    const edits = action?.edit?.changes?.['file:///x.ts'];
    assert.ok(edits);
    assert.equal(TextDocument.applyEdits(doc, edits), 'A bbbb cccc D\n!');
  });

  it('offers nothing when there is no safe fix', () => {
    assert.equal(buildFixAll(doc, [finding(fix(0, 4, 'x', 'unsafe'))], { useDocumentChanges: true }), undefined);
  });
});

describe('client: the server process environment', () => {
  const { serverEnvironment, SERVER_MALLOC_TUNABLES } = clientServerEnv();
  const ours = Object.entries(SERVER_MALLOC_TUNABLES).map(([name, value]) => `${name}=${value}`);

  it('sets the malloc tunables when the extension host has none', () => {
    assert.deepEqual(serverEnvironment({}), { GLIBC_TUNABLES: ours.join(':') });
    assert.deepEqual(serverEnvironment({ GLIBC_TUNABLES: '' }), { GLIBC_TUNABLES: ours.join(':') });
  });

  it("keeps the host's own tunables, and its value of a tunable it sets too", () => {
    assert.deepEqual(serverEnvironment({ GLIBC_TUNABLES: 'glibc.pthread.rseq=0' }), { GLIBC_TUNABLES: ['glibc.pthread.rseq=0', ...ours].join(':') });
    const mine = serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=8' }).GLIBC_TUNABLES.split(':');
    assert.ok(mine.includes('glibc.malloc.arena_max=8'));
    assert.ok(!mine.includes('glibc.malloc.arena_max=2'));
    assert.equal(mine.filter((entry) => entry.startsWith('glibc.malloc.arena_max=')).length, 1);
    assert.ok(mine.includes('glibc.malloc.mmap_threshold=131072'));
  });
});

describe('lsp: compacting the main thread\'s heap after a scan', () => {
  it('runs a full collection without leaving gc() exposed to later contexts (workers\' included)', () => {
    assert.equal(vm.runInNewContext('typeof gc'), 'undefined', 'not exposed before (the tests do not start Node with --expose-gc)');
    assert.equal(compactHeap(), true);
    assert.equal(compactHeap(), true, 'again, with the same function');
    assert.equal(vm.runInNewContext('typeof gc'), 'undefined');
  });

  it('waits 20 s after a scan, or what the test hook says', () => {
    const saved = process.env[TEST_COMPACT_ENV];
    try {
      delete process.env[TEST_COMPACT_ENV];
      assert.equal(compactDelayMs(), COMPACT_AFTER_SCAN_MS);
      process.env[TEST_COMPACT_ENV] = '250';
      assert.equal(compactDelayMs(), 250);
      process.env[TEST_COMPACT_ENV] = 'soon';
      assert.equal(compactDelayMs(), COMPACT_AFTER_SCAN_MS);
    } finally {
      if (saved === undefined) delete process.env[TEST_COMPACT_ENV];
      else process.env[TEST_COMPACT_ENV] = saved;
    }
  });
});

describe('lsp: the interactive worker\'s warm-up', () => {
  it('analyses ordinary merchant code: it parses, every rule but the mobile one runs on it, edits re-parse only what changed, nothing is found', () => {
    const { analyze, IncrementalParser, RULES } = analysisEngine();
    const options = analyzeOptions({ path: WARM_UP_PATH, config: {} });
    assert.ok(WARM_UP_SAMPLE.includes(WARM_UP_MARKER));
    assert.ok(WARM_UP_SAMPLE.length >= MIN_INCREMENTAL_CHARS, 'long enough for the incremental parser to keep its tree');
    const full = analyze(WARM_UP_SAMPLE, options);
    assert.equal(full.parseError, undefined);
    assert.deepEqual(full.findings.map((f) => `${f.ruleId}: ${f.message}`), [], 'guideline-following code, and no credential in it');
    assert.deepEqual(full.notes, []);
    const skipped = RULES.filter((r) => r.mayReport?.({ text: WARM_UP_SAMPLE, path: WARM_UP_PATH, languageId: 'typescript', kind: 'script', isFixture: false, isTestFile: false }, r.meta.defaultOptions ?? {}) === false);
    assert.deepEqual(skipped.map((r) => r.meta.id), ['mobile-insecure-config'], 'every rule runs on it (and is warmed up) but the one for mobile files');
    assert.equal(full.stats.rulesSkipped, 1);
    const parser = new IncrementalParser();
    analyze(WARM_UP_SAMPLE, { ...options, parser });
    const edited = analyze(WARM_UP_SAMPLE.replace(WARM_UP_MARKER, 'export const revision = 2;'), { ...options, parser });
    assert.equal(edited.stats.reusedParse, true);
    assert.equal(parser.lastMode, 'incremental');
    assert.deepEqual(edited.findings, []);
  });

  it('starts after a document of 40,000 characters or more, not after smaller ones', () => {
    assert.equal(WARM_UP_MIN_CHARS, 40_000);
    assert.equal(startsWarmUp(0), false);
    assert.equal(startsWarmUp(WARM_UP_MIN_CHARS - 1), false);
    assert.equal(startsWarmUp(WARM_UP_MIN_CHARS), true);
  });

  it('makes one run per turn of the event loop, so that work that comes in the meantime goes first', async () => {
    const order: string[] = [];
    const done = new Promise<number>((resolve) => warmUpWhileIdle(3, {
      done: resolve,
      onRun: (run) => {
        order.push(`run ${run}`);
        setImmediate(() => order.push(`after run ${run}`));
      },
    }));
    setImmediate(() => order.push('before the first run (it waits a moment)'));
    const ms = await done;
    order.push('done');
    assert.deepEqual(order, ['before the first run (it waits a moment)', 'run 1', 'after run 1', 'run 2', 'after run 2', 'run 3', 'done']);
    assert.ok(ms >= 0);
  });
});

describe('lsp: when the interactive worker analyses an edit ahead', () => {
  it('so that it ends before the debounce does: 1.5 times the last analysis plus 20 ms before, never sooner than 100 ms after the edit', () => {
    assert.equal(DEBOUNCE_MS, 200);
    const cases: Array<[lastMs: number, delay: number]> = [
      [0, 180], // a tiny file: late, most keystrokes cancel nothing
      [2, 177],
      [35, 128], // about 2,000 lines
      [40, 120],
      [53.4, 100], // 200 − 80.1 − 20 = 99.9: not sooner than 100 ms
      [76, 100], // about 5,000 lines: would start at 66 ms
      [150, 100], // about 10,000 lines: would start before the edit
      [10_000, 100],
    ];
    for (const [lastMs, delay] of cases) assert.equal(aheadDelayMs(DEBOUNCE_MS, lastMs), delay, `last analysis ${lastMs} ms`);
    assert.equal(aheadDelayMs(50, 0), 50, 'never later than the debounce');
  });
});
