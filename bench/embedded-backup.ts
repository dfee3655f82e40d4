// Benchmark: `npm run db:backup` of the embedded database while `npm start`
// takes new comments at a steady rate — how long the backup takes, how large
// it is, and what it costs the readers posting meanwhile (their latency during
// the backup against the rest of the run) — then `npm run db:restore` of it.
// Needs the production build (`npm run build`).
//
//   npx tsx bench/embedded-backup.ts [--comments 20000] [--rate 20] [--seconds 12]
import { statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db";
import { AppProcess, makeTempFolder, postAtRate, runNpmScript, setUpDemoDatabase, type AppEnvironment, type PostOutcome } from "../tests/operations/app-process";

const { values } = parseArgs({ options: { comments: { type: "string", default: "20000" }, rate: { type: "string", default: "20" }, seconds: { type: "string", default: "12" } } });
const seededComments = Number(values.comments);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const slug = "why-newsrooms-turn-comments-back-on";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function latencySummary(outcomes: PostOutcome[]): string {
  const latencies = outcomes.map((outcome) => outcome.acknowledgedAt - outcome.sentAt).sort((a, b) => a - b);
  if (!latencies.length) return "no posts";
  return `${latencies.length} posts, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`;
}

async function seed(app: AppEnvironment): Promise<void> {
  await setUpDemoDatabase(app, ["floodIntervalSeconds=0"]);
  const database = openDatabase({ embeddedDir: app.dataDir });
  try {
    await database.ready;
    const article = await database.prisma.article.findFirstOrThrow({ where: { slug } });
    for (let start = 0; start < seededComments; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, seededComments - start) }, (_, offset) => {
        const index = start + offset;
        const body = `Seeded comment ${index}: a considered reply about shade, streets and the cost of cooling a city in summer.`;
        return { articleId: article.id, authorName: `Reader ${index}`, authorEmail: `reader-${index}@bench.example`, body, bodyHtml: `<p>${body}</p>`, status: "approved" as const, ip: "192.0.2.1" };
      });
      await database.prisma.comment.createMany({ data: batch });
    }
  } finally {
    await database.close();
  }
}

const folder = makeTempFolder("bench-backup");
const app: AppEnvironment = { dataDir: join(folder.path, "pglite"), port: 3220 };
const restored: AppEnvironment = { dataDir: join(folder.path, "restored"), port: 3220 };
const backupFile = join(folder.path, "comments.backup");
let running: AppProcess | null = null;
try {
  console.log(`Seeding ${seededComments} comments…`);
  await seed(app);
  running = await AppProcess.start(app);
  const load = postAtRate(running.url, slug, rate, seconds * 1000);
  await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 3));
  const backupStarted = Date.now();
  const backup = await runNpmScript(app, "db:backup", ["--out", backupFile]);
  const backupEnded = Date.now();
  const report = await load;
  if (backup.exitCode !== 0) throw new Error(`db:backup failed: ${backup.stderr}`);
  const overlapsBackup = (outcome: PostOutcome) => outcome.sentAt <= backupEnded && outcome.acknowledgedAt >= backupStarted;
  const ownerLine = running.printed.split("\n").find((line) => line.includes("backup copy taken")) ?? "(the app did not log the copy)";
  await running.stop();
  running = null;

  const restoreStarted = Date.now();
  const restore = await runNpmScript(restored, "db:restore", [backupFile]);
  const restoreMs = Date.now() - restoreStarted;
  if (restore.exitCode !== 0) throw new Error(`db:restore failed: ${restore.stderr}`);

  console.log(`Database: ${seededComments} seeded comments + ${report.acknowledged.length} posted at ${rate}/s over ${seconds} s (other outcomes: ${JSON.stringify([...report.others])})`);
  console.log(`db:backup while serving: ${backupEnded - backupStarted} ms for the whole command; ${(statSync(backupFile).size / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  ${backup.stdout.split("\n")[0]}`);
  console.log(`  the app: ${ownerLine.trim()}`);
  console.log(`Posts overlapping the backup: ${latencySummary(report.outcomes.filter(overlapsBackup))}`);
  console.log(`Posts outside it:             ${latencySummary(report.outcomes.filter((outcome) => !overlapsBackup(outcome)))}`);
  console.log(`db:restore into a new directory: ${restoreMs} ms for the whole command`);
} finally {
  await running?.stop();
  folder.remove();
}
