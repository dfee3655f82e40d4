"use client";

import { useRouter } from "next/navigation";
import { startTransition, useId, useRef, useState, type FormEvent } from "react";
import { NETWORK_FAILURE_MESSAGE } from "../dashboard-api";
import { requestErasure } from "./privacy-api";
import { ReaderEmailField, readReaderEmail } from "./reader-email-field";
import "../bans/bans.css";
import "./privacy.css";

/** Erases one reader everywhere: the address first, then a confirmation that says what goes, since it cannot be undone. */
export function EraseDataForm() {
  const router = useRouter();
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
      setFormError(NETWORK_FAILURE_MESSAGE);
    } else if (result.kind === "error") {
      setFormError(result.error.fields.email ?? result.error.message);
    } else {
      const { erased, bans } = result.value;
      setDone(
        erased === 0 && bans === 0
          ? `Nothing was stored for ${pending}. The request is logged.`
          : `Erased ${pending}: ${erased} comment${erased === 1 ? " now reads" : "s now read"} “[deleted]”${bans ? `, ${bans} ban${bans === 1 ? "" : "s"} emptied` : ""}.`,
      );
      formRef.current?.reset();
      setPending(null);
      startTransition(() => router.refresh());
    }
  };

  return (
    <form ref={formRef} className="ban-form privacy-form" onSubmit={ask} noValidate aria-label="Erase a reader's data">
      <ReaderEmailField
        fieldId={`${id}-email`}
        error={emailError}
        readOnly={pending !== null}
        hint="Their comments stay in place as “[deleted]”, so replies keep their threads; their name, e-mail, website, text, IP addresses and user agents go, and any ban on the address ends."
      />
      {pending ? (
        <div className="privacy-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`} tabIndex={-1}>
            Erase everything stored about <strong>{pending}</strong>? This cannot be undone.
          </p>
          <div className="ban-actions">
            <button type="button" className="button button-danger" disabled={isSending} onClick={() => void erase()}>
              {isSending ? "Erasing…" : "Erase for good"}
            </button>
            <button type="button" className="button" disabled={isSending} onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="ban-actions">
          <button type="submit" className="button button-danger">
            Erase data…
          </button>
        </div>
      )}
      {formError ? (
        <p className="form-alert" role="alert">
          {formError}
        </p>
      ) : null}
      <p className="ban-done" role="status">
        {done}
      </p>
    </form>
  );
}
