// SQL DDL reader for data at rest: the columns `CREATE TABLE` and `ALTER TABLE … ADD` define, with their table and type.
import { tokenizeSql, type SqlToken } from './sql-tokens';

/** A column defined in SQL, with offsets into the scanned text. */
export interface SqlColumn {
  /** The column name as written (quotes removed). */
  name: string;
  table: string;
  /** Upper-cased first word of the column type (`VARCHAR`, `BYTEA`), or '' when none follows the name. */
  type: string;
  /** Span of the column name, quotes included. */
  start: number;
  end: number;
  /** Text of comments inside the column definition and at the end of its line (`-- AES-GCM ciphertext`). */
  comment: string;
}

type Token = SqlToken;

const CONSTRAINT_WORDS = new Set([
  'CONSTRAINT', 'PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK', 'KEY', 'INDEX', 'EXCLUDE', 'LIKE', 'FULLTEXT', 'SPATIAL', 'PERIOD',
]);
const TABLE_PREFIX_WORDS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'VIRTUAL', 'EXTERNAL']);

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'ident');

/** Code tokens from `i` on, skipping comments. */
function nextCode(tokens: Token[], i: number): number {
  while (tokens[i]?.kind === 'comment') i++;
  return i;
}

/** Reads `name` or `schema.name` from `i`; returns the last part and the index after it. */
function qualifiedName(text: string, tokens: Token[], i: number): { name: string; next: number } | undefined {
  i = nextCode(tokens, i);
  if (!isName(tokens[i])) return undefined;
  let j = i;
  while (tokens[j + 1]?.value === '.' && isName(tokens[j + 2])) j += 2;
  const t = tokens[j];
  return { name: t.kind === 'ident' ? t.value : text.slice(t.start, t.end), next: j + 1 };
}

/** Comment text from a column's tokens and from the rest of the line its definition ends on. */
function commentsOf(text: string, tokens: Token[], from: number, to: number): string {
  const parts: string[] = [];
  for (let k = from; k < to; k++) if (tokens[k].kind === 'comment') parts.push(tokens[k].value);
  const lastEnd = tokens[to - 1]?.end ?? 0;
  const nl = text.indexOf('\n', lastEnd);
  const line = text.slice(lastEnd, nl < 0 ? text.length : nl);
  // A comment reaches the end of the line, after its last `\r`/`\u2028`. Not `/(--|#|\/\*).*$/` on the whole line:
  // before such a character, a long run of `-` makes every position retry to it (quadratic).
  const rest = line.slice(Math.max(line.lastIndexOf('\r'), line.lastIndexOf('\u2028'), line.lastIndexOf('\u2029')) + 1);
  const trailing = /(?:--|#|\/\*)[^]*/.exec(rest);
  if (trailing) parts.push(trailing[0]);
  return parts.join(' ');
}

function columnAt(text: string, tokens: Token[], k: number, end: number, table: string): SqlColumn | undefined {
  const t = tokens[k];
  if (!isName(t) || (t.kind === 'word' && CONSTRAINT_WORDS.has(t.value))) return undefined;
  const typeAt = nextCode(tokens, k + 1);
  const typeToken = typeAt < end ? tokens[typeAt] : undefined;
  return {
    name: t.kind === 'ident' ? t.value : text.slice(t.start, t.end),
    table,
    type: typeToken?.kind === 'word' ? typeToken.value : '',
    start: t.start,
    end: t.end,
    comment: commentsOf(text, tokens, k + 1, end),
  };
}

/** Columns defined by `CREATE TABLE … ( … )` and `ALTER TABLE … ADD [COLUMN] …` statements in a SQL text. */
export function findSqlColumns(text: string): SqlColumn[] {
  if (!/\b(?:create|alter)\s/i.test(text)) return [];
  const tokens = tokenizeSql(text);
  const out: SqlColumn[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || (t.value !== 'CREATE' && t.value !== 'ALTER')) continue;
    let j = nextCode(tokens, i + 1);
    if (t.value === 'CREATE') while (tokens[j]?.kind === 'word' && TABLE_PREFIX_WORDS.has(tokens[j].value)) j = nextCode(tokens, j + 1);
    if (tokens[j]?.value !== 'TABLE') continue;
    j = nextCode(tokens, j + 1);
    if (tokens[j]?.value === 'IF') j += tokens[j + 1]?.value === 'NOT' ? 3 : 2;
    if (t.value === 'ALTER' && tokens[j]?.value === 'ONLY') j++;
    const table = qualifiedName(text, tokens, j);
    if (!table) continue;
    j = nextCode(tokens, table.next);
    if (t.value === 'CREATE') {
      if (tokens[j]?.value !== '(') continue;
      // Each top-level item of the list: a column (name first) or a table constraint.
      let depth = 0;
      let itemStart = nextCode(tokens, j + 1);
      let k = j + 1;
      for (; k < tokens.length; k++) {
        const v = tokens[k].value;
        if (tokens[k].kind !== 'punct') continue;
        if (v === '(') depth++;
        else if (v === ')' && depth > 0) depth--;
        else if ((v === ',' || v === ')' || v === ';') && depth === 0) {
          const column = itemStart < k ? columnAt(text, tokens, itemStart, k, table.name) : undefined;
          if (column) out.push(column);
          if (v !== ',') break;
          itemStart = nextCode(tokens, k + 1);
        }
      }
      i = k;
      continue;
    }
    // ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c type …, ADD c … ;
    for (; j < tokens.length && tokens[j].value !== ';'; j++) {
      if (tokens[j].kind !== 'word' || tokens[j].value !== 'ADD') continue;
      let k = nextCode(tokens, j + 1);
      if (tokens[k]?.value === 'COLUMN') k = nextCode(tokens, k + 1);
      if (tokens[k]?.value === 'IF') k = nextCode(tokens, k + 3);
      let end = k + 1;
      let depth = 0;
      for (; end < tokens.length; end++) {
        const v = tokens[end].value;
        if (tokens[end].kind !== 'punct') continue;
        if (v === '(') depth++;
        else if (v === ')') depth--;
        else if ((v === ',' || v === ';') && depth === 0) break;
      }
      const column = columnAt(text, tokens, k, end, table.name);
      if (column) out.push(column);
      j = end - 1;
    }
    i = j;
  }
  return out;
}
