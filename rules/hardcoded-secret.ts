// hardcoded-secret: credential literals in source and config files (guideline 2.3b, 1.2, 1.3).
import { defineRule, type AstNode, type SourceFile, type TextChange } from '../server/src/engine';
import { assignedName, isInAmbientContext, isNonValuePosition, lastSegmentName, valueHolder, type AssignedName } from './shared/ast';
import { envVarName, identifierWords } from './shared/identifiers';
import { judgeNamedValue, type NamedSecret } from './shared/named-secrets';
import { findSecretTokens, mightContainSecretToken, tokenHintsIn, type SecretToken } from './shared/secret-formats';
import { classifySecretName } from './shared/secret-values';
import { stringList } from './shared/options';
import { findTeamMatches, forEachMatchableLine, teamPatterns, type TeamMatch } from './shared/team-patterns';
import { forEachTextEntry, textFormatOf } from './shared/text-entries';

/** Cheap test on a name before any classification: only these fragments can make a name secret-like. */
const NAME_HINT = /pass|pwd|secret|token|key|auth|cred|bearer|pfx|p12|keystore/i;
/** The owner or callee of SECRET_ARGUMENTS (`jsonwebtoken` already matches NAME_HINT). */
const SECRET_ARGUMENT_HINT = /jwt|createHmac/i;

/** Objects whose name says nothing about what they hold; they do not prefix derived env variable names. */
const CONTAINER_NAMES = new Set([
  'config', 'cfg', 'conf', 'configuration', 'options', 'opts', 'settings', 'params', 'props', 'this', 'self', 'exports',
  'module', 'default', 'headers', 'data', 'payload', 'body', 'env', 'environment', 'secrets', 'credentials', 'keys',
  'constants', 'window', 'global', 'globalthis', 'process',
]);

const PROVIDER_WORDS = new Set([
  'stripe', 'paypal', 'braintree', 'square', 'adyen', 'razorpay', 'alipay', 'wechat', 'twilio', 'sendgrid', 'aws',
  'github', 'gitlab', 'slack', 'google', 'checkout', 'npm', 'mailgun',
]);

const COMPARISON = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);

type LiteralNode = Extract<AstNode, { raw: string; value: unknown; range: [number, number] }>;
interface TemplateNode {
  type: string;
  range: [number, number];
  expressions: unknown[];
  quasis: Array<{ range: [number, number]; value: { raw: string; cooked: string | null } }>;
  parent?: AstNode;
}

/** Arguments that are secrets by API: `jwt.sign(payload, secret)`, `jwt.verify(token, secret)`, `createHmac(alg, key)`. */
const SECRET_ARGUMENTS: Record<string, { index: number; name: string; owner?: RegExp }> = {
  sign: { index: 1, name: 'jwtSecret', owner: /^(?:jwt|jsonwebtoken|JWT)$/ },
  verify: { index: 1, name: 'jwtSecret', owner: /^(?:jwt|jsonwebtoken|JWT)$/ },
  createHmac: { index: 1, name: 'hmacKey' },
};

/** The name a value is bound to, or the role a well-known API gives the argument (`label` is what messages show). */
function targetOf(node: AstNode): (AssignedName & { label?: string }) | undefined {
  const { holder, child } = valueHolder(node);
  if (holder?.type !== 'CallExpression') return assignedName(node);
  const member = holder.callee.type === 'MemberExpression' && !holder.callee.computed && holder.callee.property.type === 'Identifier'
    ? holder.callee
    : undefined;
  const callee = member ? (member.property as { name: string }).name : holder.callee.type === 'Identifier' ? holder.callee.name : undefined;
  const known = callee !== undefined && Object.hasOwn(SECRET_ARGUMENTS, callee) ? SECRET_ARGUMENTS[callee] : undefined;
  const ownerMatches = !known?.owner || (member !== undefined && known.owner.test(lastSegmentName(member.object) ?? ''));
  if (known && ownerMatches && holder.arguments[known.index] === child) return { name: known.name, label: `${callee}(…)`, via: 'call-argument' };
  return assignedName(node);
}

/** `merchantApiKey` → `MERCHANT_API_KEY`, `stripe.secret` → `STRIPE_SECRET`; the key kind's name otherwise. */
function envNameFor(target: AssignedName | undefined, fallback: string): string {
  if (!target || target.via === 'enum-member' || !classifySecretName(target.name).kind) return fallback;
  let words = identifierWords(target.name);
  // Short or generic owners (`p`, `config`, `this`) say nothing about the value and do not prefix the name.
  const usefulQualifier = target.qualifier && target.qualifier.length > 1 && !CONTAINER_NAMES.has(target.qualifier.toLowerCase());
  const qualifier = usefulQualifier ? identifierWords(target.qualifier!) : [];
  const addsProvider = qualifier.some((w) => PROVIDER_WORDS.has(w) && !words.includes(w));
  if (qualifier.length && (words.length === 1 || addsProvider)) words = [...qualifier, ...words];
  return envVarName(words) ?? fallback;
}

