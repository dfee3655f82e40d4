import { AUTHOR_TOKEN_HEADER, getOwnCommentStatus } from "@/lib/comments/own-comment-status";
import { getPostingServices } from "@/lib/comments/posting-services";
import { errorResponse, jsonResponse } from "@/lib/http";

/** GET /api/v1/comments/{id}/status — for its author (X-Edit-Token): approved, pending or rejected. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    // One author's answer: never kept by a shared cache.
    return jsonResponse(await getOwnCommentStatus(getPostingServices(), id, request.headers.get(AUTHOR_TOKEN_HEADER)), 200, { "cache-control": "private, no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
