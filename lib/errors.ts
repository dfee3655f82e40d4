// One error type for every expected failure, with a code that maps to one HTTP
// status; callers branch on the code, never on message text.

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

/** An expected failure that callers show to the user as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: { fields?: Record<string, string>; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
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
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields) body.error.fields = error.fields;
    return { status: error.status, body, headers };
  }
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side. Please try again." } }, headers: {} };
}
