import type { CommentCheck } from "../pipeline";

/** Holds every comment for a moderator while the whole site, or this article, is pre-moderated. */
export const preModerationCheck: CommentCheck = {
  id: "pre-moderation",
  run({ article, settings }) {
    if (!settings.preModerateAll && !article.preModerate) return;
    const message = settings.preModerateAll
      ? "Every new comment waits for a moderator (site-wide pre-moderation is on)"
      : "Every new comment on this article waits for a moderator (the article is pre-moderated)";
    return { label: "pre_moderation", action: "hold", evidence: { message, rule: settings.preModerateAll ? "pre-moderate-all" : "article-pre-moderate" } };
  },
};
