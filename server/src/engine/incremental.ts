// Re-parsing only what an edit touched. The previous version's top-level statements before the edit are kept as they
// are, those after it are kept and shifted, and only the statements in between are parsed (on their own) and spliced
// in. Whenever that could differ from a full parse of the new text, a full parse is done instead.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { forEachChild, TraversalCache } from './traverse';
import type { ScriptDialect } from './languages';
import { parseScript, parseText, type ScriptParse, type ScriptParser } from './parse';

/** Below this many characters a full parse takes a few milliseconds: not worth keeping a tree for. */
export const MIN_INCREMENTAL_CHARS = 4_000;
/** A re-parsed region larger than this share of the file (and than a few lines) is parsed as a whole file instead. */
const MAX_REGION_SHARE = 0.5;
const SMALL_REGION_CHARS = 2_000;
/** Times the region may grow by a statement (the new last statement could run on into the next one) before giving up. */
const MAX_GROWTH = 4;

type Program = TSESTree.Program;
type Node = TSESTree.Node;
type Position = TSESTree.Position;

interface ParseState {
  text: string;
  ast: Program;
  /** The nodes of each top-level statement that was shifted (see `shiftTree`), kept with the statement. */
  flat: WeakMap<Node, FlatTree>;
  jsx: boolean;
  typescript: boolean;
  comments: boolean;
  /** The tree was brought up to `text` by `prepare`, not yet handed to an analysis. */
  ahead?: boolean;
}

/** How the last parse was done, for statistics and tests. */
export type ParseMode = 'full' | 'incremental' | 'unchanged';

/**
 * A parser for one document that is edited over time (the editor's open file). It keeps the last tree that parsed
 * and, for the next version, re-parses only the top-level statements the edit touched. A version that does not parse
 * keeps the last good tree, so the next edit is compared with that. The result is always what a full parse of the
 * new text gives (tests compare the two over random edits); the kept tree is updated in place, so the caller must
 * not hold on to a previous version's tree.
 */
export class IncrementalParser implements ScriptParser {
  private state: ParseState | undefined;
  lastMode: ParseMode = 'full';
  /** The analysis replays its recorded walks of the statements kept from the previous version (see `traverse`). */
  readonly traversal = new TraversalCache();

  constructor(private readonly minChars = MIN_INCREMENTAL_CHARS) {}

  parse(text: string, dialect: ScriptDialect, comments: boolean): ScriptParse {
    const state = this.state;
    if (state && text.length >= this.minChars && state.comments === comments && state.jsx === dialect.jsx && state.typescript === dialect.typescript) {
      const unchanged = text === state.text;
      const ast = unchanged ? state.ast : this.reparseOrForget(state, text);
      if (ast) {
        this.lastMode = unchanged ? 'unchanged' : 'incremental';
        this.state = { ...state, text, ast, ahead: false };
        return { ok: true, ast, attempts: 1, jsx: state.jsx, reused: true, ahead: unchanged && state.ahead === true };
      }
    }
    this.lastMode = 'full';
    const full = parseScript(text, dialect, comments);
    // A version that does not parse keeps the last good tree: the next edit is compared with that. Only a tree from the
    // dialect's first JSX mode is kept: a plain .js file that needed the other mode is parsed in full each time, as
    // parseScript would (the first mode might succeed again after an edit).
    // A small file keeps no tree (it is parsed in full anyway).
    if (full.ok) {
      this.state = full.jsx === dialect.jsx && text.length >= this.minChars
        ? { text, ast: full.ast, flat: new WeakMap(), jsx: dialect.jsx, typescript: dialect.typescript, comments }
        : undefined;
    }
    return full;
  }

  /**
   * Brings the kept tree up to `text` ahead of its analysis: the language server's worker does it as each edit of an
   * open document arrives, while the server waits for typing to pause, and the analysis of that text then finds it
   * parsed. Does nothing without a kept tree (or with a text too small to keep one), or when the edit cannot be parsed
   * incrementally: the analysis parses as it would have. Never throws.
   */
  prepare(text: string): void {
    const state = this.state;
    if (!state || text === state.text || text.length < this.minChars) return;
    const ast = this.reparseOrForget(state, text);
    if (ast) this.state = { ...state, text, ast, ahead: true };
  }

