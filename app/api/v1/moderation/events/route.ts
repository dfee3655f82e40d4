import { requireModerator } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http";
import { getLiveFeeds } from "@/lib/live/live-feeds";
import { openQueueEventStream } from "@/lib/live/queue-events";

export const dynamic = "force-dynamic";

/** GET /api/v1/moderation/events — server-sent `event: counts` {"pending","reported","spam","rejected","approved"} on connect and after each change. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireModerator();
    return openQueueEventStream(getLiveFeeds(), request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}
