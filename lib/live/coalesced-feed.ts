// Derived values (a thread's comment count, the queues' counts) kept current
// for many subscribers at the cost of one read per key per interval: a burst
// of events, or a thousand readers of one thread, costs one query, and every
// subscriber that asked since the last read gets its result.

type Subscriber<V> = { deliver: (value: V) => void };

interface Entry<V> {
  load: () => Promise<V>;
  subscribers: Set<Subscriber<V>>;
  /** Subscribers owed a fresh value: new ones, or all of them after an event. */
  waiting: Set<Subscriber<V>>;
  lastRunAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  isRunning: boolean;
}

/** How often a key may be read, and how long to wait after a failed read. */
export interface CoalescedFeedOptions {
  intervalMs: number;
  retryMs?: number;
  /** Names the feed in log lines. */
  name: string;
}

/** Keyed values, each read at most once per interval however many subscribers and events there are. */
export class CoalescedFeed<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly retryMs: number;

  constructor(private readonly options: CoalescedFeedOptions) {
    this.retryMs = options.retryMs ?? 2_000;
  }

  /**
   * Subscribes to a key: `deliver` gets a fresh value soon, then one after
   * each refresh. The first subscriber's `load` serves the key while it has
   * subscribers. Returns the unsubscribe function.
   */
  watch(key: string, load: () => Promise<V>, deliver: (value: V) => void): () => void {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { load, subscribers: new Set(), waiting: new Set(), lastRunAt: Number.NEGATIVE_INFINITY, timer: undefined, isRunning: false };
      this.entries.set(key, entry);
    }
    const subscriber: Subscriber<V> = { deliver };
    entry.subscribers.add(subscriber);
    entry.waiting.add(subscriber);
    this.schedule(key, entry);
    const watched = entry;
    return () => {
      watched.subscribers.delete(subscriber);
      watched.waiting.delete(subscriber);
      if (watched.subscribers.size === 0 && !watched.isRunning) this.drop(key, watched);
    };
  }

  /** The key's value may have changed: every subscriber gets it re-read. */
  refresh(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    for (const subscriber of entry.subscribers) entry.waiting.add(subscriber);
    this.schedule(key, entry);
  }

  /** Any value may have changed (events may have been missed). */
  refreshAll(): void {
    for (const key of [...this.entries.keys()]) this.refresh(key);
  }

  /** How many keys have subscribers (tests, diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Stops every pending read; subscribers get nothing more. */
  close(): void {
    for (const [key, entry] of this.entries) this.drop(key, entry);
  }

  private drop(key: string, entry: Entry<V>): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.subscribers.clear();
    entry.waiting.clear();
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  private schedule(key: string, entry: Entry<V>): void {
    // A read in flight may predate the change: it is followed by another once done.
    if (entry.isRunning || entry.timer !== undefined || entry.waiting.size === 0) return;
    const delay = Math.max(0, entry.lastRunAt + this.options.intervalMs - Date.now());
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.run(key, entry);
    }, delay);
    entry.timer.unref?.();
  }

  private async run(key: string, entry: Entry<V>): Promise<void> {
    if (this.entries.get(key) !== entry) return;
    entry.isRunning = true;
    entry.lastRunAt = Date.now();
    const batch = entry.waiting;
    entry.waiting = new Set();
    try {
      const value = await entry.load();
      for (const subscriber of batch) {
        if (!entry.subscribers.has(subscriber)) continue;
        try {
          subscriber.deliver(value);
        } catch (error) {
          console.error(`Live updates (${this.options.name}): delivering "${key}" failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } catch (error) {
      console.error(`Live updates (${this.options.name}): reading "${key}" failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
      for (const subscriber of batch) if (entry.subscribers.has(subscriber)) entry.waiting.add(subscriber);
      entry.lastRunAt = Date.now() + this.retryMs - this.options.intervalMs;
    } finally {
      entry.isRunning = false;
      if (entry.subscribers.size === 0) this.drop(key, entry);
      else this.schedule(key, entry);
    }
  }
}
