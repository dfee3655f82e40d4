"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import { REPORT_NOTE_MAX } from "@/lib/validation/comment-limits";
import { reportInputSchema, reportReasonLabels, reportReasons, type ReportInput } from "@/lib/validation/comment-input";
import { postReport } from "./comments-api";
import { REPORT_DUPLICATE, REPORT_NETWORK_FAILURE, REPORT_THANKS } from "./reader-messages";

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
  onCancel: () => void;
}

/** Asks why a comment should be looked at, then sends the report to the moderators. */
export function ReportForm({ commentId, authorName, onReported, onCancel }: ReportFormProps) {
  const id = useId();
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
    if (result.kind === "ok") onReported(REPORT_THANKS);
    else if (result.kind === "network") setFormMessage(REPORT_NETWORK_FAILURE);
    else if (result.error.code === "duplicate" || result.error.status === 409) onReported(REPORT_DUPLICATE);
    else setFormMessage(result.error.message);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setFormMessage(null);
    void handleSubmit(send)(event);
  };

  const reasonField = register("reason");
  const reasonErrorId = `${id}-reason-error`;
  const noteErrorId = `${id}-note-error`;

  return (
    <form className="report-form" noValidate onSubmit={onSubmit} aria-label={`Report comment by ${authorName}`} aria-busy={isSubmitting}>
      <fieldset className="report-reasons" aria-describedby={errors.reason ? reasonErrorId : undefined}>
        <legend className="field-label">Why should a moderator look at this comment?</legend>
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
            {reportReasonLabels[reason]}
          </label>
        ))}
        {errors.reason ? (
          <p id={reasonErrorId} className="field-error">
            Choose a reason.
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-note`}>
          Note for the moderators (optional)
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
            {errors.note.message}
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
          {isSubmitting ? "Sending…" : "Send report"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
