import { evidenceMessage } from "../evidence-message";
import type { CommentCheck } from "../pipeline";

/** Holds comments from authors who have no approved comment yet (settings can turn this off). */
export const firstTimeCommenterCheck: CommentCheck = {
  id: "first-time-commenter",
  async run({ comment, settings, deps }) {
    if (!settings.holdFirstTimeCommenters) return;
    const approved = await deps.countApprovedComments(comment.authorEmail);
    if (approved >= settings.approvedCommentsToTrust) return;
    return {
      label: "first_time_commenter",
      action: "hold",
      evidence: evidenceMessage("mail.evidence.firstTimeCommenter", { count: approved, needed: settings.approvedCommentsToTrust }),
    };
  },
};
