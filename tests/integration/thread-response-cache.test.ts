// The in-memory thread pages that scripts/server.ts answers with before
// Next.js runs: the same bytes as the route handler, fresh for a TTL, dropped
// when the thread changes (through the live bus, also mid-read), one read per
// burst, bounded in size, and served over real HTTP with gzip, ETag and 304 —
// while everything else falls through to Next.js untouched.
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/v1/articles/[slug]/comments/route";
import {
  connectThreadCacheToBus,
  createThreadResponseCache,
  getThreadResponseCache,
  readThreadSlug,
  THREAD_RESPONSE_TTL_MS,
  tryServeThreadFromCache,
  type ThreadResponseCache,
  type ThreadResponseCacheOptions,
} from "@/lib/comments/thread-response-cache";
import { getThreadPage, type ThreadPage } from "@/lib/comments/thread";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getLiveBus } from "@/lib/live/live-bus";
import type { LiveListener } from "@/lib/live/live-listeners";
import { decideComment } from "@/lib/moderation/decisions";
import type { ThreadQuery } from "@/lib/validation/thread-query";
import { createArticle, createComment } from "../support/factories";

const FIRST_PAGE: ThreadQuery = { sort: "oldest", limit: 50 };

let slug: string;
let articleId: string;
let otherSlug: string;

/** A cache on the real database whose loader counts its calls (and may be held up by the test). */
function countingCache(options: Partial<ThreadResponseCacheOptions> = {}) {
  const calls: Array<{ slug: string; query: ThreadQuery }> = [];
  /** Reads that got their rows from the database (and may now be waiting at the gate). */
  const read: ThreadPage[] = [];
  let gate: Promise<void> | null = null;
  const cache = createThreadResponseCache({
    ...options,
    load: async (pageSlug, query) => {
      calls.push({ slug: pageSlug, query });
      const page = await getThreadPage(getDb(), pageSlug, query);
      read.push(page);
      if (gate) await gate;
      return page;
    },
  });
  /** Holds every read that finishes from now on until the returned function is called. */
  const hold = () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      gate = null;
      release();
    };
  };
  return { cache, calls, read, hold };
}

/** The bytes and content type the route handler answers for a path. */
async function routeAnswer(path: string): Promise<{ status: number; body: Buffer; contentType: string | null }> {
  const url = new URL(path, "http://localhost");
  const pageSlug = decodeURIComponent(url.pathname.split("/")[4] ?? "");
  const response = await GET(new Request(url), { params: Promise.resolve({ slug: pageSlug }) });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get("content-type") };
}

const commentCount = (body: Buffer) => (JSON.parse(body.toString("utf8")) as ThreadPage).article.commentCount;

beforeAll(async () => {
  const db = getDb();
  const { article } = await createArticle(db);
  slug = article.slug;
  articleId = article.id;
  // Enough text that the first page is worth compressing, with replies and a second page at limit=3.
  for (let minute = 0; minute < 8; minute += 1) {
    const root = await createComment(db, article.id, { minute, body: `Top-level comment ${minute}: ${"a fair point about the budget ".repeat(6)}` });
    if (minute % 2 === 0) await createComment(db, article.id, { parent: root, minute: minute + 0.5, body: "A *reply* with [a link](https://example.org)" });
  }
  await createComment(db, article.id, { minute: 20, status: "pending", body: "Held for review" });
  otherSlug = (await createArticle(db)).article.slug;
  await createComment(db, (await db.article.findUniqueOrThrow({ where: { slug: otherSlug } })).id, { body: "Elsewhere" });
});

