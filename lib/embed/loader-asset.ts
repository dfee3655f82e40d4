// The built embed loader (.embed/embed.js, from scripts/build-embed.mjs) for
// the /embed.js route and for pages that print the embed snippet. The hash is
// taken from the bytes actually served, so a snippet's ?v= always matches them.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The loader script as served, with its content hash and sizes. */
export interface LoaderAsset {
  /** The script's text (UTF-8). */
  source: string;
  /** First 10 hex digits of the script's SHA-256: its ETag and the ?v= of versioned URLs. */
  hash: string;
  bytes: number;
  gzipBytes: number;
}

/** Reads and measures the loader at `path`; throws telling how to build it when it is missing. */
export function readLoaderAsset(path: string): LoaderAsset {
  let source: Buffer;
  try {
    source = readFileSync(path);
  } catch (error) {
    throw new Error(`The embed loader is not built (${path} is missing): run \`npm run build:embed\``, { cause: error });
  }
  return {
    source: source.toString("utf8"),
    hash: createHash("sha256").update(source).digest("hex").slice(0, 10),
    bytes: source.byteLength,
    gzipBytes: gzipSync(source, { level: 9 }).byteLength,
  };
}

let cached: { modifiedMs: number; asset: LoaderAsset } | undefined;

/**
 * The project's built loader, read once and again only when the file changes
 * (a `npm run build:embed` under `next dev` is picked up without a restart).
 */
export function getLoaderAsset(): LoaderAsset {
  // Spelled out in place so the production build traces .embed/ alone, not the whole project.
  const path = join(process.cwd(), ".embed", "embed.js");
  let modifiedMs = -1;
  try {
    modifiedMs = statSync(path).mtimeMs;
  } catch {
    // readLoaderAsset below explains the missing file.
  }
  if (cached?.modifiedMs === modifiedMs) return cached.asset;
  const asset = readLoaderAsset(path);
  cached = { modifiedMs, asset };
  return asset;
}

/** The versioned loader address for snippets: cached for a year, since a new build changes ?v=. */
export function loaderUrl(origin: string, asset: Pick<LoaderAsset, "hash"> = getLoaderAsset()): string {
  return `${origin.replace(/\/+$/, "")}/embed.js?v=${asset.hash}`;
}

/** The header value that marks a response as this version of the loader. */
function formatEtag(hash: string): string {
  return `"${hash}"`;
}

/** Whether an If-None-Match header names this version (weak or strong, or `*`). */
export function isEtagMatch(ifNoneMatch: string | null, hash: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value.replace(/^W\//, "") === formatEtag(hash);
  });
}

/**
 * The /embed.js response. A URL carrying the current ?v= never changes, so it
 * is cached for a year; the plain snippet URL is cached for five minutes, so
 * sites pick up a new loader soon after a deploy. Any site may load it.
 */
export function respondWithLoader(request: Request, asset: LoaderAsset): Response {
  const isVersioned = new URL(request.url).searchParams.get("v") === asset.hash;
  const headers = {
    "Content-Type": "application/javascript; charset=utf-8",
    "Cache-Control": isVersioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: formatEtag(asset.hash),
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "X-Content-Type-Options": "nosniff",
  };
  if (isEtagMatch(request.headers.get("if-none-match"), asset.hash)) return new Response(null, { status: 304, headers });
  return new Response(asset.source, { status: 200, headers });
}