  /** The kept tree brought up to `text` (undefined: not incrementally); a failure forgets the kept tree. */
  private reparseOrForget(state: ParseState, text: string): Program | undefined {
    try {
      return reparse(state, text);
    } catch {
      // reparse changes the kept tree only once the result is certain; a failure while splicing leaves it unusable.
      this.state = undefined;
      return undefined;
    }
  }

  /** Forget the kept tree (the document closed, or memory is needed). */
  reset(): void {
    this.state = undefined;
    this.traversal.clear();
  }
}

/**
 * Whether a top-level statement ends where it ends whatever follows it. Without a semicolon, `a = b` followed by
 * `(c)` on the next line is one call, and `if (x) {}` followed by `else {}` one statement; a declaration ending in `}`
 * cannot be continued.
 */
function endsDefinitively(node: Node, text: string): boolean {
  if (text.charCodeAt(node.range[1] - 1) === 59 /* ; */) return true;
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'TSInterfaceDeclaration':
    case 'TSEnumDeclaration':
    case 'TSModuleDeclaration':
    case 'BlockStatement':
    case 'SwitchStatement':
      return text.charCodeAt(node.range[1] - 1) === 125 /* } */;
    case 'ExportNamedDeclaration':
      return node.declaration !== null && node.declaration !== undefined && endsDefinitively(node.declaration, text) && node.declaration.range[1] === node.range[1];
    default:
      return false;
  }
}

/** Statements that make TypeScript treat the file as a module (`sourceType: 'module'`), as `isFileProbablyExternalModule`. */
function isModuleIndicator(node: Node): boolean {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportAllDeclaration':
    case 'TSExportAssignment':
      return true;
    case 'TSImportEqualsDeclaration':
      return node.moduleReference.type === 'TSExternalModuleReference' || (node as { isExport?: boolean }).isExport === true;
    default:
      return false;
  }
}

function isStringStatement(node: Node | undefined): boolean {
  return node?.type === 'ExpressionStatement' && node.expression.type === 'Literal' && typeof node.expression.value === 'string';
}

