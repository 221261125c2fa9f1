// Runs the engine on open documents: debounced per document, stale runs dropped by version, diagnostics pushed.
// The engine runs in a worker thread (analysis-runner.ts), so that a large file never holds up other requests; the
// last results per document stay here and answer hovers and code actions.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzeResult, Finding } from '../engine';
import { noteDiagnostic, resultNote, stoppedNote } from './analysis-notes';
import { HARD_DEADLINE_MS, InlineRunner, WorkerRunner, type AnalysisRunner } from './analysis-runner';
import type { FindingSummary } from './analysis-worker';
import { toDiagnostic } from './convert';
import type { DocumentContext } from './settings';
import { testOverride } from './test-hooks';

export const DEBOUNCE_MS = 200;
/**
 * While the debounce runs, the interactive worker analyses the edit ahead (unless a newer edit came by then, which
 * also cancels an analysis ahead under way), so that the analysis is done, or nearly, when typing has paused for the
 * debounce: it starts this many times the document's last analysis time, plus {@link AHEAD_MARGIN_MS}, before the
 * debounce ends, but never sooner than {@link AHEAD_MIN_DELAY_MS} after the edit. Started later than the edit, it
 * spares the work of keystrokes that follow each other quickly; early enough, the analysis asked for once typing
 * paused finds its result ready.
 */
export const AHEAD_FACTOR = 1.5;
export const AHEAD_MARGIN_MS = 20;
/**
 * Keystrokes closer together than this (most of typing) never start an analysis ahead that the next one would
 * cancel: while typing goes on at that pace the worker only parses. In a 10,000-line file, keystrokes every 150 ms
 * kept the server at one full core with analyses started at once, and at about 40 % of one with this delay (parsing
 * only: about 20 %).
 */
export const AHEAD_MIN_DELAY_MS = 100;

/** How long after an edit the worker starts analysing it ahead, for a document whose last analysis took `lastMs`. */
export function aheadDelayMs(debounceMs: number, lastMs: number): number {
  const justInTime = Math.round(debounceMs - AHEAD_FACTOR * lastMs - AHEAD_MARGIN_MS);
  return Math.min(debounceMs, Math.max(AHEAD_MIN_DELAY_MS, justInTime));
}

/** The workspace scan's worker is stopped after this long without work, so that its memory goes back to the system. */
export const BACKGROUND_IDLE_MS = 30_000;

/**
 * V8 limits of the workspace scan's worker: a young generation of at most 8 MB (V8 lets it grow to tens of MB while
 * files are parsed): about 25 MB less resident memory at the peak of a scan. Not for the interactive worker, whose
 * large files it would make a few per cent slower to analyse.
 */
export const BACKGROUND_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Runs of the warm-up sample the interactive worker makes in its idle moments once it has analysed its first large
 * document (analysis-worker.ts): about a second of one core, once per worker.
 */
export const WARM_UP_RUNS = 40;

/** Scheduling priority of the workspace scan's worker thread (Linux, where priorities are per thread). */
export const BACKGROUND_NICENESS = 10;

/**
 * Test hooks (environment of the server process): a shorter hard deadline, so that a large file exceeds it, and a
 * shorter idle time of the background worker. Ignored unless a positive number.
 */
export const TEST_DEADLINE_ENV = 'CODEPAY_GUARD_TEST_ANALYSIS_DEADLINE_MS';
export const TEST_IDLE_ENV = 'CODEPAY_GUARD_TEST_BACKGROUND_IDLE_MS';
/**
 * Test hook: the interactive worker analyses each edit ahead this long after it, rather than timing it from the
 * document's last analysis (aheadDelayMs); longer than the debounce, no edit is analysed ahead.
 */
export const TEST_AHEAD_DELAY_ENV = 'CODEPAY_GUARD_TEST_AHEAD_DELAY_MS';
/** Test hook: how long the interactive worker holds a result for the release (default RESULT_HOLD_MS). */
export const TEST_RESULT_HOLD_ENV = 'CODEPAY_GUARD_TEST_RESULT_HOLD_MS';

/** The findings of one document version. */
export interface DocumentAnalysis {
  version: number;
  findings: Finding[];
  /** Set when part or all of the analysis did not run: said in plain words next to the findings. */
  note?: string;
}

