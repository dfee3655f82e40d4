// The thread's markup, shared by the article page and the framed thread, both
// of which render it to static HTML (thread-markup.tsx) with a small script
// behind its buttons. No hooks and no client code here.
import type { ThreadComment } from "@/lib/comments/thread";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatRelativeTime } from "@/lib/format/relative-time";
import type { ReactNode } from "react";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";

/** Replies are indented up to this depth; deeper ones are listed flat with "in reply to". */
export const MAX_REPLY_DEPTH = 5;

/** What each comment is drawn with: the time it is measured from, where its permalink points, and its Reply and Report controls. */
interface ThreadContext {
  now: Date;
  permalinkBase: string | undefined;
  renderActions: (comment: ThreadComment) => ReactNode;
  locale: Locale;
  t: Translator;
}

interface FlatReply {
  comment: ThreadComment;
  replyTo: ThreadComment;
}

/** Collects every descendant of a comment in reading order, each with the comment it answers. */
function flattenReplies(parent: ThreadComment): FlatReply[] {
  return parent.replies.flatMap((reply) => [{ comment: reply, replyTo: parent }, ...flattenReplies(reply)]);
}

function CommentBody({ comment, context, replyTo }: { comment: ThreadComment; context: ThreadContext; replyTo?: ThreadComment | undefined }) {
  const authorLabel = comment.authorUrl ? (
    <a className="comment-author" href={comment.authorUrl} rel="nofollow ugc noopener">
      {comment.authorName}
    </a>
  ) : (
    <span className="comment-author">{comment.authorName}</span>
  );
  return (
    <article className="comment" aria-label={context.t("reader.thread.commentBy", { name: comment.authorName })}>
      <Avatar name={comment.authorName} />
      <div className="comment-main">
        <header className="comment-meta">
          {authorLabel}
          <a
            className="comment-permalink"
            href={`${context.permalinkBase ?? ""}#comment-${comment.id}`}
            target={context.permalinkBase ? "_top" : undefined}
            // Named by its visible time first (what voice users say), then whose comment it leads to.
            aria-label={`${formatRelativeTime(new Date(comment.createdAt), context.now, context.locale)}${context.t("reader.thread.permalinkTo", { name: comment.authorName })}`}
          >
            <RelativeTime iso={comment.createdAt} now={context.now} locale={context.locale} />
          </a>
          {comment.editedAt ? <span className="comment-edited">{context.t("reader.thread.edited")}</span> : null}
          {replyTo ? (
            <a className="comment-reply-to" href={`#comment-${replyTo.id}`}>
              {context.t("reader.thread.inReplyTo", { name: replyTo.authorName })}
            </a>
          ) : null}
        </header>
        <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
        {context.renderActions(comment)}
      </div>
    </article>
  );
}

function CommentItem({ comment, depth, context }: { comment: ThreadComment; depth: number; context: ThreadContext }) {
  if (depth < MAX_REPLY_DEPTH) {
    return (
      <li id={`comment-${comment.id}`} className="comment-item">
        <CommentBody comment={comment} context={context} />
        {comment.replies.length > 0 ? (
          <ol className="comment-replies" aria-label={context.t("reader.thread.repliesTo", { name: comment.authorName })}>
            {comment.replies.map((reply) => (
              <CommentItem key={reply.id} comment={reply} depth={depth + 1} context={context} />
            ))}
          </ol>
        ) : null}
      </li>
    );
  }
  // At the cap the indentation stops: deeper replies follow in reading order, each naming whom it answers.
  return (
    <>
      <li id={`comment-${comment.id}`} className="comment-item">
        <CommentBody comment={comment} context={context} />
      </li>
      {flattenReplies(comment).map(({ comment: reply, replyTo }) => (
        <li key={reply.id} id={`comment-${reply.id}`} className="comment-item comment-item-flat">
          <CommentBody comment={reply} context={context} replyTo={replyTo} />
        </li>
      ))}
    </>
  );
}

/** Nested lists of comments in the page's language; `renderActions` draws each comment's Reply and Report. */
export function CommentList({
  comments,
  now,
  permalinkBase,
  renderActions,
  locale = DEFAULT_LOCALE,
}: {
  comments: ThreadComment[];
  now: Date;
  permalinkBase?: string | undefined;
  renderActions: (comment: ThreadComment) => ReactNode;
  locale?: Locale;
}) {
  const context: ThreadContext = { now, permalinkBase, renderActions, locale, t: createTranslator(locale) };
  return (
    <ol className="comment-thread">
      {comments.map((comment) => (
        <CommentItem key={comment.id} comment={comment} depth={0} context={context} />
      ))}
    </ol>
  );
}
