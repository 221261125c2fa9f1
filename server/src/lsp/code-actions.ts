// Code actions: a finding's fixes, "suppress for this line" and "show documentation" as quick fixes; safe fix-all.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, TextChange } from '../engine';
import { DIAGNOSTIC_SOURCE, readDiagnosticData, sameSpan, toWorkspaceEdit } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.codepay-guard`;
export const SHOW_RULE_DOC_COMMAND = 'codepay-guard.showRuleDoc';
/** Id the engine gives its generic "suppress for this line" fix. */
const SUPPRESS_FIX_ID = 'suppress';

/** LSP `only` semantics: a requested kind matches itself and every kind below it (`source` matches `source.fixAll.x`). */
function isWanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The finding a diagnostic stands for: by fingerprint (survives line shifts), else by rule and exact span. */
function findingFor(diagnostic: Diagnostic, findings: readonly Finding[], doc: TextDocument): Finding | undefined {
  const data = readDiagnosticData(diagnostic.data);
  const byFingerprint = data && findings.find((f) => f.fingerprint === data.fingerprint);
  if (byFingerprint) return byFingerprint;
  return findings.find((f) => f.ruleId === diagnostic.code && sameSpan(diagnostic, f, doc));
}

export interface CodeActionOptions {
  /** Client accepts versioned `documentChanges` in workspace edits. */
  useDocumentChanges: boolean;
}

export function buildCodeActions(
  params: CodeActionParams, doc: TextDocument, findings: readonly Finding[], options: CodeActionOptions,
): CodeAction[] {
  const actions: CodeAction[] = [];
  if (isWanted(params.context.only, CodeActionKind.QuickFix)) actions.push(...quickFixes(params, doc, findings, options));
  if (isWanted(params.context.only, FIX_ALL_KIND)) {
    const fixAll = buildFixAll(doc, findings, options);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function quickFixes(params: CodeActionParams, doc: TextDocument, findings: readonly Finding[], options: CodeActionOptions): CodeAction[] {
  const ruleFixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seenSuppressions = new Set<string>();
  const seenDocs = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = findingFor(diagnostic, findings, doc);
    if (!finding) continue;
    let preferredOffered = false;
    for (const fix of finding.fixes) {
      if (fix.changes.length === 0) continue;
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: toWorkspaceEdit(doc, fix.changes, options.useDocumentChanges),
      };
      if (fix.id === SUPPRESS_FIX_ID) {
        // Two findings of one rule on one line need a single comment.
        const key = `${finding.ruleId}@${fix.changes[0].start}`;
        if (seenSuppressions.has(key)) continue;
        seenSuppressions.add(key);
        suppressions.push(action);
      } else {
        if (!preferredOffered) action.isPreferred = true;
        preferredOffered = true;
        ruleFixes.push(action);
      }
    }
    if (!seenDocs.has(finding.ruleId)) {
      seenDocs.add(finding.ruleId);
      const title = `Show documentation for ${finding.ruleId}`;
      docs.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: SHOW_RULE_DOC_COMMAND, arguments: [finding.ruleId] },
      });
    }
  }
  return [...ruleFixes, ...suppressions, ...docs];
}

function span(fix: Fix): { start: number; end: number } {
  return { start: Math.min(...fix.changes.map((c) => c.start)), end: Math.max(...fix.changes.map((c) => c.end)) };
}

/**
 * Every `safe` fix of the document in one edit. Fixes are taken in document order and a fix whose span touches an
 * accepted one is left for the next run, so edits never overlap and each fix is applied whole or not at all.
 */
export function buildFixAll(doc: TextDocument, findings: readonly Finding[], options: CodeActionOptions): CodeAction | undefined {
  const candidates = findings
    .flatMap((f) => f.fixes)
    .filter((fix) => fix.safety === 'safe' && fix.id !== SUPPRESS_FIX_ID && fix.changes.length > 0)
    .sort((a, b) => span(a).start - span(b).start || span(a).end - span(b).end);
  const accepted: TextChange[] = [];
  let acceptedEnd = -1;
  for (const fix of candidates) {
    const { start, end } = span(fix);
    if (start < acceptedEnd || (start === acceptedEnd && start === end)) continue;
    accepted.push(...fix.changes);
    acceptedEnd = Math.max(acceptedEnd, end);
  }
  if (accepted.length === 0) return undefined;
  return {
    title: 'Apply all safe CodePay Guard fixes',
    kind: FIX_ALL_KIND,
    edit: toWorkspaceEdit(doc, accepted.sort((a, b) => a.start - b.start), options.useDocumentChanges),
  };
}
