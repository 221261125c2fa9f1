// secret-in-client-code: merchant secrets, private keys and signing with them in code that ships to browsers and apps (guideline 2.3b).
import { defineRule, type AstNode, type ReportDescriptor, type SourceFile } from '../server/src/engine';
import { assignedName, isNonValuePosition, memberPropertyName, propertyKeyName } from './shared/ast';
import { clientSecretKind, DEFAULT_EXPOSED_PREFIXES, envSecretOf, SECRET_NAME_HINT } from './shared/client-code-names';
import { mayConfigureBundler, publishedByPlugin, publishedByProperty, type PublishedSetting } from './shared/client-code-bundler';
import { ClientFileJudge, DEFAULT_CLIENT_PATHS, isClientScriptText, isInServerScope, pathVerdict, type PathVerdict } from './shared/client-code-scope';
import { keyNameOf, mightSign, signingKeysOf, unwrapKey } from './shared/client-code-signing';
import { exposedData, GENERIC_KINDS, isClientSafeToken, isClientTextFile, scanEnvDefinitions, scanScriptText } from './shared/client-code-text';
import { judgeNamedValue } from './shared/named-secrets';
import { findSecretTokens, mightContainSecretToken, tokenHintsIn } from './shared/secret-formats';
import { stringList, stringListOr } from './shared/options';

type Call = Extract<AstNode, { type: 'CallExpression' }>;
type Member = Extract<AstNode, { type: 'MemberExpression' }>;

/** A finding waiting for `Program:exit`, where the file is known to be client code or not. */
interface Candidate {
  descriptor: ReportDescriptor & { start: number; end: number };
  /** Reported only in client code, outside server-only functions; exposed variables are reported everywhere. */
  clientOnly: boolean;
  node: AstNode;
}

/** How a module's values reach the public, for env-like imports. */
type EnvModule = 'svelte-public' | 'app' | 'env-module';

/** Modules named for secrets: whatever a client file imports from them is in its bundle. */
const SECRETS_MODULE = /(?:^|[/@~])(?:secrets?|credentials?)(?:\.[cm]?[jt]s|\.json)?$/;
/** Besides SECRET_NAME_HINT: secrets modules (SECRETS_MODULE) and the callee names of signing calls (mightSign). */
const CLIENT_REPORT_HINT = /credential|hmac|md5|sha|sign|update|digest/i;
/** t3-env and similar typed env modules (`~/env`, `@/env.mjs`): server variables read through them in a client file. */
const ENV_MODULE = /(?:^|[/@~])env(?:\.[cm]?[jt]s)?$/;

/**
 * `import { CredentialsForm } from './credentials'`: named components or classes (PascalCase, not constants) from a
 * module named for a login form are UI code, not a secrets module; a secret-named import is still judged by its name.
 */
function isComponentImport(s: AstNode): boolean {
  if (s.type !== 'ImportSpecifier' || s.imported.type !== 'Identifier') return false;
  const name = s.imported.name;
  return /^[A-Z][a-z]/.test(name) && !(SECRET_NAME_HINT.test(name) && clientSecretKind(name, 'identifier'));
}

