// Trains the offensive-language model (lib/moderation/rules/offensive-model.json):
// class-balanced L2 logistic regression over word, word-pair and in-word
// character n-grams, fitted on the training part of OLID subtask A and
// Davidson et al. 2017, pruned to the strongest features, with the decision
// threshold tuned on a validation slice of the training part. Held-out rows
// (scripts/moderation-data.ts) are only scored, after everything is fixed.
//
//   npx tsx scripts/train-moderation-model.ts [--data DIR] [--out FILE] [--sweep]
//
// Positive class: OLID subtask_a OFF; Davidson class 0 (hate) or 1 (offensive).
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
import { getSplit, loadDavidson, loadOlid, resolveDataDir, type DavidsonClass, type Split } from "./moderation-data";

const { values: options } = parseArgs({
  options: {
    data: { type: "string" },
    out: { type: "string", default: join(process.cwd(), "lib", "moderation", "rules", "offensive-model.json") },
    // Chosen with --sweep on the validation slice (OLID macro-F1); see the comment at DEFAULTS.
    "davidson-weight": { type: "string" },
    l2: { type: "string" },
    "max-features": { type: "string" },
    "min-df": { type: "string", default: "2" },
    sweep: { type: "boolean", default: false },
  },
});

// From `--sweep` (OLID validation F1 of OFF, 1,345 tweets, so differences
// under about 0.02 are noise): Davidson at full weight cost OLID about 0.01
// (its "offensive" is mostly slurs and profanity) while half weight cost
// nothing and brings its slur vocabulary; L2 1e-4 was 0.02–0.05 worse, 1e-5
// and 3e-5 tied on tweets, but 1e-5's larger weights raised the false-positive
// rate of long civil texts (their worst window) from about 20% to 30%; 10k to
// 80k features scored the same, and 40k is about 0.7 MB.
const DEFAULTS = { davidsonWeight: 0.5, l2: 3e-5, maxFeatures: 40_000, unmaskWords: 400 };

