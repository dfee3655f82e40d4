// The comment form's fixed parts, shared by the article page's React form and
// the framed thread's static form, so both tell readers the same thing. No
// hooks: these also render to static HTML. Each takes the page's language
// (English when not given).
import type { ComponentPropsWithRef } from "react";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { VALIDATION_MESSAGE_PARAMS } from "@/lib/validation/message-params";
import { withLink } from "./with-link";

/** The red asterisk of a required field (its meaning is said once, in RequiredLegend). */
export function RequiredMark() {
  return (
    <span className="field-required" aria-hidden="true">
      *
    </span>
  );
}

/** Says once what the asterisk means. */
export function RequiredLegend({ locale = DEFAULT_LOCALE }: { locale?: Locale }) {
  const t = createTranslator(locale);
  return (
    <p className="comment-form-legend">
      {withLink(
        t("form.requiredLegend"),
        "mark",
        <>
          <RequiredMark />
          <span className="visually-hidden">{t("form.requiredMeaning")}</span>
        </>,
      )}
      .
    </p>
  );
}

/** The comment box's hint: its limits and what formatting works. */
export function BodyHint({ id, locale = DEFAULT_LOCALE }: { id: string; locale?: Locale }) {
  return (
    <p id={id} className="field-hint">
      {createTranslator(locale)("form.bodyHint", VALIDATION_MESSAGE_PARAMS)}
    </p>
  );
}

/** Hidden from people, filled in by naive bots (the server treats a filled one as spam). */
export function HoneypotField({ id, inputProps, locale = DEFAULT_LOCALE }: { id: string; inputProps?: ComponentPropsWithRef<"input">; locale?: Locale }) {
  return (
    <div className="comment-form-hp" aria-hidden="true">
      <label htmlFor={id}>{createTranslator(locale)("form.honeypot")}</label>
      <input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" {...inputProps} />
    </div>
  );
}

/** Under the form: drafts are kept in the browser, and, when comments are sent to Akismet, that notice with the privacy page. */
export function CommentFormNotes({ spamCheck, locale = DEFAULT_LOCALE, privacyHref = "/privacy" }: { spamCheck: boolean; locale?: Locale; privacyHref?: string }) {
  const t = createTranslator(locale);
  return (
    <>
      <p className="comment-form-note">{t("form.draftNote")}</p>
      {spamCheck ? <p className="comment-form-note">{withLink(t("form.akismet"), "link", <a href={privacyHref}>{t("form.akismetLink")}</a>)}</p> : null}
    </>
  );
}

/** The e-mail notification boxes (shown only when the site sends mail), with the double opt-in said under them. */
export function NotificationChoices({
  idPrefix,
  notifyRepliesProps,
  followThreadProps,
  locale = DEFAULT_LOCALE,
}: {
  idPrefix: string;
  notifyRepliesProps?: ComponentPropsWithRef<"input">;
  followThreadProps?: ComponentPropsWithRef<"input">;
  locale?: Locale;
}) {
  const t = createTranslator(locale);
  const hintId = `${idPrefix}-notifications-hint`;
  return (
    <fieldset className="field field-notifications">
      <legend className="visually-hidden">{t("form.notifications.legend")}</legend>
      <label className="field-check" htmlFor={`${idPrefix}-notifyReplies`}>
        <input id={`${idPrefix}-notifyReplies`} name="notifyReplies" type="checkbox" aria-describedby={hintId} {...notifyRepliesProps} />
        {t("form.notifications.notifyReplies")}
      </label>
      <label className="field-check" htmlFor={`${idPrefix}-followThread`}>
        <input id={`${idPrefix}-followThread`} name="followThread" type="checkbox" aria-describedby={hintId} {...followThreadProps} />
        {t("form.notifications.followThread")}
      </label>
      <p id={hintId} className="field-hint">
        {t("form.notifications.confirmFirst")}
      </p>
    </fieldset>
  );
}