/**
 * Where replacing the literal by `process.env.X` keeps the code valid and meaningful: an expression position that is
 * not a comparison, a switch case, a tagged template, an enum member or an ambient declaration.
 */
function canMoveToEnv(node: AstNode, target: AssignedName | undefined): boolean {
  if (target?.via === 'enum-member' || isInAmbientContext(node)) return false;
  const { holder } = valueHolder(node);
  if (!holder) return true;
  switch (holder.type) {
    case 'SwitchCase':
    case 'TaggedTemplateExpression':
    case 'MemberExpression':
    case 'TSEnumMember':
      return false;
    case 'BinaryExpression':
      return !COMPARISON.has(holder.operator);
    default:
      return true;
  }
}

function moveToEnvFix(node: AstNode, envName: string): { id: string; title: string; changes: TextChange[] } {
  const reference = `process.env.${envName}`;
  const inJsxAttribute = (node as { parent?: AstNode }).parent?.type === 'JSXAttribute';
  return {
    id: 'moveToEnv',
    title: `Move the key to an environment variable (${reference})`,
    changes: [{ start: node.range[0], end: node.range[1], text: inJsxAttribute ? `{${reference}}` : reference }],
  };
}

/** A PEM key counts as the whole value when only whitespace (or escaped line breaks) surrounds it. */
function coversWholeValue(token: SecretToken, raw: string): boolean {
  if (token.messageId !== 'privateKey') return token.start === 0 && token.end === raw.length;
  const around = /^(?:\s|\\[nrt])*$/;
  return around.test(raw.slice(0, token.start)) && around.test(raw.slice(token.end));
}

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    description: 'Keep merchant keys and other credentials out of source and config files',
    guideline: ['2.3b', '1.2', '1.3'],
    defaultSeverity: 'error',
    why: 'A key committed to a repository is readable by everyone with access to it, forever (history keeps it), and lets an attacker act as the merchant.',
    howToFix: 'Load the value from the environment or a secret manager at run time, and rotate the exposed key.',
    messages: {
      providerKey: 'Hard-coded {{kind}} `{{masked}}`; load it from the environment or a secret manager and rotate it (guideline 2.3b).',
      namedSecret: 'Hard-coded {{kind}} `{{masked}}` in `{{name}}`; load it from the environment or a secret manager and rotate it (guideline 2.3b).',
      password: 'Hard-coded password in `{{name}}`; load it from the environment or a secret manager and change it (guideline 1.3).',
      privateKey: 'Hard-coded {{kind}} `{{masked}}`; keep it in a key store or secret manager outside the code and rotate it (guideline 2.3b).',
      connectionUrl: 'Hard-coded password in {{kind}} `{{masked}}`; load the URL from the environment and change the password (guideline 2.3b).',
      teamPattern: 'Hard-coded {{kind}} `{{masked}}` (team pattern `{{id}}`); load it from the environment or a secret manager and rotate it (guideline 2.3b).',
    },
    fixes: { moveToEnv: 'unsafe' },
    // `tsc` copies `export const KEY = 'sk_live_…'` into the declaration file it emits, and packages ship those.
    declarationFiles: true,
    defaultOptions: { patterns: [], allowed: [] },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        patterns: {
          type: 'array',
          description: 'The team\'s own credential formats, in addition to the built-in ones (also settable as `secrets.patterns` at the top of the team file). Each pattern is checked for catastrophic backtracking before use; a named group `secret` marks the credential inside a longer match.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'regex'],
            properties: {
              id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Short kebab-case id shown in messages, e.g. "acme-gateway-key".' },
              regex: { type: 'string', minLength: 1, maxLength: 500, description: 'ECMAScript regular expression, e.g. "ACME-[A-Z0-9]{8}-[a-f0-9]{32}".' },
              flags: { type: 'string', pattern: '^[imsu]*$', description: 'Regular expression flags among i, m, s and u.' },
              description: { type: 'string', description: 'What the credential is, as messages name it, e.g. "Acme gateway key".' },
            },
          },
        },
        allowed: {
          type: 'array',
          items: { type: 'string' },
          description: 'Exact values that are never reported: documented placeholders and well-known public test keys (also settable as `secrets.allowed`).',
        },
      },
    },
  },
  // Every report is a provider-format token (those need one of its prefixes), a team pattern, or a string assigned to
  // a secret-like name (NAME_HINT), including the secrets jwt.sign/verify and createHmac take by position.
  mayReport: (file, options) => !file.isFixture && (
    NAME_HINT.test(file.text) || (Array.isArray(options.patterns) && options.patterns.length > 0)
    || SECRET_ARGUMENT_HINT.test(file.text) || mightContainSecretToken(file.text)),
  create(context) {
    const { source } = context;
    // Fixtures hold fake credentials on purpose; the team config lists them.
    if (source.isFixture) return {};

    let razorpayTestOnly: boolean | undefined;
    const isTestNamedSecret = (found: NamedSecret): boolean => {
      if (!found.kind.startsWith('Razorpay')) return false;
      // A Razorpay key secret does not show its mode; the key id next to it does.
      razorpayTestOnly ??= source.text.includes('rzp_test_') && !source.text.includes('rzp_live_');
      return razorpayTestOnly;
    };

    const allowed = new Set(stringList(context.options.allowed));
    const patterns = teamPatterns(context.options.patterns);
    const mayHoldToken = tokenHintsIn(source.text);

    const reportToken = (token: SecretToken, offset: number, fix?: ReturnType<typeof moveToEnvFix>) => {
      if (allowed.has(token.secret)) return;
      context.report({
        start: offset + token.reportStart,
        end: offset + token.reportEnd,
        messageId: token.messageId,
        data: { kind: token.kind, masked: token.masked },
        secrets: [token.secret],
        severityCap: token.test ? 'warning' : undefined,
        fixes: fix ? [fix] : [],
        fingerprintKey: token.kind,
      });
    };

    // Test and sandbox credentials are reported one level lower; so are passwords (known only by their name) in test
    // code, where fake users need them. Keys are never lowered because of where they are: a live key in a test is live.
    const reportNamed = (found: NamedSecret, name: string, start: number, end: number, fix?: ReturnType<typeof moveToEnvFix>) => {
      if (allowed.has(found.secret)) return;
      context.report({
        start,
        end,
        messageId: found.messageId,
        data: { kind: found.kind, masked: found.masked, name },
        secrets: [found.secret],
        severityCap: isTestNamedSecret(found) || (found.messageId === 'password' && source.isTestFile) ? 'warning' : undefined,
        fixes: fix ? [fix] : [],
        fingerprintKey: name,
      });
    };

    const reportTeam = (match: TeamMatch, offset: number, fix?: ReturnType<typeof moveToEnvFix>) => {
      context.report({
        start: offset + match.start,
        end: offset + match.end,
        messageId: 'teamPattern',
        data: { kind: match.pattern.kind, masked: match.masked, id: match.pattern.id },
        secrets: [match.secret],
        fixes: fix ? [fix] : [],
        fingerprintKey: match.pattern.id,
      });
    };

    /** Team patterns over a piece of text whose built-in findings (`taken`) win where they overlap. */
    const checkTeamPatterns = (text: string, offset: number, taken: ReadonlyArray<{ start: number; end: number }>, whole?: AstNode) => {
      for (const match of findTeamMatches(text, patterns, allowed)) {
        if (taken.some((t) => t.start < match.end && match.start < t.end)) continue;
        if (whole !== undefined && match.start === 0 && match.end === text.length) {
          // A key that is the whole string is reported on the literal, like the built-in whole-value findings.
          const fix = canMoveToEnv(whole, targetOf(whole)) ? moveToEnvFix(whole, envNameFor(targetOf(whole), match.pattern.envName)) : undefined;
          reportTeam({ ...match, start: whole.range[0], end: whole.range[1] }, 0, fix);
        } else {
          reportTeam(match, offset);
        }
      }
    };

    /** Checks one string value of a script: provider formats first, then the name it is assigned to. */
    const checkScriptString = (node: AstNode, raw: string, rawStart: number, value: string) => {
      if (isNonValuePosition(node)) return;
      const tokens = mayHoldToken(raw) ? findSecretTokens(raw) : [];
      if (patterns.length) checkTeamPatterns(raw, rawStart, tokens, raw === value ? node : undefined);
      if (tokens.length) {
        const target = targetOf(node);
        for (const token of tokens) {
          const whole = coversWholeValue(token, raw);
          const fix = whole && canMoveToEnv(node, target) ? moveToEnvFix(node, envNameFor(target, token.envName)) : undefined;
          // A key that is the whole string is reported on the literal, like any other whole-value secret.
          const at = whole && token.messageId !== 'privateKey'
            ? { ...token, reportStart: node.range[0] - rawStart, reportEnd: node.range[1] - rawStart }
            : token;
          reportToken(at, rawStart, fix);
        }
        return;
      }
      const target = targetOf(node);
      if (!target || !NAME_HINT.test(target.name)) return;
      const found = judgeNamedValue(target.name, value, target.qualifier);
      if (!found) return;
      if (found.offset === 0 && found.length === value.length) {
        const fix = canMoveToEnv(node, target) ? moveToEnvFix(node, envNameFor(target, found.envName)) : undefined;
        reportNamed(found, target.label ?? target.name, node.range[0], node.range[1], fix);
      } else if (raw === value) {
        reportNamed(found, target.label ?? target.name, rawStart + found.offset, rawStart + found.offset + found.length);
      } else {
        reportNamed(found, target.label ?? target.name, node.range[0], node.range[1]);
      }
    };

    return {
      Literal(node: LiteralNode) {
        if (typeof node.value !== 'string' || node.value.length < 4) return;
        checkScriptString(node, node.raw.slice(1, -1), node.range[0] + 1, node.value);
      },
      TemplateLiteral(node: TemplateNode) {
        const literal = node as unknown as AstNode;
        if (node.expressions.length === 0) {
          const quasi = node.quasis[0];
          if (quasi.value.cooked === null || quasi.value.cooked.length < 4) return;
          checkScriptString(literal, quasi.value.raw, node.range[0] + 1, quasi.value.cooked);
          return;
        }
        // With `${}` parts only whole provider keys inside the fixed text can be judged.
        for (const quasi of node.quasis) {
          const tokens = mayHoldToken(quasi.value.raw) ? findSecretTokens(quasi.value.raw) : [];
          if (patterns.length) checkTeamPatterns(quasi.value.raw, quasi.range[0] + 1, tokens);
          for (const token of tokens) reportToken(token, quasi.range[0] + 1);
        }
      },
      Program(node: { comments?: Array<{ value: string; range: [number, number] }> }) {
        // A key pasted into a comment is as leaked as one in code.
        for (const comment of node.comments ?? []) {
          const tokens = mayHoldToken(comment.value) ? findSecretTokens(comment.value) : [];
          if (patterns.length) checkTeamPatterns(comment.value, comment.range[0] + 2, tokens);
          for (const token of tokens) reportToken(token, comment.range[0] + 2);
        }
      },
      text(file: SourceFile) {
        const tokens = scanText(file, reportToken, reportNamed);
        if (patterns.length) forEachMatchableLine(file.text, (line, offset) => checkTeamPatterns(line, offset, tokens.map((t) => ({ start: t.start - offset, end: t.end - offset }))));
      },
    };
  },
  // Keys pasted into comments are reported: comments are needed when the file mentions a provider prefix, or the team
  // has its own patterns.
  wantsComments: (text, options) => mightContainSecretToken(text) || (Array.isArray(options.patterns) && options.patterns.length > 0),
});

