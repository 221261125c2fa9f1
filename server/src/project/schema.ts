// The team-config JSON schema, built from the rule registry: shipped as schemas/codepay-guard.schema.json (editor
// completion and hover through `contributes.jsonValidation`) and used by the CLI and the language server to validate.
import type { Rule } from '../engine';

type Schema = Record<string, unknown>;

/** `maxFileSize`: the engine's default (MAX_FILE_CHARS), the smallest sensible value, and its hard cap (HARD_MAX_FILE_CHARS). */
export const DEFAULT_MAX_FILE_SIZE = 2_000_000;
export const MIN_MAX_FILE_SIZE = 1000;
export const HARD_MAX_FILE_SIZE = 20_000_000;

const SEVERITY_DESCRIPTIONS = ['The rule does not run.', 'Reported as information.', 'Reported as a warning.', 'Reported as an error: the CLI exits 1.'];

const globs = (markdownDescription: string): Schema => ({ $ref: '#/definitions/globs', markdownDescription });
const names = (markdownDescription: string): Schema => ({ type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, markdownDescription });

/**
 * The keys a team sets once for every rule, shared by the team file and the `codepayGuard.*` VS Code settings (the
 * manifest's settings are generated from these by scripts/sync-rules.mjs).
 */
export function sharedProperties(): Record<string, Schema> {
  return {
    enable: { type: 'boolean', default: true, markdownDescription: 'Turn CodePay Guard off for this folder.' },
    ignore: globs('Globs (relative to the workspace folder, gitignore-like: `dist`, `**/*.min.js`) of files that are not analysed, in addition to `.gitignore`.'),
    fixtures: globs('Globs of test fixtures: fake credentials in them are not findings, and every other finding is reported one level lower (error → warning → info).'),
    clientPaths: globs('Globs of client code (browser, app and public files) for `secret-in-client-code`; a leading `!` marks server code. Replaces the built-in list.'),
    names: {
      type: 'object',
      additionalProperties: false,
      markdownDescription: 'The team\'s own names for the helpers rules look for; each list adds to the built-in names of the rules named below.',
      properties: {
        verifiers: names('Signature-verification functions or middleware (`unverified-payment-notification`), e.g. `checkCodePayNotify`.'),
        authMiddleware: names('Authentication middleware, guards and session helpers (`unauthenticated-endpoint`), e.g. `requireStaff`.'),
        rateLimiters: names('Rate-limit, captcha and anti-bot middleware (`missing-rate-limit`), e.g. `campaignShield`.'),
        auditLoggers: names('Functions that write audit records (`missing-audit-log`): a name, a dotted path or `Service.*`.'),
        maskHelpers: names('Mask/redact helpers (`sensitive-data-in-log`), e.g. `maskPan`; the quick fix uses the first.'),
        encryptHelpers: names('Encrypt functions and column transformers (`unencrypted-sensitive-data`), e.g. `encryptField`.'),
        sanitizers: names('Escaping and validation helpers (`injection`), e.g. `escapeSql`.'),
      },
    },
    secrets: {
      type: 'object',
      additionalProperties: false,
      markdownDescription: 'Extra credential formats and allowed values for `hardcoded-secret` and `secret-in-client-code`. Custom patterns are checked for catastrophic backtracking before use and are not loaded in an untrusted workspace.',
      properties: {
        patterns: { type: 'array', items: { $ref: '#/definitions/secretPattern' }, markdownDescription: 'The team\'s own credential formats.' },
        allowed: names('Exact values that are never reported: documented placeholders and well-known public test keys.'),
      },
    },
    suppressions: {
      type: 'object',
      additionalProperties: false,
      markdownDescription: 'How suppression comments (`codepay-guard-disable-next-line <rule> [until YYYY-MM-DD] -- <reason>`) are governed.',
      properties: {
        reportUnused: { $ref: '#/definitions/severity', default: 'warning', markdownDescription: 'Severity of suppression comments that suppress nothing (as ESLint\'s unused disable directives); `off` to ignore them.' },
        requireReason: { type: 'boolean', default: true, markdownDescription: 'Report suppression comments without a `-- reason`.' },
      },
    },
    maxFileSize: {
      type: 'integer',
      minimum: MIN_MAX_FILE_SIZE,
      maximum: HARD_MAX_FILE_SIZE,
      default: DEFAULT_MAX_FILE_SIZE,
      markdownDescription: 'Characters (2,000,000 by default) above which a JavaScript or TypeScript file is not parsed: it gets only the text checks of the rules (hard-coded keys, insecure URLs and the like), and a notice says so. Files over 20,000,000 characters are skipped whatever this says. The CLI\'s `--max-file-size` overrides it.',
    },
  };
}

function secretPatternSchema(rules: readonly Rule[]): Schema {
  const own = rules.find((r) => r.meta.id === 'hardcoded-secret')?.meta.optionsSchema as Schema | undefined;
  const items = ((own?.properties as Record<string, Schema> | undefined)?.patterns?.items as Schema | undefined);
  return items ?? { type: 'object' };
}

/** The whole team-file schema for a rule registry. */
export function teamConfigSchema(rules: readonly Rule[], docUrl: (id: string) => string): Schema {
  const ruleEntries = Object.fromEntries(rules.map(({ meta }) => {
    const entry = meta.optionsSchema
      ? { anyOf: [{ $ref: '#/definitions/severity' }, { type: 'array', items: [{ $ref: '#/definitions/severity' }, meta.optionsSchema], minItems: 1, maxItems: 2 }] }
      : { $ref: '#/definitions/ruleSetting' };
    const markdownDescription = `${meta.description} (guideline ${meta.guideline.join(', ')}). Default: \`${meta.defaultSeverity}\`. [Documentation](${docUrl(meta.id)})`;
    return [meta.id, { ...entry, markdownDescription }];
  }));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/codepay/codepay-guard/schemas/codepay-guard.schema.json',
    title: 'CodePay Guard team configuration (.codepay-guard.json)',
    description: 'Committed at a workspace folder root; read by the editor extension, the language server and the CLI alike. Precedence: built-in defaults < this file (after the files it extends) < VS Code settings.',
    type: 'object',
    additionalProperties: false,
    definitions: {
      severity: { type: 'string', enum: ['off', 'info', 'warning', 'error'], markdownEnumDescriptions: SEVERITY_DESCRIPTIONS },
      ruleSetting: {
        anyOf: [
          { $ref: '#/definitions/severity' },
          { type: 'array', items: [{ $ref: '#/definitions/severity' }, { type: 'object', additionalProperties: false, properties: {} }], minItems: 1, maxItems: 2, description: '[severity, options]' },
        ],
      },
      globs: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      secretPattern: secretPatternSchema(rules),
    },
    properties: {
      $schema: { type: 'string' },
      extends: {
        anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
        markdownDescription: 'Another JSON team config (or several) in the repository, relative to this file, applied first: this file wins. In an untrusted workspace, files outside the workspace are not loaded.',
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        markdownDescription: 'Rule id → severity (`off`, `info`, `warning`, `error`) or `[severity, options]`.',
        properties: ruleEntries,
      },
      ...sharedProperties(),
    },
  };
}
