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

/** Answers "is this rule suppressed on this line?" for a file's directives. */
export class SuppressionIndex {
  private readonly byLine = new Map<number, Directive[]>();
  private readonly blocks: Array<{ from: number; to: number; directive: Directive }> = [];

  constructor(directives: Directive[], lineCount: number, today: string) {
    const open: Directive[] = [];
    for (const d of directives) {
      if (d.until && d.until < today) continue; // expired: the finding returns
      if (d.kind === 'disable-line') this.add(d.line, d);
      else if (d.kind === 'disable-next-line') this.add(d.endLine + 1, d);
      else if (d.kind === 'disable') open.push(d);
      else {
        // `enable` closes the matching open blocks (all of them when it names no rule).
        for (let i = open.length - 1; i >= 0; i--) {
          const o = open[i];
          const closes = d.ruleIds.length === 0 || o.ruleIds.length === 0
            ? d.ruleIds.length === 0
            : o.ruleIds.some((id) => d.ruleIds.includes(id));
          if (closes) {
            this.blocks.push({ from: o.line, to: d.line, directive: o });
            open.splice(i, 1);
          }
        }
      }
    }
    for (const o of open) this.blocks.push({ from: o.line, to: lineCount, directive: o });
  }

  private add(line: number, d: Directive): void {
    const list = this.byLine.get(line);
    if (list) list.push(d);
    else this.byLine.set(line, [d]);
  }

  isSuppressed(ruleId: string, line: number): boolean {
    const applies = (d: Directive) => d.ruleIds.length === 0 || d.ruleIds.includes(ruleId);
    if (this.byLine.get(line)?.some(applies)) return true;
    return this.blocks.some((b) => line >= b.from && line <= b.to && applies(b.directive));
  }
}
