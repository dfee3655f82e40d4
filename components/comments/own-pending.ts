// Following the comments this browser posted that a moderator has not decided
// yet, for the article page and the framed thread alike: what to show at once
// (from storage), and which to drop once the server says they were decided.
import { fetchOwnCommentStatus, type ApiResult, type OwnCommentStatus, type PostedComment } from "./comments-api";
import { forgetOwnPending, readOwnPending, rememberOwnPending, type DraftStorage, type OwnPendingComment } from "./draft-storage";

/** Fired on the window when this page has put one of the reader's comments among the held (an edit the server held), so the list is read again. */
export const OWN_PENDING_CHANGED_EVENT = "comments:own-pending-changed";

/** Keeps a comment the server has just held; an approved one, or one without a token, needs no following. */
export function keepIfHeld(storage: DraftStorage | null | undefined, slug: string, posted: PostedComment, written: { body: string; authorName: string; parentId?: string | null | undefined }): void {
  if (posted.status !== "pending" || posted.editToken === "") return;
  rememberOwnPending(storage, slug, {
    id: posted.id,
    editToken: posted.editToken,
    body: written.body,
    authorName: written.authorName,
    parentId: written.parentId ?? null,
    postedAt: new Date().toISOString(),
  });
}

/**
 * The kept comments to show at once, before the server is asked: one that is
 * already in the thread on the page was approved, and is forgotten rather
 * than shown twice.
 */
export function readOwnPendingToShow(storage: DraftStorage | null | undefined, slug: string, isInThread: (id: string) => boolean): OwnPendingComment[] {
  return readOwnPending(storage, slug).filter((comment) => {
    if (!isInThread(comment.id)) return true;
    forgetOwnPending(storage, slug, comment.id);
    return false;
  });
}

/** Whether the page's thread shows the comment (each is rendered with id "comment-{id}"). */
export function isInPageThread(id: string): boolean {
  return document.getElementById(`comment-${id}`) !== null;
}

/**
 * Asks about each kept comment and forgets the decided ones: approved (it is
 * in the thread now), rejected, or unknown to the server (deleted, or the
 * token no longer verifies). Resolves to those still waiting; a comment the
 * server could not be asked about stays.
 */
export async function settleOwnPending(
  storage: DraftStorage | null | undefined,
  slug: string,
  ask: (id: string, editToken: string) => Promise<ApiResult<OwnCommentStatus>> = fetchOwnCommentStatus,
): Promise<OwnPendingComment[]> {
  const kept = readOwnPending(storage, slug);
  const answers = await Promise.all(kept.map((comment) => ask(comment.id, comment.editToken)));
  return kept.filter((comment, index) => {
    const answer = answers[index];
    const isDecided = answer?.kind === "ok" ? answer.value !== "pending" : answer?.kind === "error" && (answer.error.status === 403 || answer.error.status === 404);
    if (isDecided) forgetOwnPending(storage, slug, comment.id);
    return !isDecided;
  });
}
