import { Avatar } from "@/components/ui/avatar";
import type { PostedComment } from "./comments-api";
import { APPROVED_TITLE, PENDING_TITLE } from "./reader-messages";

/** A comment this browser has just posted: what the server said and what the reader wrote. */
export interface PostedSummary extends PostedComment {
  body: string;
  authorName: string;
}


/** Tells the author what became of their comment; a held one is previewed here only (nobody else sees it yet). */
export function PostedNotice({ posted }: { posted: PostedSummary }) {
  const message = posted.message.trim();
  if (posted.status === "approved") {
    return (
      <div className="posted-notice posted-notice-approved">
        <p className="posted-notice-title">
          {message || APPROVED_TITLE} <a href={`#comment-${posted.id}`}>See it in the discussion</a>
        </p>
      </div>
    );
  }
  const title = PENDING_TITLE;
  const extra = message !== "" && message !== title ? message : null;
  return (
    <div className="posted-notice posted-notice-pending">
      <p className="posted-notice-title">{title}</p>
      {extra ? <p className="posted-notice-message">{extra}</p> : null}
      <article className="comment posted-preview" aria-label="Your comment, awaiting moderation">
        <Avatar name={posted.authorName} />
        <div className="comment-main">
          <p className="comment-meta">
            <span className="comment-author">{posted.authorName}</span>
            <span className="posted-badge">Only you can see this until a moderator approves it</span>
          </p>
          <p className="posted-preview-body">{posted.body}</p>
        </div>
      </article>
    </div>
  );
}
