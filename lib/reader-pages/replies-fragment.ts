// "Show N more replies" fetches the rest of a long run of replies as a
// fragment of the thread's own markup, from the article page's path or the
// framed thread's (their permalinks differ). Like the pages, a fragment is
// the same for every reader: shared caches and the page cache keep it
// briefly (lib/reader-pages/page-cache.ts), tagged with its thread.
import { READER_PAGE_CACHE_CONTROL, THREAD_SLUG_HEADER } from "./page-cache";

/** Where the article page fetches the rest of the run under a comment, in the page's language. */
export function articleRepliesHref(slug: string, commentId: string, locale: string): string {
  return `/articles/${encodeURIComponent(slug)}/replies/${encodeURIComponent(commentId)}?lang=${encodeURIComponent(locale)}`;
}

/** A fragment's headers: HTML every reader shares, kept like the pages, tagged with its thread, never indexed on its own. */
export function repliesFragmentHeaders(slug: string): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": READER_PAGE_CACHE_CONTROL,
    Vary: "Accept-Language",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
    [THREAD_SLUG_HEADER]: encodeURIComponent(slug),
  };
}