export interface AnalysisHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Configuration, engine path and baseline of a document. */
  contextFor(docUri: string): Promise<DocumentContext>;
  /** Team files and files they extend: their diagnostics are configuration problems, published elsewhere. */
  isConfigFile(docUri: string): boolean;
  /** A configuration file was opened or edited: re-read it (unsaved text included) and re-validate. */
  configFileEdited(docUri: string): void;
  logError(context: string, err: unknown): void;
  /**
   * Analyse in worker threads (the server): one for open documents, one for the workspace scan. Without, analyses
   * run in this thread (unit tests of the analyzer).
   */
  workers?: boolean;
}

interface Computed {
  analysis: DocumentAnalysis;
  result?: AnalyzeResult;
  ms: number;
}

/** What the log line says of a result: whether it was skipped, incomplete, did not parse or was parsed ahead. */
type ResultLimits = Pick<AnalyzeResult, 'skipped' | 'incomplete' | 'parseError' | 'stats'>;

/** What publishing a version's diagnostics needs: its findings (summarised, or whole) and its note. */
interface Publishable {
  findings: readonly FindingSummary[];
  note?: string;
  result?: ResultLimits;
  /** From the job's start to its findings (queueing excluded). */
  ms: number;
  /** Of which analyze() itself, in the worker (when published from the worker's summary). */
  analysisMs?: number;
  /** Analysed ahead: how long before it was asked for the result was ready (negative: how long it was waited for). */
  readyBeforeMs?: number;
  /** Called once the diagnostics are written, or will not be: the worker holds the whole result until then. */
  written?: () => void;
}

/** An analysis of one document version under way (shared by its publishing run and by hovers and code actions). */
interface Computation {
  version: number;
  promise: Promise<Computed | undefined>;
  /**
   * Settles as soon as the diagnostics can be published: with the worker's summary of the result, or with the whole
   * result (analysed in this thread, or stopped); undefined when the analysis became stale or was replaced.
   */
  publishable: Promise<Publishable | undefined>;
  /**
   * A hover or code action waits for the whole result: the worker sends it at once, without waiting for the
   * diagnostics to be written (they may not be for a while: a code action asked before the debounce ran out).
   */
  wantResult(): void;
}

const publishableOf = ({ analysis, result, ms }: Computed): Publishable => ({ findings: analysis.findings, note: analysis.note, result, ms });

function describe(result: ResultLimits | undefined): string {
  if (!result) return ' (stopped)';
  if (result.skipped) return ` (skipped: ${result.skipped})`;
  if (result.incomplete) return ` (incomplete: ${result.incomplete})`;
  if (result.parseError) return ' (did not parse: text checks only)';
  // The edit was analysed while the debounce ran (see `schedule`).
  if (result.stats.analysedAhead) return ' (analysed ahead)';
  // The edit was parsed while the debounce ran (see `schedule`).
  if (result.stats.parsedAhead) return ' (parsed ahead)';
  return '';
}

function readyBefore(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms >= 0 ? `, ready ${ms.toFixed(1)} ms before it was asked for` : `, waited for ${(-ms).toFixed(1)} ms`;
}

export class DocumentAnalyzer {
  /** Where open documents are analysed: a worker kept alive (or this thread, without workers). */
  readonly interactive: AnalysisRunner;
  /** Where the workspace scan analyses files: a second worker, stopped when idle (or this thread, without workers). */
  readonly background: AnalysisRunner;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Version last scheduled or started per document, so the open event and its content event analyse once. */
  private readonly requestedVersion = new Map<string, number>();
  /** Id of the newest run per document; an older run that finishes late publishes nothing. */
  private readonly latestRun = new Map<string, number>();
  /** The newest analysis of the document's current version (published, or made for a hover or code action). */
  private readonly latest = new Map<string, Computed>();
  /** The newest analysis under way per document. */
  private readonly pending = new Map<string, Computation>();
  /** How long each open document's last analysis took (in the worker), to time the analysis of its next edit ahead. */
  private readonly lastAnalysisMs = new Map<string, number>();
  private readonly aheadDelayOverride = testOverride(TEST_AHEAD_DELAY_ENV);
  private runCounter = 0;
  private inFlight = 0;

