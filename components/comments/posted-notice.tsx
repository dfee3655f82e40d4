import { Avatar } from "@/components/ui/avatar";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { createTranslator, translate } from "@/lib/i18n/translate";
import type { PostedComment } from "./comments-api";
import { APPROVED_TITLE_KEY, PENDING_BADGE_KEY, PENDING_TITLE_KEY } from "./reader-messages";

/** A comment this browser has just posted: what the server said and what the reader wrote. */
export interface PostedSummary extends PostedComment {
  body: string;
  authorName: string;
}

/**
 * Tells the author what became of their comment; a held one is previewed here
 * only (nobody else sees it yet). It takes focus after posting (tabIndex -1),
 * so keyboard and screen-reader users land on it.
 */
export function PostedNotice({ posted, locale = DEFAULT_LOCALE }: { posted: PostedSummary; locale?: Locale }) {
  const t = createTranslator(locale);
  const message = translate(locale, posted.message.trim());
  if (posted.status === "approved") {
    return (
      <div className="posted-notice posted-notice-approved" tabIndex={-1}>
        <p className="posted-notice-title">
          {message || t(APPROVED_TITLE_KEY)} <a href={`#comment-${posted.id}`}>{t("reader.posted.seeIt")}</a>
        </p>
      </div>
    );
  }
  const title = t(PENDING_TITLE_KEY);
  const extra = message !== "" && message !== title ? message : null;
  return (
    <div className="posted-notice posted-notice-pending" tabIndex={-1}>
      <p className="posted-notice-title">{title}</p>
      {extra ? <p className="posted-notice-message">{extra}</p> : null}
      <PendingPreview authorName={posted.authorName} body={posted.body} locale={locale} />
    </div>
  );
}

/** One's own held comment as only its author sees it. */
export function PendingPreview({ authorName, body, locale = DEFAULT_LOCALE }: { authorName: string; body: string; locale?: Locale }) {
  const t = createTranslator(locale);
  return (
    <article className="comment posted-preview" aria-label={t("reader.posted.preview")}>
      <Avatar name={authorName} />
      <div className="comment-main">
        <p className="comment-meta">
          <span className="comment-author">{authorName}</span>
          <span className="posted-badge">{t(PENDING_BADGE_KEY)}</span>
        </p>
        <p className="posted-preview-body">{body}</p>
      </div>
    </article>
  );
}
