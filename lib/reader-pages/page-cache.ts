// The pages readers load — an article with its discussion, the framed thread,
// the rest of a long run of replies that either fetches, the comment counts
// that host pages show beside their links, and the comment feeds (lib/feeds)
// — are the same for every reader: nothing of one reader is in them (drafts,
// one's own held comments and the captcha come from the browser). So the
// production server (scripts/server.ts) answers them from one in-memory
// response cache (lib/response-cache.ts) before Next.js runs, rendering a
// page through Next.js once per key on a miss; the live bus drops a thread's
// pages in every instance within a second of a change, and the TTL bounds
// the rest (relative times, an article edited). Shared caches in front (a
// CDN, nginx's proxy_cache) may keep them for the same few seconds.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { getLiveBus, type LiveBus } from "../live/live-bus";
import { connectCacheToBus, ResponseCache, sendCachedResponse, type LoadedResponse } from "../response-cache";
import { ARTICLE_FEED_NAME, SITE_FEED_PATH } from "../feeds/feed-links";
import { pickAcceptedLocale, readLocaleParam } from "../i18n/negotiate-locale";
import { isPossibleSlug } from "../validation/slug";

/** The pages' Cache-Control: shared caches keep them a few seconds and may serve a stale copy while they fetch the next. */
export const READER_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";

/** Set by a framed thread's route: the thread its page shows, which the path does not name (percent-encoded). */
export const THREAD_SLUG_HEADER = "x-thread-slug";

/** How long a page is kept in memory; changes drop it sooner, through the live bus. */
export const READER_PAGE_TTL_MS = 5_000;
/** Most pages one process keeps, and most bytes (HTML and gzip copies together). */
export const MAX_READER_PAGES = 2_000;
export const MAX_READER_PAGE_BYTES = 64 * 1024 * 1024;

/** Headers a rendered page keeps in the cache; the rest (Date, Set-Cookie, lengths) are the server's or the reader's. */
const KEPT_HEADERS = ["content-type", "vary", "content-security-policy", "x-content-type-options", "x-robots-tag", "x-frame-options", "referrer-policy", "permissions-policy", "link", "content-language", "access-control-allow-origin"];

/** The tag of every counts answer: any thread's change may change one, and which threads an answer covers (by the site's article keys) is the route's to know. */
export const COUNTS_TAG = "counts: any thread";

/** The tag of the site's comment feed: a comment appearing or going anywhere may change it. */
export const SITE_FEED_TAG = "site feed: any thread";

/** A page rendered by Next.js: what the cache keeps, or what is passed on as it is. */
export interface RenderedPage {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Renders a request's page through Next.js, bypassing this cache. */
export type PageRenderer = (request: IncomingMessage) => Promise<RenderedPage>;

/** A page the cache would not keep (not a 200, or one setting a cookie): sent as rendered, to whoever asked for it. */
class UncacheablePage extends Error {
  constructor(readonly page: RenderedPage) {
    super("not a page every reader shares");
  }
}

/** Which page a request asks for, as a cache key, and the thread it shows when the path says so; null when it is not a reader's page. */
export function readReaderPage(request: Pick<IncomingMessage, "method" | "url" | "headers">): { key: string; tag: string | null } | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const url = request.url ?? "";
  // The router's own requests (React Server Components payloads, prefetches) are Next.js's.
  if (request.headers.rsc !== undefined || request.headers["next-router-prefetch"] !== undefined || request.headers["next-router-state-tree"] !== undefined || /[?&]_rsc=/.test(url)) return null;
  const path = url.split("?")[0] ?? "";
  const language = readLanguageVariant(url, request.headers["accept-language"]);
  const feed = readFeedPage(path, request.headers, language);
  if (feed !== undefined) return feed;
  const article = /^\/articles\/([^/]+)$/.exec(path);
  if (article) {
    const slug = decodeSegment(article[1] ?? "");
    // The whole address, query included: Next.js writes it into the page's router state, so ?utm_source=… is another page.
    return slug !== null && isPossibleSlug(slug) ? { key: `page ${url} ${language}`, tag: slug } : null;
  }
  const replies = /^\/articles\/([^/]+)\/replies\/[^/]+$/.exec(path);
  if (replies) {
    // The rest of a long run of replies (lib/reader-pages/replies-fragment.ts): every reader's, like its page.
    const slug = decodeSegment(replies[1] ?? "");
    return slug !== null && isPossibleSlug(slug) ? { key: `replies ${url} ${language}`, tag: slug } : null;
  }
  if (/^\/embed\/[^/]+\/[^/]+\/replies\/[^/]+$/.test(path)) {
    // The same in a framed thread: it does not depend on the embedding page; its route names its thread.
    return { key: `frame-replies ${url} ${language}`, tag: null };
  }
  if (/^\/embed\/[^/]+\/[^/]+$/.test(path)) {
    // The frame depends on the page that embeds it (its origin decides what it may show).
    return { key: `frame ${url} ${refererOrigin(request.headers.referer)} ${language}`, tag: null };
  }
  if (path === "/api/v1/counts") {
    // The answer depends on who asks (Origin decides the CORS grant).
    return { key: `counts ${url} ${request.headers.origin ?? ""}`, tag: COUNTS_TAG };
  }
  return null;
}

/**
 * A comment feed's key and tag (null for a path that cannot name one, which
 * Next.js answers), or undefined for any other path. Its body follows from
 * the feed, the language and the origin its links are built on (when
 * PUBLIC_URL is unset), not from the rest of the address: other query
 * parameters share one entry, so they cannot make the server render anew.
 */
