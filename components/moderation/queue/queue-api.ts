// The browser's side of the moderation API (SPEC.md "Moderation API"): queue
// pages, decisions one by one or in bulk, undo, and editors' picks. Every call
// resolves to a result instead of throwing, so the queue only branches on `ok`.
import type { DecisionAction } from "@/lib/moderation/queue-names";
import type { QueuePage } from "@/lib/moderation/queues";
import { withLang } from "../dashboard-api";
import type { CommentStatus } from "./queue-decisions";

/** The outcome of one request: the answer, or the message to show. */
export type QueueApiResult<T> = { ok: true; value: T } | { ok: false; message: string; code: string };

/** One decided comment as the API reports it. */
export interface DecidedComment {
  id: string;
  status: CommentStatus;
  fromStatus: CommentStatus;
}

/** The filters and position of a queue page request. */
export interface QueuePageRequest {
  queue: string;
  order: "newest" | "oldest";
  article?: string | undefined;
  author?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

// Catalog keys: the queue writes them in the page's language.
const NETWORK_MESSAGE = "dashboard.api.network";
const UNREADABLE_MESSAGE = "dashboard.api.unreadable";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function request<T>(url: string, init: RequestInit, parse: (body: unknown) => T | null): Promise<QueueApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(withLang(url), {
      ...init,
      headers: { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}) },
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, code: "network", message: NETWORK_MESSAGE };
  }
  const body = await readJson(response);
  if (!response.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {};
    const message = typeof error.message === "string" && error.message !== "" ? error.message : "dashboard.api.internal";
    return { ok: false, code: typeof error.code === "string" ? error.code : "unknown", message };
  }
  const value = parse(body);
  return value === null ? { ok: false, code: "internal", message: UNREADABLE_MESSAGE } : { ok: true, value };
}

function toDecided(body: unknown): DecidedComment | null {
  return isRecord(body) && typeof body.id === "string" && typeof body.status === "string" && typeof body.fromStatus === "string"
    ? { id: body.id, status: body.status as CommentStatus, fromStatus: body.fromStatus as CommentStatus }
    : null;
}

/** The URL of a queue page in the API. */
export function buildQueuePageUrl(page: QueuePageRequest): string {
  const params = new URLSearchParams({ queue: page.queue, order: page.order });
  if (page.article) params.set("article", page.article);
  if (page.author) params.set("author", page.author);
  if (page.cursor) params.set("cursor", page.cursor);
  if (page.limit !== undefined) params.set("limit", String(page.limit));
  return `/api/v1/moderation/comments?${params.toString()}`;
}

/** GET one page of a queue. */
export function fetchQueuePage(page: QueuePageRequest): Promise<QueueApiResult<QueuePage>> {
  return request(buildQueuePageUrl(page), { method: "GET" }, (body) =>
    isRecord(body) && Array.isArray(body.comments) && isRecord(body.counts) ? (body as unknown as QueuePage) : null,
  );
}

/** POST one decision on one comment. */
export function postDecision(id: string, action: DecisionAction): Promise<QueueApiResult<DecidedComment>> {
  return request(`/api/v1/moderation/comments/${encodeURIComponent(id)}/decision`, { method: "POST", body: JSON.stringify({ action }) }, toDecided);
}

/** POST one decision on up to 100 comments. */
export function postBulkDecision(ids: readonly string[], action: DecisionAction): Promise<QueueApiResult<{ decided: DecidedComment[]; notFound: string[] }>> {
  return request("/api/v1/moderation/decisions", { method: "POST", body: JSON.stringify({ ids, action }) }, (body) => {
    if (!isRecord(body) || !Array.isArray(body.decided) || !Array.isArray(body.notFound)) return null;
    const decided = body.decided.map(toDecided);
    if (decided.some((entry) => entry === null)) return null;
    return { decided: decided as DecidedComment[], notFound: body.notFound.filter((id): id is string => typeof id === "string") };
  });
}

/** POST undo: takes back the caller's latest decision on the comment. */
export function postUndo(id: string): Promise<QueueApiResult<DecidedComment>> {
  return request(`/api/v1/moderation/comments/${encodeURIComponent(id)}/undo`, { method: "POST" }, toDecided);
}

/** POST an editors' pick on or off (SPEC.md `POST /api/v1/moderation/comments/{id}/feature`). */
export function postFeature(id: string, featured: boolean): Promise<QueueApiResult<{ id: string; featured: boolean }>> {
  return request(`/api/v1/moderation/comments/${encodeURIComponent(id)}/feature`, { method: "POST", body: JSON.stringify({ featured }) }, (body) =>
    isRecord(body) && typeof body.id === "string" && typeof body.featured === "boolean" ? { id: body.id, featured: body.featured } : null,
  );
}
