"use client";

// "N new comments — show": a pill fixed at the bottom of the window, so the
// text being read never moves, that appears when the thread's live count
// passes the count on the page. Showing them refreshes the page's data and
// then scrolls to the discussion.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { useEventStream } from "./use-event-stream";

/**
 * How long a higher count must stand before the pill shows: when the reader's
 * own comment is published, the page refreshes itself, and the pill should
 * not flash up meanwhile.
 */
const SETTLE_MS = 500;

function readCommentCount(data: unknown, slug: string): number | null {
  if (typeof data !== "object" || data === null) return null;
  const { slug: eventSlug, commentCount } = data as { slug?: unknown; commentCount?: unknown };
  return eventSlug === slug && typeof commentCount === "number" && Number.isInteger(commentCount) && commentCount >= 0 ? commentCount : null;
}

/** Follows an article's comment count and offers to show comments published since the page was rendered with `renderedCount`. */
export function NewCommentsNotice({ slug, renderedCount }: { slug: string; renderedCount: number }) {
  const router = useRouter();
  const t = useTranslator();
  const [latest, setLatest] = useState<number | null>(null);
  const [settled, setSettled] = useState<number | null>(null);
  const [isRefreshing, startTransition] = useTransition();
  const wantsScroll = useRef(false);

  const state = useEventStream(`/api/v1/articles/${encodeURIComponent(slug)}/events`, {
    thread: (data) => {
      const count = readCommentCount(data, slug);
      if (count !== null) setLatest(count);
    },
  });

  useEffect(() => {
    if (latest === null) return;
    const timer = window.setTimeout(() => setSettled(latest), SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [latest]);

  // Once the refreshed page is in, the new comments are in the discussion: go there.
  useEffect(() => {
    if (isRefreshing || !wantsScroll.current) return;
    wantsScroll.current = false;
    const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    document.getElementById("comments")?.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "start" });
  }, [isRefreshing]);

  const newCount = settled === null ? 0 : settled - renderedCount;
  const show = () => {
    wantsScroll.current = true;
    startTransition(() => router.refresh());
  };

  return (
    <div className="live-notice" role="status" data-live-state={state}>
      {newCount > 0 ? (
        <button type="button" className="live-notice-pill" onClick={show} disabled={isRefreshing}>
          {t("reader.discussion.newComments", { count: newCount })}
        </button>
      ) : null}
    </div>
  );
}
