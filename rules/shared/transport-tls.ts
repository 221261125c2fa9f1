// TLS settings: protocol-version tokens older than TLS 1.2, the edits that raise them, and certificate-verification opt-outs.
import type { TextChange } from '../../server/src/engine';

/**
 * Protocol versions as configs and code spell them: `TLSv1`, `TLSv1.1`, `TLSv1_1`, `TLS1_0` (Azure), `VersionTLS10` (Go),
 * `PROTOCOL_TLSv1` (Python), `SSLv3`. `-TLSv1` and `!SSLv3` (exclusions in Apache and Postfix lists) are not matched.
 */
const PROTOCOL_TOKEN = /(?<![\w!-])(?:PROTOCOL_)?(?:SSLv[23]|VersionSSL30|VersionTLS1[0-3]|TLS1_[0-3]|TLSv1(?:\.[0-3]|_[0-3])?)(?![\w]|\.\d)/gi;

export interface ProtocolToken {
  start: number;
  end: number;
  text: string;
  /** `SSL 3.0`, `TLS 1.1`, … */
  label: string;
  /** True below TLS 1.2. */
  legacy: boolean;
}

function describe(token: string): { label: string; legacy: boolean } {
  const bare = token.replace(/^PROTOCOL_/i, '');
  const ssl = /^(?:SSLv|VersionSSL)(\d)/i.exec(bare);
  if (ssl) return { label: `SSL ${ssl[1]}.0`, legacy: true };
  const minor = Number(/(\d)$/.exec(bare.replace(/^(?:VersionTLS1|TLSv?1[._]?)/i, ''))?.[1] ?? 0);
  return { label: `TLS 1.${minor}`, legacy: minor < 2 };
}

/** Every protocol-version token in `s[from, to)`, in order. */
export function findProtocolTokens(s: string, from = 0, to = s.length): ProtocolToken[] {
  const out: ProtocolToken[] = [];
  const re = new RegExp(PROTOCOL_TOKEN.source, 'gi');
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    if (m.index + m[0].length > to) break;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], ...describe(m[0]) });
  }
  return out;
}

/** Cheap test before any tokenising. */
export function mayContainProtocolToken(s: string): boolean {
  return /SSLv[23]|TLSv?1|VersionTLS1|VersionSSL/i.test(s);
}