  constructor(private readonly host: AnalysisHost, private readonly debounceMs = DEBOUNCE_MS) {
    if (host.workers) {
      const log = (level: 'info' | 'warn' | 'error', message: string) => host.connection.console[level](message);
      const deadlineMs = testOverride(TEST_DEADLINE_ENV) ?? HARD_DEADLINE_MS;
      this.interactive = new WorkerRunner({ name: 'interactive', log, deadlineMs, warmUpRuns: WARM_UP_RUNS, resultHoldMs: testOverride(TEST_RESULT_HOLD_ENV) });
      this.background = new WorkerRunner({
        name: 'background', log, deadlineMs, idleMs: testOverride(TEST_IDLE_ENV) ?? BACKGROUND_IDLE_MS, resourceLimits: BACKGROUND_RESOURCE_LIMITS,
        // On Linux the scan's thread also runs at a lower priority: on a busy machine it leaves the cores to typing.
        niceness: BACKGROUND_NICENESS,
      });
      // Started now, so that its engine is loaded by the time the client opens the first document.
      this.interactive.warmUp();
    } else {
      this.interactive = this.background = new InlineRunner();
    }
  }

  /** Analyse without waiting (document opened). */
  validateNow(doc: TextDocument): void {
    this.clearTimer(doc.uri);
    this.requestedVersion.set(doc.uri, doc.version);
    void this.run(doc.uri, doc.version, false);
  }

