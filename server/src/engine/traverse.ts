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
 *
 * With a `cache` (an open document's, kept by its IncrementalParser), each top-level statement's walk is recorded: the
 * nodes someone listens to, in the order their handlers ran. The next version's tree keeps the statements an edit did
 * not touch (the same objects, shifted in place), and for those the recording is replayed: the same handlers on the
 * same nodes in the same order, without walking the nodes no rule watches or reading any node's children again.
 */
export function traverse(root: TSESTree.Program, table: DispatchTable, stop?: () => boolean, cache?: TraversalCache): number {
  const walk = new Walk(table, stop, cache?.use(table));
  if (!walk.recorder || root.type !== 'Program') return walk.subtree(root);
  const { enters, exits } = walk.infoOf('Program');
  if (enters.length) dispatch(enters, root);
  let visited = 1;
  let replays = 0;
  for (const statement of root.body) {
    (statement as { parent?: TSESTree.Node }).parent = root;
    const replayed = walk.replay(statement);
    if (replayed >= 0) replays++;
    visited += replayed < 0 ? walk.subtree(statement) : replayed;
    if (walk.stopped) break;
  }
  cache!.lastReplays = replays;
  if (walk.stopped) return visited;
  if (exits) dispatch(exits, root);
  return visited;
}

/** One traversal: its handlers per node type, its time budget, and the recorder of an open document's walks. */
class Walk {
  /** What a node type needs, looked up once per type rather than three times per node. */
  private readonly byType = new Map<string, TypeInfo>();
  private count = 0;
  stopped = false;

  constructor(private readonly table: DispatchTable, private readonly stop: (() => boolean) | undefined, readonly recorder: Recorder | undefined) {}

  infoOf(type: string): TypeInfo {
    let info = this.byType.get(type);
    if (!info) {
      const enters = this.table.get(type) ?? NONE;
      const exits = this.table.get(`${type}:exit`);
      info = {
        enters, exits, keys: (visitorKeys as Record<string, readonly string[] | undefined>)[type] ?? NO_KEYS,
        enterCode: this.recorder && enters.length ? this.recorder.code(type, enters) : -1,
        exitCode: this.recorder && exits ? this.recorder.code(`${type}:exit`, exits) : -1,
      };
      this.byType.set(type, info);
    }
    return info;
  }

  /** Asks the time budget every few hundred nodes. */
  private expired(): boolean {
    if (this.stop && ++this.count % STOP_CHECK_INTERVAL === 0 && this.stop()) this.stopped = true;
    return this.stopped;
  }

  /**
   * Replays the recorded walk of a statement kept from the previous version: the number of nodes it covers, or -1 when
   * there is no recording of it.
   */
  replay(statement: TSESTree.Node): number {
    const recording = this.recorder?.recordings.get(statement);
    if (!recording) return -1;
    const { nodes, codes } = recording;
    const lists = this.recorder!.lists;
    for (let i = 0; i < nodes.length; i++) {
      if (this.expired()) break;
      dispatch(lists[codes[i]], nodes[i]);
    }
    return recording.visited;
  }

  /** Walks a subtree (recording it when there is a recorder); the number of nodes visited. */
  subtree(top: TSESTree.Node): number {
    const recording: Recording | undefined = this.recorder ? { nodes: [], codes: [], visited: 0 } : undefined;
    // The stack holds nodes, or exit markers for them.
    const stack: Array<TSESTree.Node | ExitMarker> = [top];
    let visited = 0;
    while (stack.length) {
      const item = stack.pop()!;
      if (item instanceof ExitMarker) {
        dispatch(item.info.exits!, item.node);
        if (recording) {
          recording.nodes.push(item.node);
          recording.codes.push(item.info.exitCode);
        }
        continue;
      }
      const node = item;
      if (this.expired()) return visited;
      visited++;
      const info = this.infoOf(node.type);
      const { enters, exits, keys } = info;
      if (enters.length) {
        dispatch(enters, node);
        if (recording) {
          recording.nodes.push(node);
          recording.codes.push(info.enterCode);
        }
      }
      if (exits) stack.push(new ExitMarker(node, info));
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
    if (recording) {
      recording.visited = visited;
      this.recorder!.recordings.set(top, recording);
    }
    return visited;
  }
}

/** The recorded walk of one top-level statement: the nodes someone listens to, and which handlers ran on each. */
interface Recording {
  nodes: TSESTree.Node[];
  /** Per entry of `nodes`: the code of its handler key (the node type, or `Type:exit`). */
  codes: number[];
  /** Nodes in the statement's subtree (the traversal's count). */
  visited: number;
}

/** The recordings of one traversal's handler set, and the handlers of this traversal per code. */
interface Recorder {
  recordings: WeakMap<TSESTree.Node, Recording>;
  lists: Array<readonly Subscription[]>;
  code(key: string, list: readonly Subscription[]): number;
}

/**
 * Recorded walks of an open document's top-level statements (see `traverse`). A recording stays valid as long as the
 * handlers listen to the same node types: another set of rules (the pre-filter selected others, or the configuration
 * changed) starts over. Statements are weak keys, so recordings go with the statements an edit replaced.
 */
export class TraversalCache {
  /** Top-level statements whose recorded walk the last traversal replayed (for tests and statistics). */
  lastReplays = 0;
  private signature: string | undefined;
  private recordings = new WeakMap<TSESTree.Node, Recording>();
  private codes = new Map<string, number>();

  /** The recorder for a traversal with these handlers. */
  use(table: DispatchTable): Recorder {
    const signature = [...table.keys()].sort().join(' ');
    if (signature !== this.signature) {
      this.clear();
      this.signature = signature;
    }
    const { codes, recordings } = this;
    const lists: Array<readonly Subscription[]> = [];
    for (const [key, code] of codes) lists[code] = table.get(key) ?? NONE;
    return {
      recordings,
      lists,
      code(key, list) {
        let code = codes.get(key);
        if (code === undefined) {
          code = codes.size;
          codes.set(key, code);
        }
        lists[code] = list;
        return code;
      },
    };
  }

  clear(): void {
    this.signature = undefined;
    this.recordings = new WeakMap();
    this.codes = new Map();
  }
}

interface TypeInfo {
  enters: readonly Subscription[];
  exits: readonly Subscription[] | undefined;
  keys: readonly string[];
  /** Codes of the type's enter and exit handler keys in the recorder (-1: none, or no recorder). */
  enterCode: number;
  exitCode: number;
}

const NONE: readonly Subscription[] = [];
const NO_KEYS: readonly string[] = [];

class ExitMarker {
  constructor(readonly node: TSESTree.Node, readonly info: TypeInfo) {}
}
