// The browser's side of the settings API: saving the moderation settings and
// one article's switches. Calls answer with a result object instead of throwing.
import type { ArticleModerationInput, ModerationSettingsFormOutput } from "@/lib/validation/moderation-settings";

/** What the API refused with (SPEC.md error shape). */
export interface SettingsApiError {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** It worked, the API refused, or the server could not be reached. */
export type SettingsApiResult<T> = { kind: "ok"; value: T } | { kind: "error"; error: SettingsApiError } | { kind: "network" };

/** An article's switches as the API answers them. */
export interface ArticleSwitches {
  slug: string;
  commentsOpen: boolean;
  preModerate: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function send<T>(url: string, method: "PUT" | "PATCH", body: unknown, pick: (body: Record<string, unknown>) => T | null): Promise<SettingsApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  } catch {
    return { kind: "network" };
  }
  const parsed: unknown = await response.json().catch(() => null);
  const json = isRecord(parsed) ? parsed : {};
  if (response.ok) {
    const value = pick(json);
    if (value !== null) return { kind: "ok", value };
  }
  const error = isRecord(json.error) ? json.error : {};
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) for (const [name, message] of Object.entries(error.fields)) if (typeof message === "string") fields[name] = message;
  return {
    kind: "error",
    error: {
      status: response.status,
      code: typeof error.code === "string" ? error.code : "internal",
      message: typeof error.message === "string" && error.message ? error.message : "Something went wrong on our side. Please try again.",
      fields,
    },
  };
}

/** PUT /api/v1/moderation/settings. */
export function saveModerationSettings(settings: ModerationSettingsFormOutput): Promise<SettingsApiResult<ModerationSettingsFormOutput>> {
  return send("/api/v1/moderation/settings", "PUT", settings, (body) => (isRecord(body.settings) ? (body.settings as unknown as ModerationSettingsFormOutput) : null));
}

/** PATCH /api/v1/moderation/articles/{slug}. */
export function saveArticleSwitches(slug: string, changes: ArticleModerationInput): Promise<SettingsApiResult<ArticleSwitches>> {
  return send(`/api/v1/moderation/articles/${encodeURIComponent(slug)}`, "PATCH", changes, (body) => (isRecord(body.article) ? (body.article as unknown as ArticleSwitches) : null));
}
