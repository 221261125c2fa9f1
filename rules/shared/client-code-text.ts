// secret-in-client-code: text-level checks for .env/config definitions, Vue/Svelte/HTML, mobile sources and unparsed scripts.
import { baseName, extensionOf, type ReportDescriptor, type SourceFile } from '../../server/src/engine';
import { clientSecretKind, envSecretOf, SECRET_NAME_HINT, type EnvSecret } from './client-code-names';
import { judgeNamedValue } from './named-secrets';
import { findSecretTokens, type SecretToken } from './secret-formats';
import { forEachLine, forEachTextEntry, textFormatOf, type TextFormat } from './text-entries';

type Report = (descriptor: ReportDescriptor) => void;

/** Kinds named by `judgeNamedValue` that say nothing more than the name did; the rule's own kind reads better. */
export const GENERIC_KINDS: ReadonlySet<string> = new Set(['API key', 'token', 'secret', 'key', 'credential', 'private key', 'password']);

/** Browser API keys (Maps, Firebase) are made for client code and restricted by referrer; they are not merchant secrets. */
export function isClientSafeToken(token: SecretToken): boolean {
  return token.kind === 'Google API key';
}

/** Message data for a secret under an exposing prefix. */
export function exposedData(name: string, env: EnvSecret): Record<string, string> {
  const p = env.exposed!;
  return { name, kind: env.kind, prefix: p.prefix, bundler: p.bundler, bundle: p.prefix === 'EXPO_PUBLIC_' ? 'app bundle' : 'browser bundle' };
}

/** Formats where a line can define an environment variable for a front-end build. */
const DEFINITION_FORMATS = new Set<TextFormat>(['env', 'yaml', 'docker', 'json', 'kv']);
const ENV_DEFINITION = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/**
 * `.env*` files, shell scripts, CI YAML, Dockerfiles, JSON and properties: a line that defines a secret under an
 * exposing prefix (`VITE_CODEPAY_SIGN_KEY=…`). Reported at the prefix, even when the value is empty or a placeholder:
 * the prefix alone tells the build to publish whatever value it gets.
 */
export function scanEnvDefinitions(file: SourceFile, prefixes: readonly string[], report: Report): void {
  const format = textFormatOf(file.path, file.languageId);
  if (!DEFINITION_FORMATS.has(format)) return;
  const define = (name: string, start: number) => {
    const env = envSecretOf(name, prefixes);
    if (!env?.exposed) return;
    report({ start, end: start + env.exposed.prefix.length, messageId: 'exposedEnv', data: exposedData(name, env), fingerprintKey: name });
  };
  if (format === 'env') {
    forEachLine(file.text, (line, at) => {
      const m = ENV_DEFINITION.exec(line);
      if (m) define(m[2], at + m[1].length);
    });
    return;
  }
  const seen = new Set<number>();
  forEachTextEntry(file.text, format, (entry) => {
    const start = file.text.lastIndexOf(entry.name, entry.start);
    if (start < 0 || seen.has(start)) return;
    seen.add(start);
    define(entry.name, start);
  });
}

/** File types in client folders whose content ships to users (sources, markup, resources), not build scripts. */
const CLIENT_TEXT_EXTENSIONS = new Set([
  'vue', 'svelte', 'html', 'htm', 'kt', 'java', 'swift', 'm', 'mm', 'dart', 'xml', 'plist', 'json', 'strings',
  'js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs',
]);

export function isClientTextFile(path: string): boolean {
  return CLIENT_TEXT_EXTENSIONS.has(extensionOf(path)) && !/^(?:package(?:-lock)?|tsconfig|jsconfig|composer)\.json$/.test(baseName(path));
}

