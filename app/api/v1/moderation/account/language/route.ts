import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getModeratorLanguage, updateModeratorLanguage } from "@/lib/notifications/alert-preferences";

/** GET /api/v1/moderation/account/language — the signed-in moderator's language ("en", "es", or null for the browser's). */
export async function GET(request?: Request): Promise<Response> {
  try {
    const account = await requireModerator();
    return jsonResponse({ language: await getModeratorLanguage(getDb(), account.id) });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** PUT /api/v1/moderation/account/language `{"language": "en"|"es"|null}` — the dashboard's (and the moderator's alert mails') language; null follows the browser. */
export async function PUT(request: Request): Promise<Response> {
  try {
    const account = await requireModerator();
    return jsonResponse({ language: await updateModeratorLanguage(getDb(), account.id, await readJsonBody(request)) });
  } catch (error) {
    return errorResponse(error, request);
  }
}
