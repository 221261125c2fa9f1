// analyze(): parse once, run every enabled rule in one traversal, apply suppressions, return plain findings.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { capSeverity, matchesAnyGlob, resolveRule } from './config';
import { fnv1a64 } from './hash';
import { commentStyle, scriptDialect } from './languages';
import { LineIndex } from './lines';
import { maskAll } from './mask';
import { parseScript } from './parse';
import { findTextComments, parseDirective, SuppressionIndex, type CommentSpan, type Directive } from './suppressions';
import { addHandler, traverse, type DispatchTable, type Handler } from './traverse';
import type {
  AnalyzeOptions, AnalyzeResult, Finding, Fix, ReportDescriptor, Rule, RuleContext, Severity, SourceFile,
} from './types';

/** Files larger than this are skipped with a note (generated bundles, data dumps). */
export const MAX_FILE_CHARS = 2_000_000;

const TEST_PATH = /(?:^|[\\/])(?:tests?|__tests__|__mocks__|spec|fixtures?|testdata)[\\/]|\.(?:test|spec)\.[cm]?[jt]sx?$/i;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (data && key in data ? String(data[key]) : `{{${key}}}`));
}

function looksBinary(text: string): boolean {
  const head = text.slice(0, 8000);
  return head.includes('\u0000');
}

/** The file's line ending, for inserted lines: CRLF when the file uses it anywhere. */
function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Builds the "suppress for this line" fix: a `codepay-guard-disable-next-line` comment above the finding's line. */
export function suppressionFix(
  text: string, lines: LineIndex, path: string, languageId: string | undefined, ruleId: string, offset: number,
  eol: string = lineEnding(text),
): Fix | undefined {
  const style = commentStyle(path, languageId);
  if (!style) return undefined;
  const line = lines.lineOf(offset);
  const lineStart = lines.lineStart(line);
  // A markup comment cannot go inside a start tag (a multi-line `<application … android:debuggable="true"`):
  // rather no fix than one that breaks the file.
  if ('open' in style && style.open === '<!--' && text.lastIndexOf('<', lineStart) > text.lastIndexOf('>', lineStart)) return undefined;
  const indent = /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
  const body = `codepay-guard-disable-next-line ${ruleId} -- <reason>`;
  const comment = 'line' in style ? `${style.line} ${body}` : `${style.open} ${body} ${style.close}`;
  return {
    id: 'suppress',
    title: `Suppress ${ruleId} for this line`,
    safety: 'unsafe',
    changes: [{ start: lineStart, end: lineStart, text: `${indent}${comment}${eol}` }],
  };
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  failed: boolean;
}

/**
 * Analyses one file. Pure: no I/O, no global state, never throws. A script that does not parse degrades to the
 * rules' text visitors, so secrets are still found while code is being typed.
 */
export function analyze(text: string, options: AnalyzeOptions): AnalyzeResult {
  const notes: string[] = [];
  try {
    return analyzeUnsafe(text, options, notes);
  } catch (err) {
    notes.push(`internal error: ${(err as Error)?.message ?? String(err)}`);
    return { findings: [], notes, skipped: 'internal error', stats: noCost() };
  }
}

const noCost = () => ({ parses: 0, traversals: 0, nodes: 0 });

