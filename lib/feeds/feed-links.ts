// Where the feeds live and what their links point to. Links are absolute (a
// feed is read away from the site): on PUBLIC_URL when it is set, else on the
// origin the request came to (SPEC.md, Configuration), as the dashboard's
// embed snippets are.
import { readPublicOrigin } from "../embed/site-admin";
import { getEnv } from "../env";
import type { Locale } from "../i18n/locales";
import { readLocaleParam } from "../i18n/negotiate-locale";
import { readRequestLocale } from "../i18n/request-locale";

/** The content type both feeds are served with. */
export const FEED_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

/** The path of the site's feed: the latest comments on every listed article. */
export const SITE_FEED_PATH = "/feed.atom";

/** The last segment of an article's feed path. */
export const ARTICLE_FEED_NAME = "feed.atom";

/** The path of an article's comment feed. */
export function articleFeedPath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}/${ARTICLE_FEED_NAME}`;
}

/** What the request says about the address it came to (the forwarded headers are the server's or the trusted proxy's, see scripts/server.ts). */
export interface RequestAddress {
  forwardedProto?: string | null;
  forwardedHost?: string | null;
  host?: string | null;
}

/** The base URL of every link in a feed, without a trailing slash: PUBLIC_URL (its path included), else the request's origin, else this process's own port. */
export function readFeedBaseUrl(request: RequestAddress): string {
  const env = getEnv();
  return env.PUBLIC_URL ?? readPublicOrigin(request) ?? `http://localhost:${env.PORT}`;
}

/** A comment's permalink on its article page (SPEC.md: `#comment-{id}`), without any language: the entry's permanent id. */
export function commentPermalink(baseUrl: string, comment: { id: string; articleSlug: string }): string {
  return `${baseUrl}/articles/${encodeURIComponent(comment.articleSlug)}#comment-${encodeURIComponent(comment.id)}`;
}

/** How a feed is asked for: its language, the base of its links and the language named in the address (kept in its links), if any. */
export interface FeedRequest {
  locale: Locale;
  baseUrl: string;
  /** `?lang=` when it named one of our languages: links then open the pages in it. */
  lang: Locale | null;
}

/** Reads a feed request: the language the proxy chose (`x-locale`), the base URL of its links, and `?lang=`. */
export function readFeedRequest(request: Pick<Request, "headers" | "url">): FeedRequest {
  const header = (name: string) => request.headers.get(name);
  return {
    locale: readRequestLocale(request.headers),
    baseUrl: readFeedBaseUrl({ forwardedProto: header("x-forwarded-proto"), forwardedHost: header("x-forwarded-host"), host: header("host") }),
    lang: readLocaleParam(new URL(request.url).searchParams.get("lang")),
  };
}
