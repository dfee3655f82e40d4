"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { startTransition, useId, useState, type ReactNode } from "react";
import { get, useForm, type FieldPath } from "react-hook-form";
import {
  MODERATION_SETTINGS_LIMITS as LIMITS,
  moderationSettingsFormSchema,
  ruleActions,
  ruleLabels,
  toModerationSettingsFormValues,
  type ModerationSettingsFormOutput,
  type ModerationSettingsFormValues,
} from "@/lib/validation/moderation-settings";
import { saveModerationSettings, type SettingsApiError } from "./settings-api";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { getRuleActionName, getRuleLabelName } from "./setting-names";

type FieldName = FieldPath<ModerationSettingsFormValues>;

/** The form's keys' common prefix. */
const F = "dashboard.settings.form.";

/** Every field of the form, in the order it shows them: server errors naming one of these appear beside it. */
const FORM_FIELDS: readonly FieldName[] = [
  "bannedWords",
  "suspectWords",
  "preModerateAll",
  "holdFirstTimeCommenters",
  "approvedCommentsToTrust",
  "linkHoldThreshold",
  "floodIntervalSeconds",
  "duplicateWindowMinutes",
  "reportThreshold",
  "autoCloseAfterDays",
  ...ruleLabels.map((label) => `ruleActions.${label}` as const),
  "offensiveModelThreshold",
  "editWindowMinutes",
  "respectLabel",
  "ipRetentionDays",
  "privacyContact",
];

function toFormField(name: string): FieldName | null {
  const known = (candidate: string): candidate is FieldName => (FORM_FIELDS as readonly string[]).includes(candidate);
  if (known(name)) return name;
  const top = name.split(".")[0] ?? "";
  return known(top) ? top : null;
}

const toNullableNumber = (value: unknown) => (value === "" || value === null || value === undefined ? null : Number(value));

