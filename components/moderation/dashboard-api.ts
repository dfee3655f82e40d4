// The browser's side of the dashboard's JSON API: one request helper whose
// result says whether it worked, what the API refused (SPEC.md error shape,
// with the fields it names), or that the server could not be reached, so forms
// branch on `kind` instead of catching.
import type { MessageKey } from "@/lib/i18n/catalog-types";

/** An error the API answered with. */
export interface DashboardApiError {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** The outcome of one request. */
export type DashboardApiResult<T> = { kind: "ok"; value: T } | { kind: "error"; error: DashboardApiError } | { kind: "network" };

/** Shown when the request never reached the server, as a catalog key: forms write it in the page's language. */
export const NETWORK_FAILURE_KEY = "dashboard.api.network" satisfies MessageKey;

/** The URL with the page's language added (`lang=`), so the API answers errors in the dashboard's language. */
export function withLang(url: string): string {
  const lang = typeof document === "undefined" ? "" : document.documentElement.lang;
  if (lang !== "en" && lang !== "es") return url;
  return `${url}${url.includes("?") ? "&" : "?"}lang=${lang}`;
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toError(status: number, json: Record<string, unknown>): DashboardApiError {
  const error = isRecord(json.error) ? json.error : {};
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) {
    for (const [name, message] of Object.entries(error.fields)) if (typeof message === "string") fields[name] = message;
  }
  const fallback = status === 401 ? "dashboard.api.sessionEnded" : status === 403 ? "dashboard.api.noRights" : "dashboard.api.internal";
  return {
    status,
    code: typeof error.code === "string" ? error.code : "internal",
    message: typeof error.message === "string" && error.message ? error.message : fallback,
    fields,
  };
}

/**
 * Sends a request (a JSON body when given) and reads the answer; `pick` takes
 * the value out of a successful answer, or null when the answer is not what
 * was expected (then it counts as an error).
 */
export async function sendDashboardRequest<T>(
  url: string,
  init: { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown },
  pick: (body: Record<string, unknown>) => T | null = (body) => body as T,
): Promise<DashboardApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(withLang(url), {
      method: init.method,
      headers: { Accept: "application/json", ...(init.body === undefined ? {} : { "Content-Type": "application/json" }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { kind: "network" };
  }
  const parsed: unknown = await response.json().catch(() => null);
  const json = isRecord(parsed) ? parsed : {};
  if (response.ok) {
    const value = pick(json);
    if (value !== null) return { kind: "ok", value };
  }
  return { kind: "error", error: toError(response.ok ? 500 : response.status, json) };
}
