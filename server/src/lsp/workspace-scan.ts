// The workspace scan: every file of every folder analysed in the background (in the analyzer's background worker),
// with work-done progress (cancellable), results in the Problems panel, kept fresh through file watching, and always
// yielding to as-you-type analysis.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzeResult } from '../engine';
import type { ReportFile, ReportInput } from '../report';
import type { DocumentAnalyzer } from './analysis';
import { noteDiagnostic, resultNote, stoppedNote } from './analysis-notes';
import { toDiagnostic } from './convert';
import { engine } from './engine';
import { fsPathOf, type FolderInfo, type WorkspaceFolders } from './folders';
import { compactDelayMs, compactHeap } from './memory';
import type { ConfigurationStore } from './settings';

/** Progress notifications at most this often: a report per file would flood the client. */
const PROGRESS_EVERY_MS = 250;
/** While documents wait for their as-you-type analysis, the scan pauses this long between checks. */
const YIELD_MS = 15;

export interface ScanHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  settings: ConfigurationStore;
  analyzer: DocumentAnalyzer;
  /** The client can show server-initiated work-done progress. */
  supportsProgress(): boolean;
  logError(context: string, err: unknown): void;
}

export interface ScanSummary {
  files: number;
  findings: number;
  cancelled: boolean;
}

interface Stored {
  folderUri: string;
  report: ReportFile;
  /** Diagnostics (findings or a note) published for the file (so a later clean result clears them). */
  published: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceScanner {
  /** Scan results by file URI (clean files too, for the report's counts): located findings and suppressions only. */
  private readonly results = new Map<string, Stored>();
  private scanned = false;
  private running: Promise<ScanSummary> | undefined;
  private cancelRunning: (() => void) | undefined;
  private readonly pendingChanges = new Set<string>();
  private changeTimer: NodeJS.Timeout | undefined;
  private compactTimer: NodeJS.Timeout | undefined;

  constructor(private readonly host: ScanHost) {}

  /** True once a workspace scan ran: file events and closed documents then keep the Problems panel fresh. */
  get active(): boolean {
    return this.scanned;
  }

  /** Scans every folder (a scan already running is cancelled and replaced). */
  async scan(token?: CancellationToken): Promise<ScanSummary> {
    this.cancelRunning?.();
    if (this.running) await this.running.catch(() => undefined);
    let cancelled = false;
    this.cancelRunning = () => { cancelled = true; };
    const isCancelled = () => cancelled || Boolean(token?.isCancellationRequested);
    this.running = this.run(isCancelled);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      this.cancelRunning = undefined;
      this.compactLater();
    }
  }

