// Issue #15: the pages readers load are the same for every reader, so
// `npm start` answers them from memory (lib/reader-pages/page-cache.ts): one
// render per page however many ask, gzip, ETag and 304, shared-cache headers,
// dropped when the thread changes; never a page that is not a plain 200.
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTS_TAG, createReaderPageCache, readReaderPage, READER_PAGE_CACHE_CONTROL, THREAD_SLUG_HEADER, tryServeReaderPage, type RenderedPage, type ReaderPageCache } from "@/lib/reader-pages/page-cache";

describe("readReaderPage", () => {
  const ask = (url: string, headers: IncomingHttpHeaders = {}, method = "GET") => readReaderPage({ method, url, headers });

  it("names an article page by its address, tagged with its slug", () => {
    expect(ask("/articles/budget-2025?sort=newest")).toEqual({ key: "page /articles/budget-2025?sort=newest accept=-", tag: "budget-2025" });
    expect(ask("/articles/caf%C3%A9", {}, "HEAD")).toEqual({ key: "page /articles/caf%C3%A9 accept=-", tag: "café" });
  });

  it("keeps one copy per language: ?lang= decides, else the best of our languages for Accept-Language", () => {
    expect(ask("/articles/a?lang=es", { "accept-language": "en" })?.key).toBe("page /articles/a?lang=es lang=es");
    expect(ask("/articles/a?lang=xx", { "accept-language": "es-MX,es;q=0.9" })?.key).toBe("page /articles/a?lang=xx accept=es");
    expect(ask("/articles/a", { "accept-language": "es-ES" })?.key).toBe(ask("/articles/a", { "accept-language": "es;q=0.8, de" })?.key);
    expect(ask("/articles/a", { "accept-language": "es" })?.key).not.toBe(ask("/articles/a", { "accept-language": "en" })?.key);
    expect(ask("/articles/a", { "accept-language": "de" })?.key).toBe(ask("/articles/a")?.key);
    expect(ask("/embed/site/story?lang=es", {})?.key).toBe("frame /embed/site/story?lang=es  lang=es");
  });

  it("keys a framed thread by its address and the embedding page's origin; its thread is learnt from the render", () => {
    expect(ask("/embed/site/story?url=x", { referer: "https://news.example/2026/story?utm=1" })).toEqual({ key: "frame /embed/site/story?url=x https://news.example accept=-", tag: null });
    expect(ask("/embed/site/story", {})).toEqual({ key: "frame /embed/site/story  accept=-", tag: null });
  });

  it("keys the rest of a run of replies like its page: the article's by its thread, the frame's by its address alone", () => {
    expect(ask("/articles/budget-2025/replies/c1?lang=es")).toEqual({ key: "replies /articles/budget-2025/replies/c1?lang=es lang=es", tag: "budget-2025" });
    // It does not depend on the embedding page: one copy whoever embeds it; its thread is learnt from the render.
    expect(ask("/embed/site/story/replies/c1?url=x&lang=en", { referer: "https://news.example/story" })).toEqual({ key: "frame-replies /embed/site/story/replies/c1?url=x&lang=en lang=en", tag: null });
    expect(ask("/articles/%2E%2E/replies/c1")).toBeNull();
    expect(ask("/articles/a/replies/c1/more")).toBeNull();
  });

  it("keys the counts by their address and the asking origin, under a tag every thread's change drops", () => {
    expect(ask("/api/v1/counts?slugs=a,b", { origin: "https://news.example" })).toEqual({ key: "counts /api/v1/counts?slugs=a,b https://news.example", tag: COUNTS_TAG });
    expect(ask("/api/v1/counts?slugs=a,b")).toEqual({ key: "counts /api/v1/counts?slugs=a,b ", tag: COUNTS_TAG });
  });

  it.each([
    ["a POST", "/articles/a", {}, "POST"],
    ["the counts' preflight", "/api/v1/counts?slugs=a", {}, "OPTIONS"],
    ["the router's RSC request", "/articles/a", { rsc: "1" }, "GET"],
    ["a prefetch", "/articles/a", { "next-router-prefetch": "1" }, "GET"],
    ["an _rsc address", "/articles/a?_rsc=abc", {}, "GET"],
    ["the dashboard", "/moderation", {}, "GET"],
    ["the API", "/api/v1/articles/a/comments", {}, "GET"],
    ["a malformed escape", "/articles/%E0%A4%A", {}, "GET"],
    ["a dot segment", "/articles/%2E%2E", {}, "GET"],
    ["a deeper path", "/articles/a/b", {}, "GET"],
  ])("leaves %s to Next.js", (_name, url, headers, method) => {
    expect(ask(url, headers, method)).toBeNull();
  });
});

