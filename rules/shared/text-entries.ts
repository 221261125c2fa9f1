// Key/value entries of config and other text files, read line by line in linear time, with exact value offsets.
import { baseName, extensionOf } from '../../server/src/engine';

export type TextFormat = 'env' | 'json' | 'yaml' | 'kv' | 'xml' | 'docker' | 'code' | 'prose';

export interface TextEntry {
  /** The key: variable, property, setting, attribute or element name. */
  name: string;
  /** The enclosing key where the format shows one (YAML parent mapping). */
  qualifier?: string;
  /** The value without quotes. */
  value: string;
  /** Offset of the value's first character in the file. */
  start: number;
}

const JSON_EXT = new Set(['json', 'jsonc', 'json5', 'webmanifest']);
const YAML_EXT = new Set(['yaml', 'yml']);
const KV_EXT = new Set(['properties', 'ini', 'toml', 'conf', 'cfg', 'cnf']);
const XML_EXT = new Set(['xml', 'plist', 'config', 'csproj', 'xaml', 'resx', 'xsd', 'wsdl', 'xhtml']);
const PROSE_EXT = new Set([
  'md', 'markdown', 'mdx', 'txt', 'rst', 'adoc', 'asciidoc', 'textile', 'org', 'pod', 'tex', 'texi', 'texinfo', 'log',
  'csv', 'tsv', 'svg', 'lock',
  // Manual pages (troff): `npm-audit.1`, `package-json.5`.
  'man', 'roff', 'troff', 'groff', '1', '2', '3', '4', '5', '6', '7', '8', '9',
]);
const SHELL_EXT = new Set(['sh', 'bash', 'zsh', 'envrc']);

/** How a text file's entries are written, from its name and editor language. */
export function textFormatOf(path: string, languageId: string): TextFormat {
  const name = baseName(path).toLowerCase();
  const ext = extensionOf(path);
  if (name.startsWith('.env') || ext === 'env' || languageId === 'dotenv' || SHELL_EXT.has(ext) || languageId === 'shellscript') return 'env';
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || ext === 'dockerfile' || languageId === 'dockerfile') return 'docker';
  if (JSON_EXT.has(ext) || languageId === 'json' || languageId === 'jsonc') return 'json';
  if (YAML_EXT.has(ext) || languageId === 'yaml') return 'yaml';
  if (KV_EXT.has(ext) || name === '.npmrc' || name === 'credentials' || languageId === 'properties' || languageId === 'ini' || languageId === 'toml') return 'kv';
  if (XML_EXT.has(ext) || languageId === 'xml' || languageId === 'plist') return 'xml';
  if (PROSE_EXT.has(ext) || languageId === 'markdown' || languageId === 'plaintext') return 'prose';
  return 'code';
}

/** Calls `fn` for each line with its start offset; `\r\n` and `\n` endings, linear in the text length. */
export function forEachLine(text: string, fn: (line: string, start: number) => void): void {
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    fn(text.slice(start, end), start);
    start = nl + 1;
  }
}

/**
 * Reads a scalar that starts at `raw` (offset `at`): a quoted string up to its closing quote, or a bare value up to
 * an inline comment (`commentMarks` preceded by whitespace).
 */
function readScalar(raw: string, at: number, commentMarks: string): { value: string; start: number } | undefined {
  const lead = raw.length - raw.trimStart().length;
  const s = raw.slice(lead);
  const start = at + lead;
  if (!s) return undefined;
  const q = s[0];
  if (q === '"' || q === "'" || q === '`') {
    let i = 1;
    while (i < s.length && s[i] !== q) i += s[i] === '\\' && q !== "'" ? 2 : 1;
    return { value: s.slice(1, Math.min(i, s.length)), start: start + 1 };
  }
  let end = s.length;
  for (let i = 1; i < s.length; i++) {
    if (commentMarks.includes(s[i]) && (s[i - 1] === ' ' || s[i - 1] === '\t')) { end = i; break; }
  }
  return { value: s.slice(0, end).trimEnd(), start };
}

