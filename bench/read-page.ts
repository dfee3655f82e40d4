// Benchmark: how fast the production server answers the pages readers load
// (issue #15) — the demo's seed article page, the article page and the
// framed thread of a thread of 1,000 approved comments (200 top-level, reply
// trees of mixed depth), and the thread API behind them
// (`GET /api/v1/articles/{slug}/comments?sort=oldest&limit=50`) — each next to
// a plain node:http server handing out the very same bytes from memory, in
// the same run. The ratio app/static says what the framework, the database
// and the tree building cost over just writing the page to the socket. The
// big thread's pages are loaded again while a moderator approves a comment
// every 500 ms, and the big article page's p99 is set against the seed
// article's.
//
// It seeds a fresh embedded database (a temp directory) and, given a server, a
// fresh database on PostgreSQL (dropped afterwards), starts `npm start` on each
// (a prior `npm run build` is required), and loads it with autocannon. The
// static server runs in its own process so that it gets a core of its own, as
// the app does; autocannon runs in this one. It also measures the page at the
// largest limit the API allows, and two Next.js routes that do no database
// work (/embed.js?v=, /api/v1/captcha) as the framework's ceiling.
//
//   npx tsx bench/read-page.ts [--postgres postgresql://postgres@127.0.0.1:55432/postgres] [--duration 10] [--warmup 3] [--connections 10] [--port 3400]
//   npx tsx bench/read-page.ts --duration 2 --warmup 1            # a smoke run
//   npx tsx bench/read-page.ts --seed                             # writes the thread into the configured database (DATABASE_URL / EMBEDDED_DATABASE_DIR), then exits
//   npx tsx bench/read-page.ts --base http://127.0.0.1:3000 [--slug bench-read-thread]   # a server you started yourself (seeded with --seed and the demo)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { hashPassword } from "../lib/auth/password";
import { renderCommentHtml } from "../lib/comments/render-body";
import { closeDatabase, getDatabase, openDatabase, type DatabaseHandle, type Db } from "../lib/db";
import { applyMigrations } from "../lib/migrations";
import { seedDemo } from "../prisma/seed";
import { threadQuerySchema } from "../lib/validation/thread-query";
import { loadEnvFiles } from "../scripts/load-env-files";
import { cookieHeader, signInCookies } from "../tests/operations/app-process";
import { createScratchDatabase, findFreePort, registerChild, requireProductionBuild, startApp, stopAllChildren, stopChild, type AppServer } from "./support/app-server";
import { createRandom } from "./support/seeded-random";

