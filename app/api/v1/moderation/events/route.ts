import { requireModerator } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { errorResponse, readRequestMeta } from "@/lib/http";
import { getLiveFeeds } from "@/lib/live/live-feeds";
import { openQueueEventStream } from "@/lib/live/queue-events";

export const dynamic = "force-dynamic";

/** GET /api/v1/moderation/events — server-sent `event: counts` {"pending","reported","spam","rejected","approved"} on connect and after each change; 429 past the open streams one address (or the process) may hold. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireModerator();
    const { ip } = readRequestMeta(request, { trust: getEnv().TRUST_PROXY });
    return openQueueEventStream(getLiveFeeds(), { signal: request.signal, address: ip });
  } catch (error) {
    return errorResponse(error, request);
  }
}
