// The framed thread as one static HTML document: the article page's thread
// markup and the same form, rendered on the server without React on the
// client, in the request's language. What a reader does in it (posting,
// replying, reporting, drafts, sizing the frame) is the frame script's job
// (embed/frame.ts), which finds its way by the data-* attributes below and
// takes its own words from the settings blob (#frame-settings). No hooks here:
// this renders to static markup in a route handler.
import type { ReactNode } from "react";
import { BodyHint, CommentFormNotes, HoneypotField, NotificationChoices, RequiredLegend, RequiredMark } from "@/components/comments/comment-form-parts";
import { SortControl } from "@/components/comments/sort-control";
import { ThreadMarkup } from "@/components/comments/thread-markup";
import { withLink } from "@/components/comments/with-link";
import type { ThreadPage } from "@/lib/comments/thread";
import { getDiscussionPolicy } from "@/lib/content/policy";
import { buildFrameScriptMessages } from "@/lib/embed/frame-script-messages";
import type { FrameTheme, FrameThread } from "@/lib/embed/frame-thread";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator, translate, type MessageParams, type Translator } from "@/lib/i18n/translate";
import { COMMENT_LIMITS, REPORT_NOTE_MAX, reportReasonLabels, reportReasons } from "@/lib/validation/comment-limits";

/** The id prefix of the top-level form; the frame script gives each reply form its own. */
export const TOP_FORM_PREFIX = "comment";
/** The id prefix of the report form's template. */
export const REPORT_FORM_PREFIX = "report";
/** The id of the JSON blob that gives the frame script its language and words. */
export const FRAME_SETTINGS_ID = "frame-settings";

/** The frame script and style sheet, by their versioned addresses. */
export interface FrameAssets {
  scriptUrl: string;
  styleUrl: string;
}

/** How the frame looks and speaks: its language, its colour scheme, and the site's own style sheet if it has one. */
export interface FrameLook {
  locale: Locale;
  theme: FrameTheme;
  themeStylesheetUrl?: string | null | undefined;
}

/** Everything the framed thread shows. */
export interface FrameThreadProps {
  page: ThreadPage;
  now: Date;
  /** Where permalinks point: the host page (opened in the top window). */
  permalinkBase: string;
  /** The embedding page's origin as checked by the server; the frame's size reports go only there. */
  parentOrigin: string | null;
  /** The order shown, each order's frame address (null: nothing to order) and the next page's. */
  sort: FrameThread["sort"];
  sortLinks: FrameThread["sortLinks"];
  moreHref: string | null;
  /** Whether editors' picks get their own section (the first page). */
  isFirstPage: boolean;
  /** The site's word for a respect, or null for the catalog's. */
  respectLabel: string | null;
  /** Where the rest of a long run of replies is fetched from. */
  repliesHref: FrameThread["repliesHref"];
  /** Whether comments are sent to Akismet: the form then says so. */
  spamCheck: boolean;
  /** Whether the site sends mail: the form then offers notifications. */
  notifications: boolean;
  /** The site's own style sheet (linked after the frame's), or null. */
  themeStylesheetUrl: string | null;
}

/** The settings blob as JSON safe inside a script element (no `</script>` can close it early). */
function renderSettings(locale: Locale): string {
  return JSON.stringify({ locale, messages: buildFrameScriptMessages(locale) }).replace(/</g, "\\u003c");
}

