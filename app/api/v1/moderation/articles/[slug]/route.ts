import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getLiveBus } from "@/lib/live/live-bus";
import { updateArticleModeration } from "@/lib/moderation/settings-changes";
import { articleModerationInputSchema } from "@/lib/validation/moderation-settings";
import { requireValidInput } from "@/lib/validation/require-valid-input";

/** PATCH /api/v1/moderation/articles/{slug} — opens or closes a thread, turns its pre-moderation on or off (administrators); recorded for the audit log. */
export async function PATCH(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const { slug } = await context.params;
    const account = await requireModerator({ admin: true });
    const changes = requireValidInput(articleModerationInputSchema, await readJsonBody(request));
    return jsonResponse({ article: await updateArticleModeration(getDb(), slug, changes, { moderatorId: account.id, live: getLiveBus() }) });
  } catch (error) {
    return errorResponse(error, request);
  }
}
