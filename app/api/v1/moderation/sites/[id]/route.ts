import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { updateSite } from "@/lib/embed/site-admin";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getLiveBus } from "@/lib/live/live-bus";
import { siteUpdateSchema } from "@/lib/validation/site-input";
import { requireValidInput } from "@/lib/validation/require-valid-input";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/moderation/sites/{id} {name?, allowedOrigins?, language?, themeStylesheetUrl?} — changes a site's name, allowed origins, language (null: the reader's browser) or frame style sheet (null: none) → 200 {site} (administrators). */
export async function PATCH(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    await requireModerator({ admin: true });
    const changes = requireValidInput(siteUpdateSchema, await readJsonBody(request));
    return jsonResponse({ site: await updateSite(getDb(), id, changes, { live: getLiveBus() }) });
  } catch (error) {
    return errorResponse(error, request);
  }
}
