// Plain-HTTP URLs: reading one out of text, and telling remote hosts from loopback, private, reserved and identifier URLs.

/** A `http://` URL found in a string, with offsets relative to that string. */
export interface HttpUrl {
  /** Offset of the `h` of the scheme. */
  start: number;
  /** Offset just after the URL (trailing punctuation excluded). */
  end: number;
  /** Host without port or user info, lower-cased; `''` when the URL stops after the scheme. */
  host: string;
  /** Path, query and fragment (everything after the authority). */
  path: string;
  /** Offsets of an explicit `:80`, which the https fix drops with the scheme change. */
  port80?: [number, number];
  /** True when the host is not literal text (`${host}`, `{{host}}`, `$HOST`, `%s`, `<host>`). */
  dynamicHost: boolean;
}

/**
 * `http://`, also with the `\:` escape `.properties` files use, and JSON's escaped slashes (`http:\/\/`, as PHP's
 * json_encode writes URLs by default).
 */
export const HTTP_SCHEME = /http(?:\\?:\/\/|:\\\/\\\/)/gi;
/** The same scheme, for a test (a global regex would keep its `lastIndex` between calls). */
export const HAS_HTTP_SCHEME = new RegExp(HTTP_SCHEME.source, 'i');
const SCHEME_AT_START = /^http(?:\\?:\/\/|:\\\/\\\/)/i;
/** The JSON-escaped scheme `http:\/\/`. */
const ESCAPED_SCHEME_LENGTH = 9;
const AUTHORITY = /^[^/?#\s"'<>`),;\\]*/;
const REST = /^[^\s"'<>`\\]*/;
/** Closing punctuation after a URL in prose: `(see http://x.example/a).` */
const TRAILING_PUNCTUATION = '.,;:)]}';
const DYNAMIC_MARK = /[${}%<>*]/;

/** Reads the `http://` URL that starts at `at` in `s`; undefined when no plain-HTTP scheme starts there. */
export function readHttpUrl(s: string, at: number): HttpUrl | undefined {
  const scheme = SCHEME_AT_START.exec(s.slice(at, at + ESCAPED_SCHEME_LENGTH));
  if (!scheme) return undefined;
  if (scheme[0].length === ESCAPED_SCHEME_LENGTH) return readEscapedHttpUrl(s, at);
  const authorityStart = at + scheme[0].length;
  const authority = AUTHORITY.exec(s.slice(authorityStart, authorityStart + 600))![0];
  const authorityEnd = authorityStart + authority.length;
  const untrimmed = REST.exec(s.slice(authorityEnd, authorityEnd + 4000))![0];
  // Trimmed by a loop: `/[.,;:)\]}]+$/` rescans every run of punctuation to its end (quadratic on `::::…x`).
  let restEnd = untrimmed.length;
  while (restEnd > 0 && TRAILING_PUNCTUATION.includes(untrimmed[restEnd - 1])) restEnd--;
  const rest = untrimmed.slice(0, restEnd);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const hostPortStart = authorityEnd - hostPort.length;
  let host: string;
  let port = '';
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    host = close < 0 ? hostPort : hostPort.slice(0, close + 1);
    port = hostPort.slice(host.length).replace(/^:/, '');
  } else {
    const colon = hostPort.indexOf(':');
    host = colon < 0 ? hostPort : hostPort.slice(0, colon);
    port = colon < 0 ? '' : hostPort.slice(colon + 1);
  }
  const dynamicHost = host === '' || DYNAMIC_MARK.test(host);
  return {
    start: at,
    end: authorityEnd + rest.length,
    host: host.toLowerCase().replace(/\.$/, ''),
    path: rest,
    port80: port === '80' ? [hostPortStart + host.length, authorityEnd] : undefined,
    dynamicHost,
  };
}

/**
 * A URL written with JSON's escaped slashes (`http:\/\/host\/path`): read from the text with every `\/` taken as `/`,
 * offsets mapped back to the text as written.
 */
function readEscapedHttpUrl(s: string, at: number): HttpUrl | undefined {
  const window = s.slice(at, at + 4600);
  let decoded = '';
  /** For each offset of `decoded` (and its end), the offset in `window`. */
  const origin: number[] = [];
  for (let i = 0; i < window.length; i++) {
    origin.push(i);
    if (window[i] === '\\' && window[i + 1] === '/') i++;
    decoded += window[i];
  }
  origin.push(window.length);
  const url = readHttpUrl(decoded, 0);
  if (!url) return undefined;
  return {
    ...url,
    start: at,
    end: at + origin[url.end],
    port80: url.port80 ? [at + origin[url.port80[0]], at + origin[url.port80[1]]] : undefined,
  };
}

/** Host patterns a team accepts over plain HTTP: `legacy-gw.acme.corp` (exact) or `*.acme.corp` (any subdomain). */
export function matchesHostPattern(host: string, patterns: readonly string[]): boolean {
  for (const raw of patterns) {
    const pattern = raw.trim().toLowerCase();
    if (!pattern) continue;
    if (pattern.startsWith('*.')) {
      if (host.endsWith(pattern.slice(1))) return true;
    } else if (host === pattern) return true;
  }
  return false;
}

function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

// Names that never leave the machine or are reserved for documentation and tests (RFC 2606, RFC 6761, RFC 6762).
const LOCAL_SUFFIXES = ['.localhost', '.local', '.test', '.example', '.invalid', '.localdomain'];
const EXAMPLE_DOMAINS = ['example.com', 'example.org', 'example.net'];
// Docker's and the cloud metadata services' names for the host machine: reachable only from it.
const HOST_MACHINE_NAMES = new Set([
  'localhost', 'host.docker.internal', 'gateway.docker.internal', 'kubernetes.docker.internal', 'metadata.google.internal',
]);
// Names only resolvable inside a private network: the reserved `.internal` TLD (ICANN, 2024), `home.arpa` (RFC 8375) and
// the suffixes companies use on their intranets.
const PRIVATE_SUFFIXES = ['.internal', '.home.arpa', '.lan', '.intranet', '.corp', '.home'];

/** Loopback, unspecified, documentation and test addresses and names: plain HTTP to them never crosses a network. */
export function isLocalHost(host: string): boolean {
  if (HOST_MACHINE_NAMES.has(host)) return true;
  if (LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return true;
  if (EXAMPLE_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) return true;
  const v4 = ipv4(host);
  if (v4) {
    const [a, b, c] = v4;
    return a === 127 || a === 0 || (a === 169 && b === 254) ||
      // TEST-NET-1/2/3 (RFC 5737): addresses for documentation.
      (a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113);
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    return v6 === '::1' || v6 === '::' || /^::ffff:127\./.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
  }
  return false;
}

/** RFC 1918 addresses, IPv6 unique-local addresses, single-label names (Compose and Kubernetes services) and intranet TLDs. */
export function isPrivateNetworkHost(host: string): boolean {
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = v4;
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (host.startsWith('[')) return /^\[f[cd][0-9a-f]{2}:/.test(host);
  if (!host.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((s) => host.endsWith(s));
}

// Hosts whose `http://` URLs name XML namespaces, schemas, vocabularies and licences: identifiers that are never fetched.
const IDENTIFIER_HOSTS = new Set([
  'www.w3.org', 'w3.org', 'java.sun.com', 'xmlns.jcp.org', 'json-schema.org', 'purl.org', 'ns.adobe.com', 'schema.org',
  'www.schema.org', 'xmlns.com', 'ogp.me', 'www.springframework.org', 'maven.apache.org', 'docs.oasis-open.org',
  'www.omg.org', 'www.opengis.net', 'xml.apache.org', 'www.hibernate.org', 'mybatis.org', 'struts.apache.org',
  'www.liquibase.org', 'rdfs.org', 'www.iana.org',
]);
const IDENTIFIER_HOST_PREFIXES = ['schemas.', 'xmlns.'];
const LICENCE_PAGES = [
  ['www.apache.org', '/licenses/'], ['apache.org', '/licenses/'], ['opensource.org', '/licenses/'],
  ['www.gnu.org', '/licenses/'], ['creativecommons.org', '/licenses/'], ['www.apple.com', '/dtds/'],
];
// DTDs, XSDs and entity sets are referenced by URL in document prologues; parsers resolve them from local catalogues.
// A `*.schema.json` URL is a JSON Schema's `$id` (`http://cyclonedx.org/schema/bom-1.5.schema.json`).
const SCHEMA_FILE = /\.(?:dtd|xsd|ent|mod|rng|rnc|schema\.json)(?:[?#].*)?$/i;

/** True for namespace, schema, DTD and licence URLs: names written as URLs, not endpoints. */
export function isIdentifierUrl(host: string, path: string): boolean {
  if (IDENTIFIER_HOSTS.has(host) || host.endsWith('.w3.org') || IDENTIFIER_HOST_PREFIXES.some((p) => host.startsWith(p))) return true;
  const lowerPath = path.toLowerCase();
  if (LICENCE_PAGES.some(([h, p]) => host === h && lowerPath.startsWith(p))) return true;
  return SCHEMA_FILE.test(path);
}

export interface HostPolicy {
  /** Hosts (`api.acme.corp`, `*.acme.corp`) the team accepts over plain HTTP. */
  allowedHosts: readonly string[];
  /** When true, private addresses and intranet names are accepted (traffic that stays inside the network). */
  allowPrivateNetworks: boolean;
}

/** True when plain HTTP to this URL is a finding: a literal, remote, non-identifier host the team has not accepted. */
export function isInsecureRemoteUrl(url: HttpUrl, policy: HostPolicy): boolean {
  if (url.dynamicHost) return false;
  const { host } = url;
  if (isLocalHost(host) || isIdentifierUrl(host, url.path)) return false;
  if (policy.allowPrivateNetworks && isPrivateNetworkHost(host)) return false;
  return !matchesHostPattern(host, policy.allowedHosts);
}

/** The edits that turn `http://host:80/…` into `https://host/…`, keeping the scheme's letter case; offsets from `base`. */
export function httpsEdits(url: HttpUrl, text: string, base: number): Array<{ start: number; end: number; text: string }> {
  const scheme = text.slice(url.start, url.start + 4);
  const edits = [{ start: base + url.start, end: base + url.start + 4, text: `${scheme}${scheme === 'HTTP' ? 'S' : 's'}` }];
  if (url.port80) edits.push({ start: base + url.port80[0], end: base + url.port80[1], text: '' });
  return edits;
}
