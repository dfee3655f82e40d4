// The moderators' live stream (GET /api/v1/moderation/events): `event: counts`
// with every queue's count on connect and after every change. The caller
// checks the moderator first.
import { createEventStreamResponse } from "./event-stream";
import type { LiveFeeds } from "./live-feeds";
import { getStreamSlots, requireStreamSlot, type LiveStreamOptions, type StreamClient } from "./stream-slots";

/**
 * How long one moderator's stream lasts before the browser reconnects: each
 * reconnection is authorized again, so a removed account stops hearing counts.
 */
export const QUEUE_STREAM_MAX_DURATION_MS = 10 * 60 * 1000;

/** Opens the stream of the queues' counts; throws rate_limited when the client (or the process) holds too many streams. */
export function openQueueEventStream(feeds: LiveFeeds, client: StreamClient, options: LiveStreamOptions = {}): Response {
  const { slots = getStreamSlots(), ...streamOptions } = options;
  const release = requireStreamSlot(slots, client.address);
  try {
    return createEventStreamResponse(client.signal, (send) => feeds.watchQueues((counts) => send("counts", counts)), {
      maxDurationMs: QUEUE_STREAM_MAX_DURATION_MS,
      ...streamOptions,
      onFinish: release,
    });
  } catch (error) {
    release();
    throw error;
  }
}
