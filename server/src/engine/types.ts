// The engine's public data model: findings, fixes, configuration and the rule API, all plain data and offsets.
import type { ScriptParser } from './parse';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_ORDER: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** One text replacement, by UTF-16 offsets into the analysed text. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** `safe` keeps behaviour (may be applied by "fix all"); `unsafe` changes it (offered only as a quick fix). */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  /** Stable id within the rule (`meta.fixes` key), e.g. `moveToEnv`; `suppress` for the engine's suppression fix. */
  id: string;
  title: string;
  safety: FixSafety;
  changes: TextChange[];
}

/** What a hover shows for a finding. */
export interface FindingExplanation {
  guideline: string[];
  guidelineText: string;
  why: string;
  howToFix: string;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  /** One sentence: what is wrong, why, guideline section. Secrets only ever appear masked. */
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
  explanation: FindingExplanation;
  /** A stable, line-independent identity for baselines and SARIF `partialFingerprints` (never contains a secret). */
  fingerprint: string;
  /** The finding's line (a window of it on long lines), whitespace collapsed, secrets masked: for reports. */
  snippet: string;
}

/** A suppression comment and what became of it. */
export interface SuppressionUse {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** Rule ids named by the comment; empty means every rule. */
  ruleIds: string[];
  reason?: string;
  until?: string;
  /** Offsets of the comment. */
  start: number;
  end: number;
  /** `used`: hid at least one finding; `unused`: hid nothing; `expired`: its `until` date has passed. */
  status: 'used' | 'unused' | 'expired';
  /** Findings it hid. */
  suppressed: number;
}

/** Known findings accepted when the tool was adopted: `ruleId` + `:` + fingerprint, per file. */
export interface Baseline {
  has(key: string): boolean;
}

/** Per-rule configuration: a severity, or `[severity, options]` as in ESLint. */
export type RuleSetting = SeveritySetting | [SeveritySetting, Record<string, unknown>?];

/** The team's own names for the helpers rules look for (each maps onto one or more rules' options). */
export interface NamesConfig {
  /** Signature-verification functions or middleware (unverified-payment-notification). */
  verifiers?: string[];
  /** Authentication middleware, guards and session helpers (unauthenticated-endpoint). */
  authMiddleware?: string[];
  /** Rate-limit, captcha and anti-bot middleware (missing-rate-limit). */
  rateLimiters?: string[];
  /** Functions that write audit records (missing-audit-log). */
  auditLoggers?: string[];
  /** Mask/redact helpers (sensitive-data-in-log). */
  maskHelpers?: string[];
  /** Encrypt functions and column transformers (unencrypted-sensitive-data). */
  encryptHelpers?: string[];
  /** Escaping and validation helpers (injection). */
  sanitizers?: string[];
}

/** A team-defined credential format, e.g. an internal gateway key. */
export interface SecretPattern {
  /** Short id shown in messages, e.g. `acme-gateway-key`. */
  id: string;
  /** ECMAScript regular expression source; checked for catastrophic backtracking before use. */
  regex: string;
  /** Flags among `i`, `m`, `s`, `u`. */
  flags?: string;
  /** What the credential is, as messages name it (default: `team secret "<id>"`). */
  description?: string;
}

export interface SecretsConfig {
  /** Extra credential formats (hardcoded-secret). */
  patterns?: SecretPattern[];
  /** Values that are never findings: placeholders and well-known test keys (hardcoded-secret, secret-in-client-code). */
  allowed?: string[];
}

export interface SuppressionsConfig {
  /** Severity of suppression comments that suppress nothing (as ESLint's unused disable directives); default `warning`. */
  reportUnused?: SeveritySetting;
  /** Whether a suppression comment without `-- reason` is reported; default true. */
  requireReason?: boolean;
}

export interface Config {
  /** Master switch (`codepayGuard.enable`). */
  enable?: boolean;
  rules?: Record<string, RuleSetting>;
  /** Globs (relative to the config root) whose files are not analysed at all. */
  ignore?: string[];
  /** Globs of test fixtures: fake credentials in them are not findings, other findings are reported one level lower. */
  fixtures?: string[];
  /** Globs of client code (browser, app, public files); replaces the built-in list of secret-in-client-code. */
  clientPaths?: string[];
  names?: NamesConfig;
  secrets?: SecretsConfig;
  suppressions?: SuppressionsConfig;
  /**
   * Characters above which a script is not parsed and gets only the rules' text checks (default 2,000,000);
   * `AnalyzeOptions.maxFileSize` wins over it.
   */
  maxFileSize?: number;
}

