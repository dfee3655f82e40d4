import type { Metadata } from "next";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { formatDayLabel, formatFullDay } from "@/components/moderation/overview/chart-geometry";
import { OverviewChart } from "@/components/moderation/overview/overview-chart";
import { OverviewStats, QueueCards } from "@/components/moderation/overview/overview-stats";
import { getDb } from "@/lib/db";
import { getQueueCounts } from "./queue-counts";
import { requireModeratorPage } from "./moderator-page";
import { getOverview } from "@/lib/moderation/overview";
import "@/components/moderation/overview/overview.css";

export const dynamic = "force-dynamic";

// The layout's "%s · Moderation" template only reaches the segments below it, not this page beside it.
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: { absolute: t("dashboard.titleTemplate", { page: t("dashboard.overview.title") }) } };
}

/** The dashboard's home: the queues as they stand, and the last 30 days at a glance. */
export default async function OverviewPage() {
  await requireModeratorPage();
  const db = getDb();
  const [overview, counts, { t, locale }] = await Promise.all([getOverview(db), getQueueCounts(), getRequestTranslator()]);
  return (
    <>
      <h1>{t("dashboard.overview.title")}</h1>
      <section className="ov-section" aria-labelledby="ov-queues-heading">
        <h2 id="ov-queues-heading">{t("dashboard.overview.queuesNow")}</h2>
        <QueueCards counts={counts} locale={locale} />
      </section>
      <section className="ov-section" aria-labelledby="ov-window-heading">
        <h2 id="ov-window-heading">{t("dashboard.overview.last30Days")}</h2>
        <p className="ov-section-note">{t("dashboard.overview.windowNote", { from: formatDayLabel(overview.from, locale), to: formatFullDay(overview.to, locale) })}</p>
        <OverviewStats overview={overview} locale={locale} />
        <OverviewChart days={overview.days} locale={locale} />
      </section>
    </>
  );
}
