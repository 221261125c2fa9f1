// SQL for card data: columns of CREATE/ALTER TABLE that hold CVV, track data or PIN blocks, and INSERT/UPDATE writes.
import type { TextChange } from '../../server/src/engine';
import { cardDataKindOfName, isCardName, type CardDataKind } from './card-data-names';
import { tokenizeSql, type SqlToken } from './sql-tokens';

type Token = SqlToken;

/** A card-data column found in SQL, with offsets into the scanned text. */
export interface SqlCardColumn {
  kind: CardDataKind;
  /** Span of the column name (with its quotes, if any). */
  start: number;
  end: number;
  name: string;
  /** Edits that remove the column definition and keep the commas of its list valid; absent where that cannot be done. */
  removal?: TextChange[];
}

const TABLE_PREFIX_WORDS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'VIRTUAL', 'EXTERNAL']);
const CONSTRAINT_WORDS = new Set([
  'CONSTRAINT', 'PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK', 'KEY', 'INDEX', 'EXCLUDE', 'LIKE', 'FULLTEXT', 'SPATIAL', 'PERIOD',
]);

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'ident');
const nameOf = (t: Token): string => (t.kind === 'ident' ? t.value : t.value.toLowerCase());
const originalName = (text: string, t: Token): string => (t.kind === 'ident' ? t.value : text.slice(t.start, t.end));

/** Reads `name` or `schema.name` from `i`; returns the last part and the index after it. */
function qualifiedName(tokens: Token[], i: number): { name: string; next: number } | undefined {
  if (!isName(tokens[i])) return undefined;
  let j = i;
  while (tokens[j + 1]?.value === '.' && isName(tokens[j + 2])) j += 2;
  return { name: nameOf(tokens[j]), next: j + 1 };
}

interface ListItem { first: Token; last: Token; comma?: Token }

/** Items of a parenthesised, comma-separated list starting at the `(` at `open`; `next` is the index after `)`. */
function listItems(tokens: Token[], open: number): { items: ListItem[]; next: number } {
  const items: ListItem[] = [];
  let depth = 0;
  let first: Token | undefined;
  let last: Token | undefined;
  let i = open + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.value === '(') depth++;
    if (t.value === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && t.value === ',') {
      if (first && last) items.push({ first, last, comma: t });
      first = last = undefined;
      continue;
    }
    if (depth === 0 && t.value === ';') break;
    first ??= t;
    last = t;
  }
  if (first && last) items.push({ first, last });
  return { items, next: i + 1 };
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset just after the line break ending the line that contains `at` (or the text's end). */
function nextLineStart(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** Only whitespace, or whitespace and a trailing comment, from `from` to the end of its line. */
function restOfLineIsBlank(text: string, from: number): boolean {
  const nl = text.indexOf('\n', from);
  const rest = text.slice(from, nl < 0 ? text.length : nl);
  return /^[ \t\r]*(?:(?:--|\/\*).*)?$/.test(rest);
}

/**
 * Edits that remove item `k` of a column list: its whole line when it stands alone on it, otherwise the item and one
 * neighbouring comma, so that the list stays valid. Undefined for the only item (a table needs a column).
 */
function removeListItem(text: string, items: ListItem[], k: number): TextChange[] | undefined {
  if (items.length < 2) return undefined;
  const item = items[k];
  const start = item.first.start;
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart(text, start), start));
  if (item.comma) {
    if (aloneBefore && restOfLineIsBlank(text, item.comma.end)) {
      return [{ start: lineStart(text, start), end: nextLineStart(text, item.comma.end), text: '' }];
    }
    return [{ start, end: items[k + 1].first.start, text: '' }];
  }
  const previousComma = items[k - 1].comma!;
  if (aloneBefore && restOfLineIsBlank(text, item.last.end) && lineStart(text, start) > previousComma.end) {
    return [
      { start: previousComma.start, end: previousComma.end, text: '' },
      { start: lineStart(text, start), end: nextLineStart(text, item.last.end), text: '' },
    ];
  }
  return [{ start: previousComma.start, end: item.last.end, text: '' }];
}