/** A report a rule makes; the engine turns it into a {@link Finding}. */
export interface ReportDescriptor {
  /** Node to point at (its range), or explicit offsets. */
  node?: { range: [number, number] };
  start?: number;
  end?: number;
  messageId: string;
  data?: Record<string, string | number>;
  /** Overrides the configured severity downwards, e.g. test keys are reported one level lower. */
  severityCap?: Severity;
  fixes?: Array<{ id: string; title: string; changes: TextChange[] }>;
  /**
   * Raw secret values involved in the report. The engine masks every occurrence of them in the message
   * (defence in depth: a rule should already only print masked values) and excludes them from fingerprints.
   */
  secrets?: string[];
  /** Extra text mixed into the fingerprint (e.g. the key name), so two findings on one line stay distinct. */
  fingerprintKey?: string;
}

export type FileKind = 'script' | 'text';

/** The file as rules see it. */
export interface SourceFile {
  readonly text: string;
  readonly path: string;
  readonly languageId: string;
  /** `script` when the file is JS/TS (even if it failed to parse), `text` otherwise. */
  readonly kind: FileKind;
  /** Parsed program, absent for text files and for scripts that failed to parse. */
  readonly ast?: TSESTree.Program;
  /** Set when a script failed to parse; the text visitors ran instead of the AST visitors. */
  readonly parseError?: { message: string; offset: number };
  /** True when the team config marks this file as a test fixture. */
  readonly isFixture: boolean;
  /** True when the path looks like test code (`test/`, `__tests__/`, `*.spec.ts`, …). */
  readonly isTestFile: boolean;
  /** Line and column (both 1-based, column in UTF-16 units) of an offset. */
  positionAt(offset: number): { line: number; column: number };
  /** Offset where the line containing `offset` starts. */
  lineStartAt(offset: number): number;
  /** The slice of text a node covers. */
  getText(node: { range: [number, number] }): string;
}

export interface RuleContext {
  readonly source: SourceFile;
  /** The rule's options: `meta.defaultOptions` merged with the configured ones. */
  readonly options: Record<string, unknown>;
  report(descriptor: ReportDescriptor): void;
  /**
   * A per-file analysis that several rules need (local data flow, imports, route registrations), built once per file
   * and shared: the first rule to ask for `key` runs `create`, later ones get the same object. Its `visitors` are
   * dispatched once, before the visitors of every rule that asked for it, so a rule must not return them itself.
   * `create` may ask for other shared analyses; it must use only the file (`source`), never options or `report`,
   * because the object serves every rule. If one of its visitors throws, every rule that uses it fails for the file.
   */
  shared<T extends SharedAnalysis>(key: string, create: () => T): T;
}

/** Something built during the traversal and read by rules afterwards (see {@link RuleContext.shared}). */
export interface SharedAnalysis {
  readonly visitors: Record<string, NodeVisitor>;
}

/** AST nodes as visitors receive them: typescript-estree nodes with `parent` set by the traversal. */
export type AstNode = TSESTree.Node;

export type NodeVisitor = (node: any) => void;

/**
 * Visitors keyed by AST node type (`Literal`, `CallExpression`, `Program:exit`, …), plus `text`, called once
 * per file for text files and for scripts that did not parse (so secrets are still found mid-edit).
 */
export interface RuleVisitors {
  [nodeType: string]: NodeVisitor | ((source: SourceFile) => void) | undefined;
  text?: (source: SourceFile) => void;
}

export interface RuleDocs {
  /** Short description, e.g. for SARIF `shortDescription`. */
  description: string;
  /** Guideline sections, e.g. `['2.3b', '1.2']`. */
  guideline: string[];
  /** Why it matters (hover, SARIF `fullDescription`). */
  why: string;
  /** How to fix it (hover). */
  howToFix: string;
}

export interface RuleMeta extends RuleDocs {
  id: string;
  defaultSeverity: Severity;
  /** Message templates keyed by message id; `{{name}}` is replaced by `data.name`. */
  messages: Record<string, string>;
  /** Fix ids the rule may offer, with their safety. */
  fixes?: Record<string, FixSafety>;
  defaultOptions?: Record<string, unknown>;
  /** JSON schema of the options object (used by the team-config schema). */
  optionsSchema?: Record<string, unknown>;
  /**
   * The rule also judges declaration files (`.d.ts`), on their text only: they are not parsed. Only rules about what is
   * written in a file (a credential in a `declare const` or a comment) set this: declaration files are never executed,
   * so rules about what code does have nothing to judge in them.
   */
  declarationFiles?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
  /**
   * Whether the rule reads comments of this text (`Program.comments`). The parser collects comments only when a rule
   * (or a suppression directive) needs them: collecting them re-scans the whole file. Absent means never.
   */
  wantsComments?(text: string, options: Record<string, unknown>): boolean;
  /**
   * The rule's pre-filter: whether it may report anything at all on this file. Answer false only when it provably cannot
   * (none of its trigger words occur, taking its options into account: configured names and patterns must be looked
   * for too, or the answer is true); a wrong false is a missed finding. Called before the file is parsed, so it must
   * be cheap: one precompiled case-insensitive regex or a few `includes`, linear in the text. When no rule may report
   * on a script it is not parsed at all. The engine asks once with the text as written and, if that says no and the
   * text has escape sequences, once more with the text followed by a copy with them decoded (`\u0070ass` → `pass`), so
   * a check only needs to look for words as they are spelled; it must only look for things (more text never turns a
   * yes into a no). Absent means the rule may report on any file; a throw counts as true.
   */
  mayReport?(file: PrefilterFile, options: Record<string, unknown>): boolean;
}

