// The browser's side of the bans API: every call answers with a result object
// instead of throwing, so the forms only branch on `kind`.
import type { BanRecord, BanResult } from "@/lib/moderation/bans";

/** An error the API answered with (SPEC.md shape). */
export interface BanApiError {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** The outcome of one request: it worked, the API refused, or the server could not be reached. */
export type BanApiResult<T> = { kind: "ok"; value: T } | { kind: "error"; error: BanApiError } | { kind: "network" };

/** What the ban forms send (POST /api/v1/moderation/bans). */
export interface BanRequest {
  email: string;
  ip?: string | undefined;
  reason: string;
  rejectPending: boolean;
}

/** Shown when the request never reached the server. */
export const BAN_NETWORK_FAILURE_MESSAGE = "We could not reach the server. Check your connection and try again.";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function toError(response: Response): Promise<BanApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) {
    for (const [name, message] of Object.entries(error.fields)) if (typeof message === "string") fields[name] = message;
  }
  const fallback =
    response.status === 401 ? "Your session has ended. Sign in again." : response.status === 403 ? "Your account has no moderation rights." : "Something went wrong on our side. Please try again.";
  return {
    status: response.status,
    code: typeof error.code === "string" ? error.code : "internal",
    message: typeof error.message === "string" && error.message ? error.message : fallback,
    fields,
  };
}

async function send<T>(url: string, init: RequestInit): Promise<BanApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}) }, cache: "no-store" });
  } catch {
    return { kind: "network" };
  }
  if (!response.ok) return { kind: "error", error: await toError(response) };
  return { kind: "ok", value: (await response.json()) as T };
}

/** Bans an author; with `rejectPending`, their pending comments are rejected too. */
export function requestBan(ban: BanRequest): Promise<BanApiResult<BanResult>> {
  return send("/api/v1/moderation/bans", { method: "POST", body: JSON.stringify(ban) });
}

/** Lifts a ban. */
export function requestLiftBan(id: string): Promise<BanApiResult<{ ban: BanRecord }>> {
  return send(`/api/v1/moderation/bans/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** "Banned a@b.c. 2 pending comments rejected." */
export function describeBanResult(result: BanResult): string {
  const rejected = result.rejectedCount === 0 ? "" : ` ${result.rejectedCount} pending comment${result.rejectedCount === 1 ? " was" : "s were"} rejected.`;
  return `Banned ${result.ban.email ?? result.ban.ip ?? "the author"}.${rejected}`;
}