const { values } = parseArgs({
  options: {
    postgres: { type: "string" },
    base: { type: "string" },
    slug: { type: "string" },
    seed: { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    port: { type: "string", default: "3400" },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);

const BENCH_SITE = "bench-read-thread";
const BENCH_SLUG = "bench-read-thread";
const BENCH_ORIGIN = "https://news.example";
/** Approves one held comment every 500 ms while the readers' pages are loaded a second time (issue #15's "with writes"). */
const APPROVAL_INTERVAL_MS = 500;
const HELD_FOR_APPROVAL = 120;
const BENCH_MODERATOR = { email: "bench-moderator@example.org", password: "bench moderator passphrase" };
const BENCH_ARTICLE_URL = `${BENCH_ORIGIN}/2025/01/15/council-budget`;
const TOP_LEVEL_COMMENTS = 200;
const TOTAL_COMMENTS = 1_000;
const MAX_DEPTH = 8;
const BATCH = 250;
// Fixed, so both engines (and every run) serve byte-identical pages.
const THREAD_STARTS_AT = Date.UTC(2025, 0, 15, 7, 30, 0);
const MINUTE_MS = 60_000;
/** The demo's seed article (fixtures/demo.json), the page the big thread's is set against. */
const SEED_ARTICLE_SLUG = "an-attack-on-venezuelas-democracy";

/** The largest `limit` the thread API accepts, read from its own schema. */
const MAX_LIMIT = findMaxLimit();

function findMaxLimit(): number {
  let limit = 50;
  while (limit < 1_000 && threadQuerySchema.safeParse({ limit: String(limit + 1) }).success) limit += 1;
  return limit;
}

// ---------------------------------------------------------------------------
// The thread


const words = (
  "the council budget report says housing transport schools parks money next year while taxes stay flat readers asked why " +
  "I think this misses point that rents have doubled since and nobody at hall seems to notice how much commuters pay for " +
  "buses late every morning my daughter teacher told us class sizes went up again which is not what they promised last " +
  "election agree disagree fair source numbers figures page survey data actually really quite simply but however because"
).split(" ");
const firstNames = ["Ana", "Ben", "Chioma", "Dmitri", "Elena", "Farid", "Greta", "Hiroshi", "Ines", "Jonas", "Kavya", "Luis", "Maya", "Noor", "Olu", "Pilar", "Quentin", "Rosa", "Sven", "Tamar"];
const lastNames = ["Almeida", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function sentence(random: () => number): string {
  const text = Array.from({ length: 8 + Math.floor(random() * 11) }, () => pick(random, words)).join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}${random() < 0.2 ? "?" : "."}`;
}

/** A comment of 200–400 characters as readers write them: some links, emphasis, quotes and second paragraphs. */
function commentBody(random: () => number, index: number): string {
  const target = 200 + Math.floor(random() * 200);
  const parts: string[] = [];
  if (random() < 0.15) parts.push(`> ${sentence(random)}\n\n`);
  let text = "";
  while (text.length < target - 60) {
    let next = sentence(random);
    const roll = random();
    if (roll < 0.12) next = next.replace(/ (\w+) /, " *$1* ");
    else if (roll < 0.2) next = next.replace(/ (\w+ \w+) /, " **$1** ");
    text += `${text ? (random() < 0.2 ? "\n\n" : " ") : ""}${next}`;
  }
  const linkRoll = random();
  if (linkRoll < 0.25) text += ` See [the council's figures](https://news.example/reports/${1000 + index}) for yourself.`;
  else if (linkRoll < 0.35) text += ` Source: https://stats.example.org/housing/${index}`;
  parts.push(text.slice(0, 400));
  return parts.join("");
}

/** One Comment row as createMany takes it. */
interface SeedComment {
  id: string;
  articleId: string;
  parentId: string | null;
  rootId: string | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  bodyHtml: string;
  status: "approved";
  ip: string;
  userAgent: string;
  createdAt: Date;
  editedAt: Date | null;
}

/** What was seeded, for the report. */
interface SeededThread {
  slug: string;
  comments: number;
  topLevel: number;
  maxDepth: number;
  largestTree: number;
  withoutReplies: number;
}

/**
 * Builds the 1,000 comments: replies go to the top-level comments with a
 * heavy tail (a third get none, a few get dozens), and within a tree a reply
 * answers the top-level comment or, more often, one of the latest replies, so
 * depth varies the way a real argument does.
 */
function buildThreadRows(articleId: string): SeedComment[] {
  const random = createRandom(20_250_115);
  let sequence = 0;
  const makeRow = (parent: SeedComment | null, createdAt: number): SeedComment => {
    const index = sequence++;
    const first = pick(random, firstNames);
    const last = pick(random, lastNames);
    const body = commentBody(random, index);
    const id = `c${index.toString(36).padStart(3, "0")}${Array.from({ length: 21 }, () => Math.floor(random() * 36).toString(36)).join("")}`;
    return {
      id,
      articleId,
      parentId: parent?.id ?? null,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      depth: parent ? parent.depth + 1 : 0,
      authorName: `${first} ${last}`,
      authorEmail: `${first.toLowerCase()}.${last.toLowerCase()}@readers.example`,
      authorUrl: random() < 0.2 ? `https://${first.toLowerCase()}${last.toLowerCase()}.blog.example` : null,
      body,
      bodyHtml: renderCommentHtml(body),
      status: "approved",
      ip: `10.1.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
      userAgent: "Mozilla/5.0 (bench)",
      createdAt: new Date(createdAt),
      editedAt: random() < 0.05 ? new Date(createdAt + 3 * MINUTE_MS) : null,
    };
  };

  const roots: SeedComment[] = [];
  let at = THREAD_STARTS_AT;
  for (let i = 0; i < TOP_LEVEL_COMMENTS; i += 1) {
    at += (1 + Math.floor(random() * 20)) * MINUTE_MS + Math.floor(random() * 1000);
    roots.push(makeRow(null, at));
  }

  const weights = roots.map(() => (random() < 0.35 ? 0 : random() ** 3));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const replyCounts = roots.map(() => 0);
  for (let i = 0; i < TOTAL_COMMENTS - TOP_LEVEL_COMMENTS; i += 1) {
    let roll = random() * weightSum;
    let chosen = 0;
    while (chosen < weights.length - 1 && roll >= weights[chosen]!) roll -= weights[chosen++]!;
    replyCounts[chosen]! += 1;
  }

  const replies: SeedComment[] = [];
  roots.forEach((root, rootIndex) => {
    const tree: SeedComment[] = [];
    let last = root.createdAt.getTime();
    for (let i = 0; i < replyCounts[rootIndex]!; i += 1) {
      let parent = tree.length === 0 || random() < 0.3 ? root : tree[Math.max(0, tree.length - 1 - Math.floor(random() * 4))]!;
      while (parent.depth >= MAX_DEPTH) parent = tree.find((row) => row.id === parent.parentId) ?? root;
      last += (1 + Math.floor(random() * 90)) * MINUTE_MS + Math.floor(random() * 1000);
      const reply = makeRow(parent, last);
      tree.push(reply);
      replies.push(reply);
    }
  });
  // Parents come before their replies, batch after batch (the foreign key).
  return [...roots, ...replies];
}

/** Writes the bench thread (replacing an earlier one) and refreshes the planner's statistics. */
async function seedThread(database: DatabaseHandle): Promise<SeededThread> {
  const db: Db = database.prisma;
  await db.article.deleteMany({ where: { slug: BENCH_SLUG } });
  // The framed thread is measured as embedded on the article's own page.
  const site = await db.site.upsert({
    where: { key: BENCH_SITE },
    create: { key: BENCH_SITE, name: "Read-thread bench", allowedOrigins: [BENCH_ORIGIN] },
    update: { allowedOrigins: [BENCH_ORIGIN] },
  });
  const article = await db.article.create({
    data: {
      siteId: site.id,
      slug: BENCH_SLUG,
      externalId: BENCH_SLUG,
      url: BENCH_ARTICLE_URL,
      title: "The council's budget, line by line",
      publishedAt: new Date(THREAD_STARTS_AT),
      tags: ["budget", "housing"],
    },
  });
  const rows = buildThreadRows(article.id);
  for (let start = 0; start < rows.length; start += BATCH) await db.comment.createMany({ data: rows.slice(start, start + BATCH) });
  // Held comments and a moderator, for the run that approves one every 500 ms while readers load the pages.
  const heldAt = THREAD_STARTS_AT + TOTAL_COMMENTS * MINUTE_MS;
  await db.comment.createMany({
    data: Array.from({ length: HELD_FOR_APPROVAL }, (_, index) => {
      const body = `Held comment ${index + 1}, waiting for the bench's moderator.`;
      return { articleId: article.id, depth: 0, authorName: `Held ${index + 1}`, authorEmail: `held-${index + 1}@bench.example`, body, bodyHtml: renderCommentHtml(body), status: "pending" as const, createdAt: new Date(heldAt + index * MINUTE_MS) };
    }),
  });
  await db.moderator.upsert({
    where: { email: BENCH_MODERATOR.email },
    create: { email: BENCH_MODERATOR.email, passwordHash: await hashPassword(BENCH_MODERATOR.password), role: "moderator" },
    update: {},
  });
  await database.withConnection((connection) => connection.exec(`ANALYZE "Comment"; ANALYZE "Article"`));
  const treeSizes = new Map<string, number>();
  for (const row of rows) if (row.rootId) treeSizes.set(row.rootId, (treeSizes.get(row.rootId) ?? 0) + 1);
  return {
    slug: BENCH_SLUG,
    comments: rows.length,
    topLevel: rows.filter((row) => row.parentId === null).length,
    maxDepth: Math.max(...rows.map((row) => row.depth)),
    largestTree: Math.max(...treeSizes.values()),
    withoutReplies: rows.filter((row) => row.parentId === null && !treeSizes.has(row.id)).length,
  };
}

function describeSeed(seeded: SeededThread): string {
  return `${seeded.comments.toLocaleString("en-GB")} approved comments: ${seeded.topLevel} top-level (${seeded.withoutReplies} without replies, the largest with ${seeded.largestTree} replies), depth up to ${seeded.maxDepth}`;
}

// ---------------------------------------------------------------------------
// The static baseline (the app's processes: support/app-server.ts)

/** One response the static server replays: the app's bytes and content type, at the app's path. */
interface StaticRoute {
  path: string;
  body: Buffer;
  contentType: string;
}

// A plain node:http server with nothing else loaded: it answers each path with
// bytes it holds in memory (sent once over IPC), as a static file server would.
const STATIC_SERVER_SOURCE = `
const http = require("node:http");
process.once("message", (routes) => {
  const table = new Map(routes.map((route) => {
    const body = Buffer.from(route.body, "base64");
    return [route.path, { body, headers: { "content-type": route.contentType, "content-length": String(body.length) } }];
  }));
  const server = http.createServer((request, response) => {
    const route = table.get(request.url);
    if (!route) return void response.writeHead(404).end();
    response.writeHead(200, route.headers);
    response.end(route.body);
  });
  server.listen(0, "127.0.0.1", () => process.send(server.address().port));
});
process.on("disconnect", () => process.exit(0));
`;

/** Starts the static baseline in a child process; resolves to its base URL. */
async function startStaticServer(routes: StaticRoute[]): Promise<AppServer> {
  const child = registerChild(spawn(process.execPath, ["-e", STATIC_SERVER_SOURCE], { detached: true, stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve(Number(message)));
    child.once("exit", (code) => reject(new Error(`The static server exited with ${code}`)));
    child.send(routes.map((route) => ({ path: route.path, contentType: route.contentType, body: route.body.toString("base64") })));
  });
  return { base: `http://127.0.0.1:${port}`, output: () => "", stop: () => stopChild(child) };
}

// ---------------------------------------------------------------------------
// Measuring

function threadUrl(base: string, slug: string, limit: number): string {
  return `${base}/api/v1/articles/${encodeURIComponent(slug)}/comments?sort=oldest&limit=${limit}`;
}

/** What autocannon measured at one URL. */
interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  bytesPerResponse: number;
  failures: number;
}

/** Warms the URL up, then loads it with autocannon for the configured time. */
async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, headers });
  const result = await autocannon({ url, connections, duration, headers });
  const responses = result["2xx"] + result.non2xx;
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    bytesPerResponse: responses ? result.throughput.total / responses : 0,
    failures: result.non2xx + result.errors,
  };
}

