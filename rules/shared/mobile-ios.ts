// mobile-insecure-config for iOS: App Transport Security switched off or weakened in an Info.plist.
import { blankXmlComments, isLocalHost, type MobileIssue } from './mobile-text';

/** Keys of the `NSAppTransportSecurity` dictionary that switch ATS off, with their message ids. */
const ATS_SWITCHES: Record<string, string> = {
  NSAllowsArbitraryLoads: 'arbitraryLoads',
  NSAllowsArbitraryLoadsInWebContent: 'arbitraryLoadsInWebContent',
};

/** Keys of one `NSExceptionDomains` entry that allow plain HTTP to that domain. */
const INSECURE_EXCEPTIONS = new Set(['NSExceptionAllowsInsecureHTTPLoads', 'NSTemporaryExceptionAllowsInsecureHTTPLoads']);

/** Plist tokens the scanner needs: keys, container boundaries, booleans, and any other value (which ends a key). */
const TOKEN = /<key>([^<]*)<\/key\s*>|<(\/?)(dict|array)\s*(\/?)>|<(true|false)\s*\/>|<(string|integer|real|date|data)\s*(?:\/>|>[^<]*<\/\6\s*>)/g;

interface PlistKey {
  name: string;
  start: number;
  end: number;
}

/** Each open `<dict>`/`<array>` with the key that introduced it (`NSAppTransportSecurity`, a domain name, …). */
interface Container {
  key?: string;
}

export function scanInfoPlist(text: string, localDomains: readonly string[]): MobileIssue[] {
  if (!/NSAllowsArbitraryLoads|AllowsInsecureHTTPLoads/.test(text)) return [];
  const code = blankXmlComments(text);
  const issues: MobileIssue[] = [];
  const stack: Container[] = [];
  let pending: PlistKey | undefined;
  for (const m of code.matchAll(TOKEN)) {
    const at = m.index!;
    if (m[1] !== undefined) {
      pending = { name: m[1].trim(), start: at, end: at + m[0].length };
      continue;
    }
    if (m[3] !== undefined) {
      if (m[2]) stack.pop();
      else if (!m[4]) stack.push({ key: pending?.name });
      pending = undefined;
      continue;
    }
    const key = pending;
    pending = undefined;
    if (m[5] !== 'true' || !key) continue;
    const fix = { id: 'useSafeValue', title: 'Change the value to <false/>', changes: [{ start: at, end: at + m[0].length, text: '<false/>' }] };
    const here = stack[stack.length - 1]?.key;
    if (Object.hasOwn(ATS_SWITCHES, key.name) && here === 'NSAppTransportSecurity') {
      issues.push({ messageId: ATS_SWITCHES[key.name], start: key.start, end: key.end, fix, fingerprintKey: key.name });
    } else if (INSECURE_EXCEPTIONS.has(key.name) && here && stack[stack.length - 2]?.key === 'NSExceptionDomains') {
      if (isLocalHost(here, localDomains)) continue;
      issues.push({ messageId: 'insecureException', start: key.start, end: key.end, data: { domain: here }, fix, fingerprintKey: here });
    }
  }
  return issues;
}
