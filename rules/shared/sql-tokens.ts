// One linear SQL tokenizer for the rules that read DDL and DML in .sql files and migration strings.

export interface SqlToken {
  kind: 'word' | 'ident' | 'string' | 'comment' | 'punct' | 'other';
  start: number;
  end: number;
  /** Words upper-cased, quoted identifiers unquoted, strings and comments as written, punctuation as is. */
  value: string;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$]/;
/** Characters the statement readers act on; everything else is `other`. */
const PUNCT = /[(),;.=]/;

/**
 * Splits SQL into tokens in one pass. Comments (`--`, `#`, `/* *\/`) are tokens too, since a comment may say a column
 * holds ciphertext; readers that only want code filter them out. Strings, quoted identifiers (`"x"`, `` `x` ``,
 * `[x]`, doubled quotes escaping) and PostgreSQL dollar-quoted bodies are single tokens.
 */
export function tokenizeSql(text: string): SqlToken[] {
  const out: SqlToken[] = [];
  const n = text.length;
  let i = 0;
  const closeQuote = (from: number, quote: string): number => {
    for (let j = from + 1; j < n; j++) {
      if (text[j] !== quote) continue;
      // A doubled quote is an escaped quote, except for `]`.
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
      // PostgreSQL dollar quoting: `$body$ … $body$` (function bodies may mention anything).
      const tag = /^\$[A-Za-z_0-9]*\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        const end = close < 0 ? n : close + tag[0].length;
        out.push({ kind: 'string', start: i, end, value: text.slice(i, end) });
        i = end;
        continue;
      }
    }
    if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(text[j])) j++;
      out.push({ kind: 'word', start: i, end: j, value: text.slice(i, j).toUpperCase() });
      i = j;
      continue;
    }
    out.push({ kind: PUNCT.test(c) ? 'punct' : 'other', start: i, end: i + 1, value: c });
    i++;
  }
  return out;
}
