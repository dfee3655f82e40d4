import { AppError } from "../../errors";
import type { CommentCheck } from "../pipeline";

/** Refuses comments from a banned e-mail address or IP. */
export const authorBanCheck: CommentCheck = {
  id: "author-ban",
  async run({ comment, deps }) {
    const ban = await deps.findActiveBan({ email: comment.authorEmail, ip: comment.ip });
    if (ban) throw new AppError("banned", "You can no longer comment on this site.", { fields: { authorEmail: "This author is banned from commenting." } });
  },
};
