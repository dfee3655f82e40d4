// Benchmark: posting comments over HTTP against the production server, as a
// reader's browser does (issue #15): each of N concurrent posters loops
// GET /api/v1/captcha, solves the sum, and POSTs the comment as JSON to
// /api/v1/articles/{slug}/comments, through every check of the pipeline and
// Akismet (the stand-in, on loopback) to the insert.
//
// It seeds a fresh embedded database (a temp directory) and, given a server, a
// fresh database on PostgreSQL (dropped afterwards), and starts `npm start` on
// each (a prior `npm run build` is required). Every post comes from a reader
// of its own: a name, an e-mail and a loopback address (127.x.y.z, which the
// server stamps from the socket as the client's address), so the production
// flood and duplicate limits apply as they would to real readers and never
// refuse one. About 70% of the readers are returning commenters (one approved
// comment on another article, seeded), the rest post for the first time (held
// by the first-time-commenter check, the production default). The bodies are
// the civil fixtures (tests/fixtures/moderation), two or three to a comment,
// with a few percent of comments that cross the line, swear, carry links or
// come from Akismet's guaranteed spammer, so every check does real work.
//
//   npx tsx bench/post-comment.ts [--posts 2000] [--warmup 200] [--concurrency 10] [--postgres postgresql://postgres@127.0.0.1:55442/postgres] [--port 3500]
//   npx tsx bench/post-comment.ts --cpu-prof /tmp/post-prof      # also writes the server's CPU profiles (.cpuprofile) there
//   npx tsx bench/post-comment.ts --only postgres --postgres …   # one engine
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { renderCommentHtml } from "../lib/comments/render-body";
import { openDatabase, type DatabaseHandle } from "../lib/db";
import { applyMigrations } from "../lib/migrations";
import { guaranteedSpamAuthor, startAkismetStandIn, type AkismetStandIn } from "../tests/support/akismet-stand-in";
import { createScratchDatabase, findFreePort, requireProductionBuild, startApp, stopAllChildren, type AppDatabase } from "./support/app-server";
import { createRandom } from "./support/seeded-random";

const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
    postgres: { type: "string" },
    only: { type: "string" },
    port: { type: "string", default: "3500" },
    "cpu-prof": { type: "string" },
  },
});
const posts = Number(values.posts);
const warmupPosts = Number(values.warmup);
const concurrency = Number(values.concurrency);

const BENCH_SITE = "bench-post-comment";
const BENCH_SLUG = "bench-post-comment";
const HISTORY_SLUG = "bench-post-comment-earlier";
const BENCH_ORIGIN = "https://news.example";
/** Share of readers who have an approved comment already, so the first-time check lets them through. */
const RETURNING_SHARE = 0.7;
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------
// Readers and what they write