const ENV_REFERENCE = /\b(process\.env|import\.meta\.env)(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([A-Za-z_][\w]{0,200})\3\s*\])/g;
const EXPOSED_NAME = /(?<![\w$'"-])[A-Z][A-Z0-9]*_[A-Z0-9_]{2,}(?![\w$'"-])/g;
/** Build-time configuration read by mobile code: it is compiled into the app package. */
const MOBILE_CONFIG_REFERENCES: ReadonlyArray<{ re: RegExp; source: string }> = [
  { re: /\bBuildConfig\.([A-Z][A-Z0-9_]*)/g, source: 'from BuildConfig, which is compiled into the APK' },
  { re: /\bString\.fromEnvironment\(\s*['"]([A-Za-z_]\w*)['"]/g, source: 'from `String.fromEnvironment`, which is compiled into the app' },
  { re: /\bdotenv\.(?:env\[\s*['"]([A-Za-z_]\w*)['"]\s*\]|get\(\s*['"]([A-Za-z_]\w*)['"])/g, source: 'from flutter_dotenv, whose `.env` ships as an app asset' },
  { re: /(?:forInfoDictionaryKey:\s*|infoDictionary\?*\[\s*)"([\w.]+)"/g, source: 'from Info.plist, which ships inside the IPA' },
];
const PRIVATE_ENV_IMPORT = /\bimport\b[^;'"]{0,500}?\bfrom\s+(['"])(\$env\/(?:static|dynamic)\/private)\1/g;
const JS_HMAC_CALL = /\b(createHmac|Hmac(?:SHA\d*|MD5|SHA3|RIPEMD160)|hmac(?:SHA|Sha)\d+)\s*\(\s*[^,()]{1,200},\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){0,5})/g;
const NATIVE_KEY_SPEC = /\b(SecretKeySpec|SymmetricKey)\s*\(\s*(?:data:\s*)?(?:Data\(\s*)?([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*){0,5})/g;
/**
 * `const signKey = ` right before a reference: the name later signing calls use for it. A name starts only where an
 * identifier starts, and a type annotation starts and ends with a non-blank: otherwise a long line of names or blanks
 * is retried from every position and split every way between the runs of blanks (cubic).
 */
const ASSIGNED_BEFORE = /(?<![\w$])([A-Za-z_$][\w$]*)(?:\s*:\s*[\w<>[\]|?](?:[\w<>[\]|? ]{0,58}[\w<>[\]|?])?)?\s*=\s*$/;
/** How far before a reference its assignment is looked for: a name, a type annotation and `=`. */
const ASSIGNMENT_WINDOW = 300;

/** Reports one `process.env.X` / `import.meta.env.X` match; returns whether it was reported. */
function reportEnvReference(m: RegExpMatchArray, prefixes: readonly string[], report: Report, client: boolean): boolean {
  const name = m[2] ?? m[4];
  const env = envSecretOf(name, prefixes);
  if (!env || (!env.exposed && !client)) return false;
  if (env.exposed) {
    const start = m.index! + m[0].lastIndexOf(name);
    report({ start, end: start + env.exposed.prefix.length, messageId: 'exposedEnv', data: exposedData(name, env), fingerprintKey: name });
  } else {
    report({ start: m.index!, end: m.index! + m[0].length, messageId: 'secretReference', data: { kind: env.kind, source: `from \`${m[1]}\`` }, fingerprintKey: name });
  }
  return true;
}

/** `merchantKey.toByteArray()`, `Data(merchantKey.utf8)`: the conversion is not part of the key's name. */
const BYTE_CONVERSION = /\.(?:toByteArray|encodeToByteArray|getBytes|bytes|utf8|data)$/;

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/**
 * Text of client code (Vue/Svelte/HTML, Kotlin/Java/Swift/Dart, plist/XML resources, scripts mid-edit): secrets
 * in literals and entries, env and build-config reads, the server's private env, and HMAC signing. A key whose
 * definition was reported is not reported again where it signs. Outside client code (`client` false, e.g. a server
 * script mid-edit) only reads of variables under an exposing prefix are reported.
 */
export function scanScriptText(file: SourceFile, prefixes: readonly string[], report: Report, client: boolean): void {
  const { text } = file;
  if (!client) {
    for (const m of text.matchAll(ENV_REFERENCE)) reportEnvReference(m, prefixes, report, false);
    return;
  }
  const covered = new Set<string>();
  // A window, not the whole line: a minified line with thousands of references would be re-read for each one.
  const lineBefore = (offset: number) => text.slice(Math.max(file.lineStartAt(offset), offset - ASSIGNMENT_WINDOW), offset);
  const noteAssignment = (offset: number) => {
    const m = ASSIGNED_BEFORE.exec(lineBefore(offset));
    if (m) covered.add(m[1]);
  };
  /** Reported reads: a signing call using one directly, or through the name it is assigned to, is not reported again. */
  const referenced: Array<[number, number]> = [];
  const noteReference = (m: RegExpMatchArray) => {
    referenced.push([m.index!, m.index! + m[0].length]);
    noteAssignment(m.index!);
  };

  const tokens = findSecretTokens(text).filter((t) => !isClientSafeToken(t));
  for (const token of tokens) {
    report({
      start: token.reportStart, end: token.reportEnd, messageId: 'literalInClient',
      data: { kind: token.kind, masked: token.masked, where: '' }, secrets: [token.secret],
      severityCap: token.test ? 'warning' : undefined, fingerprintKey: token.kind,
    });
    noteAssignment(token.start);
  }
  const inToken = (start: number, end: number) => tokens.some((t) => start < t.end && end > t.start);

  const format = file.kind === 'script' ? 'code' : textFormatOf(file.path, file.languageId);
  forEachTextEntry(text, format, (entry) => {
    if (entry.value.length < 8 || !SECRET_NAME_HINT.test(entry.name)) return;
    const name = lastSegment(entry.name);
    const kind = clientSecretKind(name, 'identifier');
    if (!kind) return;
    const found = judgeNamedValue(name, entry.value, entry.qualifier);
    if (!found || inToken(entry.start, entry.start + entry.value.length)) return;
    const start = entry.start + found.offset;
    covered.add(name);
    report({
      start, end: start + found.length, messageId: 'literalInClient',
      data: { kind: GENERIC_KINDS.has(found.kind) ? kind : found.kind, masked: found.masked, where: ` in \`${name}\`` },
      secrets: [found.secret], fingerprintKey: name,
    });
  });

  const envNameStarts = new Set<number>();
  for (const m of text.matchAll(ENV_REFERENCE)) {
    envNameStarts.add(m.index! + m[0].lastIndexOf(m[2] ?? m[4]));
    if (reportEnvReference(m, prefixes, report, true)) noteReference(m);
  }
  // Bare names under an exposing prefix (`env.PUBLIC_…` from `$env/dynamic/public`, `{ VITE_… }` destructured) can
  // only be published variables in client code.
  for (const m of text.matchAll(EXPOSED_NAME)) {
    if (envNameStarts.has(m.index!)) continue;
    const env = envSecretOf(m[0], prefixes);
    if (!env?.exposed) continue;
    noteReference(m);
    report({ start: m.index!, end: m.index! + env.exposed.prefix.length, messageId: 'exposedEnv', data: exposedData(m[0], env), fingerprintKey: m[0] });
  }

  for (const { re, source } of MOBILE_CONFIG_REFERENCES) {
    for (const m of text.matchAll(re)) {
      const name = m[1] ?? m[2];
      const kind = clientSecretKind(name);
      if (!kind) continue;
      noteReference(m);
      report({ start: m.index!, end: m.index! + m[0].length, messageId: 'secretReference', data: { kind, source }, fingerprintKey: name });
    }
  }

  for (const m of text.matchAll(PRIVATE_ENV_IMPORT)) {
    // At the `import` keyword: the statement, not a name, is what brings the server's environment in.
    const start = m.index!;
    report({ start, end: start + 'import'.length, messageId: 'importedSecret', data: { what: 'SvelteKit\'s private environment', module: m[2] }, fingerprintKey: m[2] });
  }

  const signing = (m: RegExpMatchArray, captured: string, api: string) => {
    const keyPath = captured.replace(BYTE_CONVERSION, '');
    const start = m.index! + m[0].length - captured.length;
    if (covered.has(lastSegment(keyPath)) || covered.has(keyPath.split('.')[0]) || referenced.some(([s, e]) => start >= s && start < e)) return;
    report({ start, end: start + keyPath.length, messageId: 'signingInClient', data: { api }, fingerprintKey: keyPath });
  };
  for (const m of text.matchAll(JS_HMAC_CALL)) signing(m, m[2], `${m[1]}(…)`);
  for (const m of text.matchAll(NATIVE_KEY_SPEC)) {
    if (clientSecretKind(lastSegment(m[2].replace(BYTE_CONVERSION, '')), 'signing')) signing(m, m[2], `${m[1]}(…)`);
  }
}
