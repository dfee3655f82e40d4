// Trains the two heads of the offensive-language model
// (lib/moderation/rules/offensive-model.json), both class-balanced L2 logistic
// regressions over the same word, word-pair and in-word character n-grams,
// each feature scaled by its naive-Bayes log-count ratio (NBSVM):
//
// - offensive: is the text abusive or offensive at all. Positives: OLID
//   subtask_a OFF, Davidson hate/offensive, Civil Comments (toxic-spans)
//   comments a majority rated toxic, ConvAbuse abusive (majority), TRAC-1 OAG,
//   Wikipedia talk label 1. Negatives: OLID NOT, Davidson neither, ConvAbuse
//   rated abusive by no rater, TRAC-1 NAG, Wikipedia talk label 0.
// - attack: is it aimed at a person in the discussion, the author or someone
//   named (issue #14's personal attack). Positives: OLID subtask_c IND,
//   toxic-spans comments with a majority Insult span, ConvAbuse abusive at
//   the addressee (target system) or an individual, TRAC-1 OAG and CAG,
//   Argotario voted Ad Hominem. Negatives: everything else of those sources
//   (OLID NOT/GRP/OTH/UNT, toxic comments without an Insult span, ConvAbuse
//   non-abusive, TRAC-1 NAG, other fallacies) and Wikipedia talk label 0.
//
// Why these: one model on OLID tweets held long, heated but civil discussion
// and missed most attacks on people; news comments (toxic-spans, TRAC-1),
// talk to an addressee (ConvAbuse) and long civil debate (Wikipedia talk)
// are the site's kinds of text, and the second head lets the check tell an
// attack on a person (held) from untargeted swearing (published, labelled).
//
// Each source is class-balanced and weighted (SOURCES below); the features
// are the strongest of a first fit of both heads on every n-gram; the decision
// thresholds are tuned on the validation parts only (OLID macro-F1 for
// offensive, F1 on the pooled targeted sources for attack), each subject to a
// cap on Wikipedia talk validation comments scored past it, and each head's
// bias is then shifted so that its tuned point sits at probability
// DEFAULT_THRESHOLD (the site's default offensiveModelThreshold). Training
// rows whose text also appears in a held-out part are dropped; held-out rows
// are only scored, after everything is fixed. `npm run eval:moderation`
// reports the figures through the whole rule queue.
//
//   npm run train:moderation   (= npx tsx scripts/train-moderation-model.ts [--data DIR] [--out FILE] [--l2 X (both heads)] [--max-features N] [--min-df N])
//
// About 70 s on one core; the same data gives the same file byte for byte.
// Deterministic: no randomness anywhere (full-batch L-BFGS from zero weights).
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  combineWindowLogits,
  createUnmasker,
  forEachFeature,
  forEachTokenFeature,
  formatFeature,
  getWindows,
  tokenize,
  type FeatureOptions,
  type Unmasker,
} from "../lib/moderation/rules/text-features";
import {
  getSplit,
  loadArgotario,
  loadConvAbuse,
  loadDavidson,
  loadOlid,
  loadToxicSpans,
  loadTrac1,
  loadWikipediaTalk,
  resolveDataDir,
  type DatasetName,
  type Split,
} from "./moderation-data";

const { values: options } = parseArgs({
  options: {
    data: { type: "string" },
    out: { type: "string", default: join(process.cwd(), "lib", "moderation", "rules", "offensive-model.json") },
    l2: { type: "string" },
    "max-features": { type: "string" },
    "min-df": { type: "string", default: "2" },
  },
});

// Compared on the validation parts (OLID macro-F1 of the offensive head):
// L2 3e-5 0.746, 1e-5 0.751, 3e-6 0.743; 120k features scored as 40k at three
// times the size. OLID weighted 4 rather than 1 in the offensive head: 0.750
// against 0.746 (held-out 0.732 against 0.713).
// The attack head keeps 3e-5: at 1e-5 it learnt topic words ("budget",
// "afternoon") and held 3 more civil fixtures ("a stupid idea").
const DEFAULTS = { l2: { offensive: 1e-5, attack: 3e-5 } as Record<Head, number>, maxFeatures: 40_000, unmaskWords: 400 };

/** The site's default offensiveModelThreshold (lib/moderation/settings.ts): each head's tuned point is moved here. */
const DEFAULT_THRESHOLD = 0.55;

/**
 * At most this share of Wikipedia talk validation comments (label 0) may score
 * past each head's threshold. The attack head's verdict holds a comment; the
 * offensive head's alone only labels it (held a wide margin further on, see
 * lib/moderation/checks/offensive-model.ts), so it may be looser: 1% there
 * cost 0.02 of OLID macro-F1.
 */
const WIKIPEDIA_FALSE_HOLD_CAP: Record<Head, number> = { offensive: 0.03, attack: 0.01 };

