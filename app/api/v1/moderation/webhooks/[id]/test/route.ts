import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse } from "@/lib/http";
import { sendTestEvent } from "@/lib/webhooks/webhook-admin";

export const dynamic = "force-dynamic";

/** POST /api/v1/moderation/webhooks/{id}/test — queues a webhook.test delivery to the hook → 202 {deliveryId}; a paused hook → 400 (administrators). */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    await requireModerator({ admin: true });
    return jsonResponse(await sendTestEvent(getDb(), id), 202);
  } catch (error) {
    return errorResponse(error, request);
  }
}
