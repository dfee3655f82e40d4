import { z } from "zod";
import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readSearchParams } from "@/lib/http";
import { listArticleModeration } from "@/lib/moderation/settings-changes";
import { requireValidInput } from "@/lib/validation/require-valid-input";

const querySchema = z.object({
  q: z.string().max(200, "q must be at most 200 characters").optional(),
  offset: z.string().regex(/^\d{1,6}$/, "offset must be a whole number").transform(Number).default(0),
});

/** GET /api/v1/moderation/articles?q=&offset= — articles newest first, 50 at a time, with their moderation switches and comment counts. */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = requireValidInput(querySchema, readSearchParams(request.url));
    await requireModerator();
    return jsonResponse(await listArticleModeration(getDb(), { query: query.q, offset: query.offset }));
  } catch (error) {
    return errorResponse(error, request);
  }
}
