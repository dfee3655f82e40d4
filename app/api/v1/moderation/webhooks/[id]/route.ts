import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { requireValidInput } from "@/lib/validation/require-valid-input";
import { webhookUpdateSchema } from "@/lib/validation/webhook-input";
import { deleteWebhook, updateWebhook } from "@/lib/webhooks/webhook-admin";
import { webhookPolicyForRequest } from "@/lib/webhooks/webhook-policy";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/moderation/webhooks/{id} {url?, events?, isActive?, rotateSecret?} → 200 {webhook, secret}: secret is the new one after rotateSecret, else null (administrators). */
export async function PATCH(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    await requireModerator({ admin: true });
    const changes = requireValidInput(webhookUpdateSchema, await readJsonBody(request));
    return jsonResponse(await updateWebhook(getDb(), id, changes, webhookPolicyForRequest(request)), 200, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** DELETE /api/v1/moderation/webhooks/{id} — removes the hook, its waiting deliveries and its log → 200 {deleted: id} (administrators). */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    await requireModerator({ admin: true });
    await deleteWebhook(getDb(), id);
    return jsonResponse({ deleted: id });
  } catch (error) {
    return errorResponse(error, request);
  }
}
