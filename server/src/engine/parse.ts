// Parsing JS/TS once with typescript-estree; a failure is data (message + offset), never an exception.
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScriptDialect } from './languages';

export type ParseOutcome =
  | { ok: true; ast: TSESTree.Program }
  | { ok: false; message: string; offset: number };

function tryParse(text: string, jsx: boolean, comments: boolean): ParseOutcome {
  try {
    const ast = parse(text, {
      range: true,
      // Asking for no `loc` costs more: the parser computes it anyway, then walks the tree again to delete it
      // (which also turns every node into a slow dictionary object). Positions for findings come from a line index.
      loc: true,
      comment: comments,
      tokens: false,
      jsx,
      errorOnUnknownASTType: false,
      allowInvalidAST: false,
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
export function parseScript(text: string, dialect: ScriptDialect, comments = true): ParseOutcome & { attempts: number } {
  const first = tryParse(text, dialect.jsx, comments);
  // Plain .js may or may not use JSX, and the two grammars conflict; retry the other way before giving up.
  if (!first.ok && !dialect.typescript) {
    const second = tryParse(text, !dialect.jsx, comments);
    if (second.ok) return { ...second, attempts: 2 };
  }
  return { ...first, attempts: first.ok || dialect.typescript ? 1 : 2 };
}
