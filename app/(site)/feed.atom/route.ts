import { getDb } from "@/lib/db";
import { getSiteFeed } from "@/lib/feeds/comment-feeds";
import { readFeedRequest } from "@/lib/feeds/feed-links";
import { createFeedResponse } from "@/lib/feeds/feed-response";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /feed.atom → the latest approved comments on the articles the index lists, as Atom 1.0, newest first. */
export async function GET(request: Request): Promise<Response> {
  const feedRequest = readFeedRequest(request);
  try {
    return createFeedResponse(await getSiteFeed(getDb(), feedRequest), feedRequest.locale);
  } catch (error) {
    return errorResponse(error, request);
  }
}
