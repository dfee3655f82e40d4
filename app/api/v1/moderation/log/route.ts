import { requireModerator } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { errorResponse, jsonResponse, readSearchParams } from "@/lib/http";
import { AUDIT_LOG_MESSAGE_PARAMS, auditLogQuerySchema, listAuditLog } from "@/lib/moderation/audit-log";
import { requireValidInput } from "@/lib/validation/require-valid-input";

/** GET /api/v1/moderation/log?moderator=&action=&cursor= — decisions and setting changes, newest first, 50 a page. */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = requireValidInput(auditLogQuerySchema, readSearchParams(request.url), AUDIT_LOG_MESSAGE_PARAMS);
    await requireModerator();
    return jsonResponse(await listAuditLog(getDb(), query));
  } catch (error) {
    return errorResponse(error, request);
  }
}
