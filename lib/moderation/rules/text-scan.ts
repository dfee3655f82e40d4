// Shared helpers for the rule queue: finding pattern matches as spans, and
// telling when a match is negated ("is not an idiot") or quoted to object to
// it ("calling people 'idiots' helps nobody"), which is not an attack.
import type { EvidenceSpan } from "../pipeline";
import { crimeNouns, insultWords, personWords, topicWordPattern } from "./lexicon";
import { LEET } from "./text-features";

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
  if (!hasOwnWords(text)) return reportedSpeechBefore.test(text.slice(Math.max(0, span.start - 60), span.start));
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
  const masked = blankQuotedPassages(text);
  return countWords(masked) >= MIN_OWN_WORDS ? masked : text;
}

function blankQuotedPassages(text: string): string {
  return text.replace(quotedPassage, (passage) => " ".repeat(passage.length));
}

/**
 * Fewer words than this outside the quotations, and the quotation is the
 * comment: wrapping an attack in quotation marks ("…", > …) or adding
 * "Exactly." under it must not make it someone else's words.
 */
const MIN_OWN_WORDS = 3;

function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/\p{L}+/gu)) if (++count >= MIN_OWN_WORDS) break;
  return count;
}

// The detectors ask about every span of one comment in turn: the answer for the last text is kept.
const lastOwnWords = { text: "", answer: false };

/** Whether the text says something of its own beside what it quotes. */
function hasOwnWords(text: string): boolean {
  if (text !== lastOwnWords.text) {
    lastOwnWords.answer = countWords(blankQuotedPassages(text)) >= MIN_OWN_WORDS;
    lastOwnWords.text = text;
  }
  return lastOwnWords.answer;
}

/** The comment with what it quotes and the words that name a story's topic blanked, same length: what the offensive model reads. */
export function ownWords(body: string): string {
  return maskMatches(maskQuoted(body), topicWordPattern);
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

const digitInWord = /(?<=\p{L})[013457]+(?=\p{L})/gu;

/**
 * The text with digits written for letters inside a word read as those
 * letters ("f4gg0t", "r3tard"), same length, so that offsets still point into
 * the original: a disguise must not get a slur or an insult past the rules.
 */
export function undoDigitDisguises(text: string): string {
  // Four detectors ask for the same comment in turn.
  if (text !== lastUndone.text) {
    lastUndone.readable = text.replace(digitInWord, (digits) => Array.from(digits, (digit) => LEET[digit] ?? digit).join(""));
    lastUndone.text = text;
  }
  return lastUndone.readable;
}

const lastUndone = { text: "", readable: "" };

const sentenceBoundary = /[.!?\n]/;

/** The sentence of the text that holds the span, its closing punctuation included. */
export function sentenceAround(text: string, span: EvidenceSpan): string {
  let start = span.start;
  while (start > 0 && !sentenceBoundary.test(text[start - 1]!)) start -= 1;
  let end = span.end;
  while (end < text.length && !sentenceBoundary.test(text[end]!)) end += 1;
  return text.slice(start, Math.min(text.length, end + 1));
}

// Insult words that describe a thing as well as a person ("a stupid policy"): they do not say a person is meant.
const describesThingsToo = new Set(["dumb", "stupid", "retarded", "lying", "pathetic", "ignorant", "brainwashed", "worthless", "disgusting", "vile", "delusional", "clueless", "spineless", "hysterical", "brainless", "deranged", "unhinged", "pathetic excuse", "fraud", "estúpido", "estupido", "estúpida", "ignorante", "basura", "filth"]);
const personWordPattern = new RegExp(
  `(?<![\\p{L}])(?:${alternation([...personWords, ...insultWords.filter((word) => !describesThingsToo.has(word)), ...crimeNouns])})(?![\\p{L}])`,
  "iu",
);
// An @mention, or a capitalised name after another word (a sentence's first word is capitalised anyway). Case matters here.
const namePattern = /@\w|(?<=[\p{L},;:’'")]\s+)\p{Lu}\p{Ll}+/u;

/**
 * Whether a sentence points at a person: a pronoun, a noun for a person
 * (author, moderators, people, an insult noun such as "clowns"), an
 * @mention or a name. "What a ridiculous argument" points at none: harsh
 * words about an idea are debate.
 */
export function mentionsPerson(sentence: string): boolean {
  return personWordPattern.test(sentence) || namePattern.test(sentence);
}
