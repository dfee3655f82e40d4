"use client";

import { useRouter } from "next/navigation";
import { startTransition, useId } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { accountLanguageInputSchema, type AccountLanguageInput } from "@/lib/validation/alert-mode";
import { sendDashboardRequest, type DashboardApiResult } from "../dashboard-api";
import { useMessage } from "../use-message";
import { useSavedChoice } from "./use-saved-choice";
import "./account.css";

type Language = AccountLanguageInput["language"];

/** The choices in the order shown; each language is named in itself, as language pickers do. */
const choices: ReadonlyArray<{ value: Language; label: string | null; lang?: string }> = [
  { value: null, label: null },
  { value: "en", label: "English", lang: "en" },
  { value: "es", label: "Español", lang: "es" },
];

/** PUT /api/v1/moderation/account/language → the language saved (null: the browser's). */
async function saveLanguage(language: Language): Promise<DashboardApiResult<Language>> {
  // Wrapped: a saved null is an answer, not an unreadable body.
  const result = await sendDashboardRequest("/api/v1/moderation/account/language", { method: "PUT", body: { language } }, (body) => {
    const parsed = accountLanguageInputSchema.safeParse(body);
    return parsed.success ? { language: parsed.data.language } : null;
  });
  return result.kind === "ok" ? { kind: "ok", value: result.value.language } : result;
}

/** The Account page's language choice: the browser's, English or Español; saved for the signed-in moderator, it also sets their alert mails' language. */
export function LanguageForm({ initialLanguage }: { initialLanguage: Language }) {
  const t = useTranslator();
  const say = useMessage();
  const router = useRouter();
  const id = useId();
  const { choice: language, setChoice: setLanguage, isUnchanged, formError, isSending, submit } = useSavedChoice<Language>({
    initial: initialLanguage,
    field: "language",
    save: saveLanguage,
    onSaved: () => {
      // The page is drawn again in the chosen language; the "saved" notice comes with it.
      const url = new URL(window.location.href);
      url.searchParams.delete("lang");
      url.searchParams.set("saved", "language");
      startTransition(() => {
        router.replace(`${url.pathname}${url.search}`);
        router.refresh();
      });
    },
  });

  return (
    <form className="alert-form" onSubmit={(event) => void submit(event)}>
      <fieldset className="alert-choices">
        <legend>{t("dashboard.account.languageLegend")}</legend>
        {choices.map((choice) => (
          <label key={choice.value ?? "browser"} className="alert-choice">
            <input
              type="radio"
              name="language"
              value={choice.value ?? "browser"}
              checked={language === choice.value}
              onChange={() => setLanguage(choice.value)}
              aria-describedby={choice.value === null ? `${id}-browser-hint` : undefined}
            />
            <span className="alert-choice-text">
              <span className="alert-choice-label" lang={choice.lang}>
                {choice.label ?? t("dashboard.account.languageBrowser")}
              </span>
              {choice.value === null ? (
                <span className="field-hint" id={`${id}-browser-hint`}>
                  {t("dashboard.account.languageBrowserHint")}
                </span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      {formError ? (
        <p className="form-alert" role="alert">
          {say(formError)}
        </p>
      ) : null}
      <div className="alert-actions">
        <button type="submit" className="button" disabled={isSending || isUnchanged}>
          {isSending ? t("dashboard.account.saving") : t("dashboard.account.save")}
        </button>
      </div>
    </form>
  );
}
