// The thread as static markup: the comments (comment-list.tsx) with Reply and
// Report as plain buttons that a script answers — the frame script
// (embed/frame.ts) in the framed thread, StaticThread (static-thread.tsx) on
// the article page — finding its way by the data-* attributes below. The
// page renders it outside React's tree, so its HTML is not repeated in the
// framework's page data. No hooks here.
import type { ThreadComment } from "@/lib/comments/thread";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import { CommentList } from "./comment-list";

/** Reply (while comments are open) and Report under a comment, and the status region that announces what became of them. */
export function StaticCommentActions({ comment, canReply, t = createTranslator(DEFAULT_LOCALE) }: { comment: ThreadComment; canReply: boolean; t?: Translator }) {
  return (
    <div className="comment-actions" data-comment-actions="" data-comment-id={comment.id} data-author-name={comment.authorName}>
      <div className="comment-actions-bar">
        {canReply ? (
          <button type="button" className="comment-action" aria-label={t("reader.thread.replyTo", { name: comment.authorName })} aria-expanded="false" data-action="reply">
            {t("reader.thread.reply")}
          </button>
        ) : null}
        <button type="button" className="comment-action" aria-label={t("reader.thread.reportCommentBy", { name: comment.authorName })} aria-expanded="false" data-action="report">
          {t("reader.thread.report")}
        </button>
      </div>
      <div role="status" className="comment-actions-status" />
    </div>
  );
}

/** A page of the thread with static Reply and Report buttons, in the page's language. `permalinkBase` makes permalinks point at that page, opened in the top window. */
export function ThreadMarkup({ comments, now, canReply, permalinkBase, locale = DEFAULT_LOCALE }: { comments: ThreadComment[]; now: Date; canReply: boolean; permalinkBase?: string | undefined; locale?: Locale }) {
  const t = createTranslator(locale);
  return <CommentList comments={comments} now={now} permalinkBase={permalinkBase} locale={locale} renderActions={(comment) => <StaticCommentActions comment={comment} canReply={canReply} t={t} />} />;
}
