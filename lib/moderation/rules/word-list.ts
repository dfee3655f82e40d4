// Finds listed words and phrases in text: whole words only, any case, any run
// of spaces between the words of a phrase; each hit comes back as a span.
import type { EvidenceSpan } from "../pipeline";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every occurrence of any listed word or phrase, in text order. */
export function findListedWords(text: string, words: readonly string[]): EvidenceSpan[] {
  const patterns = words
    .map((word) => word.trim())
    .filter(Boolean)
    .map((word) => word.split(/\s+/).map(escapeRegExp).join("\\s+"));
  if (patterns.length === 0) return [];
  const matcher = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return Array.from(text.matchAll(matcher), (match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
}
