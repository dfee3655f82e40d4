// The comment form's fixed parts, shared by the article page's React form and
// the framed thread's static form, so both tell readers the same thing. No
// hooks: these also render to static HTML.
import type { ComponentPropsWithRef } from "react";
import { COMMENT_LIMITS } from "@/lib/validation/comment-limits";

/** The red asterisk of a required field (its meaning is said once, in RequiredLegend). */
export function RequiredMark() {
  return (
    <span className="field-required" aria-hidden="true">
      *
    </span>
  );
}

export function RequiredLegend() {
  return (
    <p className="comment-form-legend">
      Required fields are marked <RequiredMark />
      <span className="visually-hidden">with an asterisk</span>.
    </p>
  );
}

/** The comment box's hint: its limits and what formatting works. */
export function BodyHint({ id }: { id: string }) {
  return (
    <p id={id} className="field-hint">
      {COMMENT_LIMITS.bodyMin} to {COMMENT_LIMITS.bodyMax.toLocaleString("en")} characters. *Emphasis*, **bold**, &gt; quotes and links work.
    </p>
  );
}

/** Hidden from people, filled in by naive bots (the server treats a filled one as spam). */
export function HoneypotField({ id, inputProps }: { id: string; inputProps?: ComponentPropsWithRef<"input"> }) {
  return (
    <div className="comment-form-hp" aria-hidden="true">
      <label htmlFor={id}>Leave this field empty</label>
      <input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" {...inputProps} />
    </div>
  );
}

/** Under the form: drafts are kept in the browser, and, when comments are sent to Akismet, that notice with the privacy page. */
export function CommentFormNotes({ spamCheck }: { spamCheck: boolean }) {
  return (
    <>
      <p className="comment-form-note">
        Note: we try to save your comment in your browser when there are technical problems. Still, for long comments we recommend that you copy them somewhere else as a backup before you submit them.
      </p>
      {spamCheck ? (
        <p className="comment-form-note">
          This site uses Akismet to reduce spam. <a href="/privacy">Learn how your comment data is processed</a>.
        </p>
      ) : null}
    </>
  );
}

/** The e-mail notification boxes (shown only when the site sends mail), with the double opt-in said under them. */
export function NotificationChoices({
  idPrefix,
  notifyRepliesProps,
  followThreadProps,
}: {
  idPrefix: string;
  notifyRepliesProps?: ComponentPropsWithRef<"input">;
  followThreadProps?: ComponentPropsWithRef<"input">;
}) {
  const hintId = `${idPrefix}-notifications-hint`;
  return (
    <fieldset className="field field-notifications">
      <legend className="visually-hidden">E-mail notifications</legend>
      <label className="field-check" htmlFor={`${idPrefix}-notifyReplies`}>
        <input id={`${idPrefix}-notifyReplies`} name="notifyReplies" type="checkbox" aria-describedby={hintId} {...notifyRepliesProps} />
        Notify me of replies by e-mail
      </label>
      <label className="field-check" htmlFor={`${idPrefix}-followThread`}>
        <input id={`${idPrefix}-followThread`} name="followThread" type="checkbox" aria-describedby={hintId} {...followThreadProps} />
        Follow this discussion
      </label>
      <p id={hintId} className="field-hint">
        We&apos;ll send one e-mail to confirm first.
      </p>
    </fieldset>
  );
}
