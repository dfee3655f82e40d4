// Responses that are the same for every reader, kept in memory by the
// production server (scripts/server.ts) and answered before Next.js's request
// pipeline runs: the thread API's pages (lib/comments/thread-response-cache.ts)
// and the readers' pages (lib/reader-pages/page-cache.ts). An entry is the
// exact bytes, a brotli and a gzip copy and a strong ETag per encoding, made once; it is
// kept for a TTL, until its tag (a thread's slug) is invalidated through the
// live bus in any instance, or until the size bounds push it out (the store
// is lru-cache's). Concurrent misses for one key share one read, so a burst
// after an invalidation costs one render per key per process.
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import { LRUCache } from "lru-cache";
import type { LiveListener } from "./live/live-bus";

/** Smaller bodies go uncompressed, as Next.js's compression leaves them (its threshold is 1 KB). */
const GZIP_MIN_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Brotli's quality: 5 compresses a 100 KB page a little better than gzip's
 * default in a few milliseconds; the top qualities take a hundred times
 * longer, and every change to a thread makes its pages again.
 */
const BROTLI_QUALITY = 5;

type ContentCoding = "br" | "gzip";

/** One encoding of a cached response: its bytes, its strong validator and the headers of a 200 carrying it. */
export interface CachedRepresentation {
  body: Buffer;
  etag: string;
  headers: Readonly<OutgoingHttpHeaders>;
}

/** A response ready to send. */
export interface CachedResponse {
  /** What invalidates it: a thread's slug. */
  tag: string;
  /** The bytes as the app would send them. */
  identity: CachedRepresentation;
  /** The same bytes gzip-compressed, or null for a body under 1 KB. */
  gzip: CachedRepresentation | null;
  /** The same bytes brotli-compressed, or null for a body under 1 KB. */
  brotli: CachedRepresentation | null;
  /** When it was read (the cache's clock). */
  createdAt: number;
  /** What it weighs against the cache's byte bound. */
  bytes: number;
}

/** What a loader produces: the body, its tag and the headers every copy carries (content type, Cache-Control, Vary…). */
export interface LoadedResponse {
  tag: string;
  body: Buffer;
  headers: Readonly<OutgoingHttpHeaders>;
}

/** How long entries live and how much is kept; the clock is for tests. */
export interface ResponseCacheOptions {
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
  now?: () => number;
}

/** A read in progress; several requests for one key wait on it. */
class Flight {
  /** Set when the tag was invalidated while it read: its result goes to whoever waits, and is never kept. */
  isRetired = false;
  promise!: Promise<CachedResponse>;
}

function representation(body: Buffer, etag: string, headers: Readonly<OutgoingHttpHeaders>, encoding: ContentCoding | null): CachedRepresentation {
  const names = [...String(headers.vary ?? "").split(","), "Accept-Encoding"].map((name) => name.trim()).filter(Boolean);
  const vary = names.filter((name, index) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === index).join(", ");
  const all: OutgoingHttpHeaders = { ...headers, vary, etag, "content-length": String(body.length) };
  if (encoding) all["content-encoding"] = encoding;
  return { body, etag, headers: all };
}

/** Serializes a response once: the bytes, its compressed copies, and ETags (one per encoding, as a strong validator must differ between them). */
async function buildCachedResponse(loaded: LoadedResponse, createdAt: number): Promise<CachedResponse> {
  const { body, headers, tag } = loaded;
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 32);
  const identity = representation(body, `"${hash}"`, headers, null);
  if (body.length < GZIP_MIN_BYTES) return { tag, identity, gzip: null, brotli: null, createdAt, bytes: body.length };
  const [gzipped, brotlied] = await Promise.all([gzipAsync(body), brotliAsync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } })]);
  const gzipCopy = representation(gzipped, `"${hash}-gzip"`, headers, "gzip");
  const brotliCopy = representation(brotlied, `"${hash}-br"`, headers, "br");
  return { tag, identity, gzip: gzipCopy, brotli: brotliCopy, createdAt, bytes: body.length + gzipped.length + brotlied.length };
}