const ENV_LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=)(.*)$/;
// A value starts at its first non-blank (`\S.*`, not `.*`): otherwise a line with a lone `\r` or `\u2028`, which `.`
// does not match, makes the engine retry every split of the blanks before it (quadratic on a long line).
const YAML_LINE = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[A-Za-z0-9_.\-/]+)(\s*:)(?:(\s+)(\S.*|))?$/;
const YAML_LIST_ENV = /^(\s*-\s+)([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
const DOCKER_LINE = /^(\s*(?:ENV|ARG)\s+)(\S.*|)$/i;
// A name starts at the first letter of a run of name characters (lookahead, then lookbehind, so that only letters
// look back): trying every later letter of a long run without `=` would be quadratic, and never matches where the
// first letter did not.
const DOCKER_PAIR = /(?=[A-Za-z_])(?<=(?<![A-Za-z0-9_.-])[0-9.-]*)([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
const DOCKER_LEGACY = /^([A-Za-z_][A-Za-z0-9_.-]*)\s+(\S.*)$/;
const JSON_PAIR = /"((?:[^"\\\r\n]|\\.){1,200})"\s*:\s*"((?:[^"\\\r\n]|\\.){0,4000})"/g;
const XML_TAG = /<key>([^<]{1,200})<\/key>|<string>([^<]{0,4000})<\/string>|<(?:true|false|integer|real|date|data|dict|array)\b/g;
const XML_ATTR = /(?<![\w:.-])([A-Za-z_][\w:.-]{0,100})\s*=\s*"([^"]{0,4000})"/g;
// Android `strings.xml` and similar: `<string name="api_secret">…</string>`.
const XML_NAMED_ELEMENT = /<([A-Za-z_][\w.:-]{0,100})\s[^>]{0,500}?\bname\s*=\s*"([^"]{1,200})"[^>]{0,500}>([^<]{1,4000})<\/\1>/g;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,100})>([^<]{1,4000})<\/\1>/g;
// Bounded repetitions keep the scan linear even on long minified lines.
const CODE_ASSIGN = /(?<![\w$])([A-Za-z_$][\w$.-]{0,80})['"]?\s*(?::=|=>|[:=])\s*(['"`])((?:(?!\2)[^\\\r\n]|\\.){0,2000})\2/g;
/** A line CODE_ASSIGN can match has a quote. */
const ANY_QUOTE = /['"`]/;

function unquoteKey(key: string): string {
  return /^["'].*["']$/.test(key) ? key.slice(1, -1) : key;
}

/** Calls `visit` for every key/value entry of a text file in the given format. */
export function forEachTextEntry(text: string, format: TextFormat, visit: (entry: TextEntry) => void): void {
  switch (format) {
    case 'prose': return;
    case 'env': return forEachLine(text, (line, at) => {
      const m = ENV_LINE.exec(line);
      if (!m) return;
      const v = readScalar(m[4], at + m[1].length + m[2].length + m[3].length, '#');
      if (v) visit({ name: m[2], ...v });
    });
    case 'kv': return forEachLine(text, (line, at) => {
      if (/^\s*(?:[#;!]|\[)/.test(line)) return;
      // `key = value` wins over `key: value`, so `.npmrc`'s `//registry.example/:_authToken=…` keeps its whole key.
      let sep = line.indexOf('=');
      if (sep < 0) sep = line.indexOf(':');
      const key = sep > 0 ? line.slice(0, sep).trim() : '';
      if (!key) return;
      const v = readScalar(line.slice(sep + 1), at + sep + 1, '#;');
      if (v) visit({ name: unquoteKey(key), ...v });
    });
    case 'docker': return forEachLine(text, (line, at) => {
      const m = DOCKER_LINE.exec(line);
      if (!m) return;
      const rest = m[2];
      const restAt = at + m[1].length;
      if (!rest.includes('=')) {
        const legacy = DOCKER_LEGACY.exec(rest);
        if (legacy) {
          const v = readScalar(legacy[2], restAt + rest.length - legacy[2].length, '#');
          if (v) visit({ name: legacy[1], ...v });
        }
        return;
      }
      for (const p of rest.matchAll(DOCKER_PAIR)) {
        const v = readScalar(p[2], restAt + p.index! + p[1].length + 1, '#');
        if (v) visit({ name: p[1], ...v });
      }
    });
    case 'json': return forEachLine(text, (line, at) => {
      if (!line.includes('"')) return;
      for (const m of line.matchAll(JSON_PAIR)) {
        const valueAt = m.index! + m[0].length - 1 - m[2].length;
        visit({ name: m[1], value: m[2], start: at + valueAt });
      }
    });
    case 'yaml': return forYamlEntries(text, visit);
    case 'xml': return forXmlEntries(text, visit);
    case 'code': return forEachLine(text, (line, at) => {
      // Every entry is a name, `=`/`:`/`=>`, then a quoted value: most lines of a declaration file have no quote.
      if ((!line.includes('=') && !line.includes(':')) || !ANY_QUOTE.test(line)) return;
      for (const m of line.matchAll(CODE_ASSIGN)) {
        const valueAt = m.index! + m[0].length - 1 - m[3].length;
        visit({ name: m[1], value: m[3], start: at + valueAt });
      }
    });
  }
}

function forYamlEntries(text: string, visit: (entry: TextEntry) => void): void {
  // Open mappings by indentation, so `stripe:\n  secret: …` reports `secret` with qualifier `stripe`.
  const parents: Array<{ indent: number; key: string }> = [];
  forEachLine(text, (line, at) => {
    if (/^\s*(?:#|$)/.test(line)) return;
    const listEnv = YAML_LIST_ENV.exec(line);
    if (listEnv) {
      const v = readScalar(listEnv[3], at + listEnv[1].length + listEnv[2].length + 1, '#');
      if (v) visit({ name: listEnv[2], ...v });
      return;
    }
    const m = YAML_LINE.exec(line);
    if (!m) return;
    const indent = m[1].length + (m[2]?.length ?? 0);
    while (parents.length && parents[parents.length - 1].indent >= indent) parents.pop();
    const key = unquoteKey(m[3]);
    const raw = m[6] ?? '';
    if (!raw.trim() || raw.trimStart().startsWith('#')) {
      parents.push({ indent, key });
      return;
    }
    let valueAt = at + m[1].length + (m[2]?.length ?? 0) + m[3].length + m[4].length + (m[5]?.length ?? 0);
    let rawValue = raw;
    const anchor = /^&\S+\s+/.exec(rawValue);
    if (anchor) {
      valueAt += anchor[0].length;
      rawValue = rawValue.slice(anchor[0].length);
    }
    // Block scalars, flow collections, aliases and tags (`!Ref`, `!vault`) are not literal values.
    if (/^[|>{[*!&]/.test(rawValue)) return;
    const v = readScalar(rawValue, valueAt, '#');
    if (v) visit({ name: key, qualifier: parents[parents.length - 1]?.key, ...v });
  });
}

function forXmlEntries(text: string, visit: (entry: TextEntry) => void): void {
  let pendingKey: string | undefined;
  forEachLine(text, (line, at) => {
    if (!line.includes('<') && !line.includes('=')) return;
    // Property lists: `<key>apiSecret</key>` then `<string>…</string>`, possibly on the next line.
    for (const m of line.matchAll(XML_TAG)) {
      if (m[1] !== undefined) pendingKey = m[1].trim();
      else if (m[2] !== undefined && pendingKey !== undefined) {
        visit({ name: pendingKey, value: m[2], start: at + m.index! + '<string>'.length });
        pendingKey = undefined;
      } else pendingKey = undefined;
    }
    // `<add key="ApiSecret" value="…"/>`, `<meta-data android:name="…API_KEY" android:value="…"/>`, plain attributes.
    let nameAttr: { value: string; at: number } | undefined;
    let tagStart = -1;
    let scanned = 0;
    for (const m of line.matchAll(XML_ATTR)) {
      // The tag an attribute belongs to starts at the last `<` before it; found by a forward scan, so linear.
      for (; scanned < m.index!; scanned++) if (line.charCodeAt(scanned) === 60) tagStart = scanned;
      const attr = m[1].replace(/^[\w.-]+:/, '').toLowerCase();
      const valueAt = at + m.index! + m[0].length - 1 - m[2].length;
      if (attr === 'key' || attr === 'name') nameAttr = { value: m[2], at: tagStart };
      else if (attr === 'value') {
        if (nameAttr && nameAttr.at === tagStart) visit({ name: nameAttr.value, value: m[2], start: valueAt });
      } else visit({ name: m[1], value: m[2], start: valueAt });
    }
    for (const m of line.matchAll(XML_NAMED_ELEMENT)) {
      const value = m[3].trim();
      visit({ name: m[2], value, start: at + m.index! + m[0].length - m[1].length - 3 - m[3].length + m[3].indexOf(value) });
    }
    for (const m of line.matchAll(XML_ELEMENT)) {
      if (m[1] === 'key' || m[1] === 'string') continue;
      visit({ name: m[1], value: m[2].trim(), start: at + m.index! + m[1].length + 2 + (m[2].length - m[2].trimStart().length) });
    }
  });
}
