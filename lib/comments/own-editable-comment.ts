// What an author must show before changing their own comment (edit-comment.ts,
// delete-comment.ts): the editToken the 201 of its posting gave, checked
// before the database is read (a wrong token learns nothing, not even whether
// the comment exists); then the comment must still be theirs to change —
// within the edit window (a setting), not deleted or erased, not rejected.
import type { Db } from "../db";
import { AppError } from "../errors";
import type { MessageKey } from "../i18n/catalog-types";
import type { MessageParams } from "../i18n/translate";
import { getModerationSettings, type ModerationSettings } from "../moderation/settings";
import { COMMENT_ID_PATTERN } from "../validation/comment-input";
import { readEditToken } from "../validation/comment-edit-input";
import { isAuthorToken } from "./author-token";
import type { PostingServices } from "./posting-services";

/** Until when a comment written at `createdAt` may be edited or deleted by its author (the 201's `editableUntil`). */
export function editableUntilOf(createdAt: Date, settings: Pick<ModerationSettings, "editWindowMinutes">): Date {
  return new Date(createdAt.getTime() + settings.editWindowMinutes * 60_000);
}

/** What an edit or a deletion reads of the comment. */
const ownCommentSelect = {
  id: true,
  articleId: true,
  parentId: true,
  authorName: true,
  authorEmail: true,
  authorUrl: true,
  body: true,
  status: true,
  ip: true,
  userAgent: true,
  referrer: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  erasedAt: true,
  article: { select: { slug: true, url: true, commentsOpen: true, preModerate: true, publishedAt: true } },
} as const;

/** The author's comment as an edit or a deletion works with it. */
export interface OwnComment {
  id: string;
  articleId: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: "approved" | "pending" | "spam" | "rejected";
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  erasedAt: Date | null;
  article: { slug: string; url: string; commentsOpen: boolean; preModerate: boolean; publishedAt: Date };
}

/** A refusal of the author's change, naming the editToken (what they presented) and saying why. */
function refuse(message: MessageKey, problem: MessageKey, params?: MessageParams): AppError {
  return new AppError("forbidden", message, { fields: { editToken: problem }, ...(params ? { params } : {}) });
}

/** Throws forbidden unless `rawInput` carries the author token of comment `id`; reads nothing. */
export function assertAuthorToken(secret: string, id: string, rawInput: unknown): void {
  const token = readEditToken(rawInput);
  if (token === null) throw refuse("api.engagement.editTokenMissing", "api.comments.editTokenMissingField");
  if (!COMMENT_ID_PATTERN.test(id) || !isAuthorToken(secret, id, token)) throw refuse("api.comments.editTokenWrong", "api.comments.editTokenWrongField");
}

/** Throws forbidden, saying why, when the comment can no longer be changed by its author at `now`. */
export function assertStillEditable(comment: Pick<OwnComment, "status" | "createdAt" | "deletedAt" | "erasedAt">, settings: Pick<ModerationSettings, "editWindowMinutes">, now: Date): void {
  if (comment.deletedAt !== null || comment.erasedAt !== null) throw refuse("api.engagement.alreadyDeleted", "api.engagement.alreadyDeletedField");
  if (comment.status === "rejected") throw refuse("api.engagement.rejected", "api.engagement.rejectedField");
  if (settings.editWindowMinutes === 0) throw refuse("api.engagement.editingOff", "api.engagement.windowPassedField");
  if (now.getTime() >= editableUntilOf(comment.createdAt, settings).getTime()) {
    throw refuse("api.engagement.windowPassed", "api.engagement.windowPassedField", { count: settings.editWindowMinutes });
  }
}

/**
 * The comment `id` for the holder of its author token, while its author may
 * still change it, with the settings it was judged by. Throws forbidden
 * (naming editToken) for a missing or wrong token — before anything is read —
 * and for a comment past its window, deleted or rejected; not_found for a
 * comment that no longer exists.
 */
export async function requireOwnEditableComment(
  services: Pick<PostingServices, "db" | "secret">,
  id: string,
  rawInput: unknown,
  now: Date,
): Promise<{ comment: OwnComment; settings: ModerationSettings }> {
  assertAuthorToken(services.secret, id, rawInput);
  const [comment, settings] = await Promise.all([services.db.comment.findUnique({ where: { id }, select: ownCommentSelect }), getModerationSettings(services.db)]);
  if (!comment) throw new AppError("not_found", "api.comments.gone");
  assertStillEditable(comment, settings, now);
  return { comment, settings };
}

/**
 * Locks the comment's row for the rest of the caller's transaction and reads
 * it again, refusing as requireOwnEditableComment does: a moderator's
 * decision, or the author's other tab, may have changed it since.
 */
export async function lockOwnEditableComment(tx: Pick<Db, "$executeRaw" | "comment">, id: string, settings: ModerationSettings, now: Date): Promise<OwnComment> {
  await tx.$executeRaw`SELECT 1 FROM "Comment" WHERE "id" = ${id} FOR UPDATE`;
  const comment = await tx.comment.findUnique({ where: { id }, select: ownCommentSelect });
  if (!comment) throw new AppError("not_found", "api.comments.gone");
  assertStillEditable(comment, settings, now);
  return comment;
}
