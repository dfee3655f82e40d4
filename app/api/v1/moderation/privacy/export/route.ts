import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { exportCommenterData } from "@/lib/privacy/export-commenter-data";
import { privacyExportInputSchema } from "@/lib/validation/privacy-request";
import { requireValidInput } from "@/lib/validation/require-valid-input";

export const dynamic = "force-dynamic";

/** POST /api/v1/moderation/privacy/export {email} — everything stored about that commenter (administrators); logged. */
export async function POST(request: Request): Promise<Response> {
  try {
    const account = await requireModerator({ admin: true });
    const { email } = requireValidInput(privacyExportInputSchema, await readJsonBody(request));
    return jsonResponse(await exportCommenterData(getDb(), email, { moderatorId: account.id }), 200, { "Cache-Control": "private, no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