/** Index of the first statement ending at or after `offset` (statements are in source order). */
function firstEndingFrom(body: readonly Node[], offset: number): number {
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (body[mid].range[1] >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last statement starting at or before `offset`, or -1. */
function lastStartingBy(body: readonly Node[], offset: number): number {
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (body[mid].range[0] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** Line breaks in text[from, to) as TypeScript counts them (`\r\n` is one). */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 13) {
      if (text.charCodeAt(k + 1) !== 10 || k + 1 >= to) n++;
    } else if (isLineBreak(c)) {
      n++;
    }
  }
  return n;
}

/** Column (UTF-16 units from the line start) of an offset. */
function columnAt(text: string, offset: number): number {
  let k = offset - 1;
  while (k >= 0 && !isLineBreak(text.charCodeAt(k))) k--;
  return offset - (k + 1);
}

/** Moves positions: every position on line `onLine` moves `columns` to the right, then every line moves by `lines`. */
interface Shift {
  offset: number;
  onLine: number;
  columns: number;
  lines: number;
}

function shiftPosition(pos: Position, shift: Shift): Position {
  if (pos.line !== shift.onLine && shift.lines === 0) return pos;
  return { line: pos.line + shift.lines, column: pos.line === shift.onLine ? pos.column + shift.columns : pos.column };
}

/** Moves one position in place (`shiftPosition`, without a new object). */
function shiftPositionInPlace(pos: Position, shift: Shift): void {
  if (pos.line === shift.onLine) pos.column += shift.columns;
  pos.line += shift.lines;
}

type Located = { range: [number, number]; loc: TSESTree.SourceLocation };

/**
 * Shifts one node's range and location in place: a keystroke in a large file moves every node after it, and new
 * arrays and positions for all of them (old objects pointing at young ones) cost the garbage collector more than the
 * shift itself. The parser shares a range array between a node and its child (an import's default specifier and its
 * identifier, a type annotation and its type): a child's range, location or position that is its parent's object is
 * not moved a second time.
 */
function shiftNode(node: Located, shift: Shift, parent?: Located): void {
  const { range, loc } = node;
  if (shift.offset !== 0 && range !== parent?.range) {
    range[0] += shift.offset;
    range[1] += shift.offset;
  }
  if (shift.lines === 0 && loc.start.line !== shift.onLine && loc.end.line !== shift.onLine) return;
  if (loc === parent?.loc) return;
  if (loc.start !== parent?.loc.start && loc.start !== parent?.loc.end) shiftPositionInPlace(loc.start, shift);
  if (loc.end !== loc.start && loc.end !== parent?.loc.start && loc.end !== parent?.loc.end) shiftPositionInPlace(loc.end, shift);
}

/** A subtree's nodes in walk order, each with the index of its parent among them (-1 for the subtree's root). */
interface FlatTree {
  nodes: Node[];
  parents: Int32Array;
}

/** Lists a subtree's nodes (iteratively: trees can be deep). */
function flatten(root: Node): FlatTree {
  const nodes: Node[] = [];
  const parents: number[] = [];
  const stack: Node[] = [root];
  const stackParents: number[] = [-1];
  let index = 0;
  const push = (child: Node) => {
    stack.push(child);
    stackParents.push(index);
  };
  while (stack.length) {
    const node = stack.pop()!;
    index = nodes.length;
    nodes.push(node);
    parents.push(stackParents.pop()!);
    forEachChild(node, push);
  }
  return { nodes, parents: Int32Array.from(parents) };
}

/**
 * Shifts a top-level statement's ranges and positions. A statement after the edit moves at every keystroke before it,
 * and its subtree never changes while it is kept: its nodes are listed the first time it moves, and the next shifts go
 * down that list instead of walking the subtree again.
 */
function shiftTree(root: Node, shift: Shift, flat: WeakMap<Node, FlatTree>): void {
  let tree = flat.get(root);
  if (!tree) {
    tree = flatten(root);
    flat.set(root, tree);
  }
  const { nodes, parents } = tree;
  for (let i = 0; i < nodes.length; i++) {
    const parent = parents[i];
    shiftNode(nodes[i], shift, parent < 0 ? undefined : nodes[parent]);
  }
}

const noShift = (shift: Shift) => shift.offset === 0 && shift.lines === 0 && shift.columns === 0;

/**
 * Characters compared at a time while looking for the edit: comparing two slices runs in the runtime, several times
 * faster per character than a loop of charCodeAt (a keystroke compares the whole file).
 */
const COMPARE_CHUNK = 2048;

/** Length of the common prefix of two texts (at most `limit`). */
export function commonPrefix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + COMPARE_CHUNK <= limit && a.slice(n, n + COMPARE_CHUNK) === b.slice(n, n + COMPARE_CHUNK)) n += COMPARE_CHUNK;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Length of the common suffix of two texts (at most `limit`). */
export function commonSuffix(a: string, b: string, limit: number): number {
  const aLen = a.length;
  const bLen = b.length;
  let n = 0;
  while (n + COMPARE_CHUNK <= limit && a.slice(aLen - n - COMPARE_CHUNK, aLen - n) === b.slice(bLen - n - COMPARE_CHUNK, bLen - n)) n += COMPARE_CHUNK;
  while (n < limit && a.charCodeAt(aLen - 1 - n) === b.charCodeAt(bLen - 1 - n)) n++;
  return n;
}

/**
 * The tree of `text` built from the previous version's tree, or undefined when that is not possible or not safe (the
 * caller then parses the whole text). Changes the previous tree in place only once the result is certain.
 */
