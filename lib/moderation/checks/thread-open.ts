import { AppError } from "../../errors";
import type { CommentCheck } from "../pipeline";

/** Refuses comments on a thread that is closed. */
export const threadOpenCheck: CommentCheck = {
  id: "thread-open",
  run({ article }) {
    if (!article.commentsOpen) throw new AppError("closed", "Comments are closed for this article.");
  },
};
