import { revalidatePath } from "next/cache";
import { requireModerator } from "@/lib/auth/session";
import { getPostingServices } from "@/lib/comments/posting-services";
import { errorResponse, jsonResponse } from "@/lib/http";
import { undoDecision } from "@/lib/moderation/decisions";

/** POST /api/v1/moderation/comments/{id}/undo — takes back the caller's latest decision on the comment (within a minute). */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const moderator = await requireModerator();
    const { id } = await context.params;
    const result = await undoDecision(getPostingServices(), { commentId: id, moderatorId: moderator.id });
    revalidatePath(`/articles/${result.articleSlug}`);
    return jsonResponse({ id: result.id, status: result.status, fromStatus: result.fromStatus, akismet: result.akismet });
  } catch (error) {
    return errorResponse(error, request);
  }
}
