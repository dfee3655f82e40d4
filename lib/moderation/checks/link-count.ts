import { findLinks } from "../rules/links";
import type { CommentCheck } from "../pipeline";

/** Holds comments with as many links as the link threshold or more. */
export const linkCountCheck: CommentCheck = {
  id: "link-count",
  run({ comment, settings }) {
    const spans = findLinks(comment.body);
    if (spans.length < settings.linkHoldThreshold) return;
    return {
      label: "link_spam",
      action: "hold",
      evidence: { message: `Contains ${spans.length} links (the limit is ${settings.linkHoldThreshold - 1})`, rule: "link-count", spans },
    };
  },
};
