// The JSON-lines export on a real database: every line one object with a
// type; sites, articles, comments with their verdicts, decisions and reports,
// and bans; each article's comments after it, parents before replies, across
// pages of rows.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { JSONL_EXPORT_VERSION, writeJsonlExport } from "@/lib/export/jsonl";
import { createArticle, createComment } from "../support/factories";

const tempDir = mkdtempSync(join(tmpdir(), "jsonl-export-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

type Line = Record<string, unknown> & { type: string };
let lines: Line[];
let written: { lines: number };
let fixture: Awaited<ReturnType<typeof seed>>;

async function seed() {
  const db = getDb();
  const { site, article } = await createArticle(db);
  await db.site.update({ where: { id: site.id }, data: { secret: "a-signing-secret-not-for-files" } });
  const moderator = await db.moderator.create({ data: { email: "jsonl-mod@example.org", passwordHash: "unused", role: "moderator" } });
  const top = await createComment(db, article.id, { minute: 10, body: "Top" });
  // A reply stamped earlier than its parent's parent (imported threads have such clocks): depth, not time, puts parents first.
  const reply = await createComment(db, article.id, { parent: top, minute: 20, body: "Reply" });
  const deep = await db.comment.create({
    data: { articleId: article.id, parentId: reply.id, rootId: top.id, depth: 2, authorName: "Deep", authorEmail: "deep@example.org", body: "Deep", bodyHtml: "<p>Deep</p>", status: "pending", createdAt: new Date(Date.UTC(2024, 7, 12, 8, 0)) },
  });
  await db.commentVerdict.create({ data: { commentId: deep.id, check: "suspect-words", label: "suspect_word", action: "hold", evidence: { message: "held", spans: [{ start: 0, end: 4, text: "Deep" }] } } });
  await db.moderationDecision.create({ data: { commentId: top.id, moderatorId: moderator.id, action: "approve", fromStatus: "pending", toStatus: "approved" } });
  await db.report.create({ data: { commentId: top.id, reason: "spam", note: "looks off", reporterIp: "198.51.100.200", reporterKey: "k", reporterNetwork: "198.51.100.0/24" } });
  await db.ban.create({ data: { email: "banned@example.org", reason: "Spam" } });
  // Readers' engagement: the top comment is an editors' pick with respects, and was edited once; the reply was deleted by its author.
  await db.comment.update({ where: { id: top.id }, data: { featuredAt: new Date(Date.UTC(2024, 7, 12, 11, 0)), respectCount: 2, editedAt: new Date(Date.UTC(2024, 7, 12, 9, 12)) } });
  await db.respect.createMany({ data: [{ commentId: top.id, readerKey: "reader-a", networkKey: "network-a" }, { commentId: top.id, readerKey: "reader-b", networkKey: "network-b" }] });
  await db.commentRevision.create({ data: { commentId: top.id, body: "Topp", writtenAt: new Date(Date.UTC(2024, 7, 12, 9, 10)), createdAt: new Date(Date.UTC(2024, 7, 12, 9, 12)) } });
  await db.comment.update({ where: { id: reply.id }, data: { deletedAt: new Date(Date.UTC(2024, 7, 12, 9, 30)), body: "[deleted]" } });
  await db.commentRevision.create({ data: { commentId: reply.id, body: "Reply", writtenAt: reply.createdAt, createdAt: new Date(Date.UTC(2024, 7, 12, 9, 30)) } });

  // Enough comments in one article to take several pages of rows: 700 top-level, each with a reply.
  const { article: big } = await createArticle(db);
  const start = Date.UTC(2024, 0, 1);
  await db.comment.createMany({
    data: Array.from({ length: 700 }, (_, index) => ({ id: `big-top-${String(index).padStart(4, "0")}`, articleId: big.id, authorName: "T", authorEmail: "t@example.org", body: `t${index}`, bodyHtml: "", status: "approved" as const, createdAt: new Date(start + index * 1000) })),
  });
  await db.comment.createMany({
    data: Array.from({ length: 700 }, (_, index) => ({
      id: `big-reply-${String(index).padStart(4, "0")}`,
      articleId: big.id,
      parentId: `big-top-${String(index).padStart(4, "0")}`,
      rootId: `big-top-${String(index).padStart(4, "0")}`,
      depth: 1,
      authorName: "R",
      authorEmail: "r@example.org",
      body: `r${index}`,
      bodyHtml: "",
      status: "approved" as const,
      // Replies are older than most top-level comments.
      createdAt: new Date(start - index * 1000),
    })),
  });
  return { site, article, big, top, reply, deep };
}

beforeAll(async () => {
  fixture = await seed();
  const path = join(tempDir, "export.jsonl");
  written = await writeJsonlExport(getDb(), path);
  const text = readFileSync(path, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  lines = text.trimEnd().split("\n").map((line) => JSON.parse(line) as Line);
  expect(statSync(path).mode & 0o777).toBe(0o600);
}, 60_000);

describe("writeJsonlExport", () => {
  it("writes one JSON object with a type per line and returns how many lines", () => {
    expect(written.lines).toBe(lines.length);
    expect(lines[0]).toMatchObject({ type: "export", format: "tertulia-jsonl", version: JSONL_EXPORT_VERSION });
    expect(lines[1]).toMatchObject({ type: "settings", moderation: expect.objectContaining({ ipRetentionDays: 90 }) });
    const counts = lines.reduce<Record<string, number>>((all, line) => ({ ...all, [line.type]: (all[line.type] ?? 0) + 1 }), {});
    expect(counts).toEqual({ export: 1, settings: 1, site: 2, article: 2, comment: 1403, ban: 1 });
  });

  it("writes a site without its signing secret", () => {
    const site = lines.find((line) => line.type === "site" && line.id === fixture.site.id);
    expect(site).toMatchObject({ key: fixture.site.key, name: fixture.site.name, allowedOrigins: ["http://localhost:3000"], hasSecret: true });
    expect(JSON.stringify(lines)).not.toContain("a-signing-secret-not-for-files");
  });

  it("writes each article before its comments, and every comment after its parent", () => {
    const seen = new Set<string>();
    let currentArticle: string | null = null;
    for (const line of lines) {
      if (line.type === "article") currentArticle = line.id as string;
      if (line.type !== "comment") continue;
      expect(line.articleId).toBe(currentArticle);
      if (line.parentId !== null) expect(seen.has(line.parentId as string), `parent of ${String(line.id)} first`).toBe(true);
      seen.add(line.id as string);
    }
    expect(seen.size).toBe(1403);
  });

  it("writes an article's fields and a comment's, with its verdicts, decisions and reports (without the reporter's address)", () => {
    expect(lines.find((line) => line.type === "article" && line.id === fixture.article.id)).toMatchObject({
      siteKey: fixture.site.key,
      slug: fixture.article.slug,
      url: fixture.article.url,
      title: fixture.article.title,
      publishedAt: "2024-08-12T08:00:00.000Z",
      commentsOpen: true,
    });
    const top = lines.find((line) => line.id === fixture.top.id);
    expect(top).toMatchObject({
      type: "comment",
      articleSlug: fixture.article.slug,
      parentId: null,
      depth: 0,
      authorName: "Reader",
      authorEmail: "reader@example.org",
      body: "Top",
      status: "approved",
      createdAt: "2024-08-12T09:10:00.000Z",
      erasedAt: null,
      editedAt: "2024-08-12T09:12:00.000Z",
      deletedAt: null,
      featuredAt: "2024-08-12T11:00:00.000Z",
      respects: 2,
      revisions: [{ body: "Topp", writtenAt: "2024-08-12T09:10:00.000Z", replacedAt: "2024-08-12T09:12:00.000Z" }],
      decisions: [{ action: "approve", fromStatus: "pending", toStatus: "approved", moderator: "jsonl-mod@example.org" }],
      reports: [{ reason: "spam", note: "looks off", resolvedAt: null }],
    });
    expect(JSON.stringify(top)).not.toContain("198.51.100.200");
    // Who respected it (keyed hashes of readers and networks) stays out, like reporters.
    expect(JSON.stringify(lines)).not.toContain("network-a");
    expect(lines.find((line) => line.id === fixture.reply.id)).toMatchObject({ body: "[deleted]", deletedAt: "2024-08-12T09:30:00.000Z", featuredAt: null, respects: 0, revisions: [{ body: "Reply" }] });
    expect(lines.find((line) => line.id === fixture.deep.id)).toMatchObject({
      parentId: fixture.reply.id,
      rootId: fixture.top.id,
      depth: 2,
      status: "pending",
      verdicts: [{ check: "suspect-words", label: "suspect_word", action: "hold", evidence: { message: "held", spans: [{ start: 0, end: 4, text: "Deep" }] } }],
    });
    expect(lines.find((line) => line.type === "ban")).toMatchObject({ email: "banned@example.org", reason: "Spam", liftedAt: null });
  });

  it("refuses a path it cannot write, rejecting instead of hanging", async () => {
    await expect(writeJsonlExport(getDb(), join(tempDir, "missing-folder", "x.jsonl"))).rejects.toThrow(/ENOENT/);
  });
});
