// insecure-transport in text: config files, markup, other languages and unparsable scripts, read line by line with comments blanked.
import { baseName, commentStyle, extensionOf, type SourceFile, type TextChange } from '../../server/src/engine';
import { forEachLine, textFormatOf, type TextFormat } from './text-entries';
import {
  configBoolean, disablesVerification, findProtocolTokens, isMaximumSettingName, isProtocolSettingName, legacyLabels,
  mayContainProtocolToken, NODE_TLS_VARIABLE, raiseProtocolsEdit, VERIFY_NAME_HINT, type ProtocolToken,
} from './transport-tls';
import { HAS_HTTP_SCHEME, HTTP_SCHEME, httpsEdits, isInsecureRemoteUrl, readHttpUrl, type HostPolicy } from './transport-urls';

export type TransportMessage = 'httpUrl' | 'httpOption' | 'oldTls' | 'noVerify' | 'envNoVerify';
export type TransportFixId = 'useHttps' | 'requireTls12' | 'removeOptOut';

export interface TransportReport {
  messageId: TransportMessage;
  start: number;
  end: number;
  data?: Record<string, string>;
  fix?: { id: TransportFixId; changes: TextChange[] };
  fingerprintKey: string;
}

interface CommentSyntax {
  hash?: boolean;
  semicolon?: boolean;
  bang?: boolean;
  slash?: boolean;
  block?: boolean;
  markup?: boolean;
  dash?: boolean;
}

const MARKUP_EXT = new Set(['html', 'htm', 'xhtml', 'jsp', 'ejs', 'hbs', 'handlebars', 'mustache', 'njk', 'erb', 'liquid']);
const MIXED_EXT = new Set(['vue', 'svelte', 'astro', 'php']);
/**
 * Files whose URLs are documentation or data, never connections: prose (licence and changelog files often have no
 * extension), ignore-pattern lists, and source maps (which embed other files' sources).
 */
const NOT_CONFIG_NAME = /^(?:license|licence|copying|notice|authors|contributors|changelog|changes|history|readme|patents)(?:[.-]|$)|^\.\w*ignore$|\.map$/i;
/** Package manifests: their URLs are metadata (homepage, author, repository) except where a package is fetched from. */
const MANIFEST_NAME = /^(?:package|bower|composer|component)\.json$/i;
const MANIFEST_FETCH_KEYS = new Set(['registry', 'proxy', 'https-proxy', 'resolved', 'tarball']);

/** How comments are written in a file, or `prose` for files whose URLs are documentation. */
function commentSyntaxOf(path: string, languageId: string, format: TextFormat): CommentSyntax | 'prose' {
  if (format === 'prose' || NOT_CONFIG_NAME.test(baseName(path))) return 'prose';
  const ext = extensionOf(path);
  if (MARKUP_EXT.has(ext)) return { markup: true };
  if (MIXED_EXT.has(ext)) return { markup: true, slash: true, block: true };
  const style = commentStyle(path, languageId);
  // Unknown formats (`configure`, `binding.gyp`, `.editorconfig`): a `#` line is a comment in nearly all of them.
  if (!style) return format === 'json' ? {} : { hash: true };
  if ('line' in style) {
    if (style.line === '#') return { hash: true, semicolon: ext === 'ini' || ext === 'cfg', bang: ext === 'properties' };
    if (style.line === '//') return { slash: true, block: true };
    if (style.line === '--') return { dash: true, block: true };
    return {};
  }
  return style.open === '<!--' ? { markup: true } : { block: true };
}

