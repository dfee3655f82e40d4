import { renderFrameThread, renderFrameUnavailable } from "@/components/embed/render-frame";
import { isSpamCheckOn } from "@/lib/comments/posting-services";
import { getDb } from "@/lib/db";
import { getEmbedAsset, versionedAssetUrl } from "@/lib/embed/assets";
import { decodePathSegment, FRAME_NOT_FOUND, loadFrameThread, readFrameTheme } from "@/lib/embed/frame-thread";
import { errorResponse } from "@/lib/http";
import { readRequestLocale } from "@/lib/i18n/request-locale";
import { isMailOn } from "@/lib/mail/transport";
import { READER_PAGE_CACHE_CONTROL, THREAD_SLUG_HEADER } from "@/lib/reader-pages/page-cache";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ siteKey: string; articleKey: string }> };

// A refusal is not kept by caches; the thread is the same for every reader
// (the captcha is fetched by the frame script), so it is, briefly: shared
// caches and `npm start`'s own (lib/reader-pages/page-cache.ts) keep it and
// the live bus drops the latter within a second of a change. It depends on
// the embedding page (Referer) and, unless the site or the address sets it,
// the reader's language (Accept-Language). (Its Content-Security-Policy frame-ancestors
// header is set in proxy.ts.)
const htmlHeaders = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };

/**
 * GET /embed/{siteKey}/{articleKey}[?url=&title=&origin=&signature=&lang=&theme=] — the framed thread (SPEC.md, Embed):
 * static HTML plus the small frame script, in the request's language (proxy.ts: `?lang=`, the site's, the
 * browser's) and colour scheme (`?theme=light|dark`, else the reader's system); or a page saying why there is none, with its status
 * (404 not here, 400/403 an article this embed may not create, 429 too many new discussions, with Retry-After).
 */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  try {
    const assets = { scriptUrl: versionedAssetUrl("", "/embed-frame.js", getEmbedAsset("/embed-frame.js")), styleUrl: versionedAssetUrl("", "/embed-frame.css", getEmbedAsset("/embed-frame.css")) };
    const params = await context.params;
    const siteKey = decodePathSegment(params.siteKey);
    const articleKey = decodePathSegment(params.articleKey);
    const url = new URL(request.url);
    const look = { locale: readRequestLocale(request.headers), theme: readFrameTheme(url.searchParams.get("theme")) };
    const answer =
      siteKey !== null && articleKey !== null
        ? await loadFrameThread(getDb(), { siteKey, articleKey, searchParams: url.searchParams, referer: request.headers.get("referer"), locale: look.locale })
        : FRAME_NOT_FOUND;
    if (answer.kind === "refused") {
      const { status, message, params, retryAfterSeconds } = answer.refusal;
      const headers = retryAfterSeconds === undefined ? htmlHeaders : { ...htmlHeaders, "Retry-After": String(retryAfterSeconds) };
      return new Response(renderFrameUnavailable(assets, look, message, params), { status, headers });
    }
    const { thread } = answer;
    const headers = { ...htmlHeaders, "Cache-Control": READER_PAGE_CACHE_CONTROL, Vary: "Referer, Accept-Language", [THREAD_SLUG_HEADER]: encodeURIComponent(thread.page.article.slug) };
    return new Response(renderFrameThread({ ...thread, now: new Date(), spamCheck: isSpamCheckOn(), notifications: isMailOn() }, assets, look), { status: 200, headers });
  } catch (error) {
    return errorResponse(error, request);
  }
}
