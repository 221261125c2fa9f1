// Effective configuration of a document: editor settings read per resource, merged over the folder's team file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Connection, DidChangeConfigurationParams } from 'vscode-languageserver/node';
import type { Config } from '../engine';
import { engine } from './engine';
import { fsPathOf, type FolderInfo, type WorkspaceFolders } from './folders';

export const SETTINGS_SECTION = 'codepayGuard';
export const TEAM_FILE_NAME = '.codepay-guard.json';

export interface ConfigurationHost {
  connection: Connection;
  folders: WorkspaceFolders;
  /** True when the client answers `workspace/configuration` requests (known once `initialize` arrived). */
  supportsConfigurationRequests(): boolean;
  /** Tells the user about a configuration problem (a message without any setting value in it). */
  warn(message: string): void;
}

/** Only the keys the engine understands: `trace.server` belongs to the client, and nothing else is copied. */
function pickEngineKeys(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const { enable, rules, ignore } = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (enable !== undefined && enable !== null) out.enable = enable;
  if (rules !== undefined && rules !== null) out.rules = rules;
  if (ignore !== undefined && ignore !== null) out.ignore = ignore;
  return out;
}

/**
 * Caches promises, never values: a request in flight is shared by every caller, and dropping the entry is all a
 * change needs (the next caller asks again). Editor settings are cached per document URI, team files per folder.
 */
export class ConfigurationStore {
  private readonly editorSettings = new Map<string, Promise<Config>>();
  private readonly teamFiles = new Map<string, Promise<Config | undefined>>();
  private readonly reportedSettingsProblems = new Set<string>();
  private readonly reportedTeamProblems = new Set<string>();
  /** Settings pushed with `didChangeConfiguration`, used when the client cannot be asked per resource. */
  private pushedSettings: unknown;

  constructor(private readonly host: ConfigurationHost) {}

  async configFor(docUri: string): Promise<Config> {
    const folder = this.host.folders.folderOf(docUri);
    const [team, editor] = await Promise.all([folder ? this.teamConfig(folder) : undefined, this.editorConfig(docUri)]);
    return engine().mergeConfigs(team, editor);
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

  /** A watched team file changed: drop its folder (every folder when it cannot be told which). */
  teamFileChanged(fileUri: string): void {
    const filePath = fsPathOf(fileUri);
    const folder = this.host.folders.all().find((f) => f.fsPath && filePath && path.join(f.fsPath, TEAM_FILE_NAME) === filePath);
    if (folder) {
      this.teamFiles.delete(folder.uri);
      for (const key of this.reportedTeamProblems) if (key.startsWith(`${folder.uri}\n`)) this.reportedTeamProblems.delete(key);
    } else {
      this.foldersChanged();
    }
  }

  foldersChanged(): void {
    this.teamFiles.clear();
    this.reportedTeamProblems.clear();
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
    const { config, errors } = engine().validateConfigObject(pickEngineKeys(raw), engine().RULE_IDS);
    for (const error of errors) this.reportOnce(this.reportedSettingsProblems, error, `CodePay Guard settings (${SETTINGS_SECTION}): ${error}.`);
    return config;
  }

  private teamConfig(folder: FolderInfo): Promise<Config | undefined> {
    let cached = this.teamFiles.get(folder.uri);
    if (!cached) {
      cached = this.readTeamConfig(folder);
      this.teamFiles.set(folder.uri, cached);
    }
    return cached;
  }

  private async readTeamConfig(folder: FolderInfo): Promise<Config | undefined> {
    if (!folder.fsPath) return undefined;
    let text: string;
    try {
      text = await fs.readFile(path.join(folder.fsPath, TEAM_FILE_NAME), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        this.reportOnce(this.reportedTeamProblems, `${folder.uri}\nread`, `CodePay Guard: ${TEAM_FILE_NAME} in "${folder.name}" could not be read (${code ?? 'error'}).`);
      }
      return undefined;
    }
    const { config, errors } = engine().parseTeamConfig(text, engine().RULE_IDS);
    for (const error of errors) {
      this.reportOnce(this.reportedTeamProblems, `${folder.uri}\n${error}`, `CodePay Guard: ${TEAM_FILE_NAME} in "${folder.name}": ${error}.`);
    }
    return config;
  }

  private reportOnce(reported: Set<string>, key: string, message: string): void {
    if (reported.has(key)) return;
    reported.add(key);
    this.host.warn(message);
  }
}
