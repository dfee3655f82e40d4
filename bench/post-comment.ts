// Benchmark: posts per second and latency of submitComment through the whole
// pipeline (captcha, every check, Akismet stand-in on loopback, the insert) on
// the embedded database (on disk) and, given a server, on PostgreSQL.
//
//   npx tsx bench/post-comment.ts [--posts 500] [--concurrency 10] [--postgres postgresql://postgres@127.0.0.1:55432/postgres]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { submitComment } from "../lib/comments/submit-comment";
import { openDatabase, type DatabaseHandle } from "../lib/db";
import { createAkismetClient } from "../lib/integrations/akismet";
import { createCaptcha } from "../lib/integrations/captcha";
import { applyMigrations } from "../lib/migrations";
import { startAkismetStandIn } from "../tests/support/akismet-stand-in";

const { values } = parseArgs({
  options: { posts: { type: "string", default: "500" }, concurrency: { type: "string", default: "10" }, postgres: { type: "string" } },
});
const posts = Number(values.posts);
const concurrency = Number(values.concurrency);
const secret = "bench-secret";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(label: string, database: DatabaseHandle): Promise<void> {
  await applyMigrations(database);
  const db = database.prisma;
  const site = await db.site.create({ data: { key: `bench-${Date.now()}`, name: "Bench", allowedOrigins: [] } });
  const article = await db.article.create({
    data: { siteId: site.id, slug: `bench-${Date.now()}`, externalId: "bench", url: "https://bench.example/a", title: "Bench", publishedAt: new Date(), tags: [] },
  });
  const standIn = await startAkismetStandIn();
  const spamChecker = createAkismetClient({ key: standIn.key, blog: "https://bench.example", host: standIn.host, protocol: "http", timeoutMs: 3000 });
  const services = { db, secret, spamChecker, akismetBlog: undefined };

  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  async function worker(): Promise<void> {
    while (next < posts) {
      const index = next++;
      const { token, question } = createCaptcha(secret);
      const [, subtrahend, result] = /^\? − (\d) = (\d)$/.exec(question)!;
      const input = {
        authorName: `Reader ${index}`,
        authorEmail: `reader-${index}@bench.example`,
        body: `Comment ${index}: a considered reply about the article, with enough words to look like a real comment.`,
        captchaToken: token,
        captchaAnswer: String(Number(subtrahend) + Number(result)),
      };
      const ip = `10.${Math.floor(index / 65536) % 256}.${Math.floor(index / 256) % 256}.${index % 256}`;
      const t0 = performance.now();
      const posted = await submitComment(services, article.slug, input, { ip, userAgent: "bench", referrer: "" });
      latencies.push(performance.now() - t0);
      outcomes.set(posted.status, (outcomes.get(posted.status) ?? 0) + 1);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const stored = await db.comment.count({ where: { articleId: article.id } });
  console.log(
    `${label}: ${posts} posts, concurrency ${concurrency}: ${(posts / seconds).toFixed(1)} posts/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; stored ${stored}; ${[...outcomes].map(([status, count]) => `${status} ${count}`).join(", ")}; Akismet requests ${standIn.requests.length}`,
  );
  await standIn.close();
}

const embeddedDir = mkdtempSync(join(tmpdir(), "bench-pglite-"));
const embedded = openDatabase({ embeddedDir });
await run("embedded PGlite (on disk)", embedded);
await embedded.close();
rmSync(embeddedDir, { recursive: true, force: true });

if (values.postgres) {
  const name = `bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  const server = openDatabase({ url: url.toString(), poolSize: concurrency });
  await run("PostgreSQL 15 (loopback)", server);
  await server.close();
  await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  await admin.end();
} else {
  console.log("(PostgreSQL skipped: pass --postgres postgresql://…/postgres)");
}