interface ThreadPageJson {
  comments: ThreadCommentJson[];
  nextCursor: string | null;
}

interface ThreadCommentJson {
  replies: ThreadCommentJson[];
}

function countComments(comments: ThreadCommentJson[]): number {
  return comments.reduce((sum, comment) => sum + 1 + countComments(comment.replies), 0);
}

/** Fetches one page as the static server will replay it. */
async function fetchPage(base: string, slug: string, limit: number): Promise<StaticRoute & { comments: number; topLevel: number }> {
  const url = threadUrl(base, slug, limit);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const body = Buffer.from(await response.arrayBuffer());
  const page = JSON.parse(body.toString("utf8")) as ThreadPageJson;
  const { pathname, search } = new URL(url);
  return { path: `${pathname}${search}`, body, contentType: response.headers.get("content-type") ?? "application/json", comments: countComments(page.comments), topLevel: page.comments.length };
}

/** Walks the whole thread at the largest page size: pages, comments and bytes. */
async function walkThread(base: string, slug: string): Promise<{ pages: number; comments: number; bytes: number }> {
  let cursor: string | null = null;
  let pages = 0;
  let comments = 0;
  let bytes = 0;
  do {
    const url = `${threadUrl(base, slug, MAX_LIMIT)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(url);
    const body = Buffer.from(await response.arrayBuffer());
    const page = JSON.parse(body.toString("utf8")) as ThreadPageJson;
    pages += 1;
    comments += countComments(page.comments);
    bytes += body.length;
    cursor = page.nextCursor;
  } while (cursor);
  return { pages, comments, bytes };
}

/** One line of the results table. */
interface Row {
  engine: string;
  page: string;
  app: Load;
  static: Load | null;
  bodyBytes: number | null;
}

const rows: Row[] = [];

/** Measures the thread pages (and the no-database routes) of one running app against the static baseline. */
async function measure(engine: string, base: string, slug: string): Promise<void> {
  const limits = MAX_LIMIT > 50 ? [50, MAX_LIMIT] : [50];
  const pages = await Promise.all(limits.map((limit) => fetchPage(base, slug, limit)));
  for (const [index, page] of pages.entries()) {
    console.log(`${engine}: limit=${limits[index]} page is ${page.body.length.toLocaleString("en-GB")} bytes of ${page.contentType}, ${page.topLevel} top-level comments, ${page.comments} in all`);
  }
  const walk = await walkThread(base, slug);
  console.log(`${engine}: the whole thread at limit=${MAX_LIMIT} is ${walk.pages} pages, ${walk.comments.toLocaleString("en-GB")} comments, ${walk.bytes.toLocaleString("en-GB")} bytes`);

  const staticServer = await startStaticServer(pages);
  try {
    for (const [index, page] of pages.entries()) {
      const app = await load(`${base}${page.path}`);
      const baseline = await load(`${staticServer.base}${page.path}`);
      rows.push({ engine, page: `limit=${limits[index]}`, app, static: baseline, bodyBytes: page.body.length });
    }
  } finally {
    await staticServer.stop();
  }

  // The pages readers load: the article with its discussion (its first page of comments), and the framed thread as its host page embeds it.
  const seedPage = { label: "seed article page (HTML)", path: `/articles/${SEED_ARTICLE_SLUG}`, headers: {} };
  const bigThreadPages: Array<{ label: string; path: string; headers: Record<string, string> }> = [
    { label: "1,000-comment article page (HTML)", path: `/articles/${encodeURIComponent(slug)}`, headers: {} },
    { label: "framed thread (HTML)", path: `/embed/${BENCH_SITE}/${encodeURIComponent(slug)}?url=${encodeURIComponent(BENCH_ARTICLE_URL)}`, headers: { referer: BENCH_ARTICLE_URL } },
  ];
  const readerPages = [seedPage, ...bigThreadPages];
  const readerRoutes: StaticRoute[] = [];
  for (const readerPage of readerPages) {
    const response = await fetch(`${base}${readerPage.path}`, { headers: readerPage.headers });
    if (!response.ok) throw new Error(`${readerPage.path} answered ${response.status}`);
    readerRoutes.push({ path: readerPage.path, body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get("content-type") ?? "text/html" });
    console.log(`${engine}: ${readerPage.label} is ${readerRoutes.at(-1)!.body.length.toLocaleString("en-GB")} bytes, Cache-Control: ${response.headers.get("cache-control")}`);
  }
  const readerStatic = await startStaticServer(readerRoutes);
  try {
    for (const [index, readerPage] of readerPages.entries()) {
      const app = await load(`${base}${readerPage.path}`, readerPage.headers);
      const baseline = await load(`${readerStatic.base}${readerPage.path}`);
      rows.push({ engine, page: readerPage.label, app, static: baseline, bodyBytes: readerRoutes[index]!.body.length });
    }
    // Again while a moderator approves a comment every 500 ms: each approval drops the thread's pages in the app's cache.
    const approvals = await startApproving(base);
    try {
      for (const readerPage of bigThreadPages) {
        const index = readerPages.indexOf(readerPage);
        const app = await load(`${base}${readerPage.path}`, readerPage.headers);
        const baseline = await load(`${readerStatic.base}${readerPage.path}`);
        rows.push({ engine, page: `${readerPage.label}, approving`, app, static: baseline, bodyBytes: readerRoutes[index]!.body.length });
      }
    } finally {
      console.log(`${engine}: ${await approvals.stop()} approvals during the second run`);
    }
  } finally {
    await readerStatic.stop();
  }

  const loader = await fetch(`${base}/embed.js`);
  const hash = (loader.headers.get("etag") ?? "").replace(/"/g, "");
  await loader.arrayBuffer();
  if (loader.ok) rows.push({ engine, page: "/embed.js?v= (no proxy, no DB)", app: await load(`${base}/embed.js?v=${hash}`), static: null, bodyBytes: null });
  rows.push({ engine, page: "/api/v1/captcha (proxy, no DB)", app: await load(`${base}/api/v1/captcha`), static: null, bodyBytes: null });
}

/** Signs in as the bench's moderator and approves one held comment every APPROVAL_INTERVAL_MS until stopped; resolves to how many it approved. */
async function startApproving(base: string): Promise<{ stop: () => Promise<number> }> {
  const cookie = cookieHeader(await signInCookies(base, BENCH_MODERATOR.email, BENCH_MODERATOR.password));
  const queue = await fetch(`${base}/api/v1/moderation/comments?queue=pending&limit=100`, { headers: { cookie } });
  if (!queue.ok) throw new Error(`The moderation queue answered ${queue.status}`);
  const ids = ((await queue.json()) as { comments: Array<{ id: string }> }).comments.map((comment) => comment.id);
  let approved = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    const id = ids.shift();
    if (!id) return;
    inFlight = fetch(`${base}/api/v1/moderation/comments/${id}/decision`, {
      method: "POST",
      headers: { cookie, origin: base, "content-type": "application/json" },
      body: JSON.stringify({ action: "approve" }),
    }).then((response) => {
      if (response.ok) approved += 1;
      return response.body?.cancel();
    });
  }, APPROVAL_INTERVAL_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await inFlight;
      return approved;
    },
  };
}

function printTable(): void {
  const header = ["engine", "request", "app req/s", "app p99", "static req/s", "static p99", "app/static", "body bytes", "wire bytes/resp"];
  const lines = rows.map((row) => [
    row.engine,
    row.page,
    row.app.requestsPerSecond.toFixed(0),
    `${row.app.p99Ms.toFixed(0)} ms`,
    row.static ? row.static.requestsPerSecond.toFixed(0) : "—",
    row.static ? `${row.static.p99Ms.toFixed(0)} ms` : "—",
    row.static ? `${((row.app.requestsPerSecond / row.static.requestsPerSecond) * 100).toFixed(1)} %` : "—",
    row.bodyBytes === null ? "—" : row.bodyBytes.toLocaleString("en-GB"),
    row.app.bytesPerResponse.toFixed(0),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log(`\n${connections} connections, ${duration} s each after ${warmup} s of warm-up; autocannon sends no Accept-Encoding, so nothing is compressed.`);
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
  // Issue #15: the big thread's page should cost a reader no more than a small one's (p99 within 2×).
  for (const engine of new Set(rows.map((row) => row.engine))) {
    const seed = rows.find((row) => row.engine === engine && row.page === "seed article page (HTML)");
    const big = rows.find((row) => row.engine === engine && row.page === "1,000-comment article page (HTML)");
    if (seed && big) console.log(`${engine}: 1,000-comment article page p99 ${big.app.p99Ms} ms against the seed article's ${seed.app.p99Ms} ms: ${(big.app.p99Ms / Math.max(seed.app.p99Ms, 1)).toFixed(2)}×`);
  }
  const failures = rows.filter((row) => row.app.failures > 0 || (row.static?.failures ?? 0) > 0);
  for (const row of failures) console.log(`Warning: ${row.engine} ${row.page}: ${row.app.failures + (row.static?.failures ?? 0)} failed or non-2xx responses`);
}

