// What an author sends to change their own comment (SPEC.md "Editing one's
// own comment"): the new text, under the same rules as posting it, shared by
// the edit form and the API.
import { z } from "zod";
import { commentFormSchema } from "./comment-input";

/** The text of an edit: the comment form's body rules, word for word. */
export const commentEditInputSchema = z.object({ body: commentFormSchema.shape.body });

/** A parsed edit. */
export type CommentEditInput = z.infer<typeof commentEditInputSchema>;

/**
 * The editToken of PATCH and DELETE /api/v1/comments/{id}, or null when the
 * body carries none. Not a schema field: a missing or wrong token is
 * forbidden (403), not a malformed request.
 */
export function readEditToken(rawInput: unknown): string | null {
  if (typeof rawInput !== "object" || rawInput === null) return null;
  const token = (rawInput as { editToken?: unknown }).editToken;
  return typeof token === "string" && token !== "" ? token : null;
}
