// The browser's side of the sites API: every call answers with a result object
// instead of throwing, so the forms only branch on `kind`.
import type { SiteRecord } from "@/lib/embed/site-admin";
import type { SiteFormOutput } from "@/lib/validation/site-input";
import { isRecord, sendDashboardRequest, type DashboardApiError, type DashboardApiResult } from "../dashboard-api";

/** What the API refused with (SPEC.md error shape). */
export type SiteApiError = DashboardApiError;

/** It worked, the API refused, or the server could not be reached. */
export type SiteApiResult<T> = DashboardApiResult<T>;

const pickSite = (body: Record<string, unknown>) => (isRecord(body.site) ? (body.site as unknown as SiteRecord) : null);

/** POST /api/v1/moderation/sites: adds a site; without a key the server generates one. */
export function requestCreateSite(site: SiteFormOutput): Promise<SiteApiResult<SiteRecord>> {
  return sendDashboardRequest("/api/v1/moderation/sites", { method: "POST", body: site }, pickSite);
}

/** PATCH /api/v1/moderation/sites/{id}: a new name, allowed origins, language (null: the reader's browser) and style sheet (null: none). */
export function requestUpdateSite(
  id: string,
  changes: { name: string; allowedOrigins: string[]; language: "en" | "es" | null; themeStylesheetUrl: string | null },
): Promise<SiteApiResult<SiteRecord>> {
  return sendDashboardRequest(`/api/v1/moderation/sites/${encodeURIComponent(id)}`, { method: "PATCH", body: changes }, pickSite);
}
