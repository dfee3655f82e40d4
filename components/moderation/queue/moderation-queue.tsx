"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useEffectEvent, useId, useLayoutEffect, useMemo, useRef, useState, useTransition, type KeyboardEvent as ReactKeyboardEvent } from "react";
import type { BanResult } from "@/lib/moderation/bans";
import { useTranslator } from "@/components/i18n/locale-context";
import type { Translator } from "@/lib/i18n/translate";
import { type DecisionAction, type ModerationQueue, type QueueCounts } from "@/lib/moderation/queue-names";
import type { ModComment, QueuePage } from "@/lib/moderation/queues";
import { describeBanResult } from "@/components/moderation/bans/bans-api";
import { CommentCard, getCardDomId } from "./comment-card";
import { DecisionToast, type ToastNotice } from "./decision-toast";
import { fetchQueuePage, postBulkDecision, postDecision, postFeature, postUndo } from "./queue-api";
import {
  applyCountDeltas,
  canToggleFeature,
  chunkIds,
  describeDecision,
  getAdjacentId,
  getBulkActions,
  getCardActions,
  getCountDelta,
  getActionLabel,
  getFocusAfterRemoval,
  isPickWithdrawnBy,
} from "./queue-decisions";
import { useMessage } from "../use-message";
import { QueueFilterBar, type QueueFilterErrors, type QueueFilters } from "./queue-filter-bar";
import { decisionKeys, getShortcutCommand, toDecisionAction, type ShortcutCommand } from "./queue-shortcuts";
import { ShortcutsDialog } from "./shortcuts-dialog";

export type { QueueFilterErrors, QueueFilters } from "./queue-filter-bar";

export interface ModerationQueueViewProps {
  queue: ModerationQueue;
  /** The first page, read by the server. */
  initialPage: QueuePage;
  /** The filters as the address bar has them, for the filter bar. */
  filters: QueueFilters;
  /** The filters the list was actually read with (invalid ones left out), for "Load more". */
  appliedQuery: { order: "newest" | "oldest"; article?: string | undefined; author?: string | undefined };
  errors: QueueFilterErrors;
  articles: readonly { slug: string; title: string }[];
  /** The server's clock when it rendered, so relative times agree on both sides. */
  now: string;
}

/** How long after the last decision settles the counts are re-read (a burst of decisions costs one read). */
const COUNT_SYNC_DELAY_MS = 700;

function buildQueueHref(queue: ModerationQueue, filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.article) params.set("article", filters.article);
  if (filters.author) params.set("author", filters.author);
  if (filters.order !== "newest") params.set("order", filters.order);
  const search = params.toString();
  return `/moderation/queue/${queue}${search ? `?${search}` : ""}`;
}

function withIds(set: ReadonlySet<string>, ids: readonly string[]): ReadonlySet<string> {
  const next = new Set(set);
  for (const id of ids) next.add(id);
  return next;
}

function withoutIds(set: ReadonlySet<string>, ids: readonly string[]): ReadonlySet<string> {
  if (!ids.some((id) => set.has(id))) return set;
  const next = new Set(set);
  for (const id of ids) next.delete(id);
  return next;
}

/** Left and right arrows move between a toolbar's buttons (the ARIA toolbar pattern); Tab still reaches each. */
function moveAlongToolbar(event: ReactKeyboardEvent<HTMLElement>) {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const buttons = Array.from(event.currentTarget.querySelectorAll("button"));
  const index = buttons.findIndex((button) => button === document.activeElement);
  if (index === -1) return;
  event.preventDefault();
  buttons[(index + (event.key === "ArrowRight" ? 1 : -1) + buttons.length) % buttons.length]?.focus();
}

function byAuthor(comments: readonly ModComment[], t: Translator): string {
  return comments.length === 1 ? t("dashboard.queue.theCommentBy", { name: comments[0]!.authorName }) : t("dashboard.queue.commentsCount", { count: comments.length });
}

