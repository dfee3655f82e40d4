// What the article page's pill and the framed thread's button say about
// comments published since the page was drawn. Plain TypeScript: the frame's
// small script uses it too.

/** How many comments were published since the page was drawn; 0 when none (or fewer: a comment was removed). */
export function countNewComments(renderedCount: number, liveCount: unknown): number {
  return typeof liveCount === "number" && Number.isFinite(liveCount) && liveCount > renderedCount ? liveCount - renderedCount : 0;
}

/** "1 new comment — show", "3 new comments — show". */
export function formatNewCommentsLabel(count: number): string {
  return `${count} new comment${count === 1 ? "" : "s"} — show`;
}
