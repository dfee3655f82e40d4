// What became of a comment, told to its author only (the browser that holds
// its author token): the reader's page keeps showing a held comment, marked
// "awaiting moderation", until a moderator decides. Spam is "pending" here as
// in the 201 (SPEC.md: the poster is never told a comment was judged spam).
import { AppError } from "../errors";
import { COMMENT_ID_PATTERN } from "../validation/comment-input";
import { isAuthorToken } from "./author-token";
import type { PostingServices } from "./posting-services";

/** What the author is told. */
export interface OwnCommentStatus {
  id: string;
  status: "approved" | "pending" | "rejected";
}

/** The header that carries the author token: a header, not the address, so it stays out of logs and caches. */
export const AUTHOR_TOKEN_HEADER = "x-edit-token";

/** The status of comment `id` for the holder of its author token; 403 for a missing or wrong token, 404 for a comment that is gone. */
export async function getOwnCommentStatus(services: Pick<PostingServices, "db" | "secret">, id: string, token: string | null): Promise<OwnCommentStatus> {
  if (!token) throw new AppError("forbidden", "api.comments.editTokenMissing", { fields: { editToken: "api.comments.editTokenMissingField" } });
  // Checked before the database is read, so a wrong token learns nothing, not even whether the comment exists.
  if (!COMMENT_ID_PATTERN.test(id) || !isAuthorToken(services.secret, id, token)) {
    throw new AppError("forbidden", "api.comments.editTokenWrong", { fields: { editToken: "api.comments.editTokenWrongField" } });
  }
  const comment = await services.db.comment.findUnique({ where: { id }, select: { status: true } });
  if (!comment) throw new AppError("not_found", "api.comments.gone");
  const status = comment.status === "approved" ? "approved" : comment.status === "rejected" ? "rejected" : "pending";
  return { id, status };
}
