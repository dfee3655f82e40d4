"use client";

import { useRouter } from "next/navigation";
import { startTransition, useId, useState, type FormEvent } from "react";
import type { BanResult } from "@/lib/moderation/bans";
import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { BAN_NETWORK_FAILURE_MESSAGE, describeBanResult, requestBan } from "./bans-api";
import "./bans.css";

/** The server's limit on a ban reason (BAN_REASON_MAX in lib/moderation/bans.ts). */
const REASON_MAX = 500;

export interface BanAuthorFormProps {
  /** The author's e-mail address, as the comment gives it. */
  email: string;
  /** The comment's IP address: offered as an extra, unticked, since addresses are often shared. */
  ip?: string | null;
  /** Called once the ban is made; without it the page is refreshed. */
  onBanned?: (result: BanResult) => void;
}

/** Bans a comment's author from inside a queue card: a reason, whether to reject their other pending comments, "Ban author". */
export function BanAuthorForm({ email, ip, onBanned }: BanAuthorFormProps) {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
  const id = useId();
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSending) return;
    const form = new FormData(event.currentTarget);
    const reason = String(form.get("reason") ?? "").trim();
    setFormError(null);
    if (!reason) {
      setReasonError("dashboard.bans.reasonRequired");
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonError(null);
    setIsSending(true);
    const result = await requestBan({ email, ip: ip && form.get("banIp") === "on" ? ip : undefined, reason, rejectPending: form.get("rejectPending") === "on" });
    setIsSending(false);
    if (result.kind === "network") {
      setFormError(BAN_NETWORK_FAILURE_MESSAGE);
    } else if (result.kind === "error") {
      if (result.error.code === "validation" && result.error.fields.reason) setReasonError(result.error.fields.reason);
      else setFormError(result.error.message);
    } else {
      setDone(describeBanResult(result.value, t));
      if (onBanned) onBanned(result.value);
      else startTransition(() => router.refresh());
    }
  };

  if (done) {
    return (
      <p className="ban-done" role="status">
        {done}
      </p>
    );
  }

  return (
    <form className="ban-form ban-author-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t("dashboard.bans.formLabel", { email })}>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reason`}>
          {t("dashboard.bans.reasonFor", { email })}
        </label>
        <input
          id={`${id}-reason`}
          name="reason"
          type="text"
          maxLength={REASON_MAX}
          required
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
        />
        <p className="field-hint" id={`${id}-reason-hint`}>
          {t("dashboard.bans.reasonHint")}
        </p>
        {reasonError ? (
          <p className="field-error" id={`${id}-reason-error`}>
            {say(reasonError)}
          </p>
        ) : null}
      </div>
      <label className="choice">
        <input type="checkbox" name="rejectPending" defaultChecked /> {t("dashboard.bans.rejectPending")}
      </label>
      {ip ? (
        <label className="choice">
          <input type="checkbox" name="banIp" /> {t("dashboard.bans.banIp", { ip })}
        </label>
      ) : null}
      {formError ? (
        <p className="form-alert" role="alert">
          {say(formError)}
        </p>
      ) : null}
      <div className="ban-actions">
        <button type="submit" className="button button-danger" disabled={isSending}>
          {isSending ? t("dashboard.bans.banning") : t("dashboard.bans.submit")}
        </button>
      </div>
    </form>
  );
}
