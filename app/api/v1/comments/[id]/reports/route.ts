import { getPostingServices } from "@/lib/comments/posting-services";
import { reportComment } from "@/lib/comments/report-comment";
import { getEnv } from "@/lib/env";
import { errorResponse, jsonResponse, readJsonBody, readRequestMeta } from "@/lib/http";
import { readRequestLocale } from "@/lib/i18n/request-locale";

/** POST /api/v1/comments/{id}/reports — a reader reports a comment. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    const body = await readJsonBody(request);
    const meta = readRequestMeta(request, { trust: getEnv().TRUST_PROXY });
    return jsonResponse(await reportComment(getPostingServices(), id, body, meta, { locale: readRequestLocale(request.headers) }), 202);
  } catch (error) {
    return errorResponse(error, request);
  }
}
