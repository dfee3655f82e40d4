// The browser's side of the settings API: saving the moderation settings and
// one article's switches. Calls answer with a result object instead of throwing.
import { isRecord, sendDashboardRequest, type DashboardApiError, type DashboardApiResult } from "../dashboard-api";
import type { ArticleModerationInput, ModerationSettingsFormOutput } from "@/lib/validation/moderation-settings";

/** What the API refused with (SPEC.md error shape). */
export type SettingsApiError = DashboardApiError;

/** It worked, the API refused, or the server could not be reached. */
export type SettingsApiResult<T> = DashboardApiResult<T>;

/** An article's switches as the API answers them. */
export interface ArticleSwitches {
  slug: string;
  commentsOpen: boolean;
  preModerate: boolean;
}

/** PUT /api/v1/moderation/settings. */
export function saveModerationSettings(settings: ModerationSettingsFormOutput): Promise<SettingsApiResult<ModerationSettingsFormOutput>> {
  return sendDashboardRequest("/api/v1/moderation/settings", { method: "PUT", body: settings }, (body) => (isRecord(body.settings) ? (body.settings as unknown as ModerationSettingsFormOutput) : null));
}

/** PATCH /api/v1/moderation/articles/{slug}. */
export function saveArticleSwitches(slug: string, changes: ArticleModerationInput): Promise<SettingsApiResult<ArticleSwitches>> {
  return sendDashboardRequest(`/api/v1/moderation/articles/${encodeURIComponent(slug)}`, { method: "PATCH", body: changes }, (body) => (isRecord(body.article) ? (body.article as unknown as ArticleSwitches) : null));
}
