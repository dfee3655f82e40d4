"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { startTransition, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import type { SiteRecord } from "@/lib/embed/site-admin";
import { translate } from "@/lib/i18n/translate";
import { SITE_LIMITS, siteFormSchema, type SiteFormOutput, type SiteFormValues } from "@/lib/validation/site-input";
import { NETWORK_FAILURE_KEY } from "../dashboard-api";
import { requestCreateSite, requestUpdateSite, type SiteApiError, type SiteApiResult } from "./sites-api";
import "./sites.css";

type Field = keyof SiteFormValues;
const FIELDS: readonly Field[] = ["name", "allowedOrigins", "key", "language", "themeStylesheetUrl"];

/** The site being edited; without one the form adds a site. */
export interface EditedSite {
  id: string;
  name: string;
  key: string;
  allowedOrigins: string[];
  language: string | null;
  themeStylesheetUrl: string | null;
}

const siteLanguage = (language: string | null | undefined): SiteFormValues["language"] => (language === "en" || language === "es" ? language : "");

/**
 * Adds a site (name, allowed origins one per line, optional key, language,
 * style sheet for the frame) or, given `site`, changes all but its key;
 * checked in the browser with the same schema the server uses, and the
 * server's field errors land beside their field, in the dashboard's language.
 */
export function SiteForm({ site, onSaved, onCancel }: { site?: EditedSite; onSaved?: (saved: SiteRecord) => void; onCancel?: () => void }) {
  const router = useRouter();
  const t = useTranslator();
  const locale = useLocale();
  const id = useId();
  const isEditing = site !== undefined;
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const emptyValues: SiteFormValues = { name: "", allowedOrigins: "", key: "", language: "", themeStylesheetUrl: "" };
  const valuesOf = (saved: { name: string; allowedOrigins: string[]; language: string | null; themeStylesheetUrl: string | null }): SiteFormValues => ({
    name: saved.name,
    allowedOrigins: saved.allowedOrigins.join("\n"),
    key: "",
    language: siteLanguage(saved.language),
    themeStylesheetUrl: saved.themeStylesheetUrl ?? "",
  });
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SiteFormValues, unknown, SiteFormOutput>({
    resolver: zodResolver(siteFormSchema),
    defaultValues: site ? valuesOf(site) : emptyValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const fieldId = (field: Field) => `${id}-${field}`;
  const describedBy = (field: Field) => [`${fieldId(field)}-hint`, errors[field] ? `${fieldId(field)}-error` : null].filter(Boolean).join(" ");
  const fieldError = (field: Field) =>
    errors[field]?.message ? (
      <p className="field-error" id={`${fieldId(field)}-error`}>
        {translate(locale, errors[field].message)}
      </p>
    ) : null;

  const showServerError = (error: SiteApiError) => {
    // Bad input (and a taken key) goes beside its field; any other refusal is said once, above the button.
    const placed = FIELDS.filter((field) => error.fields[field] && (field !== "key" || !isEditing));
    for (const field of placed) setError(field, { type: "server", message: error.fields[field] });
    if (placed[0]) setFocus(placed[0]);
    else setFormMessage(error.status === 403 ? t("sites.adminsOnlyShort") : error.message);
  };

  const save = async (values: SiteFormOutput) => {
    setFormMessage(null);
    setDone(null);
    const { name, allowedOrigins, language, themeStylesheetUrl } = values;
    const result: SiteApiResult<SiteRecord> = site ? await requestUpdateSite(site.id, { name, allowedOrigins, language, themeStylesheetUrl }) : await requestCreateSite(values);
    if (result.kind === "network") {
      setFormMessage(t(NETWORK_FAILURE_KEY));
      return;
    }
    if (result.kind === "error") {
      showServerError(result.error);
      return;
    }
    if (isEditing) {
      reset(valuesOf(result.value));
    } else {
      reset(emptyValues);
      setDone(t("sites.added", { name: result.value.name, key: result.value.key }));
    }
    onSaved?.(result.value);
    startTransition(() => router.refresh());
  };

  return (
    <form
      className="site-form"
      noValidate
      aria-label={site ? t("sites.editLabel", { name: site.name }) : t("sites.addHeading")}
      aria-busy={isSubmitting}
      onSubmit={(event) => void handleSubmit(save)(event)}
    >
      <div className="site-form-row">
        <div className="field">
          <label className="field-label" htmlFor={fieldId("name")}>
            {t("sites.nameLabel")}
          </label>
          <input id={fieldId("name")} type="text" maxLength={SITE_LIMITS.nameMax} autoComplete="off" aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy("name")} {...register("name")} />
          <p className="field-hint" id={`${fieldId("name")}-hint`}>
            {t("sites.nameHint")}
          </p>
          {fieldError("name")}
        </div>
        {isEditing ? null : (
          <div className="field">
            <label className="field-label" htmlFor={fieldId("key")}>
              {t("sites.keyLabel")} <span className="field-optional">{t("sites.optional")}</span>
            </label>
            <input
              id={fieldId("key")}
              type="text"
              maxLength={SITE_LIMITS.keyMax}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              aria-invalid={errors.key ? true : undefined}
              aria-describedby={describedBy("key")}
              {...register("key")}
            />
            <p className="field-hint" id={`${fieldId("key")}-hint`}>
              {t("sites.keyHint")}
            </p>
            {fieldError("key")}
          </div>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={fieldId("allowedOrigins")}>
          {t("sites.originsLabel")}
        </label>
        <textarea
          id={fieldId("allowedOrigins")}
          rows={3}
          spellCheck={false}
          autoCapitalize="none"
          placeholder={"https://news.example\nhttps://www.news.example"}
          aria-invalid={errors.allowedOrigins ? true : undefined}
          aria-describedby={describedBy("allowedOrigins")}
          {...register("allowedOrigins")}
        />
        <p className="field-hint" id={`${fieldId("allowedOrigins")}-hint`}>
          {t("sites.originsHint", { originsMax: SITE_LIMITS.originsMax })}
        </p>
        {fieldError("allowedOrigins")}
      </div>
      <div className="site-form-row">
        <div className="field">
          <label className="field-label" htmlFor={fieldId("language")}>
            {t("sites.languageLabel")}
          </label>
          <select id={fieldId("language")} aria-invalid={errors.language ? true : undefined} aria-describedby={describedBy("language")} {...register("language")}>
            <option value="">{t("sites.languageBrowser")}</option>
            {/* Each language by its own name, as language pickers do. */}
            <option value="en" lang="en">
              English
            </option>
            <option value="es" lang="es">
              Español
            </option>
          </select>
          <p className="field-hint" id={`${fieldId("language")}-hint`}>
            {t("sites.languageHint")}
          </p>
          {fieldError("language")}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={fieldId("themeStylesheetUrl")}>
            {t("sites.stylesheetLabel")} <span className="field-optional">{t("sites.stylesheetOptional")}</span>
          </label>
          <input
            id={fieldId("themeStylesheetUrl")}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://news.example/comments.css"
            aria-invalid={errors.themeStylesheetUrl ? true : undefined}
            aria-describedby={describedBy("themeStylesheetUrl")}
            {...register("themeStylesheetUrl")}
          />
          <p className="field-hint" id={`${fieldId("themeStylesheetUrl")}-hint`}>
            {t("sites.stylesheetHint")}
          </p>
          {fieldError("themeStylesheetUrl")}
        </div>
      </div>
      {formMessage ? (
        <p className="form-alert" role="alert">
          {formMessage}
        </p>
      ) : null}
      <div className="site-form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? t("sites.saving") : isEditing ? t("sites.saveChanges") : t("sites.addSite")}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={isSubmitting}>
            {t("sites.cancel")}
          </button>
        ) : null}
        <span className="site-form-done" role="status">
          {done}
        </span>
      </div>
    </form>
  );
}
