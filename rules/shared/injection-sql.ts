// SQL text as a query call receives it (literal pieces and interpolated values), whether it reads as SQL, and the
// rewrite into a parameterised query for the driver's placeholder style.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode, SourceFile, TextChange } from '../../server/src/engine';
import { staticStringValue } from './ast';
import type { InjectionFlow } from './injection-flow';
import type { PlaceholderStyle } from './injection-sinks';

export type Piece = { text: string } | { expr: AstNode };

export interface SqlText {
  pieces: Piece[];
  /** Built with a template literal or `+` (as opposed to one value passed whole). */
  how: 'template' | 'concatenation' | undefined;
  /** The pieces are the call's own argument (not a variable's), so a rewrite can replace them in place. */
  inline: boolean;
}

const MAX_DEPTH = 12;
/** A statement keyword at the start, or two clause keywords anywhere: enough to tell SQL from a URL or a message. */
const SQL_START = /^\s*(?:\(\s*)?(?:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|UPSERT|CALL|CREATE|DROP|ALTER|TRUNCATE|PRAGMA|EXPLAIN)\b/i;
const SQL_CLAUSE = /\b(?:FROM|WHERE|ORDER\s+BY|GROUP\s+BY|VALUES|SET|JOIN|LIMIT|INTO|AND|OR|LIKE|HAVING)\b/gi;
/** Positions where a value names a column or table: a placeholder there would compare against a constant. */
const IDENTIFIER_BEFORE = /(?:\bORDER\s+BY|\bGROUP\s+BY|\bFROM|\bJOIN|\bINTO|\bUPDATE|\bTABLE|\bAS|\bSELECT|[."`])\s*$/i;
/** `IN (${ids})`: one placeholder cannot stand for a list. */
const LIST_BEFORE = /\bIN\s*\(\s*$/i;
const IDENTIFIER_AFTER = /^\s*(?:ASC|DESC|[."`])/i;

function concatPieces(node: AstNode, out: Piece[], depth: number): void {
  if (depth > MAX_DEPTH) {
    out.push({ expr: node });
    return;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    concatPieces(node.left as AstNode, out, depth + 1);
    // `'a' + (x + y)`: only the left spine is string concatenation for certain.
    const right = node.right;
    if (right.type === 'TemplateLiteral' || staticStringValue(right) !== undefined) concatPieces(right, out, depth + 1);
    else out.push({ expr: right });
    return;
  }
  if (node.type === 'TemplateLiteral') {
    node.quasis.forEach((q, i) => {
      if (q.value.cooked) out.push({ text: q.value.cooked });
      if (i < node.expressions.length) out.push({ expr: node.expressions[i] });
    });
    return;
  }
  const text = staticStringValue(node);
  out.push(text !== undefined ? { text } : { expr: node });
}

function piecesOf(node: AstNode): { pieces: Piece[]; how: SqlText['how'] } {
  const pieces: Piece[] = [];
  concatPieces(node, pieces, 0);
  const how = node.type === 'TemplateLiteral' && node.expressions.length > 0 ? 'template'
    : node.type === 'BinaryExpression' && node.operator === '+' ? 'concatenation' : undefined;
  return { pieces, how };
}

/** The SQL a call receives: its argument's pieces, or those of the variable it names (`sql`, with its `+=` parts). */
export function sqlTextOf(arg: AstNode, flow: InjectionFlow): SqlText {
  if (arg.type === 'Identifier') {
    const b = flow.lookup(arg.name);
    if (b?.init && b.path.length === 0 && !b.fixed) {
      const first = piecesOf(b.init);
      const pieces = [...first.pieces];
      let how = first.how;
      for (const extra of b.appended) {
        pieces.push(...piecesOf(extra).pieces);
        how = how ?? 'concatenation';
      }
      if (b.appended.length && !first.how) how = 'concatenation';
      return { pieces, how, inline: false };
    }
  }
  return { ...piecesOf(arg), inline: true };
}

/** Whether the literal parts read as SQL (also counting constants interpolated by name). */
export function looksLikeSql(sql: SqlText, flow: InjectionFlow): boolean {
  const text = sql.pieces.map((p) => {
    if ('text' in p) return p.text;
    if (p.expr.type !== 'Identifier') return ' ';
    const b = flow.lookup(p.expr.name);
    return (b?.init && b.path.length === 0 && staticStringValue(b.init)) || ' ';
  }).join('');
  if (SQL_START.test(text)) return true;
  return new Set((text.match(SQL_CLAUSE) ?? []).map((k) => k.toUpperCase().replace(/\s+/g, ' '))).size >= 2;
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

type OutToken = { text: string } | { keep: AstNode } | { param: string };

/**
 * Rewrites SQL text so each request value becomes a placeholder: `'… = ' + id` → `'… = $1'` with `[id]`; a quoted
 * value loses its quotes (`'%${q}%'` → `$1` with `` `%${q}%` ``). Undefined when a value names a column or table,
 * expands a list, or sits in a quoted string with other values.
 */
function parameterise(pieces: Piece[], isTainted: (n: AstNode) => boolean, source: SourceFile): { tokens: OutToken[]; params: string[] } | undefined {
  const tokens: OutToken[] = [];
  const params: string[] = [];
  let quotes = 0;
  /** A value whose quoted string is still open: its quote closes in the next text piece. */
  let open: { prefix: string; exprText: string } | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if ('text' in piece) {
      let text = piece.text;
      if (open) {
        const close = text.indexOf("'");
        if (close < 0) return undefined;
        const suffix = text.slice(0, close);
        params.push(open.prefix || suffix ? `\`${escapeTemplate(open.prefix)}\${${open.exprText}}${escapeTemplate(suffix)}\`` : open.exprText);
        text = text.slice(close + 1);
        open = undefined;
      }
      quotes += (text.match(/'/g) ?? []).length;
      tokens.push({ text });
      continue;
    }
    if (open) return undefined;
    if (!isTainted(piece.expr)) {
      tokens.push({ keep: piece.expr });
      continue;
    }
    const exprText = source.getText(piece.expr);
    const before = tokens[tokens.length - 1];
    const next = pieces[i + 1];
    if (quotes % 2 === 1) {
      // Inside a quoted SQL string: the quote must open in the text just before and close in the text just after.
      if (!before || !('text' in before) || !next || !('text' in next)) return undefined;
      const at = before.text.lastIndexOf("'");
      if (at < 0) return undefined;
      open = { prefix: before.text.slice(at + 1), exprText };
      before.text = before.text.slice(0, at);
      quotes--;
      tokens.push({ param: String(params.length + 1) });
      continue;
    }
    const textBefore = before && 'text' in before ? before.text : '';
    const textAfter = next && 'text' in next ? next.text : '';
    if (IDENTIFIER_BEFORE.test(textBefore) || IDENTIFIER_AFTER.test(textAfter) || LIST_BEFORE.test(textBefore)) return undefined;
    params.push(exprText);
    tokens.push({ param: String(params.length) });
  }
  if (open || quotes % 2 === 1) return undefined;
  return { tokens, params };
}

function placeholder(style: PlaceholderStyle, index: string): string {
  return style === 'dollar' ? `$${index}` : '?';
}

/** A string literal for the SQL: single-quoted when plain, a template when it keeps interpolations or spans lines. */
function sqlLiteral(tokens: OutToken[], style: PlaceholderStyle, source: SourceFile): string {
  const plain = tokens.every((t) => !('keep' in t)) && tokens.every((t) => !('text' in t) || !/['\n\\]/.test(t.text));
  if (plain) return `'${tokens.map((t) => ('text' in t ? t.text : 'param' in t ? placeholder(style, t.param) : '')).join('')}'`;
  const body = tokens.map((t) => ('text' in t ? escapeTemplate(t.text) : 'keep' in t ? `\${${source.getText(t.keep)}}` : placeholder(style, t.param))).join('');
  return `\`${body}\``;
}

/** The edits that turn a SQL sink call into its parameterised form, or undefined when no safe rewrite is known. */
export function parameterisedQueryChanges(
  call: TSESTree.CallExpression,
  sql: SqlText,
  style: PlaceholderStyle,
  isTainted: (n: AstNode) => boolean,
  source: SourceFile,
): TextChange[] | undefined {
  if (!sql.inline || !sql.how) return undefined;
  const args = call.arguments;
  const arg = args[0];
  const text = sql.pieces.map((p) => ('text' in p ? p.text : '')).join('');
  // Text that already holds placeholders mixes two numbering schemes.
  if (/\$\d|\?/.test(text)) return undefined;
  const result = parameterise(sql.pieces, isTainted, source);
  if (!result || result.params.length === 0) return undefined;
  const { tokens, params } = result;
  if (style === 'prisma') {
    // `$queryRaw` as a tagged template sends every interpolation as a parameter, whatever the database.
    if (args.length !== 1 || tokens.some((t) => 'keep' in t) || call.callee.type !== 'MemberExpression') return undefined;
    const tag = call.callee.property.type === 'Identifier' ? call.callee.property.name.replace(/Unsafe$/, '') : undefined;
    if (!tag) return undefined;
    const body = tokens.map((t) => ('text' in t ? escapeTemplate(t.text) : 'param' in t ? `\${${params[Number(t.param) - 1]}}` : '')).join('');
    return [{ start: call.callee.property.range[0], end: call.range[1], text: `${tag}\`${body}\`` }];
  }
  const literal = sqlLiteral(tokens, style, source);
  const list = `[${params.join(', ')}]`;
  if (style === 'sequelize') {
    if (args.length !== 1) return undefined;
    return [{ start: arg.range[0], end: arg.range[1], text: `${literal}, { replacements: ${list} }` }];
  }
  const callback = args[1];
  const fits = args.length === 1 || (args.length === 2 && (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression'));
  if (!fits) return undefined;
  return [{ start: arg.range[0], end: arg.range[1], text: `${literal}, ${list}` }];
}
