import type { Metadata } from "next";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { BanTable } from "@/components/moderation/bans/ban-table";
import { NewBanForm } from "@/components/moderation/bans/new-ban-form";
import { getDb } from "@/lib/db";
import { listBans } from "@/lib/moderation/bans";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("dashboard.bans.title") };
}

/** Banned authors: ban one, see who is banned and why, lift a ban. */
export default async function BansPage() {
  await requireModeratorPage();
  const { t, locale } = await getRequestTranslator();

  const now = new Date();
  const bans = await listBans(getDb(), {}, now);
  const active = bans.filter((ban) => ban.isActive);
  const ended = bans.filter((ban) => !ban.isActive);

  return (
    <>
      <h1>{t("dashboard.bans.title")}</h1>
      <p className="bans-lead">{t("dashboard.bans.lead")}</p>
      <section className="bans-section" aria-labelledby="ban-author-heading">
        <h2 id="ban-author-heading">{t("dashboard.bans.banAnAuthor")}</h2>
        <NewBanForm />
      </section>
      <section className="bans-section" aria-labelledby="active-bans-heading">
        <h2 id="active-bans-heading">
          {t("dashboard.bans.active")} <span className="bans-count">({new Intl.NumberFormat(locale).format(active.length)})</span>
        </h2>
        <BanTable bans={active} caption={t("dashboard.bans.activeCaption")} emptyText={t("dashboard.bans.noneActive")} now={now} locale={locale} />
      </section>
      <section className="bans-section" aria-labelledby="ended-bans-heading">
        <h2 id="ended-bans-heading">
          {t("dashboard.bans.lifted")} <span className="bans-count">({new Intl.NumberFormat(locale).format(ended.length)})</span>
        </h2>
        <BanTable bans={ended} caption={t("dashboard.bans.liftedCaption")} emptyText={t("dashboard.bans.noneLifted")} now={now} locale={locale} />
      </section>
    </>
  );
}
