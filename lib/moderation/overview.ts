// The dashboard's home figures: comments per day over the last 30 days by the
// status they hold now, the spam rate, how long comments wait for their first
// decision, and what moderators decided. Every figure is aggregated in SQL, so
// the cost does not grow with the comments loaded into memory.
import type { Db } from "../db";
import { toTimestampParam } from "../sql-time";

/** How many days the overview covers, today (UTC) included. */
export const OVERVIEW_DAYS = 30;

/** The statuses a comment can hold, in the order the overview stacks them. */
export const overviewStatuses = ["approved", "pending", "spam", "rejected"] as const;

/** One of the statuses the overview counts. */
export type OverviewStatus = (typeof overviewStatuses)[number];

/** The actions a ModerationDecision records. */
export const overviewActions = ["approve", "reject", "spam", "ham", "undo"] as const;

/** One recorded decision action. */
export type OverviewAction = (typeof overviewActions)[number];

/** Comments posted on one UTC day, by the status they hold now. */
export interface OverviewDay extends Record<OverviewStatus, number> {
  /** The UTC date, "YYYY-MM-DD". */
  date: string;
}

/** The dashboard's home figures. */
export interface Overview {
  /** The first and last day covered, "YYYY-MM-DD" (UTC). */
  from: string;
  to: string;
  /** One entry per day, oldest first, days without comments included. */
  days: OverviewDay[];
  /** The days' counts added up; `all` is every comment posted in the window. */
  totals: Record<OverviewStatus | "all", number>;
  /** Spam's share of the window's comments, 0 to 1 (0 when there are none). */
  spamRate: number;
  /** Median of (first decision − posting) over the window's comments that have a decision; null when none has. */
  medianTimeToDecisionMs: number | null;
  /** How many of the window's comments have had a decision. */
  decidedComments: number;
  /** Decisions recorded in the window, by action. */
  decisions: Record<OverviewAction, number>;
}

const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" of a time, in UTC. */
function toUtcDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function isOverviewStatus(value: string): value is OverviewStatus {
  return (overviewStatuses as readonly string[]).includes(value);
}

function isOverviewAction(value: string): value is OverviewAction {
  return (overviewActions as readonly string[]).includes(value);
}

/** The figures for the 30 UTC days ending with `now`'s day. */
export async function getOverview(db: Db, now = new Date()): Promise<Overview> {
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const windowStart = todayStart - (OVERVIEW_DAYS - 1) * DAY_MS;
  const windowEnd = todayStart + DAY_MS;
  const start = toTimestampParam(windowStart);
  const end = toTimestampParam(windowEnd);

  // Naming every status lets the planner range-scan the (status, createdAt) index once per status;
  // days come back as offsets from the first day (cheaper than formatting each row's date in SQL).
  const [perDay, timing, decisionRows] = await Promise.all([
    db.$queryRaw<Array<{ dayIndex: number; status: string; count: number }>>`
      SELECT ("createdAt"::date - CAST(${toUtcDate(windowStart)} AS date)) AS "dayIndex", "status"::text AS "status", count(*)::int AS "count"
      FROM "Comment"
      WHERE "status" IN ('approved', 'pending', 'spam', 'rejected')
        AND "createdAt" >= CAST(${start} AS timestamp(3)) AND "createdAt" < CAST(${end} AS timestamp(3))
      GROUP BY 1, "status"`,
    // A decision never precedes its comment, so bounding decisions by the window too lets their createdAt index help.
    // Editors' picks are logged beside decisions, but a pick is not the decision a comment waited for.
    db.$queryRaw<Array<{ median: number | null; decided: number }>>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "waitMs")::float8 AS "median", count(*)::int AS "decided"
      FROM (
        SELECT EXTRACT(EPOCH FROM (min(d."createdAt") - c."createdAt")) * 1000 AS "waitMs"
        FROM "Comment" c
        JOIN "ModerationDecision" d ON d."commentId" = c."id"
        WHERE c."createdAt" >= CAST(${start} AS timestamp(3)) AND c."createdAt" < CAST(${end} AS timestamp(3))
          AND d."createdAt" >= CAST(${start} AS timestamp(3))
          AND d."action" NOT IN ('feature', 'unfeature')
        GROUP BY c."id", c."createdAt"
      ) AS "firstDecisions"`,
    db.moderationDecision.groupBy({
      by: ["action"],
      where: { createdAt: { gte: new Date(windowStart), lt: new Date(windowEnd) } },
      _count: { _all: true },
    }),
  ]);

  const days: OverviewDay[] = Array.from({ length: OVERVIEW_DAYS }, (_, index) => ({
    date: toUtcDate(windowStart + index * DAY_MS),
    approved: 0,
    pending: 0,
    spam: 0,
    rejected: 0,
  }));
  const totals: Overview["totals"] = { approved: 0, pending: 0, spam: 0, rejected: 0, all: 0 };
  for (const row of perDay) {
    const day = days[Number(row.dayIndex)];
    if (!day || !isOverviewStatus(row.status)) continue;
    const count = Number(row.count);
    day[row.status] += count;
    totals[row.status] += count;
    totals.all += count;
  }

  const decisions: Overview["decisions"] = { approve: 0, reject: 0, spam: 0, ham: 0, undo: 0 };
  for (const row of decisionRows) {
    if (isOverviewAction(row.action)) decisions[row.action] += row._count._all;
  }

  const median = timing[0]?.median;
  return {
    from: toUtcDate(windowStart),
    to: toUtcDate(todayStart),
    days,
    totals,
    spamRate: totals.all === 0 ? 0 : totals.spam / totals.all,
    medianTimeToDecisionMs: median === null || median === undefined ? null : Math.round(Number(median)),
    decidedComments: Number(timing[0]?.decided ?? 0),
    decisions,
  };
}
