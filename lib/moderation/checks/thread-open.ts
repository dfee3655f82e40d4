import { AppError } from "../../errors";
import type { CommentCheck } from "../pipeline";
import { isAutoClosed } from "../settings";

/** Refuses comments on a thread that is closed: by a moderator, or by age when threads close after autoCloseAfterDays. */
export const threadOpenCheck: CommentCheck = {
  id: "thread-open",
  run({ article, comment, settings }) {
    if (!article.commentsOpen) throw new AppError("closed", "api.comments.closed");
    if (settings.autoCloseAfterDays !== null && isAutoClosed(article.publishedAt, settings, comment.createdAt)) {
      throw new AppError("closed", "api.comments.closedAfterDays", { params: { count: settings.autoCloseAfterDays } });
    }
  },
};
