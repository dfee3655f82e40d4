// The thread as static markup: the comments (comment-list.tsx) with Respect,
// Reply and Report as plain buttons that scripts answer — Respect, the
// collapse toggles and "Show N more replies" by thread-controls.ts on both
// pages; Reply and Report by the frame script (embed/frame.ts) in the framed
// thread, by StaticThread (static-thread.tsx) on the article page — finding
// their way by the data-* attributes below. On the first page, editors' picks
// come first in a section of their own. The page renders it outside React's
// tree, so its HTML is not repeated in the framework's page data. No hooks here.
import type { ThreadComment } from "@/lib/comments/thread";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import { CommentList, ReplyListItems, type RepliesHref } from "./comment-list";
import { RESPECT_ACTION } from "./thread-controls";

/** The id of the editors' picks heading (one thread per page). */
export const EDITORS_PICKS_HEADING_ID = "editors-picks-title";

/** The site's word for a respect (settings.respectLabel) when it set one, else the catalog's. */
export function getRespectLabel(respectLabel: string | null | undefined, t: Translator): string {
  return respectLabel?.trim() ? respectLabel.trim() : t("reader.engagement.respect");
}

/**
 * A comment's toggle for the reader's respect: its label and count shown, its
 * name saying whose comment it is. Never pressed here: the HTML is every
 * reader's; thread-controls.ts presses it for the reader who respected it.
 */
function RespectButton({ comment, label, locale, t }: { comment: ThreadComment; label: string; locale: Locale; t: Translator }) {
  return (
    <button
      type="button"
      className="comment-action comment-respect"
      aria-pressed="false"
      aria-label={t("reader.engagement.respectName", { label, count: comment.respects, name: comment.authorName })}
      data-action={RESPECT_ACTION}
    >
      <span className="respect-label">{label}</span> <span className="respect-count">{new Intl.NumberFormat(locale).format(comment.respects)}</span>
    </button>
  );
}

/** What a comment's actions are drawn with. */
interface ActionsLook {
  canReply: boolean;
  /** The respect button's label (getRespectLabel). */
  respectLabel: string;
  locale: Locale;
  t: Translator;
}

/**
 * Respect (not on a deleted comment), Reply (while comments are open) and
 * Report under a comment, and the status region that announces what became of
 * them. Each button's `data-action` names it for the script that answers it.
 */
export function StaticCommentActions({ comment, look }: { comment: ThreadComment; look: ActionsLook }) {
  const { canReply, respectLabel, locale, t } = look;
  return (
    <div className="comment-actions" data-comment-actions="" data-comment-id={comment.id} data-author-name={comment.authorName}>
      <div className="comment-actions-bar">
        {comment.deleted ? null : <RespectButton comment={comment} label={respectLabel} locale={locale} t={t} />}
        {canReply ? (
          <button type="button" className="comment-action" aria-label={t("reader.thread.replyTo", { name: comment.authorName })} aria-expanded="false" data-action="reply">
            {t("reader.thread.reply")}
          </button>
        ) : null}
        <button type="button" className="comment-action" aria-label={t("reader.thread.reportCommentBy", { name: comment.authorName })} aria-expanded="false" data-action="report">
          {t("reader.thread.report")}
        </button>
      </div>
      <div role="status" className="comment-actions-status" />
    </div>
  );
}

/** What the thread's markup needs besides its comments. */
export interface ThreadMarkupOptions {
  now: Date;
  canReply: boolean;
  /** Makes permalinks point at that page, opened in the top window (the framed thread's host page). */
  permalinkBase?: string | undefined;
  locale?: Locale;
  /** The site's word for a respect, or null for the catalog's. */
  respectLabel?: string | null | undefined;
  /** Where the rest of a long run of replies is fetched from. */
  repliesHref: RepliesHref;
}

function createActions({ canReply, respectLabel, locale = DEFAULT_LOCALE }: ThreadMarkupOptions) {
  const t = createTranslator(locale);
  const look: ActionsLook = { canReply, respectLabel: getRespectLabel(respectLabel, t), locale, t };
  return { t, renderActions: (comment: ThreadComment) => <StaticCommentActions comment={comment} look={look} /> };
}

/**
 * A page of the thread with its static controls, in the page's language. On
 * the first page (`isFirstPage`) the featured top-level comments, which the
 * thread puts first, are drawn in their own "Editors' picks" section, headed
 * one level below the discussion's heading (`headingLevel`).
 */
export function ThreadMarkup({ comments, isFirstPage, headingLevel, ...options }: ThreadMarkupOptions & { comments: ThreadComment[]; isFirstPage: boolean; headingLevel: 2 | 3 }) {
  const { t, renderActions } = createActions(options);
  const list = { now: options.now, permalinkBase: options.permalinkBase, locale: options.locale, repliesHref: options.repliesHref, renderActions };
  const picks = isFirstPage ? comments.filter((comment) => comment.featured) : [];
  const rest = picks.length > 0 ? comments.filter((comment) => !comment.featured) : comments;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {picks.length > 0 ? (
        <section className="editors-picks" aria-labelledby={EDITORS_PICKS_HEADING_ID}>
          <Heading id={EDITORS_PICKS_HEADING_ID} className="editors-picks-title">
            {t("reader.engagement.editorsPicks")}
          </Heading>
          <CommentList comments={picks} {...list} />
        </section>
      ) : null}
      {rest.length > 0 ? <CommentList comments={rest} {...list} /> : null}
    </>
  );
}

/** The rest of a long run of replies, as the thread would have drawn it at `depth`: what "Show N more replies" fetches. */
export function HiddenRepliesMarkup({ replies, depth, ...options }: ThreadMarkupOptions & { replies: ThreadComment[]; depth: number }) {
  const { renderActions } = createActions(options);
  return <ReplyListItems replies={replies} depth={depth} now={options.now} permalinkBase={options.permalinkBase} locale={options.locale} repliesHref={options.repliesHref} renderActions={renderActions} />;
}
