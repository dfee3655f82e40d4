import { evidenceMessage } from "../evidence-message";
import { findLinks } from "../rules/links";
import type { CommentCheck, EvidenceSpan } from "../pipeline";

/** Words of the commenter's own per link that make links citations: a paragraph of argument for each source. */
export const WORDS_PER_CITED_LINK = 15;

/** The words of a text once its links are taken out. */
function countOwnWords(text: string, links: readonly EvidenceSpan[]): number {
  let own = "";
  let from = 0;
  for (const link of links) {
    own += ` ${text.slice(from, link.start)}`;
    from = link.end;
  }
  own += ` ${text.slice(from)}`;
  return own.match(/\p{L}[\p{L}'’-]*/gu)?.length ?? 0;
}

/**
 * Holds comments with as many links as the link threshold or more, unless
 * they read as an argument citing its sources (enough words of its own per
 * link, and fewer than twice the threshold): debaters link to studies and
 * reporting, spam is a line of pitch around its links. Promotion is caught
 * by the link-spam rule whatever the count.
 */
export const linkCountCheck: CommentCheck = {
  id: "link-count",
  run({ comment, settings }) {
    const spans = findLinks(comment.body);
    if (spans.length < settings.linkHoldThreshold) return;
    const isCiting = spans.length < 2 * settings.linkHoldThreshold && countOwnWords(comment.body, spans) >= WORDS_PER_CITED_LINK * spans.length;
    if (isCiting) return;
    return {
      label: "link_spam",
      action: "hold",
      evidence: { ...evidenceMessage("mail.evidence.linkCount", { count: spans.length, limit: settings.linkHoldThreshold - 1 }), rule: "link-count", spans },
    };
  },
};
