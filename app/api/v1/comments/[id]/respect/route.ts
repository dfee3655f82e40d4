import { getPostingServices } from "@/lib/comments/posting-services";
import { giveRespect, withdrawRespect } from "@/lib/comments/respect";
import { getEnv } from "@/lib/env";
import { errorResponse, jsonResponse, readJsonBody, readRequestMeta } from "@/lib/http";

type RouteContext = { params: Promise<{ id: string }> };

/** POST /api/v1/comments/{id}/respect — a reader respects a published comment (SPEC.md). */
export async function POST(request: Request, context: RouteContext): Promise<Response> {
  try {
    const { id } = await context.params;
    const body = await readJsonBody(request);
    const meta = readRequestMeta(request, { trust: getEnv().TRUST_PROXY });
    return jsonResponse(await giveRespect(getPostingServices(), id, body, meta));
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** DELETE /api/v1/comments/{id}/respect — the same reader takes their respect back. */
export async function DELETE(request: Request, context: RouteContext): Promise<Response> {
  try {
    const { id } = await context.params;
    const body = await readJsonBody(request);
    const meta = readRequestMeta(request, { trust: getEnv().TRUST_PROXY });
    return jsonResponse(await withdrawRespect(getPostingServices(), id, body, meta));
  } catch (error) {
    return errorResponse(error, request);
  }
}
