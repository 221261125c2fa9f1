// Memory the server's main thread keeps after a workspace scan. Reading thousands of files grows V8's young
// generation to its maximum (about 34 MB here), and V8 shrinks it only in a full collection that runs while little is
// being allocated, which an idle editor never triggers. So, a while after a scan, the main thread runs one full
// collection itself (about 10 ms for its heap of a few tens of MB): V8 then sees the low allocation rate and gives the
// young generation back. Measured with `node bench/server-memory.mjs`.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { testOverride } from './test-hooks';

/**
 * How long after a scan the collection runs: V8 shrinks the young generation only once the allocation rate it
 * measures has fallen, which takes several seconds without work.
 */
export const COMPACT_AFTER_SCAN_MS = 20_000;
/** Test hook (environment of the server process): a shorter wait. Ignored unless a positive number. */
export const TEST_COMPACT_ENV = 'CODEPAY_GUARD_TEST_COMPACT_AFTER_SCAN_MS';

let collect: (() => void) | null | undefined;

/**
 * V8's full collection, as `--expose-gc` exposes it, obtained without starting Node with that flag: the flag is set
 * for the time it takes to create one context, then unset (so that no later context, a worker's included, gets it).
 * Undefined where the runtime refuses.
 */
function fullCollection(): (() => void) | undefined {
  if (collect !== undefined) return collect ?? undefined;
  // Started with --expose-gc (NODE_OPTIONS): the flag is the user's, and stays as it is.
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return (collect = own as () => void);
  collect = null;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    if (typeof gc === 'function') collect = gc as () => void;
  } catch {
    collect = null;
  } finally {
    try {
      v8.setFlagsFromString('--no-expose-gc');
    } catch {
      // Nothing to undo.
    }
  }
  return collect ?? undefined;
}

/** Runs one full collection of this thread's heap; false when none can be run here. */
export function compactHeap(): boolean {
  const gc = fullCollection();
  if (!gc) return false;
  gc();
  return true;
}

/** The wait before the post-scan collection: {@link COMPACT_AFTER_SCAN_MS}, or the test override. */
export function compactDelayMs(): number {
  return testOverride(TEST_COMPACT_ENV) ?? COMPACT_AFTER_SCAN_MS;
}
