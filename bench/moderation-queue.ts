// Benchmark: how fast the moderators' queue answers (what
// `GET /api/v1/moderation/comments` runs) with 10,000 pending comments, on an
// in-memory embedded database or, given BENCH_DATABASE_URL, on a fresh
// database created on that PostgreSQL server and dropped afterwards. The
// target is under 100 ms for a page of the pending queue.
//
//   npx tsx bench/moderation-queue.ts [--runs 50] [--explain]
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/moderation-queue.ts
//
// --explain also prints PostgreSQL's plans (EXPLAIN ANALYZE) for SQL written
// to match the queries Prisma sends, to see which index each one uses.
import { parseArgs } from "node:util";
import { runAdminSql } from "../tests/support/postgres-admin";
import type { Db } from "../lib/db";
import { createRandom } from "./support/seeded-random";

const { values } = parseArgs({ options: { runs: { type: "string", default: "50" }, explain: { type: "boolean", default: false } } });
const runs = Number(values.runs);
const WARM_UP_RUNS = 5;

const counts = { pending: 10_000, approved: 3_000, spam: 1_500, rejected: 500 };
const AUTHOR_COUNT = 2_500;
const PROLIFIC_AUTHOR = "prolific@bench.example";
const BATCH = 1_000;

// Point lib/db at the benchmark's database before anything can open another one.
const serverUrl = process.env.BENCH_DATABASE_URL;
const databaseName = `bench_queue_${process.pid}_${Date.now().toString(36)}`;
if (serverUrl) {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.EMBEDDED_DATABASE_DIR = "memory://";
}

const { closeDatabase, getDatabase } = await import("../lib/db");
const { applyMigrations } = await import("../lib/migrations");
const { countQueues, listQueue, queueQuerySchema } = await import("../lib/moderation/queues");
const { getOverview } = await import("../lib/moderation/overview");
const { encodeCursor } = await import("../lib/comments/thread");


const words = "the council budget report says that housing transport schools and parks will need more money next year while taxes stay flat readers asked why".split(" ");

function sentence(random: () => number, length: number): string {
  return Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(" ");
}

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH));
}

interface SeedResult {
  deepCursor: string;
  comments: number;
  verdicts: number;
  reports: number;
}