function FrameDocument({ assets, look, t, children }: { assets: FrameAssets; look: FrameLook; t: Translator; children: ReactNode }) {
  return (
    <html lang={look.locale} data-theme={look.theme}>
      {/* eslint-disable-next-line @next/next/no-head-element -- a whole document rendered to static HTML by a route handler, not a Next.js page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="color-scheme" content={look.theme === "auto" ? "light dark" : look.theme} />
        <title>{t("frame.documentTitle")}</title>
        <link rel="stylesheet" href={assets.styleUrl} />
        {look.themeStylesheetUrl ? <link rel="stylesheet" href={look.themeStylesheetUrl} /> : null}
        <script type="application/json" id={FRAME_SETTINGS_ID} dangerouslySetInnerHTML={{ __html: renderSettings(look.locale) }} />
        <script src={assets.scriptUrl} defer />
      </head>
      <body>{children}</body>
    </html>
  );
}

/** The comment form (top level; the script clones it for replies). Field names are the API's. */
// The captcha is fetched by the frame script: a single-use token is one reader's, and the page is every reader's (and cached).
function FrameCommentForm({ spamCheck, notifications, locale, t }: { spamCheck: boolean; notifications: boolean; locale: Locale; t: Translator }) {
  const id = (name: string) => `${TOP_FORM_PREFIX}-${name}`;
  return (
    <div className="comment-form-wrap" data-comment-form-wrap="">
      <div role="status" className="comment-form-status" />
      <form className="comment-form" noValidate aria-label={t("form.postComment")} data-comment-form="" data-id-prefix={TOP_FORM_PREFIX}>
        <RequiredLegend locale={locale} />
        <div className="field">
          <label className="field-label" htmlFor={id("body")}>
            {t("form.comment")} <RequiredMark />
          </label>
          <textarea id={id("body")} name="body" rows={7} aria-required="true" maxLength={COMMENT_LIMITS.bodyMax} aria-describedby={id("body-hint")} />
          <BodyHint id={id("body-hint")} locale={locale} />
        </div>
        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor={id("authorName")}>
              {t("form.name")} <RequiredMark />
            </label>
            <input id={id("authorName")} name="authorName" type="text" autoComplete="name" maxLength={COMMENT_LIMITS.nameMax} aria-required="true" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={id("authorEmail")}>
              {t("form.email")} <RequiredMark />
            </label>
            <input id={id("authorEmail")} name="authorEmail" type="email" autoComplete="email" inputMode="email" maxLength={COMMENT_LIMITS.emailMax} aria-required="true" aria-describedby={id("authorEmail-hint")} />
            <p id={id("authorEmail-hint")} className="field-hint">
              {t("form.emailHint")}
            </p>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={id("authorUrl")}>
            {t("form.website")}
          </label>
          <input id={id("authorUrl")} name="authorUrl" type="url" autoComplete="url" inputMode="url" placeholder="https://" maxLength={COMMENT_LIMITS.urlMax} aria-describedby={id("authorUrl-hint")} />
          <p id={id("authorUrl-hint")} className="field-hint">
            {t("form.websiteHint")}
          </p>
        </div>
        <div className="field field-captcha">
          <span className="field-label" aria-hidden="true">
            {t("form.captcha.label")} <RequiredMark />
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
              aria-label={t("form.captcha.loadingLabel")}
              aria-required="true"
              readOnly
            />
            <span className="captcha-rest" aria-hidden="true" data-captcha-after="" />
            <span className="captcha-status" data-captcha-status="">
              {t("form.captcha.loading")}
            </span>
            <button type="button" className="link-button" data-captcha-retry="" hidden>
              {t("form.captcha.newQuestion")}
            </button>
          </div>
          <input type="hidden" name="captchaToken" value="" />
        </div>
        {notifications ? <NotificationChoices idPrefix={TOP_FORM_PREFIX} locale={locale} /> : null}
        <HoneypotField id={id("website")} locale={locale} />
        <div className="comment-form-actions">
          <button type="submit" className="button button-primary" data-submit-label={t("form.submit")}>
            {t("form.submit")}
          </button>
          <button type="button" className="button" data-cancel-reply="" hidden>
            {t("form.cancelReply")}
          </button>
        </div>
        <CommentFormNotes spamCheck={spamCheck} locale={locale} privacyHref={`/privacy?lang=${locale}`} />
      </form>
    </div>
  );
}

/** The report form, cloned by the script under the comment being reported. */
function FrameReportTemplate({ locale, t }: { locale: Locale; t: Translator }) {
  const id = (name: string) => `${REPORT_FORM_PREFIX}-${name}`;
  return (
    <template data-report-template="">
      <form className="report-form" noValidate data-report-form="" data-id-prefix={REPORT_FORM_PREFIX}>
        <fieldset className="report-reasons">
          <legend className="field-label">{t("form.report.question")}</legend>
          {reportReasons.map((reason) => (
            <label key={reason} className="choice">
              <input type="radio" name="reason" value={reason} />
              {translate(locale, reportReasonLabels[reason])}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={id("note")}>
            {t("form.report.note")}
          </label>
          <textarea id={id("note")} name="note" rows={3} maxLength={REPORT_NOTE_MAX} />
        </div>
        <div className="comment-form-actions">
          <button type="submit" className="button button-primary">
            {t("form.report.send")}
          </button>
          <button type="button" className="button" data-cancel-report="">
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </template>
  );
}

/** The framed thread's page: a document of its own, with its main landmark and heading even when opened outside a frame. */
export function FrameThreadDocument({ assets, locale, theme, ...props }: FrameThreadProps & { assets: FrameAssets; locale: Locale; theme: FrameTheme }) {
  const { page, now, permalinkBase, parentOrigin, sort, sortLinks, moreHref, isFirstPage, respectLabel, repliesHref, spamCheck, notifications, themeStylesheetUrl } = props;
  const t = createTranslator(locale);
  const { article } = page;
  const count = article.commentCount;
  return (
    <FrameDocument assets={assets} look={{ locale, theme, themeStylesheetUrl }} t={t}>
      <main className="embed-frame" data-slug={article.slug} data-comment-count={count} data-parent-origin={parentOrigin ?? ""}>
        <section className="discussion embed-discussion" aria-labelledby="discussion-title">
          <div className="discussion-head">
            <h1 id="discussion-title">{t("reader.discussion.heading", { count })}</h1>
            {sortLinks ? <SortControl shown={sort} hrefFor={(order) => sortLinks[order]} t={t} /> : null}
          </div>
          {/* The reader's own held comments, from their browser (the frame script fills it). */}
          <div data-own-pending="" />
          {page.comments.length === 0 ? (
            <p className="discussion-empty">{t("reader.discussion.empty")}</p>
          ) : (
            <ThreadMarkup
              comments={page.comments}
              now={now}
              canReply={article.commentsOpen}
              permalinkBase={permalinkBase}
              locale={locale}
              respectLabel={respectLabel}
              repliesHref={repliesHref}
              isFirstPage={isFirstPage}
              // Under the frame's level-one heading.
              headingLevel={2}
            />
          )}
          {moreHref ? (
            <p className="discussion-more">
              <a href={moreHref}>{t("reader.discussion.more")}</a>
            </p>
          ) : null}
          <div className="join">
            <h2>{t("reader.discussion.join")}</h2>
            <p className="policy">{getDiscussionPolicy(locale)}</p>
            <p className="policy-link">
              {withLink(
                t("reader.discussion.readGuidelines"),
                "link",
                <a href={`/guidelines?lang=${locale}`} target="_blank">
                  {t("reader.discussion.guidelinesLink")}
                  <span className="visually-hidden"> {t("frame.opensInNewTab")}</span>
                </a>,
              )}
            </p>
            {article.commentsOpen ? <FrameCommentForm spamCheck={spamCheck} notifications={notifications} locale={locale} t={t} /> : <p className="comments-closed">{t("reader.discussion.closed")}</p>}
          </div>
        </section>
        <FrameReportTemplate locale={locale} t={t} />
      </main>
    </FrameDocument>
  );
}

/** Shown in the frame for an unknown site, or an article that cannot be created from the embedding page (with the reason, in the page's language when it is a catalog key). */
export function FrameUnavailableDocument({ assets, locale, theme, message, params }: { assets: FrameAssets; locale: Locale; theme: FrameTheme; message?: string | undefined; params?: MessageParams | undefined }) {
  const t = createTranslator(locale);
  return (
    <FrameDocument assets={assets} look={{ locale, theme }} t={t}>
      <main className="embed-frame">
        <h1 className="visually-hidden">{t("frame.documentTitle")}</h1>
        <p className="embed-unavailable">{message ? translate(locale, message, params) : t("frame.unavailable")}</p>
      </main>
    </FrameDocument>
  );
}
