// Applying fixes as data: choosing the safe fixes of a file that can be applied together, and applying edits.
import type { Finding, Fix, TextChange } from './types';

/** Id the engine gives its generic "suppress for this line" fix. */
export const SUPPRESS_FIX_ID = 'suppress';

function span(fix: Fix): { start: number; end: number } {
  return { start: Math.min(...fix.changes.map((c) => c.start)), end: Math.max(...fix.changes.map((c) => c.end)) };
}

/**
 * Every `safe` fix of a file ("fix all", `--fix`), as one list of non-overlapping changes in document order. Fixes are
 * taken in document order and a fix whose span touches an accepted one is left for the next run, so each fix is
 * applied whole or not at all.
 */
export function selectSafeFixes(findings: readonly Finding[]): { changes: TextChange[]; fixes: number } {
  const candidates = findings
    .flatMap((f) => f.fixes)
    .filter((fix) => fix.safety === 'safe' && fix.id !== SUPPRESS_FIX_ID && fix.changes.length > 0)
    .sort((a, b) => span(a).start - span(b).start || span(a).end - span(b).end);
  const accepted: TextChange[] = [];
  let acceptedEnd = -1;
  let fixes = 0;
  for (const fix of candidates) {
    const { start, end } = span(fix);
    if (start < acceptedEnd || (start === acceptedEnd && start === end)) continue;
    accepted.push(...fix.changes);
    acceptedEnd = Math.max(acceptedEnd, end);
    fixes++;
  }
  return { changes: accepted.sort((a, b) => a.start - b.start || a.end - b.end), fixes };
}

/** Applies non-overlapping changes (in any order) to a text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const sorted = [...changes].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const c of sorted) {
    if (c.start < at) continue;
    out += text.slice(at, c.start) + c.text;
    at = c.end;
  }
  return out + text.slice(at);
}