/** Card-data columns defined by `CREATE TABLE … ( … )` and `ALTER TABLE … ADD [COLUMN] …` statements. */
export function findCardDataColumns(text: string): SqlCardColumn[] {
  if (!/\b(?:create|alter)\s/i.test(text)) return [];
  const tokens = tokenizeSql(text).filter((t) => t.kind !== 'comment');
  const out: SqlCardColumn[] = [];
  const columnAt = (t: Token, table: string): SqlCardColumn | undefined => {
    const kind = cardDataKindOfName(nameOf(t), isCardName(table));
    return kind ? { kind, start: t.start, end: t.end, name: originalName(text, t) } : undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || (t.value !== 'CREATE' && t.value !== 'ALTER')) continue;
    let j = i + 1;
    if (t.value === 'CREATE') while (tokens[j]?.kind === 'word' && TABLE_PREFIX_WORDS.has(tokens[j].value)) j++;
    if (tokens[j]?.value !== 'TABLE') continue;
    j++;
    if (tokens[j]?.value === 'IF') j += tokens[j + 1]?.value === 'NOT' ? 3 : 2;
    if (t.value === 'ALTER' && tokens[j]?.value === 'ONLY') j++;
    const table = qualifiedName(tokens, j);
    if (!table) continue;
    j = table.next;
    if (t.value === 'CREATE') {
      if (tokens[j]?.value !== '(') continue;
      const { items, next } = listItems(tokens, j);
      items.forEach((item, k) => {
        if (!isName(item.first) || (item.first.kind === 'word' && CONSTRAINT_WORDS.has(item.first.value))) return;
        const column = columnAt(item.first, table.name);
        if (column) out.push({ ...column, removal: removeListItem(text, items, k) });
      });
      i = next - 1;
      continue;
    }
    // ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c …, ADD c … ;
    for (; j < tokens.length && tokens[j].value !== ';'; j++) {
      if (tokens[j].value !== 'ADD') continue;
      let k = j + 1;
      if (tokens[k]?.value === 'COLUMN') k++;
      if (tokens[k]?.value === 'IF') k += 3;
      const name = tokens[k];
      if (!isName(name) || (name.kind === 'word' && CONSTRAINT_WORDS.has(name.value))) continue;
      const column = columnAt(name, table.name);
      if (column) out.push(column);
    }
    i = j;
  }
  return out;
}

/** Values that clear a column rather than write data into it. */
const CLEARING_VALUES = new Set(['NULL', 'DEFAULT']);

/** The card data an `INSERT INTO t (…)`, `INSERT INTO t SET …` or `UPDATE t SET …` statement writes, if any. */
export function cardDataWrittenBySql(text: string): CardDataKind | undefined {
  if (!/\b(?:insert|update)\s/i.test(text)) return undefined;
  const tokens = tokenizeSql(text).filter((t) => t.kind !== 'comment');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || (t.value !== 'INSERT' && t.value !== 'UPDATE' && t.value !== 'REPLACE')) continue;
    let j = i + 1;
    if (tokens[j]?.value === 'INTO') j++;
    const table = qualifiedName(tokens, j);
    if (!table) continue;
    j = table.next;
    const cardTable = isCardName(table.name);
    if (tokens[j]?.value === '(') {
      for (const item of listItems(tokens, j).items) {
        if (isName(item.first) && item.first === item.last) {
          const kind = cardDataKindOfName(nameOf(item.first), cardTable);
          if (kind) return kind;
        }
      }
      continue;
    }
    if (tokens[j]?.value !== 'SET') continue;
    for (let k = j + 1; k < tokens.length && !['WHERE', 'RETURNING', 'FROM', ';'].includes(tokens[k].value); k++) {
      if (isName(tokens[k]) && tokens[k + 1]?.value === '=' && (tokens[k - 1].value === ',' || k === j + 1)) {
        // `SET cvv = NULL`: purging the column writes nothing.
        const after = tokens[k + 3];
        if (CLEARING_VALUES.has(tokens[k + 2]?.value ?? '') && (!after || [',', ';', 'WHERE', 'RETURNING', 'FROM'].includes(after.value))) continue;
        const kind = cardDataKindOfName(nameOf(tokens[k]), cardTable);
        if (kind) return kind;
      }
    }
  }
  return undefined;
}
