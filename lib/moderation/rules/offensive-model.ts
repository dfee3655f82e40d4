// Scores how likely a comment is offensive in the OLID sense (insults,
// targeted attacks, profanity, slurs, threats) with the logistic-regression
// model in offensive-model.json, and says which words raised the score and
// where they are in the text. Local and synchronous: no network, no native
// code; the weights come from scripts/train-moderation-model.ts.
import model from "./offensive-model.json";
import { CHAR_GRAM_MAX, CHAR_GRAM_MIN, createUnmasker, tokenize, WORD_END, WORD_START, type Token } from "./text-features";

/** A piece of the original comment text, by UTF-16 offsets as String.prototype.slice takes them. */
export interface OffensiveSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * One n-gram that raised the score: the normalised word or word pair (a
 * masked "f*ck" reads "fuck"), what it added to the log-odds (a word's share
 * includes its character n-grams), and where it occurs in the original text.
 */
export interface OffensiveContribution {
  feature: string;
  weight: number;
  spans: OffensiveSpan[];
}

/** The model's verdict on one text. */
export interface OffensiveScore {
  probability: number;
  isOffensive: boolean;
  threshold: number;
  contributions: OffensiveContribution[];
}

// Explanations are for a person reading a queue: a handful of reasons and a
// bounded list of places is enough, however long the comment.
const MAX_CONTRIBUTIONS = 5;
const MAX_SPANS_PER_FEATURE = 20;

// Training texts are tweets (99% have at most 53 words), so a longer comment
// is scored in tweet-sized windows and is as offensive as its worst window:
// scoring it whole would average one insult away among a thousand civil words.
const MAX_WINDOW_TOKENS = 48;

// N-grams are looked up by two independent 32-bit hashes of their character
// codes, so scoring builds no strings and touches one cache line per n-gram
// (reading the stored strings to confirm each match made scoring several times
// slower). Two n-grams would have to agree on all 63 bits to be confused:
// about one chance in 10^14 per lookup for a model of 40,000 features.
const SEED_A = { w: 0x811c9dc5, c: 0x2f0f3c8d };
const SEED_B = { w: 0x27d4eb2f, c: 0x6c8e9cf5 };
const PRIME_A = 0x01000193;
const PRIME_B = 0x5bd1e995;
const START_CODE = WORD_START.charCodeAt(0);
const END_CODE = WORD_END.charCodeAt(0);
// A slot is four 32-bit cells: hash A, hash B (odd, so 0 marks an empty slot), the weight as float32, and the last window that counted it.
const SLOT_CELLS = 4;
// A word's features (the word and its character n-grams) do not depend on its
// neighbours, so they are found once per distinct word and remembered; the
// bound keeps a stream of novel words from growing memory (about 5 MB at most).
const MAX_CACHED_WORDS = 50_000;

// Results stay signed 32-bit integers: V8 boxes unsigned values above 2^31, which would make every lookup allocate.
function finishA(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  return mixed ^ (mixed >>> 16);
}

function finishB(hash: number): number {
  let mixed = hash ^ (hash >>> 15);
  mixed = Math.imul(mixed, 0x2c1b3c6d);
  mixed ^= mixed >>> 12;
  mixed = Math.imul(mixed, 0x297a2d39);
  return (mixed ^ (mixed >>> 15)) | 1;
}

function hashWordA(word: string): number {
  let hash = SEED_A.w;
  for (let index = 0; index < word.length; index++) hash = Math.imul(hash ^ word.charCodeAt(index), PRIME_A);
  return finishA(hash);
}

function hashWordB(word: string): number {
  let hash = SEED_B.w;
  for (let index = 0; index < word.length; index++) hash = Math.imul(hash ^ word.charCodeAt(index), PRIME_B);
  return finishB(hash);
}

// A pair is hashed from its two word hashes, so no character is read twice; the multiplication keeps "a b" apart from "b a".
function hashPairA(first: number, second: number): number {
  return finishA(Math.imul(first ^ 0x5f356495, 0x9e3779b1) ^ second);
}

