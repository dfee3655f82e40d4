import { findListedWords } from "../rules/word-list";
import { evidenceMessage } from "../evidence-message";
import type { CommentCheck } from "../pipeline";

/** Holds comments that use a suspect word or phrase (settings) for a moderator. */
export const suspectWordsCheck: CommentCheck = {
  id: "suspect-words",
  run({ comment, settings }) {
    const spans = findListedWords(comment.body, settings.suspectWords);
    if (spans.length === 0) return;
    return { label: "suspect_word", action: "hold", evidence: { ...evidenceMessage("mail.evidence.suspectWord", { words: spans.map((span) => span.text).join(", ") }), rule: "suspect-words", spans } };
  },
};
