// Scores how likely a comment is offensive (insults, targeted attacks,
// profanity, slurs, threats) and, separately, how likely it is aimed at a
// person (the author, another commenter, someone named), with the two
// logistic-regression heads in offensive-model.json, and says which words
// raised each score and where they are in the text. Local and synchronous: no
// network, no native code; the weights come from
// scripts/train-moderation-model.ts.
import model from "./offensive-model.json";
import {
  CHAR_GRAM_MAX,
  CHAR_GRAM_MIN,
  combineWindowLogits,
  createUnmasker,
  getWindowDiscount,
  getWindows,
  tokenize,
  WORD_END,
  WORD_START,
  type Token,
} from "./text-features";

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

/** The model's verdict on one text: is it offensive, and is it a personal attack. */
export interface OffensiveScore {
  probability: number;
  isOffensive: boolean;
  threshold: number;
  contributions: OffensiveContribution[];
  /** The attack head: probability that the text is aimed at a person in the discussion or someone named. */
  attackProbability: number;
  isAttack: boolean;
  attackContributions: OffensiveContribution[];
}

/** Which of the model's two heads: offensive at all, or aimed at a person. */
export type OffensiveHead = "offensive" | "attack";

// Explanations are for a person reading a queue: a handful of reasons and a
// bounded list of places is enough, however long the comment.
const MAX_CONTRIBUTIONS = 5;
const MAX_SPANS_PER_FEATURE = 20;

// Explaining a long tirade window by window would cost more than scoring it;
// the worst few windows show the reasons.
const MAX_EXPLAINED_WINDOWS = 4;

// N-grams are looked up by two differently seeded 32-bit hashes of their
// character codes, so scoring builds no strings and never reads the stored
// n-grams (confirming each match against them made scoring several times
// slower). Two n-grams would have to agree on both hashes, 63 bits, to be
// confused: about one chance in 10^14 per lookup for 40,000 features.
const SEED_A = { w: 0x811c9dc5, c: 0x2f0f3c8d };
const SEED_B = { w: 0x27d4eb2f, c: 0x6c8e9cf5 };
const PRIME_A = 0x01000193;
const PRIME_B = 0x5bd1e995;
const START_CODE = WORD_START.charCodeAt(0);
const END_CODE = WORD_END.charCodeAt(0);
// A table slot is three 32-bit cells: hash A, hash B (odd, so 0 marks an empty slot), and the feature's index.
const TABLE_CELLS = 3;
// Most n-grams of a text are not in the model; a 64 KB Bloom filter (two bits
// per feature, about 2% false positives) answers "not there" from cache
// instead of from the 1.5 MB table.
const BLOOM_BITS = 1 << 19;
// A word's features (the word and its character n-grams) do not depend on its
// neighbours, so they are found once per distinct word and remembered; the
// bound keeps a stream of novel words from growing memory (a few MB at most).
const MAX_CACHED_WORDS = 16_384;

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

