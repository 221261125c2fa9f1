// Provider key formats (payment providers, cloud, VCS, chat, mail, registries), PEM private keys and credential URLs.
import { maskSecret } from '../../server/src/engine';
import { isFakeKeyBody, isPlaceholder, looksGenerated } from './secret-values';

export type TokenMessage = 'providerKey' | 'privateKey' | 'connectionUrl';

/** A credential found by its format inside a piece of text. Offsets are relative to the scanned text. */
export interface SecretToken {
  /** What the credential is, as messages name it: `Stripe live secret key`, `a MySQL connection URL`. */
  kind: string;
  /** Environment variable a fix should read it from when the code gives no better name. */
  envName: string;
  /** The whole credential (a PEM key runs from BEGIN to END). */
  start: number;
  end: number;
  /** What to point at: the credential, or the `-----BEGIN` header of a PEM key. */
  reportStart: number;
  reportEnd: number;
  /** Raw credential text, to be masked wherever it could appear. */
  secret: string;
  /** Display form that reveals nothing usable. */
  masked: string;
  /** Test, sandbox or restricted-environment key: reported one level lower. */
  test: boolean;
  messageId: TokenMessage;
}

interface Format {
  /** Substrings one of which must occur before the (costlier) regex runs. */
  hints: readonly string[];
  re: RegExp;
  build(m: RegExpMatchArray, text: string): Omit<SecretToken, 'start' | 'end' | 'reportStart' | 'reportEnd' | 'secret' | 'messageId'> & {
    start?: number; end?: number; reportEnd?: number; secret?: string; messageId?: TokenMessage;
  } | undefined;
}

function plain(kind: string, envName: string, masked: string, test = false) {
  return { kind, envName, masked, test };
}

const PEM_LABEL_KIND: Record<string, string> = {
  'RSA ': 'RSA private key', 'EC ': 'EC private key', 'DSA ': 'DSA private key', 'OPENSSH ': 'OpenSSH private key',
  'ENCRYPTED ': 'encrypted private key', 'PGP ': 'PGP private key', '': 'private key',
};

const DB_SCHEMES: Record<string, { kind: string; env: string }> = {
  postgres: { kind: 'a PostgreSQL connection URL', env: 'DATABASE_URL' },
  postgresql: { kind: 'a PostgreSQL connection URL', env: 'DATABASE_URL' },
  mysql: { kind: 'a MySQL connection URL', env: 'DATABASE_URL' },
  mariadb: { kind: 'a MariaDB connection URL', env: 'DATABASE_URL' },
  mongodb: { kind: 'a MongoDB connection URL', env: 'MONGODB_URI' },
  'mongodb+srv': { kind: 'a MongoDB connection URL', env: 'MONGODB_URI' },
  redis: { kind: 'a Redis connection URL', env: 'REDIS_URL' },
  rediss: { kind: 'a Redis connection URL', env: 'REDIS_URL' },
  amqp: { kind: 'an AMQP connection URL', env: 'AMQP_URL' },
  amqps: { kind: 'an AMQP connection URL', env: 'AMQP_URL' },
  mssql: { kind: 'a SQL Server connection URL', env: 'DATABASE_URL' },
  sqlserver: { kind: 'a SQL Server connection URL', env: 'DATABASE_URL' },
};

const LOCAL_HOSTS = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|host\.docker\.internal)$/i;
const PLACEHOLDER_PASSWORDS = new Set(['password', 'pass', 'passwd', 'pwd', 'secret', 'changeme', 'example', 'test', 'admin']);

/** Longest PEM body looked at; real keys (RSA 4096 included) are shorter. */
const PEM_SEARCH_LIMIT = 16_384;

