// What the comment and report forms tell a reader, in one place, for the
// React forms of the article page and the framed thread's own small script.
// Each is a catalog key (lib/i18n, sections `form` and `reader`): the caller
// writes it in the page's language. Only types come from lib/i18n here, so the
// frame's script does not ship the catalogs by importing this file.
import type { MessageKey } from "@/lib/i18n/catalog-types";
import type { MessageParams } from "@/lib/i18n/translate";
import type { ApiError } from "./comments-api";

/** Writes a key in the page's language (createTranslator's result, or the frame's own). */
export type MessageWriter = (key: MessageKey, params?: MessageParams) => string;

/** Shown when the request never reached the server. */
export const NETWORK_FAILURE_KEY = "form.messages.networkFailure" satisfies MessageKey;
/** Added wherever a failure leaves the reader's text in the form. */
export const SAVED_NOTE_KEY = "form.messages.savedNote" satisfies MessageKey;
/** Said once a report is in. */
export const REPORT_THANKS_KEY = "form.report.thanks" satisfies MessageKey;
/** Said when this reader has reported the comment before (409). */
export const REPORT_DUPLICATE_KEY = "form.report.duplicate" satisfies MessageKey;
/** A report that never reached the server. */
export const REPORT_NETWORK_FAILURE_KEY = "form.report.networkFailure" satisfies MessageKey;
/** The notice over a comment that waits for a moderator. */
export const PENDING_TITLE_KEY = "reader.posted.pending" satisfies MessageKey;
/** Beside one's own held comment: nobody else sees it. */
export const PENDING_BADGE_KEY = "reader.posted.pendingBadge" satisfies MessageKey;
/** Over one's own held comments shown again after a reload. */
export const OWN_PENDING_TITLE_KEY = "reader.posted.ownPending" satisfies MessageKey;
/** The notice over a comment that was published at once. */
export const APPROVED_TITLE_KEY = "reader.posted.approved" satisfies MessageKey;
/** Said when Post is pressed before the captcha has arrived, or after it failed to. */
export const CAPTCHA_LOADING_KEY = "form.messages.captchaLoading" satisfies MessageKey;
export const CAPTCHA_FAILED_KEY = "form.messages.captchaFailed" satisfies MessageKey;


/** "in 45 seconds", "in about 3 minutes", "in about 2 hours": when a rate-limited reader may try again. */
export function formatRetryAfter(seconds: number, t: MessageWriter): string {
  if (seconds <= 1) return t("form.retry.moment");
  if (seconds < 60) return t("form.retry.seconds", { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t("form.retry.minutes", { count: minutes });
  return t("form.retry.hours", { count: Math.ceil(minutes / 60) });
}

/** The fields a server error may name, in the order they appear on the form. */
export const SERVER_FIELDS = ["body", "authorName", "authorEmail", "authorUrl", "captchaAnswer"] as const;
export type ServerField = (typeof SERVER_FIELDS)[number];

function isServerField(name: string): name is ServerField {
  return (SERVER_FIELDS as readonly string[]).includes(name);
}

/** Where a refused comment's error goes: messages under fields, a message over the form, and the field to focus. */
export interface PlacedServerError {
  fields: Partial<Record<ServerField, string>>;
  formMessage: string | null;
  focus: ServerField | null;
}

/**
 * Spreads an API error over the comment form: each field the server named gets
 * its message (an expired or reused captcha token is the captcha's problem as
 * far as the reader is concerned), and whatever no field explains is said over
 * the form, with when to try again for a rate limit. The server's messages
 * come in the page's language already (the API is asked with ?lang=); `t`
 * writes what is added here.
 */
export function placeServerError(error: ApiError, t: MessageWriter): PlacedServerError {
  const fields: Partial<Record<ServerField, string>> = {};
  for (const [name, message] of Object.entries(error.fields)) {
    const target = name === "captchaToken" ? "captchaAnswer" : name;
    if (isServerField(target)) fields[target] = message;
  }
  if (error.code === "captcha" && fields.captchaAnswer === undefined) fields.captchaAnswer = error.message;
  if (error.code === "too_large" && Object.keys(fields).length === 0) fields.body = error.message;

  const placedAny = Object.keys(fields).length > 0;
  let formMessage: string | null = null;
  if (error.code === "rate_limited") {
    // Say when, unless the server's message already does.
    const saysWhen = /try again|inténtalo|intentarlo/i.test(error.message);
    const when = error.retryAfterSeconds !== null && !saysWhen ? ` ${t("form.messages.tryAgain", { when: formatRetryAfter(error.retryAfterSeconds, t) })}` : "";
    formMessage = `${error.message}${when} ${t(SAVED_NOTE_KEY)}`;
  } else if (!placedAny) {
    formMessage = error.status >= 500 ? `${error.message} ${t(SAVED_NOTE_KEY)}` : error.message;
  } else if (error.code !== "validation" && error.code !== "captcha" && error.code !== "too_large") {
    formMessage = error.message;
  }
  return { fields, formMessage, focus: SERVER_FIELDS.find((name) => fields[name] !== undefined) ?? null };
}

/**
 * Whether a refused attempt used up its captcha token. Input is validated
 * before the captcha is checked, so a validation error (or a body too large to
 * read) leaves the token unspent; every later refusal has spent it.
 */
export function hasSpentCaptcha(error: ApiError): boolean {
  return error.code !== "validation" && error.code !== "too_large";
}