function hashPairB(first: number, second: number): number {
  return finishB(Math.imul(first ^ 0x1b873593, 0x85ebca77) ^ second);
}

interface LoadedModel {
  bias: number;
  threshold: number;
  names: string[];
  isPair: Uint8Array;
  cells: Int32Array;
  cellWeights: Float32Array;
  slotFeature: Int32Array;
  mask: number;
  unmask: (pattern: string) => string | null;
}

function hashFeature(name: string): [number, number] {
  const gram = name.slice(2);
  if (name.startsWith("w:")) return [hashWordA(gram), hashWordB(gram)];
  if (name.startsWith("b:")) {
    const [first = "", second = ""] = gram.split(" ");
    return [hashPairA(hashWordA(first), hashWordA(second)), hashPairB(hashWordB(first), hashWordB(second))];
  }
  let hashA = SEED_A.c;
  let hashB = SEED_B.c;
  for (let index = 0; index < gram.length; index++) {
    hashA = Math.imul(hashA ^ gram.charCodeAt(index), PRIME_A);
    hashB = Math.imul(hashB ^ gram.charCodeAt(index), PRIME_B);
  }
  return [finishA(hashA), finishB(hashB)];
}

function loadModel(): LoadedModel {
  const { features, weights, bias, threshold, unmaskWords } = model;
  // The JSON is generated, but a hand edit or a bad merge should fail at startup, not score nonsense.
  if (features.length !== weights.length || !Number.isFinite(bias) || !(threshold > 0 && threshold < 1)) {
    throw new Error("offensive-model.json is malformed: features and weights differ in length, or bias/threshold are invalid");
  }
  let capacity = 1024;
  while (capacity < features.length * 2) capacity *= 2;
  const buffer = new ArrayBuffer(capacity * SLOT_CELLS * 4);
  const cells = new Int32Array(buffer);
  const cellWeights = new Float32Array(buffer);
  const slotFeature = new Int32Array(capacity).fill(-1);
  const isPair = new Uint8Array(features.length);
  features.forEach((name, feature) => {
    if (!/^[wbc]:./.test(name) || (name.startsWith("b:") && name.split(" ").length !== 2)) throw new Error(`offensive-model.json: bad feature name "${name}"`);
    isPair[feature] = name.startsWith("b:") ? 1 : 0;
    const [hashA, hashB] = hashFeature(name);
    let slot = hashA & (capacity - 1);
    while (cells[slot * SLOT_CELLS + 1] !== 0) {
      if (cells[slot * SLOT_CELLS] === hashA && cells[slot * SLOT_CELLS + 1] === hashB) throw new Error(`offensive-model.json: "${name}" collides with another feature`);
      slot = (slot + 1) & (capacity - 1);
    }
    cells[slot * SLOT_CELLS] = hashA;
    cells[slot * SLOT_CELLS + 1] = hashB;
    cellWeights[slot * SLOT_CELLS + 2] = weights[feature] ?? 0;
    slotFeature[slot] = feature;
  });
  return { bias, threshold, names: features, isPair, cells, cellWeights, slotFeature, mask: capacity - 1, unmask: createUnmasker(unmaskWords) };
}

const loaded = loadModel();

/** Where a word's own features sit in the table, and its hashes for forming pairs. */
interface WordEntry {
  hashA: number;
  hashB: number;
  slots: Int32Array;
}

const wordCache = new Map<string, WordEntry>();
const scratch = { generation: 0, codes: new Uint16Array(256), slots: new Int32Array(1024) };

function findSlot(hashA: number, hashB: number): number {
  const { cells, mask } = loaded;
  for (let slot = hashA & mask; cells[slot * SLOT_CELLS + 1] !== 0; slot = (slot + 1) & mask) {
    if (cells[slot * SLOT_CELLS] === hashA && cells[slot * SLOT_CELLS + 1] === hashB) return slot;
  }
  return -1;
}

