"use client";

import { useId, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import { alertModeInputSchema, alertModes, type AlertMode } from "@/lib/validation/alert-mode";
import { isRecord, sendDashboardRequest } from "../dashboard-api";
import { FillText } from "../fill-text";
import { useMessage } from "../use-message";
import { useSavedChoice } from "./use-saved-choice";
import "./account.css";

/** PUT /api/v1/moderation/account/alerts. */
function saveAlertMode(mode: AlertMode) {
  return sendDashboardRequest("/api/v1/moderation/account/alerts", { method: "PUT", body: { mode } }, (body) => {
    const alerts = isRecord(body.alerts) ? body.alerts : null;
    const parsed = alertModeInputSchema.safeParse(alerts);
    return parsed.success ? parsed.data.mode : null;
  });
}

/** How the form names each mode, and its hint. */
const modeKeys: Record<AlertMode, { label: MessageKey; hint: MessageKey }> = {
  immediate: { label: "dashboard.account.modes.immediate", hint: "dashboard.account.modes.immediateHint" },
  digest: { label: "dashboard.account.modes.digest", hint: "dashboard.account.modes.digestHint" },
  off: { label: "dashboard.account.modes.off", hint: "dashboard.account.modes.offHint" },
};

/** The Account page's alert choice: immediately, an hourly digest, or none; saved for the signed-in moderator only. */
export function AlertModeForm({ initialMode, isMailOn }: { initialMode: AlertMode; isMailOn: boolean }) {
  const t = useTranslator();
  const say = useMessage();
  const id = useId();
  const [done, setDone] = useState<string | null>(null);
  const { choice: mode, setChoice, isUnchanged, formError, isSending, submit } = useSavedChoice<AlertMode>({
    initial: initialMode,
    field: "mode",
    save: saveAlertMode,
    onSaved: (saved) => setDone(t("dashboard.account.saved", { choice: t(modeKeys[saved].label).toLowerCase() })),
  });
  const setMode = (next: AlertMode) => {
    setDone(null);
    setChoice(next);
  };

  return (
    <form className="alert-form" onSubmit={(event) => void submit(event)} aria-describedby={isMailOn ? undefined : `${id}-mail-off`}>
      <fieldset className="alert-choices">
        <legend>{t("dashboard.account.alertsLegend")}</legend>
        {alertModes.map((option) => (
          <label key={option} className="alert-choice">
            <input type="radio" name="mode" value={option} checked={mode === option} onChange={() => setMode(option)} aria-describedby={`${id}-${option}-hint`} />
            <span className="alert-choice-text">
              <span className="alert-choice-label">{t(modeKeys[option].label)}</span>
              <span className="field-hint" id={`${id}-${option}-hint`}>
                {t(modeKeys[option].hint)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {isMailOn ? null : (
        <p className="field-hint" id={`${id}-mail-off`}>
          <FillText text={t("dashboard.account.mailOff")} values={{ key: <code>SMTP_URL</code> }} />
        </p>
      )}
      {formError ? (
        <p className="form-alert" role="alert">
          {say(formError)}
        </p>
      ) : null}
      <div className="alert-actions">
        <button type="submit" className="button" disabled={isSending || isUnchanged}>
          {isSending ? t("dashboard.account.saving") : t("dashboard.account.save")}
        </button>
        <span className="alert-done" role="status">
          {done}
        </span>
      </div>
    </form>
  );
}
