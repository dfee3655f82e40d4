// The browser's side of the bans API: every call answers with a result object
// instead of throwing, so the forms only branch on `kind`.
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import type { BanRecord, BanResult } from "@/lib/moderation/bans";
import { NETWORK_FAILURE_KEY, sendDashboardRequest, type DashboardApiError, type DashboardApiResult } from "../dashboard-api";

/** An error the API answered with (SPEC.md shape). */
export type BanApiError = DashboardApiError;

/** The outcome of one request: it worked, the API refused, or the server could not be reached. */
export type BanApiResult<T> = DashboardApiResult<T>;

/** What the ban forms send (POST /api/v1/moderation/bans). */
export interface BanRequest {
  email: string;
  ip?: string | undefined;
  reason: string;
  rejectPending: boolean;
}

/** Shown when the request never reached the server. */
export const BAN_NETWORK_FAILURE_MESSAGE = NETWORK_FAILURE_KEY;

/** Bans an author; with `rejectPending`, their pending comments are rejected too. */
export function requestBan(ban: BanRequest): Promise<BanApiResult<BanResult>> {
  return sendDashboardRequest("/api/v1/moderation/bans", { method: "POST", body: ban });
}

/** Lifts a ban. */
export function requestLiftBan(id: string): Promise<BanApiResult<{ ban: BanRecord }>> {
  return sendDashboardRequest(`/api/v1/moderation/bans/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** "Banned a@b.c. 2 pending comments were rejected." */
export function describeBanResult(result: BanResult, t: Translator = createTranslator("en")): string {
  const banned = t("dashboard.bans.banned", { who: result.ban.email ?? result.ban.ip ?? t("dashboard.bans.theAuthor") });
  return result.rejectedCount === 0 ? banned : `${banned} ${t("dashboard.bans.pendingRejected", { count: result.rejectedCount })}`;
}
