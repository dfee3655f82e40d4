import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readSearchParams } from "@/lib/http";
import { listQueue, QUEUE_MESSAGE_PARAMS, queueQuerySchema } from "@/lib/moderation/queues";
import { requireValidInput } from "@/lib/validation/require-valid-input";

export const dynamic = "force-dynamic";

/** GET /api/v1/moderation/comments?queue=…&order=…&article=…&author=…&cursor=… — one page of a queue with every queue's count. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireModerator();
    const query = requireValidInput(queueQuerySchema, readSearchParams(request.url), QUEUE_MESSAGE_PARAMS);
    return jsonResponse(await listQueue(getDb(), query), 200, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
