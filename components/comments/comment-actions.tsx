"use client";

import { useRef, useState } from "react";
import { CommentForm } from "./comment-form";
import { PostedNotice, type PostedSummary } from "./posted-notice";
import { ReportForm } from "./report-form";
import { useReplyTarget } from "./reply-context";

export interface CommentActionsProps {
  /** The article, for the reply's draft and endpoint. */
  slug: string;
  commentId: string;
  /** Names the comment in button and form labels. */
  authorName: string;
  /** False when the article's comments are closed: no Reply button. */
  canReply: boolean;
  /** Whether comments are sent to Akismet (the reply form says so). */
  spamCheck: boolean;
}

/** "Reply" and "Report" under a comment, and the form each opens in place. */
export function CommentActions({ slug, commentId, authorName, canReply, spamCheck }: CommentActionsProps) {
  const { activeReplyId, setActiveReplyId } = useReplyTarget();
  const [isReporting, setIsReporting] = useState(false);
  const [reportOutcome, setReportOutcome] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedSummary | null>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const reportButton = useRef<HTMLButtonElement>(null);
  const isReplying = canReply && activeReplyId === commentId;

  const closeReply = () => {
    setActiveReplyId(null);
    replyButton.current?.focus();
  };
  const closeReport = () => {
    setIsReporting(false);
    reportButton.current?.focus();
  };

  return (
    <div className="comment-actions">
      <div className="comment-actions-bar">
        {canReply ? (
          <button
            ref={replyButton}
            type="button"
            className="comment-action"
            aria-label={`Reply to ${authorName}`}
            aria-expanded={isReplying}
            onClick={() => {
              setPosted(null);
              setActiveReplyId(isReplying ? null : commentId);
            }}
          >
            Reply
          </button>
        ) : null}
        {reportOutcome === null ? (
          <button
            ref={reportButton}
            type="button"
            className="comment-action"
            aria-label={`Report comment by ${authorName}`}
            aria-expanded={isReporting}
            onClick={() => setIsReporting(!isReporting)}
          >
            Report
          </button>
        ) : null}
      </div>
      <div role="status" className="comment-actions-status">
        {reportOutcome ? <p className="report-outcome">{reportOutcome}</p> : null}
        {posted ? <PostedNotice posted={posted} /> : null}
      </div>
      {isReporting ? (
        <ReportForm
          commentId={commentId}
          authorName={authorName}
          onCancel={closeReport}
          onReported={(message) => {
            setIsReporting(false);
            setReportOutcome(message);
          }}
        />
      ) : null}
      {isReplying ? (
        <CommentForm
          slug={slug}
          parentId={commentId}
          replyToName={authorName}
          autoFocus
          spamCheck={spamCheck}
          onCancel={closeReply}
          onPosted={(summary) => {
            setActiveReplyId(null);
            setPosted(summary);
          }}
        />
      ) : null}
    </div>
  );
}