function readFixture(name: string): string[] {
  return readFileSync(join(process.cwd(), "tests", "fixtures", "moderation", name), "utf8")
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

const civil = readFixture("civil-dissent.jsonl");
const crossing = readFixture("crossing-the-line.jsonl");
const swearing = readFixture("untargeted-swearing.jsonl");
const firstNames = ["Ana", "Ben", "Chioma", "Dmitri", "Elena", "Farid", "Greta", "Hiroshi", "Ines", "Jonas", "Kavya", "Luis", "Maya", "Noor", "Olu", "Pilar", "Quentin", "Rosa", "Sven", "Tamar"];
const lastNames = ["Almeida", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** One reader: who they are, where they post from, and whether they have been published before. */
interface Reader {
  name: string;
  email: string;
  address: string;
  isReturning: boolean;
}

/** Reader `index` of a run: a distinct loopback address (127.10.0.1 onwards, never .0 or .255) and e-mail. */
function makeReader(index: number, random: () => number): Reader {
  const first = pick(random, firstNames);
  const last = pick(random, lastNames);
  const block = Math.floor(index / 254);
  const address = `127.${10 + Math.floor(block / 256)}.${block % 256}.${1 + (index % 254)}`;
  return { name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}.${index}@readers.example`, address, isReturning: random() < RETURNING_SHARE };
}

/** What a post sends besides the captcha. */
interface Draft {
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  body: string;
  kind: "civil" | "crossing" | "swearing" | "links" | "akismet-spam";
}

/**
 * A comment of a few hundred characters: two or three civil fixtures (a
 * reader answering the article and the thread), and now and then one that
 * crosses the line, swears, cites three links or comes from a spammer.
 */
function makeDraft(reader: Reader, random: () => number): Draft {
  const roll = random();
  const kind: Draft["kind"] = roll < 0.03 ? "crossing" : roll < 0.05 ? "swearing" : roll < 0.08 ? "links" : roll < 0.1 ? "akismet-spam" : "civil";
  const parts = [pick(random, civil)];
  while (parts.join(" ").length < 220 + random() * 200) parts.push(pick(random, civil));
  if (kind === "crossing") parts.splice(1, 0, pick(random, crossing));
  if (kind === "swearing") parts.splice(1, 0, pick(random, swearing));
  if (kind === "links") parts.push(`Sources: https://stats.example.org/a/${Math.floor(random() * 1e6)} https://archive.example.net/b/${Math.floor(random() * 1e6)} https://news.example/c/${Math.floor(random() * 1e6)}`);
  const body = parts.join(random() < 0.3 ? "\n\n" : " ");
  const authorUrl = random() < 0.15 ? `https://${reader.email.split("@")[0]!.replace(/\./g, "")}.blog.example` : undefined;
  return { authorName: kind === "akismet-spam" ? guaranteedSpamAuthor : reader.name, authorEmail: reader.email, ...(authorUrl ? { authorUrl } : {}), body, kind };
}

// ---------------------------------------------------------------------------
// Seeding

/** The bench article, and one approved comment on an earlier article for each returning reader. */
async function seed(database: DatabaseHandle, readers: Reader[]): Promise<void> {
  await applyMigrations(database);
  const db = database.prisma;
  const site = await db.site.create({ data: { key: BENCH_SITE, name: "Posting bench", allowedOrigins: [BENCH_ORIGIN] } });
  const now = Date.now();
  const [, earlier] = await Promise.all(
    [BENCH_SLUG, HISTORY_SLUG].map((slug, index) =>
      db.article.create({
        data: { siteId: site.id, slug, externalId: slug, url: `${BENCH_ORIGIN}/2025/${slug}`, title: index === 0 ? "The council's budget, line by line" : "Last week's budget hearing", publishedAt: new Date(now - (index + 1) * DAY_MS), tags: ["budget"] },
      }),
    ),
  );
  const history = readers.filter((reader) => reader.isReturning);
  for (let start = 0; start < history.length; start += 500) {
    await db.comment.createMany({
      data: history.slice(start, start + 500).map((reader, index) => {
        const body = `An earlier comment by ${reader.name}, number ${start + index}, about last week's hearing.`;
        return { articleId: earlier!.id, authorName: reader.name, authorEmail: reader.email, body, bodyHtml: renderCommentHtml(body), status: "approved" as const, ip: reader.address, createdAt: new Date(now - DAY_MS) };
      }),
    });
  }
  await database.withConnection((connection) => connection.exec(`ANALYZE "Comment"; ANALYZE "Article"`));
}

/** Comments of the bench article by status, read once the app has stopped. */
async function countOutcomes(database: DatabaseHandle): Promise<Record<string, number>> {
  const groups = await database.prisma.comment.groupBy({ by: ["status"], where: { article: { slug: BENCH_SLUG } }, _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}

// ---------------------------------------------------------------------------
// Posting over HTTP

/** One HTTP exchange: status and parsed JSON body. */
interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Sends one request over the reader's own keep-alive connection (the agent binds it to the reader's address). */
function send(agent: Agent, localAddress: string, url: URL, method: "GET" | "POST", headers: Record<string, string>, payload?: string): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(
      { agent, localAddress, host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers: payload === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(payload)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          resolvePromise({ status: response.statusCode ?? 0, body });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    // A reset while the connection idles in the agent between the two requests surfaces on the next request; not as an uncaught error.
    request.on("socket", (socket) => {
      if (socket.listenerCount("error") === 0) socket.on("error", () => undefined);
    });
    request.end(payload);
  });
}

/** The missing number of "? − b = c". */
function solveCaptcha(question: string): number {
  const match = /^\? − (\d+) = (\d+)$/.exec(question);
  if (!match) throw new Error(`Unexpected captcha question: ${question}`);
  return Number(match[1]) + Number(match[2]);
}

/** What one post measured. */
interface PostTiming {
  postMs: number;
  totalMs: number;
  status: number;
  answered: string;
  kind: Draft["kind"];
}

/** GET the captcha and POST the comment, as the article page's form does. */
async function postAsReader(base: string, reader: Reader, draft: Draft): Promise<PostTiming> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const articlePage = `${base}/articles/${BENCH_SLUG}`;
  const browserHeaders = { "user-agent": USER_AGENT, "accept-language": "en-GB,en;q=0.8", referer: articlePage };
  try {
    const started = performance.now();
    const captcha = await send(agent, reader.address, new URL(`${base}/api/v1/captcha`), "GET", { ...browserHeaders, accept: "application/json", "sec-fetch-site": "same-origin" });
    if (captcha.status !== 200) throw new Error(`GET /api/v1/captcha answered ${captcha.status}: ${JSON.stringify(captcha.body)}`);
    const { kind, ...fields } = draft;
    const payload = JSON.stringify({ ...fields, captchaToken: captcha.body.token, captchaAnswer: solveCaptcha(String(captcha.body.question)), website: "" });
    const posting = performance.now();
    const answer = await send(agent, reader.address, new URL(`${base}/api/v1/articles/${BENCH_SLUG}/comments`), "POST", {
      ...browserHeaders,
      accept: "application/json",
      "content-type": "application/json",
      origin: base,
      "sec-fetch-site": "same-origin",
    }, payload);
    const ended = performance.now();
    const answered = answer.status === 201 ? String(answer.body.status) : `${answer.status} ${String((answer.body.error as { code?: string } | undefined)?.code ?? "")}`;
    return { postMs: ended - posting, totalMs: ended - started, status: answer.status, answered, kind };
  } finally {
    agent.destroy();
  }
}

/** Runs `count` posts by `concurrency` posters, readers[offset…] each posting once. */
async function runPosters(base: string, readers: Reader[], drafts: Draft[], offset: number, count: number): Promise<{ timings: PostTiming[]; seconds: number }> {
  const timings: PostTiming[] = [];
  let next = offset;
  const end = offset + count;
  const started = performance.now();
  async function poster(): Promise<void> {
    while (next < end) {
      const index = next++;
      timings.push(
        await postAsReader(base, readers[index]!, drafts[index]!).catch((error: unknown) => ({
          postMs: 0,
          totalMs: 0,
          status: 0,
          answered: `failed: ${error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)}`,
          kind: drafts[index]!.kind,
        })),
      );
    }
  }
  await Promise.all(Array.from({ length: concurrency }, poster));
  return { timings, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------
// Engines and the report

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** One engine's figures. */
interface Result {
  engine: string;
  posted: number;
  postsPerSecond: number;
  post: [number, number, number];
  total: [number, number, number];
  answers: Map<string, number>;
  stored: Record<string, number>;
  akismetRequests: number;
}

const results: Result[] = [];

async function benchEngine(engine: string, database: AppDatabase, openSeeded: () => DatabaseHandle, port: number): Promise<void> {
  const random = createRandom(20_250_415);
  const readers = Array.from({ length: warmupPosts + posts }, (_, index) => makeReader(index, random));
  const drafts = readers.map((reader) => makeDraft(reader, random));
  const seeding = openSeeded();
  try {
    await seed(seeding, readers);
  } finally {
    // One process owns an embedded database: the app cannot open it while this handle is open.
    await seeding.close();
  }
  const standIn: AkismetStandIn = await startAkismetStandIn();
  // Node allows no --cpu-prof in NODE_OPTIONS: a preloaded module profiles the server process instead.
  const profileEnv: Record<string, string> = values["cpu-prof"]
    ? {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(join(process.cwd(), "bench", "support", "cpu-profile.mjs")).href}`.trim(),
        BENCH_CPU_PROFILE_DIR: join(resolve(values["cpu-prof"]), engine.replace(/\W+/g, "-").toLowerCase()),
      }
    : {};
  let measured: { timings: PostTiming[]; seconds: number };
  let stored: Record<string, number>;
  try {
    const app = await startApp(database, port, {
      readyPath: `/api/v1/articles/${BENCH_SLUG}/comments?limit=1`,
      env: { AKISMET_KEY: standIn.key, AKISMET_HOST: standIn.host, AKISMET_PROTOCOL: "http", AKISMET_BLOG: BENCH_ORIGIN, TRUST_PROXY: "", ...profileEnv },
    });
    try {
      const warm = await runPosters(app.base, readers, drafts, 0, warmupPosts);
      console.log(`${engine}: warm-up ${warmupPosts} posts in ${warm.seconds.toFixed(1)} s`);
      measured = await runPosters(app.base, readers, drafts, warmupPosts, posts);
      // While the app runs: an embedded directory is then reached through the app that owns it.
      const counting = openSeeded();
      try {
        stored = await countOutcomes(counting);
      } finally {
        await counting.close();
      }
    } finally {
      await app.stop();
    }
  } finally {
    await standIn.close();
  }
  const { timings, seconds } = measured;
  const created = timings.filter((timing) => timing.status === 201);
  const postMs = created.map((timing) => timing.postMs).sort((a, b) => a - b);
  const totalMs = created.map((timing) => timing.totalMs).sort((a, b) => a - b);
  const answers = new Map<string, number>();
  for (const timing of timings) answers.set(timing.answered, (answers.get(timing.answered) ?? 0) + 1);
  const result: Result = {
    engine,
    posted: created.length,
    postsPerSecond: created.length / seconds,
    post: [percentile(postMs, 50), percentile(postMs, 95), percentile(postMs, 99)],
    total: [percentile(totalMs, 50), percentile(totalMs, 95), percentile(totalMs, 99)],
    answers,
    stored,
    akismetRequests: standIn.requests.length,
  };
  results.push(result);
  console.log(`${engine}: ${created.length}/${timings.length} posts created in ${seconds.toFixed(1)} s; answers ${[...answers].map(([answer, count]) => `${answer} ${count}`).join(", ")}; stored (warm-up included) ${JSON.stringify(stored)}; Akismet requests ${standIn.requests.length}`);
}

async function benchEmbedded(port: number): Promise<void> {
  const embeddedDir = mkdtempSync(join(tmpdir(), "bench-post-comment-"));
  try {
    await benchEngine("PGlite (embedded)", { embeddedDir }, () => openDatabase({ embeddedDir }), port);
  } finally {
    rmSync(embeddedDir, { recursive: true, force: true });
  }
}

async function benchPostgres(serverUrl: string, port: number): Promise<void> {
  const scratch = await createScratchDatabase(serverUrl, "bench_post");
  try {
    const version = await (async () => {
      const handle = openDatabase({ url: scratch.url, poolSize: 1 });
      try {
        return String((await handle.withConnection((connection) => connection.query("SHOW server_version")))[0]?.server_version);
      } finally {
        await handle.close();
      }
    })();
    await benchEngine(`PostgreSQL ${version.split(" ")[0]}`, { url: scratch.url }, () => openDatabase({ url: scratch.url, poolSize: 2 }), port);
  } finally {
    await scratch.drop();
  }
}

function printTable(): void {
  const ms = (value: number) => value.toFixed(1);
  const header = ["engine", "posts", "posts/s", "POST p50", "POST p95", "POST p99", "captcha+POST p50", "p95", "p99", "approved", "pending", "spam", "rejected"];
  const lines = results.map((result) => [
    result.engine,
    String(result.posted),
    result.postsPerSecond.toFixed(1),
    ...result.post.map(ms),
    ...result.total.map(ms),
    ...["approved", "pending", "spam", "rejected"].map((status) => String(result.stored[status] ?? 0)),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log(`\n${concurrency} concurrent posters, ${posts} measured posts each after ${warmupPosts} of warm-up; latencies in ms of the 201s; outcomes as stored (warm-up included).`);
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  requireProductionBuild();
  if (values["cpu-prof"]) mkdirSync(resolve(values["cpu-prof"]), { recursive: true });
  const firstPort = await findFreePort(Number(values.port));
  if (values.only !== "postgres") await benchEmbedded(firstPort);
  if (values.postgres && values.only !== "embedded") await benchPostgres(values.postgres, await findFreePort(firstPort + 1));
  else if (!values.postgres) console.log("(PostgreSQL skipped: pass --postgres postgresql://…/postgres)");
  printTable();
}

try {
  await main();
} finally {
  await stopAllChildren();
}
