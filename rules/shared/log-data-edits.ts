// Text edits for sensitive-data-in-log fixes: wrap values in a mask helper, remove them from the log call, add the helper.
import type { AstNode, TextChange } from '../../server/src/engine';
import { propertyKeyName } from './ast';
import type { DropTarget, LogSite } from './log-data-flow';

/** The helper the mask fix calls when the team has not named its own. */
export const DEFAULT_MASK_HELPER = 'maskSensitive';

/** Wraps every site in `helper(…)`; undefined when a site cannot be wrapped (a spread element). */
export function maskChanges(sites: readonly LogSite[], helper: string): TextChange[] | undefined {
  const changes: TextChange[] = [];
  for (const site of sites) {
    if (site.node.type === 'SpreadElement') return undefined;
    if (site.shorthand) {
      const key = propertyKeyName(site.shorthand);
      if (key === undefined) return undefined;
      changes.push({ start: site.shorthand.range[0], end: site.shorthand.range[1], text: `${key}: ${helper}(${key})` });
      continue;
    }
    changes.push({ start: site.node.range[0], end: site.node.range[0], text: `${helper}(` });
    changes.push({ start: site.node.range[1], end: site.node.range[1], text: ')' });
  }
  return changes;
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function nextLineStartOf(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** True when an item (with an optional comma and line comment after it) is all its lines hold. */
function standsAlone(text: string, item: AstNode): boolean {
  const [start, end] = item.range;
  if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, start), start))) return false;
  const nl = text.indexOf('\n', end);
  // Not `[ \t]*,?[ \t\r]*`: with the comma absent, the two runs of blanks split a long run every way (quadratic).
  return /^[ \t]*(?:[,\r][ \t\r]*)?(?:\/\/.*)?$/.test(text.slice(end, nl < 0 ? text.length : nl));
}

/**
 * Removes the given items of one comma-separated list: whole lines when each stands alone on its line (a comma left
 * behind is a valid trailing comma), otherwise each run of neighbouring items with the comma that separates it.
 */
function removeItems(text: string, items: readonly AstNode[], indices: readonly number[], container: AstNode): TextChange[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (sorted.every((i) => standsAlone(text, items[i]))) {
    return sorted.map((i) => ({ start: lineStartOf(text, items[i].range[0]), end: nextLineStartOf(text, items[i].range[1]), text: '' }));
  }
  const changes: TextChange[] = [];
  for (let k = 0; k < sorted.length;) {
    const first = sorted[k];
    let last = first;
    while (k + 1 < sorted.length && sorted[k + 1] === last + 1) last = sorted[++k];
    k++;
    if (last + 1 < items.length) changes.push({ start: items[first].range[0], end: items[last + 1].range[0], text: '' });
    else if (first > 0) changes.push({ start: items[first - 1].range[1], end: items[last].range[1], text: '' });
    else changes.push({ start: container.range[0] + 1, end: container.range[1] - 1, text: '' });
  }
  return changes;
}

/**
 * Removes every site from its object, array or argument list; undefined when a site has nowhere to be removed from
 * (inside a template or a concatenation) or when the log call would be left without arguments.
 */
export function dropChanges(text: string, sites: readonly LogSite[], call: AstNode & { arguments: readonly AstNode[] }): TextChange[] | undefined {
  const byContainer = new Map<AstNode, { target: DropTarget; indices: number[] }>();
  for (const site of sites) {
    if (!site.drop) return undefined;
    const entry = byContainer.get(site.drop.container) ?? { target: site.drop, indices: [] };
    entry.indices.push(site.drop.index);
    byContainer.set(site.drop.container, entry);
  }
  const changes: TextChange[] = [];
  for (const [container, { target, indices }] of byContainer) {
    if (container === call && new Set(indices).size >= call.arguments.length) return undefined;
    changes.push(...removeItems(text, target.items, indices, container));
  }
  return changes;
}

/** A small mask helper appended to the file: card numbers keep their last four digits, objects show only their keys. */
export function maskHelperSource(typescript: boolean): string {
  const param = typescript ? 'value: unknown' : 'value';
  const returns = typescript ? ': string' : '';
  return [
    '',
    '/** Desensitises a value before it is logged (guideline 2.2c): card numbers keep their last four digits, objects their keys only. */',
    `function ${DEFAULT_MASK_HELPER}(${param})${returns} {`,
    "  if (value !== null && typeof value === 'object') return `{${Object.keys(value).join(', ')}}`;",
    "  const digits = String(value ?? '').replace(/[\\s-]/g, '');",
    "  return /^\\d{12,19}$/.test(digits) ? `****${digits.slice(-4)}` : '****';",
    '}',
    '',
  ].join('\n');
}

/** Appends the helper at the end of the file (function declarations are hoisted, so calls above it work). */
export function appendHelperChange(text: string, typescript: boolean): TextChange {
  const separator = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { start: text.length, end: text.length, text: separator + maskHelperSource(typescript) };
}
