import { findListedWords } from "../rules/word-list";
import type { CommentCheck } from "../pipeline";

/** Rejects comments that use a banned word or phrase (settings), in the text or in the author's name. */
export const bannedWordsCheck: CommentCheck = {
  id: "banned-words",
  run({ comment, settings }) {
    // Spans index into the body (moderators see them highlighted there); a banned name is named in the message.
    const spans = findListedWords(comment.body, settings.bannedWords);
    const inName = findListedWords(comment.authorName, settings.bannedWords).map((span) => span.text);
    if (spans.length === 0 && inName.length === 0) return;
    const words = [...spans.map((span) => span.text), ...inName.map((word) => `${word} (in the name)`)];
    return { label: "banned_word", action: "reject", evidence: { message: `Uses a banned word: ${words.join(", ")}`, rule: "banned-words", spans } };
  },
};
