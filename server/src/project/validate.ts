// Validating configuration against the team-config schema, with the place of every problem in the file.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { createScanner, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { compileTeamPattern, LineIndex, type Config } from '../engine';
import { ruleDocUrl, RULES } from '../../../rules';
import { teamConfigSchema } from './schema';

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** A problem in a configuration file, located for an editor diagnostic and a CLI message. */
export interface ConfigProblem {
  /** Absolute path of the file the problem is in. */
  file: string;
  severity: ProblemSeverity;
  message: string;
  offset: number;
  length: number;
  /** 1-based. */
  line: number;
  column: number;
}

/**
 * Objects and arrays nested deeper than this are rejected before the file is parsed: jsonc-parser and ajv recurse
 * (a few thousand levels overflow the stack), and no real configuration comes close.
 */
export const MAX_CONFIG_DEPTH = 64;

/** The message of a configuration nested deeper than {@link MAX_CONFIG_DEPTH}. */
export const TOO_DEEP_MESSAGE = `nested too deeply (more than ${MAX_CONFIG_DEPTH} levels)`;

// jsonc-parser's SyntaxKind (a const enum in its typings) for the tokens the depth scan counts.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/**
 * Where JSON-with-comments text first nests objects or arrays more than `limit` deep: the offset of the bracket that
 * opens level `limit + 1`, or undefined. A linear token scan without recursion (strings and comments are skipped by the
 * scanner), so it is safe on any input.
 */
export function excessiveNesting(text: string, limit = MAX_CONFIG_DEPTH): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > limit) return scanner.getTokenOffset();
    } else if ((token === CLOSE_BRACE || token === CLOSE_BRACKET) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Whether a parsed value (settings from the client) nests objects or arrays more than `limit` deep; iterative. */
export function nestedTooDeeply(value: unknown, limit = MAX_CONFIG_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    if (depth + 1 > limit) return true;
    seen.add(current);
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

let validator: ValidateFunction | undefined;

/** The compiled schema validator (compiled once, on first use). */
function schemaValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(teamConfigSchema(RULES, ruleDocUrl));
  return validator;
}

type Segment = string | number;

function segmentsOf(instancePath: string): Segment[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const KEYWORD_RANK: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, pattern: 3, minLength: 3, maxLength: 3, minimum: 3, uniqueItems: 3, minItems: 3, maxItems: 3, type: 4 };

/** One readable sentence per failing place: the most specific error where a value broke several alternatives. */
function describe(error: ErrorObject): { path: Segment[]; message: string; atKey?: string } {
  const path = segmentsOf(error.instancePath);
  const where = path.length ? `"${path.join('.')}"` : 'the file';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const parent = path[path.length - 1];
      if (path.length === 1 && path[0] === 'rules') return { path, atKey: key, message: `unknown rule "${key}" (see the rule list in the README)` };
      if (path.length === 3 && path[0] === 'rules' && path[2] === 1) return { path, atKey: key, message: `rule "${path[1]}" has no option "${key}"` };
      return { path, atKey: key, message: parent === undefined ? `unknown setting "${key}"` : `unknown key "${key}" in ${where}` };
    }
    case 'enum':
      return { path, message: `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'required':
      return { path, message: `${where} needs "${String(p.missingProperty)}"` };
    default:
      return { path, message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

function pickErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // `anyOf` reports every failed alternative; per place, keep the most telling one.
  const byPlace = new Map<string, ErrorObject>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const key = e.keyword === 'additionalProperties' ? `${e.instancePath}\u0000${String((e.params as Record<string, unknown>).additionalProperty)}` : e.instancePath;
    const seen = byPlace.get(key);
    if (!seen || (KEYWORD_RANK[e.keyword] ?? 5) < (KEYWORD_RANK[seen.keyword] ?? 5)) byPlace.set(key, e);
  }
  // A value that is a plain severity string failed the `[severity, options]` alternative's `type` too: drop errors
  // on a place that also has a more specific error below it.
  const places = [...byPlace.values()];
  return places.filter((e) => !(e.keyword === 'type' && places.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`))));
}

export interface ValidationResult {
  /** The valid part of the configuration (every top-level key that had a problem is left out). */
  config: Config;
  /** `extends` entries, as written. */
  extends: string[];
  problems: ConfigProblem[];
}

interface Located {
  file: string;
  lines?: LineIndex;
  tree?: JsonNode;
}

