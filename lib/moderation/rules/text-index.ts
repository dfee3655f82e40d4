// One pass over a comment that every detector shares: its words (with where
// they are), its sentences, and its letter counts. Detectors then ask which
// sentences hold one of their cue words, through a per-word memo, instead of
// each scanning the whole text with its own regular expressions. On a long
// comment that scanning was where nearly all the time went.

/** A word of the text: letters, digits and in-word apostrophes. */
export interface IndexedWord {
  start: number;
  end: number;
  /** The word in lower case. */
  lower: string;
}

/** A sentence: a run up to and including its closing punctuation or newline. */
export interface IndexedSentence {
  start: number;
  text: string;
  /** Index of its first word in `words`, and one past its last. */
  firstWord: number;
  endWord: number;
}

export interface TextIndex {
  text: string;
  words: IndexedWord[];
  sentences: IndexedSentence[];
  letterCount: number;
  upperCount: number;
  /** Per cue id, the sentences (by position) that hold one of its words; filled on first use. */
  cueSentences?: Map<number, number[]>;
}

// Character classes for the UTF-16 code units, filled lazily: bit 1 word
// character (letter, digit or mark), bit 2 cased letter, bit 4 upper case,
// bit 8 classified, bit 16 letter. Only cased letters count towards shouting, so scripts
// without case neither raise nor dilute it.
const WORD = 1;
const CASED = 2;
const UPPER = 4;
const KNOWN = 8;
const LETTER = 16;
const charClass = new Uint8Array(0x10000);

function classify(code: number): number {
  let bits = charClass[code]!;
  if (bits === 0) {
    const char = String.fromCharCode(code);
    bits = KNOWN;
    if (char.toLowerCase() !== char.toUpperCase()) bits |= CASED;
    if (char !== char.toLowerCase()) bits |= UPPER;
    if (/[\p{L}\p{N}\p{M}]/u.test(char)) bits |= WORD;
    if (/\p{L}/u.test(char)) bits |= LETTER;
    charClass[code] = bits;
  }
  return bits;
}

/** Whether a UTF-16 code unit is a letter (of the Basic Multilingual Plane). */
export function isLetterCode(code: number): boolean {
  return (classify(code) & LETTER) !== 0;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

function isWordCode(code: number): boolean {
  return (classify(code) & WORD) !== 0;
}

let lastIndex: TextIndex | null = null;

/** Indexes a text once; the checks of one comment all ask for the same text, so the last index is kept. */
export function indexText(text: string): TextIndex {
  if (lastIndex?.text === text) return lastIndex;
  const words: IndexedWord[] = [];
  // Lower-case once; a few characters change length when lower-cased ("İ"), and then each word is lower-cased alone.
  const lowerText = text.toLowerCase();
  const sameLength = lowerText.length === text.length;
  let letterCount = 0;
  let upperCount = 0;
  let wordStart = -1;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    let bits = charClass[code]!;
    if (bits === 0) bits = classify(code);
    if (bits & CASED) {
      letterCount += 1;
      if (bits & UPPER) upperCount += 1;
    }
    if (bits & WORD) {
      if (wordStart < 0) wordStart = index;
      continue;
    }
    // An apostrophe between two word characters stays inside the word ("don't").
    if ((code === APOSTROPHE || code === RIGHT_QUOTE) && wordStart >= 0 && index + 1 < length && isWordCode(text.charCodeAt(index + 1))) continue;
    if (wordStart >= 0) {
      words.push({ start: wordStart, end: index, lower: sameLength ? lowerText.slice(wordStart, index) : text.slice(wordStart, index).toLowerCase() });
      wordStart = -1;
    }
  }
  if (wordStart >= 0) words.push({ start: wordStart, end: length, lower: sameLength ? lowerText.slice(wordStart) : text.slice(wordStart).toLowerCase() });

  const sentences: IndexedSentence[] = [];
  let wordCursor = 0;
  for (const match of text.matchAll(/[^.!?\n]+[.!?\n]*/g)) {
    const end = match.index + match[0].length;
    const firstWord = wordCursor;
    while (wordCursor < words.length && words[wordCursor]!.start < end) wordCursor += 1;
    sentences.push({ start: match.index, text: match[0], firstWord, endWord: wordCursor });
  }
  lastIndex = { text, words, sentences, letterCount, upperCount };
  return lastIndex;
}

/**
 * A cue: words that a detector's pattern cannot match without. All cues sit
 * in one registry, so each distinct word is looked up once per text (and
 * remembered), whatever the number of cues.
 */
export interface Cue {
  readonly id: number;
  matches(word: string): boolean;
}

const MEMO_LIMIT = 50_000;
const NO_CUES: readonly number[] = [];

// Word → the cues it satisfies, as exact words (plurals and possessives allowed), as word beginnings, or by pattern.
const exactWords = new Map<string, number[]>();
const wordBeginnings = new Map<string, number[]>();
const patternCues: Array<{ id: number; pattern: RegExp }> = [];
let longestBeginning = 0;
let cueCount = 0;
const cuesOfWord = new Map<string, readonly number[]>();

