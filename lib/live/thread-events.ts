// A thread's live stream (GET /api/v1/articles/{slug}/events): `event: thread`
// with the article's comment count on connect and after every change to it.
import { AppError } from "../errors";
import { isPossibleSlug } from "../validation/slug";
import { createEventStreamResponse } from "./event-stream";
import type { LiveFeeds } from "./live-feeds";
import { getStreamSlots, requireStreamSlot, type LiveStreamOptions, type StreamClient } from "./stream-slots";

/** The data of an `event: thread` message. */
export interface ThreadEventData {
  slug: string;
  commentCount: number;
}

/**
 * Opens the stream of an article's comment count. Throws rate_limited when
 * the client (or the process) holds too many streams, before any read, and
 * not_found for an unknown slug.
 */
export async function openThreadEventStream(feeds: LiveFeeds, slug: string, client: StreamClient, options: LiveStreamOptions = {}): Promise<Response> {
  const { slots = getStreamSlots(), ...streamOptions } = options;
  const release = requireStreamSlot(slots, client.address);
  try {
    const article = isPossibleSlug(slug) ? await feeds.db.article.findUnique({ where: { slug }, select: { id: true, slug: true } }) : null;
    if (!article) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });
    return createEventStreamResponse(
      client.signal,
      (send) => feeds.watchThread(article, (commentCount) => send("thread", { slug: article.slug, commentCount } satisfies ThreadEventData)),
      { ...streamOptions, onFinish: release },
    );
  } catch (error) {
    release();
    throw error;
  }
}
