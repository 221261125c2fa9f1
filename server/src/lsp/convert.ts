// Engine → LSP conversion: the only place that maps engine offsets, findings and fixes to protocol types.
import {
  DiagnosticSeverity, MarkupKind, TextDocumentEdit,
  type Diagnostic, type Hover, type Position, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity, TextChange } from '../engine';
import type { FindingSummary } from './analysis-worker';
import { engine } from './engine';

/** `source` of every diagnostic this server publishes. */
export const DIAGNOSTIC_SOURCE = 'codepay-guard';

/** What a diagnostic carries back to the server in `textDocument/codeAction` requests. */
export interface DiagnosticData {
  fingerprint: string;
  /** Document version the finding was computed for. */
  version: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

/** A finding's diagnostic (whole findings, and the summaries workers send first, alike). */
export function toDiagnostic(finding: FindingSummary, doc: TextDocument): Diagnostic {
  const data: DiagnosticData = { fingerprint: finding.fingerprint, version: doc.version };
  return {
    range: toRange(doc, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: engine().ruleDocUrl(finding.ruleId) },
    message: finding.message,
    data,
  };
}

/** Reads back the `data` of one of our diagnostics; undefined when the client dropped or mangled it. */
export function readDiagnosticData(data: unknown): DiagnosticData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { fingerprint, version } = data as Record<string, unknown>;
  return typeof fingerprint === 'string' && typeof version === 'number' ? { fingerprint, version } : undefined;
}

/** True when the diagnostic covers exactly the finding's span (fallback match when `data` is missing). */
export function sameSpan(diagnostic: Diagnostic, finding: Finding, doc: TextDocument): boolean {
  return doc.offsetAt(diagnostic.range.start) === finding.start && doc.offsetAt(diagnostic.range.end) === finding.end;
}

export function toTextEdits(doc: TextDocument, changes: readonly TextChange[]): TextEdit[] {
  return changes.map((c) => ({ range: toRange(doc, c.start, c.end), newText: c.text }));
}

/**
 * A fix's offset edits as a WorkspaceEdit: versioned `documentChanges` when the client supports them (the edit is
 * then rejected if the document moved on), plain `changes` otherwise.
 */
export function toWorkspaceEdit(doc: TextDocument, changes: readonly TextChange[], useDocumentChanges: boolean): WorkspaceEdit {
  const edits = toTextEdits(doc, changes);
  if (useDocumentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  }
  return { changes: { [doc.uri]: edits } };
}

function quote(text: string): string {
  return text.split(/\r?\n/).filter((l) => l.trim()).map((l) => `> ${l}`).join('\n>\n');
}

function findingMarkdown(finding: Finding): string {
  const { explanation } = finding;
  const parts = [`**${finding.ruleId}** — ${finding.message}`];
  if (explanation.guidelineText) parts.push(`Guideline ${explanation.guideline.join(', ')}:\n\n${quote(explanation.guidelineText)}`);
  if (explanation.why) parts.push(`**Why it matters.** ${explanation.why}`);
  if (explanation.howToFix) parts.push(`**How to fix.** ${explanation.howToFix}`);
  parts.push(`[Documentation for ${finding.ruleId}](${engine().ruleDocUrl(finding.ruleId)})`);
  return parts.join('\n\n');
}

function findingPlainText(finding: Finding): string {
  const { explanation } = finding;
  return [
    `${finding.ruleId}: ${finding.message}`,
    explanation.guidelineText && `Guideline ${explanation.guideline.join(', ')}: ${explanation.guidelineText}`,
    explanation.why && `Why it matters: ${explanation.why}`,
    explanation.howToFix && `How to fix: ${explanation.howToFix}`,
    `Documentation: ${engine().ruleDocUrl(finding.ruleId)}`,
  ].filter(Boolean).join('\n\n');
}

/** Findings whose span contains the offset (both ends inclusive, so the cursor just after a literal still counts). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => f.start <= offset && offset <= f.end);
}

/** Hover for the findings under the cursor; its range is the span they share. */
export function toHover(doc: TextDocument, findings: readonly Finding[], markdown: boolean): Hover | null {
  if (findings.length === 0) return null;
  const start = Math.min(...findings.map((f) => f.start));
  const end = Math.max(...findings.map((f) => f.end));
  const value = markdown
    ? findings.map(findingMarkdown).join('\n\n---\n\n')
    : findings.map(findingPlainText).join('\n\n');
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: toRange(doc, start, end),
  };
}