// ---------------------------------------------------------------------------
// Engines

/** Writes the demo (its seed article is measured) and the bench's thread, then starts the app on that database. */
async function seedAndStart(database: DatabaseHandle, appDatabase: { url: string } | { embeddedDir: string }, port: number, describe: (seeded: string) => string): Promise<AppServer> {
  try {
    await applyMigrations(database);
    await seedDemo(database.prisma);
    console.log(describe(describeSeed(await seedThread(database))));
  } finally {
    // One process owns an embedded database: the app cannot open it while this handle is open.
    await database.close();
  }
  return startApp(appDatabase, port, { readyPath: threadUrl("", BENCH_SLUG, 50) });
}

async function benchEmbedded(port: number): Promise<void> {
  const embeddedDir = mkdtempSync(join(tmpdir(), "bench-read-page-"));
  try {
    const app = await seedAndStart(openDatabase({ embeddedDir }), { embeddedDir }, port, (seeded) => `Embedded PGlite (${embeddedDir}): seeded the demo and ${seeded}`);
    try {
      await measure("PGlite (embedded)", app.base, BENCH_SLUG);
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(embeddedDir, { recursive: true, force: true });
  }
}

async function benchPostgres(serverUrl: string, port: number): Promise<void> {
  const scratch = await createScratchDatabase(serverUrl, "bench_read");
  try {
    const app = await seedAndStart(openDatabase({ url: scratch.url, poolSize: 2 }), { url: scratch.url }, port, (seeded) => `PostgreSQL (database ${scratch.name}): seeded the demo and ${seeded}`);
    try {
      await measure("PostgreSQL", app.base, BENCH_SLUG);
    } finally {
      await app.stop();
    }
  } finally {
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  if (values.seed) {
    loadEnvFiles();
    const database = getDatabase();
    try {
      await applyMigrations(database);
      const seeded = await seedThread(database);
      console.log(`Seeded /articles/${seeded.slug} into ${database.location}: ${describeSeed(seeded)}`);
    } finally {
      await closeDatabase();
    }
    return;
  }
  if (values.base) {
    const base = values.base.replace(/\/+$/, "");
    await measure(base, base, values.slug ?? BENCH_SLUG);
    printTable();
    return;
  }
  requireProductionBuild();
  const firstPort = await findFreePort(Number(values.port));
  await benchEmbedded(firstPort);
  if (values.postgres) await benchPostgres(values.postgres, await findFreePort(firstPort + 1));
  else console.log("(PostgreSQL skipped: pass --postgres postgresql://…/postgres)");
  printTable();
}

try {
  await main();
} finally {
  await stopAllChildren();
}
