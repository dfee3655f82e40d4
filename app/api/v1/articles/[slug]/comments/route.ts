import { getPostingServices } from "@/lib/comments/posting-services";
import { submitComment } from "@/lib/comments/submit-comment";
import { getThreadPage } from "@/lib/comments/thread";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { errorResponse, jsonResponse, readJsonBody, readRequestMeta, readSearchParams } from "@/lib/http";
import { readRequestLocale } from "@/lib/i18n/request-locale";
import { threadQuerySchema } from "@/lib/validation/thread-query";
import { requireValidInput } from "@/lib/validation/require-valid-input";

type RouteContext = { params: Promise<{ slug: string }> };

/** GET /api/v1/articles/{slug}/comments — one page of the approved thread (SPEC.md). */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  try {
    const { slug } = await context.params;
    const query = requireValidInput(threadQuerySchema, readSearchParams(request.url));
    return jsonResponse(await getThreadPage(getDb(), slug, query));
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** POST /api/v1/articles/{slug}/comments — post a comment or reply through the moderation pipeline. */
export async function POST(request: Request, context: RouteContext): Promise<Response> {
  try {
    const { slug } = await context.params;
    const body = await readJsonBody(request);
    const meta = readRequestMeta(request, { trust: getEnv().TRUST_PROXY });
    // The request's language (proxy.ts): the answer's message and the author's mails are written in it.
    return jsonResponse(await submitComment(getPostingServices(), slug, body, meta, { locale: readRequestLocale(request.headers) }), 201);
  } catch (error) {
    return errorResponse(error, request);
  }
}
