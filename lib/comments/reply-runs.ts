// Long runs of replies: a comment with many direct replies shows the first
// few in the page and offers the rest ("Show N more replies"), which the
// reader's browser fetches when asked (lib/comments/hidden-replies.ts), so a
// busy subthread does not weigh on every reader's page. Shared by the thread's
// markup and the route that answers the rest, so both cut a run the same way.
import type { ThreadComment } from "./thread";

/** A run of more direct replies than this is cut. */
export const LONG_REPLY_RUN = 4;

/** How many replies of a cut run are in the page at first. */
export const REPLIES_SHOWN_AT_FIRST = 3;

/** A comment's direct replies: those drawn in the page, and those fetched on request (empty unless the run is long). */
export interface ReplyRun {
  shown: ThreadComment[];
  hidden: ThreadComment[];
}

/** Cuts a comment's direct replies (oldest first, as the thread holds them) into the shown and the hidden. */
export function splitReplyRun(replies: readonly ThreadComment[]): ReplyRun {
  if (replies.length <= LONG_REPLY_RUN) return { shown: [...replies], hidden: [] };
  return { shown: replies.slice(0, REPLIES_SHOWN_AT_FIRST), hidden: replies.slice(REPLIES_SHOWN_AT_FIRST) };
}

/** Every comment in some trees, each with all its replies at any depth: what a reader would see of them. */
export function countComments(comments: readonly ThreadComment[]): number {
  return comments.reduce((total, comment) => total + 1 + countComments(comment.replies), 0);
}

/** The ids of every comment in some trees, in reading order. */
export function listCommentIds(comments: readonly ThreadComment[]): string[] {
  return comments.flatMap((comment) => [comment.id, ...listCommentIds(comment.replies)]);
}
