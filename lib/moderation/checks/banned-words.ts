import { findListedWords } from "../rules/word-list";
import type { CommentCheck } from "../pipeline";

/** Rejects comments that use a banned word or phrase (settings). */
export const bannedWordsCheck: CommentCheck = {
  id: "banned-words",
  run({ comment, settings }) {
    const spans = findListedWords(`${comment.authorName}\n${comment.body}`, settings.bannedWords);
    if (spans.length === 0) return;
    return { label: "banned_word", action: "reject", evidence: { message: `Uses a banned word: ${spans.map((span) => span.text).join(", ")}`, rule: "banned-words", spans } };
  },
};
