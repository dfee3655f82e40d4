// The embed's built assets (.embed/, from scripts/build-embed.mjs): the loader
// other sites include (/embed.js), and the framed thread's own script and
// style sheet (/embed-frame.js, /embed-frame.css). Each is served with its
// content hash: the hash is taken from the bytes actually served, so a
// versioned address (?v=) always matches them.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { errorResponse } from "../http";

/** An asset as served, with its content hash and sizes. */
export interface EmbedAsset {
  source: Buffer;
  contentType: string;
  /** First 10 hex digits of the content's SHA-256: its ETag and the ?v= of versioned URLs. */
  hash: string;
  bytes: number;
  gzipBytes: number;
}

/** The built assets, by their address on this server. */
export const embedAssetPaths = ["/embed.js", "/embed-frame.js", "/embed-frame.css"] as const;
export type EmbedAssetPath = (typeof embedAssetPaths)[number];

/** Reads and measures the asset at `path`; throws telling how to build it when it is missing. */
export function readEmbedAsset(path: string, contentType = "application/javascript; charset=utf-8"): EmbedAsset {
  let source: Buffer;
  try {
    source = readFileSync(path);
  } catch (error) {
    throw new Error(`The embed assets are not built (${path} is missing): run \`npm run build:embed\``, { cause: error });
  }
  return {
    source,
    contentType,
    hash: createHash("sha256").update(source).digest("hex").slice(0, 10),
    bytes: source.byteLength,
    gzipBytes: gzipSync(source, { level: 9 }).byteLength,
  };
}

/** Each asset's file in .embed/ and its type. */
const builtAssets: Record<EmbedAssetPath, { fileName: "embed.js" | "frame.js" | "frame.css"; contentType: string }> = {
  "/embed.js": { fileName: "embed.js", contentType: "application/javascript; charset=utf-8" },
  "/embed-frame.js": { fileName: "frame.js", contentType: "application/javascript; charset=utf-8" },
  "/embed-frame.css": { fileName: "frame.css", contentType: "text/css; charset=utf-8" },
};

const cached = new Map<EmbedAssetPath, { modifiedMs: number; asset: EmbedAsset }>();

/**
 * A built asset, read once and again only when its file changes (a
 * `npm run build:embed` under `next dev` is picked up without a restart).
 */
export function getEmbedAsset(path: EmbedAssetPath): EmbedAsset {
  const { fileName, contentType } = builtAssets[path];
  // Spelled out in place so the production build traces .embed/ alone, not the whole project.
  const file = join(process.cwd(), ".embed", fileName);
  let modifiedMs = -1;
  try {
    modifiedMs = statSync(file).mtimeMs;
  } catch {
    // readEmbedAsset below explains the missing file.
  }
  const hit = cached.get(path);
  if (hit?.modifiedMs === modifiedMs) return hit.asset;
  const asset = readEmbedAsset(file, contentType);
  cached.set(path, { modifiedMs, asset });
  return asset;
}

/** The loader other sites include. */
export function getLoaderAsset(): EmbedAsset {
  return getEmbedAsset("/embed.js");
}

/** An asset's versioned address, cached for a year since a new build changes ?v=. */
export function versionedAssetUrl(origin: string, path: EmbedAssetPath, asset: Pick<EmbedAsset, "hash">): string {
  return `${origin.replace(/\/+$/, "")}${path}?v=${asset.hash}`;
}

/** The versioned loader address for snippets. */
export function loaderUrl(origin: string, asset: Pick<EmbedAsset, "hash"> = getLoaderAsset()): string {
  return versionedAssetUrl(origin, "/embed.js", asset);
}

/** The header value that marks a response as this version of the asset. */
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
 * An asset's response. A URL carrying the current ?v= never changes, so it is
 * cached for a year; the plain URL is cached for five minutes, so sites pick
 * up a new loader soon after a deploy. Any site may load it.
 */
export function respondWithEmbedAsset(request: Request, asset: EmbedAsset): Response {
  const isVersioned = new URL(request.url).searchParams.get("v") === asset.hash;
  const headers = {
    "Content-Type": asset.contentType,
    "Cache-Control": isVersioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: formatEtag(asset.hash),
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "X-Content-Type-Options": "nosniff",
  };
  if (isEtagMatch(request.headers.get("if-none-match"), asset.hash)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(asset.source), { status: 200, headers });
}

/** The whole GET handler of an asset's route: the asset, or the error that explains why it cannot be served. */
export function serveEmbedAsset(request: Request, path: EmbedAssetPath): Response {
  try {
    return respondWithEmbedAsset(request, getEmbedAsset(path));
  } catch (error) {
    return errorResponse(error);
  }
}