function locate(at: Located, path: Segment[], atKey: string | undefined, severity: ProblemSeverity, message: string): ConfigProblem {
  let node = at.tree && path.length ? findNodeAtLocation(at.tree, path) : at.tree;
  if (node && atKey !== undefined) {
    const property = node.children?.find((c) => c.type === 'property' && c.children?.[0]?.value === atKey);
    node = property?.children?.[0] ?? node;
  }
  // A property's value is located; for the whole file, its first character.
  const offset = node && node !== at.tree ? node.offset : 0;
  const length = node && node !== at.tree ? node.length : 1;
  const pos = at.lines?.positionAt(offset) ?? { line: 1, column: 1 };
  return { file: at.file, severity, message, offset, length, line: pos.line, column: pos.column };
}

/** Checks a configuration object (parsed team file or editor settings) against the schema, then its team patterns. */
export function validateConfig(raw: unknown, at: Located): ValidationResult {
  const problems: ConfigProblem[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(locate(at, [], undefined, 'error', 'the configuration must be a JSON object'));
    return { config: {}, extends: [], problems };
  }
  if (nestedTooDeeply(raw)) {
    problems.push(locate(at, [], undefined, 'error', `the configuration is ${TOO_DEEP_MESSAGE}`));
    return { config: {}, extends: [], problems };
  }
  const object = raw as Record<string, unknown>;
  const validate = schemaValidator();
  const badKeys = new Set<string>();
  if (!validate(object)) {
    for (const error of pickErrors(validate.errors ?? [])) {
      const { path, message, atKey } = describe(error);
      badKeys.add(String(path[0] ?? atKey ?? ''));
      problems.push(locate(at, path, atKey, 'error', message));
    }
  }
  // Team patterns are code the tool will run: each must compile and be free of catastrophic backtracking.
  const patternLists: Array<{ path: Segment[]; list: unknown }> = [
    { path: ['secrets', 'patterns'], list: (object.secrets as Record<string, unknown> | undefined)?.patterns },
  ];
  const secretRule = (object.rules as Record<string, unknown> | undefined)?.['hardcoded-secret'];
  if (Array.isArray(secretRule)) patternLists.push({ path: ['rules', 'hardcoded-secret', 1, 'patterns'], list: (secretRule[1] as Record<string, unknown> | undefined)?.patterns });
  for (const { path, list } of patternLists) {
    if (!Array.isArray(list)) continue;
    list.forEach((p, i) => {
      const regex = (p as Record<string, unknown> | null)?.regex;
      const flags = (p as Record<string, unknown> | null)?.flags;
      if (typeof regex !== 'string') return;
      const checked = compileTeamPattern(regex, typeof flags === 'string' ? flags : '');
      if (checked.ok) return;
      badKeys.add(String(path[0]));
      problems.push(locate(at, [...path, i, 'regex'], undefined, 'error', `secret pattern "${String((p as Record<string, unknown>).id)}": ${checked.reason}`));
    });
  }
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === '$schema' || key === 'extends' || badKeys.has(key)) continue;
    config[key] = value;
  }
  const ext = object.extends;
  const extendsList = badKeys.has('extends') ? [] : typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.filter((e): e is string => typeof e === 'string') : [];
  return { config: config as Config, extends: extendsList, problems };
}

/** Parses and validates the text of a JSON-with-comments configuration file. */
export function validateConfigText(text: string, file: string): ValidationResult {
  const lines = new LineIndex(text);
  const deep = excessiveNesting(text);
  if (deep !== undefined) {
    const pos = lines.positionAt(deep);
    return { config: {}, extends: [], problems: [{ file, severity: 'error', message: TOO_DEEP_MESSAGE, offset: deep, length: 1, line: pos.line, column: pos.column }] };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    const problems = errors.slice(0, 5).map((e) => {
      const pos = lines.positionAt(e.offset);
      return { file, severity: 'error' as const, message: `invalid JSON: ${describeParseError(printParseErrorCode(e.error))}`, offset: e.offset, length: Math.max(1, e.length), line: pos.line, column: pos.column };
    });
    if (!problems.length) problems.push({ file, severity: 'error', message: 'the file is empty', offset: 0, length: 0, line: 1, column: 1 });
    return { config: {}, extends: [], problems };
  }
  try {
    return validateConfig(getNodeValue(tree), { file, lines, tree });
  } catch (err) {
    // Last line of defence (the depth check above should make this unreachable): a located problem, never a crash.
    const why = err instanceof RangeError ? `is ${TOO_DEEP_MESSAGE}` : 'could not be validated';
    return { config: {}, extends: [], problems: [{ file, severity: 'error', message: `the configuration ${why}`, offset: 0, length: 1, line: 1, column: 1 }] };
  }
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
