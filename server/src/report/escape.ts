// Escaping for the two output languages: every string that comes from the input passes through one of these.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

/** Escapes text for HTML element content and for quoted attribute values alike. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * Escapes text for a GitHub-flavoured Markdown paragraph or table cell: line breaks become spaces (a break ends a
 * table row), and the punctuation that could open markup (emphasis, links, code, raw HTML, table cells) is
 * backslash-escaped, so messages and reasons render as the literal text they are.
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_{}[\]<>|~&!#]/g, (ch) => `\\${ch}`);
}

/**
 * An inline code span holding `value` literally: a backtick fence longer than any backtick run inside, padded when
 * the value starts or ends with a backtick. In a table cell `|` must still be escaped (GFM splits cells first).
 */
export function markdownCode(value: string, inTable = true): string {
  let text = value.replace(/\r\n?|\n/g, ' ');
  if (inTable) text = text.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.trim() === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
