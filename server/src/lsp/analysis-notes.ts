// Plain-words notes about analyses that did not (fully) run: a file too large to parse, skipped, stopped at the time
// budget or at the hard deadline. Published as one Information diagnostic at the start of the file, next to the findings.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { AnalyzeResult } from '../engine';
import type { AnalysisOutcome } from './analysis-runner';
import type { AnalysisSummary } from './analysis-worker';
import { DIAGNOSTIC_SOURCE } from './convert';

/** `code` of the note diagnostics (they stand for no rule: no quick fix, no rule documentation). */
export const ANALYSIS_NOTE_CODE = 'analysis-limit';

const PREFIX = 'CodePay Guard: ';
/** Skip reasons the user chose or expects (disabled, ignored, the tool's own files): no note. */
const QUIET_SKIPS = /^(?:disabled|ignored|CodePay Guard configuration)/;

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function incompleteText(part: string): string {
  const tooLarge = /file too large for full analysis \(more than (\d+) characters\)/.exec(part);
  if (tooLarge) return `file too large for full analysis (more than ${grouped(tooLarge[1])} characters): only text checks ran`;
  const budget = /analysis stopped after \d+ ms \(time budget of (\d+) ms\)/.exec(part);
  if (budget) return `analysis stopped at its time budget (${Number(budget[1]) / 1000} s): findings may be incomplete`;
  return part;
}

function skippedText(skipped: string): string | undefined {
  if (QUIET_SKIPS.test(skipped)) return undefined;
  const tooLarge = /^larger than (\d+) characters/.exec(skipped);
  if (tooLarge) return `file too large to analyse (more than ${grouped(tooLarge[1])} characters): not checked`;
  if (skipped === 'binary content') return 'binary content: this file is not checked';
  if (skipped === 'internal error') return 'this file could not be analysed (internal error, logged in the CodePay Guard output)';
  return `this file was not analysed (${skipped})`;
}

/** The note for an engine result, if part or all of the analysis did not run. */
export function resultNote(result: AnalyzeResult | AnalysisSummary): string | undefined {
  if (result.skipped) {
    const text = skippedText(result.skipped);
    return text && PREFIX + text;
  }
  if (result.incomplete) return PREFIX + result.incomplete.split('; ').map(incompleteText).join('; ');
  return undefined;
}

/** The note for an analysis that was stopped (no result at all). */
export function stoppedNote(outcome: Extract<AnalysisOutcome, { kind: 'stopped' }>): string {
  return outcome.reason === 'memory'
    ? `${PREFIX}analysis of this file ran out of memory and was stopped`
    : `${PREFIX}analysis of this file took too long and was stopped`;
}

/** The note as an Information diagnostic at the start of the document. */
export function noteDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: ANALYSIS_NOTE_CODE,
    message,
  };
}
