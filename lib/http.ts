// JSON responses for route handlers, built on the standard Response so that
// domain errors map to the API's one error shape in one place.
import { readClientAddress, type TrustProxy } from "./client-address";
import { AppError, toErrorResponse } from "./errors";
import { readRequestLocale } from "./i18n/request-locale";

/** A JSON response with the given status and headers. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/** The API's error response for any thrown value, in the request's language; unexpected errors are logged, not shown. */
export function errorResponse(error: unknown, request?: Pick<Request, "headers">): Response {
  const { status, body, headers } = toErrorResponse(error, request ? readRequestLocale(request.headers) : undefined);
  if (status === 500) console.error(error);
  return Response.json(body, { status, headers });
}

/** Reads a request's query string into a plain object (last value wins). */
export function readSearchParams(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}

export { CLIENT_IP_HEADER } from "./client-address";

/** Who sent a request (its address as lib/client-address.ts resolves it through the trusted proxies), with what, from where. */
export function readRequestMeta(request: Request, options: { trust: TrustProxy }): { ip: string; userAgent: string; referrer: string } {
  return {
    ip: readClientAddress((name) => request.headers.get(name), options.trust),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 500),
    referrer: (request.headers.get("referer") ?? "").slice(0, 1000),
  };
}

/** Maximum JSON body accepted by the public API. */
export const MAX_JSON_BODY_BYTES = 32 * 1024;

/** Reads a JSON body; throws too_large past the limit and validation for malformed JSON. */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const tooLarge = () => new AppError("too_large", "api.request.tooLarge", { params: { kilobytes: maxBytes / 1024 } });
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  const text = await readTextUpTo(request, maxBytes, tooLarge);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation", "api.request.notJson", { fields: { body: "api.request.mustBeObject" } });
  }
  // PostgreSQL refuses a NUL byte in text: whichever field holds one is named here, before any of it reaches a query.
  const field = findNulField(value);
  if (field !== null) throw new AppError("validation", field ? "api.request.fieldHasNul" : "api.request.bodyHasNul", { fields: { [field || "body"]: "api.request.noNul" }, params: { field } });
  return value;
}

/**
 * The body as text, read chunk by chunk and abandoned as soon as it passes
 * `maxBytes`: a body sent without a length (chunked) is never buffered whole.
 */
async function readTextUpTo(request: Request, maxBytes: number, tooLarge: () => Error): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The path (`a.b.0`) of the first string or key holding U+0000 in a parsed JSON value; "" for the value itself; null when there is none. */
export function findNulField(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return itemPath;
    const found = findNulField(item, itemPath);
    if (found !== null) return found;
  }
  return null;
}
