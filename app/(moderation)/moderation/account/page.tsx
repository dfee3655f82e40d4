import type { Metadata } from "next";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { AlertModeForm } from "@/components/moderation/account/alert-mode-form";
import { LanguageForm } from "@/components/moderation/account/language-form";
import { FillText } from "@/components/moderation/fill-text";
import { getDb } from "@/lib/db";
import { isMailOn } from "@/lib/mail/transport";
import { getAlertPreferences, getModeratorLanguage } from "@/lib/notifications/alert-preferences";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("dashboard.account.title") };
}

/** The signed-in moderator's own settings: how they are alerted about held and reported comments, and in which language. */
export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireModeratorPage();
  const db = getDb();
  const [{ mode }, language, { t }, params] = await Promise.all([getAlertPreferences(db, account.id), getModeratorLanguage(db, account.id), getRequestTranslator(), searchParams]);
  const isLanguageSaved = params.saved === "language";
  return (
    <div className="account-page">
      <h1>{t("dashboard.account.title")}</h1>
      <p className="account-lead">
        <FillText text={t("dashboard.account.lead")} values={{ email: <strong>{account.email}</strong> }} />
      </p>
      <section className="account-section" aria-labelledby="account-alerts-title">
        <h2 id="account-alerts-title">{t("dashboard.account.alerts")}</h2>
        <AlertModeForm initialMode={mode} isMailOn={isMailOn()} />
      </section>
      <section className="account-section" aria-labelledby="account-language-title">
        <h2 id="account-language-title">{t("dashboard.account.language")}</h2>
        <LanguageForm key={language ?? "browser"} initialLanguage={language} />
        <p className="alert-done" role="status">
          {isLanguageSaved ? (language ? t("dashboard.account.languageSaved", { language: t("language.name") }) : t("dashboard.account.languageSavedBrowser")) : null}
        </p>
      </section>
    </div>
  );
}
