// The public API's hottest request, GET /api/v1/articles/{slug}/comments,
// answered from memory by the production server (scripts/server.ts) before
// Next.js's request pipeline runs: that pipeline alone caps a route near 700
// requests/s on two cores, and a 1,000-comment page costs a query and a tree.
// What is kept is exactly what the route handler sends (the same
// JSON.stringify bytes, the same content type), successful pages only, plus a
// gzip copy and a strong ETag made once per page. Anything else — an unknown
// article, a bad query, a failed read — is left to Next.js, so its answers
// stay the only error answers.
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { getDb } from "../db";
import { readSearchParams } from "../http";
import { getLiveBus, type LiveBus, type LiveListener } from "../live/live-bus";
import { isPossibleSlug } from "../validation/slug";
import { threadQuerySchema, type ThreadQuery } from "../validation/thread-query";
import { getThreadPage, type ThreadPage } from "./thread";

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

/** Smaller bodies go uncompressed, as Next.js's compression leaves them (its threshold is 1 KB). */
const GZIP_MIN_BYTES = 1024;

/** The route handler's content type (Response.json in lib/http.ts jsonResponse). */
const JSON_CONTENT_TYPE = "application/json";

const THREAD_PATH_PREFIX = "/api/v1/articles/";
const THREAD_PATH_SUFFIX = "/comments";

const gzipAsync = promisify(gzip);

/** Reads one page of a thread as the route answers it; throws as getThreadPage does (not_found, validation, anything else). */
export type ThreadPageLoader = (slug: string, query: ThreadQuery) => Promise<ThreadPage>;

/** One encoding of a cached page: its bytes, its strong validator and the headers of a 200 carrying it. */
export interface CachedRepresentation {
  body: Buffer;
  etag: string;
  headers: Readonly<OutgoingHttpHeaders>;
}

/** A page ready to send. */
export interface CachedThreadPage {
  slug: string;
  /** The JSON exactly as the route handler would send it. */
  identity: CachedRepresentation;
  /** The same bytes gzip-compressed, or null for a body under 1 KB. */
  gzip: CachedRepresentation | null;
  /** When it was read (the cache's clock). */
  createdAt: number;
  /** What it weighs against MAX_CACHED_THREAD_BYTES. */
  bytes: number;
}

/** How a cache reads pages and how much it keeps; the defaults are the constants above. */
export interface ThreadResponseCacheOptions {
  load: ThreadPageLoader;
  ttlMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/** A read in progress; several requests for one key wait on it. */
class Flight {
  /** Set when the thread changed while it read: its result goes to whoever waits, and is never kept. */
  isRetired = false;
  promise!: Promise<CachedThreadPage>;

  constructor(readonly slug: string) {}
}

/** The key of one page: the slug and the query as threadQuerySchema parsed it, so equal requests share an entry. */
function cacheKey(slug: string, query: ThreadQuery): string {
  return JSON.stringify([slug, query.sort, query.limit, query.cursor ?? null]);
}

function representation(body: Buffer, etag: string, encoding: "gzip" | null): CachedRepresentation {
  const headers: OutgoingHttpHeaders = { "content-type": JSON_CONTENT_TYPE, vary: "Accept-Encoding", etag, "content-length": String(body.length) };
  if (encoding) headers["content-encoding"] = encoding;
  return { body, etag, headers };
}

/** Serializes a page once: the JSON bytes, a gzip copy, and ETags (one per encoding, as a strong validator must differ between them). */
async function buildCachedPage(slug: string, page: ThreadPage, createdAt: number): Promise<CachedThreadPage> {
  const body = Buffer.from(JSON.stringify(page), "utf8");
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 32);
  const identity = representation(body, `"${hash}"`, null);
  const compressed = body.length >= GZIP_MIN_BYTES ? representation(await gzipAsync(body), `"${hash}-gzip"`, "gzip") : null;
  return { slug, identity, gzip: compressed, createdAt, bytes: body.length + (compressed?.body.length ?? 0) };
}

/**
 * Serialized thread pages in one process. A page is kept for the TTL, until
 * its thread is invalidated, or until the size bounds push it out (least
 * recently used first). Concurrent misses for one page share one read, so a
 * burst after an invalidation costs one query per page per process.
 */
export class ThreadResponseCache {
  private readonly entries = new Map<string, CachedThreadPage>();
  private readonly flights = new Map<string, Flight>();
  private readonly load: ThreadPageLoader;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private storedBytes = 0;

  constructor(options: ThreadResponseCacheOptions) {
    this.load = options.load;
    this.ttlMs = options.ttlMs ?? THREAD_RESPONSE_TTL_MS;
    this.maxEntries = options.maxEntries ?? MAX_CACHED_THREAD_PAGES;
    this.maxBytes = options.maxBytes ?? MAX_CACHED_THREAD_BYTES;
    this.now = options.now ?? Date.now;
  }

