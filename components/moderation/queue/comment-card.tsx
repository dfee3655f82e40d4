"use client";

import { memo, useMemo } from "react";
import type { BanResult } from "@/lib/moderation/bans";
import type { DecisionAction } from "@/lib/moderation/queue-names";
import type { ModComment } from "@/lib/moderation/queues";
import { BanAuthorForm } from "@/components/moderation/bans/ban-author-form";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import { FillText } from "../fill-text";
import { EarlierVersions, EngagementBadges, EngagementFacts, FeatureToggle } from "./card-engagement";
import { highlightEvidence, markEvidenceInHtml } from "./evidence-highlight";
import { canToggleFeature, formatAuthorCounts, getActionLabel, getCardActions, getStatusLabel, hasOpenReports, isNewAuthor, type CommentStatus } from "./queue-decisions";
import { describeReasonMessage, getCheckName, getReasonLabelName, getReportReasonName, getVerdictName } from "@/lib/moderation/reason-names";
import { decisionKeys } from "./queue-shortcuts";

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
  /** Features the comment, or takes the feature back (an editors' pick). */
  onToggleFeature: (comment: ModComment) => void;
  onCurrent: (commentId: string) => void;
  onBanned: (email: string, result: BanResult) => void;
  /** A link to this queue filtered by an author's e-mail or IP. */
  getAuthorFilterHref: (author: string) => string;
}

function articleHref(comment: ModComment): string {
  const article = `/articles/${encodeURIComponent(comment.article.slug)}`;
  return comment.status === "approved" ? `${article}#comment-${comment.id}` : article;
}

