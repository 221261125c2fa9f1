// Parsing JS/TS once with typescript-estree; a failure is data (message + offset), never an exception.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScriptDialect } from './languages';
import type { TraversalCache } from './traverse';

export type ParseOutcome =
  | { ok: true; ast: TSESTree.Program }
  | { ok: false; message: string; offset: number };

/**
 * A parse and what it cost: `attempts` parser runs, in which JSX mode it succeeded, whether a previous tree was reused,
 * and whether the text had been parsed ahead of the analysis (IncrementalParser.prepare).
 */
export type ScriptParse = ParseOutcome & { attempts: number; jsx?: boolean; reused?: boolean; ahead?: boolean };

type Parser = typeof import('@typescript-eslint/typescript-estree');
// The engine is compiled without Node's types (it does no I/O); CommonJS `require` is all it needs here.
declare const require: (id: string) => unknown;
let parser: Parser | undefined;

/**
 * The parser, loaded on first use: it brings TypeScript (megabytes of code, ≈ 70 MB of memory), which processes that
 * only read configuration or rule metadata (the language server's main thread) never need.
 */
export function tsestree(): Parser {
  parser ??= require('@typescript-eslint/typescript-estree') as Parser;
  return parser;
}

/**
 * Parses text as one script (or a fragment of top-level statements) in the given JSX mode. `module` forces module
 * parsing (top-level `await`), as when the fragment's file is a module; otherwise the text decides, as for a file.
 */
export function parseText(text: string, jsx: boolean, comments: boolean, module = false): ParseOutcome {
  try {
    const ast = tsestree().parse(text, {
      ...(module ? { sourceType: 'module' as const } : {}),
      range: true,
      // Asking for no `loc` costs more: the parser computes it anyway, then walks the tree again to delete it
      // (which also turns every node into a slow dictionary object). Positions for findings come from a line index.
      loc: true,
      comment: comments,
      tokens: false,
      jsx,
      errorOnUnknownASTType: false,
      // TypeScript's own syntax errors still fail the parse. What this skips is typescript-estree's second pass of
      // checks for code TypeScript accepts but ESTree forbids (modifiers where none may stand, `throw` with its
      // expression on the next line…): ≈ 12% of the parse, for errors the compiler reports anyway. Such code is
      // analysed like any other; the rules take every shape the tree types allow, and a visitor that throws costs only
      // its own rule on that file.
      allowInvalidAST: true,
      loggerFn: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ok: true, ast };
  } catch (err) {
    // The parser recurses per nesting level; pathological nesting overflows it. Treat that as unparseable.
    if (err instanceof RangeError) return { ok: false, message: 'code is too deeply nested to parse', offset: 0 };
    const e = err as { message?: string; index?: number; location?: { start?: { offset?: number } } };
    const offset = typeof e.index === 'number' ? e.index : (e.location?.start?.offset ?? 0);
    return { ok: false, message: String(e?.message ?? err).split('\n')[0], offset };
  }
}

/**
 * Parses a script; `attempts` counts parser runs (a second one only when plain JS failed with the first JSX mode).
 * Only ranges are asked for (positions are computed lazily from a line index), and comments only when needed.
 */
export function parseScript(text: string, dialect: ScriptDialect, comments = true): ScriptParse {
  const first = parseText(text, dialect.jsx, comments);
  if (first.ok) return { ...first, attempts: 1, jsx: dialect.jsx };
  // Plain .js may or may not use JSX, and the two grammars conflict; retry the other way before giving up.
  if (!dialect.typescript) {
    const second = parseText(text, !dialect.jsx, comments);
    if (second.ok) return { ...second, attempts: 2, jsx: !dialect.jsx };
    return { ...first, attempts: 2 };
  }
  return { ...first, attempts: 1 };
}

/** Something that turns script text into a tree: a plain parse, or one that reuses the previous version's tree. */
export interface ScriptParser {
  parse(text: string, dialect: ScriptDialect, comments: boolean): ScriptParse;
  /** Recorded walks of the trees this parser gives, for the statements it keeps from one version to the next. */
  readonly traversal?: TraversalCache;
}

export const fullParser: ScriptParser = { parse: parseScript };
