import type { ThreadComment } from "@/lib/comments/thread";
import { CommentActions } from "./comment-actions";
import { CommentList } from "./comment-list";
import { ReplyTargetProvider } from "./reply-context";

/**
 * An article's approved discussion as nested lists of comments, each with Reply (while comments are open) and Report.
 * `permalinkBase` makes permalinks point at that page, opened in the top window.
 */
export function CommentThread({
  comments,
  now,
  slug,
  commentsOpen,
  permalinkBase,
  spamCheck,
}: {
  comments: ThreadComment[];
  now: Date;
  slug: string;
  commentsOpen: boolean;
  permalinkBase?: string;
  spamCheck: boolean;
}) {
  return (
    <ReplyTargetProvider>
      <CommentList
        comments={comments}
        now={now}
        permalinkBase={permalinkBase}
        renderActions={(comment) => <CommentActions slug={slug} commentId={comment.id} authorName={comment.authorName} canReply={commentsOpen} spamCheck={spamCheck} />}
      />
    </ReplyTargetProvider>
  );
}