/** `TLS 1.0 and TLS 1.1`, from the legacy tokens of a setting. */
export function legacyLabels(tokens: readonly ProtocolToken[]): string {
  const labels = [...new Set(tokens.filter((t) => t.legacy).map((t) => t.label))];
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** The same spelling for another minor version: `TLSv1` → `TLSv1.2`, `VersionTLS10` → `VersionTLS12`, `TLS1_0` → `TLS1_2`. */
export function modernToken(token: string, minor: 2 | 3): string {
  const prefix = /^PROTOCOL_/i.exec(token)?.[0] ?? '';
  const bare = token.slice(prefix.length);
  const lower = bare === bare.toLowerCase();
  if (/^Version(?:TLS|SSL)/i.test(bare)) return `${prefix}VersionTLS1${minor}`;
  if (/^TLS1_/i.test(bare)) return `${prefix}${bare.slice(0, 3)}1_${minor}`;
  if (prefix || /^TLSv1_/i.test(bare)) return `${prefix}${lower ? 'tlsv' : 'TLSv'}1_${minor}`;
  return `${lower ? 'tlsv' : 'TLSv'}1.${minor}`;
}

/** Separators a protocol list may use between its items (spaces, commas, colons, quotes, brackets, `+`). */
const LIST_SEPARATOR = /^[\s,;:|"'`[\]+]*$/;

/**
 * One edit that makes a setting's protocol tokens (in order, all of one setting) allow only TLS 1.2 and later: old
 * versions are dropped from a list that already holds a current one; otherwise the first becomes TLS 1.2 (1.3 for a
 * maximum) and a second, if any, TLS 1.3. Undefined when the items are separated by anything but list punctuation.
 */
export function raiseProtocolsEdit(text: string, tokens: readonly ProtocolToken[], isMaximum: boolean): TextChange | undefined {
  if (!tokens.length) return undefined;
  for (let i = 1; i < tokens.length; i++) if (!LIST_SEPARATOR.test(text.slice(tokens[i - 1].end, tokens[i].start))) return undefined;
  const separator = tokens.length > 1 ? text.slice(tokens[0].end, tokens[1].start) : ' ';
  const current = tokens.filter((t) => !t.legacy).map((t) => t.text);
  const legacy = tokens.filter((t) => t.legacy);
  let kept: string[];
  if (current.length) kept = current;
  else if (legacy.length === 1) kept = [modernToken(legacy[0].text, isMaximum ? 3 : 2)];
  else kept = [modernToken(legacy[0].text, 2), modernToken(legacy[1].text, 3)];
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end, text: kept.join(separator) };
}

/** Node's `secureProtocol` methods that pin a version below TLS 1.2. */
export const LEGACY_SECURE_PROTOCOL = /^(?:SSLv[23]|TLSv1(?:_1)?)_(?:client_|server_)?method$/;

/** Names of settings that choose protocol versions; lists of what is excluded, and cipher strings, are not. */
export function isProtocolSettingName(name: string): boolean {
  return /protocol|version|tls|ssl/i.test(name) &&
    !/cipher|exclu|disabl|deny|forbid|reject|ignore|black|block|unsupported|deprecat|banned|suite/i.test(name);
}

/** True for a maximum-version setting (`maxVersion`, `ssl-max-ver`, `DEFAULT_MAX_VERSION`). */
export function isMaximumSettingName(name: string): boolean {
  return /max/i.test(name);
}

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

// Options that turn certificate verification off when false (`rejectUnauthorized`, request's `strictSSL`, npm's
// `strict-ssl`, MongoDB's `sslValidate`, git's `http.sslVerify`, curl's `CURLOPT_SSL_VERIFYPEER`, Python's `check_hostname`).
const OFF_WHEN_FALSE = [
  'rejectunauthorized', 'strictssl', 'sslvalidate', 'verifyssl', 'sslverify', 'verifytls', 'tlsverify', 'verifycertificate',
  'verifycertificates', 'verifypeer', 'verifyhost', 'checkcertificate', 'checkhostname',
];
// Options that turn it off when true (Go's and Traefik's `InsecureSkipVerify`, kubeconfig's `insecure-skip-tls-verify`,
// MongoDB's `tlsInsecure` and `tlsAllowInvalidCertificates`).
const OFF_WHEN_TRUE_SUFFIXES = [
  'insecureskipverify', 'insecureskiptlsverify', 'skiptlsverify', 'skipsslverify', 'allowinvalidcertificates',
  'allowinvalidhostnames', 'acceptinvalidcerts', 'trustallcertificates',
];
const OFF_WHEN_TRUE_EXACT = new Set(['insecure', 'tlsinsecure', 'sslinsecure']);

/** Cheap test on a key before normalising it. */
export const VERIFY_NAME_HINT = /reject|strict|valid|verif|check|insecure|trust|accept/i;

/** Every name disablesVerification judges, normalised (for tests of {@link MAY_NAME_VERIFICATION_SETTING}). */
export const VERIFICATION_SETTING_NAMES: readonly string[] = [...OFF_WHEN_FALSE, ...OFF_WHEN_TRUE_SUFFIXES, ...OFF_WHEN_TRUE_EXACT];

/**
 * Whether a text may name one of those settings, as code spells them: words run together, in any case, or joined by
 * one separator (`rejectUnauthorized`, `strict-ssl`, `CURLOPT_SSL_VERIFYPEER`, `http.sslVerify`). For the pre-filter of
 * scripts, where VERIFY_NAME_HINT's words (`reject`, `strict`, `check`) occur in nearly every file.
 */
export const MAY_NAME_VERIFICATION_SETTING =
  /reject[\W_]?unauthorized|strict[\W_]?ssl|ssl[\W_]?(?:validate|verify)|verify[\W_]?(?:ssl|tls|certificate|peer|host)|tls[\W_]?verify|check[\W_]?(?:certificate|host[\W_]?name)|insecure|(?:allow|accept)[\W_]?invalid|trust[\W_]?all/i;

/** True when setting option `name` to `value` switches TLS certificate or host-name verification off. */
export function disablesVerification(name: string, value: boolean): boolean {
  const key = normalise(name);
  // `insecure-skip-tls-verify` and `skipSslVerify` end like `tlsVerify`/`sslVerify` but are off only when true.
  if (OFF_WHEN_TRUE_EXACT.has(key) || OFF_WHEN_TRUE_SUFFIXES.some((s) => key.endsWith(s))) return value;
  return !value && OFF_WHEN_FALSE.some((s) => key.endsWith(s));
}

/** Node's process-wide switch: `NODE_TLS_REJECT_UNAUTHORIZED=0` turns verification off for every connection. */
export const NODE_TLS_VARIABLE = 'NODE_TLS_REJECT_UNAUTHORIZED';

/** Boolean spellings in config files. */
export function configBoolean(raw: string): boolean | undefined {
  const v = raw.toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'on') return true;
  if (v === 'false' || v === 'no' || v === 'off') return false;
  return undefined;
}
