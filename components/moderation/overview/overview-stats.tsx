import Link from "next/link";
import type { Overview, OverviewAction } from "@/lib/moderation/overview";
import { moderationQueues, queueLabels, type QueueCounts } from "@/lib/moderation/queue-names";
import { formatDayLabel } from "./chart-geometry";
import { formatCount, formatDuration, formatPercent } from "./format-figures";

const actionLabels: Record<OverviewAction, string> = { approve: "approved", reject: "rejected", spam: "marked spam", ham: "not spam", undo: "undone" };
const actionOrder: OverviewAction[] = ["approve", "reject", "spam", "ham", "undo"];

/** The queues as they stand, each a link into it. */
export function QueueCards({ counts }: { counts: QueueCounts }) {
  return (
    <ul className="ov-queues">
      {moderationQueues.map((queue) => (
        <li key={queue}>
          <Link href={`/moderation/queue/${queue}`} className={`ov-queue ov-queue-${queue}`}>
            <span className="ov-queue-count">{formatCount(counts[queue])}</span>
            <span className="ov-queue-name">{queueLabels[queue]}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The window's headline figures: volume, spam rate, time to a first decision, decisions made. */
export function OverviewStats({ overview }: { overview: Overview }) {
  const decisionTotal = actionOrder.reduce((sum, action) => sum + overview.decisions[action], 0);
  const decisionParts = actionOrder.filter((action) => overview.decisions[action] > 0).map((action) => `${formatCount(overview.decisions[action])} ${actionLabels[action]}`);
  return (
    <dl className="ov-stats">
      <div className="ov-stat">
        <dt>Comments posted</dt>
        <dd className="ov-stat-value">{formatCount(overview.totals.all)}</dd>
        <dd className="ov-stat-note">
          since {formatDayLabel(overview.from)}; {formatCount(overview.totals.pending)} still pending
        </dd>
      </div>
      <div className="ov-stat">
        <dt>Spam rate</dt>
        <dd className="ov-stat-value">{formatPercent(overview.spamRate)}</dd>
        <dd className="ov-stat-note">
          {formatCount(overview.totals.spam)} of {formatCount(overview.totals.all)} comments
        </dd>
      </div>
      <div className="ov-stat">
        <dt>Median time to decision</dt>
        <dd className="ov-stat-value">{formatDuration(overview.medianTimeToDecisionMs)}</dd>
        <dd className="ov-stat-note">
          {overview.decidedComments === 0
            ? "no comment has had a moderator's decision yet"
            : `first decision on ${formatCount(overview.decidedComments)} ${overview.decidedComments === 1 ? "comment" : "comments"}`}
        </dd>
      </div>
      <div className="ov-stat">
        <dt>Decisions made</dt>
        <dd className="ov-stat-value">{formatCount(decisionTotal)}</dd>
        <dd className="ov-stat-note">{decisionParts.length ? decisionParts.join(", ") : "none yet"}</dd>
      </div>
    </dl>
  );
}