function analyzeUnsafe(text: string, options: AnalyzeOptions, notes: string[]): AnalyzeResult {
  const { path, languageId, config } = options;
  if (config?.enable === false) return { findings: [], notes, skipped: 'disabled', stats: noCost() };
  if (matchesAnyGlob(path, config?.ignore)) return { findings: [], notes, skipped: 'ignored by configuration', stats: noCost() };
  if (text.length > MAX_FILE_CHARS) return { findings: [], notes, skipped: `larger than ${MAX_FILE_CHARS} characters`, stats: noCost() };
  if (looksBinary(text)) return { findings: [], notes, skipped: 'binary content', stats: noCost() };

  const lines = new LineIndex(text);
  const dialect = scriptDialect(path, languageId);
  const parsed = dialect ? parseScript(text, dialect) : undefined;
  const ast = parsed?.ok ? parsed.ast : undefined;
  const parseError = parsed && !parsed.ok ? { message: parsed.message, offset: parsed.offset } : undefined;
  const stats = { parses: parsed?.attempts ?? 0, traversals: 0, nodes: 0 };

  const source: SourceFile = {
    text, path, languageId: languageId ?? '', kind: dialect ? 'script' : 'text', ast, parseError,
    isFixture: matchesAnyGlob(path, config?.fixtures),
    isTestFile: isTestPath(path),
    positionAt: (offset) => lines.positionAt(offset),
    lineStartAt: (offset) => lines.lineStart(lines.lineOf(offset)),
    getText: (node) => text.slice(node.range[0], node.range[1]),
  };

  const raw: Array<{ active: ActiveRule; d: ReportDescriptor }> = [];
  const table: DispatchTable = new Map();
  const textVisitors: Array<{ active: ActiveRule; visit: (s: SourceFile) => void }> = [];

  for (const rule of options.rules) {
    const { severity, options: ruleOptions } = resolveRule(rule, config);
    if (severity === 'off') continue;
    const active: ActiveRule = { rule, severity, failed: false };
    const context: RuleContext = {
      source,
      options: ruleOptions,
      report: (d) => { if (!active.failed) raw.push({ active, d }); },
    };
    let visitors;
    try {
      visitors = rule.create(context);
    } catch (err) {
      notes.push(`rule ${rule.meta.id} failed to start: ${(err as Error).message}`);
      continue;
    }
    const guard = (fn: Handler): Handler => (node) => {
      if (active.failed) return;
      try {
        fn(node);
      } catch (err) {
        active.failed = true;
        notes.push(`rule ${rule.meta.id} failed and was skipped for this file: ${(err as Error).message}`);
      }
    };
    for (const [key, visit] of Object.entries(visitors)) {
      if (!visit) continue;
      if (key === 'text') textVisitors.push({ active, visit: visit as (s: SourceFile) => void });
      else if (ast) addHandler(table, key, guard(visit as Handler));
    }
  }

  if (ast) {
    stats.nodes = traverse(ast, table);
    stats.traversals = 1;
  } else {
    for (const { active, visit } of textVisitors) {
      try {
        visit(source);
      } catch (err) {
        active.failed = true;
        notes.push(`rule ${active.rule.meta.id} failed and was skipped for this file: ${(err as Error).message}`);
      }
    }
  }

  const suppressions = new SuppressionIndex(collectDirectives(text, ast, lines, notes), lines.lineCount, options.today ?? todayIso());
  const findings: Finding[] = [];
  const seenFingerprints = new Map<string, number>();
  const eol = raw.length ? lineEnding(text) : '\n';
  for (const { active, d } of raw) {
    if (active.failed) continue;
    const finding = toFinding(active, d, text, lines, options, seenFingerprints, eol);
    if (!finding) continue;
    if (suppressions.isSuppressed(finding.ruleId, lines.lineOf(finding.start))) continue;
    findings.push(finding);
  }
  findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { findings, notes, parseError, stats };
}

function collectDirectives(text: string, ast: TSESTree.Program | undefined, lines: LineIndex, notes: string[]): Directive[] {
  if (!text.includes('codepay-guard-')) return [];
  const comments: CommentSpan[] = ast
    ? (ast.comments ?? []).map((c) => ({ value: c.value, start: c.range[0], end: c.range[1] }))
    : findTextComments(text);
  const out: Directive[] = [];
  for (const c of comments) {
    const d = parseDirective(c, lines, notes);
    if (d) out.push(d);
  }
  return out;
}

/** Lines longer than this (minified code, long config values) are fingerprinted by a window around the finding. */
const FINGERPRINT_LINE_CHARS = 400;
const FINGERPRINT_WINDOW_CHARS = 120;

/**
 * The text a fingerprint is made of: the finding's line, or for a very long line the text around the finding — so
 * thousands of findings on one minified line do not each re-read the whole line.
 */
function fingerprintContext(text: string, lines: LineIndex, start: number, end: number): string {
  const line = lines.lineOf(start);
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  if (lineEnd - lineStart <= FINGERPRINT_LINE_CHARS) return text.slice(lineStart, lineEnd);
  return text.slice(Math.max(lineStart, start - FINGERPRINT_WINDOW_CHARS), Math.min(lineEnd, end + FINGERPRINT_WINDOW_CHARS));
}

function toFinding(
  active: ActiveRule, d: ReportDescriptor, text: string, lines: LineIndex, options: AnalyzeOptions, seen: Map<string, number>,
  eol: string,
): Finding | undefined {
  const { meta } = active.rule;
  const start = d.node ? d.node.range[0] : d.start;
  const end = d.node ? d.node.range[1] : (d.end ?? d.start);
  if (typeof start !== 'number' || typeof end !== 'number' || start < 0 || end > text.length || end < start) return undefined;
  const template = meta.messages[d.messageId];
  if (template === undefined) return undefined;
  const secrets = d.secrets ?? [];
  const message = maskAll(formatMessage(template, d.data), secrets);

  const fixes: Fix[] = (d.fixes ?? []).map((f) => ({
    id: f.id,
    title: maskAll(f.title, secrets),
    safety: meta.fixes?.[f.id] ?? 'unsafe',
    changes: f.changes,
  }));
  const suppress = suppressionFix(text, lines, options.path, options.languageId, meta.id, start, eol);
  if (suppress) fixes.push(suppress);

  const lineText = maskAll(fingerprintContext(text, lines, start, end), secrets).replace(/\s+/g, ' ').trim();
  const base = fnv1a64([meta.id, d.messageId, lineText, d.fingerprintKey ?? ''].join('\u0000'));
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);

  const guidelineText = meta.guideline
    .map((s) => options.guidelineText?.[s])
    .filter((t): t is string => Boolean(t))
    .join('\n');
  return {
    ruleId: meta.id,
    messageId: d.messageId,
    severity: capSeverity(active.severity, d.severityCap),
    message,
    start,
    end,
    fixes,
    explanation: { guideline: meta.guideline, guidelineText, why: meta.why, howToFix: meta.howToFix },
    fingerprint: `${base}:${n}`,
  };
}
