// SQL DDL reader for data at rest: the columns `CREATE TABLE` and `ALTER TABLE … ADD` define, with their table and type.

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

interface Token {
  kind: 'word' | 'ident' | 'string' | 'comment' | 'punct';
  start: number;
  end: number;
  /** Words upper-cased, quoted identifiers unquoted, comments and punctuation as written. */
  value: string;
}

const CONSTRAINT_WORDS = new Set([
  'CONSTRAINT', 'PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK', 'KEY', 'INDEX', 'EXCLUDE', 'LIKE', 'FULLTEXT', 'SPATIAL', 'PERIOD',
]);
const TABLE_PREFIX_WORDS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'VIRTUAL', 'EXTERNAL']);

/** Splits SQL into tokens in one pass; comments are kept (they may say a column holds ciphertext). */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  const closeQuote = (from: number, quote: string): number => {
    for (let j = from + 1; j < n; j++) {
      if (text[j] !== quote) continue;
      if (quote !== ']' && text[j + 1] === quote) { j++; continue; }
      return j + 1;
    }
    return n;
  };
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if ((c === '-' && text[i + 1] === '-') || c === '#') {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      out.push({ kind: 'comment', start: i, end, value: text.slice(i, end) });
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      out.push({ kind: 'comment', start: i, end, value: text.slice(i, end) });
      i = end;
      continue;
    }
    if (c === "'") { const end = closeQuote(i, "'"); out.push({ kind: 'string', start: i, end, value: text.slice(i, end) }); i = end; continue; }
    if (c === '"' || c === '`' || c === '[') {
      const end = closeQuote(i, c === '[' ? ']' : c);
      out.push({ kind: 'ident', start: i, end, value: text.slice(i + 1, end - 1) });
      i = end;
      continue;
    }
    if (c === '$') {
      // PostgreSQL dollar quoting: function bodies may mention anything.
      const tag = /^\$[A-Za-z_0-9]*\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        const end = close < 0 ? n : close + tag[0].length;
        out.push({ kind: 'string', start: i, end, value: '' });
        i = end;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(text[j])) j++;
      out.push({ kind: 'word', start: i, end: j, value: text.slice(i, j).toUpperCase() });
      i = j;
      continue;
    }
    out.push({ kind: 'punct', start: i, end: i + 1, value: c });
    i++;
  }
  return out;
}

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
  const rest = text.slice(lastEnd, nl < 0 ? text.length : nl);
  const trailing = /(--|#|\/\*).*$/.exec(rest);
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
  const tokens = tokenize(text);
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
