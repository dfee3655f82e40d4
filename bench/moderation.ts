// Benchmark: the rule queue's speed. Comments per second over the evaluation
// set (held-out data and fixtures), and the median time for one 5,000-character
// comment, on one core.
//
//   npx tsx bench/moderation.ts
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { moderateText } from "../lib/moderation/moderate-text";
import { isHeldOut, loadArgotario, loadDavidson, loadOlid, loadYoutubeSpam, resolveDataDir } from "../scripts/moderation-data";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const dataDir = resolveDataDir();
const fixtures = ["civil-dissent.jsonl", "crossing-the-line.jsonl"].flatMap((name) =>
  readFileSync(join(process.cwd(), "tests", "fixtures", "moderation", name), "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { text: string }).text),
);
const texts = [
  ...loadOlid(dataDir).filter((row) => isHeldOut("olid", row.id)).map((row) => row.text),
  ...loadDavidson(dataDir).filter((row) => isHeldOut("davidson", row.id)).map((row) => row.text),
  ...loadYoutubeSpam(dataDir).filter((row) => isHeldOut("youtube-spam", row.id)).map((row) => row.text),
  ...loadArgotario(dataDir).filter((row) => isHeldOut("argotario", row.id)).map((row) => row.text),
  ...fixtures,
];

// Warm up the regular expressions and the model.
for (const text of texts.slice(0, 200)) await moderateText({ text });

const started = performance.now();
for (const text of texts) await moderateText({ text });
const seconds = (performance.now() - started) / 1000;
const characters = texts.reduce((sum, text) => sum + text.length, 0);
console.log(`evaluation set: ${texts.length} comments (mean ${Math.round(characters / texts.length)} characters) in ${seconds.toFixed(2)} s → ${Math.round(texts.length / seconds)} comments/s`);

async function timeOne(label: string, text: string | ((run: number) => string)): Promise<void> {
  const timings: number[] = [];
  for (let i = 0; i < 201; i += 1) {
    const input = typeof text === "string" ? text : text(i);
    const t0 = performance.now();
    await moderateText({ text: input });
    timings.push(performance.now() - t0);
  }
  console.log(`one 5,000-character comment, ${label}: median ${median(timings).toFixed(2)} ms, p90 ${[...timings].sort((a, b) => a - b)[180]!.toFixed(2)} ms over ${timings.length} runs`);
}

// Typical: long civil prose (the demo article's text). Worst case: the fixtures run together, a hit in every line.
await timeOne("civil prose", readFileSync(join(process.cwd(), "fixtures", "articles", "an-attack-on-venezuelas-democracy.md"), "utf8").slice(0, 5000));
await timeOne("worst case (every fixture run together)", fixtures.join("\n\n").slice(0, 5000));
// A different text every run (a sliding window over the demo articles and the fixtures), so no run repeats the last one's text.
const corpus = [
  ...readdirSync(join(process.cwd(), "fixtures", "articles")).filter((name) => name.endsWith(".md")).map((name) => readFileSync(join(process.cwd(), "fixtures", "articles", name), "utf8")),
  fixtures.join("\n\n"),
].join("\n\n");
await timeOne("a different text each run", (run) => corpus.slice((run * 97) % (corpus.length - 5000), ((run * 97) % (corpus.length - 5000)) + 5000));
