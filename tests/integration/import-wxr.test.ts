// Importing a WordPress export (tests/fixtures/import/wordpress.xml, written
// after WordPress's own exporter): threads as readers see them through the
// thread API, the held, spam and trashed comments in the moderators' queues,
// a second run and a dry run that add nothing, and the command itself.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importComments } from "@/lib/import/import-comments";
import { ImportFileError } from "@/lib/import/xml-events";
import { listQueue, queueQuerySchema } from "@/lib/moderation/queues";
import { readThreadShape, recordingBus } from "../support/import-threads";

const FIXTURE = "tests/fixtures/import/wordpress.xml";
const POST_URL = "https://blog.example.org/2024/08/12/dont-panic/";
const PAGE_URL = "https://blog.example.org/elections-2024/";

const tempDir = mkdtempSync(join(tmpdir(), "import-wxr-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

async function countRows() {
  const db = getDb();
  const [sites, articles, comments] = await Promise.all([db.site.count(), db.article.count(), db.comment.count()]);
  return { sites, articles, comments };
}

const expectedCounts = {
  articles: { created: 3, matched: 0 },
  comments: { created: 16, skipped: 0, refused: 1, reparented: 3, pings: 2 },
  refusals: { "nothing readable is left of its text": 1 },
};

describe("importComments from a WordPress export", () => {
  it("with isDryRun counts what it would do and writes nothing", async () => {
    const summary = await importComments(getDb(), { format: "wxr", file: FIXTURE, isDryRun: true });
    expect(summary).toMatchObject({ isDryRun: true, createdSite: "blog-example-org", ...expectedCounts });
    expect(await countRows()).toEqual({ sites: 0, articles: 0, comments: 0 });
  });

  it("creates the site (the database had none), the published posts and pages, and their comments, and tells the running apps", async () => {
    const bus = recordingBus();
    const summary = await importComments(getDb(), { format: "wxr", file: FIXTURE, live: bus });
    expect(summary).toMatchObject({ isDryRun: false, createdSite: "blog-example-org", ...expectedCounts });
    expect(await countRows()).toEqual({ sites: 1, articles: 3, comments: 16 });
    const site = await getDb().site.findFirstOrThrow();
    expect(site).toMatchObject({ key: "blog-example-org", name: "Café Tertulia & Friends", allowedOrigins: ["https://blog.example.org"] });
    const slugs = (await getDb().article.findMany({ where: { comments: { some: {} } }, select: { slug: true } })).map((article) => article.slug);
    expect(bus.events).toEqual(expect.arrayContaining([...slugs.map((slug) => ({ type: "thread", slug })), { type: "queues" }]));
  });

  it("decodes entities in titles and keeps the posts' addresses and UTC dates; drafts and attachments are not articles", async () => {
    const articles = await getDb().article.findMany({ orderBy: { publishedAt: "asc" }, select: { slug: true, title: true, url: true, publishedAt: true, importKey: true } });
    expect(articles).toEqual([
      { slug: "dont-panic-carry-on", title: "Don’t panic & carry on", url: POST_URL, publishedAt: new Date("2024-08-12T08:00:00Z"), importKey: "wxr:https://blog.example.org#post-101" },
      { slug: "elections-2024-que-pasa-mas", title: "Élections 2024 – ¿Qué pasa? & más", url: PAGE_URL, publishedAt: new Date("2024-08-13T08:00:00Z"), importKey: "wxr:https://blog.example.org#post-102" },
      { slug: "a-quiet-post", title: "A quiet post", url: "https://blog.example.org/quiet/", publishedAt: new Date("2024-08-14T08:00:00Z"), importKey: "wxr:https://blog.example.org#post-103" },
    ]);
  });

  it("shows readers the threads nested as in WordPress, 4 replies deep, with replies to spam or trash re-parented and a reply that came before its parent under it", async () => {
    expect(await readThreadShape(getDb(), POST_URL)).toEqual([
      {
        comment: "José Ñúñez: Great piece! Really the report says so. Second line stressed. New paragraph with a * star and [brackets].",
        replies: [
          {
            comment: "王小明: 我同意。 Merci & thanks",
            replies: [
              {
                comment: "Zoë Ångström: 我同意。 Quoting you, depth two.",
                replies: [{ comment: "Ólafur Þór: Depth three: 1 < 2 && 3 > 2", replies: [{ comment: "Dmitri Иванов: Depth four, the deepest.", replies: [] }] }],
              },
            ],
          },
          // Its parent (9) is in the bin: it hangs on 9's parent.
          { comment: "Answers Troll: Replying to the trashed one.", replies: [] },
        ],
      },
      // Its parent (7) is spam: it becomes top-level.
      { comment: "Replier To Spam: Answering the spammer, sadly.", replies: [] },
      { comment: "Late Parent: I am the parent, later in the file.", replies: [{ comment: "Early Reply: I come first in the file, but answer comment 15.", replies: [] }] },
      // Its parent (999) is not in the file.
      { comment: "Lost Reply: My parent was never exported.", replies: [] },
      { comment: "Quoting Reader: First paragraph with a break. A quote in two paragraphs snake_case stays, code keeps its text.", replies: [] },
    ]);
    expect(await readThreadShape(getDb(), PAGE_URL)).toEqual([{ comment: "Renée Müller: Sehr gut.", replies: [{ comment: "Søren Kierkegaard: Enig.", replies: [] }] }]);
  });

  it("keeps the allowed markup as our comment text and drops scripts, attributes and unsafe links", async () => {
    const first = await getDb().comment.findUniqueOrThrow({ where: { importKey: "wxr:https://blog.example.org#comment-1" } });
    expect(first.body).toBe("Great piece! **Really** [the report](https://source.example.com/report) says so.\nSecond line *stressed*.\n\nNew paragraph with a \\* star and \\[brackets\\].");
    expect(first.bodyHtml).toBe(
      '<p>Great piece! <strong>Really</strong> <a href="https://source.example.com/report" rel="nofollow ugc noopener">the report</a> says so.<br />\n' +
        "Second line <em>stressed</em>.</p>\n<p>New paragraph with a * star and [brackets].</p>",
    );
    const all = await getDb().comment.findMany({ select: { bodyHtml: true, body: true } });
    for (const comment of all) {
      expect(comment.bodyHtml).not.toMatch(/script|onclick|alert|style/i);
      expect(comment.body).not.toMatch(/<script|alert/i);
    }
    const quoting = await getDb().comment.findUniqueOrThrow({ where: { importKey: "wxr:https://blog.example.org#comment-17" } });
    expect(quoting.bodyHtml).toBe(
      "<p>First paragraph<br />\nwith a break.</p>\n<blockquote>\n<p>A quote</p>\n<p>in two paragraphs</p>\n</blockquote>\n<p>snake_case stays, code keeps its text.</p>",
    );
  });

  it("puts every status in its queue, with the authors' e-mail, website, IP and UTC date", async () => {
    const queue = (name: string) => listQueue(getDb(), queueQuerySchema.parse({ queue: name, order: "oldest" }));
    const pending = await queue("pending");
    expect(pending.counts).toEqual({ pending: 1, reported: 0, spam: 1, rejected: 1, approved: 13 });
    expect(pending.comments.map((comment) => comment.authorName)).toEqual(["Pending Person"]);
    expect((await queue("spam")).comments).toEqual([
      expect.objectContaining({ authorName: "Cheap Pills", authorEmail: "spam@spam.example", authorUrl: "http://spam.example", ip: "192.0.2.99", status: "spam", createdAt: "2024-08-12T09:45:00.000Z" }),
    ]);
    expect((await queue("rejected")).comments).toEqual([
      expect.objectContaining({ authorName: "Trashed Troll", status: "rejected", parent: expect.objectContaining({ authorName: "José Ñúñez" }) }),
    ]);
    const approved = (await queue("approved")).comments;
    expect(approved[0]).toMatchObject({ authorName: "José Ñúñez", authorEmail: "jose.nunez@example.org", authorUrl: "https://jose.example.net", ip: "203.0.113.7", createdAt: "2024-08-12T09:15:00.000Z" });
    expect(approved.find((comment) => comment.authorName === "王小明")).toMatchObject({ ip: "2001:db8::42", authorUrl: null });
    // A javascript: website and an address that is not one are dropped, not stored.
    expect(approved.find((comment) => comment.authorName === "Zoë Ångström")).toMatchObject({ authorUrl: null });
    expect(approved.find((comment) => comment.authorName === "Lost Reply")).toMatchObject({ ip: null });
  });

  it("keeps rootId and depth as posting does", async () => {
    const rows = await getDb().comment.findMany({ select: { id: true, parentId: true, rootId: true, depth: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const row of rows) {
      const parent = row.parentId ? byId.get(row.parentId) : undefined;
      expect(row.depth).toBe(parent ? parent.depth + 1 : 0);
      expect(row.rootId).toBe(parent ? (parent.rootId ?? parent.id) : null);
    }
    expect(Math.max(...rows.map((row) => row.depth))).toBe(4);
  });

  it("adds nothing the second time: every comment is skipped as already imported, the articles are matched", async () => {
    const before = await countRows();
    const bus = recordingBus();
    const summary = await importComments(getDb(), { format: "wxr", file: FIXTURE, live: bus });
    expect(summary).toMatchObject({ createdSite: null, articles: { created: 0, matched: 3 }, comments: { created: 0, skipped: 16, refused: 1, reparented: 0, pings: 2 } });
    expect(await countRows()).toEqual(before);
    expect(bus.events).toEqual([]);
  });

  it("matches an article by its address when it was created otherwise (an embed), and files new comments under it", async () => {
    const db = getDb();
    const site = await db.site.findFirstOrThrow();
    await db.article.create({
      data: { siteId: site.id, slug: "embedded-first", externalId: "page-1", url: "https://blog.example.org/embedded/", title: "Embedded", publishedAt: new Date(), tags: [] },
    });
    const file = join(tempDir, "embedded.xml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.1/"><channel><title>Other</title><wp:base_site_url>https://blog.example.org</wp:base_site_url>
      <item><title>Embedded</title><link>https://blog.example.org/embedded/#comments</link><wp:post_id>500</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
      <wp:comment><wp:comment_id>501</wp:comment_id><wp:comment_author>Ann</wp:comment_author><wp:comment_date_gmt>2024-09-01 10:00:00</wp:comment_date_gmt><wp:comment_content>Hello &lt;b&gt;there&lt;/b&gt;</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
      </item></channel></rss>`,
    );
    const summary = await importComments(db, { format: "wxr", file });
    expect(summary).toMatchObject({ articles: { created: 0, matched: 1 }, comments: { created: 1 } });
    expect(await readThreadShape(db, "https://blog.example.org/embedded/")).toEqual([{ comment: "Ann: Hello there", replies: [] }]);
    const article = await db.article.findUniqueOrThrow({ where: { slug: "embedded-first" } });
    expect(article.importKey).toBe("wxr:https://blog.example.org#post-500");
  });

  it.each([
    ["an unknown --site", { siteKey: "nope" }, /No site with the key “nope”/],
    ["no --site when there are several sites", {}, /several sites .*--site KEY/],
  ])("refuses %s, naming --site", async (_name, options, message) => {
    const db = getDb();
    if ((await db.site.count()) < 2) await db.site.create({ data: { key: "second-site", name: "Second", allowedOrigins: [] } });
    const error = await importComments(db, { format: "wxr", file: FIXTURE, ...options }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(message);
    expect((error as AppError).fields).toHaveProperty("site");
  });

  it.each([
    ["a file that is not XML", "not <xml at all", /not well-formed XML/],
    ["a Disqus file read as WXR", '<?xml version="1.0"?><disqus xmlns="http://disqus.com"></disqus>', /not a WordPress export/],
  ])("refuses %s with a message naming the file", async (_name, content, message) => {
    const file = join(tempDir, "bad.xml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, content);
    const error = await importComments(getDb(), { format: "wxr", file, siteKey: "second-site" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(message);
  });
});

interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run import -- …` as the operator would (through tsx), on an embedded data directory of its own. */
function runImport(args: string[]): Promise<RunResult> {
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: join(tempDir, "pglite") };
  return new Promise((resolve) => {
    execFile(join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/import.ts", ...args], { cwd: process.cwd(), env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe("npm run import", { timeout: 90_000 }, () => {
  it("imports the file, prints the summary without a progress bar when piped, and adds nothing the second time", async () => {
    const dry = await runImport(["--format", "wxr", FIXTURE, "--dry-run"]);
    expect(dry).toMatchObject({ exitCode: 0, stderr: "" });
    expect(dry.stdout).toContain("Dry run: nothing was written");
    const first = await runImport(["--format", "wxr", FIXTURE]);
    expect(first).toMatchObject({ exitCode: 0, stderr: "" });
    expect(first.stdout).toContain("Articles: 3 created, 0 matched");
    expect(first.stdout).toContain("Comments: 16 created, 0 skipped (already imported), 1 refused");
    expect(first.stdout).toContain("refused: 1 × nothing readable is left of its text");
    expect(first.stdout).toContain("Pingbacks and trackbacks skipped: 2");
    expect(first.stdout).toContain("Re-parented: 3");
    expect(first.stdout).not.toContain("Importing [");
    const second = await runImport(["--format", "wxr", FIXTURE]);
    expect(second.stdout).toContain("Comments: 0 created, 16 skipped (already imported)");
    const database = openDatabase({ embeddedDir: join(tempDir, "pglite") });
    try {
      expect(await database.prisma.comment.count()).toBe(16);
    } finally {
      await database.close();
    }
  });

  it.each([
    ["no --format", [FIXTURE], /Missing --format/],
    ["an unknown format", ["--format", "blogger", FIXTURE], /--format must be wxr or disqus/],
    ["no file", ["--format", "wxr"], /Missing FILE/],
    ["a missing file", ["--format", "wxr", "no/such/file.xml"], /FILE no\/such\/file.xml cannot be read/],
    ["an unknown option", ["--format", "wxr", FIXTURE, "--force"], /Unknown option '--force'/],
  ])("exits 1 on %s, saying what is wrong and how to call it", async (_name, args, message) => {
    const result = await runImport(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run import -- --format wxr|disqus FILE");
  });
});
