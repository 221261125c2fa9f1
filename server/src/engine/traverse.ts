// ONE depth-first traversal per file that dispatches every node to the visitors of all enabled rules.
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type Handler = (node: TSESTree.Node) => void;

/** Handlers merged from all rules: node type (or `Type:exit`) → handlers in rule order. */
export type DispatchTable = Map<string, Handler[]>;

export function addHandler(table: DispatchTable, key: string, handler: Handler): void {
  const list = table.get(key);
  if (list) list.push(handler);
  else table.set(key, [handler]);
}

/**
 * Walks the tree with an explicit stack (no recursion, so deeply nested input cannot overflow the call stack),
 * setting `parent` on each node and calling enter and `:exit` handlers. Returns the number of nodes visited.
 */
export function traverse(root: TSESTree.Program, table: DispatchTable): number {
  type Frame = { node: TSESTree.Node; exit: boolean };
  const stack: Frame[] = [{ node: root, exit: false }];
  let visited = 0;
  const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
  while (stack.length) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (frame.exit) {
      const exits = table.get(`${node.type}:exit`);
      if (exits) for (const h of exits) h(node);
      continue;
    }
    visited++;
    const enters = table.get(node.type);
    if (enters) for (const h of enters) h(node);
    stack.push({ node, exit: true });
    const keys = keysOf[node.type];
    if (!keys) continue;
    // Push children in reverse so they are visited in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i] as TSESTree.Node | null;
          if (c && typeof c.type === 'string') {
            (c as { parent?: TSESTree.Node }).parent = node;
            stack.push({ node: c, exit: false });
          }
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        (child as { parent?: TSESTree.Node }).parent = node;
        stack.push({ node: child as TSESTree.Node, exit: false });
      }
    }
  }
  return visited;
}
