// The thread's markup, shared by the article page and the framed thread, both
// of which render it to static HTML (thread-markup.tsx) with a small script
// behind its buttons (thread-controls.ts answers the collapse toggles and the
// "Show N more replies" buttons drawn here). No hooks and no client code here.
import { countComments, listCommentIds, splitReplyRun } from "@/lib/comments/reply-runs";
import type { ThreadComment } from "@/lib/comments/thread";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatRelativeTime } from "@/lib/format/relative-time";
import type { ReactNode } from "react";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import { MORE_REPLIES_ATTRIBUTE, REPLIES_TOGGLE_ATTRIBUTE } from "./thread-controls";

/** Replies are indented up to this depth; deeper ones are listed flat with "in reply to". */
export const MAX_REPLY_DEPTH = 5;

/** Where the rest of a long run of replies under a comment is fetched from (an HTML fragment of this markup). */
export type RepliesHref = (commentId: string) => string;

/** What each comment is drawn with: the time it is measured from, where its permalink points, its controls, and where cut runs of replies are fetched from. */
interface ThreadContext {
  now: Date;
  permalinkBase: string | undefined;
  renderActions: (comment: ThreadComment) => ReactNode;
  /** Absent: every reply is drawn, however long the run. */
  repliesHref: RepliesHref | undefined;
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
          {comment.featured ? <span className="comment-badge comment-badge-pick">{context.t("reader.engagement.editorsPick")}</span> : null}
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

/** Collapses and expands a comment's replies (thread-controls.ts); collapsed, it says how many it hides. */
function RepliesToggle({ comment, listId, context }: { comment: ThreadComment; listId: string; context: ThreadContext }) {
  return (
    <button
      type="button"
      className="replies-toggle"
      {...{ [REPLIES_TOGGLE_ATTRIBUTE]: "" }}
      aria-expanded="true"
      aria-controls={listId}
      aria-label={context.t("reader.engagement.hideRepliesTo", { name: comment.authorName })}
      data-reply-count={countComments(comment.replies)}
      data-author-name={comment.authorName}
    >
      <span className="replies-toggle-label">{context.t("reader.engagement.hideReplies")}</span>
    </button>
  );
}

/** Stands for the replies a long run leaves out: fetched from `href` when asked for (thread-controls.ts), which ids it holds said for permalinks to them. */
function MoreReplies({ comment, hidden, href, context }: { comment: ThreadComment; hidden: ThreadComment[]; href: string; context: ThreadContext }) {
  const count = countComments(hidden);
  return (
    <li className="comment-more-replies">
      <button
        type="button"
        className="more-replies"
        {...{ [MORE_REPLIES_ATTRIBUTE]: "" }}
        data-href={href}
        data-hidden-ids={listCommentIds(hidden).join(" ")}
        aria-label={context.t("reader.engagement.moreRepliesTo", { count, name: comment.authorName })}
      >
        {context.t("reader.engagement.moreReplies", { count })}
      </button>
      <p role="status" className="more-replies-status" />
    </li>
  );
}

function CommentItem({ comment, depth, context }: { comment: ThreadComment; depth: number; context: ThreadContext }) {
  if (depth < MAX_REPLY_DEPTH) {
    const listId = `replies-${comment.id}`;
    const run = context.repliesHref ? splitReplyRun(comment.replies) : { shown: comment.replies, hidden: [] };
    return (
      <li id={`comment-${comment.id}`} className="comment-item">
        <CommentBody comment={comment} context={context} />
        {comment.replies.length > 0 ? (
          <>
            <RepliesToggle comment={comment} listId={listId} context={context} />
            <ol id={listId} className="comment-replies" aria-label={context.t("reader.thread.repliesTo", { name: comment.authorName })}>
              {run.shown.map((reply) => (
                <CommentItem key={reply.id} comment={reply} depth={depth + 1} context={context} />
              ))}
              {run.hidden.length > 0 && context.repliesHref ? <MoreReplies comment={comment} hidden={run.hidden} href={context.repliesHref(comment.id)} context={context} /> : null}
            </ol>
          </>
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

/** What every list of the thread is drawn with. */
export interface CommentListOptions {
  now: Date;
  permalinkBase?: string | undefined;
  renderActions: (comment: ThreadComment) => ReactNode;
  /** Where cut runs of replies are fetched from; without it every reply is drawn. */
  repliesHref?: RepliesHref | undefined;
  locale?: Locale;
}

function createContext({ now, permalinkBase, renderActions, repliesHref, locale = DEFAULT_LOCALE }: CommentListOptions): ThreadContext {
  return { now, permalinkBase, renderActions, repliesHref, locale, t: createTranslator(locale) };
}

/** Nested lists of comments in the page's language; `renderActions` draws each comment's controls. */
export function CommentList({ comments, ...options }: CommentListOptions & { comments: ThreadComment[] }) {
  const context = createContext(options);
  return (
    <ol className="comment-thread">
      {comments.map((comment) => (
        <CommentItem key={comment.id} comment={comment} depth={0} context={context} />
      ))}
    </ol>
  );
}

/** Replies at `depth` drawn as the thread draws them there, in a list of their own: the rest of a run, fetched into the page where the run was cut. */
export function ReplyListItems({ replies, depth, ...options }: CommentListOptions & { replies: ThreadComment[]; depth: number }) {
  const context = createContext(options);
  return (
    <ol className="comment-replies">
      {replies.map((reply) => (
        <CommentItem key={reply.id} comment={reply} depth={depth} context={context} />
      ))}
    </ol>
  );
}
