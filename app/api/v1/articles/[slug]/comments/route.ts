import { getThreadPage } from "@/lib/comments/thread";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readSearchParams } from "@/lib/http";
import { threadQuerySchema } from "@/lib/validation/thread-query";
import { requireValidInput } from "@/lib/validation/require-valid-input";

/** GET /api/v1/articles/{slug}/comments — one page of the approved thread (SPEC.md). */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const { slug } = await context.params;
    const query = requireValidInput(threadQuerySchema, readSearchParams(request.url));
    return jsonResponse(await getThreadPage(getDb(), slug, query));
  } catch (error) {
    return errorResponse(error);
  }
}
