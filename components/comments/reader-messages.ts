// What the comment and report forms tell a reader, in one place, for the
// React forms of the article page and the framed thread's own small script.
import { formatRetryAfter, type ApiError } from "./comments-api";

/** Shown when the request never reached the server. */
export const NETWORK_FAILURE_MESSAGE = "We could not reach the server. Your comment is saved in this browser; try again in a moment.";
/** Added wherever a failure leaves the reader's text in the form. */
export const SAVED_NOTE = "Your comment is saved in this browser.";
/** Said once a report is in. */
export const REPORT_THANKS = "Thanks — a moderator will review it.";
/** Said when this reader has reported the comment before (409). */
export const REPORT_DUPLICATE = "You have already reported this comment.";
/** A report that never reached the server. */
export const REPORT_NETWORK_FAILURE = "We could not reach the server. Please try again in a moment.";
/** The notice over a comment that waits for a moderator. */
export const PENDING_TITLE = "Your comment is awaiting moderation.";
/** Beside one's own held comment: nobody else sees it. */
export const PENDING_BADGE = "Awaiting moderation · only you can see this until a moderator approves it";
/** Over one's own held comments shown again after a reload. */
export const OWN_PENDING_TITLE = "Your comments awaiting moderation";
/** The notice over a comment that was published at once. */
export const APPROVED_TITLE = "Your comment has been published.";
/** Said when Post is pressed before the captcha has arrived, or after it failed to. */
export const CAPTCHA_LOADING_MESSAGE = "The anti-spam question is still loading. Please try again in a moment.";
export const CAPTCHA_FAILED_MESSAGE = "We could not load the anti-spam question. Choose “New question” and try again.";

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
 * the form, with when to try again for a rate limit.
 */
export function placeServerError(error: ApiError): PlacedServerError {
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
    const saysWhen = /try again/i.test(error.message);
    const when = error.retryAfterSeconds !== null && !saysWhen ? ` You can try again ${formatRetryAfter(error.retryAfterSeconds)}.` : "";
    formMessage = `${error.message}${when} ${SAVED_NOTE}`;
  } else if (!placedAny) {
    formMessage = error.status >= 500 ? `${error.message} ${SAVED_NOTE}` : error.message;
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
