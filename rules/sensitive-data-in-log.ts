// sensitive-data-in-log: card numbers, passwords, tokens, secrets, auth headers or whole requests written to logs (guideline 2.2c).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, scriptDialect, type AstNode, type TextChange } from '../server/src/engine';
import { propertyKeyName } from './shared/ast';
import { isLogCall, mayCallLogger } from './shared/log-data-callees';
import { appendHelperChange, DEFAULT_MASK_HELPER, dropChanges, maskChanges } from './shared/log-data-edits';
import { isWholeObject, LogDataFlow, type LogSite } from './shared/log-data-flow';
import { isPaymentOrAuthCode } from './shared/log-data-handlers';
import { LOG_DATA_WORDING, type LogDataKind } from './shared/log-data-names';
import { stringList } from './shared/options';

type Call = TSESTree.CallExpression;

interface PendingLog {
  call: Call;
  sites: LogSite[];
}

/** `a`, `a and b`, `a, b and c`. */
function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Short words for a removed value in a fix title: the key, or the expression when it is short. */
function siteLabel(site: LogSite, text: string): string {
  const holder = site.drop?.items[site.drop.index];
  if (holder?.type === 'Property') return propertyKeyName(holder) ?? 'the value';
  const source = text.slice(site.node.range[0], site.node.range[1]);
  return source.length <= 32 && !source.includes('\n') ? source : 'the value';
}

