// The WordPress export: a well-formed WXR 1.2 that our WXR reader takes back
// (namespaces, CDATA with "]]>" split, statuses mapped back, parents by the
// file's numbers), and the round trip — export, import into an empty database
// of the same engine, and the same threads come back: authors, texts,
// nesting, statuses and dates.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabase, type DatabaseHandle } from "@/lib/db";
import { writeWxrExport } from "@/lib/export/wxr";
import { importComments } from "@/lib/import/import-comments";
import type { SourceEvent } from "@/lib/import/import-records";
import { readWxr } from "@/lib/import/wxr-reader";
import { applyMigrations } from "@/lib/migrations";
import { createArticle, createComment } from "../support/factories";
import { runAdminSql } from "../support/postgres-admin";
import { readAllComments, readThreadShape } from "../support/import-threads";

const tempDir = mkdtempSync(join(tmpdir(), "export-wxr-"));
const exportFile = join(tempDir, "export.xml");
const adminUrl = process.env.TEST_POSTGRES_URL;
const targetName = `test_wxr_${process.pid}_${Date.now().toString(36)}`;
let target: DatabaseHandle;
let nativeUrl: string;

/** An empty database of the engine this run tests: a new embedded directory, or a new database on the PostgreSQL server. */
async function openEmptyDatabase(): Promise<DatabaseHandle> {
  if (!adminUrl) return openDatabase({ embeddedDir: join(tempDir, "pglite") });
  await runAdminSql(adminUrl, `CREATE DATABASE "${targetName}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${targetName}`;
  return openDatabase({ url: url.toString(), poolSize: 2 });
}

beforeAll(async () => {
  const db = getDb();
  await importComments(db, { format: "wxr", file: "tests/fixtures/import/wordpress.xml" });
  await importComments(db, { format: "disqus", file: "tests/fixtures/import/disqus.xml", siteKey: "blog-example-org" });
  // Comments written here, in the app's markdown, with what a file must escape.
  const { article } = await createArticle(db, { commentsOpen: false });
  nativeUrl = article.url;
  const top = await createComment(db, article.id, { minute: 1, authorName: "Native ]]> Reader", body: "Markdown _here_ with a [link](https://example.org/a?b=1&c=2) and ]]> in it.\n\n> a quote" });
  const reply = await createComment(db, article.id, { minute: 2, parent: top, body: "A reply\nover two lines & <tags> as text" });
  await createComment(db, article.id, { minute: 3, parent: reply, status: "pending", body: "Held reply" });
  await createComment(db, article.id, { minute: 4, status: "rejected", body: "Rejected one" });
  await createComment(db, article.id, { minute: 5, status: "spam", body: "Spam one" });
  target = await openEmptyDatabase();
  await applyMigrations(target);
});

afterAll(async () => {
  await target?.close();
  if (adminUrl) await runAdminSql(adminUrl, `DROP DATABASE IF EXISTS "${targetName}" WITH (FORCE)`);
  rmSync(tempDir, { recursive: true, force: true });
});

describe("writeWxrExport", () => {
  it("writes every article and comment, whatever its status", async () => {
    const result = await writeWxrExport(getDb(), exportFile);
    expect(result).toEqual({ articles: (await getDb().article.count()), comments: await getDb().comment.count() });
    expect(result.comments).toBe(16 + 11 + 5);
  });

  it("writes WXR 1.2 with WordPress's namespaces, CDATA split around ]]>, and the statuses and parents WordPress uses", async () => {
    const xml = readFileSync(exportFile, "utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8" \?>/);
    expect(xml).toContain('xmlns:wp="http://wordpress.org/export/1.2/"');
    expect(xml).toContain("<wp:wxr_version>1.2</wp:wxr_version>");
    expect(xml).toContain("<wp:comment_author><![CDATA[Native ]]]]><![CDATA[> Reader]]></wp:comment_author>");
    for (const value of ["1", "0", "spam", "trash"]) expect(xml).toContain(`<wp:comment_approved><![CDATA[${value}]]></wp:comment_approved>`);
    expect(xml).toContain('<wp:comment_content><![CDATA[Markdown <em>here</em> with a <a href="https://example.org/a?b=1&amp;c=2">link</a> and ]]&gt; in it.\n<blockquote>a quote</blockquote>]]></wp:comment_content>');
    expect(xml).not.toMatch(/rel="nofollow/);
  });

  it("reads back through the WXR reader: every comment with its parent among the exported numbers", async () => {
    const events: SourceEvent[] = [];
    for await (const event of readWxr(exportFile)) events.push(event);
    const comments = events.flatMap((event) => (event.type === "comment" ? [event.comment] : []));
    expect(events.filter((event) => event.type === "article")).toHaveLength(await getDb().article.count());
    expect(comments).toHaveLength(16 + 11 + 5);
    const keys = new Set(comments.map((comment) => comment.importKey));
    expect(keys.size).toBe(comments.length);
    for (const comment of comments) if (comment.parentKey !== null) expect(keys.has(comment.parentKey)).toBe(true);
    const native = comments.find((comment) => comment.authorName === "Native ]]> Reader");
    expect(native).toMatchObject({ status: "approved", authorEmail: "reader@example.org", createdAt: new Date("2024-08-12T09:01:00Z") });
  });

  it("imports into an empty database as the same threads: authors, texts, nesting, statuses and dates", async () => {
    const summary = await importComments(target.prisma, { format: "wxr", file: exportFile });
    expect(summary.comments).toMatchObject({ created: 32, refused: 0, reparented: 0 });
    const before = await readAllComments(getDb());
    const after = await readAllComments(target.prisma);
    // What readers see (bodyHtml) is the same for every comment; the text as written only differs in how
    // markdown spells the same thing (the file carries HTML: "_here_" comes back as "*here*").
    const withoutBody = (articles: typeof before) => articles.map((article) => ({ ...article, comments: article.comments.map(({ body: _body, ...comment }) => comment) }));
    expect(withoutBody(after)).toEqual(withoutBody(before));
    const importedBodies = (articles: typeof before) => articles.filter((article) => article.url !== nativeUrl).map((article) => article.comments.map((comment) => comment.body));
    expect(importedBodies(after)).toEqual(importedBodies(before));
    for (const { url } of before) expect(await readThreadShape(target.prisma, url)).toEqual(await readThreadShape(getDb(), url));
  });

  it("adds nothing when the same export is imported again", async () => {
    const summary = await importComments(target.prisma, { format: "wxr", file: exportFile });
    expect(summary.comments).toMatchObject({ created: 0, skipped: 32 });
  });
});
