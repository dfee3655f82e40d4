"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import { translate } from "@/lib/i18n/translate";
import { REPORT_NOTE_MAX } from "@/lib/validation/comment-limits";
import { VALIDATION_MESSAGE_PARAMS } from "@/lib/validation/message-params";
import { reportInputSchema, reportReasonLabels, reportReasons, type ReportInput } from "@/lib/validation/comment-input";
import { postReport } from "./comments-api";
import { REPORT_DUPLICATE_KEY, REPORT_NETWORK_FAILURE_KEY, REPORT_THANKS_KEY } from "./reader-messages";

/** The report form's fields as the inputs hold them (no reason until one is chosen; the schema says so). */
interface ReportFields {
  reason: ReportInput["reason"];
  note?: string;
}

export interface ReportFormProps {
  commentId: string;
  /** Names the comment in the form's label. */
  authorName: string;
  /** Called with what to tell the reader once the report is in (or was already). */
  onReported: (message: string) => void;
  /** Called on Cancel and on Escape: the opener closes the form and takes focus back. */
  onCancel: () => void;
}

/** Asks why a comment should be looked at, then sends the report to the moderators. */
export function ReportForm({ commentId, authorName, onReported, onCancel }: ReportFormProps) {
  const id = useId();
  const locale = useLocale();
  const t = useTranslator();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const firstReason = useRef<HTMLInputElement | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<ReportFields, unknown, ReportInput>({
    resolver: zodResolver(reportInputSchema),
    defaultValues: { note: "" },
  });

  useEffect(() => {
    firstReason.current?.focus();
  }, []);

  const send = async (report: ReportInput) => {
    const result = await postReport(commentId, report);
    if (result.kind === "ok") onReported(t(REPORT_THANKS_KEY));
    else if (result.kind === "network") setFormMessage(t(REPORT_NETWORK_FAILURE_KEY));
    else if (result.error.code === "duplicate" || result.error.status === 409) onReported(t(REPORT_DUPLICATE_KEY));
    else setFormMessage(translate(locale, result.error.message, VALIDATION_MESSAGE_PARAMS));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setFormMessage(null);
    void handleSubmit(send)(event);
  };

  const reasonField = register("reason");
  const reasonErrorId = `${id}-reason-error`;
  const noteErrorId = `${id}-note-error`;

  return (
    <form className="report-form" noValidate onSubmit={onSubmit} aria-label={t("form.report.formLabel", { name: authorName })} aria-busy={isSubmitting} onKeyDown={(event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        onCancel();
      }
    }}>
      <fieldset className="report-reasons" aria-describedby={errors.reason ? reasonErrorId : undefined}>
        <legend className="field-label">{t("form.report.question")}</legend>
        {reportReasons.map((reason, index) => (
          <label key={reason} className="choice">
            <input
              type="radio"
              value={reason}
              {...reasonField}
              ref={(element) => {
                reasonField.ref(element);
                if (index === 0) firstReason.current = element;
              }}
            />
            {t(reportReasonLabels[reason])}
          </label>
        ))}
        {errors.reason ? (
          <p id={reasonErrorId} className="field-error">
            {t("form.report.chooseReason")}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-note`}>
          {t("form.report.note")}
        </label>
        <textarea
          id={`${id}-note`}
          rows={3}
          maxLength={REPORT_NOTE_MAX}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? noteErrorId : undefined}
          {...register("note")}
        />
        {errors.note?.message ? (
          <p id={noteErrorId} className="field-error">
            {translate(locale, errors.note.message, VALIDATION_MESSAGE_PARAMS)}
          </p>
        ) : null}
      </div>
      {formMessage ? (
        <p role="alert" className="form-alert">
          {formMessage}
        </p>
      ) : null}
      <div className="comment-form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {t(isSubmitting ? "form.report.sending" : "form.report.send")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("form.report.cancel")}
        </button>
      </div>
    </form>
  );
}