/** What a rule's pre-filter ({@link Rule.mayReport}) sees of a file: everything but the tree, which does not exist yet. */
export interface PrefilterFile {
  readonly text: string;
  readonly path: string;
  readonly languageId: string;
  readonly kind: FileKind;
  readonly isFixture: boolean;
  readonly isTestFile: boolean;
}

export interface AnalyzeOptions {
  path: string;
  languageId?: string;
  config?: Config;
  rules: readonly Rule[];
  /** Guideline texts by section (`2.3b` → text), used for explanations. */
  guidelineText?: Record<string, string>;
  /** "Today", for `until YYYY-MM-DD` on suppression comments; defaults to the current date. */
  today?: string;
  /** Findings of this file recorded in the baseline: hidden until their code changes. */
  baseline?: Baseline;
  /**
   * Characters above which a script is not parsed: only the rules' text checks run (default 2,000,000). Text files
   * always get the text checks only, up to the engine's hard cap.
   */
  maxFileSize?: number;
  /** Milliseconds the analysis of one file may take (default 10,000); once spent, no further rule is dispatched. */
  timeBudgetMs?: number;
  /** The clock the time budget is measured with, in milliseconds (default `Date.now`; tests pass a fake one). */
  clock?: () => number;
  /**
   * Asked with the time budget (between rules and every few hundred AST nodes): once it returns true the analysis
   * stops and returns no findings, `skipped` saying it was cancelled. The language server's worker analyses an edit
   * ahead, while typing may go on, and cancels that analysis when the next edit comes.
   */
  cancelled?: () => boolean;
  /**
   * The parser to use (default: a full parse). The editor passes one `IncrementalParser` per open document, which
   * re-parses only the top-level statements an edit touched; the tree is the same either way.
   */
  parser?: ScriptParser;
  /**
   * Ask each rule's pre-filter ({@link Rule.mayReport}) first and run only the rules that may report, skipping the
   * parse when none may (default true). `false` runs every enabled rule on the full tree: tests compare the two.
   */
  prefilter?: boolean;
}

export interface AnalyzeResult {
  findings: Finding[];
  /** Set when a script did not parse; analysis fell back to text-level checks. */
  parseError?: { message: string; offset: number };
  /** Set when the file was not analysed at all (ignored, too large, binary, disabled). */
  skipped?: string;
  /**
   * Set when part of the analysis did not run, and why: a script too large to parse got the text checks only, or the
   * time budget ran out (the findings up to that point are kept). Also one of the `notes`.
   */
  incomplete?: string;
  /** Problems with suppression comments (unknown rule ids, malformed dates), reported quietly. */
  notes: string[];
  /** Every suppression comment of the file, with its outcome (for reviews and reports). */
  suppressions: SuppressionUse[];
  /** How many findings the baseline hid. */
  baselined: number;
  /** What the analysis cost: parser runs, tree traversals and nodes visited (tests assert one parse, one traversal). */
  stats: AnalyzeStats;
}

export interface AnalyzeStats {
  parses: number;
  traversals: number;
  nodes: number;
  /** The tree came (in part) from the previous version's, through `AnalyzeOptions.parser`. */
  reusedParse?: boolean;
  /** The text had been parsed before the analysis asked (the language server does it while waiting for typing to pause). */
  parsedAhead?: boolean;
  /**
   * The whole analysis ran before it was asked for: the language server's worker analyses an edit while the debounce
   * runs, and answers the analysis asked for once typing paused with that result (set by the worker, not the engine).
   */
  analysedAhead?: boolean;
  /** Enabled rules the pre-filter left out: they cannot report on this text (0 with `prefilter: false`). */
  rulesSkipped?: number;
  /** True when the file is a script that was not parsed because no rule could report on it. */
  parseSkipped?: boolean;
}
