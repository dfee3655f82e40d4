"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { COMMENT_LIMITS, commentFormSchema, notificationChoicesSchema, type CommentFormValues } from "@/lib/validation/comment-input";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import { translate } from "@/lib/i18n/translate";
import { VALIDATION_MESSAGE_PARAMS } from "@/lib/validation/message-params";
import { describeCaptchaQuestion, readCaptchaWords, splitCaptchaQuestion } from "./captcha-question";
import { BodyHint, CommentFormNotes, HoneypotField, NotificationChoices, RequiredLegend, RequiredMark } from "./comment-form-parts";
import { postComment, type ApiError } from "./comments-api";
import { clearDraft, getBrowserStorage, getInitialDraft, saveAuthor, saveDraft, type CommentDraft, type DraftStorage } from "./draft-storage";
import { keepOwnComment } from "./own-comments";
import { keepIfHeld } from "./own-pending";
import { PostedNotice, type PostedSummary } from "./posted-notice";
import { CAPTCHA_FAILED_KEY, CAPTCHA_LOADING_KEY, hasSpentCaptcha, NETWORK_FAILURE_KEY, placeServerError, SERVER_FIELDS } from "./reader-messages";
import { revealComment } from "./reveal-comment";
import { useCaptcha } from "./use-captcha";

/** The form's fields as the inputs hold them: all text (the schema's own input type is `unknown` because it trims). */
type CommentFields = Pick<Partial<Record<keyof CommentFormValues, string>>, "authorUrl" | "website"> & Record<Exclude<keyof CommentFormValues, "authorUrl" | "website">, string>;
/** The text fields and the notification boxes (the API's own booleans). */
type FormFields = CommentFields & { notifyReplies?: boolean; followThread?: boolean };
/** The form checks what the server checks: the comment's fields and the notification choices. */
const formSchema = commentFormSchema.extend(notificationChoicesSchema.shape);
type CommentOutput = z.output<typeof formSchema>;
type FieldName = keyof CommentFields;

const EMPTY_FIELDS: FormFields = { body: "", authorName: "", authorEmail: "", authorUrl: "", captchaAnswer: "", website: "", notifyReplies: false, followThread: false };
const DRAFT_SAVE_DELAY_MS = 400;

/** The captcha's words for screen readers, in the page's language. */
function toDraft(values: Partial<CommentFields>): CommentDraft {
  return { body: values.body ?? "", authorName: values.authorName ?? "", authorEmail: values.authorEmail ?? "", authorUrl: values.authorUrl ?? "" };
}

export interface CommentFormProps {
  /** The article the comment belongs to. */
  slug: string;
  /** The comment being answered; absent for a new top-level comment. */
  parentId?: string;
  /** The author being answered, to name the reply form. */
  replyToName?: string;
  /** Shows a "Cancel reply" button that calls this. */
  onCancel?: () => void;
  /** Called after the server accepted the comment; without it the form shows the outcome itself. */
  onPosted?: (posted: PostedSummary) => void;
  /** Moves focus to the comment box when the form appears (reply forms). */
  autoFocus?: boolean;
  /** Called when Escape is pressed inside the form (reply forms close). */
  onEscape?: () => void;
  /** Whether comments are sent to Akismet: the form then says so. */
  spamCheck?: boolean;
  /** Whether the site sends mail: only then are the notification boxes offered. */
  notifications?: boolean;
}

