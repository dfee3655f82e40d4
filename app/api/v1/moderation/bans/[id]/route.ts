import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse } from "@/lib/http";
import { liftBan } from "@/lib/moderation/bans";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/moderation/bans/{id} — lifts the ban → 200 {ban}. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    await requireModerator();
    return jsonResponse({ ban: await liftBan(getDb(), id) });
  } catch (error) {
    return errorResponse(error, request);
  }
}