/** Responses in one process, by key; see the file's comment. */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  private readonly flights = new Map<string, { flight: Flight; tag: string | null }>();
  private readonly now: () => number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
    this.entries = new LRUCache<string, CachedResponse>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      // A response larger than the whole bound is served but not kept.
      sizeCalculation: (entry) => entry.bytes,
      // lru-cache reads "no TTL" into 0; a TTL of 0 here keeps nothing (see store).
      ttl: Math.max(options.ttlMs, 1),
      ttlResolution: 0,
      perf: { now: this.now },
    });
  }

  /**
   * The response for a key: from memory while fresh, else loaded once however
   * many ask. `tag`, when known before loading, lets an invalidation retire the
   * read under way. Rejects as the loader does; nothing is kept then.
   */
  get(key: string, load: () => Promise<LoadedResponse>, tag: string | null = null): Promise<CachedResponse> {
    const cached = this.entries.get(key);
    if (cached) return Promise.resolve(cached);
    return this.flights.get(key)?.flight.promise ?? this.startFlight(key, load, tag);
  }

  /**
   * A thread changed: its entries go, and reads of it already under way are
   * retired, so a result that may predate the change is never kept and later
   * requests start a fresh read instead of joining the old one.
   */
  invalidateTag(tag: string): void {
    const keys: string[] = [];
    for (const [key, entry] of this.entries.entries()) if (entry.tag === tag) keys.push(key);
    for (const key of keys) this.entries.delete(key);
    for (const [key, { flight, tag: flightTag }] of this.flights) {
      // A read whose tag is not known yet may be of this thread too.
      if (flightTag !== null && flightTag !== tag) continue;
      flight.isRetired = true;
      this.flights.delete(key);
    }
  }

  /** Anything may have changed (events were missed): everything goes, reads under way included. */
  clear(): void {
    for (const { flight } of this.flights.values()) flight.isRetired = true;
    this.flights.clear();
    this.entries.clear();
  }

  /** How many responses are kept (tests, diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** How many bytes the kept responses weigh (tests, diagnostics). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  private startFlight(key: string, load: () => Promise<LoadedResponse>, tag: string | null): Promise<CachedResponse> {
    const flight = new Flight();
    // In the map before the read starts: a loader that fails at once must find it there to take it out.
    this.flights.set(key, { flight, tag });
    flight.promise = this.fly(key, load, flight);
    return flight.promise;
  }

  private async fly(key: string, load: () => Promise<LoadedResponse>, flight: Flight): Promise<CachedResponse> {
    try {
      const createdAt = this.now();
      const entry = await buildCachedResponse(await load(), createdAt);
      if (!flight.isRetired && this.options.ttlMs > 0) {
        // Its age counts from when the read began: a change during the read is caught by the TTL at worst.
        this.entries.set(key, entry, { start: createdAt });
      }
      return entry;
    } finally {
      if (this.flights.get(key)?.flight === flight) this.flights.delete(key);
    }
  }
}

/** A cache that can drop one thread's entries, or all of them. */
export interface ThreadInvalidatable {
  invalidateThread(slug: string): void;
  clear(): void;
}

/**
 * Keeps a cache true to the database: a thread's entries go when the bus says
 * it changed (in any instance), and all go on "resync" (events may have been
 * missed). Returns the unsubscribe function.
 */
export function connectCacheToBus(cache: ThreadInvalidatable, subscribe: (listener: LiveListener) => () => void): () => void {
  return subscribe((message) => {
    if (message.type === "thread") cache.invalidateThread(message.slug);
    // A site's change (its language, origins, style sheet) shows in every page of it, and in the frame policy kept with a frame.
    else if (message.type === "resync" || message.type === "sites") cache.clear();
  });
}

/** How much an Accept-Encoding value wants a coding (its q, explicitly or through `*`); 0 when it must not be sent. */
function acceptedQuality(header: string | undefined, wanted: ContentCoding): number {
  if (!header) return 0;
  let codingQuality: number | undefined;
  let anyQuality: number | undefined;
  for (const part of header.split(",")) {
    const [coding = "", ...params] = part.split(";").map((piece) => piece.trim());
    let quality = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (match) quality = Number(match[1]);
    }
    const name = coding.toLowerCase();
    if (name === wanted || (wanted === "gzip" && name === "x-gzip")) codingQuality = quality;
    else if (name === "*") anyQuality = quality;
  }
  return codingQuality ?? anyQuality ?? 0;
}

/** The copy to send: brotli or gzip when the client takes it (brotli, the smaller, unless gzip is preferred), else the bytes as they are. */
function chooseRepresentation(entry: CachedResponse, acceptEncoding: string | undefined): CachedRepresentation {
  const brotli = entry.brotli ? acceptedQuality(acceptEncoding, "br") : 0;
  const gzipped = entry.gzip ? acceptedQuality(acceptEncoding, "gzip") : 0;
  if (entry.brotli && brotli > 0 && brotli >= gzipped) return entry.brotli;
  if (entry.gzip && gzipped > 0) return entry.gzip;
  return entry.identity;
}

/** Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET and HEAD) or is `*`. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((raw) => {
    const tag = raw.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** Answers a GET or HEAD with a cached response: compressed when the client takes it, 304 when it already has these bytes. */
export function sendCachedResponse(request: IncomingMessage, response: ServerResponse, entry: CachedResponse): void {
  const chosen = chooseRepresentation(entry, request.headers["accept-encoding"]);
  if (matchesIfNoneMatch(request.headers["if-none-match"], chosen.etag)) {
    const { vary, etag } = chosen.headers;
    const cacheControl = chosen.headers["cache-control"];
    response.writeHead(304, { vary, etag, ...(cacheControl ? { "cache-control": cacheControl } : {}) });
    response.end();
    return;
  }
  response.writeHead(200, chosen.headers);
  if (request.method === "HEAD") response.end();
  else response.end(chosen.body);
}
