// `npm run eval:moderation`: scores the rule queue (the content checks that
// `npm run moderate` runs) on the HELD-OUT part of ../shared/data (the split
// in scripts/moderation-data.ts; the model is never trained on it) and on the
// project's own fixtures. Positive = "should not be allowed" (held or rejected)
// unless a line says it scores one label. Every figure is printed next to the
// previous model's, read from bench/moderation-eval-baseline.json, and next to
// its target in issue #14 where it has one.
//
//   npm run eval:moderation [-- --data DIR] [--baseline FILE] [--save-baseline]
//
// --save-baseline writes this run's figures as the new "previous model": run it
// once a model or rule change is accepted, and commit the file with the change.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { scoreOwnWords } from "../lib/moderation/checks/offensive-model";
import { moderateText, type TextModeration } from "../lib/moderation/moderate-text";
import { getDefaultModerationSettings } from "../lib/moderation/settings";
import {
  isHeldOut,
  loadArgotario,
  loadConvAbuse,
  loadDavidson,
  loadOlid,
  loadToxicSpans,
  loadTrac1,
  loadWikipediaTalk,
  loadYoutubeSpam,
  resolveDataDir,
} from "./moderation-data";

const { values: options } = parseArgs({
  options: {
    data: { type: "string" },
    baseline: { type: "string", default: join(process.cwd(), "bench", "moderation-eval-baseline.json") },
    "save-baseline": { type: "boolean", default: false },
  },
});

/** The figures a line can carry; `share` is a count over n (held, labelled…), the rest are the usual binary scores. */
type Metric = "precision" | "recall" | "f1" | "macroF1" | "accuracy" | "share";

interface Target {
  metric: Metric;
  atMost?: number;
  atLeast?: number;
}

interface Figure {
  key: string;
  label: string;
  n: number;
  values: Partial<Record<Metric, number>>;
}

interface Baseline {
  about: string;
  /** What the figures were measured on, when that is not simply `commit` (written by hand). */
  measured?: string;
  createdAt: string;
  commit: string | null;
  uncommittedModerationChanges: boolean | null;
  figures: Record<string, { label: string; n: number; values: Partial<Record<Metric, number>> }>;
}

interface Scored {
  gold: boolean;
  predicted: boolean;
}

function scoreBinary(scored: readonly Scored[]): { n: number; values: Record<Exclude<Metric, "share">, number> } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { gold, predicted } of scored) {
    if (gold && predicted) tp += 1;
    else if (!gold && predicted) fp += 1;
    else if (gold && !predicted) fn += 1;
    else tn += 1;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  // F1 of the negative class too, for a macro-F1 comparable with published baselines.
  const negPrecision = tn + fn ? tn / (tn + fn) : 0;
  const negRecall = tn + fp ? tn / (tn + fp) : 0;
  const negF1 = negPrecision + negRecall ? (2 * negPrecision * negRecall) / (negPrecision + negRecall) : 0;
  const accuracy = scored.length ? (tp + tn) / scored.length : 0;
  return { n: scored.length, values: { precision, recall, f1, macroF1: (f1 + negF1) / 2, accuracy } };
}

const METRIC_NAMES: Record<Metric, string> = { precision: "P", recall: "R", f1: "F1", macroF1: "macro-F1", accuracy: "acc", share: "" };

function formatValue(metric: Metric, value: number): string {
  return metric === "share" ? `${(100 * value).toFixed(1)}%` : value.toFixed(3);
}

function formatTarget(metric: Metric, target: Target | undefined, value: number): string {
  if (!target || target.metric !== metric) return "";
  const bound = target.atMost ?? target.atLeast ?? 0;
  const met = target.atMost !== undefined ? value <= target.atMost : value >= bound;
  return `; target ${target.atMost !== undefined ? "≤" : "≥"} ${formatValue(metric, bound)} ${met ? "met" : "NOT met"}`;
}

function loadBaseline(path: string): Baseline | null {
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, "utf8")) as Baseline;
}

