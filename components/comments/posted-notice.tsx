import { Avatar } from "@/components/ui/avatar";
import type { PostedComment } from "./comments-api";
import { APPROVED_TITLE, PENDING_BADGE, PENDING_TITLE } from "./reader-messages";

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
      <PendingPreview authorName={posted.authorName} body={posted.body} />
    </div>
  );
}

/** One's own held comment as only its author sees it. */
export function PendingPreview({ authorName, body }: { authorName: string; body: string }) {
  return (
    <article className="comment posted-preview" aria-label="Your comment, awaiting moderation">
      <Avatar name={authorName} />
      <div className="comment-main">
        <p className="comment-meta">
          <span className="comment-author">{authorName}</span>
          <span className="posted-badge">{PENDING_BADGE}</span>
        </p>
        <p className="posted-preview-body">{body}</p>
      </div>
    </article>
  );
}