type Head = "offensive" | "attack";
const HEADS: readonly Head[] = ["offensive", "attack"];

/**
 * Whether a head's features are scaled by their naive-Bayes log-count ratios
 * (NBSVM-style) before the fit. Compared on the validation parts: OLID
 * macro-F1 0.750 → 0.763 (held-out 0.738 → 0.751), the attack head's pooled
 * F1 0.687 → 0.740. (Training on the text as the check reads it, quotations
 * and topic words blanked, scored OLID lower: 0.757 validation, 0.739
 * held-out; OLID's raters counted quoted offence as offence.)
 */
const NAIVE_BAYES: Record<Head, boolean> = { offensive: true, attack: true };

/**
 * Each source's weight relative to OLID (after class balancing within the
 * source), per head; 0 leaves the source out of that head. Wikipedia talk is
 * not class-balanced (59 toxic in 10,000): its civil comments are there as
 * negatives of long civil debate. Compared on the validation parts: Wikipedia
 * at 1.5 rather than 0.5 in the attack head raised its pooled F1 from 0.650 to
 * 0.681 (recall 0.52 to 0.58 at precision 0.87 to 0.82); toxic-spans at 0.25
 * instead of 0.5 there was no better (0.668); weighting offensive-but-untargeted
 * rows three times as attack negatives was worse (0.564).
 */
const SOURCES: Record<DatasetName, { offensive: number; attack: number; balanced: boolean }> = {
  olid: { offensive: 4, attack: 1, balanced: true },
  davidson: { offensive: 0.5, attack: 0, balanced: true },
  "toxic-spans": { offensive: 0.5, attack: 0.5, balanced: true },
  convabuse: { offensive: 0.5, attack: 1, balanced: true },
  trac1: { offensive: 0.5, attack: 0.5, balanced: true },
  "wikipedia-talk": { offensive: 0.5, attack: 1.5, balanced: false },
  argotario: { offensive: 0, attack: 1, balanced: true },
  "youtube-spam": { offensive: 0, attack: 0, balanced: true },
};

/** A row's label per head: 1, 0, or null when the row says nothing about that question. */
type Labels = Record<Head, 0 | 1 | null>;

interface Example {
  dataset: DatasetName;
  id: string;
  split: Split;
  labels: Labels;
  text: string;
}

/** Rows as sparse binary feature sets, scaled so that every row has unit length. */
interface Matrix {
  rows: number;
  offsets: Int32Array;
  columns: Int32Array;
  scales: Float64Array;
  labels: Uint8Array;
  weights: Float64Array;
  /** Each column's value where a row has it: its naive-Bayes log-count ratio, or 1. */
  featureValues: Float64Array;
}

interface Model {
  weights: Float64Array;
  bias: number;
}

interface Fit extends Model {
  iterations: number;
}

interface BinaryCounts {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
}

function example(dataset: DatasetName, id: string, text: string, offensive: 0 | 1 | null, attack: 0 | 1 | null): Example {
  return { dataset, id, split: getSplit(dataset, id), labels: { offensive, attack }, text };
}

function loadExamples(dataDir: string): Example[] {
  const examples: Example[] = [
    ...loadOlid(dataDir).map((row) => example("olid", row.id, row.text, row.offensive ? 1 : 0, row.subtaskC === "IND" ? 1 : 0)),
    ...loadDavidson(dataDir).map((row) => example("davidson", row.id, row.text, row.label === 2 ? 0 : 1, null)),
    // Every toxic-spans comment was rated toxic by Civil Comments: those a majority here did not call toxic are no clean negatives.
    ...loadToxicSpans(dataDir).map((row) => example("toxic-spans", row.id, row.text, row.toxic ? 1 : null, row.types.includes("Insult") ? 1 : row.toxic ? 0 : null)),
    // Comments some but not most raters called abusive are left out of both heads.
    ...loadConvAbuse(dataDir).map((row) =>
      example(
        "convabuse",
        row.id,
        row.text,
        row.abusive ? 1 : row.abusiveVotes === 0 ? 0 : null,
        row.abusive && (row.targets.includes("system") || row.targets.includes("individual")) ? 1 : row.abusiveVotes === 0 ? 0 : null,
      ),
    ),
    // Covert aggression is aimed at someone without offensive words: an attack, but not "offensive".
    ...loadTrac1(dataDir).map((row) => example("trac1", row.id, row.text, row.label === "OAG" ? 1 : row.label === "NAG" ? 0 : null, row.label === "NAG" ? 0 : 1)),
    ...loadWikipediaTalk(dataDir).map((row) => example("wikipedia-talk", row.id, row.text, row.toxic ? 1 : 0, row.toxic ? null : 0)),
    ...loadArgotario(dataDir)
      .filter((row) => row.votedFallacy !== null)
      .map((row) => example("argotario", row.id, row.text, null, row.votedFallacy === "Ad Hominem" ? 1 : 0)),
  ];
  // The same text in a training and a held-out part (ConvAbuse and TRAC-1 repeat some) would leak the answer.
  const heldOutTexts = new Set(examples.filter((item) => item.split === "heldout").map((item) => normalizeText(item.text)));
  return examples.filter((item) => item.split === "heldout" || !heldOutTexts.has(normalizeText(item.text)));
}

