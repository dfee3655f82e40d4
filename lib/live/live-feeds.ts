// What the live streams show, kept current from the bus: each article's
// comment count and the moderation queues' counts. One per process, so every
// stream on one thread shares a read (coalesced-feed.ts).
import { countThreadComments } from "../comments/thread";
import { getDb, type Db } from "../db";
import { countQueues } from "../moderation/queues";
import type { QueueCounts } from "../moderation/queue-names";
import { CoalescedFeed } from "./coalesced-feed";
import { getLiveBus, type LiveBus } from "./live-bus";

/** At most one read per thread (and of the queues) per this many milliseconds in a process. */
export const LIVE_READ_INTERVAL_MS = 200;

/** Subscriptions to the values the live streams send. */
export interface LiveFeeds {
  db: Db;
  /** Follows an article's comment count: a value soon, then one after each change to its thread. Returns the unsubscribe function. */
  watchThread(article: { id: string; slug: string }, deliver: (commentCount: number) => void): () => void;
  /** Follows the queues' counts: a value soon, then one after each change. Returns the unsubscribe function. */
  watchQueues(deliver: (counts: QueueCounts) => void): () => void;
  /** Unsubscribes from the bus and stops every pending read. */
  close(): void;
}

const QUEUES_KEY = "queues";

/** Feeds on an explicit database and bus (tests); the app uses getLiveFeeds(). */
export function createLiveFeeds(options: { db: Db; bus: LiveBus; intervalMs?: number }): LiveFeeds {
  const { db, bus } = options;
  const intervalMs = options.intervalMs ?? LIVE_READ_INTERVAL_MS;
  const threads = new CoalescedFeed<number>({ intervalMs, name: "thread counts" });
  const queues = new CoalescedFeed<QueueCounts>({ intervalMs, name: "queue counts" });
  const unsubscribe = bus.subscribe((message) => {
    if (message.type === "thread") threads.refresh(message.slug);
    else if (message.type === "queues") queues.refresh(QUEUES_KEY);
    else if (message.type === "resync") {
      threads.refreshAll();
      queues.refreshAll();
    }
  });
  return {
    db,
    watchThread: (article, deliver) => threads.watch(article.slug, () => countThreadComments(db, article.id), deliver),
    watchQueues: (deliver) => queues.watch(QUEUES_KEY, () => countQueues(db), deliver),
    close() {
      unsubscribe();
      threads.close();
      queues.close();
    },
  };
}

const globalForFeeds = globalThis as typeof globalThis & { commentsLiveFeeds?: { bus: LiveBus; feeds: LiveFeeds } };

/** The process-wide feeds, on the process-wide bus and database. */
export function getLiveFeeds(): LiveFeeds {
  const bus = getLiveBus();
  const current = globalForFeeds.commentsLiveFeeds;
  if (current?.bus === bus) return current.feeds;
  current?.feeds.close();
  const feeds = createLiveFeeds({ db: getDb(), bus });
  globalForFeeds.commentsLiveFeeds = { bus, feeds };
  return feeds;
}