/** The reader's comment form: a new comment or a reply, with the math captcha and a draft kept in the browser. */
export function CommentForm({ slug, parentId, replyToName, onCancel, onPosted, onEscape, autoFocus = false, spamCheck = false, notifications = false }: CommentFormProps) {
  const router = useRouter();
  const locale = useLocale();
  const t = useTranslator();
  const id = useId();
  const fieldId = (name: FieldName) => `${id}-${name}`;
  const { captcha, refresh: refreshCaptcha } = useCaptcha();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedSummary | null>(null);
  const storage = useRef<DraftStorage | null>(null);
  const statusArea = useRef<HTMLDivElement>(null);
  const pendingSave = useRef<number | null>(null);
  const inFlight = useRef(false);

  const {
    register,
    handleSubmit,
    setValue,
    setError,
    setFocus,
    getValues,
    subscribe,
    formState: { errors, isSubmitting },
  } = useForm<FormFields, unknown, CommentOutput>({
    resolver: zodResolver(formSchema),
    defaultValues: EMPTY_FIELDS,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const saveNow = useCallback(() => {
    if (pendingSave.current !== null) window.clearTimeout(pendingSave.current);
    pendingSave.current = null;
    saveDraft(storage.current, slug, parentId, toDraft(getValues()));
  }, [getValues, slug, parentId]);

  // Restore the draft (or the remembered author), then keep saving as the reader types.
  useEffect(() => {
    storage.current = getBrowserStorage();
    const initial = getInitialDraft(storage.current, slug, parentId);
    for (const name of ["body", "authorName", "authorEmail", "authorUrl"] as const) {
      // Never overwrite what the reader typed before the page became interactive.
      if (initial[name] !== "" && getValues(name) === "") setValue(name, initial[name]);
    }
    const unsubscribe = subscribe({
      formState: { values: true },
      callback: () => {
        if (pendingSave.current !== null) window.clearTimeout(pendingSave.current);
        pendingSave.current = window.setTimeout(saveNow, DRAFT_SAVE_DELAY_MS);
      },
    });
    const flush = () => {
      if (pendingSave.current !== null) saveNow();
    };
    window.addEventListener("pagehide", flush);
    return () => {
      unsubscribe();
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [slug, parentId, getValues, setValue, subscribe, saveNow]);

  useEffect(() => {
    if (autoFocus) setFocus("body");
  }, [autoFocus, setFocus]);

  // The reader pressed Post at the foot of the form: focus moves to the outcome, above it, which is brought into view (and announced by role=status).
  useEffect(() => {
    if (!posted) return;
    const notice = statusArea.current?.querySelector<HTMLElement>(".posted-notice");
    notice?.focus({ preventScroll: true });
    (notice ?? statusArea.current)?.scrollIntoView({ block: "center" });
  }, [posted]);

  // A new question needs a new answer.
  const captchaToken = captcha.state === "ready" ? captcha.captcha.token : null;
  useEffect(() => {
    setValue("captchaAnswer", "");
  }, [captchaToken, setValue]);

  const showServerError = (error: ApiError) => {
    const placed = placeServerError(error, t);
    for (const name of SERVER_FIELDS) {
      const message = placed.fields[name];
      if (message !== undefined) setError(name, { type: "server", message });
    }
    if (placed.formMessage !== null) setFormMessage(placed.formMessage);
    if (placed.focus) setFocus(placed.focus);
  };

  const send = async (values: CommentOutput) => {
    if (inFlight.current) return;
    if (captcha.state !== "ready") {
      setFormMessage(t(captcha.state === "loading" ? CAPTCHA_LOADING_KEY : CAPTCHA_FAILED_KEY));
      return;
    }
    inFlight.current = true;
    setPosted(null);
    saveAuthor(storage.current, { authorName: values.authorName, authorEmail: values.authorEmail, authorUrl: values.authorUrl ?? "" });
    try {
      const result = await postComment(slug, {
        authorName: values.authorName,
        authorEmail: values.authorEmail,
        authorUrl: values.authorUrl,
        body: values.body,
        parentId,
        captchaToken: captcha.captcha.token,
        captchaAnswer: values.captchaAnswer,
        website: values.website ?? "",
        ...(notifications ? { notifyReplies: values.notifyReplies, followThread: values.followThread } : {}),
      });
      // An attempt that reached the captcha check used up its token, whatever the answer.
      if (result.kind !== "error" || hasSpentCaptcha(result.error)) refreshCaptcha();
      if (result.kind === "network") {
        setFormMessage(t(NETWORK_FAILURE_KEY));
        return;
      }
      if (result.kind === "error") {
        showServerError(result.error);
        return;
      }
      clearDraft(storage.current, slug, parentId);
      // A held comment stays in its author's sight after a reload, from this browser (own-pending.ts).
      keepIfHeld(storage.current, slug, result.value, { body: values.body, authorName: values.authorName, parentId });
      // Its author may edit or delete it for a while, from this browser (own-comment-controls.ts).
      keepOwnComment(storage.current, slug, result.value, { body: values.body, authorName: values.authorName, parentId });
      setValue("body", "");
      const summary: PostedSummary = { ...result.value, body: values.body, authorName: values.authorName };
      if (onPosted) onPosted(summary);
      else setPosted(summary);
      if (summary.status === "approved") {
        // The server-rendered thread re-renders with the new comment; no full reload.
        revealComment(summary.id);
        startTransition(() => router.refresh());
      }
    } finally {
      inFlight.current = false;
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Saved before anything can fail, so the text survives whatever happens next.
    saveNow();
    setFormMessage(null);
    void handleSubmit(send)(event);
  };

  const describedBy = (name: FieldName, hint?: boolean) =>
    [hint ? `${fieldId(name)}-hint` : null, errors[name] ? `${fieldId(name)}-error` : null].filter(Boolean).join(" ") || undefined;
  const fieldError = (name: FieldName) =>
    errors[name]?.message ? (
      <p id={`${fieldId(name)}-error`} className="field-error">
        {translate(locale, errors[name].message, VALIDATION_MESSAGE_PARAMS)}
      </p>
    ) : null;

  const question = captcha.state === "ready" ? captcha.captcha.question : null;
  const parts = question ? splitCaptchaQuestion(question) : null;
  const captchaLabel = question ? describeCaptchaQuestion(question, readCaptchaWords(t), locale) : t(captcha.state === "loading" ? "form.captcha.loadingLabel" : "form.captcha.failedLabel");
  const isReply = parentId !== undefined;

  return (
    <div className={isReply ? "comment-form-wrap comment-form-reply" : "comment-form-wrap"}>
      <div role="status" className="comment-form-status" ref={statusArea}>
        {posted ? <PostedNotice posted={posted} locale={locale} /> : null}
      </div>
      <form className="comment-form" noValidate onSubmit={onSubmit} aria-label={isReply ? (replyToName ? t("form.replyTo", { name: replyToName }) : t("form.replyToComment")) : t("form.postComment")} aria-busy={isSubmitting} onKeyDown={(event) => {
        if (event.key === "Escape" && onEscape) {
          event.preventDefault();
          onEscape();
        }
      }}>
        <RequiredLegend locale={locale} />

        <div className="field">
          <label className="field-label" htmlFor={fieldId("body")}>
            {t("form.comment")} <RequiredMark />
          </label>
          <textarea
            id={fieldId("body")}
            rows={isReply ? 5 : 7}
            aria-required="true"
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={describedBy("body", true)}
            readOnly={isSubmitting}
            {...register("body")}
          />
          <BodyHint id={`${fieldId("body")}-hint`} locale={locale} />
          {fieldError("body")}
        </div>

        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor={fieldId("authorName")}>
              {t("form.name")} <RequiredMark />
            </label>
            <input
              id={fieldId("authorName")}
              type="text"
              autoComplete="name"
              maxLength={COMMENT_LIMITS.nameMax}
              aria-required="true"
              aria-invalid={errors.authorName ? true : undefined}
              aria-describedby={describedBy("authorName")}
              readOnly={isSubmitting}
              {...register("authorName")}
            />
            {fieldError("authorName")}
          </div>
          <div className="field">
            <label className="field-label" htmlFor={fieldId("authorEmail")}>
              {t("form.email")} <RequiredMark />
            </label>
            <input
              id={fieldId("authorEmail")}
              type="email"
              autoComplete="email"
              inputMode="email"
              aria-required="true"
              aria-invalid={errors.authorEmail ? true : undefined}
              aria-describedby={describedBy("authorEmail", true)}
              readOnly={isSubmitting}
              {...register("authorEmail")}
            />
            <p id={`${fieldId("authorEmail")}-hint`} className="field-hint">
              {t("form.emailHint")}
            </p>
            {fieldError("authorEmail")}
          </div>
        </div>

        <div className="field">
          <label className="field-label" htmlFor={fieldId("authorUrl")}>
            {t("form.website")}
          </label>
          <input
            id={fieldId("authorUrl")}
            type="url"
            autoComplete="url"
            inputMode="url"
            placeholder="https://"
            aria-invalid={errors.authorUrl ? true : undefined}
            aria-describedby={describedBy("authorUrl", true)}
            readOnly={isSubmitting}
            {...register("authorUrl")}
          />
          <p id={`${fieldId("authorUrl")}-hint`} className="field-hint">
            {t("form.websiteHint")}
          </p>
          {fieldError("authorUrl")}
        </div>

        <div className="field field-captcha">
          <span className="field-label" aria-hidden="true">
            {t("form.captcha.label")} <RequiredMark />
          </span>
          <div className="captcha">
            {parts && parts.before !== "" ? <span aria-hidden="true">{parts.before}</span> : null}
            <input
              id={fieldId("captchaAnswer")}
              className="captcha-input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              size={3}
              maxLength={4}
              aria-label={captchaLabel}
              aria-required="true"
              aria-invalid={errors.captchaAnswer ? true : undefined}
              aria-describedby={describedBy("captchaAnswer")}
              readOnly={isSubmitting || captcha.state !== "ready"}
              {...register("captchaAnswer")}
            />
            {parts ? (
              <span className="captcha-rest" aria-hidden="true">
                {parts.after}
              </span>
            ) : (
              <span className="captcha-status">{t(captcha.state === "loading" ? "form.captcha.loading" : "form.captcha.failed")}</span>
            )}
            {captcha.state === "failed" ? (
              <button type="button" className="link-button" onClick={refreshCaptcha}>
                {t("form.captcha.newQuestion")}
              </button>
            ) : null}
          </div>
          {fieldError("captchaAnswer")}
        </div>

        {notifications ? <NotificationChoices idPrefix={id} locale={locale} notifyRepliesProps={register("notifyReplies")} followThreadProps={register("followThread")} /> : null}

        <HoneypotField id={fieldId("website")} inputProps={register("website")} locale={locale} />

        {formMessage ? (
          <p role="alert" className="form-alert">
            {translate(locale, formMessage, VALIDATION_MESSAGE_PARAMS)}
          </p>
        ) : null}

        <div className="comment-form-actions">
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {t(isSubmitting ? "form.posting" : isReply ? "form.submitReply" : "form.submit")}
          </button>
          {onCancel ? (
            <button type="button" className="button" onClick={onCancel}>
              {t("form.cancelReply")}
            </button>
          ) : null}
        </div>

        <CommentFormNotes spamCheck={spamCheck} locale={locale} />
      </form>
    </div>
  );
}