function addTo(map: Map<string, number[]>, word: string, id: number): void {
  const ids = map.get(word) ?? [];
  if (!ids.includes(id)) ids.push(id);
  map.set(word, ids);
}

function newCue(): Cue {
  const id = cueCount;
  cueCount += 1;
  cuesOfWord.clear();
  return { id, matches: (word) => cueIdsOf(word).includes(id) };
}

/** The ids of every cue a lower-case word satisfies. */
function cueIdsOf(word: string): readonly number[] {
  const known = cuesOfWord.get(word);
  if (known) return known;
  const ids = new Set<number>();
  const bare = word.replace(/['’]s?$/, "");
  for (const form of new Set([word, bare, bare.replace(/s$/, ""), bare.replace(/es$/, "")])) {
    for (const id of exactWords.get(form) ?? NO_CUES) ids.add(id);
  }
  for (let length = Math.min(longestBeginning, word.length); length >= 1; length -= 1) {
    for (const id of wordBeginnings.get(word.slice(0, length)) ?? NO_CUES) ids.add(id);
  }
  for (const { id, pattern } of patternCues) if (pattern.test(word)) ids.add(id);
  const found = ids.size ? [...ids] : NO_CUES;
  if (cuesOfWord.size > MEMO_LIMIT) cuesOfWord.clear();
  cuesOfWord.set(word, found);
  return found;
}

/** Makes a cue from a pattern tested against single lower-case words. */
export function defineCue(pattern: RegExp): Cue {
  const cue = newCue();
  patternCues.push({ id: cue.id, pattern: new RegExp(pattern.source, pattern.flags.replace("g", "")) });
  return cue;
}

// Words too common to stand for a phrase: a phrase is cued by its longest other word.
const commonWords = new Set(["the", "a", "an", "of", "on", "in", "to", "for", "and", "me", "my", "you", "your", "it", "is", "people", "per"]);

function wordsOf(phrase: string): string[] {
  return phrase.toLowerCase().split(/[^\p{L}\p{N}'’]+/u).filter(Boolean);
}

/**
 * A cue for a list of words and phrases: a phrase can only match where its
 * longest uncommon word does, so that word alone stands for it. `prefix`
 * also cues longer words that start with a listed one ("strangl" → "strangled").
 */
export function wordCue(phrases: readonly string[], options: { prefix?: boolean } = {}): Cue {
  const cue = newCue();
  for (const phrase of phrases) {
    const words = wordsOf(phrase);
    const uncommon = words.filter((word) => !commonWords.has(word));
    const candidates = uncommon.length ? uncommon : words;
    const longest = candidates.reduce<string | undefined>((best, word) => (best === undefined || word.length > best.length ? word : best), undefined);
    if (!longest) continue;
    if (options.prefix) {
      addTo(wordBeginnings, longest, cue.id);
      longestBeginning = Math.max(longestBeginning, longest.length);
    } else {
      addTo(exactWords, longest, cue.id);
    }
  }
  return cue;
}

/** For each cue, the sentences holding one of its words: one pass over the text's words. */
function cueSentencesOf(index: TextIndex): Map<number, number[]> {
  if (index.cueSentences) return index.cueSentences;
  const bySentence = new Map<number, number[]>();
  index.sentences.forEach((sentence, position) => {
    for (let word = sentence.firstWord; word < sentence.endWord; word += 1) {
      for (const id of cueIdsOf(index.words[word]!.lower)) {
        const list = bySentence.get(id);
        if (!list) bySentence.set(id, [position]);
        else if (list[list.length - 1] !== position) list.push(position);
      }
    }
  });
  index.cueSentences = bySentence;
  return bySentence;
}

/** The sentences holding a word for every one of the cues. */
export function sentencesWithAllCues(index: TextIndex, cues: readonly Cue[]): IndexedSentence[] {
  const bySentence = cueSentencesOf(index);
  let positions: number[] | null = null;
  for (const cue of cues) {
    const found = bySentence.get(cue.id) ?? [];
    positions = positions === null ? found : positions.filter((position) => found.includes(position));
    if (positions.length === 0) return [];
  }
  return (positions ?? index.sentences.map((_, position) => position)).map((position) => index.sentences[position]!);
}

/** The sentences holding at least one cued word, where the detector's patterns then run. */
export function sentencesWithCue(index: TextIndex, cue: Cue): IndexedSentence[] {
  return sentencesWithAllCues(index, [cue]);
}

/**
 * A pattern with the cue words it cannot match without: it runs only in the
 * sentences that hold a word for every cue (and, with `lastWord`, end on such
 * a word), so a long comment costs a few sentences, not its whole length.
 */
export interface CuedPattern {
  rule: string;
  pattern: RegExp;
  cues: readonly Cue[];
  lastWord?: Cue;
}

/** The sentences a cued pattern may match in. */
export function sentencesFor(index: TextIndex, cued: CuedPattern): IndexedSentence[] {
  const { lastWord } = cued;
  const sentences = sentencesWithAllCues(index, cued.cues);
  if (!lastWord) return sentences;
  return sentences.filter((sentence) => sentence.endWord > sentence.firstWord && lastWord.matches(index.words[sentence.endWord - 1]!.lower));
}
