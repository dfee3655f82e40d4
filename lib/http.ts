// JSON responses for route handlers, built on the standard Response so that
// domain errors map to the API's one error shape in one place.
import { toErrorResponse } from "./errors";

/** A JSON response with the given status and headers. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/** The API's error response for any thrown value; unexpected errors are logged, not shown. */
export function errorResponse(error: unknown): Response {
  const { status, body, headers } = toErrorResponse(error);
  if (status === 500) console.error(error);
  return Response.json(body, { status, headers });
}

/** Reads a request's query string into a plain object (last value wins). */
export function readSearchParams(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
