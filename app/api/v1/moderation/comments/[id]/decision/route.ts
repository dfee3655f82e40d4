import { revalidatePath } from "next/cache";
import { requireModerator } from "@/lib/auth/session";
import { getPostingServices } from "@/lib/comments/posting-services";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { decideComment, DECISION_MESSAGE_PARAMS, decisionInputSchema } from "@/lib/moderation/decisions";
import { requireValidInput } from "@/lib/validation/require-valid-input";

/** POST /api/v1/moderation/comments/{id}/decision {"action"} → {"id","status"}. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const moderator = await requireModerator();
    const { id } = await context.params;
    const { action } = requireValidInput(decisionInputSchema, await readJsonBody(request), DECISION_MESSAGE_PARAMS);
    const result = await decideComment(getPostingServices(), { commentId: id, action, moderatorId: moderator.id });
    revalidatePath(`/articles/${result.articleSlug}`);
    return jsonResponse({ id: result.id, status: result.status, fromStatus: result.fromStatus, akismet: result.akismet });
  } catch (error) {
    return errorResponse(error, request);
  }
}
