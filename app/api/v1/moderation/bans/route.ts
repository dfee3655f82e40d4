import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody, readSearchParams } from "@/lib/http";
import { getLiveBus } from "@/lib/live/live-bus";
import { BAN_MESSAGE_PARAMS, banAuthor, banInputSchema, banListQuerySchema, listBans } from "@/lib/moderation/bans";
import { requireValidInput } from "@/lib/validation/require-valid-input";

export const dynamic = "force-dynamic";

/** GET /api/v1/moderation/bans?active=true|false — bans, newest first, with who made them. */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = requireValidInput(banListQuerySchema, readSearchParams(request.url));
    await requireModerator();
    return jsonResponse({ bans: await listBans(getDb(), query) }, 200, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** POST /api/v1/moderation/bans {email, ip?, reason, rejectPending?} — bans an author → 201 {ban, rejectedCount}. */
export async function POST(request: Request): Promise<Response> {
  try {
    const input = requireValidInput(banInputSchema, await readJsonBody(request), BAN_MESSAGE_PARAMS);
    const moderator = await requireModerator();
    return jsonResponse(await banAuthor(getDb(), { ...input, moderatorId: moderator.id }, { live: getLiveBus() }), 201);
  } catch (error) {
    return errorResponse(error, request);
  }
}