function reparse(state: ParseState, text: string): Program | undefined {
  const old = state.text;
  const previous = state.ast;
  const body = previous.body;
  const oldLen = old.length;
  const newLen = text.length;

  // The edit: what lies between the common prefix and the common suffix of the two versions.
  const common = Math.min(oldLen, newLen);
  const prefix = commonPrefix(old, text, common);
  const suffix = commonSuffix(old, text, common - prefix);
  const editEnd = oldLen - suffix;
  const delta = newLen - oldLen;

  // Statements the edit touches (touching an end counts), widened backwards until the statement before the region
  // cannot run on into it. Statements before `first` and after `last` are kept.
  let first = firstEndingFrom(body, prefix);
  let last = lastStartingBy(body, editEnd);
  while (first > 0 && !endsDefinitively(body[first - 1], old)) first--;

  for (let growth = 0; growth <= MAX_GROWTH; growth++) {
    const regionStart = first > 0 ? body[first - 1].range[1] : 0;
    const next = body[last + 1] as Node | undefined;
    const regionEndOld = next ? next.range[0] : oldLen;
    const regionEndNew = regionEndOld + delta;
    const regionLength = regionEndNew - regionStart;
    if (regionLength > SMALL_REGION_CHARS && regionLength > MAX_REGION_SHARE * newLen) return undefined;

    const chunkText = text.slice(regionStart, regionEndNew);
    const chunk = parseText(chunkText, state.jsx, state.comments, previous.sourceType === 'module');
    if (!chunk.ok) return undefined;
    const statements = chunk.ast.body;
    const lastNew = statements[statements.length - 1] as Node | undefined;
    // The new last statement could continue into the next kept one: take that one into the region too.
    if (next && lastNew && !endsDefinitively(lastNew, chunkText)) {
      last++;
      continue;
    }
    // Directive prologues ("use strict") depend on the statements before: parsed alone, a string statement would be
    // one; and a kept string statement after the region may become one or stop being one.
    if (first > 0 && statements.some((s) => (s as { directive?: string }).directive !== undefined)) return undefined;
    if (isStringStatement(next)) return undefined;

    // The file stays a module, or a script: otherwise `await` at the top level parses differently, parse it all.
    // (The fragment was parsed as a module when the file is one.) `import.meta` anywhere makes a module too.
    let indicators = statements.some(isModuleIndicator);
    for (let i = 0; !indicators && i < body.length; i++) if ((i < first || i > last) && isModuleIndicator(body[i])) indicators = true;
    if (!indicators && text.includes('import.meta')) return undefined;
    if ((indicators ? 'module' : 'script') !== previous.sourceType) return undefined;

    // Certain now: splice. The ends of both programs are read before any node moves (they may share positions).
    const chunkEnd: Position = { ...chunk.ast.loc.end };
    const previousEnd: Position = { ...previous.loc.end };
    // New statements move from the chunk's coordinates to the file's.
    const startPos: Position = first > 0 ? { ...body[first - 1].loc.end } : { line: 1, column: 0 };
    const toFile: Shift = { offset: regionStart, onLine: 1, columns: startPos.column, lines: startPos.line - 1 };
    for (const statement of statements) shiftTree(statement, toFile, state.flat);

    // Kept statements after the region move by the edit's length; those on the region's last line also sideways.
    const after: Shift = next
      ? {
        offset: delta,
        onLine: next.loc.start.line,
        columns: columnAt(text, regionEndNew) - next.loc.start.column,
        lines: countLineBreaks(text, regionStart, regionEndNew) - countLineBreaks(old, regionStart, regionEndOld),
      }
      : { offset: 0, onLine: 0, columns: 0, lines: 0 };
    const tail = body.slice(last + 1);
    if (!noShift(after)) for (const statement of tail) shiftTree(statement, after, state.flat);

    if (state.comments) {
      const comments = previous.comments ?? [];
      const before = comments.filter((c) => c.range[1] <= regionStart);
      const later = comments.filter((c) => c.range[0] >= regionEndOld);
      for (const c of chunk.ast.comments ?? []) shiftNode(c, toFile);
      if (!noShift(after)) for (const c of later) shiftNode(c, after);
      previous.comments = [...before, ...(chunk.ast.comments ?? []), ...later];
    }

    // The program spans the whole text.
    previous.loc = { start: previous.loc.start, end: next ? shiftPosition(previousEnd, after) : shiftPosition(chunkEnd, toFile) };
    previous.range = [0, newLen];
    previous.body = [...body.slice(0, first), ...statements, ...tail];
    return previous;
  }
  return undefined;
}
