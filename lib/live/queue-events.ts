// The moderators' live stream (GET /api/v1/moderation/events): `event: counts`
// with every queue's count on connect and after every change. The caller
// checks the moderator first.
import { createEventStreamResponse, type EventStreamOptions } from "./event-stream";
import type { LiveFeeds } from "./live-feeds";

/**
 * How long one moderator's stream lasts before the browser reconnects: each
 * reconnection is authorized again, so a removed account stops hearing counts.
 */
export const QUEUE_STREAM_MAX_DURATION_MS = 10 * 60 * 1000;

/** Opens the stream of the queues' counts. */
export function openQueueEventStream(feeds: LiveFeeds, signal: AbortSignal, options: EventStreamOptions = {}): Response {
  return createEventStreamResponse(signal, (send) => feeds.watchQueues((counts) => send("counts", counts)), { maxDurationMs: QUEUE_STREAM_MAX_DURATION_MS, ...options });
}
