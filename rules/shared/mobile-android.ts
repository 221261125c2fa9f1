// mobile-insecure-config for Android XML: risky AndroidManifest.xml attributes and cleartext in network security configs.
import { blankXmlComments, isLocalHost, type MobileIssue } from './mobile-text';

const ANDROID_NS = /xmlns:([\w.-]+)\s*=\s*["']http:\/\/schemas\.android\.com\/apk\/res\/android["']/;

const MANIFEST_ATTRIBUTES: Record<string, string> = {
  usesCleartextTraffic: 'cleartextTraffic',
  debuggable: 'debuggable',
  allowBackup: 'allowBackup',
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `"true"` → a fix that writes `false` between the quotes. */
function flipToFalse(valueStart: number, valueEnd: number, title: string): MobileIssue['fix'] {
  return { id: 'useSafeValue', title, changes: [{ start: valueStart, end: valueEnd, text: 'false' }] };
}

/** `android:usesCleartextTraffic="true"`, `android:debuggable="true"`, `android:allowBackup="true"` outside comments. */
export function scanManifest(text: string): MobileIssue[] {
  if (!/usesCleartextTraffic|debuggable|allowBackup/.test(text)) return [];
  const code = blankXmlComments(text);
  // The namespace prefix is `android` by convention, but the manifest may bind another one.
  const prefix = ANDROID_NS.exec(code)?.[1] ?? 'android';
  const re = new RegExp(`(?<=\\s)${escapeRegExp(prefix)}:(usesCleartextTraffic|debuggable|allowBackup)\\s*=\\s*(["'])([^"'<>]*)\\2`, 'g');
  const issues: MobileIssue[] = [];
  for (const m of code.matchAll(re)) {
    if (m[3].trim().toLowerCase() !== 'true') continue;
    const start = m.index!;
    const valueStart = start + m[0].length - 1 - m[3].length;
    issues.push({
      messageId: MANIFEST_ATTRIBUTES[m[1]],
      start,
      end: start + m[0].length,
      fix: flipToFalse(valueStart, valueStart + m[3].length, 'Set the attribute to "false"'),
      fingerprintKey: m[1],
    });
  }
  return issues;
}

interface ConfigFrame {
  /** The `cleartextTrafficPermitted="true"` attribute governing this config, own or inherited from the outer one. */
  owner?: PermittedAttribute;
}

interface PermittedAttribute {
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  domains: string[];
}

// The name ends where name characters end, and unquoted attribute text stops at `<`: otherwise an unclosed `<AAAA…`
// is split every way between name and attributes, and every `<` of a long unclosed run scans to the end (quadratic).
const TAG = /<(\/?)([\w:.-]+)(?![\w:.-])((?:[^<>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const PERMITTED = /(?<=\s)cleartextTrafficPermitted\s*=\s*(["'])([^"'<>]*)\1/;

function permittedAttribute(attrs: string, attrsStart: number): { value: boolean; attr: PermittedAttribute } | undefined {
  const m = PERMITTED.exec(attrs);
  if (!m) return undefined;
  const start = attrsStart + m.index;
  const valueEnd = start + m[0].length - 1;
  return {
    value: m[2].trim().toLowerCase() === 'true',
    attr: { start, end: start + m[0].length, valueStart: valueEnd - m[2].length, valueEnd, domains: [] },
  };
}

/**
 * `cleartextTrafficPermitted="true"` on `<base-config>` (every domain), or on a `<domain-config>` naming a domain that
 * is not local. Nested domain-configs inherit the outer value unless they set their own.
 */
export function scanNetworkSecurityConfig(text: string, localDomains: readonly string[]): MobileIssue[] {
  if (!text.includes('cleartextTrafficPermitted')) return [];
  const code = blankXmlComments(text);
  const issues: MobileIssue[] = [];
  const stack: ConfigFrame[] = [];
  const closeConfig = (frame: ConfigFrame | undefined, own: boolean) => {
    const attr = frame?.owner;
    if (!attr || !own) return;
    const remote = attr.domains.find((d) => !isLocalHost(d, localDomains));
    if (remote === undefined) return;
    issues.push({
      messageId: 'domainCleartext',
      start: attr.start,
      end: attr.end,
      data: { domain: remote },
      fix: flipToFalse(attr.valueStart, attr.valueEnd, 'Refuse cleartext traffic ("false")'),
      fingerprintKey: remote,
    });
  };
  // Which frames own their attribute, so a nested config does not report its parent's attribute twice.
  const owns: boolean[] = [];
  for (const m of code.matchAll(TAG)) {
    const [whole, closing, name, attrs, selfClosing] = m;
    const attrsStart = m.index! + 1 + closing.length + name.length;
    if (name === 'base-config' && !closing) {
      const p = permittedAttribute(attrs, attrsStart);
      if (p?.value) {
        issues.push({
          messageId: 'baseCleartext',
          start: p.attr.start,
          end: p.attr.end,
          fix: flipToFalse(p.attr.valueStart, p.attr.valueEnd, 'Refuse cleartext traffic ("false")'),
          fingerprintKey: 'base-config',
        });
      }
    } else if (name === 'domain-config') {
      if (closing) {
        closeConfig(stack.pop(), owns.pop() ?? false);
        continue;
      }
      const p = permittedAttribute(attrs, attrsStart);
      const frame: ConfigFrame = { owner: p ? (p.value ? p.attr : undefined) : stack[stack.length - 1]?.owner };
      if (selfClosing) {
        closeConfig(frame, p !== undefined);
      } else {
        stack.push(frame);
        owns.push(p !== undefined);
      }
    } else if (name === 'domain' && !closing && !selfClosing) {
      const contentStart = m.index! + whole.length;
      const next = code.indexOf('<', contentStart);
      const domain = code.slice(contentStart, next < 0 ? code.length : next).trim();
      if (domain) stack[stack.length - 1]?.owner?.domains.push(domain);
    }
  }
  // A file being edited may leave configs open; judge them with what they hold so far.
  while (stack.length) closeConfig(stack.pop(), owns.pop() ?? false);
  return issues;
}
