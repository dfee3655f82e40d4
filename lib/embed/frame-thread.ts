// What the framed thread (`/embed/{siteKey}/{articleKey}`) shows, worked out
// from its request: the site, the article (created on first load from an
// allowed origin), the page of the thread, where permalinks and size reports
// go, and the frame's own paging addresses. Rendering is the route's business.
import { getThreadPageForAddress, type ThreadPage } from "../comments/thread";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { ThreadQuery } from "../validation/thread-query";
import { cleanEmbedUrl, EMBED_LIMITS, resolveEmbeddedArticle } from "./embedded-article";
import { getParentOrigin, getRequestOrigin, MAX_ORIGIN_LENGTH } from "./frame-policy";
import { requireSite } from "./sites";

/** What the loader put in the frame's query: the host page's URL, title and origin (each a claim, checked where it is used). */
interface FrameQuery {
  url: string | undefined;
  title: string | undefined;
  origin: string | undefined;
}

/** The framed thread, ready to draw. */
export interface FrameThread {
  page: ThreadPage;
  /** The host page the frame sits in, when it is on the site; else the article's own address. */
  permalinkBase: string;
  /** Where size reports go; null when no allowed origin can be told (the frame then posts nothing). */
  parentOrigin: string | null;
  sortLink: { label: string; href: string } | null;
  moreHref: string | null;
}

function readFrameQuery(searchParams: URLSearchParams): FrameQuery {
  // An over-long URL or origin could never pass its check: dropped rather than carried into every paging link.
  const capped = (value: string | null, max: number) => (value !== null && value.length <= max ? value : undefined);
  return {
    url: capped(searchParams.get("url"), EMBED_LIMITS.urlMax),
    title: searchParams.get("title") ?? undefined,
    origin: capped(searchParams.get("origin"), MAX_ORIGIN_LENGTH),
  };
}

/**
 * The frame's own address with other paging. The host page's URL and origin
 * are kept (permalinks and the resize messages need them); the title only
 * matters on the first load, which created the article.
 */
function frameHref(siteKey: string, articleKey: string, frame: FrameQuery, paging: { sort: ThreadQuery["sort"]; cursor?: string }): string {
  const query = new URLSearchParams();
  if (frame.url !== undefined) query.set("url", frame.url);
  if (frame.origin !== undefined) query.set("origin", frame.origin);
  query.set("sort", paging.sort);
  if (paging.cursor) query.set("cursor", paging.cursor);
  return `/embed/${encodeURIComponent(siteKey)}/${encodeURIComponent(articleKey)}?${query.toString()}`;
}

/**
 * The framed thread for a request, or null when there is none to show: an
 * unknown site, or an unknown article asked for from anywhere but one of the
 * site's allowed origins (it is then not created). Whatever the paging in the
 * address, there is a page to show (bad paging falls back to the first).
 */
export async function loadFrameThread(
  db: Db,
  address: { siteKey: string; articleKey: string; searchParams: URLSearchParams; referer: string | null },
): Promise<FrameThread | null> {
  const { siteKey, articleKey, searchParams } = address;
  const frame = readFrameQuery(searchParams);
  try {
    const site = await requireSite(db, siteKey);
    const requestOrigin = getRequestOrigin(address.referer);
    const { article } = await resolveEmbeddedArticle(db, { site, articleKey, url: frame.url, title: frame.title, requestOrigin });
    const { page, query } = await getThreadPageForAddress(db, article.slug, {
      sort: searchParams.get("sort") ?? undefined,
      cursor: searchParams.get("cursor") ?? undefined,
    });
    const otherSort = query.sort === "oldest" ? "newest" : "oldest";
    return {
      page,
      permalinkBase: cleanEmbedUrl(site, frame.url) ?? article.url,
      parentOrigin: getParentOrigin(site, { requestOrigin, claimedOrigin: frame.origin }),
      sortLink: page.article.commentCount > 1 ? { label: `Show ${otherSort} first`, href: frameHref(siteKey, articleKey, frame, { sort: otherSort }) } : null,
      moreHref: page.nextCursor ? frameHref(siteKey, articleKey, frame, { sort: query.sort, cursor: page.nextCursor }) : null,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

/** A path segment as the client sent it, percent-decoded once (the loader encodes the article key); null when it is not valid encoding. */
export function decodePathSegment(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
