// The browser's side of the public JSON API (SPEC.md): captcha, posting a
// comment, editing or deleting one's own, reporting one, respecting one. Every call answers with a result object instead of
// throwing, so the forms only branch on `kind`. Each call asks for the page's
// language (`?lang=` from <html lang>), so the API's error messages come back
// in it; the few messages made here are catalog keys the forms translate.
import type { ReportInput } from "@/lib/validation/comment-input";

/** A captcha as GET /api/v1/captcha gives it. */
export interface Captcha {
  token: string;
  question: string;
}

/** What the server said about a new comment (201). */
export interface PostedComment {
  id: string;
  status: "approved" | "pending";
  message: string;
  /** Proof of authorship, kept to follow a held comment and to edit or delete it ("" if the server sent none). */
  editToken: string;
  /** ISO time until which the author may edit or delete it ("" if the server sent none). */
  editableUntil: string;
}

/** What the server made of an edit (PATCH 200): published again, or held for a moderator. */
export interface EditedComment {
  id: string;
  status: "approved" | "pending";
  message: string;
}

/** What a moderator made of one's own comment (GET /api/v1/comments/{id}/status). */
export type OwnCommentStatus = "approved" | "pending" | "rejected";

/** A comment's respects as the API counts them after a reader's respect or its withdrawal. */
export interface RespectCount {
  id: string;
  respects: number;
}

/** An error the API answered with (SPEC.md shape), plus Retry-After when rate limited. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
  retryAfterSeconds: number | null;
}

/** The outcome of one request: it worked, the API refused, or the server could not be reached. */
export type ApiResult<T> = { kind: "ok"; value: T } | { kind: "error"; error: ApiError } | { kind: "network" };

/** The JSON body of POST /api/v1/articles/{slug}/comments (SPEC.md); `website` is the honeypot. */
export interface CommentRequest {
  authorName: string;
  authorEmail: string;
  authorUrl?: string | undefined;
  body: string;
  parentId?: string | undefined;
  captchaToken: string;
  captchaAnswer: string;
  website: string;
  /** Sent only when the form offers them (mail is on). */
  notifyReplies?: boolean;
  followThread?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Turns a non-2xx response into an ApiError, whatever its body looks like. */
async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) {
    for (const [name, message] of Object.entries(error.fields)) if (typeof message === "string") fields[name] = message;
  }
  return {
    status: response.status,
    code: typeof error.code === "string" ? error.code : response.status >= 500 ? "internal" : "unknown",
    message: typeof error.message === "string" && error.message !== "" ? error.message : "form.messages.internal",
    fields,
    retryAfterSeconds: parseRetryAfter(response.headers.get("Retry-After")),
  };
}

/** The address with the page's language added, as `<html lang>` names it (the article page's or the frame's). */
export function withPageLanguage(url: string): string {
  const lang = typeof document === "undefined" ? "" : document.documentElement.lang;
  if (!/^[a-z]{2}$/.test(lang)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}lang=${lang}`;
}

async function request<T>(path: string, init: RequestInit, parse: (body: unknown) => T | null): Promise<ApiResult<T>> {
  const url = withPageLanguage(path);
  let response: Response;
  try {
    const headers = { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}), ...(init.headers as Record<string, string> | undefined) };
    response = await fetch(url, { ...init, headers, cache: "no-store" });
  } catch {
    return { kind: "network" };
  }
  if (!response.ok) return { kind: "error", error: await toApiError(response) };
  const value = parse(await readJson(response));
  if (value === null) {
    return { kind: "error", error: { status: response.status, code: "internal", message: "form.messages.unreadable", fields: {}, retryAfterSeconds: null } };
  }
  return { kind: "ok", value };
}

/** Gets a fresh single-use captcha. */
export function fetchCaptcha(): Promise<ApiResult<Captcha>> {
  return request("/api/v1/captcha", { method: "GET" }, (body) =>
    isRecord(body) && typeof body.token === "string" && typeof body.question === "string" ? { token: body.token, question: body.question } : null,
  );
}

/** Posts a comment or a reply to an article. */
export function postComment(slug: string, comment: CommentRequest): Promise<ApiResult<PostedComment>> {
  return request(`/api/v1/articles/${encodeURIComponent(slug)}/comments`, { method: "POST", body: JSON.stringify(comment) }, (body) =>
    isRecord(body) && typeof body.id === "string" && (body.status === "approved" || body.status === "pending")
      ? {
          id: body.id,
          status: body.status,
          message: typeof body.message === "string" ? body.message : "",
          editToken: typeof body.editToken === "string" ? body.editToken : "",
          editableUntil: typeof body.editableUntil === "string" ? body.editableUntil : "",
        }
      : null,
  );
}

/** Replaces the text of one's own comment, proving authorship with its editToken; the server judges the new text again. */
export function editComment(id: string, editToken: string, body: string): Promise<ApiResult<EditedComment>> {
  return request(`/api/v1/comments/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ editToken, body }) }, (answer) =>
    isRecord(answer) && typeof answer.id === "string" && (answer.status === "approved" || answer.status === "pending")
      ? { id: answer.id, status: answer.status, message: typeof answer.message === "string" ? answer.message : "" }
      : null,
  );
}

/** Deletes one's own comment (204), proving authorship with its editToken. */
export function deleteComment(id: string, editToken: string): Promise<ApiResult<true>> {
  return request(`/api/v1/comments/${encodeURIComponent(id)}`, { method: "DELETE", body: JSON.stringify({ editToken }) }, () => true);
}

/** Asks what became of a comment this browser posted, proving authorship with its editToken. */
export function fetchOwnCommentStatus(id: string, editToken: string): Promise<ApiResult<OwnCommentStatus>> {
  return request(`/api/v1/comments/${encodeURIComponent(id)}/status`, { method: "GET", headers: { "X-Edit-Token": editToken } }, (body) =>
    isRecord(body) && (body.status === "approved" || body.status === "pending" || body.status === "rejected") ? body.status : null,
  );
}

/** Reports a comment to the moderators. */
export function postReport(commentId: string, report: ReportInput): Promise<ApiResult<true>> {
  return request(`/api/v1/comments/${encodeURIComponent(commentId)}/reports`, { method: "POST", body: JSON.stringify(report) }, () => true);
}

function readRespectCount(body: unknown): RespectCount | null {
  return isRecord(body) && typeof body.id === "string" && typeof body.respects === "number" && Number.isInteger(body.respects) && body.respects >= 0 ? { id: body.id, respects: body.respects } : null;
}

/** Respects a comment as this browser's reader (the same reader again changes nothing). */
export function respectComment(commentId: string, readerToken: string): Promise<ApiResult<RespectCount>> {
  return request(`/api/v1/comments/${encodeURIComponent(commentId)}/respect`, { method: "POST", body: JSON.stringify({ readerToken }) }, readRespectCount);
}

/** Takes this browser's reader's respect for a comment back. */
export function withdrawRespect(commentId: string, readerToken: string): Promise<ApiResult<RespectCount>> {
  return request(`/api/v1/comments/${encodeURIComponent(commentId)}/respect`, { method: "DELETE", body: JSON.stringify({ readerToken }) }, readRespectCount);
}