/** The word's entry: the word itself and its character n-grams ("<" word ">", 3 to 5 long) that the model has. */
function lookUpWord(word: string): WordEntry {
  const cached = wordCache.get(word);
  if (cached) return cached;
  const length = word.length;
  if (scratch.codes.length < length + 2) scratch.codes = new Uint16Array((length + 2) * 2);
  if (scratch.slots.length < 3 * (length + 2) + 1) scratch.slots = new Int32Array((3 * (length + 2) + 1) * 2);
  const { codes, slots } = scratch;
  codes[0] = START_CODE;
  for (let index = 0; index < length; index++) codes[index + 1] = word.charCodeAt(index);
  codes[length + 1] = END_CODE;
  const hashA = hashWordA(word);
  const hashB = hashWordB(word);
  let found = 0;
  const own = findSlot(hashA, hashB);
  if (own >= 0) slots[found++] = own;
  // Each start position extends one hash through 3, 4 and 5 characters instead of hashing every n-gram afresh.
  for (let at = 0; at + CHAR_GRAM_MIN <= length + 2; at++) {
    let gramA = SEED_A.c;
    let gramB = SEED_B.c;
    for (let size = 1; size <= CHAR_GRAM_MAX && at + size <= length + 2; size++) {
      const code = codes[at + size - 1] ?? 0;
      gramA = Math.imul(gramA ^ code, PRIME_A);
      gramB = Math.imul(gramB ^ code, PRIME_B);
      if (size < CHAR_GRAM_MIN) continue;
      const slot = findSlot(finishA(gramA), finishB(gramB));
      if (slot >= 0) slots[found++] = slot;
    }
  }
  const entry = { hashA, hashB, slots: slots.slice(0, found) };
  if (wordCache.size >= MAX_CACHED_WORDS) wordCache.clear();
  wordCache.set(word, entry);
  return entry;
}

function nextGeneration(): number {
  scratch.generation++;
  if (scratch.generation >= 0x7fffffff) {
    for (let slot = 0; slot <= loaded.mask; slot++) loaded.cells[slot * SLOT_CELLS + 3] = 0;
    scratch.generation = 1;
  }
  return scratch.generation;
}

/** Where each model feature of a window came from: parallel lists of table slots and token indexes. */
interface Hits {
  slots: number[];
  tokens: number[];
}

interface WindowScore {
  from: number;
  to: number;
  probability: number;
  scale: number;
}

function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

/**
 * Sums the weights of the window's distinct features: each word, each pair
 * of neighbouring words, and their character n-grams, exactly the features
 * forEachTokenFeature in text-features.ts yields (a unit test holds the two
 * together). `hits`, when given, collects every occurrence for explanations.
 */
function scoreWindow(tokens: readonly Token[], from: number, to: number, hits: Hits | null): WindowScore {
  const { cells, cellWeights } = loaded;
  const generation = nextGeneration();
  let sum = 0;
  let distinct = 0;
  let previous: WordEntry | null = null;
  for (let index = from; index < to; index++) {
    const entry = lookUpWord(tokens[index]?.text ?? "");
    const pairSlot = previous ? findSlot(hashPairA(previous.hashA, entry.hashA), hashPairB(previous.hashB, entry.hashB)) : -1;
    previous = entry;
    const { slots } = entry;
    for (let next = pairSlot >= 0 ? -1 : 0; next < slots.length; next++) {
      const slot = next < 0 ? pairSlot : (slots[next] ?? 0);
      const cell = slot * SLOT_CELLS;
      if (hits) {
        hits.slots.push(slot);
        hits.tokens.push(index);
      }
      // Features are binary: an n-gram counts once per window however often it repeats.
      if (cells[cell + 3] === generation) continue;
      cells[cell + 3] = generation;
      distinct++;
      sum += cellWeights[cell + 2] ?? 0;
    }
  }
  // Training scaled each text's binary feature vector to unit length; the same scaling here keeps scores comparable.
  const scale = distinct > 0 ? 1 / Math.sqrt(distinct) : 0;
  return { from, to, probability: sigmoid(loaded.bias + scale * sum), scale };
}

