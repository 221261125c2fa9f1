// Per-file analyses shared by several rules (`RuleContext.shared`): built once, their visitors dispatched once.
import { addHandler, type DispatchTable, type Handler, type HandlerOwner } from './traverse';
import type { SharedAnalysis } from './types';

/** One shared analysis of a file. When one of its visitors throws, every rule that uses it fails. */
class Entry implements HandlerOwner {
  value: SharedAnalysis = { visitors: {} };
  /** Rules that asked for it, directly or through another shared analysis. */
  readonly consumers: HandlerOwner[] = [];
  /** Shared analyses its `create` asked for: whoever uses this one uses those too. */
  readonly uses: Entry[] = [];
  failed = false;

  fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    for (const consumer of this.consumers) consumer.fail(error);
  }
}

/**
 * The shared analyses of one file. A rule that asks for one becomes its consumer, and the consumer of everything that
 * one was built from; when a shared visitor throws, all its consumers fail, as they would have had each built its own
 * copy (each with the note a rule's own failure gives).
 */
export class SharedAnalyses {
  private readonly entries = new Map<string, Entry>();
  /** Entries whose `create` is running: the innermost one uses whatever is asked for now. */
  private readonly building: Entry[] = [];

  /** @param table where visitors go; none when the file has no tree (text checks only) */
  constructor(private readonly table: DispatchTable | undefined) {}

  get<T extends SharedAnalysis>(key: string, create: () => T, consumer: HandlerOwner): T {
    let entry = this.entries.get(key);
    if (!entry) {
      const fresh = new Entry();
      this.building.push(fresh);
      try {
        fresh.value = create();
      } finally {
        this.building.pop();
      }
      this.entries.set(key, fresh);
      if (this.table) {
        for (const [type, visit] of Object.entries(fresh.value.visitors)) {
          if (visit && type !== 'text') addHandler(this.table, type, visit as Handler, fresh);
        }
      }
      entry = fresh;
    }
    const outer = this.building[this.building.length - 1];
    if (outer && !outer.uses.includes(entry)) outer.uses.push(entry);
    this.addConsumer(entry, consumer);
    return entry.value as T;
  }

  private addConsumer(entry: Entry, consumer: HandlerOwner): void {
    if (entry.consumers.includes(consumer)) return;
    entry.consumers.push(consumer);
    for (const used of entry.uses) this.addConsumer(used, consumer);
  }
}