/**
 * A moderation queue: filters, the comment cards, one-click decisions that
 * take effect on screen at once (Undo for five seconds), bulk decisions, and
 * Coral-style keys. The server's first page seeds it; later pages and every
 * decision go through the JSON API.
 */
export function ModerationQueueView({ queue, initialPage, filters, appliedQuery, errors, articles, now: nowIso }: ModerationQueueViewProps) {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
  const [isNavigating, startNavigation] = useTransition();
  const [now] = useState(() => new Date(nowIso));
  const [comments, setComments] = useState(initialPage.comments);
  const [nextCursor, setNextCursor] = useState(initialPage.nextCursor);
  const [loadMore, setLoadMore] = useState<{ isLoading: boolean; error: string | null }>({ isLoading: false, error: null });
  const [hiddenIds, setHiddenIds] = useState<ReadonlySet<string>>(() => new Set());
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(() => new Set());
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  const [counts, setCounts] = useState<QueueCounts>(initialPage.counts);
  const [notice, setNotice] = useState<ToastNotice | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const bulkCountId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  // Bookkeeping that must not re-render: requests in flight, optimistic count changes, timers.
  const inFlight = useRef(0);
  const countsVersion = useRef(0);
  const noticeSeq = useRef(0);
  const isLoadingMore = useRef(false);
  const syncTimer = useRef<number | undefined>(undefined);
  // Comments whose pick request is on its way: one at a time each, so two quick toggles cannot arrive in the wrong order.
  const featuresInFlight = useRef(new Set<string>());

  const visible = useMemo(() => comments.filter((comment) => !hiddenIds.has(comment.id)), [comments, hiddenIds]);
  const visibleIds = useMemo(() => visible.map((comment) => comment.id), [visible]);
  const selected = useMemo(() => visible.filter((comment) => selectedIds.has(comment.id)), [visible, selectedIds]);
  const current = currentId === null ? undefined : visible.find((comment) => comment.id === currentId);
  const isAllSelected = visible.length > 0 && selected.length === visible.length;
  const isFiltered = Boolean(appliedQuery.article || appliedQuery.author);

  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selected.length > 0 && !isAllSelected;
  }, [selected.length, isAllSelected]);

  useEffect(() => {
    if (!focusTarget) return;
    const element = document.getElementById(getCardDomId(focusTarget.id));
    if (!element) return;
    element.focus({ preventScroll: true });
    // A card taller than the window shows from its top; others scroll only as far as needed.
    element.scrollIntoView({ block: element.getBoundingClientRect().height > window.innerHeight * 0.7 ? "start" : "nearest" });
  }, [focusTarget]);

  useEffect(() => () => window.clearTimeout(syncTimer.current), []);

  const announce = (text: string) => setAnnouncement((previous) => (previous === text ? `${text}\u00a0` : text));

  const showNotice = (next: Omit<ToastNotice, "id">) => {
    noticeSeq.current += 1;
    setNotice({ ...next, id: noticeSeq.current });
  };

  const dismissNotice = useCallback((id: number) => setNotice((shown) => (shown?.id === id ? null : shown)), []);

  const changeCounts = (deltas: readonly QueueCounts[], sign: 1 | -1) => {
    countsVersion.current += 1;
    setCounts((shown) => applyCountDeltas(shown, deltas, sign));
  };

  /**
   * Once decisions settle, re-reads the counts (kept only if nothing changed
   * them meanwhile) and refreshes the dashboard's own counts.
   */
  const scheduleCountSync = () => {
    window.clearTimeout(syncTimer.current);
    syncTimer.current = window.setTimeout(() => {
      if (inFlight.current > 0) return;
      const version = countsVersion.current;
      startTransition(() => router.refresh());
      void fetchQueuePage({ queue, order: "newest", limit: 1 }).then((result) => {
        if (result.ok && inFlight.current === 0 && countsVersion.current === version) setCounts(result.value.counts);
      });
    }, COUNT_SYNC_DELAY_MS);
  };

  /** Takes cards off the list; the focus, if it was on one of them, moves to the card that takes its place. */
  const removeCards = (ids: readonly string[]) => {
    const removed = new Set(ids);
    const wasFocusInside = ids.some((id) => document.getElementById(getCardDomId(id))?.contains(document.activeElement) ?? false);
    const nextId = getFocusAfterRemoval(visibleIds, removed, currentId);
    setHiddenIds((hidden) => withIds(hidden, ids));
    setSelectedIds((chosen) => withoutIds(chosen, ids));
    setCurrentId(nextId);
    if (wasFocusInside) {
      if (nextId) setFocusTarget({ id: nextId });
      else heading.current?.focus();
    }
    const remaining = visibleIds.filter((id) => !removed.has(id)).length;
    if (remaining === 0 && nextCursor) void loadNextPage();
  };

  /** Puts cards back (a failed decision, an undo) and makes the first one current; it takes the focus unless the moderator is busy elsewhere. */
  const restoreCards = (targets: readonly ModComment[], deltas: ReadonlyMap<string, QueueCounts>) => {
    const first = targets[0];
    if (!first) return;
    setHiddenIds((hidden) => withoutIds(hidden, targets.map((comment) => comment.id)));
    changeCounts(
      targets.map((comment) => deltas.get(comment.id)!),
      -1,
    );
    setCurrentId(first.id);
    const focused = document.activeElement;
    if (!focused || focused === document.body || focused.matches("article.mq-card, .mq-toast *")) setFocusTarget({ id: first.id });
  };

  /** Sends the decision; on an error puts the cards back. Resolves to the comments it decided. */
  const sendDecision = async (targets: readonly ModComment[], action: DecisionAction, deltas: ReadonlyMap<string, QueueCounts>): Promise<ModComment[]> => {
    if (targets.length === 1) {
      const target = targets[0]!;
      const result = await postDecision(target.id, action);
      if (result.ok) return [target];
      restoreCards(targets, deltas);
      showNotice({ kind: "error", message: t("dashboard.queue.couldNotOne", { verb: t(`dashboard.queue.verbs.${action}`), who: byAuthor(targets, t), message: say(result.message) }) });
      return [];
    }
    const decided: ModComment[] = [];
    const settledIds = new Set<string>();
    for (const chunk of chunkIds(targets.map((comment) => comment.id))) {
      const result = await postBulkDecision(chunk, action);
      if (!result.ok) {
        const rest = targets.filter((comment) => !settledIds.has(comment.id));
        restoreCards(rest, deltas);
        const params = { verb: t(`dashboard.queue.verbs.${action}`), who: byAuthor(rest, t), message: say(result.message), done: decided.length };
        showNotice({ kind: "error", message: decided.length > 0 ? t("dashboard.queue.couldNotManyPartly", params) : t("dashboard.queue.couldNotMany", params) });
        return decided;
      }
      const decidedIds = new Set(result.value.decided.map((entry) => entry.id));
      for (const id of chunk) settledIds.add(id);
      // Comments the server no longer has stay off the list.
      decided.push(...targets.filter((comment) => decidedIds.has(comment.id)));
    }
    return decided;
  };

  const undoDecision = async (settled: Promise<ModComment[]>, deltas: ReadonlyMap<string, QueueCounts>) => {
    setNotice(null);
    inFlight.current += 1;
    try {
      const decided = await settled;
      if (decided.length === 0) return;
      const results = await Promise.all(decided.map((comment) => postUndo(comment.id)));
      const undone = decided.filter((_, index) => results[index]!.ok);
      const failure = results.find((result) => !result.ok);
      if (undone.length > 0) {
        restoreCards(undone, deltas);
        announce(undone.length === 1 ? t("dashboard.queue.undoneOne", { name: undone[0]!.authorName }) : t("dashboard.queue.undoneMany", { count: undone.length }));
      }
      if (failure && !failure.ok) {
        const count = decided.length - undone.length;
        showNotice({ kind: "error", message: t("dashboard.queue.couldNotUndo", { count, message: say(failure.message) }) });
      }
    } finally {
      inFlight.current -= 1;
      scheduleCountSync();
    }
  };

  /** Sets cards' pick state as shown (the server's answer, or a guess until it comes). */
  const showFeatured = (ids: readonly string[], featured: boolean) => {
    const changed = new Set(ids);
    setComments((shown) => shown.map((comment) => (changed.has(comment.id) && comment.featured !== featured ? { ...comment, featured } : comment)));
  };

  /** Features a card's comment or takes the feature back: pressed at once, put back with a notice if the server refuses. */
  const toggleFeature = async (comment: ModComment) => {
    if (featuresInFlight.current.has(comment.id)) return;
    const featured = !comment.featured;
    featuresInFlight.current.add(comment.id);
    showFeatured([comment.id], featured);
    const result = await postFeature(comment.id, featured);
    featuresInFlight.current.delete(comment.id);
    if (result.ok) {
      // The pressed button and the badge show it; the status region says it, leaving a decision's Undo notice in place.
      announce(t(featured ? "dashboard.engagement.queue.featured" : "dashboard.engagement.queue.unfeatured", { name: comment.authorName }));
      return;
    }
    showFeatured([comment.id], comment.featured);
    showNotice({
      kind: "error",
      message: t(featured ? "dashboard.engagement.queue.couldNotFeature" : "dashboard.engagement.queue.couldNotUnfeature", { name: comment.authorName, message: say(result.message) }),
    });
  };

  /** One decision on one or more cards: off the list at once, the request behind it, Undo offered. */
  const decide = (targets: readonly ModComment[], action: DecisionAction) => {
    if (targets.length === 0) return;
    const deltas = new Map(targets.map((comment) => [comment.id, getCountDelta(comment, action)]));
    removeCards(targets.map((comment) => comment.id));
    changeCounts([...deltas.values()], 1);
    const message = describeDecision(action, targets.length, t);
    inFlight.current += 1;
    const settled = sendDecision(targets, action, deltas)
      .then((decided) => {
        // The server took their pick away with the decision: an undo brings them back without it.
        if (isPickWithdrawnBy(action)) showFeatured(decided.filter((comment) => comment.featured).map((comment) => comment.id), false);
        return decided;
      })
      .finally(() => {
        inFlight.current -= 1;
        scheduleCountSync();
      });
    showNotice({ kind: "success", message, onUndo: () => void undoDecision(settled, deltas) });
  };

  const onAuthorBanned = (email: string, result: BanResult) => {
    const message = describeBanResult(result, t);
    if (result.rejectedCount > 0) {
      // The ban rejected the author's pending comments: they leave this queue like any rejected comment.
      const rejected = visible.filter((comment) => comment.status === "pending" && comment.authorEmail.toLowerCase() === email.toLowerCase());
      removeCards(rejected.map((comment) => comment.id));
      countsVersion.current += 1;
      scheduleCountSync();
    }
    showNotice({ kind: "success", message });
  };

  async function loadNextPage() {
    if (!nextCursor || isLoadingMore.current) return;
    isLoadingMore.current = true;
    setLoadMore({ isLoading: true, error: null });
    const version = countsVersion.current;
    const result = await fetchQueuePage({ queue, ...appliedQuery, cursor: nextCursor });
    isLoadingMore.current = false;
    if (!result.ok) {
      setLoadMore({ isLoading: false, error: say(result.message) });
      return;
    }
    setComments((shown) => {
      const known = new Set(shown.map((comment) => comment.id));
      return [...shown, ...result.value.comments.filter((comment) => !known.has(comment.id))];
    });
    setNextCursor(result.value.nextCursor);
    setLoadMore({ isLoading: false, error: null });
    if (inFlight.current === 0 && countsVersion.current === version) setCounts(result.value.counts);
  }

  // Cards are memoised; their callbacks stay the same and reach the latest state through this.
  const latest = useRef({ decide, onAuthorBanned, toggleFeature });
  useLayoutEffect(() => {
    latest.current = { decide, onAuthorBanned, toggleFeature };
  });
  const onDecide = useCallback((comment: ModComment, action: DecisionAction) => latest.current.decide([comment], action), []);
  const onToggleFeature = useCallback((comment: ModComment) => void latest.current.toggleFeature(comment), []);
  const onBanned = useCallback((email: string, result: BanResult) => latest.current.onAuthorBanned(email, result), []);
  const onToggleSelect = useCallback((id: string) => setSelectedIds((chosen) => (chosen.has(id) ? withoutIds(chosen, [id]) : withIds(chosen, [id]))), []);
  const getAuthorFilterHref = useCallback((author: string) => buildQueueHref(queue, { order: appliedQuery.order, article: appliedQuery.article ?? "", author }), [queue, appliedQuery.order, appliedQuery.article]);

  const navigate = (next: QueueFilters) => startNavigation(() => router.push(buildQueueHref(queue, next)));

  const moveFocus = (step: 1 | -1) => {
    const id = getAdjacentId(visibleIds, currentId, step);
    if (!id) {
      announce(t("dashboard.queue.nothingHere"));
      return;
    }
    if (id === currentId && step === 1 && nextCursor) {
      announce(t("dashboard.queue.loadingMore"));
      void loadNextPage();
    }
    setCurrentId(id);
    setFocusTarget({ id });
  };

  const runCommand = (command: ShortcutCommand) => {
    const action = toDecisionAction(command);
    if (command === "next" || command === "previous") moveFocus(command === "next" ? 1 : -1);
    else if (command === "help") setIsHelpOpen(true);
    else if (command === "undo") {
      if (notice?.onUndo) notice.onUndo();
      else announce(t("dashboard.queue.nothingToUndo"));
    } else if (!current) announce(t("dashboard.queue.noneChosen"));
    else if (command === "toggle-select") onToggleSelect(current.id);
    else if (command === "toggle-feature") {
      if (canToggleFeature(current)) void toggleFeature(current);
      else announce(t("dashboard.queue.doesNotApply", { action: t("dashboard.engagement.card.feature") }));
    }
    else if (action) {
      if (getCardActions(current).includes(action)) decide([current], action);
      else announce(t("dashboard.queue.doesNotApply", { action: getActionLabel(action, t) }));
    }
  };

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || isHelpOpen) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    const command = getShortcutCommand({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      isComposing: event.isComposing,
      target: target ? { tagName: target.tagName, type: target instanceof HTMLInputElement ? target.type : undefined, isContentEditable: target.isContentEditable } : null,
    });
    if (!command) return;
    event.preventDefault();
    // Holding a key down moves through the list, but never decides (or toggles a pick) twice.
    if (event.repeat && (toDecisionAction(command) || command === "toggle-feature")) return;
    runCommand(command);
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  const bulkActions = getBulkActions(selected);
  const count = counts[queue];

  return (
    <div className="mq">
      <header className="mq-head">
        <h1 ref={heading} tabIndex={-1}>
          {t(`dashboard.queues.${queue}`)} <span className="mq-head-count">{t("dashboard.queue.count", { count })}</span>
        </h1>
        <button type="button" className="button mq-help-button" onClick={() => setIsHelpOpen(true)} aria-keyshortcuts="?">
          {t("dashboard.queue.shortcutsButton")}{" "}
          <kbd className="mq-key" aria-hidden="true">
            ?
          </kbd>
        </button>
      </header>

      <QueueFilterBar filters={filters} errors={errors} articles={articles} onChange={navigate} />
      {errors.cursor ? (
        <p className="mq-notice" role="note">
          {say(errors.cursor)}
        </p>
      ) : null}

      {visible.length > 0 ? (
        <div className="mq-toolbar">
          <label className="mq-select-all">
            <input
              ref={selectAll}
              type="checkbox"
              checked={isAllSelected}
              onChange={() => setSelectedIds((chosen) => (isAllSelected ? withoutIds(chosen, visibleIds) : withIds(chosen, visibleIds)))}
            />{" "}
            {t("dashboard.queue.selectAll")}
          </label>
          {selected.length > 0 ? (
            <div className="mq-bulk" role="toolbar" aria-labelledby={bulkCountId} onKeyDown={moveAlongToolbar}>
              <span className="mq-bulk-count" id={bulkCountId}>
                {t("dashboard.queue.selectedCount", { count: selected.length })}
              </span>
              {bulkActions.map((action) => (
                <button key={action} type="button" className={`mq-button mq-button-${action}`} onClick={() => decide(selected, action)}>
                  {getActionLabel(action, t)}
                </button>
              ))}
              <button type="button" className="link-button mq-bulk-clear" onClick={() => setSelectedIds(new Set())}>
                {t("dashboard.queue.clear")}
                <span className="mq-wide-only">{t("dashboard.queue.clearSelection")}</span>
              </button>
            </div>
          ) : (
            <span className="mq-toolbar-hint">
              <kbd className="mq-key">j</kbd> <kbd className="mq-key">k</kbd> {t("dashboard.queue.hintMove")} <kbd className="mq-key">{decisionKeys.approve}</kbd>{" "}
              <kbd className="mq-key">{decisionKeys.reject}</kbd> <kbd className="mq-key">{decisionKeys.spam}</kbd> {t("dashboard.queue.hintDecide")} <kbd className="mq-key">?</kbd>{" "}
              {t("dashboard.queue.hintAll")}
            </span>
          )}
        </div>
      ) : null}

      {visible.length === 0 ? (
        <div className="mq-empty">
          {loadMore.isLoading ? (
            <p>{t("dashboard.queue.loadingMore")}</p>
          ) : isFiltered ? (
            <p>{t("dashboard.queue.noMatch")}</p>
          ) : (
            <p>{t(`dashboard.queue.empty.${queue}`)}</p>
          )}
        </div>
      ) : (
        <ol className={`mq-list${isNavigating ? " is-busy" : ""}`} aria-busy={isNavigating || undefined} aria-label={t("dashboard.queue.listLabel", { queue: t(`dashboard.queues.${queue}`) })}>
          {visible.map((comment) => (
            <li key={comment.id}>
              <CommentCard
                comment={comment}
                now={now}
                isCurrent={comment.id === currentId}
                isSelected={selectedIds.has(comment.id)}
                onToggleSelect={onToggleSelect}
                onDecide={onDecide}
                onToggleFeature={onToggleFeature}
                onCurrent={setCurrentId}
                onBanned={onBanned}
                getAuthorFilterHref={getAuthorFilterHref}
              />
            </li>
          ))}
        </ol>
      )}

      {nextCursor ? (
        <div className="mq-more">
          <button type="button" className="button" onClick={() => void loadNextPage()} disabled={loadMore.isLoading}>
            {loadMore.isLoading ? t("dashboard.queue.loading") : t("dashboard.queue.loadMore")}
          </button>
          {loadMore.error ? (
            <p className="mq-filter-error" role="alert">
              {loadMore.error}
            </p>
          ) : null}
        </div>
      ) : visible.length > 0 ? (
        <p className="mq-end">{t("dashboard.queue.end")}</p>
      ) : null}

      <div className="mq-toast-region" role="status">
        {notice ? <DecisionToast key={notice.id} notice={notice} onDismiss={dismissNotice} /> : null}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {isHelpOpen ? <ShortcutsDialog onClose={() => setIsHelpOpen(false)} /> : null}
    </div>
  );
}
