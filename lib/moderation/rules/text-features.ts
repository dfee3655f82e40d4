// Turns comment text into the n-grams the offensive-language model weighs:
// words, word pairs and character runs inside words. Training and inference
// both go through this file, so a feature means the same thing in both; every
// feature keeps the span of the original text it came from, so the model can
// show moderators exactly which words raised a score.

/** What a feature is made of: a word ("w"), two adjacent words ("b"), or 3–5 characters inside one word ("c"). */
export type FeatureKind = "w" | "b" | "c";

/**
 * A word after normalisation. `charStarts`/`charEnds` give the original span
 * behind each character of `text`; they are null when `text` maps one to one
 * onto `start..end` (the common case, kept allocation-free for speed).
 */
export interface Token {
  text: string;
  start: number;
  end: number;
  charStarts: number[] | null;
  charEnds: number[] | null;
}

/** Reads a masked word ("f*ck", "a**hole") as a known word of the same length, or null when none fits. */
export type Unmasker = (pattern: string) => string | null;

/** How to tokenize; without an unmasker, masked words are split at their symbols instead. */
export interface FeatureOptions {
  unmask?: Unmasker | null;
}

/** Receives each feature occurrence with its span in the original text (features repeat when the text does). */
export type FeatureVisitor = (kind: FeatureKind, gram: string, start: number, end: number) => void;

/** Shortest character n-gram: shorter ones say little about a word and are in nearly every text. */
export const CHAR_GRAM_MIN = 3;

/** Longest character n-gram: five characters cover most short slurs whole, including the word-edge marks. */
export const CHAR_GRAM_MAX = 5;

/** Marks the start of a word inside character n-grams, so "<ass" differs from the "ass" in "class". */
export const WORD_START = "<";

/** Marks the end of a word inside character n-grams. */
export const WORD_END = ">";

// Twitter and HTML artefacts carry no meaning of their own but are frequent in
// the training tweets: the OLID placeholders @USER and URL, handles, links,
// retweet marks (with the handle when written "RT@name"), and HTML entities
// (Davidson's text has "&amp;", "&#128514;").
const ARTEFACTS =
  /@USER|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+|https?:\/\/\S+|www\.\S+|\bURL\b|\bRT(?:@[\p{L}\p{N}_]+)?\b|&(?:#\d+|#[xX][\da-fA-F]+|[a-zA-Z]+);/gu;

// A raw token is a run of letters, marks, digits, apostrophes and the symbols
// people mask and disguise abuse with ("f*ck", "pu$$y", "sh!t"); ASCII is
// classified by table because a regular expression over every character made
// tokenizing the slowest step of scoring.
const ASCII_TOKEN_CHARS = new Uint8Array(128);
for (const char of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*$@!#%'") ASCII_TOKEN_CHARS[char.charCodeAt(0)] = 1;
const NON_ASCII_TOKEN_CHAR = /^[\p{L}\p{M}\p{N}’‘]$/u;

const MASKS = new Set(["*", "$", "@", "!", "#", "%"]);
/** Digits that stand for letters inside a word ("idi0t", "f4g"). */
export const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };
const normalizedChars = new Map<string, string>();

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isWordChar(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 128) return isAsciiLetter(code) || (code >= 48 && code <= 57);
  return /[\p{L}\p{N}]/u.test(char);
}

function isLetterChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return isAsciiLetter(code);
  return /\p{L}/u.test(char);
}

// Lowercase and strip accents, so "Idiót" and "idiot" are one feature; cached
// because the same few non-ASCII characters recur.
function normalizeChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  let normalized = normalizedChars.get(char);
  if (normalized === undefined) {
    normalized = char.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
    normalizedChars.set(char, normalized);
  }
  return normalized;
}

function replaceArtefacts(text: string): string {
  // Blank the artefacts out with spaces of the same length so that offsets into the result are offsets into the original.
  return text.replace(ARTEFACTS, (match) => " ".repeat(match.length));
}

// How many UTF-16 units the token character at `index` takes (0: not a token character).
function tokenCharWidth(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) return ASCII_TOKEN_CHARS[code] === 1 ? 1 : 0;
  const point = text.codePointAt(index) ?? code;
  const width = point > 0xffff ? 2 : 1;
  return NON_ASCII_TOKEN_CHAR.test(text.slice(index, index + width)) ? width : 0;
}

interface Draft {
  chars: string[];
  starts: number[];
  ends: number[];
  masks: number;
}

function pushChar(draft: Draft, char: string, start: number, end: number): void {
  const { chars, ends } = draft;
  const last = chars.length - 1;
  // "stuuuupid" becomes "stuupid": three or more repeats carry emphasis, not a different word.
  if (last >= 1 && chars[last] === char && chars[last - 1] === char && !MASKS.has(char)) {
    ends[last] = end;
    return;
  }
  chars.push(char);
  draft.starts.push(start);
  ends.push(end);
  if (MASKS.has(char)) draft.masks++;
}

