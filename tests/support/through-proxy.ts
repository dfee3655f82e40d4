// Sends a request the way Next does: through the real proxy (proxy.ts) first,
// whose own answer (a refusal) is the answer, then to the route handler with
// the request headers the proxy set (the language it chose, `x-locale`).
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

/** A route handler as Next calls it. */
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The proxy, then the handler: the response a client would get. */
export async function sendThroughProxy(request: Request, handler: RouteHandler, params: Record<string, string> = {}): Promise<Response> {
  const passed = await proxy(new NextRequest(request.clone()));
  if (passed && passed.headers.get("x-middleware-next") !== "1") return passed;
  const headers = new Headers(request.headers);
  for (const name of (passed?.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean)) {
    headers.set(name, passed!.headers.get(`x-middleware-request-${name}`) ?? "");
  }
  return handler(new Request(request, { headers }), { params: Promise.resolve(params) });
}
