import { deleteComment } from "@/lib/comments/delete-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { getPostingServices } from "@/lib/comments/posting-services";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { readRequestLocale } from "@/lib/i18n/request-locale";

type RouteContext = { params: Promise<{ id: string }> };

/** PATCH /api/v1/comments/{id} — its author replaces the text, with the editToken, within the edit window (SPEC.md). */
export async function PATCH(request: Request, context: RouteContext): Promise<Response> {
  try {
    const { id } = await context.params;
    const body = await readJsonBody(request);
    return jsonResponse(await editComment(getPostingServices(), id, body, { locale: readRequestLocale(request.headers) }));
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** DELETE /api/v1/comments/{id} — its author takes it back, with the editToken, within the edit window: 204. */
export async function DELETE(request: Request, context: RouteContext): Promise<Response> {
  try {
    const { id } = await context.params;
    await deleteComment(getPostingServices(), id, await readJsonBody(request));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error, request);
  }
}
