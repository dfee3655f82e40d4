"use client";

import { memo, useMemo } from "react";
import type { BanResult } from "@/lib/moderation/bans";
import type { DecisionAction } from "@/lib/moderation/queue-names";
import type { ModComment } from "@/lib/moderation/queues";
import { reportReasonLabels } from "@/lib/validation/comment-input";
import { BanAuthorForm } from "@/components/moderation/bans/ban-author-form";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import { highlightEvidence } from "./evidence-highlight";
import { actionLabels, formatAuthorCounts, getCardActions, hasOpenReports, isNewAuthor, statusLabels } from "./queue-decisions";
import { decisionKeys } from "./queue-shortcuts";

/** Report reasons as readers chose them ("Personal attack"). */
const reportLabels: Partial<Record<string, string>> = reportReasonLabels;

/** The DOM id of a card, for focus and scrolling. */
export function getCardDomId(commentId: string): string {
  return `mod-comment-${commentId}`;
}

export interface CommentCardProps {
  comment: ModComment;
  /** The time relative times count from (the server's, so both renders agree). */
  now: Date;
  /** The card j/k or focus last landed on: outlined, its keys hinted. */
  isCurrent: boolean;
  isSelected: boolean;
  onToggleSelect: (commentId: string) => void;
  onDecide: (comment: ModComment, action: DecisionAction) => void;
  onCurrent: (commentId: string) => void;
  onBanned: (email: string, result: BanResult) => void;
  /** A link to this queue filtered by an author's e-mail or IP. */
  getAuthorFilterHref: (author: string) => string;
}

function articleHref(comment: ModComment): string {
  const article = `/articles/${encodeURIComponent(comment.article.slug)}`;
  return comment.status === "approved" ? `${article}#comment-${comment.id}` : article;
}

