// mobile-insecure-config for Java/Kotlin: `addJavascriptInterface` in a file that enables JavaScript in a WebView.
import { blankJvmNonCode, type MobileIssue } from './mobile-text';

/** `settings.javaScriptEnabled = true` (Kotlin property) or `setJavaScriptEnabled(true)` (Java, Kotlin). */
const ENABLES_JS = /\bjavaScriptEnabled\s*=\s*true\b|\bsetJavaScriptEnabled\s*\(\s*true\s*\)/;
const ADD_INTERFACE = /\baddJavascriptInterface\s*\(/g;
/** A declaration or reference of the method rather than a call: `fun addJavascriptInterface(`, `void add…(`, `::add…`. */
const NOT_A_CALL = /(?:\bfun|\bvoid|::)\s*$/;

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[\w$]/.test(c);
}

/** Start of the receiver chain before `.addJavascriptInterface` (`binding.webView`, `getWebView()`, `this.web`). */
function receiverStart(code: string, callStart: number): number {
  let start = callStart;
  let i = callStart;
  for (;;) {
    let j = i - 1;
    while (j >= 0 && /\s/.test(code[j])) j--;
    if (code[j] !== '.') return start;
    j--;
    // Kotlin safe calls and non-null assertions: `webView?.`, `webView!!.`.
    if (code[j] === '?') j--;
    else if (code[j] === '!' && code[j - 1] === '!') j -= 2;
    while (j >= 0 && /\s/.test(code[j])) j--;
    // `getWebView().` and `webViews[0].`: skip one balanced group.
    if (code[j] === ')' || code[j] === ']') {
      const close = code[j];
      const open = close === ')' ? '(' : '[';
      let depth = 0;
      for (; j >= 0; j--) {
        if (code[j] === close) depth++;
        else if (code[j] === open && --depth === 0) break;
      }
      j--;
    }
    if (!isIdentifierChar(code[j])) return start;
    while (j > 0 && isIdentifierChar(code[j - 1])) j--;
    start = j;
    i = j;
  }
}

/** End of the call: the `)` matching the one after the method name, or the end of the line while it is being typed. */
function callEnd(code: string, openParen: number): number {
  let depth = 0;
  for (let i = openParen; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i + 1;
  }
  const eol = code.indexOf('\n', openParen);
  return eol < 0 ? code.length : eol;
}

/**
 * Each `addJavascriptInterface(…)` call in a Java/Kotlin file that turns JavaScript on for a WebView. Text-level: the
 * file is judged as a whole, since the settings and the bridge are usually set up a few lines apart.
 */
export function scanWebViewBridges(text: string): MobileIssue[] {
  if (!text.includes('addJavascriptInterface') || !text.includes('avaScriptEnabled')) return [];
  const code = blankJvmNonCode(text);
  if (!ENABLES_JS.test(code)) return [];
  const issues: MobileIssue[] = [];
  for (const m of code.matchAll(ADD_INTERFACE)) {
    const at = m.index!;
    if (NOT_A_CALL.test(code.slice(Math.max(0, at - 40), at))) continue;
    const start = receiverStart(code, at);
    issues.push({
      messageId: 'javascriptInterface',
      start,
      end: callEnd(code, at + m[0].length - 1),
      fingerprintKey: text.slice(start, at),
    });
  }
  return issues;
}