/** The comment as readers see it (the same safe rendering), every evidence span marked with the reason that found it. */
function HighlightedBody({ comment }: { comment: ModComment }) {
  const locale = useLocale();
  const html = useMemo(() => {
    const reasons = comment.reasons.map((reason) => ({ ...reason, label: getReasonLabelName(reason.label, locale) }));
    return markEvidenceInHtml(comment.bodyHtml, highlightEvidence({ body: comment.body, authorName: comment.authorName, reasons }));
  }, [comment, locale]);
  return <div className="mq-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Why the pipeline held the comment, or flagged it while publishing it: one line per verdict. */
function Reasons({ reasons }: { reasons: ModComment["reasons"] }) {
  const t = useTranslator();
  const locale = useLocale();
  if (reasons.length === 0) return null;
  // Flags alone publish (untargeted swearing, an attack the model is unsure of): the moderator reviews them after the fact.
  const title = reasons.every((reason) => reason.action === "flag") ? t("dashboard.card.flaggedTitle") : t("dashboard.card.heldTitle");
  return (
    <div className="mq-section">
      <h3 className="mq-section-title">{title}</h3>
      <ul className="mq-reasons">
        {reasons.map((reason, index) => {
          const labelName = getReasonLabelName(reason.label, locale);
          const checkName = getCheckName(reason.check, locale);
          return (
            <li key={index}>
              <span className={`mq-chip mq-chip-${reason.action}`}>{getVerdictName(reason.action, locale)}</span> <strong className="mq-reason-label">{labelName}</strong>{" "}
              {checkName === labelName ? null : <span className="mq-muted">({checkName}) </span>}
              <span className="mq-reason-message">{describeReasonMessage(reason, locale)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Readers' reports, open ones first. */
function Reports({ reports, now }: { reports: ModComment["reports"]; now: Date }) {
  const t = useTranslator();
  const locale = useLocale();
  if (reports.length === 0) return null;
  const ordered = [...reports].sort((a, b) => Number(a.isResolved) - Number(b.isResolved));
  return (
    <div className="mq-section">
      <h3 className="mq-section-title">{t("dashboard.card.reports", { count: reports.length })}</h3>
      <ul className="mq-reports">
        {ordered.map((report) => (
          <li key={report.id} className={report.isResolved ? "mq-report-resolved" : undefined}>
            <strong>{getReportReasonName(report.reason, locale)}</strong>
            {report.note ? <span className="mq-report-note"> “{report.note}”</span> : null}{" "}
            <span className="mq-muted">
              · <RelativeTime iso={report.createdAt} now={now} locale={locale} />
            </span>
            {report.isResolved ? <span className="mq-muted"> · {t("dashboard.card.resolved")}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Who wrote it, how they have fared, and the ban form. */
function AuthorDetails({ comment, now, onBanned, getAuthorFilterHref }: Pick<CommentCardProps, "comment" | "now" | "onBanned" | "getAuthorFilterHref">) {
  const t = useTranslator();
  const locale = useLocale();
  const history = comment.authorHistory;
  return (
    <div className="mq-author" role="group" aria-label={t("dashboard.card.about", { name: comment.authorName })}>
      <dl className="mq-facts">
        <div>
          <dt>{t("dashboard.card.email")}</dt>
          <dd>
            <a href={getAuthorFilterHref(comment.authorEmail)} title={t("dashboard.card.showAuthor")}>
              {comment.authorEmail}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t("dashboard.card.ip")}</dt>
          <dd>
            {comment.ip ? (
              <a href={getAuthorFilterHref(comment.ip)} title={t("dashboard.card.showAddress")}>
                {comment.ip}
              </a>
            ) : (
              <span className="mq-muted">{t("dashboard.card.unknown")}</span>
            )}
          </dd>
        </div>
        {comment.authorUrl ? (
          <div>
            <dt>{t("dashboard.card.website")}</dt>
            <dd>
              <a href={comment.authorUrl} rel="nofollow noopener noreferrer ugc" className="mq-url">
                {comment.authorUrl}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="mq-history">
        {formatAuthorCounts(history, t)}
        <br />
        <span className="mq-muted">
          <FillText text={t("dashboard.card.firstSeen")} values={{ time: <RelativeTime iso={history.firstSeen} now={now} locale={locale} /> }} />
        </span>
      </p>
      {comment.userAgent ? (
        <details className="mq-disclosure">
          <summary>{t("dashboard.card.userAgent")}</summary>
          <code className="mq-ua">{comment.userAgent}</code>
        </details>
      ) : null}
      <details className="mq-disclosure mq-ban">
        <summary>{t("dashboard.card.banAuthor")}</summary>
        <BanAuthorForm email={comment.authorEmail} ip={comment.ip} onBanned={(result) => onBanned(comment.authorEmail, result)} />
      </details>
    </div>
  );
}

/** One comment in the queue, with everything needed to decide on it and the buttons to do so. */
export const CommentCard = memo(function CommentCard({ comment, now, isCurrent, isSelected, onToggleSelect, onDecide, onToggleFeature, onCurrent, onBanned, getAuthorFilterHref }: CommentCardProps) {
  const t = useTranslator();
  const locale = useLocale();
  const actions = getCardActions(comment);
  const isReported = hasOpenReports(comment);
  const domId = getCardDomId(comment.id);
  const className = ["mq-card", isCurrent ? "is-current" : "", isSelected ? "is-selected" : ""].filter(Boolean).join(" ");
  return (
    <article id={domId} className={className} aria-label={t("dashboard.card.label", { name: comment.authorName })} tabIndex={-1} onFocus={() => onCurrent(comment.id)}>
      <header className="mq-card-head">
        <input
          id={`${domId}-select`}
          className="mq-select"
          type="checkbox"
          checked={isSelected}
          onChange={() => onToggleSelect(comment.id)}
          aria-label={t("dashboard.card.select", { name: comment.authorName })}
        />
        <Avatar name={comment.authorName} />
        <div className="mq-card-who">
          <h2 className="mq-author-name">{comment.authorName}</h2>
          <span className={`mq-badge mq-status-${comment.status}`}>{getStatusLabel(comment.status, t)}</span>
          {isReported ? <span className="mq-badge mq-badge-reported">{t("dashboard.card.reported")}</span> : null}
          {isNewAuthor(comment.authorHistory) ? <span className="mq-badge mq-badge-new">{t("dashboard.card.newAuthor")}</span> : null}
          <EngagementBadges comment={comment} />
          <p className="mq-where">
            <FillText
              text={t("dashboard.card.postedOn")}
              values={{ time: <RelativeTime iso={comment.createdAt} now={now} locale={locale} />, article: <a href={articleHref(comment)}>{comment.article.title}</a> }}
            />
            <EngagementFacts comment={comment} now={now} />
          </p>
        </div>
      </header>
      <div className="mq-card-grid">
        <div className="mq-card-main">
          {comment.parent ? (
            <p className="mq-reply">
              <FillText text={t("dashboard.card.inReplyTo")} values={{ name: <strong>{comment.parent.authorName}</strong> }} />
              {comment.parent.status !== "approved" ? <span className="mq-muted"> ({getStatusLabel(comment.parent.status as CommentStatus, t).toLowerCase()})</span> : null}: <q>{comment.parent.excerpt}</q>
            </p>
          ) : null}
          <HighlightedBody comment={comment} />
          <EarlierVersions comment={comment} now={now} />
          <Reasons reasons={comment.reasons} />
          <Reports reports={comment.reports} now={now} />
        </div>
        <AuthorDetails comment={comment} now={now} onBanned={onBanned} getAuthorFilterHref={getAuthorFilterHref} />
      </div>
      <div className="mq-actions" role="group" aria-label={t("dashboard.card.decide", { name: comment.authorName })}>
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
            {getActionLabel(action, t)}
            <kbd className="mq-key" aria-hidden="true">
              {decisionKeys[action]}
            </kbd>
          </button>
        ))}
        {canToggleFeature(comment) ? <FeatureToggle comment={comment} onToggle={() => onToggleFeature(comment)} /> : null}
      </div>
    </article>
  );
});
