// `--cache`: outcomes of unchanged files are reused, keyed by a hash of the content and of everything that shapes the
// analysis (tool version, configuration, path, baseline entries, date). Entries hold what the reports hold: masked
// messages and snippets, never a secret.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CacheEntry } from './scan';
import { packageVersion } from './version';

const CACHE_VERSION = 1;

interface CacheFile {
  version: number;
  tool: string;
  root: string;
  entries: Record<string, CacheEntry>;
}

/** The cache for a scan root; an empty map when there is none, or it is unreadable, stale or for another root. */
export function readCache(file: string, root: string): Map<string, CacheEntry> {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (data.version !== CACHE_VERSION || data.tool !== packageVersion() || data.root !== root || !data.entries || typeof data.entries !== 'object') return new Map();
    return new Map(Object.entries(data.entries));
  } catch {
    return new Map();
  }
}

/** Writes the cache (entries of this scan only: deleted files drop out). A failure is a warning, not an error. */
export function writeCache(file: string, root: string, entries: ReadonlyMap<string, CacheEntry>, io: { stderr: { write(text: string): unknown } }): void {
  const data: CacheFile = { version: CACHE_VERSION, tool: packageVersion(), root, entries: Object.fromEntries(entries) };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(data));
  } catch (err) {
    io.stderr.write(`codepay-guard: warning: cannot write the cache ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`);
  }
}
