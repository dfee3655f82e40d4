// The browser's side of the readers' data API: calls answer with a result
// object instead of throwing, so the forms only branch on `kind`.
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import type { CommenterData } from "@/lib/privacy/export-commenter-data";
import type { ErasureResult } from "@/lib/privacy/erase-commenter-data";
import { isRecord, sendDashboardRequest, type DashboardApiResult } from "../dashboard-api";

/** POST /api/v1/moderation/privacy/export. */
export function requestDataExport(email: string): Promise<DashboardApiResult<CommenterData>> {
  return sendDashboardRequest("/api/v1/moderation/privacy/export", { method: "POST", body: { email } }, (body) =>
    Array.isArray(body.comments) && Array.isArray(body.bans) ? (body as unknown as CommenterData) : null,
  );
}

/** POST /api/v1/moderation/privacy/erase (confirmed by the moderator beforehand). */
export function requestErasure(email: string): Promise<DashboardApiResult<ErasureResult>> {
  return sendDashboardRequest("/api/v1/moderation/privacy/erase", { method: "POST", body: { email, confirm: true } }, (body) =>
    isRecord(body) && typeof body.erased === "number" ? (body as unknown as ErasureResult) : null,
  );
}

/** "3 comments and 1 ban" */
export function describeCounts(comments: number, bans: number, t: Translator = createTranslator("en")): { comments: string; bans: string } {
  return { comments: t("dashboard.privacy.commentCount", { count: comments }), bans: t("dashboard.privacy.banCount", { count: bans }) };
}
