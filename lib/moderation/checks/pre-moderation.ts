import { evidenceMessage } from "../evidence-message";
import type { CommentCheck } from "../pipeline";

/** Holds every comment for a moderator while the whole site, or this article, is pre-moderated. */
export const preModerationCheck: CommentCheck = {
  id: "pre-moderation",
  run({ article, settings }) {
    if (!settings.preModerateAll && !article.preModerate) return;
    const message = evidenceMessage(settings.preModerateAll ? "mail.evidence.preModerateAll" : "mail.evidence.preModerateArticle");
    return { label: "pre_moderation", action: "hold", evidence: { ...message, rule: settings.preModerateAll ? "pre-moderate-all" : "article-pre-moderate" } };
  },
};
