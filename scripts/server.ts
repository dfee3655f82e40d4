// Production server: Next.js behind a plain Node HTTP server, so the app can
// know the client's real address. `next start` keeps an X-Forwarded-For that
// the client sent itself, which would let anyone dodge flood limits and bans;
// here the socket's address is stamped on every request, overwriting any
// client-supplied value. Behind a reverse proxy, set TRUST_PROXY instead.
//
// It also answers the API's hottest request, GET (or HEAD)
// /api/v1/articles/{slug}/comments, from an in-memory copy of the exact
// response (lib/comments/thread-response-cache.ts), and the pages readers
// load (an article, a framed thread, the counts beside a host page's links, the comment feeds) from rendered copies
// (lib/reader-pages/page-cache.ts), before Next.js's request pipeline runs;
// a page missing from memory is rendered by Next.js through a request to
// this same server that skips the cache. Every other request, and every one
// the caches cannot answer with a 200 or 304, is Next.js's as before. This code runs
// under tsx, outside Next.js's bundle, yet both reach the one database and the
// one live bus: lib/db.ts and lib/live keep them on globalThis.
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { getThreadResponseCache, tryServeThreadFromCache } from "../lib/comments/thread-response-cache";
import { serveDatabaseOrExit } from "../lib/db";
import { CLIENT_IP_HEADER, MAX_JSON_BODY_BYTES } from "../lib/http";
import { getEnv } from "../lib/env";
import { getReaderPageCache, tryServeReaderPage, type RenderedPage } from "../lib/reader-pages/page-cache";
import { loadEnvFiles } from "./load-env-files";

loadEnvFiles();
const env = getEnv();
// Before Next.js loads anything: on the embedded database this process becomes the data directory's one owner,
// or stops here naming the process that already is (instrumentation.ts does the same under `npm run dev`).
await serveDatabaseOrExit();
const hostname = process.argv.includes("--host") ? process.argv[process.argv.indexOf("--host") + 1] : undefined;
// The listening address is not Next.js's hostname: given one, Next.js would take the proxy's rewrites to
// the request's own origin (http://localhost:PORT) for an outside URL, and drop their status.
// `npm run dev` runs this same server (and its caches) with Next.js in development mode: one path for both.
const dev = process.argv.includes("--dev");
const app = next({ dev, port: env.PORT });
const handle = app.getRequestHandler();

/**
 * A thread page from memory when possible, else Next.js. What proxy.ts does
 * still holds for the pages served here: it answers malformed percent-encoding
 * (the cache passes such paths on), guards /moderation and its API, refuses
 * cross-site state-changing requests and sets frame policies under /embed/;
 * a GET or HEAD of /api/v1/articles/{well-formed slug}/comments goes through
 * it untouched, so answering it first changes nothing.
 */
async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (await tryServeThreadFromCache(request, response)) return;
  // This server's own render of a missing page goes to Next.js; a client cannot know the token.
  if (request.headers[RENDER_HEADER] !== renderToken && (await tryServeReaderPage(request, response, renderThroughNext))) return;
  await handle(request, response);
}

const RENDER_HEADER = "x-render-token";
const renderToken = randomBytes(24).toString("base64url");
// Forwarded to the render: what the page may depend on (the embedding page, the asking origin, the reader's languages, the address the reader used).
const RENDER_FORWARDED_HEADERS = ["host", "referer", "origin", "accept-language", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"];

/** A page rendered by Next.js, through this server (so proxy.ts runs as for any request), skipping the page cache. */
function renderThroughNext(request: IncomingMessage): Promise<RenderedPage> {
  const headers: Record<string, string> = { [RENDER_HEADER]: renderToken, "accept-encoding": "identity" };
  for (const name of RENDER_FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const address = server.address() as AddressInfo;
  const host = address.address === "::" || address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  return new Promise((resolve, reject) => {
    const render = httpRequest({ host, port: address.port, path: request.url, method: "GET", headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("error", reject);
      answer.on("end", () => {
        const rendered = new Headers();
        for (const [name, value] of Object.entries(answer.headers)) {
          if (Array.isArray(value)) for (const item of value) rendered.append(name, item);
          else if (value !== undefined) rendered.set(name, value);
        }
        resolve({ status: answer.statusCode ?? 500, headers: rendered, body: Buffer.concat(chunks) });
      });
    });
    render.on("error", reject);
    render.end();
  });
}

await app.prepare();
// Opens the database and subscribes the caches to the live bus before the first request, so no change can slip by.
getThreadResponseCache();
getReaderPageCache(dev ? { ttlMs: 0 } : {});
/**
 * Refuses a body the app would only refuse later, before reading any of it:
 * one announced longer than the API takes (413), and one streamed without a
 * length (411), which Next.js would otherwise buffer up to its own limit
 * before any route could count it. The connection is closed after the answer,
 * so the rest of the upload is never read.
 */
function refuseOversizedBody(request: IncomingMessage, response: ServerResponse): boolean {
  const declared = request.headers["content-length"];
  const isChunked = request.headers["transfer-encoding"] !== undefined;
  const refuse = (status: number, code: string, message: string, fields?: Record<string, string>) => {
    response.writeHead(status, { "content-type": "application/json", connection: "close" });
    response.end(JSON.stringify({ error: { code, message, ...(fields ? { fields } : {}) } }));
    response.on("finish", () => request.destroy());
    return true;
  };
  if (declared !== undefined && Number(declared) > MAX_JSON_BODY_BYTES) {
    return refuse(413, "too_large", `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KB`);
  }
  if (isChunked && declared === undefined) {
    return refuse(411, "validation", "Send the request body with a Content-Length header", { body: "send it with a Content-Length header" });
  }
  return false;
}

const server = createServer((request, response) => {
  if (refuseOversizedBody(request, response)) return;
  request.headers[CLIENT_IP_HEADER] = request.socket.remoteAddress ?? "";
  // Sign-in builds its redirects from these; without a proxy they describe this plain-HTTP server, whatever a client sent.
  if (env.TRUST_PROXY.kind === "none") {
    request.headers["x-forwarded-proto"] = "http";
    request.headers["x-forwarded-host"] = request.headers.host ?? `localhost:${env.PORT}`;
  }
  serve(request, response).catch((error: unknown) => {
    console.error(`Request ${request.method} ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.writeHead(500, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side" } }));
  });
}).listen(env.PORT, hostname, () => {
  console.log(`Serving${dev ? " (development)" : ""} on http://${hostname ?? "localhost"}:${env.PORT}`);
});
// Development's hot reloading talks over a WebSocket, which Next.js answers itself.
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
}
