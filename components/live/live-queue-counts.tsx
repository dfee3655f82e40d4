"use client";

// The dashboard's queue links with their counts, kept current from the
// moderators' event stream (a comment posted or decided anywhere shows here
// within a second or two).
import Link from "next/link";
import { useMemo, useState } from "react";
import { useLocale, useTranslator } from "@/components/i18n/locale-context";
import { moderationQueues, type QueueCounts } from "@/lib/moderation/queue-names";
import { useEventStream } from "./use-event-stream";

function readQueueCounts(data: unknown): QueueCounts | null {
  if (typeof data !== "object" || data === null) return null;
  const values = data as Record<string, unknown>;
  const counts = {} as QueueCounts;
  for (const queue of moderationQueues) {
    const value = values[queue];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) return null;
    counts[queue] = value;
  }
  return counts;
}

/** The queue links of the dashboard's navigation, starting from the counts the page was rendered with. */
export function LiveQueueCounts({ initialCounts }: { initialCounts: QueueCounts }) {
  const t = useTranslator();
  const locale = useLocale();
  const numbers = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const [counts, setCounts] = useState(initialCounts);
  // A refreshed layout brings newer counts of its own: they replace the streamed ones until the next event.
  const [renderedCounts, setRenderedCounts] = useState(initialCounts);
  if (renderedCounts !== initialCounts) {
    setRenderedCounts(initialCounts);
    setCounts(initialCounts);
  }

  const state = useEventStream("/api/v1/moderation/events", {
    counts: (data) => {
      const next = readQueueCounts(data);
      if (next) setCounts(next);
    },
  });

  return (
    <span className="mod-nav-queues" data-live-state={state}>
      {moderationQueues.map((queue) => (
        <Link key={queue} href={`/moderation/queue/${queue}`} className="mod-nav-queue">
          {t(`dashboard.queues.${queue}`)}{" "}
          <span className="mod-count" role="img" aria-label={t("dashboard.shell.countLabel", { count: counts[queue] })}>
            {numbers.format(counts[queue])}
          </span>
        </Link>
      ))}
    </span>
  );
}