  /** The page for a slug and a parsed query: from memory while fresh, else read once however many ask. Rejects as the loader does; nothing is kept then. */
  get(slug: string, query: ThreadQuery): Promise<CachedThreadPage> {
    const key = cacheKey(slug, query);
    const cached = this.entries.get(key);
    if (cached) {
      if (this.now() - cached.createdAt < this.ttlMs) {
        // Re-inserted, so the Map's order is least recently used first.
        this.entries.delete(key);
        this.entries.set(key, cached);
        return Promise.resolve(cached);
      }
      this.remove(key, cached);
    }
    return this.flights.get(key)?.promise ?? this.startFlight(key, slug, query);
  }

  /**
   * The thread changed: its pages go, and reads of it already under way are
   * retired, so a result that may predate the change is never kept and later
   * requests start a fresh read instead of joining the old one. (This is the
   * per-slug generation check, held by the flights themselves, so nothing
   * grows with every slug ever seen.)
   */
  invalidateThread(slug: string): void {
    for (const [key, entry] of this.entries) if (entry.slug === slug) this.remove(key, entry);
    for (const [key, flight] of this.flights) {
      if (flight.slug !== slug) continue;
      flight.isRetired = true;
      this.flights.delete(key);
    }
  }

  /** Anything may have changed (events were missed): everything goes, reads under way included. */
  clear(): void {
    for (const flight of this.flights.values()) flight.isRetired = true;
    this.flights.clear();
    this.entries.clear();
    this.storedBytes = 0;
  }

  /** How many pages are kept (tests, diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** How many bytes the kept pages weigh (tests, diagnostics). */
  get bytes(): number {
    return this.storedBytes;
  }

  private startFlight(key: string, slug: string, query: ThreadQuery): Promise<CachedThreadPage> {
    const flight = new Flight(slug);
    // In the map before the read starts: a loader that fails at once must find it there to take it out.
    this.flights.set(key, flight);
    flight.promise = this.fly(key, slug, query, flight);
    return flight.promise;
  }

  private async fly(key: string, slug: string, query: ThreadQuery, flight: Flight): Promise<CachedThreadPage> {
    try {
      const createdAt = this.now();
      const page = await buildCachedPage(slug, await this.load(slug, query), createdAt);
      if (!flight.isRetired) this.store(key, page);
      return page;
    } finally {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    }
  }

  private store(key: string, page: CachedThreadPage): void {
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    if (page.bytes > this.maxBytes) return;
    this.entries.set(key, page);
    this.storedBytes += page.bytes;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.storedBytes <= this.maxBytes) break;
      this.remove(oldestKey, oldest);
    }
  }

  private remove(key: string, entry: CachedThreadPage): void {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.storedBytes -= entry.bytes;
  }
}

/** A cache reading pages through `load` (tests pass their own; the app uses getThreadResponseCache()). */
export function createThreadResponseCache(options: ThreadResponseCacheOptions): ThreadResponseCache {
  return new ThreadResponseCache(options);
}

/**
 * Keeps a cache true to the database: a thread's pages go when the bus says
 * it changed (in any instance), and all pages go on "resync" (events may have
 * been missed). Returns the unsubscribe function.
 */
export function connectThreadCacheToBus(cache: ThreadResponseCache, subscribe: (listener: LiveListener) => () => void): () => void {
  return subscribe((message) => {
    if (message.type === "thread") cache.invalidateThread(message.slug);
    else if (message.type === "resync") cache.clear();
  });
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

/** Whether an Accept-Encoding value lets us send gzip (explicitly or through `*`, with a q above 0). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzipQuality: number | undefined;
  let anyQuality: number | undefined;
  for (const part of header.split(",")) {
    const [coding = "", ...params] = part.split(";").map((piece) => piece.trim());
    let quality = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (match) quality = Number(match[1]);
    }
    const name = coding.toLowerCase();
    if (name === "gzip" || name === "x-gzip") gzipQuality = quality;
    else if (name === "*") anyQuality = quality;
  }
  return (gzipQuality ?? anyQuality ?? 0) > 0;
}

/** Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET and HEAD) or is `*`. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((raw) => {
    const tag = raw.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
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
  const chosen = page.gzip && acceptsGzip(request.headers["accept-encoding"]) ? page.gzip : page.identity;
  if (matchesIfNoneMatch(request.headers["if-none-match"], chosen.etag)) {
    response.writeHead(304, { vary: "Accept-Encoding", etag: chosen.etag });
    response.end();
    return true;
  }
  response.writeHead(200, chosen.headers);
  if (request.method === "HEAD") response.end();
  else response.end(chosen.body);
  return true;
}
