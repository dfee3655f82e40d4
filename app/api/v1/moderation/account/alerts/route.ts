import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getAlertPreferences, updateAlertMode } from "@/lib/notifications/alert-preferences";

/** GET /api/v1/moderation/account/alerts — the signed-in moderator's alert mode. */
export async function GET(request?: Request): Promise<Response> {
  try {
    const account = await requireModerator();
    const { mode } = await getAlertPreferences(getDb(), account.id);
    return jsonResponse({ alerts: { mode } });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** PUT /api/v1/moderation/account/alerts `{"mode": "immediate"|"digest"|"off"}` — changes the signed-in moderator's own alert mode. */
export async function PUT(request: Request): Promise<Response> {
  try {
    const account = await requireModerator();
    const { mode } = await updateAlertMode(getDb(), account.id, await readJsonBody(request));
    return jsonResponse({ alerts: { mode } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