function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Interns feature names to ids and turns each text into its distinct feature ids. */
function featurize(examples: readonly Example[], featureOptions: FeatureOptions): { names: string[]; rows: Int32Array[] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const seen: number[] = [];
  const rows = examples.map((item, rowIndex) => {
    const row: number[] = [];
    forEachFeature(
      item.text,
      (kind, gram) => {
        const name = formatFeature(kind, gram);
        let id = ids.get(name);
        if (id === undefined) {
          id = names.length;
          ids.set(name, id);
          names.push(name);
          seen.push(-1);
        }
        if (seen[id] !== rowIndex) {
          seen[id] = rowIndex;
          row.push(id);
        }
      },
      featureOptions,
    );
    return Int32Array.from(row);
  });
  return { names, rows };
}

/** Per head: class-balanced weights within each source, times the source's weight; 0 for rows without a label. */
function exampleWeights(examples: readonly Example[], head: Head): Float64Array {
  const counts = new Map<string, number>();
  for (const item of examples) {
    const label = item.labels[head];
    if (label !== null) counts.set(`${item.dataset}:${label}`, (counts.get(`${item.dataset}:${label}`) ?? 0) + 1);
  }
  return Float64Array.from(examples, (item) => {
    const label = item.labels[head];
    const source = SOURCES[item.dataset];
    if (label === null || source[head] === 0) return 0;
    const negatives = counts.get(`${item.dataset}:0`) ?? 0;
    const positives = counts.get(`${item.dataset}:1`) ?? 0;
    // A source with one class only (or not balanced) counts each row once.
    const balanced = source.balanced && negatives > 0 && positives > 0 ? (negatives + positives) / (2 * (label === 1 ? positives : negatives)) : 1;
    return balanced * source[head];
  });
}

/**
 * Each column's naive-Bayes log-count ratio over the weighted rows, log of
 * (share of positive weight with the feature) / (share of negative weight
 * with it), smoothed by one row of each class (Wang & Manning 2012, NBSVM).
 */
function naiveBayesRatios(matrix: Omit<Matrix, "featureValues">, dims: number): Float64Array {
  const positive = new Float64Array(dims).fill(1);
  const negative = new Float64Array(dims).fill(1);
  for (let row = 0; row < matrix.rows; row++) {
    const target = matrix.labels[row] === 1 ? positive : negative;
    const weight = matrix.weights[row] ?? 0;
    for (let at = matrix.offsets[row] ?? 0; at < (matrix.offsets[row + 1] ?? 0); at++) {
      const column = matrix.columns[at] ?? 0;
      target[column] = (target[column] ?? 0) + weight;
    }
  }
  const positiveTotal = positive.reduce((sum, value) => sum + value, 0);
  const negativeTotal = negative.reduce((sum, value) => sum + value, 0);
  return Float64Array.from(positive, (value, column) => Math.log(value / positiveTotal / ((negative[column] ?? 1) / negativeTotal)));
}

function buildMatrix(rows: readonly Int32Array[], columnOf: Int32Array, examples: readonly Example[], head: Head, dims: number): Matrix {
  const weights = exampleWeights(examples, head);
  const kept = examples.flatMap((_, index) => ((weights[index] ?? 0) > 0 ? [index] : []));
  const offsets = new Int32Array(kept.length + 1);
  const columns: number[] = [];
  const scales = new Float64Array(kept.length);
  kept.forEach((source, index) => {
    let count = 0;
    for (const id of rows[source] ?? []) {
      const column = columnOf[id] ?? -1;
      if (column >= 0) {
        columns.push(column);
        count++;
      }
    }
    offsets[index + 1] = columns.length;
    scales[index] = count > 0 ? 1 / Math.sqrt(count) : 0;
  });
  const matrix = {
    rows: kept.length,
    offsets,
    columns: Int32Array.from(columns),
    scales,
    labels: Uint8Array.from(kept, (index) => examples[index]?.labels[head] ?? 0),
    weights: Float64Array.from(kept, (index) => weights[index] ?? 0),
  };
  return { ...matrix, featureValues: NAIVE_BAYES[head] ? naiveBayesRatios(matrix, dims) : new Float64Array(dims).fill(1) };
}

function softplus(value: number): number {
  return value > 0 ? value + Math.log1p(Math.exp(-value)) : Math.log1p(Math.exp(value));
}

function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