describe("ThreadResponseCache", () => {
  it.each([
    ["the first page", {}],
    ["newest first, three per page", { sort: "newest", limit: "3" }],
    ["most respected first, three per page", { sort: "best", limit: "3" }],
    ["most replies first", { sort: "replies" }],
  ])("keeps exactly the route handler's bytes for %s", async (_name, params: Record<string, string>) => {
    const { cache } = countingCache();
    const search = new URLSearchParams(params).toString();
    const route = await routeAnswer(`/api/v1/articles/${slug}/comments${search ? `?${search}` : ""}`);
    const query: ThreadQuery = { sort: (params.sort as ThreadQuery["sort"] | undefined) ?? "oldest", limit: Number(params.limit ?? 50) };
    const page = await cache.get(slug, query);
    expect(route.status).toBe(200);
    expect(page.identity.body.equals(route.body)).toBe(true);
    expect(page.identity.headers["content-type"]).toBe(route.contentType);
  });

  it("keeps each sort of a page apart: one order is never answered with another's", async () => {
    const { cache, calls } = countingCache();
    const sorts = ["oldest", "newest", "best", "replies"] as const;
    const bodies = new Set<string>();
    for (const sort of sorts) bodies.add((await cache.get(slug, { sort, limit: 3 })).identity.body.toString("utf8"));
    expect(calls).toHaveLength(4);
    expect(cache.size).toBe(4);
    // Each answer's cursor names its own sort, so even two orders that rank alike (best with no respects, newest) answer differently.
    expect(bodies.size).toBe(4);
  });

  it("keeps the route's bytes for a page reached by its cursor", async () => {
    const { cache } = countingCache();
    const first = await cache.get(slug, { sort: "oldest", limit: 3 });
    const cursor = (JSON.parse(first.identity.body.toString("utf8")) as ThreadPage).nextCursor!;
    const route = await routeAnswer(`/api/v1/articles/${slug}/comments?limit=3&cursor=${cursor}`);
    expect((await cache.get(slug, { sort: "oldest", limit: 3, cursor })).identity.body.equals(route.body)).toBe(true);
  });

  it("serves a page from memory until the TTL has passed, then reads it again", async () => {
    let now = 1_000_000;
    const { cache, calls } = countingCache({ now: () => now });
    const first = await cache.get(slug, FIRST_PAGE);
    now += THREAD_RESPONSE_TTL_MS - 1;
    expect(await cache.get(slug, FIRST_PAGE)).toBe(first);
    expect(calls).toHaveLength(1);
    // Past the TTL (lru-cache counts an entry stale once its age exceeds it).
    now += 2;
    const second = await cache.get(slug, FIRST_PAGE);
    expect(second).not.toBe(first);
    expect(second.createdAt).toBe(now);
    expect(calls).toHaveLength(2);
  });

  it("drops a thread's pages on invalidateThread, and every page on clear", async () => {
    const { cache, calls } = countingCache();
    await cache.get(slug, FIRST_PAGE);
    await cache.get(slug, { sort: "newest", limit: 3 });
    await cache.get(otherSlug, FIRST_PAGE);
    expect(cache.size).toBe(3);
    cache.invalidateThread(slug);
    expect(cache.size).toBe(1);
    await cache.get(otherSlug, FIRST_PAGE);
    expect(calls).toHaveLength(3);
    await cache.get(slug, FIRST_PAGE);
    expect(calls).toHaveLength(4);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
    await cache.get(otherSlug, FIRST_PAGE);
    expect(calls).toHaveLength(5);
  });

  it("never keeps a read that an invalidation overtook", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    await createComment(db, article.id, { body: "Before" });
    const { cache, calls, read, hold } = countingCache();
    const release = hold();
    const stale = cache.get(article.slug, FIRST_PAGE);
    // The read has its rows but is not back yet when the thread changes and the bus says so.
    await vi.waitFor(() => expect(read).toHaveLength(1));
    await createComment(db, article.id, { minute: 1, body: "After" });
    cache.invalidateThread(article.slug);
    release();
    // Whoever asked before the change gets what was read; nobody after.
    expect(commentCount((await stale).identity.body)).toBe(1);
    expect(cache.size).toBe(0);
    expect(commentCount((await cache.get(article.slug, FIRST_PAGE)).identity.body)).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it("starts a fresh read for a request that comes after an invalidation, rather than joining the overtaken one", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    await createComment(db, article.id, { body: "Before" });
    const { cache, read, hold } = countingCache();
    const release = hold();
    const stale = cache.get(article.slug, FIRST_PAGE);
    await vi.waitFor(() => expect(read).toHaveLength(1));
    await createComment(db, article.id, { minute: 1, body: "After" });
    cache.invalidateThread(article.slug);
    const fresh = cache.get(article.slug, FIRST_PAGE);
    await vi.waitFor(() => expect(read).toHaveLength(2));
    release();
    expect(commentCount((await stale).identity.body)).toBe(1);
    expect(commentCount((await fresh).identity.body)).toBe(2);
    expect(commentCount((await cache.get(article.slug, FIRST_PAGE)).identity.body)).toBe(2);
    expect(read).toHaveLength(2);
  });

  it("does not keep the result of a read under way when clear is called", async () => {
    const { cache, hold } = countingCache();
    const release = hold();
    const pending = cache.get(slug, FIRST_PAGE);
    cache.clear();
    release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it("shares one read among concurrent misses, also in the burst after an invalidation", async () => {
    const { cache, calls } = countingCache();
    const pages = await Promise.all(Array.from({ length: 25 }, () => cache.get(slug, FIRST_PAGE)));
    expect(calls).toHaveLength(1);
    expect(new Set(pages).size).toBe(1);
    cache.invalidateThread(slug);
    await Promise.all(Array.from({ length: 25 }, () => cache.get(slug, FIRST_PAGE)));
    expect(calls).toHaveLength(2);
  });

  it.each([
    ["an unknown article", "no-such-article", FIRST_PAGE, "not_found"],
    ["a cursor this API did not issue", "", { ...FIRST_PAGE, cursor: "garbage" }, "validation"],
  ])("keeps nothing for %s", async (_name, pageSlug, query: ThreadQuery, code) => {
    const { cache, calls } = countingCache();
    const target = pageSlug || slug;
    await expect(cache.get(target, query)).rejects.toSatisfy((error) => error instanceof AppError && error.code === code);
    await expect(cache.get(target, query)).rejects.toBeInstanceOf(AppError);
    expect(calls).toHaveLength(2);
    expect(cache.size).toBe(0);
  });

  it("keeps at most maxEntries pages, dropping the least recently used", async () => {
    const { cache, calls } = countingCache({ maxEntries: 2 });
    const one: ThreadQuery = { sort: "oldest", limit: 1 };
    const two: ThreadQuery = { sort: "oldest", limit: 2 };
    const three: ThreadQuery = { sort: "oldest", limit: 3 };
    await cache.get(slug, one);
    await cache.get(slug, two);
    await cache.get(slug, one);
    await cache.get(slug, three);
    expect(cache.size).toBe(2);
    expect(calls).toHaveLength(3);
    await cache.get(slug, one);
    expect(calls).toHaveLength(3);
    await cache.get(slug, two);
    expect(calls).toHaveLength(4);
  });

  it("keeps at most maxBytes, and never a page larger than that", async () => {
    const probe = await countingCache().cache.get(slug, FIRST_PAGE);
    const { cache, calls } = countingCache({ maxBytes: probe.bytes + 10 });
    await cache.get(slug, FIRST_PAGE);
    await cache.get(slug, { sort: "newest", limit: 50 });
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBeLessThanOrEqual(probe.bytes + 10);
    const tiny = countingCache({ maxBytes: 100 });
    await tiny.cache.get(slug, FIRST_PAGE);
    expect(tiny.cache.size).toBe(0);
    expect(calls).toHaveLength(2);
  });

  it("makes a gzip copy that decompresses to the same bytes, with its own ETag", async () => {
    const page = await countingCache().cache.get(slug, FIRST_PAGE);
    expect(page.gzip).not.toBeNull();
    expect(gunzipSync(page.gzip!.body).equals(page.identity.body)).toBe(true);
    expect(page.identity.etag).toMatch(/^"[\w-]+"$/);
    expect(page.gzip!.etag).not.toBe(page.identity.etag);
  });
});

describe("connectThreadCacheToBus", () => {
  it("drops all pages on resync or a site's change, and only the named thread's on a thread event", async () => {
    const { cache } = countingCache();
    let emit: LiveListener = () => {};
    const disconnect = connectThreadCacheToBus(cache, (listener) => {
      emit = listener;
      return () => (emit = () => {});
    });
    await cache.get(slug, FIRST_PAGE);
    await cache.get(otherSlug, FIRST_PAGE);
    emit({ type: "queues" });
    expect(cache.size).toBe(2);
    emit({ type: "thread", slug: otherSlug });
    expect(cache.size).toBe(1);
    emit({ type: "resync" });
    expect(cache.size).toBe(0);
    await cache.get(slug, FIRST_PAGE);
    emit({ type: "sites" });
    expect(cache.size).toBe(0);
    disconnect();
  });

  it("drops a thread's pages when a moderator's approval is published on the live bus", async () => {
    const db = getDb();
    const bus = getLiveBus();
    const { article } = await createArticle(db);
    const held = await createComment(db, article.id, { status: "pending", body: "Waiting for a moderator" });
    const { cache } = countingCache();
    const disconnect = connectThreadCacheToBus(cache, (listener) => bus.subscribe(listener));
    try {
      // On PostgreSQL the listening connection opens in the background and says "resync" (clearing the cache) once up.
      await vi.waitFor(
        async () => {
          await cache.get(article.slug, FIRST_PAGE);
          await bus.publish({ type: "thread", slug: article.slug });
          await new Promise((resolve) => setTimeout(resolve, 50));
          if (cache.size !== 0) throw new Error("the bus is not listening yet");
        },
        { timeout: 5_000, interval: 50 },
      );
      expect(commentCount((await cache.get(article.slug, FIRST_PAGE)).identity.body)).toBe(0);
      const moderator = await db.moderator.create({ data: { email: `cache-mod-${Date.now()}@example.org`, passwordHash: "x", role: "moderator" } });
      await decideComment({ db, spamChecker: null, live: bus }, { commentId: held.id, action: "approve", moderatorId: moderator.id });
      await vi.waitFor(() => expect(cache.size).toBe(0), { timeout: 3_000, interval: 20 });
      expect(commentCount((await cache.get(article.slug, FIRST_PAGE)).identity.body)).toBe(1);
    } finally {
      disconnect();
    }
  });
});

describe("readThreadSlug", () => {
  it.each([
    ["/api/v1/articles/budget-2025/comments", "budget-2025"],
    ["/api/v1/articles/caf%C3%A9%20au%20lait/comments", "café au lait"],
    ["/api/v1/articles/x%25y/comments", "x%y"],
    ["/api/v1/articles/budget-2025/comments/", null],
    ["/api/v1/articles/a/b/comments", null],
    ["/api/v1/articles/a%2Fb/comments", null],
    ["/api/v1/articles//comments", null],
    ["/api/v1/articles/comments", null],
    ["/api/v1/articles/%2E%2E/comments", null],
    ["/api/v1/articles/./comments", null],
    ["/api/v1/articles/%E0%A4%A/comments", null],
    ["/api/v1/articles/%00/comments", null],
    [`/api/v1/articles/${"x".repeat(201)}/comments`, null],
    ["/api/v1/articles/budget-2025/events", null],
  ])("%s → %s", (path, expected) => {
    expect(readThreadSlug(path)).toBe(expected);
  });
});

describe("tryServeThreadFromCache over HTTP", () => {
  let server: Server;
  let port: number;
  let cache: ThreadResponseCache;
  let calls: unknown[];

  /** One request with exactly the given headers (no client adds its own Accept-Encoding). */
  function send(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
        incoming.on("error", reject);
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  beforeAll(async () => {
    ({ cache, calls } = countingCache());
    // What scripts/server.ts does, with a stand-in for Next.js that says it was reached.
    server = createServer((request, response) => {
      void tryServeThreadFromCache(request, response, cache).then((isServed) => {
        if (isServed) return;
        response.writeHead(599, { "x-fell-through": "1" });
        response.end();
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.close();
    await once(server, "close");
  });

  it("answers GET with the route's bytes and headers, from one read", async () => {
    const route = await routeAnswer(`/api/v1/articles/${slug}/comments?limit=3&utm_source=x`);
    const first = await send("GET", `/api/v1/articles/${slug}/comments?limit=3&utm_source=x`);
    const second = await send("GET", `/api/v1/articles/${slug}/comments?utm_source=y&limit=3&sort=oldest`);
    expect(first.status).toBe(200);
    expect(first.body.equals(route.body)).toBe(true);
    expect(first.headers["content-type"]).toBe(route.contentType);
    expect(first.headers["content-length"]).toBe(String(route.body.length));
    expect(first.headers.vary).toBe("Accept-Encoding");
    expect(first.headers["content-encoding"]).toBeUndefined();
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(second.body.equals(route.body)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("answers HEAD with the headers and no body", async () => {
    const get = await send("GET", `/api/v1/articles/${slug}/comments`);
    const head = await send("HEAD", `/api/v1/articles/${slug}/comments`);
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(String(get.body.length));
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it.each([
    ["gzip", "gzip"],
    ["gzip;q=1, br;q=0.5", "gzip"],
    ["x-gzip, br;q=0", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=1.0, gzip;q=0.8", "br"],
    ["*", "br"],
  ])("for Accept-Encoding: %s sends the %s copy", async (acceptEncoding, coding) => {
    const plain = await send("GET", `/api/v1/articles/${slug}/comments`);
    const compressed = await send("GET", `/api/v1/articles/${slug}/comments`, { "accept-encoding": acceptEncoding });
    expect(compressed.status).toBe(200);
    expect(compressed.headers["content-encoding"]).toBe(coding);
    expect(compressed.headers.vary).toBe("Accept-Encoding");
    expect(compressed.body.length).toBeLessThan(plain.body.length);
    expect((coding === "br" ? brotliDecompressSync(compressed.body) : gunzipSync(compressed.body)).equals(plain.body)).toBe(true);
    expect(compressed.headers.etag).not.toBe(plain.headers.etag);
  });

  it.each([["identity"], ["gzip;q=0"], ["deflate"], ["*;q=0"]])("sends the plain bytes for Accept-Encoding: %s", async (acceptEncoding) => {
    const response = await send("GET", `/api/v1/articles/${slug}/comments`, { "accept-encoding": acceptEncoding });
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(commentCount(response.body)).toBeGreaterThan(0);
  });

  it("answers 304 with no body when If-None-Match names the ETag (strong, weak, in a list), 200 otherwise", async () => {
    const plain = await send("GET", `/api/v1/articles/${slug}/comments`);
    const zipped = await send("GET", `/api/v1/articles/${slug}/comments`, { "accept-encoding": "gzip" });
    const etag = plain.headers.etag!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await send("GET", `/api/v1/articles/${slug}/comments`, { "if-none-match": ifNoneMatch });
      expect(response.status).toBe(304);
      expect(response.body.length).toBe(0);
      expect(response.headers.etag).toBe(etag);
    }
    const zipped304 = await send("GET", `/api/v1/articles/${slug}/comments`, { "if-none-match": zipped.headers.etag!, "accept-encoding": "gzip" });
    expect(zipped304.status).toBe(304);
    expect((await send("GET", `/api/v1/articles/${slug}/comments`, { "if-none-match": '"stale"' })).status).toBe(200);
    // The other encoding's validator does not stand for this one.
    expect((await send("GET", `/api/v1/articles/${slug}/comments`, { "if-none-match": zipped.headers.etag! })).status).toBe(200);
  });

  it("answers with the new page once the thread is invalidated", async () => {
    const before = await send("GET", `/api/v1/articles/${slug}/comments`);
    await createComment(getDb(), articleId, { minute: 30, body: "A late arrival" });
    cache.invalidateThread(slug);
    const after = await send("GET", `/api/v1/articles/${slug}/comments`, { "if-none-match": before.headers.etag! });
    expect(after.status).toBe(200);
    expect(commentCount(after.body)).toBe(commentCount(before.body) + 1);
    expect(after.body.equals((await routeAnswer(`/api/v1/articles/${slug}/comments`)).body)).toBe(true);
  });

  it.each([
    ["POST", () => `/api/v1/articles/${slug}/comments`],
    ["OPTIONS", () => `/api/v1/articles/${slug}/comments`],
    ["GET", () => "/api/v1/articles/no-such-article/comments"],
    ["GET", () => `/api/v1/articles/${slug}/comments?limit=0`],
    ["GET", () => `/api/v1/articles/${slug}/comments?sort=top`],
    ["GET", () => `/api/v1/articles/${slug}/comments?cursor=garbage`],
    ["GET", () => `/api/v1/articles/${slug}/comments/`],
    ["GET", () => `/api/v1/articles/${slug}/events`],
    ["GET", () => "/api/v1/articles/%E0%A4%A/comments"],
    ["GET", () => "/api/v1/articles/%2E%2E/comments"],
    ["GET", () => "/api/v1/counts?slugs=a"],
  ])("leaves %s %s to Next.js", async (method, path) => {
    const response = await send(method, path());
    expect(response.status).toBe(599);
    expect(response.headers["x-fell-through"]).toBe("1");
  });

  it("serves through the process-wide cache when none is given", async () => {
    const processWide = getThreadResponseCache();
    expect(getThreadResponseCache()).toBe(processWide);
    const direct = createServer((request, response) => {
      void tryServeThreadFromCache(request, response).then((isServed) => {
        if (!isServed) response.writeHead(599).end();
      });
    });
    direct.listen(0, "127.0.0.1");
    await once(direct, "listening");
    try {
      const { port: directPort } = direct.address() as AddressInfo;
      const response = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        httpRequest({ host: "127.0.0.1", port: directPort, path: `/api/v1/articles/${slug}/comments` }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks) }));
        })
          .on("error", reject)
          .end();
      });
      expect(response.status).toBe(200);
      expect(response.body.equals((await routeAnswer(`/api/v1/articles/${slug}/comments`)).body)).toBe(true);
      expect(processWide.size).toBe(1);
    } finally {
      direct.close();
      await once(direct, "close");
    }
  });
});
