// A thread's live stream (GET /api/v1/articles/{slug}/events): `event: thread`
// with the article's comment count on connect and after every change to it.
import { AppError } from "../errors";
import { isPossibleSlug } from "../validation/slug";
import { createEventStreamResponse, type EventStreamOptions } from "./event-stream";
import type { LiveFeeds } from "./live-feeds";

/** The data of an `event: thread` message. */
export interface ThreadEventData {
  slug: string;
  commentCount: number;
}

/** Opens the stream of an article's comment count; throws not_found for an unknown slug. */
export async function openThreadEventStream(feeds: LiveFeeds, slug: string, signal: AbortSignal, options: EventStreamOptions = {}): Promise<Response> {
  const article = isPossibleSlug(slug) ? await feeds.db.article.findUnique({ where: { slug }, select: { id: true, slug: true } }) : null;
  if (!article) throw new AppError("not_found", `No article with slug "${slug}"`, { fields: { slug: "no such article" } });
  return createEventStreamResponse(
    signal,
    (send) => feeds.watchThread(article, (commentCount) => send("thread", { slug: article.slug, commentCount } satisfies ThreadEventData)),
    options,
  );
}