async function seed(db: Db): Promise<SeedResult> {
  const random = createRandom(20_241_124);
  const site = await db.site.create({ data: { key: "bench", name: "Bench", allowedOrigins: [] } });
  const article = await db.article.create({
    data: { siteId: site.id, slug: "bench-article", externalId: "bench", url: "https://bench.example/article", title: "Bench article", publishedAt: new Date(), tags: [] },
  });
  const now = Date.now();
  const statuses = (Object.entries(counts) as Array<[keyof typeof counts, number]>).flatMap(([status, count]) => Array<keyof typeof counts>(count).fill(status));
  // Approved comments come first so replies can point at them.
  statuses.sort((a, b) => Number(b === "approved") - Number(a === "approved"));
  const approvedIds: string[] = [];
  const rows = statuses.map((status, index) => {
    const id = `bench${index.toString(36).padStart(6, "0")}`;
    const isReply = approvedIds.length > 100 && random() < 0.15;
    const parentId = isReply ? approvedIds[Math.floor(random() * approvedIds.length)]! : null;
    if (status === "approved") approvedIds.push(id);
    const author = random() < 0.03 ? PROLIFIC_AUTHOR : `reader-${Math.floor(random() * AUTHOR_COUNT)}@bench.example`;
    const body = `${sentence(random, 12)}. ${sentence(random, 25)}. ${sentence(random, 10)}?`;
    // Spread over 40 days, rounded to the second so some comments share a timestamp (the cursor breaks ties by id).
    const createdAt = new Date(Math.floor((now - random() * 40 * 86_400_000) / 1000) * 1000);
    return {
      id,
      articleId: article.id,
      parentId,
      rootId: parentId,
      depth: parentId ? 1 : 0,
      authorName: author.split("@")[0]!,
      authorEmail: author,
      body,
      bodyHtml: `<p>${body}</p>`,
      status,
      ip: `10.0.${Math.floor(random() * 16)}.${Math.floor(random() * 256)}`,
      userAgent: "Mozilla/5.0 (bench)",
      referrer: "https://bench.example/article",
      createdAt,
    };
  });
  await inBatches(rows, (batch) => db.comment.createMany({ data: batch }));

  // Every held comment says why it was held; spam says Akismet called it.
  const verdicts = rows.flatMap((row) => {
    if (row.status === "pending") {
      const start = row.body.indexOf("money");
      const span = start >= 0 ? { start, end: start + 5, text: "money" } : { start: 0, end: 3, text: row.body.slice(0, 3) };
      return [{ commentId: row.id, check: "lexicon", label: "Needs a look", action: "hold", evidence: { message: "Matched a watched word", rule: "watch-list", spans: [span] }, createdAt: row.createdAt }];
    }
    if (row.status === "spam") return [{ commentId: row.id, check: "akismet", label: "Akismet: spam", action: "spam", evidence: { message: "Akismet says spam" }, createdAt: row.createdAt }];
    return [];
  });
  await inBatches(verdicts, (batch) => db.commentVerdict.createMany({ data: batch }));

  // A few hundred reports: most on approved comments, a third of them resolved.
  const reportable = rows.filter((row) => row.status === "approved" || row.status === "pending");
  const reasons = ["ad_hominem", "abuse", "spam", "disruption", "other"] as const;
  const reports = Array.from({ length: 400 }, (_, index) => {
    const comment = reportable[Math.floor(random() * reportable.length)]!;
    return {
      commentId: comment.id,
      reason: reasons[index % reasons.length]!,
      reporterKey: `reader-${index}`,
      createdAt: new Date(comment.createdAt.getTime() + 3_600_000),
      resolvedAt: index % 3 === 0 ? new Date(comment.createdAt.getTime() + 7_200_000) : null,
    };
  });
  await inBatches(reports, (batch) => db.report.createMany({ data: batch, skipDuplicates: true }));

  // Decisions on the decided comments, for the overview.
  const decisions = rows
    .filter((row) => row.status !== "pending" && random() < 0.5)
    .map((row) => ({ commentId: row.id, action: row.status === "approved" ? "approve" : row.status === "spam" ? "spam" : "reject", fromStatus: "pending" as const, toStatus: row.status, createdAt: new Date(row.createdAt.getTime() + random() * 7_200_000) }));
  await inBatches(decisions, (batch) => db.moderationDecision.createMany({ data: batch }));

  const deep = await db.comment.findMany({ where: { status: "pending" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: 4_999, take: 1, select: { id: true, createdAt: true } });
  return { deepCursor: encodeCursor(deep[0]!), comments: rows.length, verdicts: verdicts.length, reports: reports.length };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function time(label: string, work: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARM_UP_RUNS; i += 1) await work();
  const timings: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const p50 = percentile(timings, 50);
  const p95 = percentile(timings, 95);
  console.log(`${label.padEnd(44)} median ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms${p95 > 100 ? "   ← over 100 ms" : ""}`);
}

/** SQL written to match what Prisma sends for each part of a queue page, for EXPLAIN. */
function explainQueries(deepCursor: { createdAt: string; id: string }): Array<[string, string]> {
  return [
    ["pending, newest, first page", `SELECT * FROM "Comment" WHERE "status" = 'pending' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
    [
      "pending, newest, deep page",
      `SELECT * FROM "Comment" WHERE "status" = 'pending' AND ("createdAt" < '${deepCursor.createdAt}' OR ("createdAt" = '${deepCursor.createdAt}' AND "id" < '${deepCursor.id}')) ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
    ],
    [
      "reported",
      `SELECT * FROM "Comment" c WHERE c."status" IN ('approved', 'pending') AND EXISTS (SELECT 1 FROM "Report" r WHERE r."commentId" = c."id" AND r."resolvedAt" IS NULL) ORDER BY c."createdAt" DESC, c."id" DESC LIMIT 51`,
    ],
    ["pending by author", `SELECT * FROM "Comment" WHERE "status" = 'pending' AND "authorEmail" = '${PROLIFIC_AUTHOR}' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
    ["verdicts of a page", `SELECT * FROM "CommentVerdict" WHERE "commentId" IN (SELECT "id" FROM "Comment" WHERE "status" = 'pending' ORDER BY "createdAt" DESC LIMIT 50) ORDER BY "createdAt"`],
    ["author history of a page", `SELECT "authorEmail", "status", count(*), min("createdAt") FROM "Comment" WHERE "authorEmail" IN (SELECT "authorEmail" FROM "Comment" WHERE "status" = 'pending' ORDER BY "createdAt" DESC LIMIT 50) GROUP BY 1, 2`],
    ["countQueues: by status", `SELECT "status", count(*) FROM "Comment" GROUP BY "status"`],
    ["countQueues: reported", `SELECT count(*) FROM "Comment" c WHERE c."status" IN ('approved', 'pending') AND EXISTS (SELECT 1 FROM "Report" r WHERE r."commentId" = c."id" AND r."resolvedAt" IS NULL)`],
    [
      "getOverview: per day and status",
      `SELECT ("createdAt"::date - (now() - interval '29 days')::date), "status"::text, count(*)::int FROM "Comment" WHERE "status" IN ('approved', 'pending', 'spam', 'rejected') AND "createdAt" >= (now() - interval '29 days')::date GROUP BY 1, "status"`,
    ],
    [
      "getOverview: median time to first decision",
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "waitMs") FROM (SELECT EXTRACT(EPOCH FROM (min(d."createdAt") - c."createdAt")) * 1000 AS "waitMs" FROM "Comment" c JOIN "ModerationDecision" d ON d."commentId" = c."id" WHERE c."createdAt" >= (now() - interval '29 days')::date AND d."createdAt" >= (now() - interval '29 days')::date GROUP BY c."id", c."createdAt") AS "firstDecisions"`,
    ],
  ];
}

async function main(): Promise<void> {
  if (serverUrl) await runAdminSql(serverUrl, `CREATE DATABASE "${databaseName}"`);
  try {
    const database = getDatabase();
    await applyMigrations(database);
    const db = database.prisma;
    console.log(`Database: ${database.engine === "embedded" ? "embedded PostgreSQL (PGlite), in memory" : `PostgreSQL server, fresh database ${databaseName}`}`);

    const seedStarted = performance.now();
    const seeded = await seed(db);
    await database.withConnection((connection) => connection.exec("ANALYZE"));
    console.log(
      `Seeded ${seeded.comments.toLocaleString("en-GB")} comments (${Object.entries(counts).map(([status, count]) => `${count.toLocaleString("en-GB")} ${status}`).join(", ")}), ${seeded.verdicts.toLocaleString("en-GB")} verdicts, ${seeded.reports} reports in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    console.log(`${runs} runs each after ${WARM_UP_RUNS} warm-up runs:`);

    const pending = queueQuerySchema.parse({ queue: "pending", order: "newest", limit: 50 });
    await time("listQueue pending, newest, first page", () => listQueue(db, pending));
    await time("listQueue pending, newest, page 101 (cursor)", () => listQueue(db, { ...pending, cursor: seeded.deepCursor }));
    await time("listQueue pending, oldest, first page", () => listQueue(db, { ...pending, order: "oldest" }));
    await time("listQueue reported", () => listQueue(db, queueQuerySchema.parse({ queue: "reported" })));
    await time("listQueue pending, by author e-mail", () => listQueue(db, { ...pending, author: PROLIFIC_AUTHOR }));
    await time("countQueues", () => countQueues(db));
    await time("getOverview (dashboard home)", () => getOverview(db));

    if (values.explain) {
      const [createdAt, id] = JSON.parse(Buffer.from(seeded.deepCursor, "base64url").toString("utf8")) as [string, string];
      await database.withConnection(async (connection) => {
        for (const [label, sql] of explainQueries({ createdAt, id })) {
          const plan = await connection.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`);
          console.log(`\n— ${label}\n${plan.map((row) => `  ${String(row["QUERY PLAN"])}`).join("\n")}`);
        }
      });
    }
  } finally {
    await closeDatabase();
    if (serverUrl) await runAdminSql(serverUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  }
}

await main();
