import type { Metadata } from "next";
import Link from "next/link";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { FillText } from "@/components/moderation/fill-text";
import { EraseDataForm } from "@/components/moderation/privacy/erase-data-form";
import { ExportDataForm } from "@/components/moderation/privacy/export-data-form";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/lib/db";
import { getModerationSettings } from "@/lib/moderation/settings";
import { listPrivacyRequests } from "@/lib/privacy/list-privacy-requests";
import "@/components/moderation/bans/bans.css";
import "@/components/moderation/privacy/privacy.css";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("dashboard.privacy.title") };
}

/** Readers' requests for their data or its erasure (administrators only), and the log of those made. */
export default async function PrivacyRequestsPage() {
  const account = await requireModeratorPage();
  const { t, locale } = await getRequestTranslator();
  if (account.role !== "admin") {
    return (
      <>
        <h1>{t("dashboard.privacy.title")}</h1>
        <p className="form-alert" role="alert">
          {t("dashboard.privacy.adminOnly")}
        </p>
      </>
    );
  }

  const db = getDb();
  const [settings, requests] = await Promise.all([getModerationSettings(db), listPrivacyRequests(db)]);
  const now = new Date();

  return (
    <>
      <h1>{t("dashboard.privacy.title")}</h1>
      <p className="privacy-lead">
        {t("dashboard.privacy.lead", { days: settings.ipRetentionDays })}{" "}
        {settings.privacyContact ? (
          <FillText text={t("dashboard.privacy.leadContact")} values={{ privacyPage: <Link href="/privacy">{t("dashboard.privacy.privacyPage")}</Link>, contact: settings.privacyContact }} />
        ) : (
          <FillText
            text={t("dashboard.privacy.leadNoContact")}
            values={{ settings: <Link href="/moderation/settings">{t("dashboard.privacy.settings")}</Link>, privacyPage: <Link href="/privacy">{t("dashboard.privacy.privacyPage")}</Link> }}
          />
        )}
      </p>
      <section className="privacy-section" aria-labelledby="privacy-export-heading">
        <h2 id="privacy-export-heading">{t("dashboard.privacy.exportTitle")}</h2>
        <ExportDataForm />
      </section>
      <section className="privacy-section" aria-labelledby="privacy-erase-heading">
        <h2 id="privacy-erase-heading">{t("dashboard.privacy.eraseTitle")}</h2>
        <EraseDataForm />
      </section>
      <section className="privacy-section" aria-labelledby="privacy-log-heading">
        <h2 id="privacy-log-heading">{t("dashboard.privacy.recent")}</h2>
        {requests.length === 0 ? (
          <p className="privacy-empty">{t("dashboard.privacy.noRequest")}</p>
        ) : (
          <div className="bans-table-wrap privacy-log">
            <table className="data-table bans-table">
              <caption className="visually-hidden">{t("dashboard.privacy.recent")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.privacy.request")}</th>
                  <th scope="col">{t("dashboard.privacy.comments")}</th>
                  <th scope="col">{t("dashboard.privacy.when")}</th>
                  <th scope="col">{t("dashboard.privacy.by")}</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr key={request.id}>
                    <td>{request.kind === "erase" ? t("dashboard.privacy.erasure") : t("dashboard.privacy.export")}</td>
                    <td>{new Intl.NumberFormat(locale).format(request.comments)}</td>
                    <td>
                      <RelativeTime iso={request.createdAt} now={now} locale={locale} />
                    </td>
                    <td>{request.moderator ? (request.moderator.name ?? request.moderator.email) : t("dashboard.privacy.commandLine")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
