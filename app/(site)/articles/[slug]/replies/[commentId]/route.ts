import { renderHiddenRepliesHtml } from "@/components/comments/render-thread-html";
import { getHiddenReplies } from "@/lib/comments/hidden-replies";
import { getDb } from "@/lib/db";
import { decodePathSegment } from "@/lib/embed/frame-thread";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { readRequestLocale } from "@/lib/i18n/request-locale";
import { articleRepliesHref, repliesFragmentHeaders } from "@/lib/reader-pages/replies-fragment";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ slug: string; commentId: string }> };

/**
 * GET /articles/{slug}/replies/{commentId}[?lang=] — the rest of the long run of replies under a comment, as
 * the article page's thread draws them (an HTML `<ol>` whose items "Show N more replies" puts in the page), in
 * the request's language; 404 (the API's error shape) for a comment that is not a visible part of the article's thread.
 */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  try {
    const params = await context.params;
    const slug = decodePathSegment(params.slug);
    const commentId = decodePathSegment(params.commentId);
    if (slug === null || commentId === null) throw new AppError("not_found", "api.request.nothingHere");
    const locale = readRequestLocale(request.headers);
    const hidden = await getHiddenReplies(getDb(), slug, commentId);
    const html = renderHiddenRepliesHtml({
      replies: hidden.replies,
      depth: hidden.depth,
      now: new Date(),
      canReply: hidden.commentsOpen,
      locale,
      respectLabel: hidden.respectLabel,
      repliesHref: (id) => articleRepliesHref(slug, id, locale),
    });
    return new Response(html, { status: 200, headers: repliesFragmentHeaders(slug) });
  } catch (error) {
    return errorResponse(error, request);
  }
}
