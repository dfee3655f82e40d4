// Benchmark: the rule queue's speed. Comments per second over the evaluation
// set (held-out data and fixtures), and the median time for one 5,000-character
// comment, on one core.
//
//   npx tsx bench/moderation.ts
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { moderateText } from "../lib/moderation/moderate-text";
import { isHeldOut, loadArgotario, loadConvAbuse, loadDavidson, loadOlid, loadToxicSpans, loadTrac1, loadWikipediaTalk, loadYoutubeSpam, resolveDataDir } from "../scripts/moderation-data";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const dataDir = resolveDataDir();
const fixtures = ["civil-dissent.jsonl", "crossing-the-line.jsonl", "untargeted-swearing.jsonl"].flatMap((name) =>
  readFileSync(join(process.cwd(), "tests", "fixtures", "moderation", name), "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { text: string }).text),
);
const texts = [
  ...loadOlid(dataDir).filter((row) => isHeldOut("olid", row.id)).map((row) => row.text),
  ...loadDavidson(dataDir).filter((row) => isHeldOut("davidson", row.id)).map((row) => row.text),
  ...loadYoutubeSpam(dataDir).filter((row) => isHeldOut("youtube-spam", row.id)).map((row) => row.text),
  ...loadArgotario(dataDir).filter((row) => isHeldOut("argotario", row.id)).map((row) => row.text),
  ...loadToxicSpans(dataDir).filter((row) => isHeldOut("toxic-spans", row.id)).map((row) => row.text),
  ...loadConvAbuse(dataDir).filter((row) => isHeldOut("convabuse", row.id)).map((row) => row.text),
  ...loadTrac1(dataDir).filter((row) => isHeldOut("trac1", row.id)).map((row) => row.text),
  ...loadWikipediaTalk(dataDir).filter((row) => isHeldOut("wikipedia-talk", row.id)).map((row) => row.text),
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
// Each run's text ends in its run number: the checks keep their last text's findings (the detectors of one comment share them), which a repeated text would only hit.
const prose = readFileSync(join(process.cwd(), "fixtures", "articles", "an-attack-on-venezuelas-democracy.md"), "utf8").slice(0, 4990);
await timeOne("civil prose", (run) => `${prose} ${run}`);
// Long civil debate as commenters write it: Wikipedia talk comments of the held-out part run together.
const talk = loadWikipediaTalk(dataDir).filter((row) => isHeldOut("wikipedia-talk", row.id) && !row.toxic).map((row) => row.text).join("\n\n");
await timeOne("Wikipedia talk run together", (run) => talk.slice((run * 997) % (talk.length - 5000), ((run * 997) % (talk.length - 5000)) + 5000));
const worst = fixtures.join("\n\n").slice(0, 4990);
await timeOne("worst case (every fixture run together)", (run) => `${worst} ${run}`);
// A different text every run (a sliding window over the demo articles and the fixtures), so no run repeats the last one's text.
const corpus = [
  ...readdirSync(join(process.cwd(), "fixtures", "articles")).filter((name) => name.endsWith(".md")).map((name) => readFileSync(join(process.cwd(), "fixtures", "articles", name), "utf8")),
  fixtures.join("\n\n"),
].join("\n\n");
await timeOne("a different text each run", (run) => corpus.slice((run * 97) % (corpus.length - 5000), ((run * 97) % (corpus.length - 5000)) + 5000));
