// Text edits for removing card-data fields: whole lines, list items with valid commas, statements; string offset maps.
import type { AstNode, TextChange } from '../../server/src/engine';

type Range = [number, number];
type Node = AstNode & { parent?: AstNode };

export function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset just after the line break that ends the line containing `at` (the text's end on the last line). */
export function nextLineStartOf(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** True when `[start, end)` plus an optional comma and line comment after it is all its lines hold. */
function standsAlone(text: string, start: number, end: number): { upTo: number } | undefined {
  if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, start), start))) return undefined;
  const nl = text.indexOf('\n', end);
  const rest = text.slice(end, nl < 0 ? text.length : nl);
  // Not `[ \t]*[,;]?[ \t\r]*`: with no separator, the two runs of blanks split a long run every way (quadratic).
  return /^[ \t]*(?:[,;\r][ \t\r]*)?(?:\/\/.*|\/\*.*\*\/[ \t\r]*)?$/.test(rest) ? { upTo: nextLineStartOf(text, end) } : undefined;
}

/**
 * Removes item `k` of a comma-separated JS list (object properties, array elements) inside `container`: the whole line
 * when the item stands alone on it (a comma left behind is a valid trailing comma), otherwise the item and one comma.
 */
export function removeListItem(text: string, items: readonly { range: Range }[], k: number, container: { range: Range }): TextChange[] {
  const [start, end] = items[k].range;
  const alone = standsAlone(text, start, end);
  if (alone) return [{ start: lineStartOf(text, start), end: alone.upTo, text: '' }];
  if (k + 1 < items.length) return [{ start, end: items[k + 1].range[0], text: '' }];
  if (k > 0) return [{ start: items[k - 1].range[1], end, text: '' }];
  return [{ start: container.range[0] + 1, end: container.range[1] - 1, text: '' }];
}

/** Removes a class member (with its decorators): its lines when it stands alone on them, else the member itself. */
export function removeMember(text: string, member: { range: Range }): TextChange[] {
  const [start, end] = member.range;
  const alone = standsAlone(text, start, end);
  if (alone) return [{ start: lineStartOf(text, start), end: alone.upTo, text: '' }];
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  return [{ start, end: after, text: '' }];
}

/**
 * The statement a call is, through method chains and `await` (`table.string('cvv').notNullable();`,
 * `await queryInterface.addColumn(…);`); undefined when the call is part of something larger.
 */
export function statementOfCall(call: AstNode): AstNode | undefined {
  let node = call as Node;
  for (let parent = node.parent; parent; node = parent as Node, parent = node.parent) {
    if (parent.type === 'ExpressionStatement') return parent;
    const continues =
      (parent.type === 'MemberExpression' && parent.object === node) ||
      (parent.type === 'CallExpression' && parent.callee === node) ||
      parent.type === 'AwaitExpression' || parent.type === 'ChainExpression';
    if (!continues) return undefined;
  }
  return undefined;
}

/** A string's content as the program sees it, with the source offset of each character (and one past the end). */
export interface DecodedString {
  text: string;
  offsets: number[];
  /** Source ranges of `${…}` parts, which edits must not cut into. */
  holes: Range[];
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Decodes raw string text starting at source offset `at`, appending to `out`. */
function decodeRaw(raw: string, at: number, out: DecodedString): void {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out.text += c;
      out.offsets.push(at + i);
      continue;
    }
    const next = raw[i + 1];
    let length = 2;
    let value: string;
    if (next === '\n') value = '';
    else if (next === '\r') { value = ''; if (raw[i + 2] === '\n') length = 3; }
    else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 2, i + 4))) { value = String.fromCharCode(parseInt(raw.slice(i + 2, i + 4), 16)); length = 4; }
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) { value = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)); length = 6; }
    else value = SIMPLE_ESCAPES[next] ?? next;
    for (const ch of value) {
      out.text += ch;
      out.offsets.push(at + i);
    }
    i += length - 1;
  }
}

/**
 * Decodes a string literal or template literal (each `${…}` becomes a neutral placeholder name), so SQL inside it can
 * be read and positions mapped back to the source.
 */
export function decodeStringNode(node: AstNode): DecodedString | undefined {
  const out: DecodedString = { text: '', offsets: [], holes: [] };
  if (node.type === 'Literal' && typeof node.value === 'string') {
    decodeRaw(node.raw.slice(1, -1), node.range[0] + 1, out);
    out.offsets.push(node.range[1] - 1);
    return out;
  }
  if (node.type !== 'TemplateLiteral') return undefined;
  node.quasis.forEach((quasi, i) => {
    decodeRaw(quasi.value.raw, quasi.range[0] + 1, out);
    const expression = node.expressions[i];
    if (!expression) return;
    const hole: Range = [quasi.range[1] - 2, node.quasis[i + 1].range[0] + 1];
    out.holes.push(hole);
    out.text += 'expr';
    out.offsets.push(hole[0], hole[0], hole[0], hole[0]);
  });
  out.offsets.push(node.range[1] - 1);
  return out;
}