/** Every place in the windows where a word (or word pair) occurs, up to the cap. */
function findSpans(text: string, tokens: readonly Token[], windows: readonly WindowScore[], name: string): OffensiveSpan[] {
  const spans: OffensiveSpan[] = [];
  const space = name.indexOf(" ");
  const first = space < 0 ? name : name.slice(0, space);
  const second = space < 0 ? "" : name.slice(space + 1);
  for (const window of windows) {
    for (let index = window.from; index < window.to && spans.length < MAX_SPANS_PER_FEATURE; index++) {
      const token = tokens[index];
      const next = tokens[index + 1];
      if (!token || token.text !== first) continue;
      if (space >= 0 && (index + 1 >= window.to || next?.text !== second)) continue;
      const end = space < 0 ? token.end : (next?.end ?? token.end);
      if (!spans.some((span) => span.start === token.start && span.end === end)) spans.push({ start: token.start, end, text: text.slice(token.start, end) });
    }
  }
  return spans;
}

/** Credits each n-gram's weight to the word (or word pair) it came from, sharing it when several words in the window produce it. */
function explain(text: string, tokens: readonly Token[], windows: readonly WindowScore[]): OffensiveContribution[] {
  const weights = new Map<string, number>();
  for (const window of windows) {
    const hits: Hits = { slots: [], tokens: [] };
    scoreWindow(tokens, window.from, window.to, hits);
    // Most n-grams come from one word; a set is made only for those that several words share.
    const sources = new Map<number, string | Set<string>>();
    hits.slots.forEach((slot, hit) => {
      const index = hits.tokens[hit] ?? 0;
      const token = tokens[index];
      const previous = tokens[index - 1];
      if (!token) return;
      const name = loaded.isPair[loaded.slotFeature[slot] ?? 0] === 1 && previous ? `${previous.text} ${token.text}` : token.text;
      const known = sources.get(slot);
      if (known === undefined) sources.set(slot, name);
      else if (typeof known === "string") {
        if (known !== name) sources.set(slot, new Set([known, name]));
      } else known.add(name);
    });
    const windowWeights = new Map<string, number>();
    for (const [slot, names] of sources) {
      const weight = (loaded.cellWeights[slot * SLOT_CELLS + 2] ?? 0) * window.scale;
      if (typeof names === "string") {
        windowWeights.set(names, (windowWeights.get(names) ?? 0) + weight);
        continue;
      }
      for (const name of names) windowWeights.set(name, (windowWeights.get(name) ?? 0) + weight / names.size);
    }
    for (const [name, weight] of windowWeights) weights.set(name, Math.max(weight, weights.get(name) ?? -Infinity));
  }
  return Array.from(weights)
    .filter(([, weight]) => weight > 0)
    .sort(([leftName, left], [rightName, right]) => right - left || (leftName < rightName ? -1 : 1))
    .slice(0, MAX_CONTRIBUTIONS)
    .map(([feature, weight]) => ({ feature, weight, spans: findSpans(text, tokens, windows, feature) }));
}

/** Scores a comment: probability it is offensive, the verdict at the tuned threshold, and the words that raised it. */
export function scoreOffensive(text: string): OffensiveScore {
  const tokens = tokenize(text, { unmask: loaded.unmask });
  const windowCount = Math.max(1, Math.ceil(tokens.length / MAX_WINDOW_TOKENS));
  const windowSize = Math.max(1, Math.ceil(tokens.length / windowCount));
  const windows: WindowScore[] = [];
  let probability = 0;
  for (let from = 0; from < Math.max(tokens.length, 1); from += windowSize) {
    const window = scoreWindow(tokens, from, Math.min(from + windowSize, tokens.length), null);
    windows.push(window);
    probability = Math.max(probability, window.probability);
  }
  const isOffensive = probability >= loaded.threshold;
  // Explain with every window over the threshold, or with the worst one when none is.
  const explaining = windows.filter((window) => (isOffensive ? window.probability >= loaded.threshold : window.probability === probability));
  return { probability, isOffensive, threshold: loaded.threshold, contributions: explain(text, tokens, explaining) };
}
