import { getLoaderAsset, respondWithLoader } from "@/lib/embed/loader-asset";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /embed.js[?v={hash}] — the embed loader other sites include (SPEC.md, Embed). */
export function GET(request: Request): Response {
  try {
    return respondWithLoader(request, getLoaderAsset());
  } catch (error) {
    return errorResponse(error);
  }
}
