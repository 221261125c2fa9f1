// The pre-filter: before a file is parsed, each enabled rule says from the text alone whether it may report on it at
// all (`Rule.mayReport`). Rules that cannot are not run; a script no rule may report on is not parsed.
import type { PrefilterFile, Rule } from './types';

/** A rule as the engine enables it: severity and options resolved from the configuration. */
export interface EnabledRule<S> {
  rule: Rule;
  severity: S;
  options: Record<string, unknown>;
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const HEX2 = /^[0-9a-fA-F]{2}$/;
const CONTROL: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isOctalDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

/**
 * The text with every JavaScript escape sequence decoded, wherever it stands: `\u0070`, `\u{70}`, `\x70`, legacy
 * octal `\160`, `\n` and the other control escapes, line continuations (dropped) and identity escapes (`\p` → `p`).
 * Names reach rules decoded (an identifier `p\u0061ss`, a key `'p\x61ss'`), and a string's escapes decode the same
 * here as in the parser: a sequence never reaches past the character after its backslash unless it is made of hex or
 * octal digits, so whatever stands before a string cannot shift how its escapes are read. One pass, linear.
 */
export function decodeEscapes(text: string): string {
  let at = text.indexOf('\\');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0 && at < text.length - 1) {
    out += text.slice(copied, at);
    const next = text[at + 1];
    let value = next;
    let length = 2;
    if (next === 'u') {
      if (text[at + 2] === '{') {
        let end = at + 3;
        while (end < text.length && isHexDigit(text.charCodeAt(end))) end++;
        const code = text[end] === '}' && end > at + 3 ? parseInt(text.slice(at + 3, end), 16) : NaN;
        if (code <= 0x10ffff) {
          value = String.fromCodePoint(code);
          length = end + 1 - at;
        }
      } else if (HEX4.test(text.slice(at + 2, at + 6))) {
        value = String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
        length = 6;
      }
    } else if (next === 'x') {
      if (HEX2.test(text.slice(at + 2, at + 4))) {
        value = String.fromCharCode(parseInt(text.slice(at + 2, at + 4), 16));
        length = 4;
      }
    } else if (isOctalDigit(next)) {
      // `\0`–`\377`: up to three digits while the value stays below 256 (`\400` is `\40` followed by `0`).
      let digits = 1;
      if (isOctalDigit(text[at + 2])) {
        digits = 2;
        if (next <= '3' && isOctalDigit(text[at + 3])) digits = 3;
      }
      value = String.fromCharCode(parseInt(text.slice(at + 1, at + 1 + digits), 8));
      length = 1 + digits;
    } else if (next === '\r') {
      value = '';
      length = text[at + 2] === '\n' ? 3 : 2;
    } else if (next === '\n' || next === '\u2028' || next === '\u2029') {
      value = '';
    } else if (next in CONTROL) {
      value = CONTROL[next];
    }
    out += value;
    copied = at + length;
    at = text.indexOf('\\', copied);
  }
  return out + text.slice(copied);
}

function asks(rule: Rule, file: PrefilterFile, options: Record<string, unknown>): boolean {
  try {
    return rule.mayReport!(file, options) !== false;
  } catch {
    return true;
  }
}

/**
 * The enabled rules that may report on a file, in their order: those without a pre-filter, and those whose pre-filter
 * says yes for the text as written or, when it has escape sequences, for the text as written followed by the text with
 * them decoded. Both at once, so that a check that needs two things (a route written out, a name written escaped) sees
 * each where it is; pre-filters only ever look for things, so more text never turns a yes into a no.
 */
export function rulesThatMayReport<S>(enabled: ReadonlyArray<EnabledRule<S>>, file: PrefilterFile): Array<EnabledRule<S>> {
  let withDecoded: PrefilterFile | null | undefined;
  return enabled.filter(({ rule, options }) => {
    if (!rule.mayReport || asks(rule, file, options)) return true;
    if (withDecoded === undefined) {
      const decoded = file.text.includes('\\') ? decodeEscapes(file.text) : file.text;
      withDecoded = decoded === file.text ? null : { ...file, text: `${file.text}\n${decoded}` };
    }
    return withDecoded !== null && asks(rule, withDecoded, options);
  });
}
