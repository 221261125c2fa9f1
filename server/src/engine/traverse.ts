// ONE depth-first traversal per file that dispatches every node to the visitors of all enabled rules.
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type Handler = (node: TSESTree.Node) => void;

/**
 * Whoever registered a handler (a rule, or an analysis rules share). Once it has `failed`, its handlers are no longer
 * called; `fail` is told when one of them throws, and decides who else fails with it.
 */
export interface HandlerOwner {
  readonly failed: boolean;
  fail(error: unknown): void;
}

export interface Subscription {
  readonly visit: Handler;
  readonly owner: HandlerOwner;
}

/** Handlers merged from all rules: node type (or `Type:exit`) → handlers in rule order. */
export type DispatchTable = Map<string, Subscription[]>;

export function addHandler(table: DispatchTable, key: string, visit: Handler, owner: HandlerOwner): void {
  const subscription: Subscription = { visit, owner };
  const list = table.get(key);
  if (list) list.push(subscription);
  else table.set(key, [subscription]);
}

/**
 * Calls the handlers of one node. A handler that throws is its owner's failure, not the walk's: the owner is told and
 * the other handlers still run. (One try/catch here, rather than a guarding closure around every handler, saves a
 * call per handler and node: a few percent of a keystroke's analysis.)
 */
function dispatch(subscriptions: readonly Subscription[], node: TSESTree.Node): void {
  for (let h = 0; h < subscriptions.length; h++) {
    const { visit, owner } = subscriptions[h];
    if (owner.failed) continue;
    try {
      visit(node);
    } catch (err) {
      owner.fail(err);
    }
  }
}

/** Calls `visit` on each child node of `node`, in visitor-key order (null holes and non-node values skipped). */
export function forEachChild(node: TSESTree.Node, visit: (child: TSESTree.Node) => void): void {
  const keys = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? NO_KEYS;
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') visit(c as TSESTree.Node);
    } else if (child && typeof (child as TSESTree.Node).type === 'string') {
      visit(child as TSESTree.Node);
    }
  }
}

/** Nodes entered between two calls of `stop`: reading a clock per node would cost more than most visits. */
const STOP_CHECK_INTERVAL = 256;

/**
 * Walks the tree with an explicit stack (no recursion, so deeply nested input cannot overflow the call stack),
 * setting `parent` on each node and calling enter and `:exit` handlers. Returns the number of nodes visited.
 * `stop` (the time budget) is asked every few hundred nodes; once it says so the walk ends there, and the `:exit`
 * handlers of the nodes still open do not run.
 */
export function traverse(root: TSESTree.Program, table: DispatchTable, stop?: () => boolean): number {
  // What a node type needs, looked up once per type rather than three times per node: its enter handlers, its exit
  // handlers (exit frames only for the types someone listens to on exit) and its child keys.
  const byType = new Map<string, TypeInfo>();
  const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
  const infoOf = (type: string): TypeInfo => {
    let info = byType.get(type);
    if (!info) {
      info = { enters: table.get(type) ?? NONE, exits: table.get(`${type}:exit`), keys: keysOf[type] ?? NO_KEYS };
      byType.set(type, info);
    }
    return info;
  };
  // The stack holds nodes, or exit markers for them.
  const stack: Array<TSESTree.Node | ExitMarker> = [root];
  let visited = 0;
  while (stack.length) {
    const item = stack.pop()!;
    if (item instanceof ExitMarker) {
      dispatch(item.handlers, item.node);
      continue;
    }
    const node = item;
    if (stop && visited % STOP_CHECK_INTERVAL === STOP_CHECK_INTERVAL - 1 && stop()) break;
    visited++;
    const { enters, exits, keys } = infoOf(node.type);
    if (enters.length) dispatch(enters, node);
    if (exits) stack.push(new ExitMarker(node, exits));
    // Push children in reverse so they are visited in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i] as TSESTree.Node | null;
          if (c && typeof c.type === 'string') {
            (c as { parent?: TSESTree.Node }).parent = node;
            stack.push(c);
          }
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        (child as { parent?: TSESTree.Node }).parent = node;
        stack.push(child as TSESTree.Node);
      }
    }
  }
  return visited;
}

interface TypeInfo {
  enters: readonly Subscription[];
  exits: readonly Subscription[] | undefined;
  keys: readonly string[];
}

const NONE: readonly Subscription[] = [];
const NO_KEYS: readonly string[] = [];

class ExitMarker {
  constructor(readonly node: TSESTree.Node, readonly handlers: readonly Subscription[]) {}
}
