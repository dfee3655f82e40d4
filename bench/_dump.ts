import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { moderateText } from "../lib/moderation/moderate-text";
import { loadArgotario, loadDavidson, loadOlid, loadYoutubeSpam, resolveDataDir } from "../scripts/moderation-data";
const dataDir = resolveDataDir();
const fixtures = ["civil-dissent.jsonl", "crossing-the-line.jsonl"].flatMap((name) =>
  readFileSync(join(process.cwd(), "tests", "fixtures", "moderation", name), "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { text: string }).text));
const texts = [...loadOlid(dataDir).map(r=>r.text), ...loadDavidson(dataDir).map(r=>r.text), ...loadYoutubeSpam(dataDir).map(r=>r.text), ...loadArgotario(dataDir).map(r=>r.text), ...fixtures];
const out: string[] = [];
for (const text of texts) out.push(JSON.stringify(await moderateText({ text })));
writeFileSync(process.argv[2]!, out.join("\n"));
console.log(texts.length);
