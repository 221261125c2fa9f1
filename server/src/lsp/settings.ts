// Effective configuration of a document: the nearest team file (through the same project layer as the CLI), the
// folder's baseline, and the editor settings on top. Problems in team files become diagnostics on those files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Baseline, Config } from '../engine';
import type { ConfigProblem, LoadedBaseline, ProjectConfig, TeamConfig } from '../project';
import { BASELINE_FILE_NAME, SETTINGS_SECTION, TEAM_FILE_NAME } from '../project/names';
import { DIAGNOSTIC_SOURCE } from './convert';
import { engine } from './engine';
import { fsPathOf, type FolderInfo, type WorkspaceFolders } from './folders';

export interface ConfigurationHost {
  connection: Connection;
  folders: WorkspaceFolders;
  /** True when the client answers `workspace/configuration` requests (known once `initialize` arrived). */
  supportsConfigurationRequests(): boolean;
  /** False in an untrusted VS Code workspace: team patterns and `extends` outside the folder are not loaded. */
  trusted(): boolean;
  /** Tells the user about a configuration problem (a message without any setting value in it). */
  warn(message: string): void;
  /** The editor's text of an open file (unsaved edits included), by file-system path. */
  openText(fsPath: string): string | undefined;
}

/** What analysing one document needs besides its text. */
export interface DocumentContext {
  config: Config;
  /** The path the engine sees (relative to the team file's folder, else the workspace folder), `/`-separated. */
  path: string;
  baseline?: Baseline;
}

const SEVERITY: Record<ConfigProblem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information,
};

/**
 * A configuration problem as a diagnostic on the configuration file. Problems carry 1-based positions of their start;
 * the end comes from the file's text when it could be read, else the span is taken to stay on the start's line.
 */
export function problemDiagnostic(p: ConfigProblem, doc: TextDocument | undefined): Diagnostic {
  const start = { line: p.line - 1, character: p.column - 1 };
  const length = Math.max(p.length, 1);
  const end = doc ? doc.positionAt(p.offset + length) : { line: start.line, character: start.character + length };
  return { range: { start, end }, severity: SEVERITY[p.severity], source: DIAGNOSTIC_SOURCE, message: p.message };
}

/**
 * Caches per folder: the project configuration (team files, cached by the project layer until a watched file changes),
 * the baseline, and per document the editor settings (as promises, so one request in flight serves every caller).
 */
export class ConfigurationStore {
  private readonly editorSettings = new Map<string, Promise<Config>>();
  private readonly projects = new Map<string, ProjectConfig>();
  private readonly baselines = new Map<string, LoadedBaseline | undefined>();
  private readonly reportedSettingsProblems = new Set<string>();
  /** Team configs whose problems were published, and the files that got diagnostics (to clear them later). */
  private readonly published = new WeakSet<TeamConfig>();
  private readonly filesWithProblems = new Set<string>();
  /** Settings pushed with `didChangeConfiguration`, used when the client cannot be asked per resource. */
  private pushedSettings: unknown;

  constructor(private readonly host: ConfigurationHost) {}

  async contextFor(docUri: string): Promise<DocumentContext> {
    const folder = this.host.folders.folderOf(docUri);
    const docPath = fsPathOf(docUri);
    const editor = this.editorConfig(docUri);
    if (!folder?.fsPath || !docPath) return { config: engine().mergeConfigs(await editor), path: this.host.folders.relativePath(docUri) };
    const resolved = this.project(folder).resolve(docPath);
    if (resolved.team) this.publishProblems(resolved.team);
    const baseline = this.baseline(folder)?.forPath(path.relative(folder.fsPath, docPath).split(path.sep).join('/'));
    return { config: engine().mergeConfigs(resolved.config, await editor), path: resolved.analysisPath, baseline };
  }

  /** Settings changed: forget every cached answer; the caller re-validates open documents. */
  settingsChanged(params: DidChangeConfigurationParams): void {
    if (!this.host.supportsConfigurationRequests()) {
      const settings = params.settings as Record<string, unknown> | null | undefined;
      this.pushedSettings = settings && typeof settings === 'object' ? settings[SETTINGS_SECTION] : undefined;
    }
    this.editorSettings.clear();
    this.reportedSettingsProblems.clear();
  }

  documentClosed(docUri: string): void {
    this.editorSettings.delete(docUri);
  }

  /**
   * Watched files changed: true when one of them is configuration (a team file, a file a team file extends, a
   * baseline), after which cached configuration is dropped and the caller re-validates open documents.
   */
  filesChanged(uris: readonly string[]): boolean {
    const paths = uris.map(fsPathOf).filter((p): p is string => Boolean(p));
    const read = new Set<string>();
    for (const project of this.projects.values()) for (const team of project.loadedTeamFiles()) for (const f of team.files) read.add(f);
    const isConfig = (p: string) => path.basename(p) === TEAM_FILE_NAME || read.has(p);
    let changed = false;
    if (paths.some(isConfig)) {
      for (const project of this.projects.values()) project.invalidate();
      changed = true;
    }
    if (paths.some((p) => path.basename(p) === BASELINE_FILE_NAME)) {
      this.baselines.clear();
      changed = true;
    }
    return changed;
  }

  foldersChanged(): void {
    this.projects.clear();
    this.baselines.clear();
  }

