// Recognising log calls (console, winston, pino, bunyan, log4js, Nest Logger, request-scoped loggers, `debug`) and mask helpers.
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName } from './ast';

type Call = Extract<AstNode, { type: 'CallExpression' }>;

/** Level methods of the common loggers; `child` binds fields that every later line of that logger repeats. */
const LOG_METHODS = new Set([
  'log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'crit',
  'alert', 'emerg', 'emergency', 'dir', 'table', 'child',
]);
/** Objects that are loggers by name: `logger`, `this.logger`, `req.log`, `fastify.log`, `ctx.log`, `Logger`, `winston`. */
const LOGGER_NAME = /^(?:console|log|logs|logger|loggers|log4js|winston|pino|bunyan|signale|consola|tracer|roarr)$|logger$/i;
/** camelCase or snake_case names ending in a log: `auditLog`, `request_log` (not `catalog` or `dialog`). */
const NAMED_LOG = /[a-z0-9]Log$|_log$/;
/** Calls that return a logger: `log4js.getLogger('pay')`, `winston.createLogger(…)`, `pino()`, `logger.child({…})`. */
const LOGGER_FACTORIES = /^(?:getLogger|createLogger|pino|bunyan|winston|child|scope|withTag|tag)$/;
/** Plain functions that log: `log(…)`, the `debug` package, `logError(…)`. Not `logIn(…)` or `login(…)`. */
const LOG_FUNCTIONS = /^(?:log|debug|logger|log(?:Info|Error|Err|Warn|Warning|Debug|Trace|Verbose|Fatal|Event|Message|Msg|Data|Request|Payload))$/;

/** LOG_METHODS, and LOG_FUNCTIONS (which all contain `log` or `debug`), as substrings. */
const LOG_CALL_HINT = /log|debug|info|warn|error|trace|fatal|verbose|silly|notice|crit|alert|emerg|dir|table|child/i;

/** The pre-filter: false only when no call in the text can be a log call without a configured logger name. */
export function mayCallLogger(text: string): boolean {
  return LOG_CALL_HINT.test(text);
}

/** True when an expression names a logger object. */
function isLoggerObject(node: AstNode, teamLoggers: ReadonlySet<string>, depth = 0): boolean {
  if (depth > 4) return false;
  if (node.type === 'CallExpression') {
    const factory = lastSegmentName(node.callee);
    if (!factory) return false;
    if (teamLoggers.has(factory)) return true;
    if (!LOGGER_FACTORIES.test(factory)) return LOGGER_NAME.test(factory);
    // `logger.child({…})` is a logger when `logger` is; `log4js.getLogger()` and `pino()` are loggers themselves.
    return node.callee.type === 'MemberExpression' && factory === 'child' ? isLoggerObject(node.callee.object, teamLoggers, depth + 1) : true;
  }
  if (node.type === 'ChainExpression' || node.type === 'TSNonNullExpression') return isLoggerObject(node.expression, teamLoggers, depth + 1);
  const name = lastSegmentName(node);
  if (!name) return false;
  return teamLoggers.has(name) || LOGGER_NAME.test(name) || NAMED_LOG.test(name);
}

/** True for a call that writes to a log: `logger.info(…)`, `console.error(…)`, `this.logger.log(…)`, `debug(…)`. */
export function isLogCall(call: Call, teamLoggers: ReadonlySet<string>): boolean {
  if (call.arguments.length === 0) return false;
  const callee = call.callee;
  if (callee.type === 'Identifier') return LOG_FUNCTIONS.test(callee.name) || teamLoggers.has(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const method = memberPropertyName(callee);
  if (!method || !LOG_METHODS.has(method)) return false;
  return isLoggerObject(callee.object, teamLoggers);
}

/** Helpers whose result is a desensitised form of their argument: `maskPan`, `redact`, `sanitizeHeaders`, `sha256`. */
const MASK_HELPER = /mask|redact|saniti[sz]|scrub|obfuscat|anonymi[sz]|censor|truncat|desensiti|hash|digest|fingerprint|encrypt|last4|lastfour|omit|^pick$|^strip|sha\d|hmac/i;

export function isMaskHelperName(name: string, teamHelpers: ReadonlySet<string>): boolean {
  return teamHelpers.has(name) || MASK_HELPER.test(name);
}
