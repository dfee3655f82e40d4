import type { ReactNode } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { commenterEmailSchema } from "@/lib/validation/privacy-request";

/** The reader's address a privacy form acts on, from its "email" field; the error to show (and the field focused) when it is not one. */
export function readReaderEmail(form: HTMLFormElement, fieldId: string): { email: string; error: null } | { email: null; error: string } {
  const parsed = commenterEmailSchema.safeParse(new FormData(form).get("email") ?? "");
  if (parsed.success) return { email: parsed.data, error: null };
  document.getElementById(fieldId)?.focus();
  return { email: null, error: parsed.error.issues[0]?.message ?? "dashboard.privacy.emailInvalid" };
}

/** "Reader's e-mail", with its hint and error, as both privacy forms ask for it. */
export function ReaderEmailField({ fieldId, error, hint, readOnly = false }: { fieldId: string; error: string | null; hint?: ReactNode; readOnly?: boolean }) {
  const t = useTranslator();
  const say = useMessage();
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label className="field-label" htmlFor={fieldId}>
        {t("dashboard.privacy.email")}
      </label>
      <input
        id={fieldId}
        name="email"
        type="email"
        autoComplete="off"
        spellCheck={false}
        required
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <p className="field-hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {say(error)}
        </p>
      ) : null}
    </div>
  );
}