/** Collects figures, prints each beside the baseline's, and can save them as the next baseline. */
function createReport(baseline: Baseline | null) {
  const figures: Figure[] = [];
  const print = (line: string) => console.log(line);

  function was(figure: Figure, metric: Metric, target: Target | undefined): string {
    const value = figure.values[metric] ?? 0;
    const previous = baseline?.figures[figure.key];
    const previousValue = previous?.values[metric];
    const before = previousValue === undefined ? "—" : formatValue(metric, previousValue);
    // A different n means the data or the split changed, and the two figures are not comparable.
    const otherN = previous && previousValue !== undefined && previous.n !== figure.n ? ` on n=${previous.n}` : "";
    return `(was ${before}${otherN}${formatTarget(metric, target, value)})`;
  }

  function record(figure: Figure): Figure {
    if (figures.some((other) => other.key === figure.key)) throw new Error(`figure key "${figure.key}" used twice`);
    figures.push(figure);
    return figure;
  }

  return {
    print,
    /** A binary-classification line: P, R, F1, macro-F1 and accuracy. */
    binary(key: string, label: string, scored: readonly Scored[], target?: Target): void {
      const { n, values } = scoreBinary(scored);
      const figure = record({ key, label, n, values });
      const cells = (["precision", "recall", "f1", "macroF1", "accuracy"] as const).map(
        (metric) => `${METRIC_NAMES[metric]} ${formatValue(metric, values[metric])} ${was(figure, metric, target)}`,
      );
      print(label);
      print(`    n=${n}  ${cells.join("  ")}`);
    },
    /** A share line: how many of n rows something happened to (held, labelled). */
    share(key: string, label: string, what: string, hits: number, n: number, target?: Target): void {
      const figure = record({ key, label, n, values: { share: n ? hits / n : 0 } });
      print(label);
      print(`    ${what} ${hits} of ${n} = ${formatValue("share", figure.values.share ?? 0)} ${was(figure, "share", target)}`);
    },
    toBaseline(about: string, commit: string | null, uncommitted: boolean | null): Baseline {
      // Six places, so that a figure printed to three from the file rounds as it did in the run that saved it.
      const round = (value: number) => Math.round(value * 1_000_000) / 1_000_000;
      return {
        about,
        createdAt: new Date().toISOString(),
        commit,
        uncommittedModerationChanges: uncommitted,
        figures: Object.fromEntries(
          figures.map((figure) => [
            figure.key,
            { label: figure.label, n: figure.n, values: Object.fromEntries(Object.entries(figure.values).map(([metric, value]) => [metric, round(value)])) },
          ]),
        ),
      };
    },
  };
}

function runGit(args: string[]): string | null {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

async function moderateAll(texts: readonly string[]): Promise<TextModeration[]> {
  const results: TextModeration[] = [];
  for (const text of texts) results.push(await moderateText({ text }));
  return results;
}

/** Rows of one source with the rule queue's result beside each. */
async function moderateRows<Row extends { text: string }>(rows: readonly Row[]): Promise<Array<{ row: Row; result: TextModeration }>> {
  const results = await moderateAll(rows.map((row) => row.text));
  return rows.map((row, index) => ({ row, result: results[index]! }));
}

const blocked = (result: TextModeration) => result.action !== "allow";
const hasLabel = (result: TextModeration, label: string) => result.labels.includes(label);
/** Labels that say a text is offensive, whether it is held or published with them. */
const offenceLabels = ["abuse", "profanity", "hate", "threat"];
const modelThreshold = getDefaultModerationSettings().offensiveModelThreshold;
/**
 * The first of issue #14's two judgements, "is this abusive or offensive",
 * aimed at anyone or no one, held or published: an offence label, or the
 * offensive head past the threshold (a text the attack head also flags
 * carries ad_hominem instead, which is the second judgement). Holds for
 * other reasons (shouting, links) are not this judgement.
 */
const isJudgedOffensive = (text: string, result: TextModeration) =>
  offenceLabels.some((label) => hasLabel(result, label)) || scoreOwnWords(text).probability >= modelThreshold;
/** The labels that name an attack on a person: what "personal attack" recall counts. */
const isPersonalAttack = (result: TextModeration) => hasLabel(result, "ad_hominem") || hasLabel(result, "abuse");

interface FixtureLine {
  id: string;
  text: string;
  labels?: string[];
}

function readFixture(name: string): FixtureLine[] {
  const path = join(process.cwd(), "tests", "fixtures", "moderation", name);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").trim().split("\n").map((line) => JSON.parse(line) as FixtureLine);
}

function countWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.reduce((count, item) => count + (test(item) ? 1 : 0), 0);
}

/** One source's part of the pooled personal-attack line: its targeted positives and its clean negatives. */
interface PoolPart {
  source: string;
  positives: TextModeration[];
  negatives: TextModeration[];
}