// Repetitions are bounded, or end where their character class stops matching, so a failed attempt never rescans a
// long run: scanning stays linear whatever the input.
const FORMATS: readonly Format[] = [
  {
    hints: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    re: /\b([sr]k)_(live|test)_([0-9a-zA-Z]{16,247})(?![0-9a-zA-Z])/g,
    build: (m) => isFakeKeyBody(m[3]) ? undefined : plain(
      `Stripe ${m[2]} ${m[1] === 'sk' ? 'secret' : 'restricted'} key`,
      m[1] === 'sk' ? 'STRIPE_SECRET_KEY' : 'STRIPE_RESTRICTED_KEY', maskSecret(m[0]), m[2] === 'test'),
  },
  {
    hints: ['whsec_'],
    re: /\bwhsec_([0-9a-zA-Z]{24,128})(?![0-9a-zA-Z])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('Stripe webhook signing secret', 'STRIPE_WEBHOOK_SECRET', maskSecret(m[0])),
  },
  {
    hints: ['access_token$'],
    re: /\baccess_token\$(production|sandbox)\$([0-9a-z]{16})\$([0-9a-f]{32})(?![0-9a-zA-Z])/g,
    build: (m) => isFakeKeyBody(m[3]) ? undefined : plain(
      `PayPal/Braintree ${m[1]} access token`, 'BRAINTREE_ACCESS_TOKEN', maskSecret(m[0]), m[1] === 'sandbox'),
  },
  {
    hints: ['sq0csp-'],
    re: /(?<![\w-])(sandbox-)?sq0csp-([0-9A-Za-z_-]{43})(?![\w-])/g,
    build: (m) => isFakeKeyBody(m[2]) ? undefined : plain(
      `Square ${m[1] ? 'sandbox ' : ''}application secret`, 'SQUARE_APPLICATION_SECRET', maskSecret(m[0]), Boolean(m[1])),
  },
  {
    hints: ['sq0atp-'],
    re: /(?<![\w-])(sandbox-)?sq0atp-([0-9A-Za-z_-]{22})(?![\w-])/g,
    build: (m) => isFakeKeyBody(m[2]) ? undefined : plain(
      `Square ${m[1] ? 'sandbox ' : ''}access token`, 'SQUARE_ACCESS_TOKEN', maskSecret(m[0]), Boolean(m[1])),
  },
  {
    hints: ['EAAA'],
    re: /(?<![\w+=-])EAAA([0-9A-Za-z_+=-]{60})(?![\w+=-])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('Square access token', 'SQUARE_ACCESS_TOKEN', maskSecret(m[0])),
  },
  {
    hints: ['AQE'],
    re: /(?<![\w+/])AQE([A-Za-z0-9+/]{30,300}={0,2})-[A-Za-z0-9+/]{20,300}={0,2}-[^\s'"`\\]{8,64}/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('Adyen API key', 'ADYEN_API_KEY', maskSecret(m[0])),
  },
  {
    hints: ['sk_'],
    re: /\bsk_(test_)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])/g,
    build: (m) => isFakeKeyBody(m[2].replace(/-/g, '')) ? undefined : plain(
      `Checkout.com ${m[1] ? 'test' : 'live'} secret key`, 'CHECKOUT_SECRET_KEY', maskSecret(m[0]), Boolean(m[1])),
  },
  {
    hints: ['sk_'],
    re: /\bsk_(sbox_)?([a-z0-9]{26,30})(?![\w-])/g,
    build: (m) => !/\d/.test(m[2]) || isFakeKeyBody(m[2]) ? undefined : plain(
      `Checkout.com ${m[1] ? 'sandbox' : 'live'} secret key`, 'CHECKOUT_SECRET_KEY', maskSecret(m[0]), Boolean(m[1])),
  },
  {
    hints: ['AKIA', 'ASIA'],
    re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})(?![0-9A-Za-z])/g,
    build: (m) => isFakeKeyBody(m[1].slice(4)) ? undefined : plain('AWS access key ID', 'AWS_ACCESS_KEY_ID', maskSecret(m[0])),
  },
  {
    hints: ['AIza'],
    re: /\bAIza([0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('Google API key', 'GOOGLE_API_KEY', maskSecret(m[0])),
  },
  {
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    re: /\b(gh[pousr])_([A-Za-z0-9]{36,255})(?![A-Za-z0-9])/g,
    build: (m) => isFakeKeyBody(m[2]) ? undefined : plain('GitHub token', 'GITHUB_TOKEN', maskSecret(m[0])),
  },
  {
    hints: ['github_pat_'],
    re: /\bgithub_pat_([A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('GitHub fine-grained token', 'GITHUB_TOKEN', maskSecret(m[0])),
  },
  {
    hints: ['glpat-'],
    re: /\bglpat-([A-Za-z0-9_-]{20,100})(?![\w-])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('GitLab access token', 'GITLAB_TOKEN', maskSecret(m[0])),
  },
  {
    hints: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxr-', 'xoxs-'],
    re: /\b(xox[abpors])-([A-Za-z0-9-]{10,250})(?![\w-])/g,
    build: (m) => !/\d/.test(m[2]) || isFakeKeyBody(m[2]) ? undefined : plain(
      m[1] === 'xoxb' ? 'Slack bot token' : 'Slack token', m[1] === 'xoxb' ? 'SLACK_BOT_TOKEN' : 'SLACK_TOKEN', maskSecret(m[0])),
  },
  {
    hints: ['hooks.slack.com'],
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,20}\/B[A-Z0-9]{6,20}\/([A-Za-z0-9]{20,64})(?![A-Za-z0-9])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain(
      'Slack webhook URL', 'SLACK_WEBHOOK_URL', `https://hooks.slack.com/services/${maskSecret(m[1])}`),
  },
  {
    hints: ['SK'],
    re: /\bSK([0-9a-fA-F]{32})(?![0-9A-Za-z])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('Twilio API key', 'TWILIO_API_KEY', maskSecret(m[0])),
  },
  {
    hints: ['SG.'],
    re: /\bSG\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})(?![\w-])/g,
    build: (m) => isFakeKeyBody(m[2]) ? undefined : plain('SendGrid API key', 'SENDGRID_API_KEY', maskSecret(m[0])),
  },
  {
    hints: ['npm_'],
    re: /\bnpm_([A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    build: (m) => isFakeKeyBody(m[1]) ? undefined : plain('npm access token', 'NPM_TOKEN', maskSecret(m[0])),
  },
  {
    // A JWT is only a credential in context: here, sent as a bearer token. Named JWTs are judged by name.
    hints: ['earer'],
    re: /\b[Bb]earer[ \t]{1,8}(eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{8,2000})/g,
    build: (m) => {
      const start = m.index! + m[0].length - m[1].length;
      return { ...plain('JWT bearer token', 'API_TOKEN', maskSecret(m[1])), start, end: m.index! + m[0].length, secret: m[1] };
    },
  },
  {
    hints: ['://'],
    re: /\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/([^\s:@/'"`<>]*):([^\s@/'"`<>]+)@([^\s/:'"`<>?#,;]+)[^\s'"`<>]*/g,
    build: (m) => {
      const scheme = DB_SCHEMES[m[1]];
      const [user, password, host] = [m[2], m[3], m[4]];
      if (PLACEHOLDER_PASSWORDS.has(password.toLowerCase()) || password === user || isPlaceholder(password)) return undefined;
      if (/^[%${<:]|\$\{/.test(password)) return undefined;
      // Local development databases with hand-typed passwords are not deployable secrets; generated ones still are.
      if (LOCAL_HOSTS.test(host) && !looksGenerated(password)) return undefined;
      return { ...plain(scheme.kind, scheme.env, `${m[1]}://…:****@…`), messageId: 'connectionUrl' };
    },
  },
  {
    hints: ['-----BEGIN'],
    re: /-----BEGIN ((RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g,
    build: (m, text) => {
      const headerEnd = m.index! + m[0].length;
      const endMarker = `-----END ${m[1]}-----`;
      // A PEM body never contains five dashes: the next `-----` is the END line, another header or a stray one.
      // Looking only that far keeps the scan linear even for text packed with BEGIN lines.
      const next = text.indexOf('-----', headerEnd);
      const bodyEnd = next >= 0 && next - headerEnd <= PEM_SEARCH_LIMIT ? next : Math.min(text.length, headerEnd + 2048);
      const complete = next === bodyEnd && text.startsWith(endMarker, next);
      const body = text.slice(headerEnd, bodyEnd).replace(/\\[nrt]/g, '').replace(/[^A-Za-z0-9+/=]/g, '');
      if (body.length < 40 || isFakeKeyBody(body)) return undefined;
      const end = complete ? bodyEnd + endMarker.length : headerEnd;
      return {
        ...plain(`${PEM_LABEL_KIND[m[2] ?? '']} (PEM)`, 'PRIVATE_KEY', m[0]),
        end, reportEnd: headerEnd, secret: text.slice(m.index!, end), messageId: 'privateKey',
      };
    },
  },
];

/**
 * Cheap pre-check shared by all formats: one pass over the text before any format regex runs. Each alternative is text
 * every match of one format contains (a connection URL its `scheme://`, a bearer JWT `earer` + blanks + `eyJ`, Stripe
 * and Checkout.com keys `sk_`/`rk_` at a word start), so a text it does not match holds no token, and neither does any
 * string or comment in it (those start after a quote, `}`, `//` or `/*`, so a word start in them is one in the file
 * too): callers ask it of whole files (the pre-filter, whether comments are needed) as well as of single strings. Not
 * `://` alone, nor `task_` or `risk_`: nearly every file has those.
 */
const ANY_HINT = /\b[sr]k_|whsec_|access_token\$|sq0|EAAA|AQE|AKIA|ASIA|AIza|gh[pousr]_|github_pat_|glpat-|xox[abpors]-|hooks\.slack|SK[0-9a-fA-F]{8}|SG\.|npm_|earer[ \t]{1,8}eyJ|(?:postgres|mysql|mariadb|mongodb|rediss?|amqps?|mssql|sqlserver)(?:ql|\+srv)?:\/\/|-----BEGIN/;

/** Shortest text that can hold any supported credential. */
const MIN_TOKEN_LENGTH = 20;

/** Texts this long are remembered: the pre-filter, `wantsComments` and the rules ask about the same file text. */
const REMEMBERED_TEXT_CHARS = 4096;
let lastText: string | undefined;
let lastAnswer = false;

export function mightContainSecretToken(text: string): boolean {
  if (text.length < MIN_TOKEN_LENGTH) return false;
  if (text.length < REMEMBERED_TEXT_CHARS) return ANY_HINT.test(text);
  if (text !== lastText) {
    lastAnswer = ANY_HINT.test(text);
    lastText = text;
  }
  return lastAnswer;
}

/**
 * The token pre-check for the parts of one file (its strings, template parts and comments): a file in which
 * mightContainSecretToken() finds nothing has no part in which it would (see ANY_HINT), so such a file's thousands of
 * strings are not each scanned again.
 */
export function tokenHintsIn(fileText: string): (part: string) => boolean {
  return mightContainSecretToken(fileText) ? mightContainSecretToken : NEVER;
}

const NEVER = (): boolean => false;

/** Finds every provider-format credential in `text`, in order; of overlapping matches the earlier one wins. */
export function findSecretTokens(text: string): SecretToken[] {
  if (!mightContainSecretToken(text)) return [];
  const found: SecretToken[] = [];
  for (const format of FORMATS) {
    if (!format.hints.some((h) => text.includes(h))) continue;
    for (const m of text.matchAll(format.re)) {
      const built = format.build(m, text);
      if (!built) continue;
      const start = built.start ?? m.index!;
      const end = built.end ?? m.index! + m[0].length;
      found.push({
        kind: built.kind, envName: built.envName, masked: built.masked, test: built.test,
        start, end, reportStart: start, reportEnd: built.reportEnd ?? end,
        secret: built.secret ?? m[0], messageId: built.messageId ?? 'providerKey',
      });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const kept: SecretToken[] = [];
  for (const t of found) {
    if (kept.length && t.start < kept[kept.length - 1].end) continue;
    kept.push(t);
  }
  return kept;
}