/** Weighted mean log-loss plus L2 on the weights (not the bias); fills `gradient`, returns the loss. */
function evaluateObjective(matrix: Matrix, params: Float64Array, l2: number, gradient: Float64Array): number {
  const dims = params.length - 1;
  const bias = params[dims] ?? 0;
  gradient.fill(0);
  let loss = 0;
  let totalWeight = 0;
  for (let row = 0; row < matrix.rows; row++) {
    const begin = matrix.offsets[row] ?? 0;
    const end = matrix.offsets[row + 1] ?? 0;
    const scale = matrix.scales[row] ?? 0;
    let sum = 0;
    for (let at = begin; at < end; at++) {
      const column = matrix.columns[at] ?? 0;
      sum += (params[column] ?? 0) * (matrix.featureValues[column] ?? 1);
    }
    const logit = bias + scale * sum;
    const label = matrix.labels[row] ?? 0;
    const weight = matrix.weights[row] ?? 0;
    totalWeight += weight;
    loss += weight * softplus(label === 1 ? -logit : logit);
    const residual = weight * (sigmoid(logit) - label);
    gradient[dims] = (gradient[dims] ?? 0) + residual;
    const step = residual * scale;
    for (let at = begin; at < end; at++) {
      const column = matrix.columns[at] ?? 0;
      gradient[column] = (gradient[column] ?? 0) + step * (matrix.featureValues[column] ?? 1);
    }
  }
  let penalty = 0;
  for (let index = 0; index < params.length; index++) {
    gradient[index] = (gradient[index] ?? 0) / totalWeight;
    if (index < dims) {
      const value = params[index] ?? 0;
      penalty += value * value;
      gradient[index] = (gradient[index] ?? 0) + l2 * value;
    }
  }
  return loss / totalWeight + 0.5 * l2 * penalty;
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

/** Full-batch L-BFGS with a backtracking (Armijo) line search: deterministic, and needs no learning rate. */
function fitLogistic(matrix: Matrix, dims: number, l2: number, maxIterations = 500): Fit {
  const memory = 8;
  let params = new Float64Array(dims + 1);
  let gradient = new Float64Array(dims + 1);
  let loss = evaluateObjective(matrix, params, l2, gradient);
  const history: Array<{ s: Float64Array; y: Float64Array; rho: number }> = [];
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const direction = Float64Array.from(gradient, (value) => -value);
    const alphas: number[] = [];
    for (let index = history.length - 1; index >= 0; index--) {
      const entry = history[index];
      if (!entry) continue;
      const alpha = entry.rho * dot(entry.s, direction);
      alphas[index] = alpha;
      for (let at = 0; at < direction.length; at++) direction[at] = (direction[at] ?? 0) - alpha * (entry.y[at] ?? 0);
    }
    const latest = history[history.length - 1];
    const gamma = latest ? dot(latest.s, latest.y) / dot(latest.y, latest.y) : 1 / Math.sqrt(dot(gradient, gradient));
    for (let at = 0; at < direction.length; at++) direction[at] = (direction[at] ?? 0) * gamma;
    for (let index = 0; index < history.length; index++) {
      const entry = history[index];
      if (!entry) continue;
      const beta = entry.rho * dot(entry.y, direction);
      const correction = (alphas[index] ?? 0) - beta;
      for (let at = 0; at < direction.length; at++) direction[at] = (direction[at] ?? 0) + correction * (entry.s[at] ?? 0);
    }
    const slope = dot(gradient, direction);
    if (slope >= 0) break;
    let step = 1;
    const candidate = new Float64Array(dims + 1);
    const candidateGradient = new Float64Array(dims + 1);
    let candidateLoss = Infinity;
    for (let attempt = 0; attempt < 30; attempt++) {
      for (let at = 0; at < candidate.length; at++) candidate[at] = (params[at] ?? 0) + step * (direction[at] ?? 0);
      candidateLoss = evaluateObjective(matrix, candidate, l2, candidateGradient);
      if (candidateLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(candidateLoss < loss)) break;
    const s = Float64Array.from(candidate, (value, at) => value - (params[at] ?? 0));
    const y = Float64Array.from(candidateGradient, (value, at) => value - (gradient[at] ?? 0));
    const curvature = dot(s, y);
    if (curvature > 1e-12) {
      history.push({ s, y, rho: 1 / curvature });
      if (history.length > memory) history.shift();
    }
    const improvement = (loss - candidateLoss) / Math.max(Math.abs(loss), 1e-12);
    params = candidate;
    gradient = candidateGradient;
    loss = candidateLoss;
    if (improvement < 1e-7) break;
  }
  // A row's logit is the sum of weight × value over its features: the value folds into the weight the scorer reads.
  return { weights: Float64Array.from(params.subarray(0, dims), (weight, column) => weight * (matrix.featureValues[column] ?? 1)), bias: params[dims] ?? 0, iterations };
}


function countBinary(probabilities: Float64Array, labels: Uint8Array, threshold: number): BinaryCounts {
  const counts: BinaryCounts = { truePositive: 0, falsePositive: 0, falseNegative: 0, trueNegative: 0 };
  probabilities.forEach((probability, index) => {
    const predicted = probability >= threshold;
    const actual = labels[index] === 1;
    if (predicted && actual) counts.truePositive++;
    else if (predicted) counts.falsePositive++;
    else if (actual) counts.falseNegative++;
    else counts.trueNegative++;
  });
  return counts;
}

function scoreClass(truePositive: number, falsePositive: number, falseNegative: number): { precision: number; recall: number; f1: number } {
  const precision = truePositive + falsePositive > 0 ? truePositive / (truePositive + falsePositive) : 0;
  const recall = truePositive + falseNegative > 0 ? truePositive / (truePositive + falseNegative) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function macroF1(counts: BinaryCounts): number {
  const positive = scoreClass(counts.truePositive, counts.falsePositive, counts.falseNegative);
  const negative = scoreClass(counts.trueNegative, counts.falseNegative, counts.falsePositive);
  return (positive.f1 + negative.f1) / 2;
}

function logit(probability: number): number {
  return Math.log(probability / (1 - probability));
}

/**
 * Scores texts exactly as lib/moderation/rules/offensive-model.ts does: in
 * windows (getWindows), combined by combineWindowLogits. Training fits whole
 * texts, but thresholds and reported figures must describe the shipped scorer.
 */
function scoreWindowed(texts: readonly string[], features: readonly string[], models: Record<Head, Model>, unmask: Unmasker): Record<Head, Float64Array> {
  const columnOf = new Map(features.map((name, column) => [name, column]));
  const scores = { offensive: new Float64Array(texts.length), attack: new Float64Array(texts.length) };
  texts.forEach((text, index) => {
    const tokens = tokenize(text, { unmask });
    const logits: Record<Head, number[]> = { offensive: [], attack: [] };
    for (const { from, to } of getWindows(text, tokens)) {
      const seen = new Set<number>();
      const sums = { offensive: 0, attack: 0 };
      forEachTokenFeature(
        tokens,
        (kind, gram) => {
          const column = columnOf.get(formatFeature(kind, gram));
          if (column === undefined || seen.has(column)) return;
          seen.add(column);
          sums.offensive += models.offensive.weights[column] ?? 0;
          sums.attack += models.attack.weights[column] ?? 0;
        },
        from,
        to,
      );
      const scale = seen.size > 0 ? 1 / Math.sqrt(seen.size) : 0;
      for (const head of HEADS) logits[head].push(models[head].bias + scale * sums[head]);
    }
    for (const head of HEADS) scores[head][index] = sigmoid(combineWindowLogits(logits[head]));
  });
  return scores;
}

/**
 * The threshold that maximises `objective` on the tuning rows among those that
 * score at most `civilCap` of the civil Wikipedia rows past it; every
 * distinct score is tried, halfway to the next lower one.
 */
function chooseThreshold(
  probabilities: Float64Array,
  labels: Uint8Array,
  civil: Float64Array,
  objective: (counts: BinaryCounts) => number,
  civilCap: number,
): { threshold: number; value: number } {
  const civilSorted = Array.from(civil).sort((left, right) => right - left);
  const floor = civilSorted[Math.floor(civilCap * civilSorted.length)] ?? 0;
  const order = Array.from(probabilities.keys()).sort((left, right) => (probabilities[right] ?? 0) - (probabilities[left] ?? 0));
  const positives = labels.reduce((sum, label) => sum + label, 0);
  const negatives = labels.length - positives;
  let truePositive = 0;
  let falsePositive = 0;
  let best = { threshold: 0.5, value: -1 };
  order.forEach((row, rank) => {
    if (labels[row] === 1) truePositive++;
    else falsePositive++;
    const next = order[rank + 1];
    const score = probabilities[row] ?? 0;
    if (next !== undefined && probabilities[next] === score) return;
    const threshold = next === undefined ? score : (score + (probabilities[next] ?? 0)) / 2;
    if (threshold <= floor) return;
    const value = objective({ truePositive, falsePositive, falseNegative: positives - truePositive, trueNegative: negatives - falsePositive });
    if (value > best.value) best = { threshold, value };
  });
  return best;
}

function pick<T>(items: readonly T[], indices: readonly number[]): T[] {
  return indices.map((index) => items[index] as T);
}

function formatRate(value: number): string {
  return value.toFixed(3);
}

interface Prepared {
  examples: Example[];
  names: string[];
  rows: Int32Array[];
  documentFrequency: Int32Array;
  trainIndex: number[];
}

function prepare(dataDir: string, minDf: number): Prepared {
  const examples = loadExamples(dataDir);
  const { names, rows } = featurize(examples, {});
  const documentFrequency = new Int32Array(names.length);
  const trainIndex: number[] = [];
  examples.forEach((item, index) => {
    if (item.split !== "train") return;
    trainIndex.push(index);
    for (const id of rows[index] ?? []) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
  });
  // Features seen in fewer than minDf training texts cannot be estimated and would only memorise.
  for (let id = 0; id < documentFrequency.length; id++) if ((documentFrequency[id] ?? 0) < minDf) documentFrequency[id] = 0;
  return { examples, names, rows, documentFrequency, trainIndex };
}

/** Stage one: fit both heads on every feature, keep the strongest of either, pick the words that masked words may stand for. */
function selectFeatures(prepared: Prepared, l2: Record<Head, number>, maxFeatures: number): { kept: string[]; unmaskWords: string[] } {
  const columnOf = new Int32Array(prepared.names.length).fill(-1);
  const columnNames: string[] = [];
  prepared.documentFrequency.forEach((frequency, id) => {
    if (frequency > 0) {
      columnOf[id] = columnNames.length;
      columnNames.push(prepared.names[id] ?? "");
    }
  });
  const trainExamples = pick(prepared.examples, prepared.trainIndex);
  const trainRows = pick(prepared.rows, prepared.trainIndex);
  const orders = HEADS.map((head) => {
    const model = fitLogistic(buildMatrix(trainRows, columnOf, trainExamples, head, columnNames.length), columnNames.length, l2[head]);
    const order = Array.from(model.weights.keys()).sort(
      (left, right) => Math.abs(model.weights[right] ?? 0) - Math.abs(model.weights[left] ?? 0) || (left < right ? -1 : 1),
    );
    return { model, order };
  });
  // Alternately the next strongest of each head, until the budget is spent.
  const chosen = new Set<number>();
  for (let rank = 0; chosen.size < maxFeatures && rank < columnNames.length; rank++) {
    for (const { order } of orders) if (chosen.size < maxFeatures) chosen.add(order[rank] ?? 0);
  }
  const offensive = orders[0]!;
  const unmaskWords = offensive.order
    .filter((column) => (offensive.model.weights[column] ?? 0) > 0 && /^w:[a-z]{3,}$/.test(columnNames[column] ?? ""))
    .sort((left, right) => (offensive.model.weights[right] ?? 0) - (offensive.model.weights[left] ?? 0))
    .slice(0, DEFAULTS.unmaskWords)
    .map((column) => (columnNames[column] ?? "").slice(2));
  return { kept: Array.from(chosen, (column) => columnNames[column] ?? ""), unmaskWords };
}

interface Fitted {
  features: string[];
  models: Record<Head, Model>;
  unmaskWords: string[];
  /** What each head's tuning objective reached on validation, before the bias shift. */
  tuned: Record<Head, { threshold: number; value: number }>;
  /** Probabilities of every example, at the shipped (shifted) biases. */
  probabilities: Record<Head, Float64Array>;
  /** Training texts containing each kept feature. */
  documentFrequency: Int32Array;
  iterations: Record<Head, number>;
  examples: Example[];
}

/** Rows of the attack head's tuning pool: as the evaluation pools them, targeted positives against clean negatives. */
function isAttackPoolRow(item: Example): boolean {
  if (item.labels.attack === null) return false;
  if (item.dataset === "olid") return item.labels.attack === 1 || item.labels.offensive === 0;
  if (item.dataset === "toxic-spans") return item.labels.attack === 1;
  return SOURCES[item.dataset].attack > 0;
}

/** Stage two: refit both heads on the kept features, tune each threshold on validation, move it to DEFAULT_THRESHOLD. */
function fitPruned(prepared: Prepared, l2: Record<Head, number>, maxFeatures: number): Fitted {
  const { kept, unmaskWords } = selectFeatures(prepared, l2, maxFeatures);
  const unmask = createUnmasker(unmaskWords);
  const { names, rows } = featurize(prepared.examples, { unmask });
  const keptColumn = new Map(kept.map((name, column) => [name, column]));
  const columnOf = Int32Array.from(names, (name) => keptColumn.get(name) ?? -1);
  const trainExamples = pick(prepared.examples, prepared.trainIndex);
  const trainRows = pick(rows, prepared.trainIndex);
  const fits = {
    offensive: fitLogistic(buildMatrix(trainRows, columnOf, trainExamples, "offensive", kept.length), kept.length, l2.offensive),
    attack: fitLogistic(buildMatrix(trainRows, columnOf, trainExamples, "attack", kept.length), kept.length, l2.attack),
  };
  const documentFrequency = new Int32Array(kept.length);
  for (const index of prepared.trainIndex) {
    const seen = new Set<number>();
    for (const id of rows[index] ?? []) {
      const column = columnOf[id] ?? -1;
      if (column >= 0 && !seen.has(column)) {
        seen.add(column);
        documentFrequency[column] = (documentFrequency[column] ?? 0) + 1;
      }
    }
  }
  // Evaluate the weights as they are written to the JSON file, not as fitted.
  const rounded = (fit: Fit): Model => ({ weights: fit.weights.map((weight) => Number(weight.toFixed(4))), bias: Number(fit.bias.toFixed(4)) });
  const models = { offensive: rounded(fits.offensive), attack: rounded(fits.attack) };
  const texts = prepared.examples.map((item) => item.text);
  const raw = scoreWindowed(texts, kept, models, unmask);
  const validation = prepared.examples.flatMap((item, index) => (item.split === "validation" ? [index] : []));
  const civil = validation.filter((index) => prepared.examples[index]?.dataset === "wikipedia-talk" && prepared.examples[index]?.labels.offensive === 0);
  const tuningRows: Record<Head, number[]> = {
    offensive: validation.filter((index) => prepared.examples[index]?.dataset === "olid"),
    attack: validation.filter((index) => isAttackPoolRow(prepared.examples[index]!)),
  };
  const objectives: Record<Head, (counts: BinaryCounts) => number> = {
    offensive: macroF1,
    attack: (counts) => scoreClass(counts.truePositive, counts.falsePositive, counts.falseNegative).f1,
  };
  const tuned = { offensive: { threshold: 0.5, value: 0 }, attack: { threshold: 0.5, value: 0 } };
  for (const head of HEADS) {
    tuned[head] = chooseThreshold(
      Float64Array.from(tuningRows[head], (index) => raw[head][index] ?? 0),
      Uint8Array.from(tuningRows[head], (index) => prepared.examples[index]?.labels[head] ?? 0),
      Float64Array.from(civil, (index) => raw[head][index] ?? 0),
      objectives[head],
      WIKIPEDIA_FALSE_HOLD_CAP[head],
    );
    // The site's threshold setting then means the tuned operating point by default; raising it holds less.
    models[head] = { weights: models[head].weights, bias: Number((models[head].bias + logit(DEFAULT_THRESHOLD) - logit(tuned[head].threshold)).toFixed(4)) };
  }
  return {
    features: kept,
    models,
    unmaskWords,
    tuned,
    probabilities: scoreWindowed(texts, kept, models, unmask),
    documentFrequency,
    iterations: { offensive: fits.offensive.iterations, attack: fits.attack.iterations },
    examples: prepared.examples,
  };
}

/** Model-only figures at DEFAULT_THRESHOLD for one split: what each head says by itself, before the rules. */
function report(fitted: Fitted, split: Split): void {
  const { examples, probabilities } = fitted;
  const rowsOf = (test: (item: Example) => boolean) => examples.flatMap((item, index) => (item.split === split && test(item) ? [index] : []));
  const line = (name: string, head: Head, indices: number[], labelOf: (item: Example) => boolean) => {
    const counts = countBinary(
      Float64Array.from(indices, (index) => probabilities[head][index] ?? 0),
      Uint8Array.from(indices, (index) => (labelOf(examples[index]!) ? 1 : 0)),
      DEFAULT_THRESHOLD,
    );
    const positive = scoreClass(counts.truePositive, counts.falsePositive, counts.falseNegative);
    const hasBoth = counts.truePositive + counts.falseNegative > 0 && counts.trueNegative + counts.falsePositive > 0;
    const macro = hasBoth ? `  macro-F1 ${formatRate(macroF1(counts))}` : "";
    const rate = counts.truePositive + counts.falseNegative > 0 ? `R ${formatRate(positive.recall)}` : `positive ${formatRate(counts.falsePositive / indices.length)}`;
    console.log(`  ${head.padEnd(9)} ${name.padEnd(48)} n=${String(indices.length).padStart(5)}  P ${formatRate(positive.precision)}  ${rate}${macro}`);
  };
  console.log(`\nModel alone on the ${split} part, threshold ${DEFAULT_THRESHOLD} (the rules add to this in the pipeline):`);
  line("OLID OFF vs NOT", "offensive", rowsOf((item) => item.dataset === "olid"), (item) => item.labels.offensive === 1);
  line("Davidson hate+offensive vs neither", "offensive", rowsOf((item) => item.dataset === "davidson"), (item) => item.labels.offensive === 1);
  line("ConvAbuse abusive vs none", "offensive", rowsOf((item) => item.dataset === "convabuse" && item.labels.offensive !== null), (item) => item.labels.offensive === 1);
  line("TRAC-1 OAG vs NAG", "offensive", rowsOf((item) => item.dataset === "trac1" && item.labels.offensive !== null), (item) => item.labels.offensive === 1);
  line("Wikipedia talk label 0 (false holds)", "offensive", rowsOf((item) => item.dataset === "wikipedia-talk" && item.labels.offensive === 0), () => false);
  line("OLID IND vs rest", "attack", rowsOf((item) => item.dataset === "olid"), (item) => item.labels.attack === 1);
  line("toxic-spans Insult (recall)", "attack", rowsOf((item) => item.dataset === "toxic-spans" && item.labels.attack === 1), () => true);
  line("ConvAbuse at a person vs none", "attack", rowsOf((item) => item.dataset === "convabuse" && item.labels.attack !== null), (item) => item.labels.attack === 1);
  line("TRAC-1 OAG+CAG vs NAG", "attack", rowsOf((item) => item.dataset === "trac1"), (item) => item.labels.attack === 1);
  line("Argotario ad hominem vs other", "attack", rowsOf((item) => item.dataset === "argotario"), (item) => item.labels.attack === 1);
  line("Wikipedia talk label 0 (false attacks)", "attack", rowsOf((item) => item.dataset === "wikipedia-talk" && item.labels.offensive === 0), () => false);
  line("pooled as the evaluation pools them", "attack", rowsOf(isAttackPoolRow), (item) => item.labels.attack === 1);
}

function writeModel(fitted: Fitted, l2: Record<Head, number>, maxFeatures: number, file: string): void {
  // Most frequent first: the features nearly every text has then share a few cache lines at inference.
  // Features whose weights round to zero stay: they still count towards each text's unit-length scaling.
  const order = Array.from(fitted.features.keys()).sort(
    (left, right) =>
      (fitted.documentFrequency[right] ?? 0) - (fitted.documentFrequency[left] ?? 0) || ((fitted.features[left] ?? "") < (fitted.features[right] ?? "") ? -1 : 1),
  );
  const json = {
    format: "offensive-logistic-v2",
    about:
      "Two L2 logistic regressions over the same binary n-gram features (lib/moderation/rules/text-features.ts), each window's feature vector scaled to unit length; long texts are scored in windows combined by combineWindowLogits. `weights`/`bias`: offensive (OLID OFF, Davidson hate/offensive, toxic-spans toxic, ConvAbuse abusive, TRAC-1 OAG, Wikipedia talk toxic). `attackWeights`/`attackBias`: aimed at a person (OLID IND, toxic-spans Insult, ConvAbuse at the addressee or an individual, TRAC-1 OAG/CAG, Argotario ad hominem). Trained by scripts/train-moderation-model.ts on the training parts of scripts/moderation-data.ts; each bias is shifted so that the threshold tuned on the validation parts sits at `threshold`.",
    training: { l2, maxFeatures, sources: SOURCES, wikipediaFalseHoldCap: WIKIPEDIA_FALSE_HOLD_CAP },
    threshold: DEFAULT_THRESHOLD,
    bias: fitted.models.offensive.bias,
    attackBias: fitted.models.attack.bias,
    features: order.map((column) => fitted.features[column] ?? ""),
    weights: order.map((column) => fitted.models.offensive.weights[column] ?? 0),
    attackWeights: order.map((column) => fitted.models.attack.weights[column] ?? 0),
    unmaskWords: fitted.unmaskWords,
  };
  writeFileSync(file, `${JSON.stringify(json)}\n`);
  console.log(`\nWrote ${file}: ${json.features.length} features, ${(statSync(file).size / 1024).toFixed(0)} KiB`);
}

function main(): void {
  const started = performance.now();
  const dataDir = options.data ?? resolveDataDir([]);
  const prepared = prepare(dataDir, Number(options["min-df"]));
  const l2 = options.l2 === undefined ? DEFAULTS.l2 : { offensive: Number(options.l2), attack: Number(options.l2) };
  const maxFeatures = Number(options["max-features"] ?? DEFAULTS.maxFeatures);
  const counts = new Map<string, number>();
  for (const item of prepared.examples) counts.set(`${item.dataset} ${item.split}`, (counts.get(`${item.dataset} ${item.split}`) ?? 0) + 1);
  console.log(`Rows per source and part (training rows repeating a held-out text dropped): ${[...counts].map(([key, count]) => `${key} ${count}`).join(", ")}`);
  console.log(`${prepared.names.length} distinct features seen (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const fitted = fitPruned(prepared, l2, maxFeatures);
  console.log(
    `L2 offensive ${l2.offensive} attack ${l2.attack}, ${maxFeatures} features; L-BFGS steps offensive ${fitted.iterations.offensive}, attack ${fitted.iterations.attack}; tuned on validation: offensive ${fitted.tuned.offensive.threshold.toFixed(4)} (OLID macro-F1 ${formatRate(fitted.tuned.offensive.value)}), attack ${fitted.tuned.attack.threshold.toFixed(4)} (pooled F1 ${formatRate(fitted.tuned.attack.value)}), both moved to ${DEFAULT_THRESHOLD}`,
  );
  report(fitted, "validation");
  report(fitted, "heldout");
  writeModel(fitted, l2, maxFeatures, options.out);
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
