// analyze(): pre-filter the rules on the text, parse once (or not at all when no rule may report), run the remaining
// rules in one traversal, apply suppressions, return plain findings.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { capSeverity, matchesAnyGlob, resolveRule } from './config';
import { fnv1a64 } from './hash';
import { baseName, commentStyle, isDeclarationFile, scriptDialect } from './languages';
import { LineIndex } from './lines';
import { maskAll, maskLikelySecrets, maskSecret } from './mask';
import { fullParser } from './parse';
import { rulesThatMayReport, type EnabledRule } from './prefilter';
import { findTextComments, parseDirective, SuppressionIndex, type CommentSpan, type Directive } from './suppressions';
import { SharedAnalyses } from './shared';
import { addHandler, traverse, type DispatchTable, type Handler, type HandlerOwner } from './traverse';
import type {
  AnalyzeOptions, AnalyzeResult, Config, Finding, FindingExplanation, Fix, ReportDescriptor, Rule, RuleContext, Severity,
  SourceFile, SuppressionUse,
} from './types';

/** The tool's own files: the team file lists allowed test keys, the baseline holds fingerprints; neither is code. */
const OWN_FILES: ReadonlySet<string> = new Set(['.codepay-guard.json', '.codepay-guard-baseline.json', '.codepay-guard-cache']);

/**
 * Scripts larger than this (by default; `maxFileSize`) are not parsed, which takes seconds for a generated bundle:
 * only the rules' text checks run, so a key pasted into a bundle is still found.
 */
export const MAX_FILE_CHARS = 2_000_000;
/** Files larger than this are skipped with a note: not even the text checks run (data dumps, huge bundles). */
export const HARD_MAX_FILE_CHARS = 20_000_000;
/** Time one file's analysis may take (by default; `timeBudgetMs`) before no further rule is dispatched. */
export const DEFAULT_TIME_BUDGET_MS = 10_000;

/**
 * The per-file time budget. Asked between rules and every few hundred AST nodes, never inside one: a rule that is
 * running is not interrupted, but once the budget is spent nothing else is dispatched.
 */
class TimeBudget {
  private readonly started: number;
  private spent = false;

  constructor(private readonly clock: () => number, readonly limitMs: number) {
    this.started = clock();
  }

  /** True once the budget is spent (and from then on, without reading the clock again). */
  expired(): boolean {
    if (!this.spent && this.clock() - this.started > this.limitMs) this.spent = true;
    return this.spent;
  }

  get wasSpent(): boolean {
    return this.spent;
  }

  elapsedMs(): number {
    return Math.round(this.clock() - this.started);
  }
}

// Test folders, `*.test.ts`/`*.spec.js`, and a package's one-file suite (`test.js`, `tests.mjs`, `spec.ts`).
const TEST_PATH = /(?:^|[\\/])(?:tests?|__tests__|__mocks__|spec|fixtures?|testdata)[\\/]|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|[\\/])(?:tests?|spec)\.[cm]?[jt]sx?$/i;

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

/** A rule running on one file: once it has failed (a visitor threw), its handlers stop and its reports are dropped. */
class ActiveRule implements HandlerOwner {
  failed = false;
  private explained: FindingExplanation | undefined;

  constructor(readonly rule: Rule, readonly severity: Severity, private readonly notes: string[]) {}

  /**
   * The explanation of the rule's findings: one object for all of them in a file, so that a result sent from a worker
   * (a structured clone, which keeps shared references) carries each rule's texts once, not once per finding.
   */
  explanation(guidelineText: Record<string, string> | undefined): FindingExplanation {
    if (this.explained) return this.explained;
    const { meta } = this.rule;
    const text = meta.guideline.map((s) => guidelineText?.[s]).filter((t): t is string => Boolean(t)).join('\n');
    this.explained = { guideline: meta.guideline, guidelineText: text, why: meta.why, howToFix: meta.howToFix };
    return this.explained;
  }

  get id(): string {
    return this.rule.meta.id;
  }

  fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.notes.push(`rule ${this.id} failed and was skipped for this file: ${(error as Error)?.message ?? String(error)}`);
  }
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
    return skippedResult('internal error', notes);
  }
}

const noCost = () => ({ parses: 0, traversals: 0, nodes: 0 });
/** `skipped` of an analysis stopped by its `cancelled` hook. */
export const CANCELLED = 'cancelled';
const skippedResult = (skipped: string, notes: string[]): AnalyzeResult => ({ findings: [], notes, skipped, stats: noCost(), suppressions: [], baselined: 0 });

function analyzeUnsafe(text: string, options: AnalyzeOptions, notes: string[]): AnalyzeResult {
  const { path, languageId, config } = options;
  if (config?.enable === false) return skippedResult('disabled', notes);
  if (matchesAnyGlob(path, config?.ignore)) return skippedResult('ignored by configuration', notes);
  if (OWN_FILES.has(baseName(path))) return skippedResult('CodePay Guard configuration', notes);
  if (text.length > HARD_MAX_FILE_CHARS) return skippedResult(`larger than ${HARD_MAX_FILE_CHARS} characters`, notes);
  if (looksBinary(text)) return skippedResult('binary content', notes);

  const budget = new TimeBudget(options.clock ?? Date.now, options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const maxFileSize = options.maxFileSize ?? config?.maxFileSize ?? MAX_FILE_CHARS;
  const lines = new LineIndex(text);
  const dialect = scriptDialect(path, languageId);
  // A declaration file is never executed: only the rules about what is written in a file judge it, on its text.
  const declaration = dialect !== undefined && isDeclarationFile(path);
  // Too large to parse in reasonable time: the script gets the text checks, as while it does not parse.
  const tooLarge = dialect !== undefined && text.length > maxFileSize;
  const textOnly = declaration || tooLarge;
  const incomplete: string[] = [];
  if (tooLarge && !declaration) incomplete.push(`file too large for full analysis (more than ${maxFileSize} characters): text checks only`);
  const enabled: Array<EnabledRule<Severity>> = [];
  for (const rule of options.rules) {
    if (declaration && rule.meta.declarationFiles !== true) continue;
    const { severity, options: ruleOptions } = resolveRule(rule, config);
    if (severity !== 'off') enabled.push({ rule, severity, options: ruleOptions });
  }
  const kind = dialect ? 'script' : 'text';
  const isFixture = matchesAnyGlob(path, config?.fixtures);
  const isTestFile = isTestPath(path);
  const hasDirectives = text.includes('codepay-guard-');
  // The pre-filter: only the rules that may report on this text run. A script none of them may report on is not parsed
  // (so it reports no parse error either: nothing could be found in it anyway), unless it has suppression comments:
  // which of them are unused or lack a reason is judged on the comments the parser finds, and only when it parses.
  const prefilter = options.prefilter !== false;
  const selected = prefilter ? rulesThatMayReport(enabled, { text, path, languageId: languageId ?? '', kind, isFixture, isTestFile }) : enabled;
  const parseSkipped = prefilter && dialect !== undefined && !textOnly && selected.length === 0 && !hasDirectives;
  const toParse = dialect !== undefined && !textOnly && !parseSkipped ? dialect : undefined;
  // Comments cost a second scan of the file: collected for suppression directives and for rules that read them.
  const comments = toParse !== undefined && (hasDirectives || selected.some(({ rule, options: o }) => {
    try {
      return rule.wantsComments?.(text, o) === true;
    } catch {
      return true;
    }
  }));
  const parsed = toParse ? (options.parser ?? fullParser).parse(text, toParse, comments) : undefined;
  const ast = parsed?.ok ? parsed.ast : undefined;
  const parseError = parsed && !parsed.ok ? { message: parsed.message, offset: parsed.offset } : undefined;
  const stats: AnalyzeResult['stats'] = { parses: parsed?.attempts ?? 0, traversals: 0, nodes: 0, rulesSkipped: enabled.length - selected.length };
  if (parsed?.reused) stats.reusedParse = true;
  if (parsed?.ahead) stats.parsedAhead = true;
  if (parseSkipped) stats.parseSkipped = true;

  const source: SourceFile = {
    text, path, languageId: languageId ?? '', kind, ast, parseError, isFixture, isTestFile,
    positionAt: (offset) => lines.positionAt(offset),
    lineStartAt: (offset) => lines.lineStart(lines.lineOf(offset)),
    getText: (node) => text.slice(node.range[0], node.range[1]),
  };

  const raw: Array<{ active: ActiveRule; d: ReportDescriptor }> = [];
  const table: DispatchTable = new Map();
  const textVisitors: Array<{ active: ActiveRule; visit: (s: SourceFile) => void }> = [];
  const shared = new SharedAnalyses(ast ? table : undefined);

  for (const { rule, severity, options: ruleOptions } of selected) {
    const active = new ActiveRule(rule, severity, notes);
    const context: RuleContext = {
      source,
      options: ruleOptions,
      report: (d) => { if (!active.failed) raw.push({ active, d }); },
      shared: (key, create) => shared.get(key, create, active),
    };
    let visitors;
    try {
      visitors = rule.create(context);
    } catch (err) {
      notes.push(`rule ${rule.meta.id} failed to start: ${(err as Error).message}`);
      continue;
    }
    for (const [key, visit] of Object.entries(visitors)) {
      if (!visit) continue;
      if (key === 'text') textVisitors.push({ active, visit: visit as (s: SourceFile) => void });
      else if (ast) addHandler(table, key, visit as Handler, active);
    }
  }

  const { cancelled } = options;
  const stop = cancelled ? () => budget.expired() || cancelled() : () => budget.expired();
  if (ast) {
    // A parse that alone spent the budget leaves no time for the rules.
    if (!stop()) {
      stats.nodes = traverse(ast, table, stop, options.parser?.traversal);
      stats.traversals = 1;
    }
  } else {
    for (const { active, visit } of textVisitors) {
      if (stop()) break;
      try {
        visit(source);
      } catch (err) {
        active.fail(err);
      }
    }
  }

  // Nothing of a cancelled analysis is kept (the parser's state is: it holds this text's tree, its walks as far as they went).
  if (cancelled?.()) return { ...skippedResult(CANCELLED, notes), stats };
  if (budget.wasSpent) incomplete.push(`analysis stopped after ${budget.elapsedMs()} ms (time budget of ${budget.limitMs} ms): findings may be incomplete`);
  notes.push(...incomplete);

  const directives = collectDirectives(text, ast, lines, notes);
  // Without directives neither the line count nor today's date is needed (nor worth a pass over the text, a Date).
  const suppressions = directives.length
    ? new SuppressionIndex(directives, lines.lineCount, options.today ?? todayIso())
    : new SuppressionIndex(directives, 0, options.today ?? '');
  const findings: Finding[] = [];
  const seenFingerprints = new Map<string, number>();
  const eol = raw.length || directives.length ? lineEnding(text) : '\n';
  let baselined = 0;
  // A snippet may show other findings' secrets on the same line: every secret of the file is masked in every snippet.
  const fileSecrets = new FileSecrets(raw.flatMap(({ d }) => d.secrets ?? []));
  for (const { active, d } of raw) {
    if (active.failed) continue;
    const finding = toFinding(active, d, text, lines, options, seenFingerprints, eol, source.isFixture, fileSecrets);
    if (!finding) continue;
    const line = lines.lineOf(finding.start);
    if (suppressions.suppress(finding.ruleId, line)) continue;
    if (options.baseline?.has(`${finding.ruleId}:${finding.fingerprint}`)) {
      baselined++;
      continue;
    }
    const expired = suppressions.expiredFor(finding.ruleId, line);
    if (expired) finding.message += ` (The suppression comment on line ${expired.line + 1} expired on ${expired.until}.)`;
    findings.push(finding);
  }
  const uses: SuppressionUse[] = [];
  for (const outcome of suppressions.outcomes()) {
    const { directive: dir } = outcome;
    uses.push({
      kind: dir.kind, ruleIds: dir.ruleIds, reason: dir.reason, until: dir.until, start: dir.start, end: dir.end,
      status: outcome.status, suppressed: outcome.suppressed,
    });
  }
  // While a script does not parse only the text checks ran: a comment for an AST rule is not "unused" then.
  // Nor when the AST rules did not run to the end (file too large, time budget spent).
  if (!parseError && incomplete.length === 0) findings.push(...directiveFindings(text, lines, suppressions, config, eol));
  findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { findings, notes, parseError, incomplete: incomplete.length ? incomplete.join('; ') : undefined, stats, suppressions: uses, baselined };
}

/** The pseudo-rule under which problems with suppression comments are reported. */
export const SUPPRESSION_RULE_ID = 'suppression-comment';

const SUPPRESSION_EXPLANATION: FindingExplanation = {
  guideline: [],
  guidelineText: '',
  why: 'Suppressions are security decisions: one without a reason cannot be reviewed, and one that hides nothing hides the next real finding on that line.',
  howToFix: 'Give every suppression a reason after `--` (and an `until YYYY-MM-DD` for temporary ones); remove suppressions that no longer hide a finding.',
};

function describeIds(ids: readonly string[]): string {
  return ids.length === 0 ? 'any rule' : ids.map((id) => `\`${id}\``).join(', ');
}

/** Unused and reason-less suppression comments, as findings on the comment itself. */
function directiveFindings(text: string, lines: LineIndex, index: SuppressionIndex, config: Config | undefined, eol: string): Finding[] {
  const unusedSeverity = config?.suppressions?.reportUnused ?? 'warning';
  const requireReason = config?.suppressions?.requireReason ?? true;
  const out: Finding[] = [];
  const make = (dir: Directive, messageId: string, severity: Severity, message: string, fixes: Fix[]): Finding => {
    const context = lines.lineText(dir.line).replace(/\s+/g, ' ').trim();
    return {
      ruleId: SUPPRESSION_RULE_ID, messageId, severity, message, start: dir.start, end: dir.end, fixes,
      explanation: SUPPRESSION_EXPLANATION,
      fingerprint: `${fnv1a64([SUPPRESSION_RULE_ID, messageId, context].join('\u0000'))}:1`,
      snippet: maskLikelySecrets(context).slice(0, SNIPPET_CHARS),
    };
  };
  for (const { directive: dir, status, unusedIds } of index.outcomes()) {
    if (unusedSeverity !== 'off' && status !== 'used') {
      const what = status === 'expired'
        ? `Expired suppression (until ${dir.until}) for ${describeIds(dir.ruleIds)} hides nothing any more; remove it.`
        : `Unused suppression: no ${describeIds(dir.ruleIds)} finding ${dir.kind === 'disable' ? 'in its block' : 'on its line'}; remove it so it cannot hide a future finding.`;
      const removal = removeCommentFix(text, lines, dir, eol);
      out.push(make(dir, status === 'expired' ? 'expired' : 'unused', unusedSeverity, what, removal ? [removal] : []));
    } else if (unusedSeverity !== 'off' && status === 'used' && unusedIds.length > 0) {
      out.push(make(dir, 'unused', unusedSeverity, `Unused suppression for ${describeIds(unusedIds)}: no such finding here; remove ${unusedIds.length === 1 ? 'that id' : 'those ids'}.`, []));
    }
    if (requireReason && !dir.reason) {
      out.push(make(dir, 'missingReason', 'warning', 'Suppression without a reason: add `-- <why>` after the rule ids so reviewers can judge it (team policy).', []));
    }
  }
  return out;
}

/** Deletes a suppression comment: its whole line when nothing else is on it, otherwise the comment and the blanks before it. */
function removeCommentFix(text: string, lines: LineIndex, dir: Directive, eol: string): Fix | undefined {
  const firstLineStart = lines.lineStart(dir.line);
  const lastLineEnd = lines.lineEnd(dir.endLine);
  const before = text.slice(firstLineStart, dir.start);
  const after = text.slice(dir.end, lastLineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after)) {
    const next = text.startsWith(eol, lastLineEnd) ? lastLineEnd + eol.length : text.startsWith('\n', lastLineEnd) ? lastLineEnd + 1 : lastLineEnd;
    return { id: 'removeSuppression', title: 'Remove the unused suppression comment', safety: 'safe', changes: [{ start: firstLineStart, end: next, text: '' }] };
  }
  if (!/^[ \t]*$/.test(after)) return undefined;
  // Counted backwards: `/[ \t]*$/` would rescan every run of blanks on a long line to its end (quadratic).
  let blanks = 0;
  while (blanks < before.length && (before.charCodeAt(before.length - 1 - blanks) === 32 || before.charCodeAt(before.length - 1 - blanks) === 9)) blanks++;
  return { id: 'removeSuppression', title: 'Remove the unused suppression comment', safety: 'safe', changes: [{ start: dir.start - blanks, end: dir.end, text: '' }] };
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

/** Length of the key under which FileSecrets files a secret: `maskAll` ignores shorter secrets too. */
const SECRET_HEAD = 4;

/**
 * Every secret reported in a file, to mask in every snippet in one pass over the snippet: `maskAll` with all of them
 * would test each secret against each snippet, quadratic in a file of thousands of keys (a fixtures file, a dump).
 */
class FileSecrets {
  /** Secrets by their first characters, longest first. */
  private readonly byHead = new Map<string, string[]>();

  constructor(secrets: readonly string[]) {
    for (const secret of new Set(secrets)) {
      if (secret.length < SECRET_HEAD) continue;
      const head = secret.slice(0, SECRET_HEAD);
      const list = this.byHead.get(head);
      if (list) list.push(secret);
      else this.byHead.set(head, [secret]);
    }
    for (const list of this.byHead.values()) list.sort((a, b) => b.length - a.length);
  }

  /** `text` with every occurrence of a secret masked (the longest where several start at one place). */
  mask(text: string): string {
    if (this.byHead.size === 0) return text;
    let out = '';
    let copied = 0;
    for (let i = 0; i + SECRET_HEAD <= text.length;) {
      const hit = this.byHead.get(text.slice(i, i + SECRET_HEAD))?.find((s) => text.startsWith(s, i));
      if (!hit) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + maskSecret(hit);
      i += hit.length;
      copied = i;
    }
    return out + text.slice(copied);
  }
}

/** Lines longer than this (minified code, long config values) are fingerprinted by a window around the finding. */
const FINGERPRINT_LINE_CHARS = 400;
const FINGERPRINT_WINDOW_CHARS = 120;
/** Longest snippet a finding carries (reports show it next to the finding). */
const SNIPPET_CHARS = 160;

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

/** One level lower, for findings in test fixtures (the team file's `fixtures` globs). */
const DOWNGRADE: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

function toFinding(
  active: ActiveRule, d: ReportDescriptor, text: string, lines: LineIndex, options: AnalyzeOptions, seen: Map<string, number>,
  eol: string, isFixture: boolean, fileSecrets: FileSecrets,
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
  const shown = maskLikelySecrets(fileSecrets.mask(lineText));
  const snippet = shown.length > SNIPPET_CHARS ? `${shown.slice(0, SNIPPET_CHARS - 1)}…` : shown;
  const base = fnv1a64([meta.id, d.messageId, lineText, d.fingerprintKey ?? ''].join('\u0000'));
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);

  return {
    ruleId: meta.id,
    messageId: d.messageId,
    severity: isFixture ? DOWNGRADE[capSeverity(active.severity, d.severityCap)] : capSeverity(active.severity, d.severityCap),
    message,
    start,
    end,
    fixes,
    explanation: active.explanation(options.guidelineText),
    fingerprint: `${base}:${n}`,
    snippet,
  };
}
