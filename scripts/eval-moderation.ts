// `npm run eval:moderation`: scores the rule queue (the content checks that
// `npm run moderate` runs) on the HELD-OUT part of ../shared/data (the split
// in scripts/moderation-data.ts; the model is never trained on it) and on the
// project's own fixtures. Positive = "should not be allowed" (held or rejected)
// unless a line says it scores one label.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { moderateText, type TextModeration } from "../lib/moderation/moderate-text";
import { isHeldOut, loadArgotario, loadDavidson, loadOlid, loadYoutubeSpam, resolveDataDir } from "./moderation-data";

interface Scored {
  gold: boolean;
  predicted: boolean;
}

function f1Table(label: string, scored: Scored[]): string {
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
  const f = (value: number) => value.toFixed(3);
  return `${label.padEnd(64)} n=${String(scored.length).padStart(5)}  P ${f(precision)}  R ${f(recall)}  F1 ${f(f1)}  macro-F1 ${f((f1 + negF1) / 2)}  acc ${f(accuracy)}`;
}

async function moderateAll(texts: string[]): Promise<TextModeration[]> {
  const results: TextModeration[] = [];
  for (const text of texts) results.push(await moderateText({ text }));
  return results;
}

const blocked = (result: TextModeration) => result.action !== "allow";
const hasLabel = (result: TextModeration, label: string) => result.labels.includes(label);

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

async function main(): Promise<void> {
  const dataDir = resolveDataDir();
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };

  print("Held-out data (never trained on); positive = should not be allowed unless stated");
  const olid = loadOlid(dataDir).filter((row) => isHeldOut("olid", row.id));
  const olidResults = await moderateAll(olid.map((row) => row.text));
  print(f1Table("OLID level A: OFF vs NOT (baseline macro-F1 0.69 SVM, official test)", olid.map((row, i) => ({ gold: row.offensive, predicted: blocked(olidResults[i]!) }))));
  print(
    f1Table(
      "OLID level C: insult aimed at an individual (IND) vs rest → ad_hominem|abuse",
      olid.map((row, i) => ({ gold: row.subtaskC === "IND", predicted: hasLabel(olidResults[i]!, "ad_hominem") || hasLabel(olidResults[i]!, "abuse") })),
    ),
  );

  const davidson = loadDavidson(dataDir).filter((row) => isHeldOut("davidson", row.id));
  const davidsonResults = await moderateAll(davidson.map((row) => row.text));
  print(f1Table("Davidson: hate or offensive vs neither", davidson.map((row, i) => ({ gold: row.label !== 2, predicted: blocked(davidsonResults[i]!) }))));
  print(f1Table("Davidson: hate class vs rest → hate label (baseline hate P 0.44 R 0.61)", davidson.map((row, i) => ({ gold: row.label === 0, predicted: hasLabel(davidsonResults[i]!, "hate") }))));

  const youtube = loadYoutubeSpam(dataDir).filter((row) => isHeldOut("youtube-spam", row.id));
  const youtubeResults = await moderateAll(youtube.map((row) => row.text));
  print(f1Table("YouTube spam (held-out video): spam vs ham → held (baseline acc 0.92–0.98)", youtube.map((row, i) => ({ gold: row.isSpam, predicted: blocked(youtubeResults[i]!) }))));

  const argotario = loadArgotario(dataDir).filter((row) => row.votedFallacy !== null && isHeldOut("argotario", row.id));
  const argotarioResults = await moderateAll(argotario.map((row) => row.text));
  print(f1Table("Argotario: voted Ad Hominem vs other fallacies → ad_hominem", argotario.map((row, i) => ({ gold: row.votedFallacy === "Ad Hominem", predicted: hasLabel(argotarioResults[i]!, "ad_hominem") }))));

  const civil = readFixture("civil-dissent.jsonl");
  const crossing = readFixture("crossing-the-line.jsonl");
  if (civil.length && crossing.length) {
    print("");
    print("Project fixtures (tests/fixtures/moderation)");
    const civilResults = await moderateAll(civil.map((line) => line.text));
    const crossingResults = await moderateAll(crossing.map((line) => line.text));
    const civilHeld = civil.filter((_, i) => blocked(civilResults[i]!));
    print(`civil dissent held: ${civilHeld.length} of ${civil.length} (${((100 * civilHeld.length) / civil.length).toFixed(1)}%; target ≤ 2%)${civilHeld.length ? `: ${civilHeld.map((line) => line.id).join(", ")}` : ""}`);
    const crossingCaught = crossing.filter((_, i) => blocked(crossingResults[i]!));
    print(`crossing the line held or rejected: ${crossingCaught.length} of ${crossing.length} (${((100 * crossingCaught.length) / crossing.length).toFixed(1)}%; target ≥ 90%)`);
    print(f1Table("fixtures: should not be allowed", [...civil.map((_, i) => ({ gold: false, predicted: blocked(civilResults[i]!) })), ...crossing.map((_, i) => ({ gold: true, predicted: blocked(crossingResults[i]!) }))]));
    const labels = [...new Set(crossing.flatMap((line) => line.labels ?? []))].sort();
    for (const label of labels) {
      const scored = [
        ...civil.map((_, i) => ({ gold: false, predicted: hasLabel(civilResults[i]!, label) })),
        ...crossing.map((line, i) => ({ gold: (line.labels ?? []).includes(label), predicted: hasLabel(crossingResults[i]!, label) })),
      ];
      print(f1Table(`fixtures: label ${label}`, scored));
    }
    const missed = crossing.filter((_, i) => !blocked(crossingResults[i]!));
    if (missed.length) print(`missed: ${missed.map((line) => line.id).join(", ")}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
