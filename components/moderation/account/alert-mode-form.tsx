"use client";

import { useId, useState, type FormEvent } from "react";
import { NETWORK_FAILURE_MESSAGE, isRecord, sendDashboardRequest } from "../dashboard-api";
import { alertModeInputSchema, alertModeLabels, alertModes, type AlertMode } from "@/lib/validation/alert-mode";
import "./account.css";

/** PUT /api/v1/moderation/account/alerts. */
function saveAlertMode(mode: AlertMode) {
  return sendDashboardRequest("/api/v1/moderation/account/alerts", { method: "PUT", body: { mode } }, (body) => {
    const alerts = isRecord(body.alerts) ? body.alerts : null;
    const parsed = alertModeInputSchema.safeParse(alerts);
    return parsed.success ? parsed.data.mode : null;
  });
}

/** The Account page's alert choice: immediately, an hourly digest, or none; saved for the signed-in moderator only. */
export function AlertModeForm({ initialMode, isMailOn }: { initialMode: AlertMode; isMailOn: boolean }) {
  const id = useId();
  const [mode, setMode] = useState<AlertMode>(initialMode);
  const [saved, setSaved] = useState<AlertMode>(initialMode);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSending) return;
    setFormError(null);
    setDone(null);
    setIsSending(true);
    const result = await saveAlertMode(mode);
    setIsSending(false);
    if (result.kind === "network") {
      setFormError(NETWORK_FAILURE_MESSAGE);
      return;
    }
    if (result.kind === "error") {
      setFormError(result.error.fields.mode ?? result.error.message);
      return;
    }
    setSaved(result.value);
    setDone(`Saved: ${alertModeLabels[result.value].label.toLowerCase()}.`);
  };

  return (
    <form className="alert-form" onSubmit={(event) => void submit(event)} aria-describedby={isMailOn ? undefined : `${id}-mail-off`}>
      <fieldset className="alert-choices">
        <legend>Mail me about held and reported comments</legend>
        {alertModes.map((option) => (
          <label key={option} className="alert-choice">
            <input type="radio" name="mode" value={option} checked={mode === option} onChange={() => setMode(option)} aria-describedby={`${id}-${option}-hint`} />
            <span className="alert-choice-text">
              <span className="alert-choice-label">{alertModeLabels[option].label}</span>
              <span className="field-hint" id={`${id}-${option}-hint`}>
                {alertModeLabels[option].hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {isMailOn ? null : (
        <p className="field-hint" id={`${id}-mail-off`}>
          No mail is sent while <code>SMTP_URL</code> is unset; your choice is kept for when it is.
        </p>
      )}
      {formError ? (
        <p className="form-alert" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="alert-actions">
        <button type="submit" className="button" disabled={isSending || mode === saved}>
          {isSending ? "Saving…" : "Save"}
        </button>
        <span className="alert-done" role="status">
          {done}
        </span>
      </div>
    </form>
  );
}
