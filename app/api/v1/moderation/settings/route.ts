import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getLiveBus } from "@/lib/live/live-bus";
import { getModerationSettings, updateModerationSettings } from "@/lib/moderation/settings";
import { moderationSettingsInputSchema } from "@/lib/validation/moderation-settings";
import { requireValidInput } from "@/lib/validation/require-valid-input";

/** GET /api/v1/moderation/settings — the moderation settings (administrators). */
export async function GET(request?: Request): Promise<Response> {
  try {
    await requireModerator({ admin: true });
    return jsonResponse({ settings: await getModerationSettings(getDb()) });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** PUT /api/v1/moderation/settings — changes any of the settings (administrators); the save is recorded for the audit log. */
export async function PUT(request: Request): Promise<Response> {
  try {
    const account = await requireModerator({ admin: true });
    const changes = requireValidInput(moderationSettingsInputSchema, await readJsonBody(request));
    return jsonResponse({ settings: await updateModerationSettings(getDb(), changes, { moderatorId: account.id, live: getLiveBus() }) });
  } catch (error) {
    return errorResponse(error, request);
  }
}
