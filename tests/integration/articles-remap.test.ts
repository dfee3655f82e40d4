// Moving threads to new URLs: by prefix and by a CSV of pairs, dry runs that
// write nothing, refusals that name the article in the way and move nothing;
// then the command as an operator runs it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { parseRemapCsv, remapArticleUrls, requirePrefixRequest } from "@/lib/articles/remap";
import { getThreadPage } from "@/lib/comments/thread";
import { getDb, openDatabase } from "@/lib/db";
import type { LiveBus } from "@/lib/live/live-bus";
import type { LiveEvent } from "@/lib/live/live-events";
import { applyMigrations } from "@/lib/migrations";
import { createComment } from "../support/factories";

const tempDir = mkdtempSync(join(tmpdir(), "articles-remap-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function recordingBus(): LiveBus & { events: LiveEvent[] } {
  const events: LiveEvent[] = [];
  return { engine: "embedded", events, publish: async (event) => void events.push(event), subscribe: () => () => {}, close: async () => {} };
}

let run = 0;
/** Articles on the given URLs (slugs a, b, c… of this test), each with one comment. */
async function articlesAt(urls: string[]) {
  run += 1;
  const db = getDb();
  const site = await db.site.create({ data: { key: `remap-${run}`, name: "Remap", allowedOrigins: [] } });
  const articles = [];
  for (const [index, url] of urls.entries()) {
    const slug = `r${run}-${String.fromCharCode(97 + index)}`;
    const article = await db.article.create({ data: { siteId: site.id, slug, externalId: slug, url, title: `Title ${slug}`, publishedAt: new Date(), tags: [] } });
    await createComment(db, article.id, { body: `Thread of ${slug}` });
    articles.push(article);
  }
  return articles;
}

const urlOf = async (slug: string) => (await getDb().article.findUniqueOrThrow({ where: { slug } })).url;

beforeEach(async () => {
  // Each test owns the URLs it names.
  await getDb().article.deleteMany();
});

describe("remapArticleUrls by prefix", () => {
  it("moves every URL under the prefix, keeps the rest of each URL and the thread, and announces each moved thread", async () => {
    const [a, b, c] = await articlesAt(["https://old.example/2024/05/one", "https://old.example/2024/06/two", "https://other.example/2024/05/three"]);
    const bus = recordingBus();
    const result = await remapArticleUrls(getDb(), requirePrefixRequest("https://old.example/2024/", "https://news.example/archive/"), { live: bus });
    expect(result).toEqual({
      isApplied: true,
      unmatched: [],
      conflicts: [],
      moves: [
        { slug: a!.slug, title: a!.title, from: "https://old.example/2024/05/one", to: "https://news.example/archive/05/one" },
        { slug: b!.slug, title: b!.title, from: "https://old.example/2024/06/two", to: "https://news.example/archive/06/two" },
      ],
    });
    expect(await urlOf(a!.slug)).toBe("https://news.example/archive/05/one");
    expect(await urlOf(c!.slug)).toBe("https://other.example/2024/05/three");
    const page = await getThreadPage(getDb(), a!.slug, { sort: "oldest", limit: 50 });
    expect(page.article.url).toBe("https://news.example/archive/05/one");
    expect(page.comments.map((comment) => comment.bodyHtml)).toEqual([`<p>Thread of ${a!.slug}</p>`]);
    expect(bus.events).toEqual([
      { type: "thread", slug: a!.slug },
      { type: "thread", slug: b!.slug },
    ]);
  });

  it("treats % and _ in the prefix as themselves", async () => {
    const [a, b] = await articlesAt(["https://old.example/100%_sure/x", "https://old.example/100abcsure/y"]);
    const result = await remapArticleUrls(getDb(), requirePrefixRequest("https://old.example/100%_sure/", "https://new.example/"));
    expect(result.moves.map((move) => move.slug)).toEqual([a!.slug]);
    expect(await urlOf(b!.slug)).toBe("https://old.example/100abcsure/y");
  });

  it("writes nothing and announces nothing on a dry run, but says what would move", async () => {
    const [a] = await articlesAt(["https://old.example/a"]);
    const bus = recordingBus();
    const result = await remapArticleUrls(getDb(), requirePrefixRequest("https://old.example/", "https://new.example/"), { dryRun: true, live: bus });
    expect(result).toMatchObject({ isApplied: false, moves: [{ slug: a!.slug, to: "https://new.example/a" }], conflicts: [] });
    expect(await urlOf(a!.slug)).toBe("https://old.example/a");
    expect(bus.events).toEqual([]);
  });

  it("refuses a move onto another article's URL, naming it, and moves nothing at all", async () => {
    const [a, b, c] = await articlesAt(["https://old.example/a", "https://old.example/b", "https://new.example/b"]);
    const result = await remapArticleUrls(getDb(), requirePrefixRequest("https://old.example/", "https://new.example/"));
    expect(result.isApplied).toBe(false);
    expect(result.conflicts).toEqual([{ move: expect.objectContaining({ slug: b!.slug, to: "https://new.example/b" }), holder: { slug: c!.slug, title: c!.title } }]);
    expect(await urlOf(a!.slug)).toBe("https://old.example/a");
    expect(await urlOf(b!.slug)).toBe("https://old.example/b");
  });

  it.each([
    ["an empty --from", "", "https://new.example/", /--from must not be empty/],
    ["a --to that is not a web address", "https://old.example/", "ftp://new.example/", /--to.*http\(s\)/],
  ])("refuses %s before touching the database", (_name, from, to, message) => {
    expect(() => requirePrefixRequest(from, to)).toThrow(message);
  });
});

describe("remapArticleUrls by pairs (CSV)", () => {
  it("reads old,new lines with an optional header, comments and blank lines", () => {
    expect(parseRemapCsv('old,new\n# moved in May\n\n https://a.example/1 , https://b.example/1\n"https://a.example/2,x",https://b.example/2\n')).toEqual([
      { from: "https://a.example/1", to: "https://b.example/1" },
      { from: "https://a.example/2,x", to: "https://b.example/2" },
    ]);
  });

  it.each([
    ["a line with one field", "https://a.example/1\n", /record 1: expected old,new, found 1 field/],
    ["a new URL that is not a web address", "https://a.example/1,/relative\n", /record 1 \(new\).*http\(s\)/],
    ["an old URL listed twice", "https://a.example/1,https://b.example/1\nhttps://a.example/1,https://b.example/2\n", /record 2: https:\/\/a.example\/1 is listed twice/],
    ["an unclosed quote", '"https://a.example/1,https://b.example/1\n', /could not be read/],
  ])("refuses %s, naming the record", (_name, text, message) => {
    expect(() => parseRemapCsv(text)).toThrow(message);
  });

  it("moves the listed articles, reports old URLs no article has, and lets two articles swap URLs", async () => {
    const [a, b, c] = await articlesAt(["https://s.example/a", "https://s.example/b", "https://s.example/c"]);
    const pairs = parseRemapCsv("https://s.example/a,https://s.example/b\nhttps://s.example/b,https://s.example/a\nhttps://s.example/c,https://t.example/c\nhttps://s.example/gone,https://t.example/gone\n");
    const result = await remapArticleUrls(getDb(), { kind: "pairs", pairs });
    expect(result).toMatchObject({ isApplied: true, conflicts: [], unmatched: ["https://s.example/gone"] });
    expect(result.moves).toHaveLength(3);
    expect([await urlOf(a!.slug), await urlOf(b!.slug), await urlOf(c!.slug)]).toEqual(["https://s.example/b", "https://s.example/a", "https://t.example/c"]);
  });

  it("refuses two moves onto one URL, naming the other article", async () => {
    const [a, b] = await articlesAt(["https://s.example/a", "https://s.example/b"]);
    const result = await remapArticleUrls(getDb(), { kind: "pairs", pairs: parseRemapCsv("https://s.example/a,https://t.example/same\nhttps://s.example/b,https://t.example/same\n") });
    expect(result.isApplied).toBe(false);
    expect(result.conflicts).toEqual([{ move: expect.objectContaining({ slug: b!.slug }), holder: { slug: a!.slug, title: a!.title } }]);
    expect(await urlOf(a!.slug)).toBe("https://s.example/a");
  });
});

describe("npm run articles:remap", { timeout: 90_000 }, () => {
  const dataDir = join(tempDir, "pglite");

  function runScript(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: dataDir };
    return new Promise((resolve) => {
      execFile(join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/articles-remap.ts", ...args], { cwd: process.cwd(), env, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
      });
    });
  }

  async function urlsInDirectory(): Promise<string[]> {
    const database = openDatabase({ embeddedDir: dataDir });
    try {
      return (await database.prisma.article.findMany({ orderBy: { slug: "asc" } })).map((article) => article.url);
    } finally {
      await database.close();
    }
  }

  it("prints a CSV dry run, then moves by prefix, then refuses a move onto a taken URL with exit 1", async () => {
    const database = openDatabase({ embeddedDir: dataDir });
    try {
      await applyMigrations(database);
      const site = await database.prisma.site.create({ data: { key: "cli", name: "CLI", allowedOrigins: [] } });
      for (const [slug, url] of [["one", "https://old.example/one"], ["two", "https://keep.example/two"]] as const) {
        await database.prisma.article.create({ data: { siteId: site.id, slug, externalId: slug, url, title: slug, publishedAt: new Date(), tags: [] } });
      }
    } finally {
      await database.close();
    }
    const csv = join(tempDir, "moves.csv");
    writeFileSync(csv, "old,new\nhttps://old.example/one,https://new.example/one\n");

    const dry = await runScript(["--csv", csv, "--dry-run"]);
    expect(dry).toMatchObject({ exitCode: 0, stderr: "" });
    expect(dry.stdout).toBe("Would move (dry run, nothing written) 1 article:\n  one: https://old.example/one → https://new.example/one\n");
    expect(await urlsInDirectory()).toEqual(["https://old.example/one", "https://keep.example/two"]);

    const moved = await runScript(["--from", "https://old.example/", "--to", "https://new.example/"]);
    expect(moved).toMatchObject({ exitCode: 0, stdout: "Moved 1 article:\n  one: https://old.example/one → https://new.example/one\n" });

    const refused = await runScript(["--from", "https://keep.example/two", "--to", "https://new.example/one"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe('Refused: two cannot move to https://new.example/one: article one ("one") has that URL.\nNothing was moved.\n');
    expect(await urlsInDirectory()).toEqual(["https://new.example/one", "https://keep.example/two"]);

    const usage = await runScript(["--from", "https://x.example/"]);
    expect(usage.exitCode).toBe(1);
    expect(usage.stderr).toMatch(/Missing --to\nUsage: npm run articles:remap/);
  });
});
