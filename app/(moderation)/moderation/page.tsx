import type { Metadata } from "next";
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
export const metadata: Metadata = { title: { absolute: "Overview · Moderation" } };

/** The dashboard's home: the queues as they stand, and the last 30 days at a glance. */
export default async function OverviewPage() {
  await requireModeratorPage();
  const db = getDb();
  const [overview, counts] = await Promise.all([getOverview(db), getQueueCounts()]);
  return (
    <>
      <h1>Overview</h1>
      <section className="ov-section" aria-labelledby="ov-queues-heading">
        <h2 id="ov-queues-heading">Queues now</h2>
        <QueueCards counts={counts} />
      </section>
      <section className="ov-section" aria-labelledby="ov-window-heading">
        <h2 id="ov-window-heading">Last 30 days</h2>
        <p className="ov-section-note">
          {formatDayLabel(overview.from)} to {formatFullDay(overview.to)} (UTC days); comments are counted by the day they were posted and the status they hold now.
        </p>
        <OverviewStats overview={overview} />
        <OverviewChart days={overview.days} />
      </section>
    </>
  );
}