interface Example {
  dataset: "olid" | "davidson";
  id: string;
  split: Split;
  label: 0 | 1;
  davidsonClass: DavidsonClass | null;
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

function loadExamples(dataDir: string): Example[] {
  const olid = loadOlid(dataDir).map(
    (row): Example => ({ dataset: "olid", id: row.id, split: getSplit("olid", row.id), label: row.offensive ? 1 : 0, davidsonClass: null, text: row.text }),
  );
  const davidson = loadDavidson(dataDir).map(
    (row): Example => ({
      dataset: "davidson",
      id: row.id,
      split: getSplit("davidson", row.id),
      label: row.label === 2 ? 0 : 1,
      davidsonClass: row.className,
      text: row.text,
    }),
  );
  return [...olid, ...davidson];
}

/** Interns feature names to ids and turns each text into its distinct feature ids. */
function featurize(examples: readonly Example[], featureOptions: FeatureOptions): { names: string[]; rows: Int32Array[] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const seen: number[] = [];
  const rows = examples.map((example, rowIndex) => {
    const row: number[] = [];
    forEachFeature(
      example.text,
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

/** Class-balanced weights per corpus, then Davidson scaled relative to OLID. */
function exampleWeights(examples: readonly Example[], davidsonWeight: number): Float64Array {
  const counts = new Map<string, number>();
  for (const example of examples) counts.set(`${example.dataset}:${example.label}`, (counts.get(`${example.dataset}:${example.label}`) ?? 0) + 1);
  const total = (dataset: string): number => (counts.get(`${dataset}:0`) ?? 0) + (counts.get(`${dataset}:1`) ?? 0);
  return Float64Array.from(examples, (example) => {
    const classCount = counts.get(`${example.dataset}:${example.label}`) ?? 1;
    const balanced = total(example.dataset) / (2 * classCount);
    return example.dataset === "davidson" ? balanced * davidsonWeight : balanced;
  });
}

function buildMatrix(rows: readonly Int32Array[], columnOf: Int32Array, examples: readonly Example[], weights: Float64Array): Matrix {
  const offsets = new Int32Array(rows.length + 1);
  const columns: number[] = [];
  const scales = new Float64Array(rows.length);
  rows.forEach((row, index) => {
    let count = 0;
    for (const id of row) {
      const column = columnOf[id] ?? -1;
      if (column >= 0) {
        columns.push(column);
        count++;
      }
    }
    offsets[index + 1] = columns.length;
    scales[index] = count > 0 ? 1 / Math.sqrt(count) : 0;
  });
  return {
    rows: rows.length,
    offsets,
    columns: Int32Array.from(columns),
    scales,
    labels: Uint8Array.from(examples, (example) => example.label),
    weights,
  };
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
    for (let at = begin; at < end; at++) sum += params[matrix.columns[at] ?? 0] ?? 0;
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
      gradient[column] = (gradient[column] ?? 0) + step;
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
  return { weights: params.subarray(0, dims), bias: params[dims] ?? 0, iterations };
}

/**
 * Scores texts exactly as lib/moderation/rules/offensive-model.ts does: in
 * windows (getWindows), combined by combineWindowLogits. Training fits whole
 * tweets, but thresholds and reported figures must describe the shipped scorer.
 */
function scoreWindowed(texts: readonly string[], features: readonly string[], model: Model, unmask: Unmasker): Float64Array {
  const columnOf = new Map(features.map((name, column) => [name, column]));
  return Float64Array.from(texts, (text) => {
    const tokens = tokenize(text, { unmask });
    const logits = getWindows(text, tokens).map(({ from, to }) => {
      const seen = new Set<number>();
      let sum = 0;
      forEachTokenFeature(
        tokens,
        (kind, gram) => {
          const column = columnOf.get(formatFeature(kind, gram));
          if (column === undefined || seen.has(column)) return;
          seen.add(column);
          sum += model.weights[column] ?? 0;
        },
        from,
        to,
      );
      return model.bias + (seen.size > 0 ? sum / Math.sqrt(seen.size) : 0);
    });
    return sigmoid(combineWindowLogits(logits));
  });
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

/** The threshold with the best F1 for the positive class: every distinct score is tried. */
function chooseThreshold(probabilities: Float64Array, labels: Uint8Array): { threshold: number; f1: number } {
  const order = Array.from(probabilities.keys()).sort((left, right) => (probabilities[right] ?? 0) - (probabilities[left] ?? 0));
  const positives = labels.reduce((sum, label) => sum + label, 0);
  let truePositive = 0;
  let predicted = 0;
  let best = { threshold: 0.5, f1: 0 };
  order.forEach((row, rank) => {
    truePositive += labels[row] ?? 0;
    predicted++;
    const next = order[rank + 1];
    const score = probabilities[row] ?? 0;
    if (next !== undefined && probabilities[next] === score) return;
    const f1 = (2 * truePositive) / (predicted + positives);
    // Halfway to the next lower score, so that the threshold does not sit exactly on a validation example.
    const threshold = next === undefined ? score : (score + (probabilities[next] ?? 0)) / 2;
    if (f1 > best.f1) best = { threshold, f1 };
  });
  return best;
}

function pick<T>(items: readonly T[], indices: readonly number[]): T[] {
  return indices.map((index) => items[index] as T);
}

function formatRate(value: number): string {
  return value.toFixed(3);
}

interface Experiment {
  davidsonWeight: number;
  l2: number;
  maxFeatures: number;
}

interface Prepared {
  examples: Example[];
  names: string[];
  rows: Int32Array[];
  documentFrequency: Int32Array;
  trainIndex: number[];
  olidValidationIndex: number[];
}

function prepare(dataDir: string, minDf: number): Prepared {
  const examples = loadExamples(dataDir);
  const { names, rows } = featurize(examples, {});
  const documentFrequency = new Int32Array(names.length);
  const trainIndex: number[] = [];
  const olidValidationIndex: number[] = [];
  examples.forEach((example, index) => {
    if (example.split === "train") {
      trainIndex.push(index);
      for (const id of rows[index] ?? []) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
    } else if (example.split === "validation" && example.dataset === "olid") {
      olidValidationIndex.push(index);
    }
  });
  // Features seen in fewer than minDf training texts cannot be estimated and would only memorise.
  for (let id = 0; id < documentFrequency.length; id++) if ((documentFrequency[id] ?? 0) < minDf) documentFrequency[id] = 0;
  return { examples, names, rows, documentFrequency, trainIndex, olidValidationIndex };
}

function vocabularyColumns(prepared: Prepared): { columnOf: Int32Array; columnNames: string[] } {
  const columnOf = new Int32Array(prepared.names.length).fill(-1);
  const columnNames: string[] = [];
  prepared.documentFrequency.forEach((frequency, id) => {
    if (frequency > 0) {
      columnOf[id] = columnNames.length;
      columnNames.push(prepared.names[id] ?? "");
    }
  });
  return { columnOf, columnNames };
}

/** Stage one: fit on every feature, keep the strongest, pick the words that masked words may stand for. */
function selectFeatures(prepared: Prepared, experiment: Experiment): { kept: string[]; unmaskWords: string[] } {
  const { columnOf, columnNames } = vocabularyColumns(prepared);
  const trainExamples = pick(prepared.examples, prepared.trainIndex);
  const matrix = buildMatrix(pick(prepared.rows, prepared.trainIndex), columnOf, trainExamples, exampleWeights(trainExamples, experiment.davidsonWeight));
  const model = fitLogistic(matrix, columnNames.length, experiment.l2);
  const order = Array.from(model.weights.keys()).sort(
    (left, right) => Math.abs(model.weights[right] ?? 0) - Math.abs(model.weights[left] ?? 0) || (left < right ? -1 : 1),
  );
  const kept = order.slice(0, experiment.maxFeatures).map((column) => columnNames[column] ?? "");
  const unmaskWords = order
    .filter((column) => (model.weights[column] ?? 0) > 0 && /^w:[a-z]{3,}$/.test(columnNames[column] ?? ""))
    .sort((left, right) => (model.weights[right] ?? 0) - (model.weights[left] ?? 0))
    .slice(0, DEFAULTS.unmaskWords)
    .map((column) => (columnNames[column] ?? "").slice(2));
  return { kept, unmaskWords };
}

interface Fitted {
  features: string[];
  model: Model;
  unmaskWords: string[];
  threshold: number;
  validationF1: number;
  validationMacroF1: number;
  /** Probabilities of the scored examples (NaN for the others). */
  probabilities: Float64Array;
  /** Training texts containing each kept feature. */
  documentFrequency: Int32Array;
  iterations: number;
  examples: Example[];
}

/** Stage two: refit on the kept features only, with masked words read as words, and tune the threshold on OLID validation. */
function fitPruned(prepared: Prepared, experiment: Experiment, scoredSplits: readonly Split[]): Fitted {
  const { kept, unmaskWords } = selectFeatures(prepared, experiment);
  const unmask = createUnmasker(unmaskWords);
  const { names, rows } = featurize(prepared.examples, { unmask });
  const keptColumn = new Map(kept.map((name, column) => [name, column]));
  const columnOf = Int32Array.from(names, (name) => keptColumn.get(name) ?? -1);
  const trainExamples = pick(prepared.examples, prepared.trainIndex);
  const train = buildMatrix(pick(rows, prepared.trainIndex), columnOf, trainExamples, exampleWeights(trainExamples, experiment.davidsonWeight));
  const fitted = fitLogistic(train, kept.length, experiment.l2);
  const documentFrequency = new Int32Array(kept.length);
  for (const column of train.columns) documentFrequency[column] = (documentFrequency[column] ?? 0) + 1;
  // Evaluate the weights as they are written to the JSON file, not as fitted.
  const model: Model = { weights: fitted.weights.map((weight) => Number(weight.toFixed(4))), bias: Number(fitted.bias.toFixed(4)) };
  const scoredIndex = prepared.examples.flatMap((example, index) => (scoredSplits.includes(example.split) ? [index] : []));
  const scored = scoreWindowed(
    scoredIndex.map((index) => prepared.examples[index]?.text ?? ""),
    kept,
    model,
    unmask,
  );
  const probabilities = new Float64Array(prepared.examples.length).fill(Number.NaN);
  scoredIndex.forEach((index, at) => (probabilities[index] = scored[at] ?? Number.NaN));
  const validationProbabilities = Float64Array.from(prepared.olidValidationIndex, (index) => probabilities[index] ?? 0);
  const validationLabels = Uint8Array.from(prepared.olidValidationIndex, (index) => prepared.examples[index]?.label ?? 0);
  const chosen = chooseThreshold(validationProbabilities, validationLabels);
  // Rounded as written to the JSON file, and every figure below is computed at the rounded value.
  const threshold = Number(chosen.threshold.toFixed(6));
  const validationCounts = countBinary(validationProbabilities, validationLabels, threshold);
  const f1 = scoreClass(validationCounts.truePositive, validationCounts.falsePositive, validationCounts.falseNegative).f1;
  const validationMacroF1 = macroF1(validationCounts);
  return {
    features: kept,
    model,
    unmaskWords,
    threshold,
    validationF1: f1,
    validationMacroF1,
    probabilities,
    documentFrequency,
    iterations: fitted.iterations,
    examples: prepared.examples,
  };
}

function report(fitted: Fitted): void {
  const { examples, probabilities, threshold } = fitted;
  const olid = examples.flatMap((example, index) => (example.dataset === "olid" && example.split === "heldout" ? [index] : []));
  const olidCounts = countBinary(
    Float64Array.from(olid, (index) => probabilities[index] ?? 0),
    Uint8Array.from(olid, (index) => examples[index]?.label ?? 0),
    threshold,
  );
  const off = scoreClass(olidCounts.truePositive, olidCounts.falsePositive, olidCounts.falseNegative);
  const not = scoreClass(olidCounts.trueNegative, olidCounts.falseNegative, olidCounts.falsePositive);
  const olidPositives = olidCounts.truePositive + olidCounts.falseNegative;
  console.log(`\nOLID held-out (${olid.length} tweets, ${olidPositives} OFF; positive = subtask_a OFF), threshold ${threshold.toFixed(4)}:`);
  console.log(`  OFF  P ${formatRate(off.precision)}  R ${formatRate(off.recall)}  F1 ${formatRate(off.f1)}`);
  console.log(`  NOT  P ${formatRate(not.precision)}  R ${formatRate(not.recall)}  F1 ${formatRate(not.f1)}`);
  console.log(`  macro-F1 ${formatRate((off.f1 + not.f1) / 2)}   (published, official test set, level A: SVM 0.69, BiLSTM 0.75, CNN 0.80)`);

  const davidson = examples.flatMap((example, index) => (example.dataset === "davidson" && example.split === "heldout" ? [index] : []));
  const davidsonCounts = countBinary(
    Float64Array.from(davidson, (index) => probabilities[index] ?? 0),
    Uint8Array.from(davidson, (index) => examples[index]?.label ?? 0),
    threshold,
  );
  const abusive = scoreClass(davidsonCounts.truePositive, davidsonCounts.falsePositive, davidsonCounts.falseNegative);
  const neither = scoreClass(davidsonCounts.trueNegative, davidsonCounts.falseNegative, davidsonCounts.falsePositive);
  const abusiveSupport = davidsonCounts.truePositive + davidsonCounts.falseNegative;
  const neitherSupport = davidsonCounts.trueNegative + davidsonCounts.falsePositive;
  const weightedF1 = (abusive.f1 * abusiveSupport + neither.f1 * neitherSupport) / davidson.length;
  console.log(`\nDavidson held-out (${davidson.length} tweets; binary: positive = class 0 hate or 1 offensive, negative = 2 neither), same threshold:`);
  console.log(`  hate+offensive  P ${formatRate(abusive.precision)}  R ${formatRate(abusive.recall)}  F1 ${formatRate(abusive.f1)}  (n=${abusiveSupport})`);
  console.log(`  neither         P ${formatRate(neither.precision)}  R ${formatRate(neither.recall)}  F1 ${formatRate(neither.f1)}  (n=${neitherSupport})`);
  console.log(`  weighted F1 ${formatRate(weightedF1)}   (published 3-class hate/offensive/neither weighted F1 0.90: not the same task)`);
  for (const className of ["hate", "offensive", "neither"] as const) {
    const members = davidson.filter((index) => examples[index]?.davidsonClass === className);
    const flagged = members.filter((index) => (probabilities[index] ?? 0) >= threshold).length;
    console.log(`  class ${className.padEnd(9)} n=${String(members.length).padStart(4)}  scored positive ${formatRate(flagged / members.length)}`);
  }
}

function writeModel(fitted: Fitted, experiment: Experiment, file: string): void {
  // Most frequent first: the features nearly every text has then share a few cache lines at inference.
  // Features whose weight rounds to zero stay: they still count towards each text's unit-length scaling.
  const order = Array.from(fitted.model.weights.keys()).sort(
    (left, right) =>
      (fitted.documentFrequency[right] ?? 0) - (fitted.documentFrequency[left] ?? 0) || ((fitted.features[left] ?? "") < (fitted.features[right] ?? "") ? -1 : 1),
  );
  const json = {
    format: "offensive-logistic-v1",
    about:
      "L2 logistic regression over binary n-gram features (lib/moderation/rules/text-features.ts), each window's feature vector scaled to unit length; long texts are scored in windows combined by combineWindowLogits. Positive = OLID subtask_a OFF or Davidson class 0/1. Trained by scripts/train-moderation-model.ts on the training split of scripts/moderation-data.ts; threshold maximises F1(OFF) on its OLID validation slice.",
    training: { davidsonWeight: experiment.davidsonWeight, l2: experiment.l2, maxFeatures: experiment.maxFeatures },
    threshold: fitted.threshold,
    bias: fitted.model.bias,
    features: order.map((column) => fitted.features[column] ?? ""),
    weights: order.map((column) => fitted.model.weights[column] ?? 0),
    unmaskWords: fitted.unmaskWords,
  };
  writeFileSync(file, `${JSON.stringify(json)}\n`);
  console.log(`\nWrote ${file}: ${json.features.length} features, ${(statSync(file).size / 1024).toFixed(0)} KiB`);
}

function main(): void {
  const started = performance.now();
  const dataDir = options.data ?? resolveDataDir([]);
  const prepared = prepare(dataDir, Number(options["min-df"]));
  const olidTrain = prepared.examples.filter((example) => example.dataset === "olid" && example.split === "train").length;
  const davidsonTrain = prepared.trainIndex.length - olidTrain;
  console.log(
    `Training rows: OLID ${olidTrain}, Davidson ${davidsonTrain}; OLID validation ${prepared.olidValidationIndex.length}; ${prepared.names.length} distinct features seen (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  if (options.sweep) {
    // Tuning looks at the validation slice only; held-out rows stay unscored until the final model.
    const grid: Experiment[] = [];
    for (const davidsonWeight of [0, 0.25, 0.5, 1]) {
      for (const l2 of [1e-5, 3e-5, 1e-4]) grid.push({ davidsonWeight, l2, maxFeatures: DEFAULTS.maxFeatures });
    }
    for (const maxFeatures of [10_000, 20_000, 80_000]) grid.push({ ...DEFAULTS, maxFeatures });
    for (const experiment of grid) {
      const fitted = fitPruned(prepared, experiment, ["validation"]);
      console.log(
        `davidson ${experiment.davidsonWeight}  l2 ${experiment.l2}  features ${experiment.maxFeatures}: OLID validation F1(OFF) ${formatRate(fitted.validationF1)} macro-F1 ${formatRate(fitted.validationMacroF1)}`,
      );
    }
    return;
  }

  const experiment: Experiment = {
    davidsonWeight: Number(options["davidson-weight"] ?? DEFAULTS.davidsonWeight),
    l2: Number(options.l2 ?? DEFAULTS.l2),
    maxFeatures: Number(options["max-features"] ?? DEFAULTS.maxFeatures),
  };
  const fitted = fitPruned(prepared, experiment, ["validation", "heldout"]);
  console.log(
    `Davidson weight ${experiment.davidsonWeight}, L2 ${experiment.l2}, ${experiment.maxFeatures} features, ${fitted.iterations} L-BFGS steps; threshold ${fitted.threshold.toFixed(4)} (OLID validation F1(OFF) ${formatRate(fitted.validationF1)}, macro-F1 ${formatRate(fitted.validationMacroF1)})`,
  );
  report(fitted);
  writeModel(fitted, experiment, options.out);
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
