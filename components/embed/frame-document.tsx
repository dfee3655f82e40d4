// The framed thread as one static HTML document: the article page's thread
// markup and the same form, rendered on the server without React on the
// client. What a reader does in it (posting, replying, reporting, drafts,
// sizing the frame) is the frame script's job (embed/frame.ts), which finds
// its way by the data-* attributes below. No hooks here: this renders to
// static markup in a route handler.
import type { ReactNode } from "react";
import { ThreadMarkup } from "@/components/comments/thread-markup";
import { BodyHint, CommentFormNotes, HoneypotField, NotificationChoices, RequiredLegend, RequiredMark } from "@/components/comments/comment-form-parts";
import type { ThreadPage } from "@/lib/comments/thread";
import { DISCUSSION_POLICY } from "@/lib/content/policy";
import { COMMENT_LIMITS, REPORT_NOTE_MAX, reportReasonLabels, reportReasons } from "@/lib/validation/comment-limits";

/** The id prefix of the top-level form; the frame script gives each reply form its own. */
export const TOP_FORM_PREFIX = "comment";
/** The id prefix of the report form's template. */
export const REPORT_FORM_PREFIX = "report";

/** The frame script and style sheet, by their versioned addresses. */
export interface FrameAssets {
  scriptUrl: string;
  styleUrl: string;
}

/** Everything the framed thread shows. */
export interface FrameThreadProps {
  page: ThreadPage;
  now: Date;
  /** Where permalinks point: the host page (opened in the top window). */
  permalinkBase: string;
  /** The embedding page's origin as checked by the server; the frame's size reports go only there. */
  parentOrigin: string | null;
  /** The sort toggle and the next page, as frame addresses. */
  sortLink: { label: string; href: string } | null;
  moreHref: string | null;
  /** Whether comments are sent to Akismet: the form then says so. */
  spamCheck: boolean;
  /** Whether the site sends mail: the form then offers notifications. */
  notifications: boolean;
}

function FrameDocument({ assets, children }: { assets: FrameAssets; children: ReactNode }) {
  return (
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- a whole document rendered to static HTML by a route handler, not a Next.js page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>Comments</title>
        <link rel="stylesheet" href={assets.styleUrl} />
        <script src={assets.scriptUrl} defer />
      </head>
      <body>{children}</body>
    </html>
  );
}

/** The comment form (top level; the script clones it for replies). Field names are the API's. */
// The captcha is fetched by the frame script: a single-use token is one reader's, and the page is every reader's (and cached).
function FrameCommentForm({ spamCheck, notifications }: { spamCheck: boolean; notifications: boolean }) {
  const id = (name: string) => `${TOP_FORM_PREFIX}-${name}`;
  return (
    <div className="comment-form-wrap" data-comment-form-wrap="">
      <div role="status" className="comment-form-status" />
      <form className="comment-form" noValidate aria-label="Post a comment" data-comment-form="" data-id-prefix={TOP_FORM_PREFIX}>
        <RequiredLegend />
        <div className="field">
          <label className="field-label" htmlFor={id("body")}>
            Comment <RequiredMark />
          </label>
          <textarea id={id("body")} name="body" rows={7} aria-required="true" maxLength={COMMENT_LIMITS.bodyMax} aria-describedby={id("body-hint")} />
          <BodyHint id={id("body-hint")} />
        </div>
        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor={id("authorName")}>
              Name <RequiredMark />
            </label>
            <input id={id("authorName")} name="authorName" type="text" autoComplete="name" maxLength={COMMENT_LIMITS.nameMax} aria-required="true" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={id("authorEmail")}>
              E-mail <RequiredMark />
            </label>
            <input id={id("authorEmail")} name="authorEmail" type="email" autoComplete="email" inputMode="email" maxLength={COMMENT_LIMITS.emailMax} aria-required="true" aria-describedby={id("authorEmail-hint")} />
            <p id={id("authorEmail-hint")} className="field-hint">
              Never shown publicly.
            </p>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={id("authorUrl")}>
            Website
          </label>
          <input id={id("authorUrl")} name="authorUrl" type="url" autoComplete="url" inputMode="url" placeholder="https://" maxLength={COMMENT_LIMITS.urlMax} aria-describedby={id("authorUrl-hint")} />
          <p id={id("authorUrl-hint")} className="field-hint">
            Optional. Your name links to it.
          </p>
        </div>
        <div className="field field-captcha">
          <span className="field-label" aria-hidden="true">
            Anti-spam question <RequiredMark />
          </span>
          <div className="captcha">
            <span aria-hidden="true" data-captcha-before="" />
            <input
              id={id("captchaAnswer")}
              name="captchaAnswer"
              className="captcha-input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              size={3}
              maxLength={4}
              aria-label="Anti-spam question (loading)"
              aria-required="true"
              readOnly
            />
            <span className="captcha-rest" aria-hidden="true" data-captcha-after="" />
            <span className="captcha-status" data-captcha-status="">
              Loading the question…
            </span>
            <button type="button" className="link-button" data-captcha-retry="" hidden>
              New question
            </button>
          </div>
          <input type="hidden" name="captchaToken" value="" />
        </div>
        {notifications ? <NotificationChoices idPrefix={TOP_FORM_PREFIX} /> : null}
        <HoneypotField id={id("website")} />
        <div className="comment-form-actions">
          <button type="submit" className="button button-primary" data-submit-label="Post comment">
            Post comment
          </button>
          <button type="button" className="button" data-cancel-reply="" hidden>
            Cancel reply
          </button>
        </div>
        <CommentFormNotes spamCheck={spamCheck} />
      </form>
    </div>
  );
}

