"use client";
// The Account page's forms each save one choice (alert mode, language) the
// same way: one request at a time, a network failure or the API's refusal
// (naming the choice's field) shown as the form's error, the saved value kept
// so Save stays off until the choice changes.
import { useState, type FormEvent } from "react";
import { NETWORK_FAILURE_KEY, type DashboardApiResult } from "../dashboard-api";

/** A choice, what was last saved, and the submit handler that saves it. */
export function useSavedChoice<Choice>(options: { initial: Choice; field: string; save: (choice: Choice) => Promise<DashboardApiResult<Choice>>; onSaved: (choice: Choice) => void }) {
  const [choice, setChoice] = useState<Choice>(options.initial);
  const [saved, setSaved] = useState<Choice>(options.initial);
  const [formError, setFormError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSending) return;
    setFormError(null);
    setIsSending(true);
    const result = await options.save(choice);
    setIsSending(false);
    if (result.kind === "network") return setFormError(NETWORK_FAILURE_KEY);
    if (result.kind === "error") return setFormError(result.error.fields[options.field] ?? result.error.message);
    setSaved(result.value);
    options.onSaved(result.value);
  };

  return { choice, setChoice, isUnchanged: choice === saved, formError, isSending, submit };
}
