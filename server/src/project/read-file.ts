// Reading one file to scan, the same way in CI and in the editor's workspace scan: what is too large, binary,
// minified or unreadable is skipped with a reason, and the text is what an editor shows (no byte-order mark).
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Files above this size are skipped and counted: generated data or bundles, too slow to analyse usefully. A larger
 * `maxFileSize` (characters, so at most as many bytes) raises it: the team asked for files that large to be analysed.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The skip reason of a file over the default size limit. */
export const OVER_DEFAULT_SIZE = 'larger than 2 MB';
/** The skip reason of a file over a `maxFileSize` that raised the limit above {@link MAX_FILE_BYTES}. */
export const OVER_MAX_FILE_SIZE = 'larger than maxFileSize';

const MINIFIED_PROBE_CHARS = 4096;
const MINIFIED_LINE_CHARS = 1000;
const BINARY_PROBE_BYTES = 8192;
const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Why a file was not read for analysis: one of the reasons above, `binary`, `minified` or `unreadable`. */
export type ReadSkip = { kind: 'skip'; reason: string; /** For `unreadable`: the system's error code. */ code?: string };

export type ReadTarget =
  | {
    kind: 'text';
    /** The text without a leading byte-order mark. */
    text: string;
    /** True when the file starts with a byte-order mark (to keep it when the file is written back). */
    bom: boolean;
  }
  | ReadSkip;

/** A JavaScript file whose first lines are very long: a minified bundle, not code anyone edits. */
function hasLongLine(text: string): boolean {
  const head = text.slice(0, MINIFIED_PROBE_CHARS);
  let lineStart = 0;
  for (let i = 0; i <= head.length; i++) {
    const ch = head.charCodeAt(i);
    if (i === head.length || ch === 10 || ch === 13) {
      if (i - lineStart > MINIFIED_LINE_CHARS) return true;
      lineStart = i + 1;
    }
  }
  return false;
}

/**
 * Reads a file for a scan. `maxFileSize` (the configuration's, in characters) raises the size limit above the default
 * 2 MB; it never lowers it (the engine then checks larger scripts as text only, and says so).
 */
export function readScanTarget(absPath: string, maxFileSize?: number): ReadTarget {
  const maxBytes = Math.max(MAX_FILE_BYTES, maxFileSize ?? 0);
  let bytes: Buffer;
  try {
    if (fs.statSync(absPath).size > maxBytes) return { kind: 'skip', reason: maxBytes === MAX_FILE_BYTES ? OVER_DEFAULT_SIZE : OVER_MAX_FILE_SIZE };
    bytes = fs.readFileSync(absPath);
  } catch (err) {
    return { kind: 'skip', reason: 'unreadable', code: (err as NodeJS.ErrnoException).code ?? 'error' };
  }
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { kind: 'skip', reason: 'binary' };
  const bom = bytes.subarray(0, 3).equals(BOM);
  // Editors drop the byte-order mark from the document, so columns match what the user sees without it.
  const text = bytes.toString('utf8', bom ? 3 : 0);
  if (JS_EXTENSIONS.has(path.extname(absPath).toLowerCase()) && hasLongLine(text)) return { kind: 'skip', reason: 'minified' };
  return { kind: 'text', text, bom };
}
