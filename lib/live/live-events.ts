// What the change bus carries between app instances: small JSON events that
// say *what* changed, never the data itself (streams re-read it), so a lost or
// repeated event costs one extra read and never shows a reader stale state.
import { MAX_SLUG_LENGTH } from "../validation/slug";

/** An article's visible thread changed: a comment became approved or stopped being approved, or comments opened or closed. */
export interface ThreadChanged {
  type: "thread";
  slug: string;
}

/** The moderation queues' counts may have changed (a new comment, a decision, an undo, a report, a ban). */
export interface QueuesChanged {
  type: "queues";
}

/** A site's allowed origins changed: cached frame policies are stale. */
export interface SitesChanged {
  type: "sites";
}

/** An event published on the bus. */
export type LiveEvent = ThreadChanged | QueuesChanged | SitesChanged;

/**
 * What subscribers receive: the published events, plus "resync" when events
 * may have been missed (the listening connection was lost and is back), so
 * whoever shows derived state re-reads all of it.
 */
export type LiveMessage = LiveEvent | { type: "resync" };

/** The PostgreSQL NOTIFY channel the app instances share. */
export const LIVE_CHANNEL = "comments_live";


/** A published event as a NOTIFY payload: a few dozen bytes, far under PostgreSQL's 8000-byte limit. */
export function serializeLiveEvent(event: LiveEvent): string {
  return JSON.stringify(event.type === "thread" ? { type: "thread", slug: event.slug } : { type: event.type });
}

/** Reads a NOTIFY payload back into an event; anything else (another program on the channel, a newer format) is null. */
export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  if (!payload) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { type, slug } = value as { type?: unknown; slug?: unknown };
  if (type === "queues" || type === "sites") return { type };
  if (type === "thread" && typeof slug === "string" && slug.length > 0 && slug.length <= MAX_SLUG_LENGTH) return { type, slug };
  return null;
}