/** The report form, cloned by the script under the comment being reported. */
function FrameReportTemplate() {
  const id = (name: string) => `${REPORT_FORM_PREFIX}-${name}`;
  return (
    <template data-report-template="">
      <form className="report-form" noValidate data-report-form="" data-id-prefix={REPORT_FORM_PREFIX}>
        <fieldset className="report-reasons">
          <legend className="field-label">Why should a moderator look at this comment?</legend>
          {reportReasons.map((reason) => (
            <label key={reason} className="choice">
              <input type="radio" name="reason" value={reason} />
              {reportReasonLabels[reason]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={id("note")}>
            Note for the moderators (optional)
          </label>
          <textarea id={id("note")} name="note" rows={3} maxLength={REPORT_NOTE_MAX} />
        </div>
        <div className="comment-form-actions">
          <button type="submit" className="button button-primary">
            Send report
          </button>
          <button type="button" className="button" data-cancel-report="">
            Cancel
          </button>
        </div>
      </form>
    </template>
  );
}

/** The framed thread's page. */
export function FrameThreadDocument({ assets, ...props }: FrameThreadProps & { assets: FrameAssets }) {
  const { page, now, permalinkBase, parentOrigin, sortLink, moreHref, spamCheck, notifications } = props;
  const { article } = page;
  const count = article.commentCount;
  return (
    <FrameDocument assets={assets}>
      <div className="embed-frame" data-slug={article.slug} data-comment-count={count} data-parent-origin={parentOrigin ?? ""}>
        <section className="discussion embed-discussion" aria-labelledby="discussion-title">
          <div className="discussion-head">
            <h2 id="discussion-title">{count === 0 ? "Discussion" : count === 1 ? "1 comment" : `${count} comments`}</h2>
            {sortLink ? (
              <a className="discussion-sort" href={sortLink.href}>
                {sortLink.label}
              </a>
            ) : null}
          </div>
          {/* The reader's own held comments, from their browser (the frame script fills it). */}
          <div data-own-pending="" />
          {page.comments.length === 0 ? (
            <p className="discussion-empty">There are no comments so far.</p>
          ) : (
            <ThreadMarkup comments={page.comments} now={now} canReply={article.commentsOpen} permalinkBase={permalinkBase} />
          )}
          {moreHref ? (
            <p className="discussion-more">
              <a href={moreHref}>Show more comments</a>
            </p>
          ) : null}
          <div className="join">
            <h2>Join the discussion!</h2>
            <p className="policy">{DISCUSSION_POLICY}</p>
            <p className="policy-link">
              Read the full{" "}
              <a href="/guidelines" target="_blank">
                community guidelines
              </a>
              .
            </p>
            {article.commentsOpen ? <FrameCommentForm spamCheck={spamCheck} notifications={notifications} /> : <p className="comments-closed">Comments are closed for this article.</p>}
          </div>
        </section>
        <FrameReportTemplate />
      </div>
    </FrameDocument>
  );
}

/** Shown in the frame for an unknown site, or an article that cannot be created from the embedding page (with the reason). */
export function FrameUnavailableDocument({ assets, message }: { assets: FrameAssets; message?: string | undefined }) {
  return (
    <FrameDocument assets={assets}>
      <div className="embed-frame">
        <p className="embed-unavailable">{message ?? "This discussion is not available."}</p>
      </div>
    </FrameDocument>
  );
}