function draftToken(raw: string, offset: number): Draft | null {
  let first = 0;
  while (first < raw.length && !isWordChar(raw[first] ?? "")) first++;
  let last = raw.length - 1;
  // A trailing "*" is a mask ("f***") unless the word also opened with one ("*sigh*").
  const keepsTrailingStar = first === 0 || raw[first - 1] !== "*";
  while (last >= first) {
    const char = raw[last] ?? "";
    if (isWordChar(char) || (char === "*" && keepsTrailingStar)) break;
    last--;
  }
  if (last < first) return null;
  const draft: Draft = { chars: [], starts: [], ends: [], masks: 0 };
  for (let index = first; index <= last; index++) {
    const code = raw.charCodeAt(index);
    const isPair = code >= 0xd800 && code <= 0xdbff && index < last;
    const char = isPair ? raw.slice(index, index + 2) : (raw[index] ?? "");
    const start = offset + index;
    const end = start + char.length;
    if (isPair) index++;
    if (char === "'" || char === "’" || char === "‘") continue;
    // Digits inside a word are disguised letters ("idi0t", "b1tch"); elsewhere ("2nd", "2018") they stay digits.
    const leet = LEET[char];
    if (leet !== undefined && isLetterChar(raw[index - 1]) && isLetterChar(raw[index + 1])) {
      pushChar(draft, leet, start, end);
      continue;
    }
    const normalized = normalizeChar(char);
    for (const unit of normalized) pushChar(draft, unit, start, end);
  }
  return draft.chars.length > 0 ? draft : null;
}

function toToken(chars: readonly string[], starts: number[], ends: number[]): Token {
  const text = chars.join("");
  const start = starts[0] ?? 0;
  const end = ends[ends.length - 1] ?? start;
  let isIdentity = text.length === end - start;
  for (let index = 0; isIdentity && index < starts.length; index++) isIdentity = starts[index] === start + index && ends[index] === start + index + 1;
  return isIdentity ? { text, start, end, charStarts: null, charEnds: null } : { text, start, end, charStarts: starts, charEnds: ends };
}

// A masked word nobody could read as a known word is split at its symbols
// ("yes!he", "name@site"), keeping "$" as the "s" it usually stands for.
function splitAtSymbols(draft: Draft, tokens: Token[]): void {
  let chars: string[] = [];
  let starts: number[] = [];
  let ends: number[] = [];
  const flush = (): void => {
    if (chars.some((char) => char !== "*")) tokens.push(toToken(chars, starts, ends));
    chars = [];
    starts = [];
    ends = [];
  };
  draft.chars.forEach((char, index) => {
    if (char === "#" || char === "@" || char === "%" || char === "!") {
      flush();
      return;
    }
    chars.push(char === "$" ? "s" : char);
    starts.push(draft.starts[index] ?? 0);
    ends.push(draft.ends[index] ?? 0);
  });
  flush();
}

function pushRawToken(raw: string, offset: number, tokens: Token[], options: FeatureOptions): void {
  const draft = draftToken(raw, offset);
  if (!draft) return;
  if (draft.masks === 0) {
    tokens.push(toToken(draft.chars, draft.starts, draft.ends));
    return;
  }
  const pattern = draft.chars.join("");
  const letters = draft.chars.length - draft.masks;
  // Patterns are matched position by position, so only words of single-unit characters are tried.
  const isReadable = letters >= 1 && pattern.length >= 3 && pattern.length === draft.chars.length;
  const word = isReadable && options.unmask ? options.unmask(pattern) : null;
  if (word !== null && word.length === pattern.length) tokens.push(toToken(word.split(""), draft.starts, draft.ends));
  else splitAtSymbols(draft, tokens);
}

/** Splits text into normalised words: artefacts dropped, lowercased, accents and disguises undone. */
export function tokenize(text: string, options: FeatureOptions = {}): Token[] {
  const cleaned = replaceArtefacts(text);
  const tokens: Token[] = [];
  const length = cleaned.length;
  let index = 0;
  while (index < length) {
    const start = index;
    // While the run is plain ASCII letters with no letter tripled, it takes the fast path below.
    let isPlain = true;
    let hasUpper = false;
    let before = -1;
    let last = -1;
    while (index < length) {
      const code = cleaned.charCodeAt(index);
      if (code < 128) {
        if (ASCII_TOKEN_CHARS[code] !== 1) break;
        const lower = code | 32;
        if (isPlain && (lower < 97 || lower > 122 || (lower === last && lower === before))) isPlain = false;
        if (code < 97) hasUpper = true;
        before = last;
        last = lower;
        index++;
        continue;
      }
      const width = tokenCharWidth(cleaned, index);
      if (width === 0) break;
      isPlain = false;
      index += width;
    }
    if (index === start) {
      index++;
      continue;
    }
    if (isPlain) {
      const word = cleaned.slice(start, index);
      tokens.push({ text: hasUpper ? word.toLowerCase() : word, start, end: index, charStarts: null, charEnds: null });
    } else {
      pushRawToken(cleaned.slice(start, index), start, tokens, options);
    }
  }
  return tokens;
}