  /** A while after a scan, gives back the memory the scan made this thread's heap keep (see memory.ts). */
  private compactLater(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => {
      this.compactTimer = undefined;
      if (this.running) return;
      const before = process.memoryUsage().rss;
      if (!compactHeap()) return;
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      this.host.connection.console.info(`workspace scan: memory compacted after the scan (RSS ${mb(before)} → ${mb(process.memoryUsage().rss)} MB)`);
    }, compactDelayMs());
    this.compactTimer.unref();
  }

  private async run(isCancelled: () => boolean): Promise<ScanSummary> {
    const { connection } = this.host;
    const progress = this.host.supportsProgress() ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('CodePay Guard: scanning the workspace', 0, 'listing files…', true);
    const stopped = () => isCancelled() || Boolean(progress?.token.isCancellationRequested);
    const { collectFiles } = engine();
    const work: Array<{ folder: FolderInfo; file: string }> = [];
    for (const folder of this.host.folders.all()) {
      if (!folder.fsPath) continue;
      const root = folder.fsPath;
      const project = this.host.settings.projectOf(folder);
      const { files } = collectFiles([root], {
        root,
        isExcluded: (abs) => {
          const { config, analysisPath } = project.resolve(abs);
          return !analysisPath.startsWith('../') && engine().matchesAnyGlob(analysisPath, config.ignore);
        },
      });
      for (const file of files) work.push({ folder, file });
      await nextTurn();
    }
    this.scanned = true;
    const started = Date.now();
    let lastReport = 0;
    let findings = 0;
    let done = 0;
    const seen = new Set<string>();
    for (const { folder, file } of work) {
      if (stopped()) break;
      // As-you-type analysis first: while a document waits for its debounced run, the scan waits too.
      while (this.host.analyzer.isBusy() && !stopped()) await sleep(YIELD_MS);
      const uri = pathToFileURL(file).toString();
      seen.add(uri);
      findings += await this.analyzeFile(folder, file, uri);
      done++;
      if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = Date.now();
        progress?.report(Math.floor((done / Math.max(1, work.length)) * 100), `${done} of ${work.length} files`);
      }
      await nextTurn();
    }
    const cancelled = stopped();
    // Files that are gone since the last full scan lose their results.
    if (!cancelled) for (const uri of [...this.results.keys()]) if (!seen.has(uri)) this.forget(uri);
    progress?.done();
    connection.console.info(`workspace scan: ${done} of ${work.length} files, ${findings} finding(s) in ${Date.now() - started} ms${cancelled ? ' (cancelled)' : ''}`);
    return { files: done, findings, cancelled };
  }

  /** Analyses one file from disk and publishes its diagnostics (unless the editor has it open). Returns its finding count. */
  private async analyzeFile(folder: FolderInfo, file: string, uri: string): Promise<number> {
    let result: AnalyzeResult | undefined;
    let note: string | undefined;
    let text: string;
    try {
      const context = await this.host.settings.contextFor(uri);
      // Read as the CLI reads it (size limit, raised by maxFileSize; binary; minified bundles): the two agree.
      const read = engine().readScanTarget(file, context.config.maxFileSize);
      if (read.kind === 'skip') {
        this.forget(uri);
        return 0;
      }
      text = read.text;
      const outcome = await this.host.analyzer.background.analyze({
        key: uri, text, path: context.path, config: context.config, baseline: context.baseline,
      });
      // A newer analysis of the same file (a watched change) replaced this one: it publishes.
      if (outcome.kind === 'superseded') return 0;
      if (outcome.kind === 'done') {
        result = outcome.result;
        note = resultNote(result);
      } else {
        note = stoppedNote(outcome);
      }
    } catch (err) {
      this.host.logError(`scanning ${uri}`, err);
      return 0;
    }
    const findings = result?.findings ?? [];
    const doc = TextDocument.create(uri, '', 0, text);
    const rel = path.relative(folder.fsPath!, file).split(path.sep).join('/');
    const report: ReportFile = {
      relPath: rel,
      findings: findings.map((f) => {
        const start = doc.positionAt(f.start);
        const end = doc.positionAt(f.end);
        return {
          ruleId: f.ruleId, severity: f.severity, message: f.message, snippet: f.snippet,
          line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
        };
      }),
      suppressions: (result?.suppressions ?? []).map((s) => ({
        line: doc.positionAt(s.start).line + 1, kind: s.kind, ruleIds: s.ruleIds, reason: s.reason, until: s.until, status: s.status,
      })),
    };
    const previous = this.results.get(uri);
    const diagnostics = findings.map((f) => toDiagnostic(f, doc));
    if (note) diagnostics.unshift(noteDiagnostic(note));
    const publish = !this.host.documents.get(uri) && (diagnostics.length > 0 || previous?.published === true);
    if (publish) void this.host.connection.sendDiagnostics({ uri, diagnostics });
    this.results.set(uri, { folderUri: folder.uri, report, published: publish ? diagnostics.length > 0 : previous?.published ?? false });
    return findings.length;
  }

  private forget(uri: string): void {
    const previous = this.results.get(uri);
    this.results.delete(uri);
    if (previous?.published && !this.host.documents.get(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Files created, changed or deleted on disk (watched): re-analyse them shortly, unless the editor has them open. */
  filesChanged(changes: ReadonlyArray<{ uri: string; deleted: boolean }>): void {
    if (!this.scanned) return;
    for (const change of changes) {
      if (change.deleted) {
        this.pendingChanges.delete(change.uri);
        this.forget(change.uri);
      } else {
        this.pendingChanges.add(change.uri);
      }
    }
    if (this.changeTimer || this.pendingChanges.size === 0) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      void this.flushChanges();
    }, 300);
  }

  private async flushChanges(): Promise<void> {
    const uris = [...this.pendingChanges];
    this.pendingChanges.clear();
    const { ignoredByName } = engine();
    for (const uri of uris) {
      if (this.host.documents.get(uri)) continue;
      const file = fsPathOf(uri);
      const folder = this.host.folders.folderOf(uri);
      if (!file || !folder?.fsPath || ignoredByName(path.basename(file)) || /[\\/](?:node_modules|\.git)[\\/]/.test(file)) continue;
      while (this.host.analyzer.isBusy()) await sleep(YIELD_MS);
      try {
        await this.analyzeFile(folder, file, uri);
      } catch (err) {
        this.host.logError(`re-scanning ${uri}`, err);
      }
    }
  }

  /** A document was closed: the editor's diagnostics went with it, so show the scanned (disk) state again. */
  documentClosed(uri: string): void {
    if (!this.scanned) return;
    const file = fsPathOf(uri);
    const folder = this.host.folders.folderOf(uri);
    if (!file || !folder?.fsPath || !fs.existsSync(file)) return;
    this.filesChanged([{ uri, deleted: false }]);
  }

  /** The compliance report's input for one folder, from the scan results (scanning first when needed). */
  async reportInput(folder: FolderInfo, version: string): Promise<ReportInput> {
    if (!this.scanned) await this.scan();
    else if (this.running) await this.running;
    const files = [...this.results.values()].filter((s) => s.folderUri === folder.uri).map((s) => s.report);
    files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
    return { root: folder.fsPath ?? folder.uri, files, skipped: new Map(), generatedAt: new Date().toISOString(), toolVersion: version };
  }
}
