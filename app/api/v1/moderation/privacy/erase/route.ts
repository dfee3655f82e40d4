import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readJsonBody } from "@/lib/http";
import { getLiveBus } from "@/lib/live/live-bus";
import { eraseCommenterData } from "@/lib/privacy/erase-commenter-data";
import { privacyEraseInputSchema } from "@/lib/validation/privacy-request";
import { requireValidInput } from "@/lib/validation/require-valid-input";

export const dynamic = "force-dynamic";

/** POST /api/v1/moderation/privacy/erase {email, confirm: true} — erases that commenter everywhere (administrators) → {erased, bans}; logged. */
export async function POST(request: Request): Promise<Response> {
  try {
    const account = await requireModerator({ admin: true });
    const { email } = requireValidInput(privacyEraseInputSchema, await readJsonBody(request));
    return jsonResponse(await eraseCommenterData(getDb(), email, { moderatorId: account.id, live: getLiveBus() }), 200, { "Cache-Control": "no-store" });
  } catch (error) {
    return errorResponse(error, request);
  }
}
