import { getDb } from "@/lib/db";
import { findAllowedOrigin, getApprovedCounts, requireCountsQuery } from "@/lib/embed/counts";
import { errorResponse, jsonResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

// Browsers ask again each time (no stale-while-revalidate either: a reader sees a new count on the next page view); shared caches keep it 30 s.
const CACHE_CONTROL = "public, max-age=0, s-maxage=30";

/** The CORS headers for an answer that the given origin may read (none when null); the answer varies by Origin either way. */
function corsHeaders(allowedOrigin: string | null): Record<string, string> {
  return { Vary: "Origin", ...(allowedOrigin ? { "Access-Control-Allow-Origin": allowedOrigin } : {}) };
}

/**
 * GET /api/v1/counts?slugs=a,b → {"a": 3, "b": 0}, or ?site=KEY&articles=k1,k2
 * (a site's article keys, each URL-encoded; none may hold a comma) →
 * {"k1": 3, "k2": 0}: approved comments, 0 for unknown keys. Readable across
 * origins by the site's allowed origins.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = requireCountsQuery(new URL(request.url).searchParams);
    const { counts, allowedOrigin } = await getApprovedCounts(getDb(), query, { origin: request.headers.get("origin") });
    return jsonResponse(counts, 200, { "Cache-Control": CACHE_CONTROL, ...corsHeaders(allowedOrigin) });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** OPTIONS /api/v1/counts?… — the CORS preflight: 204, GET allowed for the site's allowed origins, remembered for 10 minutes. */
export async function OPTIONS(request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  const requestedHeaders = request.headers.get("access-control-request-headers");
  let allowedOrigin: string | null = null;
  try {
    allowedOrigin = await findAllowedOrigin(getDb(), requireCountsQuery(new URL(request.url).searchParams), origin);
  } catch {
    // A bad or unknown query gets no CORS grant; the GET itself says what is wrong.
  }
  return new Response(null, {
    status: 204,
    headers: {
      Allow: "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Methods": "GET",
      "Access-Control-Max-Age": "600",
      ...(allowedOrigin && requestedHeaders ? { "Access-Control-Allow-Headers": requestedHeaders } : {}),
      ...corsHeaders(allowedOrigin),
    },
  });
}
