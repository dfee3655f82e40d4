import { AppError } from "../../errors";
import type { CommentCheck } from "../pipeline";

/** Refuses a second comment within the flood interval from the same IP or e-mail. */
export const floodLimitCheck: CommentCheck = {
  id: "flood-limit",
  async run({ comment, settings, deps }) {
    const intervalMs = settings.floodIntervalSeconds * 1000;
    if (intervalMs === 0) return;
    const last = await deps.findLastCommentAt({ email: comment.authorEmail, ip: comment.ip });
    if (!last) return;
    const waitMs = last.getTime() + intervalMs - comment.createdAt.getTime();
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new AppError("rate_limited", "api.comments.tooQuickly", { retryAfterSeconds: seconds, params: { count: seconds } });
    }
  },
};