// The high bits: the table slot comes from the low bits of hash A.
function bloomBit(hash: number): number {
  return (hash >>> 13) & (BLOOM_BITS - 1);
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
  bias: Record<OffensiveHead, number>;
  threshold: number;
  names: string[];
  isPair: Uint8Array;
  weights: Record<OffensiveHead, Float64Array>;
  /** The last window that counted each feature: features are binary, counted once per window. */
  countedIn: Int32Array;
  table: Int32Array;
  mask: number;
  bloom: Uint32Array;
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

function setBloomBit(bloom: Uint32Array, bit: number): void {
  bloom[bit >>> 5] = (bloom[bit >>> 5] ?? 0) | (1 << (bit & 31));
}

function loadModel(): LoadedModel {
  const { features, weights, bias, attackWeights, attackBias, threshold, unmaskWords } = model;
  // The JSON is generated, but a hand edit or a bad merge should fail at startup, not score nonsense.
  if (features.length !== weights.length || features.length !== attackWeights.length || !Number.isFinite(bias) || !Number.isFinite(attackBias) || !(threshold > 0 && threshold < 1)) {
    throw new Error("offensive-model.json is malformed: features and weights differ in length, or bias/threshold are invalid");
  }
  let capacity = 1024;
  while (capacity < features.length * 2) capacity *= 2;
  const table = new Int32Array(capacity * TABLE_CELLS);
  const bloom = new Uint32Array(BLOOM_BITS / 32);
  const isPair = new Uint8Array(features.length);
  features.forEach((name, feature) => {
    if (!/^[wbc]:./.test(name) || (name.startsWith("b:") && name.split(" ").length !== 2)) throw new Error(`offensive-model.json: bad feature name "${name}"`);
    isPair[feature] = name.startsWith("b:") ? 1 : 0;
    const [hashA, hashB] = hashFeature(name);
    let slot = hashA & (capacity - 1);
    while (table[slot * TABLE_CELLS + 1] !== 0) {
      if (table[slot * TABLE_CELLS] === hashA && table[slot * TABLE_CELLS + 1] === hashB) throw new Error(`offensive-model.json: "${name}" collides with another feature`);
      slot = (slot + 1) & (capacity - 1);
    }
    table[slot * TABLE_CELLS] = hashA;
    table[slot * TABLE_CELLS + 1] = hashB;
    table[slot * TABLE_CELLS + 2] = feature;
    setBloomBit(bloom, bloomBit(hashA));
    setBloomBit(bloom, bloomBit(hashB));
  });
  return {
    bias: { offensive: bias, attack: attackBias },
    threshold,
    names: features,
    isPair,
    weights: { offensive: Float64Array.from(weights), attack: Float64Array.from(attackWeights) },
    countedIn: new Int32Array(features.length),
    table,
    mask: capacity - 1,
    bloom,
    unmask: createUnmasker(unmaskWords),
  };
}

const loaded = loadModel();

/** A word's own features (the word and its character n-grams) that the model has, and its hashes for forming pairs. */
interface WordEntry {
  hashA: number;
  hashB: number;
  features: number[];
}

const wordCache = new Map<string, WordEntry>();
const scratch = { generation: 0, codes: new Uint16Array(256) };

/** The model feature with these hashes, or -1. */
function findFeature(hashA: number, hashB: number): number {
  const { table, mask, bloom } = loaded;
  const bitA = bloomBit(hashA);
  const bitB = bloomBit(hashB);
  if (((bloom[bitA >>> 5] ?? 0) & (1 << (bitA & 31))) === 0 || ((bloom[bitB >>> 5] ?? 0) & (1 << (bitB & 31))) === 0) return -1;
  for (let slot = hashA & mask; table[slot * TABLE_CELLS + 1] !== 0; slot = (slot + 1) & mask) {
    if (table[slot * TABLE_CELLS] === hashA && table[slot * TABLE_CELLS + 1] === hashB) return table[slot * TABLE_CELLS + 2] ?? -1;
  }
  return -1;
}

/** The word's entry: the word itself and its character n-grams ("<" word ">", 3 to 5 long) that the model has. */
function lookUpWord(word: string): WordEntry {
  const cached = wordCache.get(word);
  if (cached) return cached;
  const length = word.length;
  if (scratch.codes.length < length + 2) scratch.codes = new Uint16Array((length + 2) * 2);
  const { codes } = scratch;
  codes[0] = START_CODE;
  for (let index = 0; index < length; index++) codes[index + 1] = word.charCodeAt(index);
  codes[length + 1] = END_CODE;
  const entry: WordEntry = { hashA: hashWordA(word), hashB: hashWordB(word), features: [] };
  const own = findFeature(entry.hashA, entry.hashB);
  if (own >= 0) entry.features.push(own);
  // Each start position extends one hash through 3, 4 and 5 characters instead of hashing every n-gram afresh.
  for (let at = 0; at + CHAR_GRAM_MIN <= length + 2; at++) {
    let gramA = SEED_A.c;
    let gramB = SEED_B.c;
    for (let size = 1; size <= CHAR_GRAM_MAX && at + size <= length + 2; size++) {
      const code = codes[at + size - 1] ?? 0;
      gramA = Math.imul(gramA ^ code, PRIME_A);
      gramB = Math.imul(gramB ^ code, PRIME_B);
      if (size < CHAR_GRAM_MIN) continue;
      const feature = findFeature(finishA(gramA), finishB(gramB));
      if (feature >= 0) entry.features.push(feature);
    }
  }
  if (wordCache.size >= MAX_CACHED_WORDS) wordCache.clear();
  wordCache.set(word, entry);
  return entry;
}

function nextGeneration(): number {
  scratch.generation++;
  if (scratch.generation >= 0x7fffffff) {
    loaded.countedIn.fill(0);
    scratch.generation = 1;
  }
  return scratch.generation;
}

/** Where each model feature of a window came from: parallel lists of features and token indexes. */
interface Hits {
  features: number[];
  tokens: number[];
}

interface WindowScore {
  from: number;
  to: number;
  logit: number;
  attackLogit: number;
  scale: number;
}

function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

/**
 * Sums the weights of the window's distinct features: each word, each pair
 * of neighbouring words, and their character n-grams, exactly the features
 * forEachTokenFeature in text-features.ts yields (a unit test holds the two
 * together), for both heads at once. `hits`, when given, collects every
 * occurrence for explanations.
 */
function scoreWindow(tokens: readonly Token[], from: number, to: number, hits: Hits | null): WindowScore {
  const { countedIn } = loaded;
  const weights = loaded.weights.offensive;
  const attackWeights = loaded.weights.attack;
  const generation = nextGeneration();
  let sum = 0;
  let attackSum = 0;
  let distinct = 0;
  let previous: WordEntry | null = null;
  for (let index = from; index < to; index++) {
    const entry = lookUpWord(tokens[index]?.text ?? "");
    const pair = previous ? findFeature(hashPairA(previous.hashA, entry.hashA), hashPairB(previous.hashB, entry.hashB)) : -1;
    previous = entry;
    const { features } = entry;
    for (let next = pair >= 0 ? -1 : 0; next < features.length; next++) {
      const feature = next < 0 ? pair : (features[next] ?? 0);
      if (hits) {
        hits.features.push(feature);
        hits.tokens.push(index);
      }
      if (countedIn[feature] === generation) continue;
      countedIn[feature] = generation;
      distinct++;
      sum += weights[feature] ?? 0;
      attackSum += attackWeights[feature] ?? 0;
    }
  }
  // Training scaled each text's binary feature vector to unit length; the same scaling here keeps scores comparable.
  const scale = distinct > 0 ? 1 / Math.sqrt(distinct) : 0;
  return { from, to, logit: loaded.bias.offensive + scale * sum, attackLogit: loaded.bias.attack + scale * attackSum, scale };
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

/** Credits each n-gram's weight in one head to the word (or word pair) it came from, sharing it when several words in the window produce it. */
function explain(text: string, tokens: readonly Token[], windows: readonly WindowScore[], head: OffensiveHead): OffensiveContribution[] {
  const weights = new Map<string, number>();
  for (const window of windows) {
    const hits: Hits = { features: [], tokens: [] };
    scoreWindow(tokens, window.from, window.to, hits);
    // Most n-grams come from one word; a set is made only for those that several words share.
    const sources = new Map<number, string | Set<string>>();
    hits.features.forEach((feature, hit) => {
      const index = hits.tokens[hit] ?? 0;
      const token = tokens[index];
      const previous = tokens[index - 1];
      if (!token) return;
      const name = loaded.isPair[feature] === 1 && previous ? `${previous.text} ${token.text}` : token.text;
      const known = sources.get(feature);
      if (known === undefined) sources.set(feature, name);
      else if (typeof known === "string") {
        if (known !== name) sources.set(feature, new Set([known, name]));
      } else known.add(name);
    });
    const windowWeights = new Map<string, number>();
    for (const [feature, names] of sources) {
      const weight = (loaded.weights[head][feature] ?? 0) * window.scale;
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

/** The windows that alone carry the text past the threshold (the worst few), or the worst window when none does. */
function pickExplaining(windows: readonly WindowScore[], logitOf: (window: WindowScore) => number, isPast: boolean): WindowScore[] {
  const decisive = Math.log(loaded.threshold / (1 - loaded.threshold)) + getWindowDiscount(windows.length);
  const ranked = [...windows].sort((left, right) => logitOf(right) - logitOf(left) || left.from - right.from);
  return ranked.filter((window, rank) => rank === 0 || (isPast && logitOf(window) >= decisive)).slice(0, isPast ? MAX_EXPLAINED_WINDOWS : 1);
}

/**
 * Scores a comment: probability it is offensive and probability it is aimed
 * at a person, the verdicts at the tuned threshold, and the words that raised
 * each. Explaining costs as much as scoring, so with `explainFrom` a head
 * scoring below it comes back without contributions.
 */
export function scoreOffensive(text: string, options: { explainFrom?: number } = {}): OffensiveScore {
  const tokens = tokenize(text, { unmask: loaded.unmask });
  const windows = getWindows(text, tokens).map(({ from, to }) => scoreWindow(tokens, from, to, null));
  const probability = sigmoid(combineWindowLogits(windows.map((window) => window.logit)));
  const attackProbability = sigmoid(combineWindowLogits(windows.map((window) => window.attackLogit)));
  const isOffensive = probability >= loaded.threshold;
  const isAttack = attackProbability >= loaded.threshold;
  const explainFrom = options.explainFrom ?? 0;
  return {
    probability,
    isOffensive,
    threshold: loaded.threshold,
    contributions: probability < explainFrom ? [] : explain(text, tokens, pickExplaining(windows, (window) => window.logit, isOffensive), "offensive"),
    attackProbability,
    isAttack,
    attackContributions:
      attackProbability < explainFrom ? [] : explain(text, tokens, pickExplaining(windows, (window) => window.attackLogit, isAttack), "attack"),
  };
}
