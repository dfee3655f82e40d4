// What the framed thread (`/embed/{siteKey}/{articleKey}`) shows, worked out
// from its request: the site, the article (created on first load from an
// allowed origin: see embedded-article.ts), the page of the thread, where
// permalinks and size reports go, and the frame's own addresses for its
// orders, its next page and the rest of long runs of replies — or why there
// is no thread to show. Also the rest of one such run
// (`/embed/{siteKey}/{articleKey}/replies/{commentId}`). Rendering is the routes' business.
import { getHiddenReplies, type HiddenReplies } from "../comments/hidden-replies";
import { getThreadPageForAddress, type ThreadPage } from "../comments/thread";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { MessageParams } from "../i18n/translate";
import { getModerationSettings } from "../moderation/settings";
import { threadSorts, type ThreadQuery, type ThreadSort } from "../validation/thread-query";
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
  /** The order shown. */
  sort: ThreadSort;
  /** Each order's address, when there is more than one comment to order (the labels are the page's to write). */
  sortLinks: Record<ThreadSort, string> | null;
  moreHref: string | null;
  /** Whether this is the thread's first page, where editors' picks have a section of their own. */
  isFirstPage: boolean;
  /** The site's word for a respect (settings.respectLabel), or null for the catalog's. */
  respectLabel: string | null;
  /** Where the rest of a long run of replies under a comment is fetched from, in the frame's language. */
  repliesHref: (commentId: string) => string;
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

/** The frame's parameters that every address of the thread keeps: the host page's URL and origin, the embed's language and theme. */
function keptFrameQuery(frame: FrameQuery): URLSearchParams {
  const query = new URLSearchParams();
  if (frame.url !== undefined && frame.url.length <= EMBED_LIMITS.urlMax) query.set("url", frame.url);
  if (frame.origin !== undefined) query.set("origin", frame.origin);
  // The embed's language and theme hold on every page of the thread.
  if (frame.lang !== undefined) query.set("lang", frame.lang);
  if (frame.theme !== "auto") query.set("theme", frame.theme);
  return query;
}

/**
 * The frame's own address with other paging. The host page's URL and origin
 * are kept (permalinks and the resize messages need them; an over-long URL
 * could never pass its check and is dropped); the title and signature only
 * matter on the first load, which created the article.
 */
function frameHref(siteKey: string, articleKey: string, frame: FrameQuery, paging: { sort: ThreadQuery["sort"]; cursor?: string }): string {
  const query = keptFrameQuery(frame);
  query.set("sort", paging.sort);
  if (paging.cursor) query.set("cursor", paging.cursor);
  return `/embed/${encodeURIComponent(siteKey)}/${encodeURIComponent(articleKey)}?${query.toString()}`;
}

/**
 * Where the rest of a long run of replies under a comment is fetched from:
 * the frame's path and the host page's URL (its permalinks point there), in
 * the frame's language (`locale`), whatever decided it.
 */
function frameRepliesHref(siteKey: string, articleKey: string, frame: FrameQuery, locale: string, commentId: string): string {
  const query = new URLSearchParams();
  if (frame.url !== undefined && frame.url.length <= EMBED_LIMITS.urlMax) query.set("url", frame.url);
  query.set("lang", locale);
  return `/embed/${encodeURIComponent(siteKey)}/${encodeURIComponent(articleKey)}/replies/${encodeURIComponent(commentId)}?${query.toString()}`;
}

/** Why there is nothing to show, as the frame says it. */
function toRefusal(error: unknown): FrameAnswer {
  if (!(error instanceof AppError)) throw error;
  if (error.code === "not_found") return FRAME_NOT_FOUND;
  return { kind: "refused", refusal: { status: error.status, message: error.messageKey, params: error.params, retryAfterSeconds: error.retryAfterSeconds } };
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
  address: { siteKey: string; articleKey: string; searchParams: URLSearchParams; referer: string | null; locale: string },
): Promise<FrameAnswer> {
  const { siteKey, articleKey, searchParams } = address;
  const frame = readFrameQuery(searchParams);
  try {
    const site = await requireSite(db, siteKey);
    const requestOrigin = getRequestOrigin(address.referer);
    const { article } = await resolveEmbeddedArticle(db, { site, articleKey, url: frame.url, title: frame.title, signature: frame.signature, requestOrigin });
    const [{ page, query }, settings] = await Promise.all([
      getThreadPageForAddress(db, article.slug, { sort: searchParams.get("sort") ?? undefined, cursor: searchParams.get("cursor") ?? undefined }),
      getModerationSettings(db),
    ]);
    const thread: FrameThread = {
      page,
      permalinkBase: cleanEmbedUrl(site, frame.url) ?? article.url,
      parentOrigin: getParentOrigin(site, { requestOrigin, claimedOrigin: frame.origin }),
      sort: query.sort,
      sortLinks: page.article.commentCount > 1 ? (Object.fromEntries(threadSorts.map((sort) => [sort, frameHref(siteKey, articleKey, frame, { sort })])) as Record<ThreadSort, string>) : null,
      moreHref: page.nextCursor ? frameHref(siteKey, articleKey, frame, { sort: query.sort, cursor: page.nextCursor }) : null,
      isFirstPage: query.cursor === undefined,
      respectLabel: settings.respectLabel,
      repliesHref: (commentId) => frameRepliesHref(siteKey, articleKey, frame, address.locale, commentId),
      themeStylesheetUrl: getThemeStylesheet(site)?.url ?? null,
    };
    return { kind: "thread", thread };
  } catch (error) {
    return toRefusal(error);
  }
}

/** The rest of a long run of replies in a framed thread, ready to draw. */
export interface FrameReplies extends HiddenReplies {
  /** The thread the replies belong to, for the page cache to drop them when it changes. */
  slug: string;
  /** Where permalinks point: the host page, as for the thread (FrameThread.permalinkBase). */
  permalinkBase: string;
  /** Where the rest of a long run further down is fetched from. */
  repliesHref: (commentId: string) => string;
}

/**
 * The rest of the run of replies under `commentId` in a framed thread, for
 * "Show N more replies": only of an article that exists (this never creates
 * one), with permalinks to the host page when its URL is on the site. Throws
 * not_found for an unknown site, article or comment.
 */
export async function loadFrameReplies(
  db: Db,
  address: { siteKey: string; articleKey: string; commentId: string; searchParams: URLSearchParams; locale: string },
): Promise<FrameReplies> {
  const { siteKey, articleKey, commentId } = address;
  const frame = readFrameQuery(address.searchParams);
  const site = await requireSite(db, siteKey);
  // No request origin: an article unknown here is not found, never created.
  const { article } = await resolveEmbeddedArticle(db, { site, articleKey, requestOrigin: null });
  const hidden = await getHiddenReplies(db, article.slug, commentId);
  return {
    ...hidden,
    slug: article.slug,
    permalinkBase: cleanEmbedUrl(site, frame.url) ?? article.url,
    repliesHref: (id) => frameRepliesHref(siteKey, articleKey, frame, address.locale, id),
  };
}

/** A path segment as the client sent it, percent-decoded once (the loader encodes the article key); null when it is not valid encoding. */
export function decodePathSegment(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
