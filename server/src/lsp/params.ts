// Shape checks for request params: a malformed request gets a JSON-RPC InvalidParams error naming what is wrong,
// instead of a handler failing half-way (a fallback answer that hides the client's bug) or a crash.
import {
  ErrorCodes, ResponseError,
  type CodeActionParams, type ExecuteCommandParams, type Position, type TextDocumentPositionParams,
} from 'vscode-languageserver/node';

/** LSP `uinteger`: positions are 0-based and at most 2^31 - 1. */
const UINTEGER_MAX = 2 ** 31 - 1;

export type Problem = string | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value).slice(0, 30)}`;
}

function uinteger(value: unknown, where: string): Problem {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > UINTEGER_MAX) {
    return `${where} must be an integer from 0 to ${UINTEGER_MAX}, not ${describeValue(value)}`;
  }
  return undefined;
}

function position(value: unknown, where: string): Problem {
  if (!isObject(value)) return `${where} must be an object { line, character }, not ${describeValue(value)}`;
  return uinteger(value.line, `${where}.line`) ?? uinteger(value.character, `${where}.character`);
}

function range(value: unknown, where: string): Problem {
  if (!isObject(value)) return `${where} must be an object { start, end }, not ${describeValue(value)}`;
  const problem = position(value.start, `${where}.start`) ?? position(value.end, `${where}.end`);
  if (problem) return problem;
  const start = value.start as Position;
  const end = value.end as Position;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return `${where} ends before it starts`;
  return undefined;
}

function textDocument(params: Record<string, unknown>): Problem {
  const doc = params.textDocument;
  if (!isObject(doc)) return `textDocument must be an object { uri }, not ${describeValue(doc)}`;
  if (typeof doc.uri !== 'string' || doc.uri === '') return `textDocument.uri must be a non-empty string, not ${describeValue(doc.uri)}`;
  return undefined;
}

function paramsObject(params: unknown): Problem {
  return isObject(params) ? undefined : `params must be an object, not ${describeValue(params)}`;
}

/** The InvalidParams error for a request, with the reason. */
export function invalidParams(method: string, reason: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: invalid params: ${reason}`);
}

function check(method: string, problem: Problem): void {
  if (problem) throw invalidParams(method, problem);
}

/** `textDocument/hover` and other position requests. */
export function checkTextDocumentPosition(method: string, params: unknown): asserts params is TextDocumentPositionParams {
  check(method, paramsObject(params));
  const p = params as Record<string, unknown>;
  check(method, textDocument(p) ?? position(p.position, 'position'));
}

/** `textDocument/codeAction`. */
export function checkCodeActionParams(method: string, params: unknown): asserts params is CodeActionParams {
  check(method, paramsObject(params));
  const p = params as Record<string, unknown>;
  check(method, textDocument(p) ?? range(p.range, 'range'));
  const context = p.context;
  if (!isObject(context)) throw invalidParams(method, `context must be an object { diagnostics }, not ${describeValue(context)}`);
  if (!Array.isArray(context.diagnostics)) throw invalidParams(method, `context.diagnostics must be an array, not ${describeValue(context.diagnostics)}`);
  context.diagnostics.forEach((d: unknown, i: number) => {
    const where = `context.diagnostics[${i}]`;
    if (!isObject(d)) throw invalidParams(method, `${where} must be a diagnostic object, not ${describeValue(d)}`);
    check(method, range(d.range, `${where}.range`));
  });
  if (context.only !== undefined && context.only !== null && !(Array.isArray(context.only) && context.only.every((k) => typeof k === 'string'))) {
    throw invalidParams(method, 'context.only must be an array of code action kinds (strings)');
  }
}

/**
 * `workspace/executeCommand`: the command is one of `commands` (a string), `arguments` absent or an array, checked by
 * that command's own check (which returns the reason when they are wrong).
 */
export function checkExecuteCommandParams(method: string, params: unknown, commands: Record<string, (args: unknown[]) => Problem>): asserts params is ExecuteCommandParams {
  check(method, paramsObject(params));
  const p = params as Record<string, unknown>;
  if (typeof p.command !== 'string') throw invalidParams(method, `command must be a string, not ${describeValue(p.command)}`);
  const args = p.arguments ?? [];
  if (!Array.isArray(args)) throw invalidParams(method, `arguments must be an array, not ${describeValue(args)}`);
  const checkArgs = Object.prototype.hasOwnProperty.call(commands, p.command) ? commands[p.command] : undefined;
  if (!checkArgs) throw invalidParams(method, `unknown command ${JSON.stringify(p.command.slice(0, 80))}`);
  check(method, checkArgs(args));
}

/** `codepayGuard/complianceReport`: `{ folderUri?, nonce?, cspSource? }`, each a string when given. */
export function checkComplianceReportParams(method: string, params: unknown): asserts params is { folderUri?: string; nonce?: string; cspSource?: string } {
  check(method, paramsObject(params));
  const p = params as Record<string, unknown>;
  for (const key of ['folderUri', 'nonce', 'cspSource']) {
    if (p[key] !== undefined && p[key] !== null && typeof p[key] !== 'string') throw invalidParams(method, `${key} must be a string, not ${describeValue(p[key])}`);
  }
}
