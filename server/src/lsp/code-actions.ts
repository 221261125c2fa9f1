// Code actions: a finding's fixes, "suppress for this line" and "show documentation" as quick fixes; safe fix-all.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine';
import { engine } from './engine';
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

/** Every `safe` fix of the document in one edit (see the engine's selectSafeFixes). */
export function buildFixAll(doc: TextDocument, findings: readonly Finding[], options: CodeActionOptions): CodeAction | undefined {
  const { changes } = engine().selectSafeFixes(findings);
  if (changes.length === 0) return undefined;
  return {
    title: 'Apply all safe CodePay Guard fixes',
    kind: FIX_ALL_KIND,
    edit: toWorkspaceEdit(doc, changes, options.useDocumentChanges),
  };
}