/** `process.env` or `import.meta.env`, as the label messages show; undefined for anything else. */
function envObjectLabel(node: AstNode): string | undefined {
  if (node.type !== 'MemberExpression' || memberPropertyName(node) !== 'env') return undefined;
  if (node.object.type === 'Identifier' && node.object.name === 'process') return 'process.env';
  if (node.object.type === 'MetaProperty' && node.object.meta.name === 'import' && node.object.property.name === 'meta') return 'import.meta.env';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'secret-in-client-code',
    description: 'Keep merchant secrets, private keys and signing out of browser and mobile app code',
    guideline: ['2.3b'],
    defaultSeverity: 'error',
    why: 'Everything a browser or app runs is downloadable: bundles, env variables a bundler inlines, APK and IPA resources. A merchant key there lets anyone sign requests, forge payment notifications or call the payment API as the merchant.',
    howToFix: 'Keep secret and private keys on the server only, sign on the server and send the client only the signed result (or a publishable key); rename exposed env variables without the public prefix, and rotate any key that has shipped.',
    messages: {
      exposedEnv: '`{{name}}` holds a {{kind}}, but the `{{prefix}}` prefix makes {{bundler}} inline it into the {{bundle}}, where anyone can read it; drop the prefix and use the secret only on the server (guideline 2.3b).',
      publishedValue: 'Client code reads a {{kind}} that {{exposure}}, where anyone can read it; keep the secret on the server and sign there (guideline 2.3b).',
      secretReference: 'Client code reads a {{kind}} {{source}}; whatever client code reads ships with it, where anyone can extract it, so keep the key on the server and sign there (guideline 2.3b).',
      bundlerSetting: 'This build setting inlines {{what}} into the client bundle through {{option}}, where anyone can read it; keep the secret on the server and sign there (guideline 2.3b).',
      importedSecret: 'Client code imports {{what}} from `{{module}}`; everything a client file imports ships in its bundle, so keep it on the server and sign there (guideline 2.3b).',
      literalInClient: 'Client code contains a {{kind}} `{{masked}}`{{where}}, which ships to every browser or app install; keep the key on the server, sign there and rotate it (guideline 2.3b).',
      signingInClient: 'Client code signs with a secret key in `{{api}}`, so the key ships to every browser or app install and anyone can forge signatures; sign on the server (guideline 2.3b).',
    },
    defaultOptions: { clientPaths: [...DEFAULT_CLIENT_PATHS], exposedEnvPrefixes: [...DEFAULT_EXPOSED_PREFIXES], allowed: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        clientPaths: {
          type: 'array',
          items: { type: 'string' },
          description: 'Globs (relative to the workspace root) of client code: browser, app and public files. A leading "!" marks server code and wins over JSX and other content signals. Replaces the defaults.',
        },
        exposedEnvPrefixes: {
          type: 'array',
          items: { type: 'string' },
          description: 'Env variable prefixes your bundlers publish in client bundles (e.g. a custom Vite envPrefix). Replaces the defaults.',
        },
        allowed: {
          type: 'array',
          items: { type: 'string' },
          description: 'Exact values that are never reported: documented placeholders and well-known public test keys (also settable as `secrets.allowed` at the top of the team file).',
        },
      },
      additionalProperties: false,
    },
  },
  // Every report needs a secret-like name (env variables, bindings, imports, keys: SECRET_NAME_HINT, or a secrets
  // module), a provider-format token, a bundler configuration, or a signing call (mightSign, or the text scanner's
  // createHmac/HmacSHA256 and SecretKeySpec/SymmetricKey).
  mayReport: (file) => !file.isTestFile && !file.isFixture && (
    SECRET_NAME_HINT.test(file.text) || CLIENT_REPORT_HINT.test(file.text) || mightContainSecretToken(file.text)
    || mayConfigureBundler(file.path, file.text)),
  create(context) {
    const { source } = context;
    // Tests and fixtures are not shipped to anyone; hardcoded-secret still judges their literals.
    if (source.isTestFile || source.isFixture) return {};
    const prefixes = stringListOr(context.options.exposedEnvPrefixes, DEFAULT_EXPOSED_PREFIXES);
    const byPath = pathVerdict(source.path, stringListOr(context.options.clientPaths, DEFAULT_CLIENT_PATHS));
    // Values the team allows (placeholders, public test keys) are never reported, whatever the finding says about them.
    const allowed = new Set(stringList(context.options.allowed));
    const report = (d: ReportDescriptor) => {
      if (d.secrets?.some((secret) => allowed.has(secret))) return;
      context.report(d);
    };

    return {
      ...scriptVisitors(source, prefixes, byPath, report),
      text(file: SourceFile) {
        scanEnvDefinitions(file, prefixes, report);
        if (file.kind === 'script') scanScriptText(file, prefixes, report, isClientScriptText(file.path, file.text, byPath));
        else if (byPath === 'client' && isClientTextFile(file.path)) scanScriptText(file, prefixes, report, true);
      },
    };
  },
});

