"use client";

import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ModComment } from "@/lib/moderation/queues";
import { FillText } from "../fill-text";
import { FEATURE_KEY } from "./queue-shortcuts";

/** The card's engagement badges beside its status: an editors' pick, a comment its author took back. */
export function EngagementBadges({ comment }: { comment: Pick<ModComment, "featured" | "deleted"> }) {
  const t = useTranslator();
  return (
    <>
      {comment.featured ? (
        <span className="mq-badge mq-badge-pick">
          <span aria-hidden="true">★ </span>
          {t("dashboard.engagement.card.editorsPick")}
        </span>
      ) : null}
      {comment.deleted ? <span className="mq-badge mq-badge-deleted">{t("dashboard.engagement.card.deleted")}</span> : null}
    </>
  );
}

/** What readers did with the comment and what its author did to it since: " · Edited 3 min ago · 4 respects". */
export function EngagementFacts({ comment, now }: { comment: Pick<ModComment, "editedAt" | "respects">; now: Date }) {
  const t = useTranslator();
  const locale = useLocale();
  return (
    <>
      {comment.editedAt ? (
        <>
          {" · "}
          <FillText text={t("dashboard.engagement.card.edited")} values={{ time: <RelativeTime iso={comment.editedAt} now={now} locale={locale} /> }} />
        </>
      ) : null}
      {comment.respects > 0 ? (
        <>
          {" · "}
          <span className="mq-respects">{t("dashboard.engagement.card.respects", { count: comment.respects })}</span>
        </>
      ) : null}
    </>
  );
}

/**
 * Every earlier text of the comment, oldest first, behind a disclosure. Shown
 * as plain text (React escapes it): moderators read exactly what was written,
 * and nothing a reader typed is ever markup here.
 */
export function EarlierVersions({ comment, now }: { comment: Pick<ModComment, "revisions" | "authorName">; now: Date }) {
  const t = useTranslator();
  const locale = useLocale();
  if (comment.revisions.length === 0) return null;
  return (
    <details className="mq-disclosure mq-versions">
      <summary>{t("dashboard.engagement.card.versions", { count: comment.revisions.length })}</summary>
      <ol className="mq-version-list" aria-label={t("dashboard.engagement.card.versionsLabel", { name: comment.authorName })}>
        {comment.revisions.map((revision, index) => (
          <li key={`${revision.replacedAt}-${index}`} className="mq-version">
            <p className="mq-version-time">
              <FillText
                text={t("dashboard.engagement.card.versionTime")}
                values={{ written: <RelativeTime iso={revision.writtenAt} now={now} locale={locale} />, replaced: <RelativeTime iso={revision.replacedAt} now={now} locale={locale} /> }}
              />
            </p>
            <blockquote className="mq-version-text">{revision.body}</blockquote>
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * The editors'-pick toggle. Its name stays "Feature" whether on or off (a
 * toggle that renamed itself would read "Unfeature, pressed"); aria-pressed
 * and the filled star say which.
 */
export function FeatureToggle({ comment, onToggle }: { comment: Pick<ModComment, "featured">; onToggle: () => void }) {
  const t = useTranslator();
  return (
    <button
      type="button"
      className="mq-button mq-button-feature"
      aria-pressed={comment.featured}
      aria-keyshortcuts={FEATURE_KEY}
      title={t("dashboard.engagement.card.featureTitle")}
      onClick={(event) => {
        // A double click would put the pick back at once.
        if (event.detail < 2) onToggle();
      }}
    >
      <span className="mq-star" aria-hidden="true">
        {comment.featured ? "★" : "☆"}
      </span>
      {t("dashboard.engagement.card.feature")}
      <kbd className="mq-key" aria-hidden="true">
        {FEATURE_KEY}
      </kbd>
    </button>
  );
}
