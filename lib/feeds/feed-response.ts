// The HTTP answers of the feed routes, built on the standard Response so the
// routes stay thin. A feed is the same for every reader in a language, so it
// carries the readers' pages' shared-cache policy; the production server
// keeps it in the same in-memory cache (lib/reader-pages/page-cache.ts).
import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { READER_PAGE_CACHE_CONTROL } from "../reader-pages/page-cache";
import { FEED_CONTENT_TYPE } from "./feed-links";

/** A feed document as a 200: its content type, language and cache policy. */
export function createFeedResponse(xml: string, locale: Locale): Response {
  return new Response(xml, {
    status: 200,
    headers: {
      "Content-Type": FEED_CONTENT_TYPE,
      "Content-Language": locale,
      "Cache-Control": READER_PAGE_CACHE_CONTROL,
      // Without ?lang= the language follows the browser's: shared caches keep one copy per header.
      Vary: "Accept-Language",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * The 404 of an article feed: one short sentence as plain text, since feed
 * readers show no page and the API's JSON shape is for the API. Kept by no
 * cache (the page cache keeps 200s only).
 */
export function createFeedNotFoundResponse(locale: Locale): Response {
  return new Response(`${translate(locale, "feeds.notFound")}\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": locale, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
