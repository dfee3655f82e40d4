import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody, readSearchParams } from "@/lib/http";
import { requireValidInput } from "@/lib/validation/require-valid-input";
import { webhookInputSchema } from "@/lib/validation/webhook-input";
import { createWebhook, listWebhooks } from "@/lib/webhooks/webhook-admin";
import { webhookPolicyForRequest } from "@/lib/webhooks/webhook-policy";

export const dynamic = "force-dynamic";

/** GET /api/v1/moderation/webhooks[?siteId=…] — every hook (no secrets) with its delivery log, newest tries first (administrators). */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireModerator({ admin: true });
    const { siteId } = readSearchParams(request.url);
    return jsonResponse({ webhooks: await listWebhooks(getDb(), siteId ? { siteId } : {}) }, 200, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** POST /api/v1/moderation/webhooks {siteId, url, events?, secret?} — adds a hook → 201 {webhook, secret}: the secret is shown this once (administrators). */
export async function POST(request: Request): Promise<Response> {
  try {
    await requireModerator({ admin: true });
    const input = requireValidInput(webhookInputSchema, await readJsonBody(request));
    return jsonResponse(await createWebhook(getDb(), input, webhookPolicyForRequest(request)), 201, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
