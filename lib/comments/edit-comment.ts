// An author's edit of their own comment, within the edit window (SPEC.md
// "Editing one's own comment"): the new text is judged again by the whole
// pipeline, like a new comment, except the checks about posting at all
// (flood, duplicate) and the captcha. Editing never publishes what a
// moderator has not: a held comment stays held (with its new verdicts), an
// approved one stays approved only if the new text passes, and goes to
// whatever the pipeline says otherwise. Moderators see every earlier text
// (CommentRevision).
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import type { CandidateComment, CommentCheck, CommentOutcome } from "../moderation/pipeline";
import { enqueueModeratorAlerts, heldReasonsOf } from "../notifications/moderator-alerts";
import { commentEditInputSchema } from "../validation/comment-edit-input";
import { requireValidInput } from "../validation/require-valid-input";
import { enqueueCommentWebhooks, eventsForStatusChange } from "../webhooks/webhook-events";
import { editChecks, judgeComment, storeVerdicts } from "./judge-comment";
import { lockOwnEditableComment, requireOwnEditableComment } from "./own-editable-comment";
import type { PostingServices } from "./posting-services";
import { renderCommentHtml } from "./render-body";
import { clearRespects, isRespectKeptAt } from "./respect";

/** What the author is told (SPEC.md): spam and rejected are answered as pending, as at posting. */
export interface EditResult {
  id: string;
  status: "approved" | "pending";
  message: string;
}

const messages = {
  approved: "api.engagement.editPublished",
  pending: "api.engagement.editAwaitingModeration",
} as const;

/** Outcomes from the least to the most held back, as the pipeline ranks them (spam beats reject beats hold). */
const severity: Record<CommentOutcome, number> = { approved: 0, pending: 1, rejected: 2, spam: 3 };

/** Where an edited comment ends up: its new text's outcome, but never less held back than it was (editing cannot publish a held comment). */
export function statusAfterEdit(current: CommentOutcome, judged: CommentOutcome): CommentOutcome {
  return severity[judged] > severity[current] ? judged : current;
}

/**
 * Replaces the text of comment `commentId` for the holder of its editToken
 * (PATCH /api/v1/comments/{id}). Throws forbidden (naming editToken) for a
 * missing or wrong token, past the window, or for a deleted or rejected
 * comment; validation for a body posting would refuse; the pipeline's
 * refusals (closed, banned) as posting does. `locale` is the request's.
 */
export async function editComment(
  services: PostingServices,
  commentId: string,
  rawInput: unknown,
  options: { checks?: readonly CommentCheck[]; now?: Date; locale?: Locale } = {},
): Promise<EditResult> {
  const now = options.now ?? new Date();
  const { db } = services;
  const { comment, settings } = await requireOwnEditableComment(services, commentId, rawInput, now);
  const { body } = requireValidInput(commentEditInputSchema, rawInput);
  const answer = (status: CommentOutcome): EditResult => {
    const told = status === "approved" ? "approved" : "pending";
    return { id: commentId, status: told, message: translate(options.locale ?? DEFAULT_LOCALE, messages[told]) };
  };
  // The same words again: nothing to judge, nothing to keep.
  if (body === comment.body) return answer(comment.status);

  // Judged as the author wrote it now, from where they posted it (what Akismet saw then, and what a moderator's spam report sends).
  const candidate: CandidateComment = {
    body,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    authorUrl: comment.authorUrl,
    parentId: comment.parentId,
    ip: comment.ip ?? "",
    userAgent: comment.userAgent ?? "",
    referrer: comment.referrer ?? "",
    createdAt: now,
  };
  const { article } = comment;
  const judged = await judgeComment(
    db,
    services,
    { comment: candidate, article: { slug: article.slug, commentsOpen: article.commentsOpen, url: article.url, publishedAt: article.publishedAt, preModerate: article.preModerate }, isReply: comment.parentId !== null },
    settings,
    options.checks ?? editChecks,
  );

  const { fromStatus, status } = await db.$transaction(async (tx) => {
    // Read again under the row's lock: the text replaced is the one stored now, and the status the one a moderator may just have given.
    const current = await lockOwnEditableComment(tx, commentId, settings, now);
    const next = statusAfterEdit(current.status, judged.outcome);
    await tx.commentRevision.create({ data: { commentId, body: current.body, writtenAt: current.editedAt ?? current.createdAt, createdAt: now } });
    await tx.comment.update({ where: { id: commentId }, data: { body, bodyHtml: renderCommentHtml(body), editedAt: now, status: next } });
    if (!isRespectKeptAt(next)) await clearRespects(tx, commentId);
    // The verdicts are about the text readers would see: the new one's replace the old ones' (the old text is kept with its revision).
    await tx.commentVerdict.deleteMany({ where: { commentId } });
    await storeVerdicts(tx, commentId, judged.verdicts, now);
    await enqueueCommentWebhooks(tx, commentId, eventsForStatusChange(current.status, next), now);
    // Newly held for a moderator: their alerts are written with the edit, as with a new comment.
    if (next === "pending" && current.status !== "pending") {
      await enqueueModeratorAlerts(tx, { event: "held", commentId, articleId: comment.articleId, authorName: current.authorName, body, reasons: heldReasonsOf(judged.verdicts) });
    }
    return { fromStatus: current.status, status: next };
  });
  // The queues show the new text and verdicts; a published comment's thread changed, whether it stays or leaves.
  await Promise.all([services.live?.publish({ type: "queues" }), fromStatus === "approved" ? services.live?.publish({ type: "thread", slug: article.slug }) : undefined]);
  return answer(status);
}

