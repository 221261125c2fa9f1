// Suppression comments: `codepay-guard-disable-next-line|disable-line|disable|enable <ids> [until DATE] -- reason`.
import type { LineIndex } from './lines';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids; empty means every rule. */
  ruleIds: string[];
  until?: string;
  reason?: string;
  /** 0-based line the comment starts on, and where it ends. */
  line: number;
  endLine: number;
  start: number;
  end: number;
}

export interface CommentSpan {
  /** Comment text without its delimiters. */
  value: string;
  start: number;
  end: number;
}

const DIRECTIVE = /^\s*codepay-guard-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;
const UNTIL = /(?:^|\s)until\s+(\S+)\s*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses one comment's text; undefined when it is not a directive. Problems go to `notes`. */
export function parseDirective(comment: CommentSpan, lines: LineIndex, notes: string[]): Directive | undefined {
  const m = DIRECTIVE.exec(comment.value);
  if (!m) return undefined;
  const kind = m[1] as DirectiveKind;
  let body = m[2].replace(/\*\/\s*$|-->\s*$/, '');
  let reason: string | undefined;
  const dashes = body.search(/(?:^|\s)--(?:\s|$)/);
  if (dashes >= 0) {
    reason = body.slice(dashes).replace(/^\s*--/, '').trim() || undefined;
    body = body.slice(0, dashes);
  }
  let until: string | undefined;
  const u = UNTIL.exec(body);
  if (u) {
    if (DATE.test(u[1]) && !Number.isNaN(Date.parse(u[1]))) until = u[1];
    else notes.push(`Suppression comment on line ${lines.lineOf(comment.start) + 1} has an invalid date "${u[1]}" (use YYYY-MM-DD); it is ignored.`);
    body = body.slice(0, u.index);
    if (!until) return undefined;
  }
  const ruleIds = body.split(/[\s,]+/).filter(Boolean);
  return {
    kind, ruleIds, until, reason,
    line: lines.lineOf(comment.start), endLine: lines.lineOf(comment.end), start: comment.start, end: comment.end,
  };
}

/**
 * Finds comments in a text file line by line: `#`, `//`, `;`, `--` (SQL), `/* … *\/` and `<!-- … -->` starting a line or
 * following whitespace. Only lines mentioning the directive prefix are looked at, so this stays cheap.
 */
export function findTextComments(text: string): CommentSpan[] {
  const out: CommentSpan[] = [];
  const re = /(^|[ \t])(#|\/\/|;|--|\/\*|<!--)[ \t]*(codepay-guard-[^\r\n]*)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[1].length;
    let value = m[3];
    if (m[2] === '/*') value = value.replace(/\*\/.*$/, '');
    if (m[2] === '<!--') value = value.replace(/-->.*$/, '');
    out.push({ value, start, end: m.index + m[0].length });
  }
  return out;
}

interface Scope {
  directive: Directive;
  from: number;
  to: number;
}

/**
 * Answers "which comment suppresses this rule on this line?" for a file's directives, and remembers the answers, so
 * that comments which suppressed nothing can be reported afterwards. Expired comments suppress nothing, but are
 * still found, so the finding they no longer hide can say so.
 */
export class SuppressionIndex {
  private readonly active: Scope[] = [];
  private readonly expired: Scope[] = [];
  /** Findings hidden, per directive and rule id (`*` for a comment naming no rule). */
  private readonly uses = new Map<Directive, Map<string, number>>();

  constructor(private readonly directives: Directive[], lineCount: number, private readonly today: string) {
    const open: Directive[] = [];
    const add = (d: Directive, from: number, to: number) => (this.isExpired(d) ? this.expired : this.active).push({ directive: d, from, to });
    for (const d of directives) {
      if (d.kind === 'disable-line') add(d, d.line, d.line);
      else if (d.kind === 'disable-next-line') add(d, d.endLine + 1, d.endLine + 1);
      else if (d.kind === 'disable') open.push(d);
      else {
        // `enable` closes the matching open blocks (all of them when it names no rule).
        for (let i = open.length - 1; i >= 0; i--) {
          const o = open[i];
          const closes = d.ruleIds.length === 0 || o.ruleIds.length === 0
            ? d.ruleIds.length === 0
            : o.ruleIds.some((id) => d.ruleIds.includes(id));
          if (closes) {
            add(o, o.line, d.line);
            open.splice(i, 1);
          }
        }
      }
    }
    for (const o of open) add(o, o.line, lineCount);
  }

  private isExpired(d: Directive): boolean {
    return d.until !== undefined && d.until < this.today;
  }

  private static find(scopes: Scope[], ruleId: string, line: number): Directive | undefined {
    for (const s of scopes) {
      if (line >= s.from && line <= s.to && (s.directive.ruleIds.length === 0 || s.directive.ruleIds.includes(ruleId))) return s.directive;
    }
    return undefined;
  }

  /** The comment that suppresses `ruleId` on `line` (and counts the use), if any. */
  suppress(ruleId: string, line: number): Directive | undefined {
    const d = SuppressionIndex.find(this.active, ruleId, line);
    if (d) {
      let perRule = this.uses.get(d);
      if (!perRule) this.uses.set(d, (perRule = new Map()));
      const key = d.ruleIds.length ? ruleId : '*';
      perRule.set(key, (perRule.get(key) ?? 0) + 1);
    }
    return d;
  }

  /** An expired comment that would have suppressed `ruleId` on `line`. */
  expiredFor(ruleId: string, line: number): Directive | undefined {
    return SuppressionIndex.find(this.expired, ruleId, line);
  }

  /** Every directive except `enable` (which only closes blocks), with its outcome. */
  outcomes(): Array<{ directive: Directive; status: 'used' | 'unused' | 'expired'; suppressed: number; unusedIds: string[] }> {
    return this.directives.filter((d) => d.kind !== 'enable').map((directive) => {
      const perRule = this.uses.get(directive);
      const suppressed = perRule ? [...perRule.values()].reduce((a, b) => a + b, 0) : 0;
      const unusedIds = directive.ruleIds.filter((id) => !perRule?.has(id));
      const status = this.isExpired(directive) ? 'expired' : suppressed > 0 ? 'used' : 'unused';
      return { directive, status, suppressed, unusedIds };
    });
  }
}
