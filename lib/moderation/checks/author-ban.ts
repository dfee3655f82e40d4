import { AppError } from "../../errors";
import type { CommentCheck } from "../pipeline";

/** Refuses comments from a banned e-mail address or IP, telling the author they are banned and the moderators' reason. */
export const authorBanCheck: CommentCheck = {
  id: "author-ban",
  async run({ comment, deps }) {
    const ban = await deps.findActiveBan({ email: comment.authorEmail, ip: comment.ip });
    if (!ban) return;
    // The ban form tells moderators the author sees this reason.
    const reason = ban.reason.trim().replace(/[.\s]+$/, "");
    throw new AppError("banned", reason ? "api.comments.bannedWithReason" : "api.comments.banned", {
      fields: { authorEmail: "api.comments.bannedField" },
      params: { reason },
    });
  },
};
