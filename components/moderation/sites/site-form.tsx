"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { startTransition, useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { SiteRecord } from "@/lib/embed/site-admin";
import { SITE_LIMITS, siteFormSchema, type SiteFormOutput, type SiteFormValues } from "@/lib/validation/site-input";
import { NETWORK_FAILURE_MESSAGE } from "../dashboard-api";
import { requestCreateSite, requestUpdateSite, type SiteApiError, type SiteApiResult } from "./sites-api";
import "./sites.css";

type Field = keyof SiteFormValues;
const FIELDS: readonly Field[] = ["name", "allowedOrigins", "key"];

/** The site being edited; without one the form adds a site. */
export interface EditedSite {
  id: string;
  name: string;
  key: string;
  allowedOrigins: string[];
}

/**
 * Adds a site (name, allowed origins one per line, optional key) or, given
 * `site`, changes its name and origins; checked in the browser with the same
 * schema the server uses, and the server's field errors land beside their field.
 */
export function SiteForm({ site, onSaved, onCancel }: { site?: EditedSite; onSaved?: (saved: SiteRecord) => void; onCancel?: () => void }) {
  const router = useRouter();
  const id = useId();
  const isEditing = site !== undefined;
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const emptyValues: SiteFormValues = { name: "", allowedOrigins: "", key: "" };
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SiteFormValues, unknown, SiteFormOutput>({
    resolver: zodResolver(siteFormSchema),
    defaultValues: site ? { name: site.name, allowedOrigins: site.allowedOrigins.join("\n"), key: "" } : emptyValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const fieldId = (field: Field) => `${id}-${field}`;
  const describedBy = (field: Field) => [`${fieldId(field)}-hint`, errors[field] ? `${fieldId(field)}-error` : null].filter(Boolean).join(" ");
  const fieldError = (field: Field) =>
    errors[field]?.message ? (
      <p className="field-error" id={`${fieldId(field)}-error`}>
        {errors[field].message}
      </p>
    ) : null;

  const showServerError = (error: SiteApiError) => {
    // Bad input (and a taken key) goes beside its field; any other refusal is said once, above the button.
    const placed = FIELDS.filter((field) => error.fields[field] && (field !== "key" || !isEditing));
    for (const field of placed) setError(field, { type: "server", message: error.fields[field] });
    if (placed[0]) setFocus(placed[0]);
    else setFormMessage(error.status === 403 ? "Only administrators can manage sites." : error.message);
  };

  const save = async (values: SiteFormOutput) => {
    setFormMessage(null);
    setDone(null);
    const result: SiteApiResult<SiteRecord> = site ? await requestUpdateSite(site.id, { name: values.name, allowedOrigins: values.allowedOrigins }) : await requestCreateSite(values);
    if (result.kind === "network") {
      setFormMessage(NETWORK_FAILURE_MESSAGE);
      return;
    }
    if (result.kind === "error") {
      showServerError(result.error);
      return;
    }
    if (isEditing) {
      reset({ name: result.value.name, allowedOrigins: result.value.allowedOrigins.join("\n"), key: "" });
    } else {
      reset(emptyValues);
      setDone(`Added “${result.value.name}” with the key ${result.value.key}. Its snippet is in the list below.`);
    }
    onSaved?.(result.value);
    startTransition(() => router.refresh());
  };

  return (
    <form
      className="site-form"
      noValidate
      aria-label={site ? `Edit ${site.name}` : "Add a site"}
      aria-busy={isSubmitting}
      onSubmit={(event) => void handleSubmit(save)(event)}
    >
      <div className="site-form-row">
        <div className="field">
          <label className="field-label" htmlFor={fieldId("name")}>
            Name
          </label>
          <input id={fieldId("name")} type="text" maxLength={SITE_LIMITS.nameMax} autoComplete="off" aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy("name")} {...register("name")} />
          <p className="field-hint" id={`${fieldId("name")}-hint`}>
            How the dashboard names the publication.
          </p>
          {fieldError("name")}
        </div>
        {isEditing ? null : (
          <div className="field">
            <label className="field-label" htmlFor={fieldId("key")}>
              Key <span className="field-optional">(optional)</span>
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
              Leave empty to generate one. Lower-case letters, digits and hyphens; it goes into the site&rsquo;s pages and cannot change later.
            </p>
            {fieldError("key")}
          </div>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={fieldId("allowedOrigins")}>
          Allowed origins
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
          One per line, as <code>https://host</code> or <code>https://host:port</code>, no path (up to {SITE_LIMITS.originsMax}). Only pages on these may show the site&rsquo;s threads and read its counts.
        </p>
        {fieldError("allowedOrigins")}
      </div>
      {formMessage ? (
        <p className="form-alert" role="alert">
          {formMessage}
        </p>
      ) : null}
      <div className="site-form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : isEditing ? "Save changes" : "Add site"}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </button>
        ) : null}
        <span className="site-form-done" role="status">
          {done}
        </span>
      </div>
    </form>
  );
}
