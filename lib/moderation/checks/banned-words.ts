import { findListedWords } from "../rules/word-list";
import { DEFAULT_LOCALE } from "../../i18n/locales";
import { translate } from "../../i18n/translate";
import { evidenceMessage } from "../evidence-message";
import type { CommentCheck } from "../pipeline";

/** Rejects comments that use a banned word or phrase (settings), in the text or in the author's name. */
export const bannedWordsCheck: CommentCheck = {
  id: "banned-words",
  run({ comment, settings }) {
    // Spans index into the body (moderators see them highlighted there); a banned name is named in the message.
    const spans = findListedWords(comment.body, settings.bannedWords);
    const inName = findListedWords(comment.authorName, settings.bannedWords).map((span) => span.text);
    if (spans.length === 0 && inName.length === 0) return;
    // Each language says "(in the name)" its own way, so the English is written once here and the words are listed per language.
    const found = [...spans.map((span) => span.text), ...inName.map((word) => translate(DEFAULT_LOCALE, "mail.evidence.inTheName", { word }))];
    return { label: "banned_word", action: "reject", evidence: { ...evidenceMessage("mail.evidence.bannedWord", { words: found.join(", ") }), rule: "banned-words", spans } };
  },
};
