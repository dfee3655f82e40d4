// What a moderator can decide on a card, what it does to the queue counts
// (shown before the server answers), and how the queue words it afterwards.
import type { AuthorHistory, ModComment } from "@/lib/moderation/queues";
import type { DecisionAction, ModerationQueue, QueueCounts } from "@/lib/moderation/queue-names";
import { createTranslator, type Translator } from "@/lib/i18n/translate";

const english = createTranslator("en");

/** A comment's status. */
export type CommentStatus = ModComment["status"];

/** The part of a comment that decides its buttons and its place in the counts. */
export type DecisionSubject = Pick<ModComment, "status" | "reports">;

/** The order the buttons come in. */
const actionOrder: readonly DecisionAction[] = ["approve", "reject", "spam", "ham"];

/** The buttons' text, in the given language (English by default). */
export function getActionLabel(action: DecisionAction, t: Translator = english): string {
  return t(`dashboard.actions.${action}`);
}

/** Where each decision puts a comment (as lib/moderation/decisions.ts does). */
export const statusAfterAction: Record<DecisionAction, CommentStatus> = { approve: "approved", reject: "rejected", spam: "spam", ham: "approved" };

/** A status's name as badges show it. */
export function getStatusLabel(status: CommentStatus, t: Translator = english): string {
  return t(`dashboard.statuses.${status}`);
}

/** Whether readers' reports on the comment still wait for a moderator. */
export function hasOpenReports(comment: Pick<ModComment, "reports">): boolean {
  return comment.reports.some((report) => !report.isResolved);
}

/** Whether the comment sits in the reported queue: open reports on a comment readers can still see. */
function isInReportedQueue(comment: DecisionSubject): boolean {
  return (comment.status === "approved" || comment.status === "pending") && hasOpenReports(comment);
}

/**
 * The decisions that change something for this comment. Approving an approved
 * comment still answers its open reports ("keep it"); "Not spam" only corrects
 * a comment filed as spam.
 */
export function getCardActions(comment: DecisionSubject): DecisionAction[] {
  return actionOrder.filter((action) => {
    if (action === "ham") return comment.status === "spam";
    if (action === "approve" && comment.status === "approved") return hasOpenReports(comment);
    return statusAfterAction[action] !== comment.status;
  });
}

/**
 * Whether the card offers the editors'-pick toggle: to feature, a published
 * comment its author has not taken back (as the API requires); to unfeature,
 * any pick, wherever it is now (a pick held after readers' reports stays one).
 */
export function canToggleFeature(comment: Pick<ModComment, "status" | "deleted" | "featured">): boolean {
  return comment.featured || (comment.status === "approved" && !comment.deleted);
}

/** Whether a decision ends the comment's pick (lib/moderation/feature-comment.ts withdrawPickIfRemoved does so on the server). */
export function isPickWithdrawnBy(action: DecisionAction): boolean {
  const toStatus = statusAfterAction[action];
  return toStatus === "rejected" || toStatus === "spam";
}

/** The decisions the bulk bar offers: those that change something for at least one selected comment. */
export function getBulkActions(comments: readonly DecisionSubject[]): DecisionAction[] {
  const offered = new Set(comments.flatMap(getCardActions));
  return actionOrder.filter((action) => offered.has(action));
}

/** How a decision changes the counts: +1/−1 per queue the comment leaves or joins. */
export function getCountDelta(comment: DecisionSubject, action: DecisionAction): QueueCounts {
  const delta: QueueCounts = { pending: 0, reported: 0, spam: 0, rejected: 0, approved: 0 };
  const toStatus = statusAfterAction[action];
  if (toStatus !== comment.status) {
    delta[comment.status] -= 1;
    delta[toStatus] += 1;
  }
  // Every decision answers the comment's open reports.
  if (isInReportedQueue(comment)) delta.reported -= 1;
  return delta;
}

/** Adds (sign 1) or takes back (sign −1) the deltas of several decisions; no count drops below zero. */
export function applyCountDeltas(counts: QueueCounts, deltas: readonly QueueCounts[], sign: 1 | -1 = 1): QueueCounts {
  const next = { ...counts };
  for (const delta of deltas) {
    for (const queue of Object.keys(next) as ModerationQueue[]) next[queue] = Math.max(0, next[queue] + sign * delta[queue]);
  }
  return next;
}

/** The notice after a decision: "Approved", "Rejected 3 comments", "Marked 2 comments as spam". */
export function describeDecision(action: DecisionAction, count: number, t: Translator = english): string {
  return t(`dashboard.queue.decided.${action}`, { count });
}

/** "3 approved · 1 rejected · 0 spam" (and "· 4 pending" when the author has more than this one waiting). */
export function formatAuthorCounts(history: AuthorHistory, t: Translator = english): string {
  const pending = history.pending > 1 ? t("dashboard.card.authorPending", { pending: history.pending }) : "";
  return `${t("dashboard.card.authorCounts", { approved: history.approved, rejected: history.rejected, spam: history.spam })}${pending}`;
}

/** Whether the author has had no comment decided so far (their first comments are all still waiting). */
export function isNewAuthor(history: AuthorHistory): boolean {
  return history.approved + history.rejected + history.spam === 0;
}

/** Splits ids into batches the bulk endpoint accepts (at most 100 each). */
export function chunkIds(ids: readonly string[], size = 100): string[][] {
  const chunks: string[][] = [];
  for (let index = 0; index < ids.length; index += size) chunks.push(ids.slice(index, index + size));
  return chunks;
}

/** The card that should take the focus once `removed` leave the list: the next one after the first removed, else the one before. */
export function getFocusAfterRemoval(visibleIds: readonly string[], removed: ReadonlySet<string>, currentId: string | null): string | null {
  const anchor = currentId !== null && removed.has(currentId) ? visibleIds.indexOf(currentId) : -1;
  if (currentId !== null && anchor === -1) return visibleIds.includes(currentId) ? currentId : null;
  for (let index = anchor + 1; index < visibleIds.length; index += 1) if (!removed.has(visibleIds[index]!)) return visibleIds[index]!;
  for (let index = anchor - 1; index >= 0; index -= 1) if (!removed.has(visibleIds[index]!)) return visibleIds[index]!;
  return null;
}

/** The card j (step 1) or k (step −1) moves to; from no card, both start at the first. */
export function getAdjacentId(visibleIds: readonly string[], currentId: string | null, step: 1 | -1): string | null {
  if (visibleIds.length === 0) return null;
  const index = currentId === null ? -1 : visibleIds.indexOf(currentId);
  if (index === -1) return visibleIds[0]!;
  return visibleIds[Math.min(visibleIds.length - 1, Math.max(0, index + step))]!;
}
