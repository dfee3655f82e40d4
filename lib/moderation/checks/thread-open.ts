import { AppError } from "../../errors";
import type { CommentCheck } from "../pipeline";
import { isAutoClosed } from "../settings";

/** Refuses comments on a thread that is closed: by a moderator, or by age when threads close after autoCloseAfterDays. */
export const threadOpenCheck: CommentCheck = {
  id: "thread-open",
  run({ article, comment, settings }) {
    if (!article.commentsOpen) throw new AppError("closed", "Comments are closed for this article.");
    if (settings.autoCloseAfterDays !== null && isAutoClosed(article.publishedAt, settings, comment.createdAt)) {
      const days = settings.autoCloseAfterDays;
      throw new AppError("closed", `Comments on this article closed ${days} day${days === 1 ? "" : "s"} after it was published.`);
    }
  },
};
