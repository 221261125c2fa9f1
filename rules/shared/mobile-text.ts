// mobile-insecure-config helpers: which mobile files count, comment/string blanking that keeps offsets, local hosts.
import { baseName, extensionOf, type SourceFile, type TextChange } from '../../server/src/engine';

/** One defect a mobile scanner found, in text offsets; the rule turns it into a report. */
export interface MobileIssue {
  messageId: string;
  start: number;
  end: number;
  data?: Record<string, string>;
  fix?: { id: string; title: string; changes: TextChange[] };
  /** Keeps two findings on one line distinct (e.g. two attributes of one tag). */
  fingerprintKey: string;
}

export type MobileFileKind = 'manifest' | 'networkConfig' | 'plist' | 'jvm';

/** Debug-only source sets (`src/debug/`, `src/freeDebug/`): their manifests and configs never ship in a release. */
const DEBUG_SOURCE_SET = /(?:^|\/)src\/[^/]*debug[^/]*\//i;
/** Android and Xcode test sources that `isTestFile` does not know: `src/androidTest/`, `ShopTests/`, `FooTest.kt`. */
const MOBILE_TEST_SOURCE = /(?:^|\/)src\/(?:test|androidTest|sharedTest)[^/]*\/|(?:^|\/)[^/]*(?:Tests|UITests)\/|(?:Test|Tests|Spec)\.(?:kt|java)$/;

/** What kind of mobile file this is, or undefined when the rule has nothing to say about it. */
export function mobileFileKind(file: Pick<SourceFile, 'path' | 'languageId' | 'isTestFile' | 'text'>): MobileFileKind | undefined {
  const path = file.path;
  if (file.isTestFile || MOBILE_TEST_SOURCE.test(path) || DEBUG_SOURCE_SET.test(path)) return undefined;
  const ext = extensionOf(path);
  const lang = file.languageId;
  if (ext === 'java' || ext === 'kt' || (!ext && (lang === 'java' || lang === 'kotlin'))) return 'jvm';
  if (ext === 'plist' || (!ext && lang === 'plist')) return 'plist';
  if (ext !== 'xml' && !(!ext && lang === 'xml')) return undefined;
  if (baseName(path).toLowerCase() === 'androidmanifest.xml') return 'manifest';
  // Network security configs may have any name under res/xml; the root element identifies them.
  if (file.text.includes('<network-security-config')) return 'networkConfig';
  return undefined;
}

/** Replaces `from…to` with spaces, keeping line breaks so offsets and lines stay valid. */
function blank(chars: string[], from: number, to: number): void {
  for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/** The text with every `<!-- … -->` comment blanked, so commented-out settings are not read. */
export function blankXmlComments(text: string): string {
  if (!text.includes('<!--')) return text;
  // UTF-16 units, like the engine's offsets.
  const units = text.split('');
  let at = text.indexOf('<!--');
  while (at >= 0) {
    const close = text.indexOf('-->', at + 4);
    const end = close < 0 ? text.length : close + 3;
    blank(units, at, end);
    at = close < 0 ? -1 : text.indexOf('<!--', end);
  }
  return units.join('');
}

/**
 * Java/Kotlin text with comments and string/char literals blanked (Kotlin raw strings included), so only code is
 * searched. Line breaks are kept; offsets are UTF-16 units like the engine's.
 */
export function blankJvmNonCode(text: string): string {
  const units = text.split('');
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    let end = -1;
    if (c === '/' && next === '/') {
      end = text.indexOf('\n', i);
      if (end < 0) end = n;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      end = close < 0 ? n : close + 2;
    } else if (c === '"' && text.startsWith('"""', i)) {
      const close = text.indexOf('"""', i + 3);
      end = close < 0 ? n : close + 3;
    } else if (c === '"' || c === '\'') {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      end = Math.min(j + 1, n);
    }
    if (end < 0) {
      i++;
      continue;
    }
    blank(units, i, end);
    i = end;
  }
  return units.join('');
}

/**
 * Hosts that only exist on the developer's machine: loopback, `localhost` names and the emulators' aliases for the
 * host computer (`10.0.2.2` Android emulator, `10.0.3.2` Genymotion), plus the team's own list.
 */
export function isLocalHost(host: string, extra: readonly string[]): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '10.0.2.2' || h === '10.0.3.2') return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(h)) return true;
  return extra.some((e) => e.trim().toLowerCase() === h);
}
