"use client";

import { useRouter } from "next/navigation";
import { startTransition, useId, useRef, useState, type FormEvent } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { BAN_NETWORK_FAILURE_MESSAGE, describeBanResult, requestBan } from "./bans-api";
import "./bans.css";

/** The server's limit on a ban reason (BAN_REASON_MAX in lib/moderation/bans.ts). */
const REASON_MAX = 500;

type Field = "email" | "ip" | "reason";
const FIELDS: readonly Field[] = ["email", "ip", "reason"];

/** The bans page's form: ban an author by e-mail (and optionally IP), with a reason, optionally rejecting their pending comments. */
export function NewBanForm() {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const focusField = (field: Field) => document.getElementById(`${id}-${field}`)?.focus();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSending) return;
    const form = new FormData(event.currentTarget);
    const values = { email: String(form.get("email") ?? "").trim(), ip: String(form.get("ip") ?? "").trim(), reason: String(form.get("reason") ?? "").trim() };
    const missing: Partial<Record<Field, string>> = {};
    if (!values.email) missing.email = "dashboard.bans.emailRequired";
    if (!values.reason) missing.reason = "dashboard.bans.reasonRequired";
    setErrors(missing);
    setFormError(null);
    setDone(null);
    const firstMissing = FIELDS.find((field) => missing[field]);
    if (firstMissing) {
      focusField(firstMissing);
      return;
    }
    setIsSending(true);
    const result = await requestBan({ email: values.email, ip: values.ip || undefined, reason: values.reason, rejectPending: form.get("rejectPending") === "on" });
    setIsSending(false);
    if (result.kind === "network") {
      setFormError(BAN_NETWORK_FAILURE_MESSAGE);
      return;
    }
    if (result.kind === "error") {
      // Bad input goes beside its field; a refusal (already banned, signed out) is said once, above the button.
      const placed =
        result.error.code === "validation"
          ? (Object.fromEntries(Object.entries(result.error.fields).filter(([name]) => (FIELDS as readonly string[]).includes(name))) as Partial<Record<Field, string>>)
          : {};
      setErrors(placed);
      const first = FIELDS.find((field) => placed[field]);
      if (first) focusField(first);
      else setFormError(result.error.message);
      return;
    }
    formRef.current?.reset();
    setDone(describeBanResult(result.value, t));
    startTransition(() => router.refresh());
  };

  const describedBy = (field: Field, hint?: boolean) => [hint ? `${id}-${field}-hint` : "", errors[field] ? `${id}-${field}-error` : ""].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {say(errors[field] ?? "")}
      </p>
    ) : null;

  return (
    <form ref={formRef} className="ban-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="ban-form-row">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-email`}>
            {t("dashboard.bans.email")}
          </label>
          <input id={`${id}-email`} name="email" type="email" autoComplete="off" spellCheck={false} required aria-invalid={errors.email ? true : undefined} aria-describedby={describedBy("email")} />
          {fieldError("email")}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-ip`}>
            {t("dashboard.bans.ip")} <span className="field-optional">{t("dashboard.bans.optional")}</span>
          </label>
          <input id={`${id}-ip`} name="ip" type="text" autoComplete="off" spellCheck={false} inputMode="decimal" aria-invalid={errors.ip ? true : undefined} aria-describedby={describedBy("ip", true)} />
          <p className="field-hint" id={`${id}-ip-hint`}>
            {t("dashboard.bans.ipHint")}
          </p>
          {fieldError("ip")}
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reason`}>
          {t("dashboard.bans.reason")}
        </label>
        <input id={`${id}-reason`} name="reason" type="text" maxLength={REASON_MAX} required aria-invalid={errors.reason ? true : undefined} aria-describedby={describedBy("reason", true)} />
        <p className="field-hint" id={`${id}-reason-hint`}>
          {t("dashboard.bans.reasonHint")}
        </p>
        {fieldError("reason")}
      </div>
      <label className="choice">
        <input type="checkbox" name="rejectPending" defaultChecked /> {t("dashboard.bans.rejectPending")}
      </label>
      {formError ? (
        <p className="form-alert" role="alert">
          {say(formError)}
        </p>
      ) : null}
      <div className="ban-actions">
        <button type="submit" className="button button-danger" disabled={isSending}>
          {isSending ? t("dashboard.bans.banning") : t("dashboard.bans.submit")}
        </button>
        <span className="ban-done" role="status">
          {done}
        </span>
      </div>
    </form>
  );
}