describe("tryServeReaderPage over HTTP", () => {
  let server: Server;
  let port: number;
  let cache: ReaderPageCache;
  let renders: string[];
  const pages = new Map<string, () => RenderedPage>();
  let gate: Promise<void> | null = null;

  const html = (text: string) => Buffer.from(`<!DOCTYPE html><html><body>${text.repeat(200)}</body></html>`);
  const render = async (request: IncomingMessage): Promise<RenderedPage> => {
    renders.push(request.url ?? "");
    if (gate) await gate;
    const make = pages.get((request.url ?? "").split("?")[0] ?? "");
    return make ? make() : { status: 404, headers: new Headers({ "content-type": "text/html" }), body: Buffer.from("not found") };
  };

  function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest({ port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      });
      request.on("error", reject);
      request.end();
    });
  }

  beforeAll(async () => {
    cache = createReaderPageCache();
    renders = [];
    let version = 1;
    pages.set("/articles/shade", () => ({
      status: 200,
      headers: new Headers({ "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store", vary: "rsc, Accept-Encoding", "x-powered-by": "Next.js" }),
      body: html(`shade v${version++} `),
    }));
    pages.set("/articles/cookie", () => ({ status: 200, headers: new Headers({ "content-type": "text/html", "set-cookie": "session=abc; HttpOnly" }), body: html("cookie ") }));
    pages.set("/embed/site/story", () => ({
      status: 200,
      headers: new Headers({ "content-type": "text/html", [THREAD_SLUG_HEADER]: "site-story", "content-security-policy": "frame-ancestors 'self' https://news.example" }),
      body: html(`frame v${version++} `),
    }));
    pages.set("/api/v1/counts", () => ({
      status: 200,
      headers: new Headers({ "content-type": "application/json", "cache-control": "public, max-age=0, s-maxage=30", vary: "Origin", "access-control-allow-origin": "https://news.example" }),
      body: Buffer.from(JSON.stringify({ shade: version++ })),
    }));
    server = createServer((request, response) => {
      void tryServeReaderPage(request, response, render, cache).then((served) => {
        if (!served) {
          response.writeHead(418);
          response.end("next.js");
        }
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("renders a page once for a burst of readers, and sends every one the same bytes with shared-cache headers", async () => {
    let release = () => {};
    gate = new Promise((resolve) => (release = resolve));
    const burst = Promise.all(Array.from({ length: 20 }, () => get("/articles/shade")));
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate = null;
    release();
    const answers = await burst;
    expect(renders.filter((url) => url === "/articles/shade")).toHaveLength(1);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.equals(answers[0]!.body)).toBe(true);
      expect(answer.headers["cache-control"]).toBe(READER_PAGE_CACHE_CONTROL);
      expect(answer.headers.vary).toBe("rsc, Accept-Encoding, Accept-Language");
      expect(answer.headers["x-powered-by"]).toBeUndefined();
    }
  });

  it("sends gzip to who takes it, and 304 to who has the bytes", async () => {
    const zipped = await get("/articles/shade", { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    const plain = await get("/articles/shade");
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const again = await get("/articles/shade", { "if-none-match": plain.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers["cache-control"]).toBe(READER_PAGE_CACHE_CONTROL);
    const head = await get("/articles/shade", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("sends brotli to who prefers it, gzip to who prefers that", async () => {
    const plain = await get("/articles/shade");
    const brotli = await get("/articles/shade", { "accept-encoding": "gzip, deflate, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    expect(brotli.headers.etag).not.toBe(plain.headers.etag);
    expect(brotli.headers.vary).toBe("rsc, Accept-Encoding, Accept-Language");
    expect((await get("/articles/shade", { "accept-encoding": "br;q=0.5, gzip" })).headers["content-encoding"]).toBe("gzip");
    expect((await get("/articles/shade", { "accept-encoding": "br;q=0, gzip;q=0" })).headers["content-encoding"]).toBeUndefined();
    expect((await get("/articles/shade", { "accept-encoding": "br", "if-none-match": brotli.headers.etag as string })).status).toBe(304);
  });

  it("keeps the counts with their own shared-cache policy and CORS grant, per origin, until any thread changes", async () => {
    const origin = { origin: "https://news.example" };
    const first = await get("/api/v1/counts?slugs=shade", origin);
    expect(first.headers["cache-control"]).toBe("public, max-age=0, s-maxage=30");
    expect(first.headers["access-control-allow-origin"]).toBe("https://news.example");
    expect(first.headers.vary).toBe("Origin, Accept-Encoding");
    expect((await get("/api/v1/counts?slugs=shade", origin)).body.equals(first.body)).toBe(true);
    const before = renders.length;
    await get("/api/v1/counts?slugs=shade", { origin: "https://other.example" });
    expect(renders.length - before).toBe(1);
    cache.invalidateThread("some-other-thread");
    expect((await get("/api/v1/counts?slugs=shade", origin)).body.equals(first.body)).toBe(false);
  });

  it("renders the page again once its thread changes", async () => {
    const before = await get("/articles/shade");
    cache.invalidateThread("shade");
    const after = await get("/articles/shade");
    expect(after.body.toString()).not.toBe(before.body.toString());
    expect(renders.filter((url) => url === "/articles/shade")).toHaveLength(2);
  });

  it("keeps a frame under the thread its route names, with the site's frame policy", async () => {
    const referer = { referer: "https://news.example/story" };
    const first = await get("/embed/site/story", referer);
    expect(first.headers["content-security-policy"]).toBe("frame-ancestors 'self' https://news.example");
    expect((await get("/embed/site/story", referer)).body.equals(first.body)).toBe(true);
    cache.invalidateThread("site-story");
    expect((await get("/embed/site/story", referer)).body.equals(first.body)).toBe(false);
  });

  it("never keeps a page that is not a plain 200: a 404, or one setting a cookie, is rendered for each request and sent as it is", async () => {
    const before = renders.length;
    const missing = await get("/articles/missing");
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe("not found");
    await get("/articles/missing");
    const cookie = await get("/articles/cookie");
    expect(cookie.headers["set-cookie"]).toEqual(["session=abc; HttpOnly"]);
    await get("/articles/cookie");
    expect(renders.length - before).toBe(4);
    expect(cache.responses.size).toBe(2);
  });

  it("passes any other request on untouched", async () => {
    expect((await get("/articles/shade", { rsc: "1" })).status).toBe(418);
    expect((await get("/moderation")).status).toBe(418);
  });
});