async function main(): Promise<void> {
  const started = performance.now();
  const dataDir = resolveDataDir();
  const baseline = loadBaseline(options.baseline);
  const report = createReport(baseline);
  const { print } = report;
  const pool: PoolPart[] = [];

  print(
    baseline
      ? `Previous model: ${options.baseline} (saved ${baseline.createdAt}, commit ${baseline.commit?.slice(0, 10) ?? "unknown"}${baseline.uncommittedModerationChanges ? " with uncommitted lib/moderation changes" : ""})`
      : `Previous model: none (no ${options.baseline}; --save-baseline writes one)`,
  );
  if (baseline?.measured) print(`    ${baseline.measured}`);
  print("");
  print("Held-out data (never trained on); positive = should not be allowed unless stated");

  const olid = await moderateRows(loadOlid(dataDir).filter((row) => isHeldOut("olid", row.id)));
  // Before #14 every offence label was held, so "was" (held then) is the same judgement.
  report.binary(
    "olid.a",
    "OLID level A: OFF vs NOT → judged offensive: an offence label, held or published (published macro-F1, official test: SVM 0.69, BiLSTM 0.75, CNN 0.80)",
    olid.map(({ row, result }) => ({ gold: row.offensive, predicted: isJudgedOffensive(row.text, result) })),
    { metric: "macroF1", atLeast: 0.75 },
  );
  report.binary(
    "olid.a-held",
    "OLID level A: OFF vs NOT → held (untargeted swearing, part of OFF, is now published)",
    olid.map(({ row, result }) => ({ gold: row.offensive, predicted: blocked(result) })),
  );
  report.binary(
    "olid.c-ind",
    "OLID level C: insult aimed at an individual (IND) vs rest → ad_hominem|abuse",
    olid.map(({ row, result }) => ({ gold: row.subtaskC === "IND", predicted: isPersonalAttack(result) })),
  );
  pool.push({
    source: "OLID IND",
    positives: olid.filter(({ row }) => row.subtaskC === "IND").map(({ result }) => result),
    negatives: olid.filter(({ row }) => !row.offensive).map(({ result }) => result),
  });

  const davidson = await moderateRows(loadDavidson(dataDir).filter((row) => isHeldOut("davidson", row.id)));
  // Davidson's "offensive" tweets are mostly swearing at no one, which the policy publishes (labelled); "was" held them all.
  report.binary(
    "davidson.abusive",
    "Davidson: hate or offensive vs neither → judged offensive: an offence label, held or published",
    davidson.map(({ row, result }) => ({ gold: row.label !== 2, predicted: isJudgedOffensive(row.text, result) })),
  );
  report.binary("davidson.held", "Davidson: hate or offensive vs neither → held", davidson.map(({ row, result }) => ({ gold: row.label !== 2, predicted: blocked(result) })));
  report.binary(
    "davidson.hate",
    "Davidson: hate class vs rest → hate label (published: hate P 0.44 R 0.61)",
    davidson.map(({ row, result }) => ({ gold: row.label === 0, predicted: hasLabel(result, "hate") })),
  );

  const youtube = await moderateRows(loadYoutubeSpam(dataDir).filter((row) => isHeldOut("youtube-spam", row.id)));
  report.binary(
    "youtube-spam",
    "YouTube spam (held-out video): spam vs ham → held (published acc 0.92–0.98)",
    youtube.map(({ row, result }) => ({ gold: row.isSpam, predicted: blocked(result) })),
  );

  const argotario = await moderateRows(loadArgotario(dataDir).filter((row) => row.votedFallacy !== null && isHeldOut("argotario", row.id)));
  report.binary(
    "argotario.ad-hominem",
    "Argotario: voted Ad Hominem vs other fallacies → ad_hominem",
    argotario.map(({ row, result }) => ({ gold: row.votedFallacy === "Ad Hominem", predicted: hasLabel(result, "ad_hominem") })),
  );
  pool.push({
    source: "Argotario ad hominem",
    positives: argotario.filter(({ row }) => row.votedFallacy === "Ad Hominem").map(({ result }) => result),
    negatives: argotario.filter(({ row }) => row.votedFallacy !== "Ad Hominem").map(({ result }) => result),
  });

  const toxicSpans = await moderateRows(loadToxicSpans(dataDir).filter((row) => isHeldOut("toxic-spans", row.id)));
  report.binary(
    "toxic-spans.toxic",
    "Toxic Spans (Civil Comments): toxic by a majority of raters vs not → held (all were rated toxic by Civil Comments; 'not' is disputed, not civil)",
    toxicSpans.map(({ row, result }) => ({ gold: row.toxic, predicted: blocked(result) })),
  );
  const insults = toxicSpans.filter(({ row }) => row.types.includes("Insult"));
  report.share(
    "toxic-spans.insult",
    "Toxic Spans: comments with an Insult span (majority of raters) → ad_hominem|abuse (recall)",
    "labelled",
    countWhere(insults, ({ result }) => isPersonalAttack(result)),
    insults.length,
  );
  const profaneOnly = toxicSpans.filter(({ row }) => row.types.length === 1 && row.types[0] === "Profane/Obscene");
  report.share(
    "toxic-spans.profane-only",
    "Toxic Spans: comments whose only majority span type is Profane/Obscene → held (swearing aimed at no one is now published, labelled; a share of these swear at someone)",
    "held",
    countWhere(profaneOnly, ({ result }) => blocked(result)),
    profaneOnly.length,
  );
  // Only positives: its "not toxic" comments were still rated toxic by Civil Comments, so they are no clean negatives.
  pool.push({ source: "Toxic Spans Insult", positives: insults.map(({ result }) => result), negatives: [] });

  const convAbuse = await moderateRows(loadConvAbuse(dataDir).filter((row) => isHeldOut("convabuse", row.id)));
  report.binary(
    "convabuse.abusive",
    "ConvAbuse (paper's test split): abusive (majority of raters, severity < 0) vs not → held",
    convAbuse.map(({ row, result }) => ({ gold: row.abusive, predicted: blocked(result) })),
  );
  // Target "system" is the agent the user is talking to: in a comment thread, the other commenter.
  const atPerson = convAbuse.filter(({ row }) => row.abusive && (row.targets.includes("system") || row.targets.includes("individual")));
  report.share(
    "convabuse.at-person",
    "ConvAbuse: abusive and aimed at a person (target system = the addressee, or individual) → ad_hominem|abuse (recall)",
    "labelled",
    countWhere(atPerson, ({ result }) => isPersonalAttack(result)),
    atPerson.length,
  );
  const atIndividual = convAbuse.filter(({ row }) => row.abusive && row.targets.includes("individual"));
  report.share(
    "convabuse.at-individual",
    "ConvAbuse: abusive and aimed at another individual (target individual; few) → ad_hominem|abuse (recall)",
    "labelled",
    countWhere(atIndividual, ({ result }) => isPersonalAttack(result)),
    atIndividual.length,
  );
  pool.push({
    source: "ConvAbuse at a person",
    positives: atPerson.map(({ result }) => result),
    negatives: convAbuse.filter(({ row }) => row.abusiveVotes === 0).map(({ result }) => result),
  });

  const trac = await moderateRows(loadTrac1(dataDir).filter((row) => isHeldOut("trac1", row.id)));
  report.binary(
    "trac1.aggressive",
    "TRAC-1: overt or covert aggression (OAG+CAG) vs none (NAG) → held (published: 3-class weighted F1 0.64 best, FB test)",
    trac.map(({ row, result }) => ({ gold: row.label !== "NAG", predicted: blocked(result) })),
  );
  for (const [label, name] of [
    ["CAG", "covert"],
    ["OAG", "overt"],
  ] as const) {
    const rows = trac.filter(({ row }) => row.label === label);
    report.share(`trac1.${label.toLowerCase()}`, `TRAC-1: ${name} aggression (${label}) → held (recall)`, "held", countWhere(rows, ({ result }) => blocked(result)), rows.length);
  }
  pool.push({
    source: "TRAC-1 OAG/CAG",
    positives: trac.filter(({ row }) => row.label !== "NAG").map(({ result }) => result),
    negatives: trac.filter(({ row }) => row.label === "NAG").map(({ result }) => result),
  });

  const wikipedia = await moderateRows(loadWikipediaTalk(dataDir).filter((row) => isHeldOut("wikipedia-talk", row.id)));
  const wikipediaCivil = wikipedia.filter(({ row }) => !row.toxic);
  const wikipediaToxic = wikipedia.filter(({ row }) => row.toxic);
  report.share(
    "wikipedia-talk.false-holds",
    "Wikipedia talk: civil comments (label 0) held — false holds",
    "held",
    countWhere(wikipediaCivil, ({ result }) => blocked(result)),
    wikipediaCivil.length,
    { metric: "share", atMost: 0.03 },
  );
  report.share(
    "wikipedia-talk.toxic",
    "Wikipedia talk: toxic comments (label 1; 59 in all) → held (recall)",
    "held",
    countWhere(wikipediaToxic, ({ result }) => blocked(result)),
    wikipediaToxic.length,
  );
  pool.push({ source: "Wikipedia talk civil", positives: [], negatives: wikipediaCivil.map(({ result }) => result) });

  print("");
  report.binary(
    "personal-attack.pooled",
    "Personal attack, pooled held-out: targeted positives vs clean negatives → ad_hominem|abuse",
    pool.flatMap(({ positives, negatives }) => [
      ...positives.map((result) => ({ gold: true, predicted: isPersonalAttack(result) })),
      ...negatives.map((result) => ({ gold: false, predicted: isPersonalAttack(result) })),
    ]),
    { metric: "recall", atLeast: 0.6 },
  );
  print(
    `    pool (positives+ / negatives−, recall): ${pool
      .map(({ source, positives, negatives }) => {
        const recall = positives.length ? ` R ${(countWhere(positives, isPersonalAttack) / positives.length).toFixed(3)}` : "";
        return `${source} ${positives.length}+/${negatives.length}−${recall}`;
      })
      .join("; ")}`,
  );
  print("    negatives: OLID NOT, ConvAbuse rated abusive by no rater, TRAC-1 NAG, Argotario other fallacies, Wikipedia talk label 0");
  report.binary(
    "pooled-attack.held",
    "Personal attack, pooled held-out, held only (an attack the model is less sure of is published, labelled)",
    pool.flatMap(({ positives, negatives }) => [
      ...positives.map((result) => ({ gold: true, predicted: blocked(result) })),
      ...negatives.map((result) => ({ gold: false, predicted: blocked(result) })),
    ]),
  );

  const civil = readFixture("civil-dissent.jsonl");
  const crossing = readFixture("crossing-the-line.jsonl");
  if (civil.length && crossing.length) {
    print("");
    print("Project fixtures (tests/fixtures/moderation)");
    const civilResults = await moderateAll(civil.map((line) => line.text));
    const crossingResults = await moderateAll(crossing.map((line) => line.text));
    const civilHeld = civil.filter((_, i) => blocked(civilResults[i]!));
    report.share("fixtures.civil-held", "civil dissent held", "held", civilHeld.length, civil.length, { metric: "share", atMost: 0.01 });
    if (civilHeld.length) print(`    held: ${civilHeld.map((line) => line.id).join(", ")}`);
    const missed = crossing.filter((_, i) => !blocked(crossingResults[i]!));
    report.share("fixtures.crossing-caught", "crossing the line held or rejected", "caught", crossing.length - missed.length, crossing.length, {
      metric: "share",
      atLeast: 0.95,
    });
    if (missed.length) print(`    missed: ${missed.map((line) => line.id).join(", ")}`);
    const swearing = readFixture("untargeted-swearing.jsonl");
    const swearingResults = await moderateAll(swearing.map((line) => line.text));
    const swearingHeld = swearing.filter((_, i) => blocked(swearingResults[i]!));
    report.share("fixtures.swearing-held", "untargeted swearing held (published, labelled, is the policy)", "held", swearingHeld.length, swearing.length, { metric: "share", atMost: 0.05 });
    if (swearingHeld.length) print(`    held: ${swearingHeld.map((line) => line.id).join(", ")}`);
    const swearingLabelled = countWhere(swearingResults, (result) => !blocked(result) && offenceLabels.some((label) => hasLabel(result, label)));
    report.share("fixtures.swearing-labelled", "untargeted swearing published with a label", "labelled", swearingLabelled, swearing.length);
    report.binary("fixtures.blocked", "fixtures: should not be allowed", [
      ...civil.map((_, i) => ({ gold: false, predicted: blocked(civilResults[i]!) })),
      ...crossing.map((_, i) => ({ gold: true, predicted: blocked(crossingResults[i]!) })),
    ]);
    const labels = [...new Set(crossing.flatMap((line) => line.labels ?? []))].sort();
    for (const label of labels) {
      report.binary(`fixtures.label.${label}`, `fixtures: label ${label}`, [
        ...civil.map((_, i) => ({ gold: false, predicted: hasLabel(civilResults[i]!, label) })),
        ...crossing.map((line, i) => ({ gold: (line.labels ?? []).includes(label), predicted: hasLabel(crossingResults[i]!, label) })),
      ]);
    }
  }

  print("");
  print(`evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (options["save-baseline"]) {
    const uncommitted = runGit(["status", "--porcelain", "--", "lib/moderation", "tests/fixtures/moderation"]);
    const saved = report.toBaseline(
      "Figures of `npm run eval:moderation`, printed as `(was …)` by later runs; rewrite with `npm run eval:moderation -- --save-baseline` when a model or rule change is accepted.",
      runGit(["rev-parse", "HEAD"]),
      uncommitted === null ? null : uncommitted.length > 0,
    );
    writeFileSync(options.baseline, `${JSON.stringify(saved, null, 2)}\n`);
    print(`saved the baseline to ${options.baseline}${saved.uncommittedModerationChanges ? " (WARNING: lib/moderation or its fixtures have uncommitted changes)" : ""}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
