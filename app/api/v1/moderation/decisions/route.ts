import { revalidatePath } from "next/cache";
import { requireModerator } from "@/lib/auth/session";
import { getPostingServices } from "@/lib/comments/posting-services";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { bulkDecisionInputSchema, DECISION_MESSAGE_PARAMS, decideComments } from "@/lib/moderation/decisions";
import { requireValidInput } from "@/lib/validation/require-valid-input";

/** POST /api/v1/moderation/decisions {"ids": [...], "action"} — one decision on many comments (bulk). */
export async function POST(request: Request): Promise<Response> {
  try {
    const moderator = await requireModerator();
    const { ids, action } = requireValidInput(bulkDecisionInputSchema, await readJsonBody(request), DECISION_MESSAGE_PARAMS);
    const { decided, notFound } = await decideComments(getPostingServices(), { commentIds: ids, action, moderatorId: moderator.id });
    for (const slug of new Set(decided.map((result) => result.articleSlug))) revalidatePath(`/articles/${slug}`);
    return jsonResponse({ decided: decided.map(({ id, status, fromStatus, akismet }) => ({ id, status, fromStatus, akismet })), notFound });
  } catch (error) {
    return errorResponse(error, request);
  }
}
