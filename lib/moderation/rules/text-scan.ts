// Shared helpers for the rule queue: finding pattern matches as spans, and
// telling when a match is negated ("is not an idiot") or quoted to object to
// it ("calling people 'idiots' helps nobody"), which is not an attack.
import type { EvidenceSpan } from "../pipeline";

/** Every match of a global regular expression, as spans of the original text. */
export function matchSpans(text: string, pattern: RegExp): EvidenceSpan[] {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  return Array.from(text.matchAll(global), (match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
}

const negationBefore = /\b(?:not|never|no|nobody|nadie|isn't|isnt|aren't|arent|wasn't|wasnt|don't|dont|doesn't|doesnt|nor|hardly|neither|no\s+es|nunca)\s+(?:\S+\s+){0,3}$/i;
const reportedSpeechBefore = /\b(?:call(?:s|ed|ing)?|nam(?:e|es|ed|ing)|labell?(?:ed|ing)?|brand(?:s|ed|ing)?)\s+(?:\S+\s+){0,4}$/i;

/** Whether the words just before a span negate it. */
export function isNegated(text: string, span: EvidenceSpan): boolean {
  return negationBefore.test(text.slice(Math.max(0, span.start - 40), span.start));
}

const openingQuotes = new Set(['"', "“", "‘", "«", "'"]);
const closingFor: Record<string, string> = { '"': '"', "“": "”", "‘": "’", "«": "»", "'": "'" };

/**
 * Whether a span is quoted: inside quotation marks on its line, on a markdown
 * "> " quote line, or named as what someone "called" somebody. Quoting words
 * in order to object to them is debate, not abuse.
 */
export function isQuoted(text: string, span: EvidenceSpan): boolean {
  const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
  if (/^\s*>/.test(text.slice(lineStart, span.start + 1))) return true;
  const before = text.slice(lineStart, span.start);
  for (let index = before.length - 1; index >= 0; index -= 1) {
    const char = before[index]!;
    if (!openingQuotes.has(char)) continue;
    // An apostrophe inside a word ("don't") does not open a quote.
    if (char === "'" && index > 0 && /\p{L}/u.test(before[index - 1]!)) continue;
    const close = closingFor[char]!;
    const lineEnd = text.indexOf("\n", span.end);
    const after = text.slice(span.end, lineEnd === -1 ? undefined : lineEnd);
    if (!before.slice(index + 1).includes(close) && after.includes(close)) return true;
  }
  return reportedSpeechBefore.test(text.slice(Math.max(0, span.start - 60), span.start));
}

const quotedPassage = /^[ \t]*>.*$|"[^"\n]+"|“[^”\n]+”|«[^»\n]+»|(?<!\p{L})‘[^’\n]+’(?!\p{L})/gmu;

/**
 * The text with every quoted passage (markdown "> " lines, text inside
 * quotation marks) blanked out, same length, so that offsets still point into
 * the original: what a commenter quotes is not what they say.
 */
export function maskQuoted(text: string): string {
  return text.replace(quotedPassage, (passage) => " ".repeat(passage.length));
}

/** The text with every match of a global pattern blanked out, same length. */
export function maskMatches(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => " ".repeat(match.length));
}

/** Keeps the spans that are neither negated nor quoted. */
export function assertedSpans(text: string, spans: EvidenceSpan[]): EvidenceSpan[] {
  return spans.filter((span) => !isNegated(text, span) && !isQuoted(text, span));
}

/** Builds an alternation from words, longest first so "fucking" wins over "fuck". */
export function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+")).join("|");
}

/** A sentence of a text, with where it starts. */
export interface TextRegion {
  start: number;
  text: string;
}

/**
 * The sentences that contain a cue word. Detectors run their patterns only
 * there: most sentences of a long comment hold no cue, and scanning them is
 * where the time would go.
 */
export function cuedSentences(text: string, cue: RegExp): TextRegion[] {
  const regions: TextRegion[] = [];
  for (const match of text.matchAll(/[^.!?\n]+[.!?\n]*/g)) {
    cue.lastIndex = 0;
    if (cue.test(match[0])) regions.push({ start: match.index, text: match[0] });
  }
  return regions;
}

/** Every match of a global pattern inside the regions, as spans of the whole text. */
export function matchSpansIn(regions: readonly TextRegion[], pattern: RegExp): EvidenceSpan[] {
  return regions.flatMap((region) =>
    matchSpans(region.text, pattern).map((span) => ({ start: region.start + span.start, end: region.start + span.end, text: span.text })),
  );
}
