import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getArticleFeed } from "@/lib/feeds/comment-feeds";
import { readFeedRequest } from "@/lib/feeds/feed-links";
import { createFeedNotFoundResponse, createFeedResponse } from "@/lib/feeds/feed-response";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /articles/{slug}/feed.atom → the article's approved comments as Atom 1.0, newest first; 404 (plain text) for an unknown article. */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const feedRequest = readFeedRequest(request);
  try {
    const { slug } = await context.params;
    return createFeedResponse(await getArticleFeed(getDb(), slug, feedRequest), feedRequest.locale);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return createFeedNotFoundResponse(feedRequest.locale);
    return errorResponse(error, request);
  }
}
