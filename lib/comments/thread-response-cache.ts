// The public API's hottest request, GET /api/v1/articles/{slug}/comments,
// answered from memory by the production server (scripts/server.ts) before
// Next.js's request pipeline runs: that pipeline alone caps a route near 700
// requests/s on two cores, and a 1,000-comment page costs a query and a tree.
// What is kept is exactly what the route handler sends (the same
// JSON.stringify bytes, the same content type), successful pages only, plus a
// gzip copy and a strong ETag made once per page. Anything else — an unknown
// article, a bad query, a failed read — is left to Next.js, so its answers
// stay the only error answers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb } from "../db";
import { readSearchParams } from "../http";
import { getLiveBus, type LiveBus, type LiveListener } from "../live/live-bus";
import { connectCacheToBus, ResponseCache, sendCachedResponse, type CachedResponse } from "../response-cache";
import { isPossibleSlug } from "../validation/slug";
import { threadQuerySchema, type ThreadQuery } from "../validation/thread-query";
import { getThreadPage, type ThreadPage } from "./thread";

export type { CachedRepresentation } from "../response-cache";

/**
 * How long a page is served from memory. Every change the app makes to a
 * visible thread (a comment approved or withdrawn, comments opened or closed)
 * drops that thread's pages at once, in every instance, through the live bus;
 * the TTL bounds only what the bus cannot tell: a notice lost while the
 * listening connection was down (until its resync), a thread auto-closing as
 * time passes, an edit made outside the app. Five seconds is below what a
 * reader would notice, yet turns a popular thread's hundreds of reads a second
 * into one query per 5 s per instance.
 */
export const THREAD_RESPONSE_TTL_MS = 5_000;

/** Most pages one process keeps (every thread × sort × limit × cursor asked for); the least recently used go first. */
export const MAX_CACHED_THREAD_PAGES = 1_000;

/** Most bytes one process keeps, JSON and gzip copies together; a page larger than this is served but not kept. */
export const MAX_CACHED_THREAD_BYTES = 32 * 1024 * 1024;

/** The route handler's content type (Response.json in lib/http.ts jsonResponse). */
const JSON_CONTENT_TYPE = "application/json";

const THREAD_PATH_PREFIX = "/api/v1/articles/";
const THREAD_PATH_SUFFIX = "/comments";

/** Reads one page of a thread as the route answers it; throws as getThreadPage does (not_found, validation, anything else). */
export type ThreadPageLoader = (slug: string, query: ThreadQuery) => Promise<ThreadPage>;

/** A page ready to send (its tag is the thread's slug). */
export type CachedThreadPage = CachedResponse;

/** How a cache reads pages and how much it keeps; the defaults are the constants above. */
export interface ThreadResponseCacheOptions {
  load: ThreadPageLoader;
  ttlMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/** The key of one page: the slug and the query as threadQuerySchema parsed it, so equal requests share an entry. */
function cacheKey(slug: string, query: ThreadQuery): string {
  return JSON.stringify([slug, query.sort, query.limit, query.cursor ?? null]);
}

/** Serialized thread pages in one process (lib/response-cache.ts), by thread and query. */
export class ThreadResponseCache {
  private readonly responses: ResponseCache;
  private readonly load: ThreadPageLoader;