function readFeedPage(path: string, headers: IncomingMessage["headers"], language: string): { key: string; tag: string } | null | undefined {
  const origin = `${firstHeader(headers["x-forwarded-proto"])}://${firstHeader(headers["x-forwarded-host"]) || firstHeader(headers.host)}`;
  if (path === SITE_FEED_PATH) return { key: `feed ${SITE_FEED_PATH} ${language} ${origin}`, tag: SITE_FEED_TAG };
  const segments = path.split("/");
  if (segments.length !== 4 || segments[1] !== "articles" || segments[3] !== ARTICLE_FEED_NAME) return undefined;
  const slug = decodeSegment(segments[2] ?? "");
  return slug !== null && isPossibleSlug(slug) ? { key: `feed /articles/${encodeURIComponent(slug)}/${ARTICLE_FEED_NAME} ${language} ${origin}`, tag: slug } : null;
}

function firstHeader(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * Which language variant of a page a request gets, as far as the request
 * decides it: `?lang=` wins; otherwise the browser's best match among our
 * languages (the site's setting, which comes between, follows from the path).
 */
function readLanguageVariant(url: string, acceptLanguage: string | string[] | undefined): string {
  const query = /[?&]lang=([^&#]*)/.exec(url);
  const fromQuery = query ? readLocaleParam(decodeSegment(query[1] ?? "")) : null;
  if (fromQuery) return `lang=${fromQuery}`;
  return `accept=${pickAcceptedLocale(Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage) ?? "-"}`;
}

function decodeSegment(segment: string): string | null {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded === "." || decoded === ".." ? null : decoded;
  } catch {
    return null;
  }
}

function refererOrigin(referer: string | undefined): string {
  if (!referer) return "";
  try {
    return new URL(referer).origin;
  } catch {
    return "";
  }
}

function toLoaded(page: RenderedPage, tag: string | null): LoadedResponse {
  const slugHeader = page.headers.get(THREAD_SLUG_HEADER);
  const resolvedTag = tag ?? (slugHeader ? decodeSegment(slugHeader) : null);
  if (page.status !== 200 || page.headers.has("set-cookie") || resolvedTag === null) throw new UncacheablePage(page);
  // A route that says how shared caches may keep it (the frame, the counts) is taken at its word; a page gets the readers' pages' policy instead of the framework's private, no-store.
  const ownCacheControl = page.headers.get("cache-control");
  const headers: OutgoingHttpHeaders = { "cache-control": ownCacheControl?.startsWith("public") ? ownCacheControl : READER_PAGE_CACHE_CONTROL };
  for (const name of KEPT_HEADERS) {
    const value = page.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  // A page's language may follow the browser's Accept-Language, so shared caches must keep one copy per language header (the counts are numbers only).
  const vary = typeof headers.vary === "string" ? headers.vary : "";
  if (resolvedTag !== COUNTS_TAG && !/accept-language/i.test(vary)) headers.vary = vary ? `${vary}, Accept-Language` : "Accept-Language";
  return { tag: resolvedTag, body: page.body, headers };
}

/** The readers' pages of one process. */
export function createReaderPageCache(options: { ttlMs?: number; now?: () => number } = {}) {
  const responses = new ResponseCache({
    ttlMs: options.ttlMs ?? READER_PAGE_TTL_MS,
    maxEntries: MAX_READER_PAGES,
    maxBytes: MAX_READER_PAGE_BYTES,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    responses,
    invalidateThread: (slug: string) => {
      responses.invalidateTag(slug);
      responses.invalidateTag(COUNTS_TAG);
      responses.invalidateTag(SITE_FEED_TAG);
    },
    clear: () => responses.clear(),
  };
}

export type ReaderPageCache = ReturnType<typeof createReaderPageCache>;

let processCache: { bus: LiveBus; cache: ReaderPageCache } | undefined;

/**
 * The process-wide page cache, subscribed to the live bus before its first
 * page; `options` apply when it is created (`npm run dev` keeps nothing: a page
 * names the scripts of the build it was rendered with, which an edit replaces).
 */
export function getReaderPageCache(options: { ttlMs?: number } = {}): ReaderPageCache {
  const bus = getLiveBus();
  if (processCache?.bus === bus) return processCache.cache;
  const cache = createReaderPageCache(options);
  connectCacheToBus(cache, (listener) => bus.subscribe(listener));
  processCache = { bus, cache };
  return cache;
}

function sendRendered(response: ServerResponse, request: IncomingMessage, page: RenderedPage): void {
  const headers: OutgoingHttpHeaders = {};
  page.headers.forEach((value, name) => {
    if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection" && name !== "content-encoding" && name !== "set-cookie") headers[name] = value;
  });
  const cookies = page.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  headers["content-length"] = String(page.body.length);
  response.writeHead(page.status, headers);
  response.end(request.method === "HEAD" ? undefined : page.body);
}

/**
 * Answers a reader's page from the cache, rendering it through `render` on a
 * miss. False, having written nothing, for any other request: the caller
 * hands it to Next.js.
 */
export async function tryServeReaderPage(request: IncomingMessage, response: ServerResponse, render: PageRenderer, cache: ReaderPageCache = getReaderPageCache()): Promise<boolean> {
  const page = readReaderPage(request);
  if (!page) return false;
  try {
    sendCachedResponse(request, response, await cache.responses.get(page.key, async () => toLoaded(await render(request), page.tag), page.tag));
  } catch (error) {
    if (!(error instanceof UncacheablePage)) throw error;
    sendRendered(response, request, error.page);
  }
  return true;
}
