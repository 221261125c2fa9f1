// Runs the engine on open documents: debounced per document, stale runs dropped by version, diagnostics pushed.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzeResult, Finding } from '../engine';
import { toDiagnostic } from './convert';
import { engine } from './engine';
import type { DocumentContext } from './settings';

export const DEBOUNCE_MS = 200;

/** The findings of one document version. */
export interface DocumentAnalysis {
  version: number;
  findings: Finding[];
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
}

function describe(result: AnalyzeResult): string {
  if (result.skipped) return ` (skipped: ${result.skipped})`;
  if (result.parseError) return ' (did not parse: text checks only)';
  return '';
}

export class DocumentAnalyzer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Version last scheduled or started per document, so the open event and its content event analyse once. */
  private readonly requestedVersion = new Map<string, number>();
  /** Id of the newest run per document; an older run that finishes late publishes nothing. */
  private readonly latestRun = new Map<string, number>();
  private readonly latest = new Map<string, DocumentAnalysis>();
  private runCounter = 0;
  private inFlight = 0;

  constructor(private readonly host: AnalysisHost, private readonly debounceMs = DEBOUNCE_MS) {}

  /** Analyse without waiting (document opened). */
  validateNow(doc: TextDocument): void {
    this.clearTimer(doc.uri);
    this.requestedVersion.set(doc.uri, doc.version);
    void this.run(doc.uri, doc.version);
  }

  /** Analyse after the debounce interval; `force` re-runs a version already analysed (configuration changed). */
  schedule(doc: TextDocument, force = false): void {
    if (!force && this.requestedVersion.get(doc.uri) === doc.version) return;
    this.clearTimer(doc.uri);
    this.requestedVersion.set(doc.uri, doc.version);
    const { uri, version } = doc;
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri, version);
    }, this.debounceMs));
  }

  /** True while an open document waits for (or is in) its as-you-type analysis: background work waits. */
  isBusy(): boolean {
    return this.timers.size > 0 || this.inFlight > 0;
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
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Findings of the document's current version: the published ones when current, else a fresh (unpublished) run. */
  async analysisFor(doc: TextDocument): Promise<DocumentAnalysis> {
    const cached = this.latest.get(doc.uri);
    if (cached?.version === doc.version) return cached;
    const context = await this.host.contextFor(doc.uri);
    const result = this.analyzeText(doc, context);
    const analysis = { version: doc.version, findings: result.findings };
    if (this.host.documents.get(doc.uri)?.version === doc.version) this.latest.set(doc.uri, analysis);
    return analysis;
  }

  private analyzeText(doc: TextDocument, context: DocumentContext): AnalyzeResult {
    const { analyze, RULES, GUIDELINE } = engine();
    return analyze(doc.getText(), {
      path: context.path,
      languageId: doc.languageId,
      config: context.config,
      rules: RULES,
      guidelineText: GUIDELINE,
      baseline: context.baseline,
    });
  }

  private isCurrent(uri: string, version: number, runId: number): TextDocument | undefined {
    if (this.latestRun.get(uri) !== runId) return undefined;
    const doc = this.host.documents.get(uri);
    return doc?.version === version ? doc : undefined;
  }

  private async run(uri: string, version: number): Promise<void> {
    const runId = ++this.runCounter;
    this.latestRun.set(uri, runId);
    this.inFlight++;
    try {
      if (!this.isCurrent(uri, version, runId)) return;
      if (this.host.isConfigFile(uri)) {
        this.host.configFileEdited(uri);
        return;
      }
      const context = await this.host.contextFor(uri);
      const doc = this.isCurrent(uri, version, runId);
      if (!doc) return;
      const started = performance.now();
      const result = this.analyzeText(doc, context);
      const elapsed = performance.now() - started;
      if (!this.isCurrent(uri, version, runId)) return;
      this.latest.set(uri, { version, findings: result.findings });
      await this.host.connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map((f) => toDiagnostic(f, doc)) });
      this.host.connection.console.debug(
        `analysed ${uri} v${version}: ${result.findings.length} finding(s) in ${elapsed.toFixed(1)} ms${describe(result)}`,
      );
      // A rule that threw was isolated by the engine (the other rules' findings are published): say which, once per run.
      for (const note of result.notes) if (/^rule \S+ failed|^internal error/.test(note)) this.host.connection.console.error(`${uri}: ${note}`);
    } catch (err) {
      this.host.logError(`analysing ${uri}`, err);
    } finally {
      this.inFlight--;
    }
  }

  private clearTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }
}
