import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getLiveBus } from "@/lib/live/live-bus";
import { featureComment } from "@/lib/moderation/feature-comment";
import { featureInputSchema } from "@/lib/validation/feature-input";
import { requireValidInput } from "@/lib/validation/require-valid-input";

/**
 * POST /api/v1/moderation/comments/{id}/feature {"featured"} → {"id","featured"}: an editors' pick on or off.
 * Readers' pages refresh through the live bus (lib/reader-pages), which featureComment tells.
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const moderator = await requireModerator();
    const { id } = await context.params;
    const { featured } = requireValidInput(featureInputSchema, await readJsonBody(request));
    const result = await featureComment({ db: getDb(), live: getLiveBus() }, { commentId: id, featured, moderatorId: moderator.id });
    return jsonResponse({ id: result.id, featured: result.featured });
  } catch (error) {
    return errorResponse(error, request);
  }
}
