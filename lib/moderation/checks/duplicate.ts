import { AppError } from "../../errors";
import type { CommentCheck } from "../pipeline";

/** Refuses the same text from the same author within the duplicate window. */
export const duplicateCheck: CommentCheck = {
  id: "duplicate",
  async run({ comment, settings, deps }) {
    if (settings.duplicateWindowMinutes === 0) return;
    const since = new Date(comment.createdAt.getTime() - settings.duplicateWindowMinutes * 60_000);
    if (await deps.hasDuplicate({ email: comment.authorEmail, body: comment.body, since })) {
      throw new AppError("duplicate", "api.comments.duplicate", { fields: { body: "api.comments.duplicate" } });
    }
  },
};
