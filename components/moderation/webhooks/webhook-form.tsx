"use client";

import { useTranslator } from "@/components/i18n/locale-context";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import { FillText } from "../fill-text";
import { useMessage } from "../use-message";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { startTransition, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, webhookFormSchema, type WebhookFormOutput, type WebhookFormValues } from "@/lib/validation/webhook-input";
import { SecretNotice } from "./secret-notice";
import { requestCreateWebhook } from "./webhooks-api";
import "./webhooks.css";

type Field = keyof WebhookFormValues;
const FIELDS: readonly Field[] = ["siteId", "url", "events", "secret"];

/** What each event means, beside its checkbox. */
const EVENT_HINTS: Record<(typeof WEBHOOK_EVENTS)[number], MessageKey> = {
  "comment.created": "dashboard.webhooks.eventHints.created",
  "comment.approved": "dashboard.webhooks.eventHints.approved",
  "comment.rejected": "dashboard.webhooks.eventHints.rejected",
};

/**
 * Adds a webhook to a site: its URL, the events it hears, and optionally its
 * secret. Checked in the browser with the schema the server uses; the
 * server's refusals (the app's own address, a duplicate) land beside their
 * field, and the secret is shown once when the hook is saved.
 */
export function WebhookForm({ sites }: { sites: Array<{ id: string; name: string; key: string }> }) {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
  const id = useId();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const emptyValues: WebhookFormValues = { siteId: sites[0]?.id ?? "", url: "", events: [...WEBHOOK_EVENTS], secret: "" };
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<WebhookFormValues, unknown, WebhookFormOutput>({ resolver: zodResolver(webhookFormSchema), defaultValues: emptyValues, mode: "onSubmit", reValidateMode: "onChange" });

  const fieldId = (field: Field) => `${id}-${field}`;
  const describedBy = (field: Field) => [`${fieldId(field)}-hint`, errors[field] ? `${fieldId(field)}-error` : null].filter(Boolean).join(" ");
  const fieldError = (field: Field) =>
    errors[field]?.message ? (
      <p className="field-error" id={`${fieldId(field)}-error`}>
        {say(errors[field].message ?? "")}
      </p>
    ) : null;

  const save = async (values: WebhookFormOutput) => {
    setFormMessage(null);
    setCreated(null);
    const result = await requestCreateWebhook(values);
    if (result.kind === "network") return setFormMessage(t("dashboard.api.network"));
    if (result.kind === "error") {
      const placed = FIELDS.filter((field) => result.error.fields[field]);
      for (const field of placed) setError(field, { type: "server", message: say(result.error.fields[field] ?? "") });
      if (placed[0] && placed[0] !== "events") setFocus(placed[0]);
      if (!placed[0]) setFormMessage(result.error.status === 403 ? t("dashboard.webhooks.adminOnly") : say(result.error.message));
      return;
    }
    reset({ ...emptyValues, siteId: values.siteId });
    if (result.value.secret) setCreated({ url: result.value.webhook.url, secret: result.value.secret });
    startTransition(() => router.refresh());
  };

  if (sites.length === 0) return <p className="webhooks-empty">{t("dashboard.webhooks.noSite")}</p>;

  return (
    <div className="webhook-form-wrap">
      <form className="webhook-form" noValidate aria-label={t("dashboard.webhooks.formLabel")} aria-busy={isSubmitting} onSubmit={(event) => void handleSubmit(save)(event)}>
        <div className="webhook-form-row">
          <div className="field">
            <label className="field-label" htmlFor={fieldId("siteId")}>
              {t("dashboard.webhooks.site")}
            </label>
            <select id={fieldId("siteId")} aria-invalid={errors.siteId ? true : undefined} aria-describedby={describedBy("siteId")} {...register("siteId")}>
              {sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name} ({site.key})
                </option>
              ))}
            </select>
            <p className="field-hint" id={`${fieldId("siteId")}-hint`}>
              {t("dashboard.webhooks.siteHint")}
            </p>
            {fieldError("siteId")}
          </div>
          <div className="field">
            <label className="field-label" htmlFor={fieldId("url")}>
              {t("dashboard.webhooks.url")}
            </label>
            <input
              id={fieldId("url")}
              type="url"
              maxLength={WEBHOOK_LIMITS.urlMaxLength}
              autoComplete="off"
              spellCheck={false}
              placeholder="https://hooks.example/tertulia"
              aria-invalid={errors.url ? true : undefined}
              aria-describedby={describedBy("url")}
              {...register("url")}
            />
            <p className="field-hint" id={`${fieldId("url")}-hint`}>
              <FillText text={t("dashboard.webhooks.urlHint")} values={{ http: <code>http</code>, https: <code>https</code> }} />
            </p>
            {fieldError("url")}
          </div>
        </div>
        <fieldset className="webhook-events" aria-describedby={errors.events ? `${fieldId("events")}-error` : undefined}>
          <legend className="field-label">{t("dashboard.webhooks.events")}</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="webhook-event-choice">
              <input type="checkbox" value={event} {...register("events")} /> <code>{event}</code> <span className="webhook-event-hint">{t(EVENT_HINTS[event])}</span>
            </label>
          ))}
          {fieldError("events")}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={fieldId("secret")}>
            {t("dashboard.webhooks.secret")} <span className="field-optional">{t("dashboard.webhooks.optional")}</span>
          </label>
          <input
            id={fieldId("secret")}
            type="text"
            maxLength={WEBHOOK_LIMITS.secretMax}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.secret ? true : undefined}
            aria-describedby={describedBy("secret")}
            {...register("secret")}
          />
          <p className="field-hint" id={`${fieldId("secret")}-hint`}>
            {t("dashboard.webhooks.secretHint")}
          </p>
          {fieldError("secret")}
        </div>
        {formMessage ? (
          <p className="form-alert" role="alert">
            {formMessage}
          </p>
        ) : null}
        <div className="webhook-form-actions">
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {isSubmitting ? t("dashboard.webhooks.saving") : t("dashboard.webhooks.submit")}
          </button>
        </div>
      </form>
      {created ? <SecretNotice url={created.url} secret={created.secret} onDismiss={() => setCreated(null)} /> : null}
    </div>
  );
}
