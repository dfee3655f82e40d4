"use client";

import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { FillText } from "../fill-text";
import { useRouter } from "next/navigation";
import { startTransition, useId, useRef, useState, type FormEvent } from "react";
import { NETWORK_FAILURE_KEY } from "../dashboard-api";
import { requestErasure } from "./privacy-api";
import { ReaderEmailField, readReaderEmail } from "./reader-email-field";
import "../bans/bans.css";
import "./privacy.css";

/** Erases one reader everywhere: the address first, then a confirmation that says what goes, since it cannot be undone. */
export function EraseDataForm() {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    setDone(null);
    const { email, error } = readReaderEmail(event.currentTarget, `${id}-email`);
    setEmailError(error);
    if (email === null) return;
    setPending(email);
    // The confirmation takes the focus, so a keyboard or screen-reader user hears what is about to happen.
    requestAnimationFrame(() => document.getElementById(`${id}-confirm`)?.focus());
  };

  const erase = async () => {
    if (!pending || isSending) return;
    setIsSending(true);
    const result = await requestErasure(pending);
    setIsSending(false);
    if (result.kind === "network") {
      setFormError(NETWORK_FAILURE_KEY);
    } else if (result.kind === "error") {
      setFormError(result.error.fields.email ?? result.error.message);
    } else {
      const { erased, bans } = result.value;
      setDone(
        erased === 0 && bans === 0
          ? t("dashboard.privacy.nothingStored", { email: pending })
          : `${t("dashboard.privacy.erased", { email: pending, count: erased })}${bans ? t("dashboard.privacy.bansEmptied", { count: bans }) : ""}.`,
      );
      formRef.current?.reset();
      setPending(null);
      startTransition(() => router.refresh());
    }
  };

  return (
    <form ref={formRef} className="ban-form privacy-form" onSubmit={ask} noValidate aria-label={t("dashboard.privacy.eraseLabel")}>
      <ReaderEmailField
        fieldId={`${id}-email`}
        error={emailError}
        readOnly={pending !== null}
        hint={t("dashboard.privacy.eraseHint")}
      />
      {pending ? (
        <div className="privacy-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`} tabIndex={-1}>
            <FillText text={t("dashboard.privacy.confirm")} values={{ email: <strong>{pending}</strong> }} />
          </p>
          <div className="ban-actions">
            <button type="button" className="button button-danger" disabled={isSending} onClick={() => void erase()}>
              {isSending ? t("dashboard.privacy.erasing") : t("dashboard.privacy.eraseForGood")}
            </button>
            <button type="button" className="button" disabled={isSending} onClick={() => setPending(null)}>
              {t("dashboard.privacy.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="ban-actions">
          <button type="submit" className="button button-danger">
            {t("dashboard.privacy.eraseData")}
          </button>
        </div>
      )}
      {formError ? (
        <p className="form-alert" role="alert">
          {say(formError)}
        </p>
      ) : null}
      <p className="ban-done" role="status">
        {done}
      </p>
    </form>
  );
}