  /** Analyse after the debounce interval; `force` re-runs a version already analysed (configuration changed). */
  schedule(doc: TextDocument, force = false): void {
    if (!force && this.requestedVersion.get(doc.uri) === doc.version) return;
    this.clearTimer(doc.uri);
    this.requestedVersion.set(doc.uri, doc.version);
    const { uri, version } = doc;
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri, version, force);
    }, this.debounceMs));
    // An edit: the worker parses it while the timer runs, and analyses it once it is likely that typing paused long
    // enough for that analysis to be the one asked for (the analysis then finds the text parsed, or its result ready).
    if (force) return;
    const lastMs = this.lastAnalysisMs.get(uri);
    this.interactive.prepare(uri, doc.getText(), lastMs === undefined ? undefined : this.aheadDelayOverride ?? aheadDelayMs(this.debounceMs, lastMs));
  }

  /** True while an open document waits for (or is in) its as-you-type analysis: background work waits. */
  isBusy(): boolean {
    return this.timers.size > 0 || this.inFlight > 0 || this.pending.size > 0;
  }

  /** Configuration changed: re-analyse every open document (configuration files report through the store). */
  revalidateAll(): void {
    for (const doc of this.host.documents.all()) if (!this.host.isConfigFile(doc.uri)) this.schedule(doc, true);
  }

  /** Document closed: cancel pending work, forget its findings and clear its diagnostics. */
  close(uri: string): void {
    this.clearTimer(uri);
    this.requestedVersion.delete(uri);
    // Without a latest run id, every run still in flight for this document finds itself stale.
    this.latestRun.delete(uri);
    this.latest.delete(uri);
    this.pending.delete(uri);
    this.lastAnalysisMs.delete(uri);
    this.interactive.forget(uri);
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Findings of the document's current version: the published ones when current, else those of the analysis of that
   * version under way (its publishing run's, shared), else a fresh (unpublished) run's.
   */
  async analysisFor(doc: TextDocument): Promise<DocumentAnalysis> {
    // A run superseded by a forced re-run of the same version is retried (on the newer computation); a few times at most.
    for (let attempt = 0; attempt < 3; attempt++) {
      const cached = this.latest.get(doc.uri);
      if (cached?.analysis.version === doc.version) return cached.analysis;
      const pending = this.pending.get(doc.uri);
      const computation = pending?.version === doc.version ? pending : this.compute(doc.uri, doc.version);
      computation.wantResult();
      const computed = await computation.promise;
      if (computed) return computed.analysis;
      if (this.host.documents.get(doc.uri)?.version !== doc.version) break;
    }
    return { version: doc.version, findings: [] };
  }

  /** Analyses one version of a document (in the interactive worker); undefined when it became stale or was replaced. */
  private compute(uri: string, version: number): Computation {
    let publish: (publishable: Publishable | undefined) => void = () => {};
    let resultWanted = false;
    let release: (() => void) | undefined;
    const computation: Computation = {
      version, promise: Promise.resolve(undefined), publishable: new Promise((resolve) => { publish = resolve; }),
      wantResult: () => {
        resultWanted = true;
        release?.();
      },
    };
    computation.promise = (async (): Promise<Computed | undefined> => {
      try {
        const context = await this.host.contextFor(uri);
        const doc = this.host.documents.get(uri);
        if (doc?.version !== version || this.pending.get(uri) !== computation) return undefined;
        const outcome = await this.interactive.analyze({
          key: uri, text: doc.getText(), path: context.path, languageId: doc.languageId, config: context.config, baseline: context.baseline, incremental: true,
          onSummary: (summary, ms) => {
            // Settles once the diagnostics are written, or as soon as a hover or code action wants the result.
            const released = new Promise<void>((resolve) => { release = resolve; });
            publish({
              findings: summary.findings, note: resultNote(summary), result: summary, ms, analysisMs: summary.analysisMs, readyBeforeMs: summary.readyBeforeMs,
              written: release,
            });
            if (resultWanted) release?.();
            return released;
          },
        });
        if (outcome.kind === 'superseded') return undefined;
        const computed: Computed = outcome.kind === 'done'
          ? { analysis: { version, findings: outcome.result.findings, note: resultNote(outcome.result) }, result: outcome.result, ms: outcome.ms }
          : { analysis: { version, findings: [], note: stoppedNote(outcome) }, ms: outcome.ms };
        // Published from the summary already, unless the analysis ran in this thread or was stopped.
        publish(publishableOf(computed));
        if (this.host.documents.get(uri)?.version === version) this.latest.set(uri, computed);
        // A rule that threw was isolated by the engine (the other rules' findings are kept): say which, once per analysis.
        for (const note of computed.result?.notes ?? []) if (/^rule \S+ failed|^internal error/.test(note)) this.host.connection.console.error(`${uri}: ${note}`);
        return computed;
      } finally {
        publish(undefined);
        if (this.pending.get(uri) === computation) this.pending.delete(uri);
      }
    })();
    this.pending.set(uri, computation);
    return computation;
  }

  private isCurrent(uri: string, version: number, runId: number): TextDocument | undefined {
    if (this.latestRun.get(uri) !== runId) return undefined;
    const doc = this.host.documents.get(uri);
    return doc?.version === version ? doc : undefined;
  }

  /** Analyses and publishes; `force`: analyse again even if this version's analysis is done or under way. */
  private async run(uri: string, version: number, force: boolean): Promise<void> {
    const runId = ++this.runCounter;
    this.latestRun.set(uri, runId);
    this.inFlight++;
    let publishable: Publishable | undefined;
    try {
      if (!this.isCurrent(uri, version, runId)) return;
      if (this.host.isConfigFile(uri)) {
        this.host.configFileEdited(uri);
        return;
      }
      const cached = this.latest.get(uri);
      const pending = this.pending.get(uri);
      if (!force && cached?.analysis.version === version) publishable = publishableOf(cached);
      else publishable = await (!force && pending?.version === version ? pending : this.compute(uri, version)).publishable;
      const doc = this.isCurrent(uri, version, runId);
      if (!publishable || !doc) return;
      const { findings, note, result, analysisMs, readyBeforeMs } = publishable;
      this.lastAnalysisMs.set(uri, analysisMs ?? publishable.ms);
      const diagnostics = findings.map((f) => toDiagnostic(f, doc));
      if (note) diagnostics.unshift(noteDiagnostic(note));
      await this.host.connection.sendDiagnostics({ uri, version, diagnostics });
      this.host.connection.console.debug(
        `analysed ${uri} v${version}: ${findings.length} finding(s) in ${publishable.ms.toFixed(1)} ms${
          analysisMs === undefined ? '' : ` (analysis ${analysisMs.toFixed(1)} ms${readyBefore(readyBeforeMs)})`}${describe(result)}`,
      );
    } catch (err) {
      this.host.logError(`analysing ${uri}`, err);
    } finally {
      // Written, failed or stale: the worker may send the whole result.
      publishable?.written?.();
      this.inFlight--;
    }
  }

  private clearTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }
}
