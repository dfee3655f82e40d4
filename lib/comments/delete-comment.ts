// An author takes back their own comment, within the edit window (SPEC.md
// "Editing one's own comment"): the text is kept only as a revision for
// moderators, the comment reads "[deleted]". A published one stays in its
// thread while replies hang from it (lib/comments/thread.ts shows it as
// "[deleted]" then, and not at all without replies); a held one is rejected,
// so it leaves the moderators' queues. Its respects go with its text.
import { enqueueCommentWebhooks, eventsForStatusChange } from "../webhooks/webhook-events";
import { lockOwnEditableComment, requireOwnEditableComment } from "./own-editable-comment";
import type { PostingServices } from "./posting-services";
import { renderCommentHtml } from "./render-body";
import { clearRespects } from "./respect";

/** What a deleted comment's text reads. */
export const DELETED_TEXT = "[deleted]";

/**
 * Deletes comment `commentId` for the holder of its editToken (DELETE
 * /api/v1/comments/{id}). Throws forbidden (naming editToken) for a missing or
 * wrong token, past the window, or for a comment already deleted or rejected.
 */
export async function deleteComment(services: PostingServices, commentId: string, rawInput: unknown, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const { db } = services;
  const { comment, settings } = await requireOwnEditableComment(services, commentId, rawInput, now);
  const fromStatus = await db.$transaction(async (tx) => {
    const current = await lockOwnEditableComment(tx, commentId, settings, now);
    // Published: it keeps its place for its replies (no longer as an editors' pick). Held: nobody needs to decide on it any more.
    const status = current.status === "approved" ? "approved" : "rejected";
    await tx.commentRevision.create({ data: { commentId, body: current.body, writtenAt: current.editedAt ?? current.createdAt, createdAt: now } });
    await tx.comment.update({ where: { id: commentId }, data: { body: DELETED_TEXT, bodyHtml: renderCommentHtml(DELETED_TEXT), deletedAt: now, featuredAt: null, status } });
    await clearRespects(tx, commentId);
    // Reports asked about text that is gone: nothing is left for a moderator to decide.
    await tx.report.updateMany({ where: { commentId, resolvedAt: null }, data: { resolvedAt: now } });
    await enqueueCommentWebhooks(tx, commentId, eventsForStatusChange(current.status, status), now);
    return current.status;
  });
  await Promise.all([services.live?.publish({ type: "queues" }), fromStatus === "approved" ? services.live?.publish({ type: "thread", slug: comment.article.slug }) : undefined]);
}