/** The administrators' form for the site-wide moderation settings. */
export function SettingsForm({ initialValues }: { initialValues: ModerationSettingsFormValues }) {
  const router = useRouter();
  const t = useTranslator();
  const locale = useLocale();
  const say = useMessage();
  const id = useId();
  const fieldId = (name: string) => `${id}-${name.replace(/\./g, "-")}`;
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setFocus,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ModerationSettingsFormValues, unknown, ModerationSettingsFormOutput>({
    resolver: zodResolver(moderationSettingsFormSchema),
    defaultValues: initialValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  // The server renders the saved values too, so the form reads right before it is interactive.
  const initial = (name: FieldName): string => {
    const value: unknown = get(initialValues, name);
    return value === null || value === undefined ? "" : String(value);
  };
  const errorOf = (name: FieldName): string | undefined => {
    const message = (get(errors, name) as { message?: string } | undefined)?.message;
    return message === undefined ? undefined : say(message);
  };
  const describedBy = (name: FieldName, hint = true) => [hint ? `${fieldId(name)}-hint` : null, errorOf(name) ? `${fieldId(name)}-error` : null].filter(Boolean).join(" ") || undefined;
  const invalid = (name: FieldName) => (errorOf(name) ? true : undefined);
  const fieldError = (name: FieldName) => {
    const message = errorOf(name);
    return message ? (
      <p id={`${fieldId(name)}-error`} className="field-error">
        {message}
      </p>
    ) : null;
  };
  const hint = (name: FieldName, text: ReactNode) => (
    <p id={`${fieldId(name)}-hint`} className="field-hint">
      {text}
    </p>
  );

  const showServerError = (error: SettingsApiError) => {
    const placed: FieldName[] = [];
    for (const [name, message] of Object.entries(error.fields)) {
      const field = toFormField(name);
      if (field && !placed.includes(field)) {
        setError(field, { type: "server", message });
        placed.push(field);
      }
    }
    if (placed.length) {
      setFormMessage(t("dashboard.settings.form.needsFixing"));
      const first = FORM_FIELDS.find((name) => placed.includes(name));
      if (first) setFocus(first);
    } else {
      setFormMessage(error.status === 403 ? t("dashboard.settings.form.adminOnly") : t("dashboard.settings.form.notSaved", { message: say(error.message) }));
    }
  };

  const save = async (values: ModerationSettingsFormOutput) => {
    const result = await saveModerationSettings(values);
    if (result.kind === "network") {
      setFormMessage(t("dashboard.settings.form.network"));
    } else if (result.kind === "error") {
      showServerError(result.error);
    } else {
      // The server's copy: word lists come back trimmed and without duplicates.
      reset(toModerationSettingsFormValues(result.value));
      setSavedAt(new Date());
      // The article table below shows what the new settings mean for each article (auto-closed, pre-moderated).
      startTransition(() => router.refresh());
    }
  };

  const onSubmit = handleSubmit(save, () => setFormMessage(t("dashboard.settings.form.needsFixing")));

  const numberField = (name: FieldName, label: string, unit: string, hintText: ReactNode, options: { min: number; max: number; nullable?: boolean }) => (
    <div className="field settings-number">
      <label className="field-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <span className="settings-input-unit">
        <input
          id={fieldId(name)}
          type="number"
          inputMode="numeric"
          min={options.min}
          max={options.max}
          step={1}
          aria-invalid={invalid(name)}
          aria-describedby={describedBy(name)}
          defaultValue={initial(name)}
          {...register(name, options.nullable ? { setValueAs: toNullableNumber } : { valueAsNumber: true })}
        />
        <span aria-hidden="true">{unit}</span>
      </span>
      {hint(name, hintText)}
      {fieldError(name)}
    </div>
  );

  return (
    <form
      className="settings-form"
      noValidate
      aria-label={t("dashboard.settings.form.label")}
      aria-busy={isSubmitting}
      onSubmit={(event) => {
        setSavedAt(null);
        setFormMessage(null);
        void onSubmit(event);
      }}
    >
      <fieldset className="settings-group">
        <legend>{t("dashboard.settings.form.words")}</legend>
        <div className="settings-words">
          {(
            [
              ["bannedWords", t("dashboard.settings.names.bannedWords"), t("dashboard.settings.form.bannedEffect")],
              ["suspectWords", t("dashboard.settings.names.suspectWords"), t("dashboard.settings.form.suspectEffect")],
            ] as const
          ).map(([name, label, effect]) => (
            <div className="field" key={name}>
              <label className="field-label" htmlFor={fieldId(name)}>
                {label}
              </label>
              <textarea id={fieldId(name)} rows={8} spellCheck={false} aria-invalid={invalid(name)} aria-describedby={describedBy(name)} defaultValue={initial(name)} {...register(name)} />
              {hint(name, t("dashboard.settings.form.wordsHint", { effect, max: LIMITS.wordsMax }))}
              {fieldError(name)}
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>{t("dashboard.settings.form.holding")}</legend>
        <div className="field settings-check">
          <label>
            <input type="checkbox" aria-describedby={describedBy("preModerateAll")} defaultChecked={initialValues.preModerateAll} {...register("preModerateAll")} /> {t("dashboard.settings.form.preModerateAll")}
          </label>
          {hint("preModerateAll", t("dashboard.settings.form.preModerateAllHint"))}
          {fieldError("preModerateAll")}
        </div>
        <div className="field settings-check">
          <label>
            <input type="checkbox" aria-describedby={describedBy("holdFirstTimeCommenters")} defaultChecked={initialValues.holdFirstTimeCommenters} {...register("holdFirstTimeCommenters")} /> {t("dashboard.settings.form.holdFirstTime")}
          </label>
          {hint("holdFirstTimeCommenters", t("dashboard.settings.form.holdFirstTimeHint"))}
          {fieldError("holdFirstTimeCommenters")}
        </div>
        <div className="settings-numbers">
          {numberField("approvedCommentsToTrust", t(`${F}approvedToTrust`), t(`${F}units.comments`), t(`${F}approvedToTrustHint`), LIMITS.approvedCommentsToTrust)}
          {numberField("linkHoldThreshold", t(`${F}linkHold`), t(`${F}units.links`), t(`${F}linkHoldHint`), LIMITS.linkHoldThreshold)}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>{t("dashboard.settings.form.limits")}</legend>
        <div className="settings-numbers">
          {numberField("floodIntervalSeconds", t(`${F}flood`), t(`${F}units.seconds`), t(`${F}floodHint`), LIMITS.floodIntervalSeconds)}
          {numberField("duplicateWindowMinutes", t(`${F}duplicate`), t(`${F}units.minutes`), t(`${F}duplicateHint`), LIMITS.duplicateWindowMinutes)}
          {numberField(
            "reportThreshold",
            t(`${F}reportThreshold`),
            t(`${F}units.networks`),
            t(`${F}reportThresholdHint`),
            { ...LIMITS.reportThreshold, nullable: true },
          )}
          {numberField(
            "autoCloseAfterDays",
            t(`${F}autoClose`),
            t(`${F}units.days`),
            t(`${F}autoCloseHint`),
            { ...LIMITS.autoCloseAfterDays, nullable: true },
          )}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>{t("dashboard.settings.form.ruleQueue")}</legend>
        <p className="field-hint">{t("dashboard.settings.form.ruleQueueHint")}</p>
        <table className="settings-rules">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.settings.form.label_")}</th>
              {ruleActions.map((action) => (
                <th scope="col" key={action}>
                  {getRuleActionName(action, t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ruleLabels.map((label) => {
              const name = `ruleActions.${label}` as const;
              return (
                <tr key={label}>
                  <th scope="row" id={fieldId(name)}>
                    {getRuleLabelName(label, t)}
                    {fieldError(name)}
                  </th>
                  {ruleActions.map((action) => (
                    <td key={action}>
                      <input
                        type="radio"
                        value={action}
                        aria-label={`${getRuleLabelName(label, t)}: ${getRuleActionName(action, t)}`}
                        defaultChecked={initialValues.ruleActions[label] === action}
                        {...register(name)}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="field settings-number">
          <label className="field-label" htmlFor={fieldId("offensiveModelThreshold")}>
            {t("dashboard.settings.form.offensive")}
          </label>
          <span className="settings-input-unit">
            <input
              id={fieldId("offensiveModelThreshold")}
              type="number"
              inputMode="decimal"
              min={0}
              max={1}
              step={0.01}
              aria-invalid={invalid("offensiveModelThreshold")}
              aria-describedby={describedBy("offensiveModelThreshold")}
              defaultValue={initial("offensiveModelThreshold")}
              {...register("offensiveModelThreshold", { valueAsNumber: true })}
            />
          </span>
          {hint("offensiveModelThreshold", t("dashboard.settings.form.offensiveHint"))}
          {fieldError("offensiveModelThreshold")}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>{t("dashboard.engagement.settings.legend")}</legend>
        <div className="settings-numbers">
          {numberField(
            "editWindowMinutes",
            t("dashboard.engagement.settings.editWindow"),
            t(`${F}units.minutes`),
            t("dashboard.engagement.settings.editWindowHint"),
            LIMITS.editWindowMinutes,
          )}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={fieldId("respectLabel")}>
            {t("dashboard.engagement.settings.respectLabel")}
          </label>
          <input
            id={fieldId("respectLabel")}
            type="text"
            autoComplete="off"
            maxLength={LIMITS.respectLabelMaxLength}
            aria-invalid={invalid("respectLabel")}
            aria-describedby={describedBy("respectLabel")}
            defaultValue={initial("respectLabel")}
            {...register("respectLabel")}
          />
          {hint("respectLabel", t("dashboard.engagement.settings.respectLabelHint", { max: LIMITS.respectLabelMaxLength }))}
          {fieldError("respectLabel")}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>{t("dashboard.settings.form.readersData")}</legend>
        <div className="settings-numbers">
          {numberField(
            "ipRetentionDays",
            t(`${F}ipRetention`),
            t(`${F}units.days`),
            t(`${F}ipRetentionHint`),
            LIMITS.ipRetentionDays,
          )}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={fieldId("privacyContact")}>
            {t("dashboard.settings.form.privacyContact")}
          </label>
          <input
            id={fieldId("privacyContact")}
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            maxLength={LIMITS.privacyContactMaxLength}
            aria-invalid={invalid("privacyContact")}
            aria-describedby={describedBy("privacyContact")}
            defaultValue={initial("privacyContact")}
            {...register("privacyContact")}
          />
          {hint("privacyContact", t("dashboard.settings.form.privacyContactHint"))}
          {fieldError("privacyContact")}
        </div>
      </fieldset>

      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? t("dashboard.settings.form.saving") : t("dashboard.settings.form.save")}
        </button>
        {isDirty && !isSubmitting && !formMessage ? <span className="settings-unsaved">{t("dashboard.settings.form.unsaved")}</span> : null}
        <div role="status" className="settings-status">
          {savedAt && !isDirty ? (
            <p className="settings-saved">
              {t("dashboard.settings.form.saved", { time: savedAt.toLocaleTimeString(locale) })}
            </p>
          ) : null}
        </div>
        {formMessage ? (
          <p role="alert" className="form-alert settings-alert">
            {formMessage}
          </p>
        ) : null}
      </div>
    </form>
  );
}