  constructor(options: ThreadResponseCacheOptions) {
    this.load = options.load;
    this.responses = new ResponseCache({
      ttlMs: options.ttlMs ?? THREAD_RESPONSE_TTL_MS,
      maxEntries: options.maxEntries ?? MAX_CACHED_THREAD_PAGES,
      maxBytes: options.maxBytes ?? MAX_CACHED_THREAD_BYTES,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** The page for a slug and a parsed query: from memory while fresh, else read once however many ask. Rejects as the loader does; nothing is kept then. */
  get(slug: string, query: ThreadQuery): Promise<CachedThreadPage> {
    const load = async () => ({
      tag: slug,
      // Exactly the route handler's bytes and content type.
      body: Buffer.from(JSON.stringify(await this.load(slug, query)), "utf8"),
      headers: { "content-type": JSON_CONTENT_TYPE },
    });
    return this.responses.get(cacheKey(slug, query), load, slug);
  }

  /** The thread changed: its pages go, and reads of it under way are never kept. */
  invalidateThread(slug: string): void {
    this.responses.invalidateTag(slug);
  }

  /** Anything may have changed (events were missed): everything goes, reads under way included. */
  clear(): void {
    this.responses.clear();
  }

  /** How many pages are kept (tests, diagnostics). */
  get size(): number {
    return this.responses.size;
  }

  /** How many bytes the kept pages weigh (tests, diagnostics). */
  get bytes(): number {
    return this.responses.bytes;
  }
}

/** A cache reading pages through `load` (tests pass their own; the app uses getThreadResponseCache()). */
export function createThreadResponseCache(options: ThreadResponseCacheOptions): ThreadResponseCache {
  return new ThreadResponseCache(options);
}

/** Keeps a cache true to the database through the live bus (connectCacheToBus). Returns the unsubscribe function. */
export function connectThreadCacheToBus(cache: ThreadResponseCache, subscribe: (listener: LiveListener) => () => void): () => void {
  return connectCacheToBus(cache, subscribe);
}

let processCache: { bus: LiveBus; cache: ThreadResponseCache; disconnect: () => void } | undefined;

/**
 * The process-wide cache: pages read with getThreadPage on the process-wide
 * database, invalidated by its live bus. It subscribes before its first read,
 * so no change can slip between a read and the subscription.
 */
export function getThreadResponseCache(): ThreadResponseCache {
  const bus = getLiveBus();
  if (processCache?.bus === bus) return processCache.cache;
  // The database it read was closed and another opened (tests): its pages are of no use.
  processCache?.disconnect();
  const cache = createThreadResponseCache({ load: (slug, query) => getThreadPage(getDb(), slug, query) });
  processCache = { bus, cache, disconnect: connectThreadCacheToBus(cache, (listener) => bus.subscribe(listener)) };
  return cache;
}

/**
 * The slug in a path `/api/v1/articles/{slug}/comments`, decoded as Next.js
 * decodes route params; null for any other path, a malformed escape (proxy.ts
 * answers those), a dot segment (Next.js resolves it to another path) or a
 * value that cannot be a slug (the route answers 404).
 */
export function readThreadSlug(pathname: string): string | null {
  if (!pathname.startsWith(THREAD_PATH_PREFIX) || !pathname.endsWith(THREAD_PATH_SUFFIX)) return null;
  const encoded = pathname.slice(THREAD_PATH_PREFIX.length, pathname.length - THREAD_PATH_SUFFIX.length);
  if (encoded.length === 0 || encoded.includes("/")) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (slug === "." || slug === "..") return null;
  return isPossibleSlug(slug) ? slug : null;
}

/**
 * Answers a GET or HEAD of `/api/v1/articles/{slug}/comments` from the cache,
 * reading the page on a miss. Resolves to false, having written nothing, for
 * any other request and whenever the page cannot be served (unknown article,
 * bad query, failed read): the caller hands it to Next.js, whose answer it is.
 */
export async function tryServeThreadFromCache(request: IncomingMessage, response: ServerResponse, cache?: ThreadResponseCache): Promise<boolean> {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = request.url ?? "";
  if (!url.startsWith(THREAD_PATH_PREFIX)) return false;
  const queryStart = url.indexOf("?");
  const slug = readThreadSlug(queryStart === -1 ? url : url.slice(0, queryStart));
  if (slug === null) return false;
  // The route's own parsing (readSearchParams, then the schema), so both agree on what a query means.
  const query = threadQuerySchema.safeParse(readSearchParams(`http://localhost${url}`));
  if (!query.success) return false;
  let page: CachedThreadPage;
  try {
    page = await (cache ?? getThreadResponseCache()).get(slug, query.data);
  } catch {
    return false;
  }
  sendCachedResponse(request, response, page);
  return true;
}