/** The text with every comment replaced by spaces (line breaks kept), so offsets still match the file. */
export function blankComments(text: string, syntax: CommentSyntax): string {
  const ranges: Array<[number, number]> = [];
  const n = text.length;
  const lineEnd = (from: number) => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? n : nl;
  };
  let atLineStart = true;
  let i = 0;
  while (i < n) {
    const c = text[i];
    const prev = i > 0 ? text[i - 1] : '\n';
    if (c === '\n') {
      atLineStart = true;
      i++;
      continue;
    }
    let end = -1;
    if (syntax.markup && c === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      end = close < 0 ? n : close + 3;
    } else if (syntax.block && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      end = close < 0 ? n : close + 2;
    } else if (syntax.slash && c === '/' && text[i + 1] === '/' && prev !== ':') {
      end = lineEnd(i);
    } else if (syntax.dash && c === '-' && text[i + 1] === '-') {
      end = lineEnd(i);
    } else if (syntax.hash && c === '#' && (atLineStart || prev === ' ' || prev === '\t')) {
      end = lineEnd(i);
    } else if ((syntax.semicolon && c === ';' && atLineStart) || (syntax.bang && c === '!' && atLineStart)) {
      end = lineEnd(i);
    } else if (syntax.slash && (c === '"' || c === "'" || c === '`')) {
      // Strings are skipped whole so a `//` or `/*` inside one does not start a comment.
      let j = i + 1;
      while (j < n && text[j] !== c && (c === '`' || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      atLineStart = false;
      i = j + 1;
      continue;
    }
    if (end >= 0) {
      ranges.push([i, end]);
      i = end;
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\r') atLineStart = false;
    i++;
  }
  if (!ranges.length) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

/** Plain HTML pages (not templates, whose text may hold code). */
const HTML_EXT = new Set(['html', 'htm', 'xhtml']);
const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);
/** Elements whose `href` is a link the reader may follow, not something the page loads or sends to. */
const LINK_ELEMENTS = new Set(['a', 'area']);

/**
 * An HTML page as far as it connects anywhere: its tags and the contents of its scripts and styles. The text between
 * tags is for the reader (documentation pages, examples in `<pre>`), and so is the `href` of a link (`<a>`, `<area>`):
 * both are blanked, line breaks and offsets kept. `<link href>`, `src`, `action` and the rest stay.
 */
export function blankHtmlProse(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let i = 0;
  let textStart = 0;
  let lower: string | undefined;
  while (i < text.length) {
    if (text[i] !== '<' || !/[A-Za-z!?/]/.test(text[i + 1] ?? '')) {
      i++;
      continue;
    }
    blank(textStart, i);
    // The tag runs to the first `>` outside quotes.
    let end = i + 1;
    let quote = '';
    for (; end < text.length; end++) {
      const c = text[end];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    const tag = text.slice(i, end);
    const name = /^<([A-Za-z][\w-]*)/.exec(tag)?.[1].toLowerCase();
    if (name && LINK_ELEMENTS.has(name)) {
      for (const m of tag.matchAll(/\shref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)) blank(i + m.index! + m[0].length - m[1].length, i + m.index! + m[0].length);
    }
    i = end + 1;
    textStart = i;
    if (name && RAW_TEXT_ELEMENTS.has(name) && !tag.endsWith('/')) {
      // A script's or style's contents stay, up to its closing tag.
      lower ??= text.toLowerCase();
      const close = lower.indexOf(`</${name}`, i);
      i = close < 0 ? text.length : close;
      textStart = i;
    }
  }
  blank(textStart, text.length);
  return out.join('');
}

/** `cat << 'EOF'` alone on its line: a here-document printed to the terminal (no `>` file, no `|` command after it). */
const PRINTED_HEREDOC = /^\s*cat\s+<<-?\s*(['"]?)([A-Za-z_]\w*)\1\s*$/;

/**
 * A shell script's printed here-documents blanked (line breaks and offsets kept): a usage text or manual page shown
 * to the user (`cat << '_USAGE'` … `_USAGE`), whose URLs are for the reader. One written to a file or piped to a
 * command (`cat > app.conf << EOF`, `cat <<EOF | kubectl apply -f -`) is configuration, and stays.
 */
export function blankPrintedHeredocs(text: string): string {
  if (!text.includes('<<')) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const delimiter = PRINTED_HEREDOC.exec(lines[i])?.[2];
    if (!delimiter) continue;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== delimiter) end++;
    for (let k = i + 1; k < end; k++) lines[k] = lines[k].replace(/[^\r]/g, ' ');
    i = end;
  }
  return lines.join('\n');
}

// Keys whose values are identifiers or documentation links, not endpoints: namespaces, schema ids, package metadata.
const IDENTIFIER_KEYS = new Set([
  'namespace', 'namespaceuri', 'ns', 'schemalocation', 'nonamespaceschemalocation', '$schema', '$id', '$ref', '@context',
  '@id', '@type', '@vocab', 'homepage', 'repository', 'bugs', 'license', 'licenseurl', 'termsofservice', 'description',
  'summary', 'message', 'title', 'help', 'helpurl', 'helpuri', 'informationuri', 'docs', 'docsurl', 'documentation',
  'documentationurl', 'website',
]);

/** True for keys that hold namespaces, schema ids and documentation links (`xmlns:android`, `$schema`, `homepage`). */
export function isIdentifierKey(name: string): boolean {
  const key = name.toLowerCase().replace(/[_.-]/g, '');
  const local = key.includes(':') ? key.slice(key.lastIndexOf(':') + 1) : key;
  return key.startsWith('xmlns') || IDENTIFIER_KEYS.has(key) || IDENTIFIER_KEYS.has(local);
}

interface KeyAt {
  name: string;
  start: number;
  /** `value`: `key: value`, `key=value`, `"key": "value"`, `attr="value"`; `directive`: `ssl_protocols TLSv1;`;
   * `call`: `SSLContext.getInstance("TLSv1")`; `element`: `<protocol>TLSv1</protocol>`; `parent`: a YAML list item. */
  kind: 'value' | 'directive' | 'call' | 'element' | 'parent';
}

const VALUE_CHARS = /^[\s"'`[\]{},.\w|+!-]*$/;
const KEY_CHAR = /[\w$@.:-]/;

/** The key a value at `pos` of `line` belongs to when written `key: value` / `key = value` / `key => value`. */
function keyBeforeSeparator(line: string, pos: number): KeyAt | undefined {
  const floor = Math.max(0, pos - 300);
  let sep = -1;
  for (let i = pos - 1; i >= floor; i--) {
    const c = line[i];
    if (c === ';' || c === '(' || c === ')') return undefined;
    if (c === '=' || (c === ':' && line[i + 1] !== '/' && line[i - 1] !== ':' && line[i + 1] !== ':')) { sep = i; break; }
    if (c === '>' && line[i - 1] === '=') { sep = i - 1; break; }
  }
  if (sep < 0 || !VALUE_CHARS.test(line.slice(sep + 1, pos).replace(/^>/, ''))) return undefined;
  let end = sep;
  if (line[end - 1] === ':') end--;
  while (end > 0 && /\s/.test(line[end - 1])) end--;
  if (line[end - 1] === '"' || line[end - 1] === "'") end--;
  let start = end;
  while (start > floor && KEY_CHAR.test(line[start - 1])) start--;
  // A key never starts with `:` (a YAML `key:: value` slip or a C++ scope is not a key).
  while (start < end && line[start] === ':') start++;
  return start < end ? { name: line.slice(start, end), start, kind: 'value' } : undefined;
}

/** The setting a protocol token at `pos` belongs to, from what precedes it on its line. */
function settingOf(line: string, pos: number, parentKey: string | undefined): KeyAt | undefined {
  const prefix = line.slice(Math.max(0, pos - 300), pos);
  const offset = pos - prefix.length;
  // Innermost unclosed call on the line: `SSLContext.getInstance("TLSv1")`, `setEnabledProtocols(new String[] {…})`.
  let depth = 0;
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth > 0) { depth--; continue; }
      const inside = prefix.slice(i + 1);
      if (/[:=]/.test(inside.replace(/:\/\//g, ''))) break;
      // From the start of a name only: retrying from inside a long name that blanks do not end is quadratic.
      const callee = /(?<![\w$.])([\w$.]+)\s*$/.exec(prefix.slice(0, i));
      return callee ? { name: callee[1], start: offset + callee.index, kind: 'call' } : undefined;
    }
  }
  const byValue = keyBeforeSeparator(line, pos);
  if (byValue) return byValue;
  const element = /<([A-Za-z_][\w:.-]*)(?:\s[^<>]*)?>\s*$/.exec(prefix);
  if (element) return { name: element[1], start: offset + element.index + 1, kind: 'element' };
  // A directive starts its line; past the look-back window the line start is out of sight.
  const directive = offset === 0 ? /^(\s*)([A-Za-z_][\w.-]*)(\s[\w\s.+!-]*)?["']?$/.exec(prefix) : null;
  if (directive && directive[3] !== undefined) return { name: directive[2], start: directive[1].length, kind: 'directive' };
  if (parentKey && /^\s*(?:-\s*)?["']?$/.test(prefix)) return { name: parentKey, start: pos, kind: 'parent' };
  return undefined;
}

const DOCTYPE_BEFORE = /<!(?:DOCTYPE|ENTITY)|\b(?:PUBLIC|SYSTEM)\s+(?:"[^"]*"\s+)?["']$/i;
const XML_IDENTIFIER_PATH = /(?:^|\/)(?:schemas?|ns|namespaces?)(?:\/|$)/i;
const BOOL_ENTRY = /(["']?)([A-Za-z_$][\w$.-]{0,100})\1\s*(?:=>|:=|[:=])\s*(["']?)(true|false|yes|no|on|off)\3(?![\w.-])/gi;
const NODE_TLS_ENTRY = /\bNODE_TLS_REJECT_UNAUTHORIZED(["']?)\s*[:=]\s*(["']?)0\2(?![\w.])/g;
const K8S_ENV_NAME = /^(\s*-\s*)name:\s*(["']?)NODE_TLS_REJECT_UNAUTHORIZED\2\s*$/;
const K8S_ENV_ZERO = /^\s*value:\s*(["']?)0\1\s*$/;
// `\S.*`, not `.*`: a lone `\r` or `\u2028` in a long line would make `\s+(.*)$` retry every split of the blanks.
const YAML_KEY_LINE = /^(\s*)(?:-\s+)?["']?([\w$@.-]{1,200})["']?\s*:(?:\s+(\S.*|))?$/;
const OPEN_LIST_LINE = /["']?([\w$@.-]{1,100})["']?\s*[:=]\s*\[\s*$/;

/** Formats where a `key = value` line can be deleted on its own (no commas or closing brackets to keep balanced). */
const LINE_FORMATS = new Set<TextFormat>(['env', 'docker', 'kv', 'yaml']);

function nextLineStart(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** Spaces and tabs at the end of `s`, counted: `/[ \t]+$/` rescans every blank run to its end (quadratic on a long line). */
function trailingBlanks(s: string): number {
  let i = s.length;
  while (i > 0 && (s.charCodeAt(i - 1) === 32 || s.charCodeAt(i - 1) === 9)) i--;
  return s.length - i;
}

/**
 * The edit that removes a verification opt-out entry `[start, end)`: its whole line where the format allows, the
 * `NAME=0 ` prefix of a shell command, or one pair of a multi-pair Docker `ENV`; undefined otherwise.
 */
function removalEdit(text: string, format: TextFormat, lineAt: number, line: string, start: number, end: number): TextChange | undefined {
  const before = line.slice(0, start - lineAt);
  const after = line.slice(end - lineAt);
  if (LINE_FORMATS.has(format) && /^\s*(?:export\s+|ENV\s+|-\s+)?$/i.test(before) && /^\s*$/.test(after)) {
    return { start: lineAt, end: nextLineStart(text, lineAt), text: '' };
  }
  const entry = text.slice(start, end);
  if (!/^\w+=\w+$/.test(entry)) return undefined;
  const following = /^[ \t]+/.exec(after);
  if (following && after.length > following[0].length && (before === '' || /[\s"'`]$/.test(before))) {
    return { start, end: end + following[0].length, text: '' };
  }
  const preceding = trailingBlanks(before);
  if (format === 'docker' && preceding > 0 && /^\s*$/.test(after) && !/^\s*ENV\s*$/i.test(before)) {
    return { start: start - preceding, end, text: '' };
  }
  return undefined;
}

/** Scans a text file (or a script that does not parse) for plain-HTTP URLs, old TLS versions and verification opt-outs. */
export function scanTransportText(file: SourceFile, policy: HostPolicy, reportFound: (r: TransportReport) => void): void {
  const { text } = file;
  // A script that does not parse is being edited: findings stay visible, fixes wait until it parses again.
  const report = file.kind === 'script' ? (r: TransportReport) => reportFound({ ...r, fix: undefined }) : reportFound;
  const format = file.kind === 'script' ? 'code' : textFormatOf(file.path, file.languageId);
  const syntax = commentSyntaxOf(file.path, file.languageId, format);
  if (syntax === 'prose') return;
  if (!HAS_HTTP_SCHEME.test(text) && !/SSLv|TLS|Version|verif|reject|strict|insecure|valid|check|trust|accept|CERT_NONE/i.test(text)) return;
  const ext = extensionOf(file.path);
  const uncommented = blankComments(text, syntax);
  const code = HTML_EXT.has(ext) ? blankHtmlProse(uncommented)
    : syntax.hash && file.kind === 'text' ? blankPrintedHeredocs(uncommented) : uncommented;
  const markup = format === 'xml' || syntax.markup === true;
  const python = ext === 'py';
  const manifest = MANIFEST_NAME.test(baseName(file.path));
  const checkUrls = !file.isTestFile;

  const yamlParents: Array<{ indent: number; key: string }> = [];
  let openListKey: string | undefined;
  let k8sName: { lineAt: number; start: number } | undefined;

  forEachLine(code, (line, lineAt) => {
    if (!line.trim()) return;
    const original = text.slice(lineAt, lineAt + line.length);

    // Parent keys, for list items that carry no key of their own.
    let parentKey: string | undefined;
    if (format === 'yaml') {
      const indent = /^\s*/.exec(line)![0].length;
      const isItem = /^\s*-(?:\s|$)/.test(line);
      while (yamlParents.length && (isItem ? yamlParents[yamlParents.length - 1].indent > indent : yamlParents[yamlParents.length - 1].indent >= indent)) {
        yamlParents.pop();
      }
      parentKey = yamlParents[yamlParents.length - 1]?.key;
      const keyLine = YAML_KEY_LINE.exec(line);
      if (keyLine && !keyLine[3]?.trim()) yamlParents.push({ indent, key: keyLine[2] });
    } else {
      parentKey = openListKey;
      const opens = line.trimEnd().endsWith('[') ? OPEN_LIST_LINE.exec(line) : null;
      if (opens) openListKey = opens[1];
      else if (line.includes(']')) openListKey = undefined;
    }

    if (checkUrls && HAS_HTTP_SCHEME.test(line)) {
      for (const m of line.matchAll(HTTP_SCHEME)) {
        const url = readHttpUrl(line, m.index!);
        if (!url || !isInsecureRemoteUrl(url, policy)) continue;
        const prefix = line.slice(Math.max(0, url.start - 300), url.start);
        if (DOCTYPE_BEFORE.test(prefix)) continue;
        const key = keyBeforeSeparator(line, url.start);
        if (key && isIdentifierKey(key.name)) continue;
        if (manifest && !(key && MANIFEST_FETCH_KEYS.has(key.name.toLowerCase()))) continue;
        if (markup && XML_IDENTIFIER_PATH.test(url.path)) continue;
        report({
          messageId: 'httpUrl', start: lineAt + url.start, end: lineAt + url.end,
          fix: { id: 'useHttps', changes: httpsEdits(url, original, lineAt) }, fingerprintKey: url.host,
        });
      }
    }

    if (line.includes(NODE_TLS_VARIABLE)) {
      for (const m of line.matchAll(NODE_TLS_ENTRY)) {
        const start = lineAt + m.index!;
        const end = start + m[0].length;
        const edit = removalEdit(text, format, lineAt, original, start, end);
        report({
          messageId: 'envNoVerify', start, end, fingerprintKey: NODE_TLS_VARIABLE,
          fix: edit ? { id: 'removeOptOut', changes: [edit] } : undefined,
        });
      }
      const name = K8S_ENV_NAME.exec(line);
      k8sName = name ? { lineAt, start: lineAt + name[1].length } : undefined;
    } else if (k8sName) {
      // Kubernetes: `- name: NODE_TLS_REJECT_UNAUTHORIZED` then `value: "0"` on the next line.
      const zero = K8S_ENV_ZERO.exec(line);
      if (zero) {
        report({
          messageId: 'envNoVerify', start: k8sName.start, end: lineAt + line.trimEnd().length, fingerprintKey: NODE_TLS_VARIABLE,
          fix: { id: 'removeOptOut', changes: [{ start: k8sName.lineAt, end: nextLineStart(text, lineAt), text: '' }] },
        });
      }
      k8sName = undefined;
    }

    if (VERIFY_NAME_HINT.test(line) || (python && /\bverify\s*=/.test(line))) {
      for (const m of line.matchAll(BOOL_ENTRY)) {
        const value = configBoolean(m[4]);
        const name = m[2];
        const pythonVerify = python && name === 'verify' && value === false;
        if (value === undefined || (!pythonVerify && !disablesVerification(name, value))) continue;
        const start = lineAt + m.index!;
        const end = start + m[0].length;
        const edit = format === 'code' ? undefined : removalEdit(text, format, lineAt, original, start, end);
        report({ messageId: 'noVerify', start, end, fingerprintKey: name, fix: edit ? { id: 'removeOptOut', changes: [edit] } : undefined });
      }
    }
    if (format === 'code' && /CERT_NONE|VERIFY_NONE/.test(line)) {
      // Python's `ssl.CERT_NONE` and OpenSSL's `VERIFY_NONE` (Ruby, PHP): no certificate check at all.
      for (const m of line.matchAll(/\b(?:CERT_NONE|VERIFY_NONE)\b/g)) {
        report({ messageId: 'noVerify', start: lineAt + m.index!, end: lineAt + m.index! + m[0].length, fingerprintKey: m[0] });
      }
    }

    if (mayContainProtocolToken(line)) reportProtocolSettings(line, original, lineAt, parentKey, report);
  });
}

/** Groups a line's protocol tokens by the setting they belong to and reports settings that allow a version below TLS 1.2. */
function reportProtocolSettings(
  line: string, original: string, lineAt: number, parentKey: string | undefined, report: (r: TransportReport) => void,
): void {
  const groups = new Map<string, { key: KeyAt; tokens: ProtocolToken[] }>();
  for (const token of findProtocolTokens(line)) {
    // A version used as a key (`TLSv1: deprecated` in a table of versions) sets nothing.
    if (/^["']?\s*(?:=|:(?:\s|$))/.test(line.slice(token.end, token.end + 40))) continue;
    const key = settingOf(line, token.start, parentKey);
    if (!key || !isProtocolSettingName(key.name) || /^(?:PROTOCOL_)?(?:SSLv|TLSv?1|Version(?:TLS|SSL))/i.test(key.name)) continue;
    const id = `${key.kind}:${key.start}`;
    const group = groups.get(id) ?? { key, tokens: [] };
    group.tokens.push(token);
    groups.set(id, group);
  }
  for (const { key, tokens } of groups.values()) {
    const legacy = tokens.filter((t) => t.legacy);
    if (!legacy.length) continue;
    const onLine = key.kind === 'value' || key.kind === 'directive' || key.kind === 'element';
    const start = onLine ? key.start : legacy[0].start;
    const end = onLine ? tokens[tokens.length - 1].end : legacy[legacy.length - 1].end;
    const edit = raiseProtocolsEdit(original, tokens, isMaximumSettingName(key.name));
    report({
      messageId: 'oldTls', start: lineAt + start, end: lineAt + end, data: { protocols: legacyLabels(legacy) },
      fingerprintKey: `${key.name}:${legacy.map((t) => t.text).join(',')}`,
      fix: edit ? { id: 'requireTls12', changes: [{ ...edit, start: lineAt + edit.start, end: lineAt + edit.end }] } : undefined,
    });
  }
}
