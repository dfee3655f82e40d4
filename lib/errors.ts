// One error type for every expected failure, with a code that maps to one HTTP
// status; callers branch on the code, never on message text. A message (and a
// field's problem) may be a catalog key (lib/i18n): it is written out in the
// request's language when the error is answered.
import { DEFAULT_LOCALE, type Locale } from "./i18n/locales";
import { translate, type MessageParams } from "./i18n/translate";

/** The error codes of the public API (SPEC.md). */
export type ErrorCode =
  | "validation"
  | "captcha"
  | "not_found"
  | "closed"
  | "banned"
  | "duplicate"
  | "rate_limited"
  | "too_large"
  | "unauthorized"
  | "forbidden";

const statusByCode: Record<ErrorCode, number> = {
  validation: 400,
  captcha: 422,
  not_found: 404,
  closed: 403,
  banned: 403,
  duplicate: 409,
  rate_limited: 429,
  too_large: 413,
  unauthorized: 401,
  forbidden: 403,
};

function translateFields(locale: Locale, fields: Record<string, string> | undefined, params: MessageParams | undefined): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([field, problem]) => [field, translate(locale, problem, params)]));
}

/** An expected failure that callers show to the user as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Each bad field's problem in English, like `message` (for logs, scripts and code that reads it). */
  readonly fields: Record<string, string> | undefined;
  /** The fields' problems as given: catalog keys, or text. */
  readonly fieldKeys: Record<string, string> | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Values for the placeholders of a message (and of its fields' problems) given as catalog keys. */
  readonly params: MessageParams | undefined;
  /** The message as given: a catalog key, or text. `message` is its English. */
  readonly messageKey: string;

  constructor(code: ErrorCode, message: string, options: { fields?: Record<string, string>; retryAfterSeconds?: number; params?: MessageParams } = {}) {
    super(translate(DEFAULT_LOCALE, message, options.params));
    this.name = "AppError";
    this.code = code;
    this.fieldKeys = options.fields;
    this.fields = translateFields(DEFAULT_LOCALE, options.fields, options.params);
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.params = options.params;
    this.messageKey = message;
  }

  /** The message in a language. */
  messageIn(locale: Locale): string {
    return translate(locale, this.messageKey, this.params);
  }

  /** The fields' problems in a language. */
  fieldsIn(locale: Locale): Record<string, string> | undefined {
    return translateFields(locale, this.fieldKeys, this.params);
  }

  /** The HTTP status this error is answered with. */
  get status(): number {
    return statusByCode[this.code];
  }
}

/** The JSON body of every API error. */
export interface ErrorBody {
  error: { code: ErrorCode | "internal"; message: string; fields?: Record<string, string> };
}

/** Maps any thrown value to the API's error status, body and headers; unexpected errors hide their details. */
export function toErrorResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    const body: ErrorBody = { error: { code: error.code, message: error.messageIn(locale) } };
    const fields = error.fieldsIn(locale);
    if (fields) body.error.fields = fields;
    return { status: error.status, body, headers };
  }
  return { status: 500, body: { error: { code: "internal", message: translate(locale, "api.internal") } }, headers: {} };
}
