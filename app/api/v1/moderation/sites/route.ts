import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { createSite, listSites } from "@/lib/embed/site-admin";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getLiveBus } from "@/lib/live/live-bus";
import { siteInputSchema } from "@/lib/validation/site-input";
import { requireValidInput } from "@/lib/validation/require-valid-input";

export const dynamic = "force-dynamic";

/** GET /api/v1/moderation/sites — every site for embedding, with its article and approved-comment counts (administrators). */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireModerator({ admin: true });
    return jsonResponse({ sites: await listSites(getDb()) }, 200, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** POST /api/v1/moderation/sites {name, allowedOrigins, key?, language?, themeStylesheetUrl?} — adds a site (a key is generated when none is given) → 201 {site}; a taken key → 409 (administrators). */
export async function POST(request: Request): Promise<Response> {
  try {
    await requireModerator({ admin: true });
    const input = requireValidInput(siteInputSchema, await readJsonBody(request));
    return jsonResponse({ site: await createSite(getDb(), input, { live: getLiveBus() }) }, 201);
  } catch (error) {
    return errorResponse(error, request);
  }
}
