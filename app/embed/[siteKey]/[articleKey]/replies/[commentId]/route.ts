import { renderHiddenRepliesHtml } from "@/components/comments/render-thread-html";
import { getDb } from "@/lib/db";
import { decodePathSegment, loadFrameReplies } from "@/lib/embed/frame-thread";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { readRequestLocale } from "@/lib/i18n/request-locale";
import { repliesFragmentHeaders } from "@/lib/reader-pages/replies-fragment";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ siteKey: string; articleKey: string; commentId: string }> };

/**
 * GET /embed/{siteKey}/{articleKey}/replies/{commentId}[?url=&lang=] — the rest of the long run of replies under a
 * comment in the framed thread, as the frame draws them (permalinks to the host page at `url` when it is on the
 * site), for "Show N more replies"; never creates an article. 404 (the API's error shape) for an unknown site,
 * article or comment. (Its Content-Security-Policy frame-ancestors header is set in proxy.ts, as for the frame.)
 */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  try {
    const params = await context.params;
    const siteKey = decodePathSegment(params.siteKey);
    const articleKey = decodePathSegment(params.articleKey);
    const commentId = decodePathSegment(params.commentId);
    if (siteKey === null || articleKey === null || commentId === null) throw new AppError("not_found", "api.request.nothingHere");
    const locale = readRequestLocale(request.headers);
    const replies = await loadFrameReplies(getDb(), { siteKey, articleKey, commentId, searchParams: new URL(request.url).searchParams, locale });
    const html = renderHiddenRepliesHtml({
      replies: replies.replies,
      depth: replies.depth,
      now: new Date(),
      canReply: replies.commentsOpen,
      permalinkBase: replies.permalinkBase,
      locale,
      respectLabel: replies.respectLabel,
      repliesHref: replies.repliesHref,
    });
    return new Response(html, { status: 200, headers: repliesFragmentHeaders(replies.slug) });
  } catch (error) {
    return errorResponse(error, request);
  }
}
