// What the framed thread (`/embed/{siteKey}/{articleKey}`) shows, worked out
// from its request: the site, the article (created on first load from an
// allowed origin: see embedded-article.ts), the page of the thread, where
// permalinks and size reports go, and the frame's own paging addresses — or
// why there is no thread to show. Rendering is the route's business.
import { getThreadPageForAddress, type ThreadPage } from "../comments/thread";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { MessageParams } from "../i18n/translate";
import type { ThreadQuery } from "../validation/thread-query";
import { cleanEmbedUrl, EMBED_LIMITS, resolveEmbeddedArticle } from "./embedded-article";
import { getParentOrigin, getRequestOrigin, getThemeStylesheet, MAX_ORIGIN_LENGTH } from "./frame-policy";
import { requireSite } from "./sites";

/** What the loader put in the frame's query: the host page's URL, title, origin and signature (each a claim, checked where it is used), and the embed's language and theme. */
interface FrameQuery {
  url: string | undefined;
  title: string | undefined;
  origin: string | undefined;
  signature: string | undefined;
  lang: string | undefined;
  theme: FrameTheme;
}

/** The frame's colour scheme: the reader's system setting (auto), or one the embed forces with data-theme. */
export type FrameTheme = "auto" | "light" | "dark";

/** A `?theme=` value as a theme; anything else is auto. */
export function readFrameTheme(value: string | null | undefined): FrameTheme {
  return value === "light" || value === "dark" ? value : "auto";
}

/** The framed thread, ready to draw. */
export interface FrameThread {
  page: ThreadPage;
  /** The host page the frame sits in, when it is on the site; else the article's own address. */
  permalinkBase: string;
  /** Where size reports go; null when no allowed origin can be told (the frame then posts nothing). */
  parentOrigin: string | null;
  /** The other order, offered as a link (its label is the page's to write). */
  sortLink: { sort: "oldest" | "newest"; href: string } | null;
  moreHref: string | null;
  /** The site's own style sheet, linked after the frame's (only when on one of its origins). */
  themeStylesheetUrl: string | null;
}

/** Why there is no thread to show: the status to answer with and what the frame says (absent: that the discussion is not available). */
export interface FrameRefusal {
  status: number;
  /** A catalog key (or text), written in the frame's language with `params`. */
  message: string | undefined;
  params?: MessageParams | undefined;
  retryAfterSeconds: number | undefined;
}

/** The framed thread, or why there is none. */
export type FrameAnswer = { kind: "thread"; thread: FrameThread } | { kind: "refused"; refusal: FrameRefusal };

/** The answer for a thread that does not exist here (an unknown site, a path that cannot name an article). */
export const FRAME_NOT_FOUND: FrameAnswer = { kind: "refused", refusal: { status: 404, message: undefined, retryAfterSeconds: undefined } };

function readFrameQuery(searchParams: URLSearchParams): FrameQuery {
  // An over-long origin could never pass its check: dropped rather than carried into every paging link.
  const origin = searchParams.get("origin");
  return {
    url: searchParams.get("url") ?? undefined,
    title: searchParams.get("title") ?? undefined,
    origin: origin !== null && origin.length <= MAX_ORIGIN_LENGTH ? origin : undefined,
    signature: searchParams.get("signature") ?? undefined,
    lang: searchParams.get("lang")?.slice(0, 10) || undefined,
    theme: readFrameTheme(searchParams.get("theme")),
  };
}

/**
 * The frame's own address with other paging. The host page's URL and origin
 * are kept (permalinks and the resize messages need them; an over-long URL
 * could never pass its check and is dropped); the title and signature only
 * matter on the first load, which created the article.
 */
function frameHref(siteKey: string, articleKey: string, frame: FrameQuery, paging: { sort: ThreadQuery["sort"]; cursor?: string }): string {
  const query = new URLSearchParams();
  if (frame.url !== undefined && frame.url.length <= EMBED_LIMITS.urlMax) query.set("url", frame.url);
  if (frame.origin !== undefined) query.set("origin", frame.origin);
  // The embed's language and theme hold on every page of the thread.
  if (frame.lang !== undefined) query.set("lang", frame.lang);
  if (frame.theme !== "auto") query.set("theme", frame.theme);
  query.set("sort", paging.sort);
  if (paging.cursor) query.set("cursor", paging.cursor);
  return `/embed/${encodeURIComponent(siteKey)}/${encodeURIComponent(articleKey)}?${query.toString()}`;
}

/**
 * The framed thread for a request, or why there is none to show: an unknown
 * site, or an unknown article asked for from anywhere but one of the site's
 * allowed origins, are not found; an article the embed may not create is
 * refused with the reason (a missing or foreign URL, a missing or wrong
 * signature, too many new discussions). Whatever the paging in the address,
 * there is a page to show (bad paging falls back to the first).
 */
export async function loadFrameThread(
  db: Db,
  address: { siteKey: string; articleKey: string; searchParams: URLSearchParams; referer: string | null },
): Promise<FrameAnswer> {
  const { siteKey, articleKey, searchParams } = address;
  const frame = readFrameQuery(searchParams);
  try {
    const site = await requireSite(db, siteKey);
    const requestOrigin = getRequestOrigin(address.referer);
    const { article } = await resolveEmbeddedArticle(db, { site, articleKey, url: frame.url, title: frame.title, signature: frame.signature, requestOrigin });
    const { page, query } = await getThreadPageForAddress(db, article.slug, {
      sort: searchParams.get("sort") ?? undefined,
      cursor: searchParams.get("cursor") ?? undefined,
    });
    const otherSort = query.sort === "newest" ? "oldest" : "newest";
    const thread: FrameThread = {
      page,
      permalinkBase: cleanEmbedUrl(site, frame.url) ?? article.url,
      parentOrigin: getParentOrigin(site, { requestOrigin, claimedOrigin: frame.origin }),
      sortLink: page.article.commentCount > 1 ? { sort: otherSort, href: frameHref(siteKey, articleKey, frame, { sort: otherSort }) } : null,
      moreHref: page.nextCursor ? frameHref(siteKey, articleKey, frame, { sort: query.sort, cursor: page.nextCursor }) : null,
      themeStylesheetUrl: getThemeStylesheet(site)?.url ?? null,
    };
    return { kind: "thread", thread };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "not_found") return FRAME_NOT_FOUND;
    return { kind: "refused", refusal: { status: error.status, message: error.messageKey, params: error.params, retryAfterSeconds: error.retryAfterSeconds } };
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
