// Finds listed words and phrases in text: whole words only, any case, any run
// of spaces between the words of a phrase; each hit comes back as a span.
import type { EvidenceSpan } from "../pipeline";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Compiling the alternation costs more than running it: keep one per list.
const compiled = new Map<string, RegExp | null>();

// The same list (a lexicon, or the settings' list) usually comes back as the same array.
const compiledByList = new WeakMap<readonly string[], RegExp | null>();

function matcherFor(words: readonly string[]): RegExp | null {
  const known = compiledByList.get(words);
  if (known !== undefined) return known;
  const key = words.join("\u0000");
  let matcher = compiled.get(key);
  if (matcher === undefined) {
    const patterns = words
      .map((word) => word.trim())
      .filter(Boolean)
      .sort((a, b) => b.length - a.length)
      .map((word) => word.split(/\s+/).map(escapeRegExp).join("\\s+"));
    matcher = patterns.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join("|")})(?![\\p{L}\\p{N}])`, "giu") : null;
    if (compiled.size > 100) compiled.clear();
    compiled.set(key, matcher);
  }
  compiledByList.set(words, matcher);
  return matcher;
}

/** Every occurrence of any listed word or phrase, in text order. */
export function findListedWords(text: string, words: readonly string[]): EvidenceSpan[] {
  const matcher = matcherFor(words);
  if (!matcher) return [];
  return Array.from(text.matchAll(matcher), (match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
}