/**
 * Text files, and scripts that do not parse: provider formats over the whole text, then key/value entries line by
 * line (values already reported as provider keys are skipped).
 */
function scanText(
  file: SourceFile,
  reportToken: (token: SecretToken, offset: number) => void,
  reportNamed: (found: NamedSecret, name: string, start: number, end: number) => void,
): SecretToken[] {
  const tokens = findSecretTokens(file.text);
  // In a script that did not parse (or is too large to), report where a parse would: the whole literal, quotes included.
  const script = file.kind === 'script';
  for (const token of tokens) {
    const span = script ? literalSpan(file.text, token.reportStart, token.reportEnd) : undefined;
    reportToken(span ? { ...token, reportStart: span.start, reportEnd: span.end } : token, 0);
  }
  const overlapsToken = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < tokens.length && tokens[lo].start < end;
  };
  const format = file.kind === 'script' ? 'code' : textFormatOf(file.path, file.languageId);
  const reported = new Set<number>();
  forEachTextEntry(file.text, format, (entry) => {
    if (entry.value.length < 4 || !NAME_HINT.test(entry.name)) return;
    const found = judgeNamedValue(entry.name, entry.value, entry.qualifier);
    if (!found) return;
    const start = entry.start + found.offset;
    const end = start + found.length;
    if (reported.has(start) || overlapsToken(start, end)) return;
    reported.add(start);
    const span = script ? literalSpan(file.text, start, end) : undefined;
    reportNamed(found, entry.name, span?.start ?? start, span?.end ?? end);
  });
  return tokens;
}

const QUOTES = new Set(["'", '"', '`']);

/** The span of the string literal that is exactly `start`–`end` between matching quotes, or undefined. */
function literalSpan(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const quote = text[start - 1];
  return start > 0 && QUOTES.has(quote) && text[end] === quote ? { start: start - 1, end: end + 1 } : undefined;
}