// The original span behind characters first..last (inclusive) of a token's normalised text.
function getCharSpan(token: Token, first: number, last: number): { start: number; end: number } {
  if (!token.charStarts || !token.charEnds) return { start: token.start + first, end: token.start + last + 1 };
  return { start: token.charStarts[first] ?? token.start, end: token.charEnds[last] ?? token.end };
}

/** Calls `visit` for the words of tokens[from, to), the pairs inside that range, and their character n-grams. */
export function forEachTokenFeature(tokens: readonly Token[], visit: FeatureVisitor, from = 0, to = tokens.length): void {
  let previous: Token | null = null;
  for (let index = from; index < to; index++) {
    const token = tokens[index];
    if (!token) continue;
    visit("w", token.text, token.start, token.end);
    if (previous) visit("b", `${previous.text} ${token.text}`, previous.start, token.end);
    previous = token;
    const padded = `${WORD_START}${token.text}${WORD_END}`;
    const length = token.text.length;
    for (let size = CHAR_GRAM_MIN; size <= CHAR_GRAM_MAX; size++) {
      for (let at = 0; at + size <= padded.length; at++) {
        // Padded position p is character p - 1 of the word; the edge marks have no span of their own.
        const span = getCharSpan(token, Math.max(at - 1, 0), Math.min(at + size - 1, length) - 1);
        visit("c", padded.slice(at, at + size), span.start, span.end);
      }
    }
  }
}

/** Calls `visit` for every word, word pair and in-word character n-gram of the text, with original spans. */
export function forEachFeature(text: string, visit: FeatureVisitor, options: FeatureOptions = {}): void {
  forEachTokenFeature(tokenize(text, options), visit);
}

/**
 * Longest stretch of tokens scored as one text. The training texts are
 * tweets, so a long comment is cut into tweet-sized windows: scored whole,
 * its length alone pushes the score up (the features are scaled to unit
 * length) and one insult is averaged away among a thousand civil words.
 */
export const WINDOW_TOKENS = 24;

// Windows end at sentence ends once they hold this many tokens, so that an
// insult written as its own sentence is scored on its own, as a tweet would be.
const WINDOW_MIN_TOKENS = 4;

// Tuned on civil (NOT) OLID validation tweets joined into 300- to 5,000-character
// texts: 0.6 log-odds per e-fold of windows kept their false-positive rate at
// 16–23%, near the 18% of single tweets, where the undiscounted maximum
// flagged nearly every long text (0.5 let it creep up to 30%).
const WINDOW_DISCOUNT = 0.6;

function isSentenceBreak(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    // ". ! ?" and line breaks end a thought; commas and semicolons only join clauses of one.
    if (code === 46 || code === 33 || code === 63 || code === 10 || code === 13) return true;
  }
  return false;
}

/** The token ranges a text is scored in: sentences (joined up to WINDOW_MIN_TOKENS, split at WINDOW_TOKENS); one, possibly empty, window at least. */
export function getWindows(text: string, tokens: readonly Token[]): Array<{ from: number; to: number }> {
  const windows: Array<{ from: number; to: number }> = [];
  let from = 0;
  for (let index = 1; index <= tokens.length; index++) {
    const size = index - from;
    const previous = tokens[index - 1];
    const next = tokens[index];
    const isBreak = !previous || !next || isSentenceBreak(text, previous.end, next.start);
    if (index === tokens.length || size >= WINDOW_TOKENS || (isBreak && size >= WINDOW_MIN_TOKENS)) {
      windows.push({ from, to: index });
      from = index;
    }
  }
  if (windows.length === 0) windows.push({ from: 0, to: 0 });
  return windows;
}

/** How much a text of `windowCount` windows has its worst window discounted: the maximum of many noisy window scores grows with their number. */
export function getWindowDiscount(windowCount: number): number {
  return WINDOW_DISCOUNT * Math.log(Math.max(1, windowCount));
}

/** A text's log-odds from its windows' (at least one): the worst window, discounted by getWindowDiscount. */
export function combineWindowLogits(logits: readonly number[]): number {
  // A loop, not Math.max(...logits): a huge comment has more windows than a call may take arguments.
  let worst = -Infinity;
  for (const logit of logits) worst = Math.max(worst, logit);
  return worst - getWindowDiscount(logits.length);
}

/** The feature's name as stored in the model file: kind, colon, n-gram ("w:idiot", "b:shut up", "c:<idi"). */
export function formatFeature(kind: FeatureKind, gram: string): string {
  return `${kind}:${gram}`;
}

/** An unmasker that reads each masked symbol as any one letter and prefers words earlier in the list. */
export function createUnmasker(words: readonly string[]): Unmasker {
  const byLength = new Map<number, string[]>();
  for (const word of words) {
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  return (pattern) => {
    const candidates = byLength.get(pattern.length);
    if (!candidates) return null;
    for (const word of candidates) {
      let fits = true;
      for (let index = 0; index < pattern.length && fits; index++) {
        const char = pattern[index] ?? "";
        fits = MASKS.has(char) ? isLetterChar(word[index]) : char === word[index];
      }
      if (fits) return word;
    }
    return null;
  };
}
