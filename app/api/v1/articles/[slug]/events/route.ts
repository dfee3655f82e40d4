import { getEnv } from "@/lib/env";
import { errorResponse, readRequestMeta } from "@/lib/http";
import { getLiveFeeds } from "@/lib/live/live-feeds";
import { openThreadEventStream } from "@/lib/live/thread-events";

export const dynamic = "force-dynamic";

/** GET /api/v1/articles/{slug}/events — server-sent `event: thread` {"slug","commentCount"} on connect and after each change to the thread; 429 past the open streams one address (or the process) may hold. */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const { slug } = await context.params;
    const { ip } = readRequestMeta(request, { trust: getEnv().TRUST_PROXY });
    return await openThreadEventStream(getLiveFeeds(), slug, { signal: request.signal, address: ip });
  } catch (error) {
    return errorResponse(error, request);
  }
}
