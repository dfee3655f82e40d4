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
  type RuleAction,
} from "@/lib/validation/moderation-settings";
import { saveModerationSettings, type SettingsApiError } from "./settings-api";
import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { getRuleActionName, getRuleLabelName } from "./setting-names";

type FieldName = FieldPath<ModerationSettingsFormValues>;

const actionHints: Record<RuleAction, string> = {
  flag: "publish, and note why",
  hold: "wait in Pending",
  reject: "go to Rejected (reversible)",
};

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
      setFormMessage("Some settings need fixing; see the messages next to them. Nothing was saved.");
      const first = FORM_FIELDS.find((name) => placed.includes(name));
      if (first) setFocus(first);
    } else {
      setFormMessage(error.status === 403 ? "Only administrators can change settings. Nothing was saved." : `${error.message} Nothing was saved.`);
    }
  };

  const save = async (values: ModerationSettingsFormOutput) => {
    const result = await saveModerationSettings(values);
    if (result.kind === "network") {
      setFormMessage("We could not reach the server. Nothing was saved; try again in a moment.");
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

  const onSubmit = handleSubmit(save, () => setFormMessage("Some settings need fixing; see the messages next to them. Nothing was saved."));

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
      aria-label="Moderation settings"
      aria-busy={isSubmitting}
      onSubmit={(event) => {
        setSavedAt(null);
        setFormMessage(null);
        void onSubmit(event);
      }}
    >
      <fieldset className="settings-group">
        <legend>Words</legend>
        <div className="settings-words">
          {(
            [
              ["bannedWords", "Banned words", "Comments using any of these are rejected."],
              ["suspectWords", "Suspect words", "Comments using any of these wait for a moderator."],
            ] as const
          ).map(([name, label, effect]) => (
            <div className="field" key={name}>
              <label className="field-label" htmlFor={fieldId(name)}>
                {label}
              </label>
              <textarea id={fieldId(name)} rows={8} spellCheck={false} aria-invalid={invalid(name)} aria-describedby={describedBy(name)} defaultValue={initial(name)} {...register(name)} />
              {hint(name, `${effect} One word or phrase per line; whole words, any case. Up to ${LIMITS.wordsMax}.`)}
              {fieldError(name)}
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Holding comments for review</legend>
        <div className="field settings-check">
          <label>
            <input type="checkbox" aria-describedby={describedBy("preModerateAll")} defaultChecked={initialValues.preModerateAll} {...register("preModerateAll")} /> Pre-moderate everything
          </label>
          {hint("preModerateAll", "Every new comment on every article waits for a moderator. To pre-moderate single articles, use the table below.")}
          {fieldError("preModerateAll")}
        </div>
        <div className="field settings-check">
          <label>
            <input type="checkbox" aria-describedby={describedBy("holdFirstTimeCommenters")} defaultChecked={initialValues.holdFirstTimeCommenters} {...register("holdFirstTimeCommenters")} /> Hold first-time commenters
          </label>
          {hint("holdFirstTimeCommenters", "Comments from authors without enough approved comments wait for a moderator.")}
          {fieldError("holdFirstTimeCommenters")}
        </div>
        <div className="settings-numbers">
          {numberField("approvedCommentsToTrust", "Approved comments to trust an author", "comments", "How many approved comments an author needs to skip the first-time hold.", LIMITS.approvedCommentsToTrust)}
          {numberField("linkHoldThreshold", "Link-hold threshold", "links", "Comments with this many links or more wait for a moderator.", LIMITS.linkHoldThreshold)}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Limits</legend>
        <div className="settings-numbers">
          {numberField("floodIntervalSeconds", "Flood interval", "seconds", "One comment per this many seconds per IP address and per e-mail. 0 turns the limit off.", LIMITS.floodIntervalSeconds)}
          {numberField("duplicateWindowMinutes", "Duplicate window", "minutes", "The same text from the same author within this time is refused. 0 turns it off.", LIMITS.duplicateWindowMinutes)}
          {numberField(
            "reportThreshold",
            "Reports hide a comment at",
            "networks",
            "Open reports from this many different networks (one per /24 or /48 of addresses) move a published comment back to Pending. Leave empty to keep reported comments published until a moderator decides.",
            { ...LIMITS.reportThreshold, nullable: true },
          )}
          {numberField(
            "autoCloseAfterDays",
            "Auto-close threads after",
            "days",
            "Counted from the article’s publication. Leave empty to keep threads open until a moderator closes them.",
            { ...LIMITS.autoCloseAfterDays, nullable: true },
          )}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Rule queue</legend>
        <p className="field-hint">What happens to a comment when a rule finds this in it. Flag: {actionHints.flag}; Hold: {actionHints.hold}; Reject: {actionHints.reject}.</p>
        <table className="settings-rules">
          <thead>
            <tr>
              <th scope="col">Label</th>
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
            Offensive-language model threshold
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
          {hint("offensiveModelThreshold", "From 0 to 1. The model acts (as personal attack or abuse above) on comments it scores at or above this; lower catches more.")}
          {fieldError("offensiveModelThreshold")}
        </div>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Readers&rsquo; data</legend>
        <div className="settings-numbers">
          {numberField(
            "ipRetentionDays",
            "Keep IP addresses and user agents for",
            "days",
            "After this, a comment’s IP address, browser and referrer are removed (checked every 10 minutes); the comment stays. Bans and flood limits only see addresses still kept.",
            LIMITS.ipRetentionDays,
          )}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={fieldId("privacyContact")}>
            Privacy contact
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
          {hint("privacyContact", "Optional. An e-mail address or web page where readers ask for a copy of their data or its erasure; the privacy page shows it.")}
          {fieldError("privacyContact")}
        </div>
      </fieldset>

      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save settings"}
        </button>
        {isDirty && !isSubmitting && !formMessage ? <span className="settings-unsaved">Unsaved changes</span> : null}
        <div role="status" className="settings-status">
          {savedAt && !isDirty ? (
            <p className="settings-saved">
              Settings saved at {savedAt.toLocaleTimeString()}. They apply from the next comment posted.
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
