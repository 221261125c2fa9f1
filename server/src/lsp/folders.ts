// Workspace folders: which folder a document belongs to, and its path relative to that folder (what globs match).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver/node';

export interface FolderInfo {
  uri: string;
  name: string;
  /** File-system path of a `file:` folder; undefined for folders on other schemes. */
  fsPath?: string;
}

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isInside(folderPath: string, filePath: string): boolean {
  const rel = path.relative(folderPath, filePath);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export class WorkspaceFolders {
  private folders: FolderInfo[] = [];

  set(folders: readonly WorkspaceFolder[]): void {
    this.folders = folders.map((f) => ({ uri: f.uri, name: f.name, fsPath: fsPathOf(f.uri) }));
  }

  add(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => f.uri));
    this.set([...this.folders.filter((f) => !gone.has(f.uri)), ...added]);
  }

  all(): readonly FolderInfo[] {
    return this.folders;
  }

  /** The innermost workspace folder containing the document, if any. */
  folderOf(docUri: string): FolderInfo | undefined {
    const docPath = fsPathOf(docUri);
    let best: FolderInfo | undefined;
    for (const folder of this.folders) {
      const inside = docPath && folder.fsPath
        ? isInside(folder.fsPath, docPath)
        : docUri.startsWith(folder.uri.endsWith('/') ? folder.uri : `${folder.uri}/`);
      if (inside && (!best || folder.uri.length > best.uri.length)) best = folder;
    }
    return best;
  }

  /**
   * The path the engine sees (posix): relative to the document's workspace folder; the absolute path without its
   * root for files outside every folder (so `**`-globs and test-path detection still work); the name for untitled.
   */
  relativePath(docUri: string): string {
    if (docUri.startsWith('untitled:')) return safeDecode(docUri.slice('untitled:'.length)).replace(/^\/+/, '');
    const docPath = fsPathOf(docUri);
    const folder = this.folderOf(docUri);
    if (docPath) {
      if (folder?.fsPath) return toPosix(path.relative(folder.fsPath, docPath));
      return toPosix(docPath).replace(/^(?:[A-Za-z]:)?\/+/, '');
    }
    const rest = folder ? docUri.slice(folder.uri.replace(/\/$/, '').length) : docUri.replace(/^[a-z][\w+.-]*:(?:\/\/[^/]*)?/i, '');
    return safeDecode(rest).replace(/^\/+/, '');
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