/** Visitors for parsed scripts: collect candidates and local bindings on the way, decide at `Program:exit`. */
function scriptVisitors(source: SourceFile, prefixes: readonly string[], byPath: PathVerdict, report: (d: ReportDescriptor) => void) {
  const mayHoldToken = tokenHintsIn(source.text);
  const judge = new ClientFileJudge(source.path, byPath);
  const bundlerConfig = mayConfigureBundler(source.path, source.text);
  const candidates: Candidate[] = [];
  /** Local name → what it is bound to: an initializer, a destructuring property or an import specifier. */
  const bindings = new Map<string, AstNode>();
  const envModules = new Map<string, { kind: EnvModule; module: string }>();
  const memberReads: Member[] = [];
  const signingCalls: Call[] = [];

  const add = (node: AstNode, clientOnly: boolean, d: Omit<ReportDescriptor, 'node'>, span: { start: number; end: number } = { start: node.range[0], end: node.range[1] }) => {
    candidates.push({ node, clientOnly, descriptor: { ...d, ...span } });
  };
  const bind = (name: string, node: AstNode) => {
    if (!bindings.has(name)) bindings.set(name, node);
  };

  /**
   * An env variable read: reported everywhere under an exposing prefix (at the prefix, the part to remove), in client
   * code otherwise. `nameStart` is where the variable name starts in the source.
   */
  const envRead = (node: AstNode, name: string, nameStart: number, label: string) => {
    const env = envSecretOf(name, prefixes);
    if (!env) return;
    if (env.exposed) add(node, false, { messageId: 'exposedEnv', data: exposedData(name, env), fingerprintKey: name }, { start: nameStart, end: nameStart + env.exposed.prefix.length });
    else add(node, true, { messageId: 'secretReference', data: { kind: env.kind, source: `from \`${label}\`` }, fingerprintKey: name });
  };

  /** A value of a module that publishes everything it holds (react-native-config, Expo `extra`). */
  const publishedRead = (node: AstNode, name: string, exposure: string) => {
    const kind = clientSecretKind(name);
    if (kind) add(node, false, { messageId: 'publishedValue', data: { kind, exposure }, fingerprintKey: name });
  };

  const checkString = (node: AstNode, raw: string, rawStart: number, value: string) => {
    if (isNonValuePosition(node)) return;
    if (mayHoldToken(raw)) {
      const tokens = findSecretTokens(raw).filter((t) => !isClientSafeToken(t));
      for (const token of tokens) {
        const whole = token.start === 0 && token.end === raw.length && token.messageId !== 'privateKey';
        add(node, true, {
          messageId: 'literalInClient', data: { kind: token.kind, masked: token.masked, where: '' }, secrets: [token.secret],
          severityCap: token.test ? 'warning' : undefined, fingerprintKey: token.kind,
        }, whole ? undefined : { start: rawStart + token.reportStart, end: rawStart + token.reportEnd });
      }
      if (tokens.length) return;
    }
    const target = assignedName(node);
    if (!target || !SECRET_NAME_HINT.test(target.name)) return;
    const kind = clientSecretKind(target.name, 'identifier');
    if (!kind) return;
    const found = judgeNamedValue(target.name, value, target.qualifier);
    if (!found) return;
    const whole = found.offset === 0 && found.length === value.length;
    add(node, true, {
      messageId: 'literalInClient',
      data: { kind: GENERIC_KINDS.has(found.kind) ? kind : found.kind, masked: found.masked, where: ` in \`${target.name}\`` },
      secrets: [found.secret], fingerprintKey: target.name,
    }, whole || raw !== value ? undefined : { start: rawStart + found.offset, end: rawStart + found.offset + found.length });
  };

  const readImport = (node: Extract<AstNode, { type: 'ImportDeclaration' }>) => {
    if (node.importKind === 'type') return;
    const from = node.source.value;
    const specifiers = node.specifiers.filter((s) => !(s.type === 'ImportSpecifier' && s.importKind === 'type'));
    const importedName = (s: (typeof specifiers)[number]) =>
      s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)) : s.local.name;
    for (const s of specifiers) bind(s.local.name, s);

    if (from === '$env/static/private' || from === '$env/dynamic/private') {
      for (const s of specifiers) {
        const what = from === '$env/static/private' ? 'a private env variable' : 'SvelteKit\'s private environment';
        add(s, true, { messageId: 'importedSecret', data: { what, module: from }, fingerprintKey: importedName(s) });
      }
      return;
    }
    if (from === '$env/static/public') {
      for (const s of specifiers) {
        if (s.type === 'ImportSpecifier') envRead(s, importedName(s), s.imported.range[0], from);
      }
      return;
    }
    if (from === '@env' || from === 'react-native-dotenv' || from === 'react-native-config') {
      for (const s of specifiers) {
        if (s.type === 'ImportSpecifier') publishedRead(s, importedName(s), `\`${from}\` builds into the app bundle`);
        else envModules.set(s.local.name, { kind: 'app', module: from });
      }
      return;
    }
    if (from === '$env/dynamic/public') {
      for (const s of specifiers) envModules.set(s.local.name, { kind: 'svelte-public', module: from });
      return;
    }
    if (SECRETS_MODULE.test(from) && specifiers.length > 0 && !specifiers.every(isComponentImport)) {
      add(specifiers[0], true, { messageId: 'importedSecret', data: { what: 'a secrets module', module: from }, fingerprintKey: from });
      return;
    }
    for (const s of specifiers) {
      if (ENV_MODULE.test(from) && importedName(s) === 'env') {
        envModules.set(s.local.name, { kind: 'env-module', module: from });
        continue;
      }
      const name = importedName(s);
      const kind = SECRET_NAME_HINT.test(name) ? clientSecretKind(name, 'identifier') : undefined;
      if (kind) add(s, true, { messageId: 'importedSecret', data: { what: `a ${kind}`, module: from }, fingerprintKey: name });
    }
  };

  const published = (settings: PublishedSetting[]) => {
    for (const s of settings) add(s.node, false, { messageId: 'bundlerSetting', data: { what: s.what, option: s.option }, fingerprintKey: s.name });
  };

  /** `Config.X`, `env.X`, `Constants.expoConfig.extra.X`, `const env = import.meta.env; env.X`: resolved at exit. */
  const resolveMemberRead = (node: Member) => {
    const name = memberPropertyName(node);
    if (!name) return;
    const object = node.object;
    if (object.type === 'MemberExpression') {
      // Expo's `extra` config is written into the app manifest every install downloads.
      if (memberPropertyName(object) === 'extra' && rootName(object) === 'Constants') publishedRead(node, name, 'Expo writes into the app manifest');
      return;
    }
    if (object.type !== 'Identifier') return;
    const module = envModules.get(object.name);
    if (module) {
      if (module.kind === 'app') publishedRead(node, name, `\`${module.module}\` builds into the app bundle`);
      else envRead(node, name, node.property.range[0] + (node.computed ? 1 : 0), module.module);
      return;
    }
    const bound = bindings.get(object.name);
    const label = bound ? envObjectLabel(bound) : undefined;
    if (label) envRead(node, name, node.property.range[0] + (node.computed ? 1 : 0), label);
  };

  /** Was the key already reported where it came from (its env read, literal or import), following local bindings? */
  const reportedWithin = (reported: Candidate[], node: AstNode, depth = 0): boolean => {
    const n = unwrapKey(node);
    if (reported.some((c) => c.descriptor.start >= n.range[0] && c.descriptor.end <= n.range[1])) return true;
    if (depth >= 3) return false;
    const root = n.type === 'MemberExpression' ? rootIdentifier(n) : n.type === 'Identifier' ? n : undefined;
    const bound = root ? bindings.get(root.name) : undefined;
    return bound !== undefined && bound !== root && reportedWithin(reported, bound, depth + 1);
  };

  return {
    Program(node: Extract<AstNode, { type: 'Program' }>) {
      judge.readProgram(node);
    },
    JSXElement() {
      judge.sawJsx();
    },
    JSXFragment() {
      judge.sawJsx();
    },
    ImportDeclaration: readImport,
    VariableDeclarator(node: Extract<AstNode, { type: 'VariableDeclarator' }>) {
      if (node.id.type === 'Identifier') {
        if (node.init) bind(node.id.name, node.init);
        return;
      }
      if (node.id.type !== 'ObjectPattern') return;
      const label = node.init ? envObjectLabel(node.init) : undefined;
      for (const p of node.id.properties) {
        if (p.type !== 'Property') continue;
        if (p.value.type === 'Identifier') bind(p.value.name, p);
        else if (p.value.type === 'AssignmentPattern' && p.value.left.type === 'Identifier') bind(p.value.left.name, p);
        const name = propertyKeyName(p);
        // `const { VITE_SIGN_KEY } = import.meta.env`: each destructured name is a read of that variable.
        if (label && name) envRead(p.key, name, p.key.range[0] + (p.key.type === 'Literal' ? 1 : 0), label);
      }
    },
    MemberExpression(node: Member) {
      const label = envObjectLabel(node.object);
      if (label) {
        const name = memberPropertyName(node);
        if (name) envRead(node, name, node.property.range[0] + (node.computed ? 1 : 0), label);
        return;
      }
      const name = memberPropertyName(node);
      if (name && SECRET_NAME_HINT.test(name) && (node.object.type === 'Identifier' || node.object.type === 'MemberExpression')) memberReads.push(node);
    },
    Literal(node: Extract<AstNode, { type: 'Literal' }>) {
      if (typeof node.value !== 'string' || node.value.length < 8 || byPath === 'server') return;
      checkString(node, node.raw.slice(1, -1), node.range[0] + 1, node.value);
    },
    TemplateLiteral(node: Extract<AstNode, { type: 'TemplateLiteral' }>) {
      if (byPath === 'server') return;
      if (node.expressions.length === 0) {
        const quasi = node.quasis[0];
        if (quasi.value.cooked !== null && quasi.value.cooked.length >= 8) checkString(node, quasi.value.raw, node.range[0] + 1, quasi.value.cooked);
        return;
      }
      for (const quasi of node.quasis) {
        if (!mayHoldToken(quasi.value.raw)) continue;
        for (const token of findSecretTokens(quasi.value.raw).filter((t) => !isClientSafeToken(t))) {
          const start = quasi.range[0] + 1 + token.reportStart;
          add(node, true, {
            messageId: 'literalInClient', data: { kind: token.kind, masked: token.masked, where: '' }, secrets: [token.secret],
            severityCap: token.test ? 'warning' : undefined, fingerprintKey: token.kind,
          }, { start, end: start + token.reportEnd - token.reportStart });
        }
      }
    },
    CallExpression(node: Call) {
      if (mightSign(node)) signingCalls.push(node);
    },
    Property(node: Extract<AstNode, { type: 'Property' }>) {
      if (bundlerConfig) published(publishedByProperty(node, source.path, prefixes));
    },
    NewExpression(node: Extract<AstNode, { type: 'NewExpression' }>) {
      if (bundlerConfig) published(publishedByPlugin(node, prefixes));
    },
    'Program:exit'() {
      for (const read of memberReads) resolveMemberRead(read);
      const client = judge.isClient();
      const reported = candidates.filter((c) => !c.clientOnly || (client && !isInServerScope(c.node)));
      for (const c of reported) report(c.descriptor);
      if (!client) return;
      const lookup = (name: string) => bindings.get(name);
      const seen = new Set<AstNode>();
      for (const call of signingCalls) {
        if (isInServerScope(call)) continue;
        for (const key of signingKeysOf(call, lookup, (n) => source.getText(n))) {
          if (seen.has(key.node) || reportedWithin(reported, key.node)) continue;
          seen.add(key.node);
          report({ node: key.node, messageId: 'signingInClient', data: { api: key.api }, fingerprintKey: keyNameOf(key.node) ?? key.api });
        }
      }
    },
  };
}

function rootIdentifier(node: AstNode): Extract<AstNode, { type: 'Identifier' }> | undefined {
  let n: AstNode = node;
  while (n.type === 'MemberExpression') n = n.object;
  return n.type === 'Identifier' ? n : undefined;
}

function rootName(node: AstNode): string | undefined {
  return rootIdentifier(node)?.name;
}