export default defineRule({
  meta: {
    id: 'sensitive-data-in-log',
    description: 'Keep card numbers, passwords, tokens, secrets and authorization headers out of logs',
    guideline: ['2.2c'],
    defaultSeverity: 'warning',
    why: 'Logs are copied to log platforms, backups, support tickets and developer laptops, and kept for months; a card number, password or token written there is readable by everyone with log access and usable by whoever steals them.',
    howToFix: 'Log identifiers, counts and outcomes instead of the values; where a value must appear, pass it through a mask helper that keeps at most the last four characters.',
    messages: {
      sensitiveValue: 'This log call writes {{what}} in clear text, where anyone who reads the logs can use it; mask it or leave it out (guideline 2.2c).',
      wholeObject: 'This log call writes {{what}}, where card numbers, passwords or tokens travel in clear text; log only the fields you need (guideline 2.2c).',
    },
    fixes: { maskValue: 'unsafe', removeValue: 'unsafe' },
    defaultOptions: { maskHelpers: [], loggers: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        maskHelpers: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names of the team\'s mask/redact helpers (e.g. "maskPan", "redactToken"); values passed through them are not reported, and the quick fix wraps values in the first one.',
        },
        loggers: {
          type: 'array',
          items: { type: 'string' },
          description: 'Extra names of logger objects or log functions (e.g. "audit", "telemetry") whose calls are checked like console and winston/pino.',
        },
      },
      additionalProperties: false,
    },
  },
  // Every report is about a log call (isLogCall): a LOG_METHODS method, a LOG_FUNCTIONS function, or a configured logger.
  mayReport: (file, options) => !file.isFixture && !file.isTestFile
    && (mayCallLogger(file.text) || stringList(options.loggers).some((name) => name !== '' && file.text.includes(name))),
  create(context) {
    const { source } = context;
    // Fake credentials in tests and fixtures are logged on purpose and never reach a production log.
    if (source.isFixture || source.isTestFile) return {};
    const teamHelpers = stringList(context.options.maskHelpers);
    const flow = new LogDataFlow(new Set(teamHelpers));
    const teamLoggers = new Set(stringList(context.options.loggers));
    const declared = new Set<string>();
    const pending: PendingLog[] = [];

    const checkCall = (call: Call) => {
      if (!isLogCall(call, teamLoggers)) return;
      const args = call.arguments as AstNode[];
      let sites = args.flatMap((arg, index) => flow.sitesIn(arg, args.length > 1 ? { items: args, index, container: call } : undefined));
      if (sites.some((s) => s.kind === 'requestBody') && !isPaymentOrAuthCode(call, source)) {
        // A whole body is only known to hold card data or credentials in payment and sign-in handlers.
        sites = sites.filter((s) => s.kind !== 'requestBody');
      }
      if (sites.length) pending.push({ call, sites });
    };

    /** The helper the mask fix calls, and whether the file still needs it defined. */
    const maskHelper = (): { name: string; generate: boolean } => {
      if (teamHelpers.length) return { name: teamHelpers.find((h) => declared.has(h)) ?? teamHelpers[0], generate: false };
      return { name: DEFAULT_MASK_HELPER, generate: !declared.has(DEFAULT_MASK_HELPER) };
    };

    const reportAll = () => {
      if (!pending.length) return;
      const text = source.text;
      const helper = maskHelper();
      const typescript = scriptDialect(source.path, source.languageId)?.typescript ?? false;
      for (const { call, sites } of pending) {
        const kinds = [...new Set(sites.map((s) => s.kind))];
        const wholeOnly = kinds.every(isWholeObject);
        const what = joinWords(kinds.map((k: LogDataKind) => (k === 'requestBody' ? 'the whole request body of a payment or sign-in handler' : LOG_DATA_WORDING[k])));
        const fixes: Array<{ id: string; title: string; changes: TextChange[] }> = [];
        const masked = maskChanges(sites, helper.name);
        if (masked) {
          const plural = sites.length > 1 ? 'values' : 'value';
          fixes.push({
            id: 'maskValue',
            title: helper.generate ? `Mask the logged ${plural} with ${helper.name}(…) (adds the helper to this file)` : `Mask the logged ${plural} with ${helper.name}(…)`,
            changes: helper.generate ? [...masked, appendHelperChange(text, typescript)] : masked,
          });
        }
        const dropped = dropChanges(text, sites, call);
        if (dropped) {
          const labels = [...new Set(sites.map((s) => siteLabel(s, text)))];
          const named = labels.length === 1 && labels[0] !== 'the value' ? `\`${labels[0]}\`` : sites.length > 1 ? 'the sensitive values' : 'the sensitive value';
          fixes.push({ id: 'removeValue', title: `Remove ${named} from the log call`, changes: dropped });
        }
        context.report({
          start: call.callee.range[0],
          end: call.callee.range[1],
          messageId: wholeOnly ? 'wholeObject' : 'sensitiveValue',
          data: { what },
          fixes,
          fingerprintKey: kinds.join(','),
        });
      }
    };

    const enterFunction = (fn: { params: readonly AstNode[] }) => flow.enterFunction(fn);
    const exitFunction = () => flow.exitFunction();
    const declare = (node: { local: { name: string } }) => declared.add(node.local.name);

    return {
      FunctionDeclaration(node: TSESTree.FunctionDeclaration) {
        if (node.id) declared.add(node.id.name);
        enterFunction(node);
      },
      'FunctionDeclaration:exit': exitFunction,
      FunctionExpression: enterFunction,
      'FunctionExpression:exit': exitFunction,
      ArrowFunctionExpression: enterFunction,
      'ArrowFunctionExpression:exit': exitFunction,
      ImportSpecifier: declare,
      ImportDefaultSpecifier: declare,
      ImportNamespaceSpecifier: declare,
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        if (node.id.type === 'Identifier') declared.add(node.id.name);
        else if (node.id.type === 'ObjectPattern') {
          // `const { maskSensitive } = require('./log-utils')`.
          for (const p of node.id.properties) if (p.type === 'Property' && p.value.type === 'Identifier') declared.add(p.value.name);
        }
        flow.bindDeclarator(node.id, node.init);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.operator === '=') flow.bindAssignment(node.left, node.right);
      },
      CallExpression: checkCall,
      'Program:exit': reportAll,
    };
  },
});

