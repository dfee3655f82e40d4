import { errorResponse } from "@/lib/http";
import { getLiveFeeds } from "@/lib/live/live-feeds";
import { openThreadEventStream } from "@/lib/live/thread-events";

export const dynamic = "force-dynamic";

/** GET /api/v1/articles/{slug}/events — server-sent `event: thread` {"slug","commentCount"} on connect and after each change to the thread. */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const { slug } = await context.params;
    return await openThreadEventStream(getLiveFeeds(), slug, request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}
