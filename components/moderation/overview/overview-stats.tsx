import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import type { Overview, OverviewAction } from "@/lib/moderation/overview";
import { moderationQueues, type QueueCounts } from "@/lib/moderation/queue-names";
import { formatDayLabel } from "./chart-geometry";
import { formatCount, formatDuration, formatPercent } from "./format-figures";

const actionOrder: OverviewAction[] = ["approve", "reject", "spam", "ham", "undo"];

/** The queues as they stand, each a link into it. */
export function QueueCards({ counts, locale }: { counts: QueueCounts; locale: Locale }) {
  const t = createTranslator(locale);
  return (
    <ul className="ov-queues">
      {moderationQueues.map((queue) => (
        <li key={queue}>
          <Link href={`/moderation/queue/${queue}`} className={`ov-queue ov-queue-${queue}`}>
            <span className="ov-queue-count">{formatCount(counts[queue], locale)}</span>
            <span className="ov-queue-name">{t(`dashboard.queues.${queue}`)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The window's headline figures: volume, spam rate, time to a first decision, decisions made. */
export function OverviewStats({ overview, locale }: { overview: Overview; locale: Locale }) {
  const t = createTranslator(locale);
  const decisionTotal = actionOrder.reduce((sum, action) => sum + overview.decisions[action], 0);
  const decisionParts = actionOrder.filter((action) => overview.decisions[action] > 0).map((action) => t(`dashboard.overview.decisionParts.${action}`, { count: overview.decisions[action] }));
  return (
    <dl className="ov-stats">
      <div className="ov-stat">
        <dt>{t("dashboard.overview.posted")}</dt>
        <dd className="ov-stat-value">{formatCount(overview.totals.all, locale)}</dd>
        <dd className="ov-stat-note">{t("dashboard.overview.postedNote", { from: formatDayLabel(overview.from, locale), pending: overview.totals.pending })}</dd>
      </div>
      <div className="ov-stat">
        <dt>{t("dashboard.overview.spamRate")}</dt>
        <dd className="ov-stat-value">{formatPercent(overview.spamRate, locale)}</dd>
        <dd className="ov-stat-note">{t("dashboard.overview.spamRateNote", { spam: overview.totals.spam, all: overview.totals.all })}</dd>
      </div>
      <div className="ov-stat">
        <dt>{t("dashboard.overview.medianTime")}</dt>
        <dd className="ov-stat-value">{formatDuration(overview.medianTimeToDecisionMs, locale)}</dd>
        <dd className="ov-stat-note">
          {overview.decidedComments === 0 ? t("dashboard.overview.noDecisionYet") : t("dashboard.overview.firstDecisionOn", { count: overview.decidedComments })}
        </dd>
      </div>
      <div className="ov-stat">
        <dt>{t("dashboard.overview.decisionsMade")}</dt>
        <dd className="ov-stat-value">{formatCount(decisionTotal, locale)}</dd>
        <dd className="ov-stat-note">{decisionParts.length ? decisionParts.join(", ") : t("dashboard.overview.noneYet")}</dd>
      </div>
    </dl>
  );
}