  /** Trust was granted: reload everything with team patterns and outside `extends` allowed. */
  trustChanged(): void {
    this.projects.clear();
  }

  /** A team file, or a file a team file extends: its diagnostics are configuration problems, not findings. */
  isConfigFile(docUri: string): boolean {
    const file = fsPathOf(docUri);
    if (!file) return false;
    if (path.basename(file) === TEAM_FILE_NAME) return true;
    for (const project of this.projects.values()) for (const team of project.loadedTeamFiles()) if (team.files.includes(file)) return true;
    return false;
  }

  /**
   * A configuration file was opened or edited in the editor: its unsaved text applies at once (as ESLint reads unsaved
   * buffers), its problems are published on it, and the caller re-validates open documents.
   */
  configFileEdited(docUri: string): void {
    const file = fsPathOf(docUri);
    const teams = new Set<string>(file && path.basename(file) === TEAM_FILE_NAME ? [file] : []);
    for (const project of this.projects.values()) for (const team of project.loadedTeamFiles()) teams.add(team.file);
    for (const project of this.projects.values()) project.invalidate();
    for (const teamFile of teams) {
      const folder = this.host.folders.folderOf(pathToFileURL(teamFile).toString());
      if (!folder?.fsPath) continue;
      const resolved = this.project(folder).resolve(path.join(path.dirname(teamFile), '.codepay-guard-probe'));
      if (resolved.team) this.publishProblems(resolved.team);
    }
  }

  /** The folder's team configuration (for the workspace scan's ignore decisions). */
  projectOf(folder: FolderInfo): ProjectConfig {
    return this.project(folder);
  }

  private project(folder: FolderInfo): ProjectConfig {
    let project = this.projects.get(folder.uri);
    if (!project) {
      project = new (engine().ProjectConfig)(folder.fsPath!, { trusted: this.host.trusted(), readOverride: (file) => this.host.openText(file) });
      this.projects.set(folder.uri, project);
    }
    return project;
  }

  private baseline(folder: FolderInfo): LoadedBaseline | undefined {
    if (this.baselines.has(folder.uri)) return this.baselines.get(folder.uri);
    let loaded: LoadedBaseline | undefined;
    const file = path.join(folder.fsPath!, BASELINE_FILE_NAME);
    try {
      const { baseline, error } = engine().parseBaseline(fs.readFileSync(file, 'utf8'));
      if (error) this.host.warn(`CodePay Guard: ${BASELINE_FILE_NAME} in "${folder.name}" is not used: ${error}.`);
      loaded = baseline;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.host.warn(`CodePay Guard: ${BASELINE_FILE_NAME} in "${folder.name}" could not be read (${code ?? 'error'}).`);
    }
    this.baselines.set(folder.uri, loaded);
    return loaded;
  }

  /** Publishes a freshly loaded team config's problems on the files they are in, and clears files that are fine now. */
  private publishProblems(team: TeamConfig): void {
    if (this.published.has(team)) return;
    this.published.add(team);
    const byFile = new Map<string, ConfigProblem[]>();
    for (const f of [team.file, ...team.files]) byFile.set(f, []);
    for (const p of [...team.problems].sort((a, b) => a.offset - b.offset)) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const [file, problems] of byFile) {
      if (problems.length === 0 && !this.filesWithProblems.has(file)) continue;
      let doc: TextDocument | undefined;
      try {
        if (problems.length) doc = TextDocument.create(file, 'json', 0, this.host.openText(file) ?? fs.readFileSync(file, 'utf8'));
      } catch {
        doc = undefined;
      }
      if (problems.length) this.filesWithProblems.add(file);
      else this.filesWithProblems.delete(file);
      void this.host.connection.sendDiagnostics({ uri: pathToFileURL(file).toString(), diagnostics: problems.map((p) => problemDiagnostic(p, doc)) });
      for (const p of problems.filter((x) => x.severity === 'error').slice(0, 1)) {
        this.host.connection.console.warn(`${path.basename(p.file)}:${p.line}:${p.column}: ${p.message} (the last valid configuration stays in use)`);
      }
    }
  }

  private editorConfig(docUri: string): Promise<Config> {
    let cached = this.editorSettings.get(docUri);
    if (!cached) {
      cached = this.readEditorConfig(docUri);
      this.editorSettings.set(docUri, cached);
    }
    return cached;
  }

  private async readEditorConfig(docUri: string): Promise<Config> {
    let raw: unknown = this.pushedSettings;
    if (this.host.supportsConfigurationRequests()) {
      try {
        raw = await this.host.connection.workspace.getConfiguration({ scopeUri: docUri, section: SETTINGS_SECTION });
      } catch (err) {
        this.host.connection.console.warn(`Could not read the ${SETTINGS_SECTION} settings (${(err as Error).message}); using defaults.`);
        raw = undefined;
      }
    }
    const { config, problems } = engine().settingsToConfig(raw, { file: 'settings' });
    for (const p of problems) this.reportOnce(p.message, `CodePay Guard settings (${SETTINGS_SECTION}): ${p.message}; that setting is ignored.`);
    return config;
  }

  private reportOnce(key: string, message: string): void {
    if (this.reportedSettingsProblems.has(key)) return;
    this.reportedSettingsProblems.add(key);
    this.host.warn(message);
  }
}