/** The comment's text as written, every evidence span marked with the reason that found it. */
function HighlightedBody({ comment }: { comment: ModComment }) {
  const segments = useMemo(() => highlightEvidence(comment), [comment]);
  return (
    <p className="mq-text">
      {segments.map((segment, index) =>
        segment.titles.length > 0 ? (
          <mark key={index} title={segment.titles.join("; ")}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

/** Whether a check's id only restates its label ("first-time-commenter" / "first_time_commenter"). */
function isSameName(check: string, label: string): boolean {
  return check.replace(/[-_]/g, " ") === label.replace(/[-_]/g, " ");
}

/** Why the pipeline held the comment, or flagged it while publishing it: one line per verdict. */
function Reasons({ reasons }: { reasons: ModComment["reasons"] }) {
  if (reasons.length === 0) return null;
  // Flags alone publish (untargeted swearing, an attack the model is unsure of): the moderator reviews them after the fact.
  const title = reasons.every((reason) => reason.action === "flag") ? "Why it was flagged (published)" : "Why it was held";
  return (
    <section className="mq-section" aria-label={title}>
      <h3 className="mq-section-title">{title}</h3>
      <ul className="mq-reasons">
        {reasons.map((reason, index) => (
          <li key={index}>
            <span className={`mq-chip mq-chip-${reason.action}`}>{reason.action}</span> <strong className="mq-reason-label">{reason.label}</strong>{" "}
            {isSameName(reason.check, reason.label) ? null : <span className="mq-muted">({reason.check}) </span>}
            <span className="mq-reason-message">{reason.evidence?.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Readers' reports, open ones first. */
function Reports({ reports, now }: { reports: ModComment["reports"]; now: Date }) {
  if (reports.length === 0) return null;
  const ordered = [...reports].sort((a, b) => Number(a.isResolved) - Number(b.isResolved));
  return (
    <section className="mq-section" aria-label="Reports">
      <h3 className="mq-section-title">
        {reports.length === 1 ? "1 report" : `${reports.length} reports`}
      </h3>
      <ul className="mq-reports">
        {ordered.map((report) => (
          <li key={report.id} className={report.isResolved ? "mq-report-resolved" : undefined}>
            <strong>{reportLabels[report.reason] ?? report.reason}</strong>
            {report.note ? <span className="mq-report-note"> “{report.note}”</span> : null} <span className="mq-muted">· <RelativeTime iso={report.createdAt} now={now} /></span>
            {report.isResolved ? <span className="mq-muted"> · resolved</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who wrote it, how they have fared, and the ban form. */
function AuthorDetails({ comment, now, onBanned, getAuthorFilterHref }: Pick<CommentCardProps, "comment" | "now" | "onBanned" | "getAuthorFilterHref">) {
  const history = comment.authorHistory;
  return (
    <aside className="mq-author" aria-label={`About ${comment.authorName}`}>
      <dl className="mq-facts">
        <div>
          <dt>E-mail</dt>
          <dd>
            <a href={getAuthorFilterHref(comment.authorEmail)} title="Show this author's comments in this queue">
              {comment.authorEmail}
            </a>
          </dd>
        </div>
        <div>
          <dt>IP</dt>
          <dd>
            {comment.ip ? (
              <a href={getAuthorFilterHref(comment.ip)} title="Show comments from this address in this queue">
                {comment.ip}
              </a>
            ) : (
              <span className="mq-muted">unknown</span>
            )}
          </dd>
        </div>
        {comment.authorUrl ? (
          <div>
            <dt>Website</dt>
            <dd>
              <a href={comment.authorUrl} rel="nofollow noopener noreferrer ugc" className="mq-url">
                {comment.authorUrl}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="mq-history">
        {formatAuthorCounts(history)}
        <br />
        <span className="mq-muted">
          First seen <RelativeTime iso={history.firstSeen} now={now} />
        </span>
      </p>
      {comment.userAgent ? (
        <details className="mq-disclosure">
          <summary>User agent</summary>
          <code className="mq-ua">{comment.userAgent}</code>
        </details>
      ) : null}
      <details className="mq-disclosure mq-ban">
        <summary>Ban author…</summary>
        <BanAuthorForm email={comment.authorEmail} ip={comment.ip} onBanned={(result) => onBanned(comment.authorEmail, result)} />
      </details>
    </aside>
  );
}

/** One comment in the queue, with everything needed to decide on it and the buttons to do so. */
export const CommentCard = memo(function CommentCard({ comment, now, isCurrent, isSelected, onToggleSelect, onDecide, onCurrent, onBanned, getAuthorFilterHref }: CommentCardProps) {
  const actions = getCardActions(comment);
  const isReported = hasOpenReports(comment);
  const domId = getCardDomId(comment.id);
  const className = ["mq-card", isCurrent ? "is-current" : "", isSelected ? "is-selected" : ""].filter(Boolean).join(" ");
  return (
    <article id={domId} className={className} aria-label={`Comment by ${comment.authorName}`} tabIndex={-1} onFocus={() => onCurrent(comment.id)}>
      <header className="mq-card-head">
        <input
          id={`${domId}-select`}
          className="mq-select"
          type="checkbox"
          checked={isSelected}
          onChange={() => onToggleSelect(comment.id)}
          aria-label={`Select comment by ${comment.authorName}`}
        />
        <Avatar name={comment.authorName} />
        <div className="mq-card-who">
          <h2 className="mq-author-name">{comment.authorName}</h2>
          <span className={`mq-badge mq-status-${comment.status}`}>{statusLabels[comment.status]}</span>
          {isReported ? <span className="mq-badge mq-badge-reported">Reported</span> : null}
          {isNewAuthor(comment.authorHistory) ? <span className="mq-badge mq-badge-new">New author</span> : null}
          <p className="mq-where">
            <RelativeTime iso={comment.createdAt} now={now} /> on <a href={articleHref(comment)}>{comment.article.title}</a>
          </p>
        </div>
      </header>
      <div className="mq-card-grid">
        <div className="mq-card-main">
          {comment.parent ? (
            <p className="mq-reply">
              In reply to <strong>{comment.parent.authorName}</strong>
              {comment.parent.status !== "approved" ? <span className="mq-muted"> ({comment.parent.status})</span> : null}: <q>{comment.parent.excerpt}</q>
            </p>
          ) : null}
          <HighlightedBody comment={comment} />
          <Reasons reasons={comment.reasons} />
          <Reports reports={comment.reports} now={now} />
        </div>
        <AuthorDetails comment={comment} now={now} onBanned={onBanned} getAuthorFilterHref={getAuthorFilterHref} />
      </div>
      <div className="mq-actions" role="group" aria-label={`Decide on the comment by ${comment.authorName}`}>
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`mq-button mq-button-${action}`}
            aria-keyshortcuts={decisionKeys[action]}
            onClick={(event) => {
              // The next card slides under the pointer: the second click of a double click must not decide on it.
              if (event.detail < 2) onDecide(comment, action);
            }}
          >
            {actionLabels[action]}
            <kbd className="mq-key" aria-hidden="true">
              {decisionKeys[action]}
            </kbd>
          </button>
        ))}
      </div>
    </article>
  );
});
