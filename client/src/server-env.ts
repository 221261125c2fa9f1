// The environment the extension adds to the language server's process (no `vscode` import: tests start the server
// with the same environment, see test/lsp/workspace-scan.test.ts).

/**
 * glibc malloc settings of the server process (Linux; other C libraries ignore the variable). Measured after a
 * workspace scan of 5,000 files with a document open: the server's RSS once the scan's worker stopped went from about
 * 240 MB to about 180 MB. Nearly all of the difference is memory that malloc had freed but kept:
 * - each analysis worker (and the main thread) loads the server bundle, and parsing it takes some 20 MB of V8 zone
 *   memory from the thread's malloc arena; freed afterwards, it stays with the arena, and a stopped worker's arena stays
 *   with the process. Two arenas at most (`arena_max`) make the threads share, and so reuse, what was freed;
 * - freeing one large block (the bundle's text read from disk is megabytes) raises glibc's dynamic mmap threshold, and
 *   with it the trim threshold, to megabytes: from then on freed memory at the top of an arena is hardly ever given
 *   back. A fixed `mmap_threshold` (the default value, 128 KiB) turns the dynamic adjustment off.
 * Only glibc reads GLIBC_TUNABLES, and only when a process starts, which is why the client sets it: a server started
 * by another editor works the same, with more memory kept after a scan.
 */
export const SERVER_MALLOC_TUNABLES: Readonly<Record<string, string>> = {
  'glibc.malloc.arena_max': '2',
  'glibc.malloc.mmap_threshold': '131072',
};

/**
 * The variables to add to the server's environment, given the extension host's: GLIBC_TUNABLES with the settings
 * above, after those already set there (a user's own value of the same tunable is kept).
 */
export function serverEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const current = base.GLIBC_TUNABLES ?? '';
  const entries = current.split(':').filter((entry) => entry.length > 0);
  const named = new Set(entries.map((entry) => entry.split('=', 1)[0]));
  for (const [name, value] of Object.entries(SERVER_MALLOC_TUNABLES)) if (!named.has(name)) entries.push(`${name}=${value}`);
  return { GLIBC_TUNABLES: entries.join(':') };
}
