import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/articles/[slug]/comments/route";
import { getDb } from "@/lib/db";
import { createArticle, createComment } from "../support/factories";

let slug: string;

async function getComments(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(path, "http://localhost");
  const articleSlug = decodeURIComponent(url.pathname.split("/")[4] ?? "");
  const response = await GET(new Request(url), { params: Promise.resolve({ slug: articleSlug }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const db = getDb();
  const { article } = await createArticle(db);
  slug = article.slug;
  const root = await createComment(db, article.id, { body: "Hello *world* <script>x()</script>", authorName: "Ana" });
  await createComment(db, article.id, { parent: root, minute: 1, authorName: "Ben" });
  await createComment(db, article.id, { minute: 2 });
  await createComment(db, article.id, { minute: 3 });
});

describe("GET /api/v1/articles/{slug}/comments", () => {
  it("answers the shape in SPEC.md", async () => {
    const { status, body } = await getComments(`/api/v1/articles/${slug}/comments?limit=2`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["article", "comments", "nextCursor"]);
    expect(Object.keys(body.article as object).sort()).toEqual(["commentCount", "commentsOpen", "slug", "title", "url"]);
    const comments = body.comments as Array<Record<string, unknown>>;
    expect(comments).toHaveLength(2);
    expect(Object.keys(comments[0]!).sort()).toEqual(["authorName", "authorUrl", "bodyHtml", "createdAt", "deleted", "editedAt", "featured", "id", "parentId", "replies", "respects"]);
    expect(comments[0]!.bodyHtml).toBe("<p>Hello <em>world</em> &lt;script&gt;x()&lt;/script&gt;</p>");
    const replies = comments[0]!.replies as Array<Record<string, unknown>>;
    expect(replies[0]).toMatchObject({ authorName: "Ben", parentId: comments[0]!.id, replies: [] });
    expect(typeof body.nextCursor).toBe("string");
    expect(JSON.stringify(body)).not.toContain("reader@example.org");
  });

  it("follows nextCursor to the last page", async () => {
    const first = await getComments(`/api/v1/articles/${slug}/comments?limit=2`);
    const second = await getComments(`/api/v1/articles/${slug}/comments?limit=2&cursor=${first.body.nextCursor as string}`);
    expect(second.status).toBe(200);
    expect((second.body.comments as unknown[]).length).toBe(1);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ["limit=0", 400, "validation", "limit"],
    ["limit=500", 400, "validation", "limit"],
    ["limit=abc", 400, "validation", "limit"],
    ["sort=top", 400, "validation", "sort"],
    ["sort=most-respected", 400, "validation", "sort"],
    ["cursor=garbage", 400, "validation", "cursor"],
    [`cursor=${Buffer.from('["2024-01-01T00:00:00.000Z"]').toString("base64url")}`, 400, "validation", "cursor"],
  ])("?%s → %i %s naming %s", async (query, status, code, field) => {
    const { status: actual, body } = await getComments(`/api/v1/articles/${slug}/comments?${query}`);
    expect(actual).toBe(status);
    const error = body.error as { code: string; message: string; fields: Record<string, string> };
    expect(error.code).toBe(code);
    expect(error.message).toMatch(new RegExp(field));
    expect(error.fields).toHaveProperty(field);
  });

  it.each([["%00"], ["a%2Fb"], [encodeURIComponent("x".repeat(201))]])("answers 404 for the impossible slug %s without asking the database", async (slug) => {
    const { status, body } = await getComments(`/api/v1/articles/${slug}/comments`);
    expect(status).toBe(404);
    expect((body.error as { code: string }).code).toBe("not_found");
  });

  it("answers 404 with the error shape for an unknown article", async () => {
    const { status, body } = await getComments("/api/v1/articles/missing-article/comments");
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "not_found", message: 'No article with slug "missing-article"', fields: { slug: "no such article" } } });
  });
});

describe("GET /api/v1/articles/{slug}/comments: sorts, editors' picks and deleted comments", () => {
  let rankedSlug: string;
  /** Top-level comments by letter. */
  const ids: Record<string, string> = {};
  const ties: string[] = [];

  beforeAll(async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    rankedSlug = article.slug;
    // letter: minute, respects, approved replies that are not deleted
    const plan: Array<[string, number, number, number]> = [
      ["A", 0, 5, 1],
      ["B", 1, 2, 3],
      ["C", 2, 5, 0],
      ["D", 3, 0, 3],
      ["E", 4, 1, 0],
      ["F", 5, 0, 1],
      ["G", 6, 0, 0],
      ["H", 7, 2, 0],
      ["I", 8, 2, 0],
      ["J", 8, 2, 0],
    ];
    for (const [letter, minute, respects, replies] of plan) {
      const root = await createComment(db, article.id, { minute, body: `Comment ${letter}`, authorName: `Author ${letter}` });
      ids[letter] = root.id;
      await db.comment.update({ where: { id: root.id }, data: { respectCount: respects } });
      let parent = root;
      for (let reply = 0; reply < replies; reply += 1) {
        // D's replies are a chain, the others' siblings: replies are counted in the whole tree.
        const child = await createComment(db, article.id, { parent: letter === "D" ? parent : root, minute: 100 + minute * 10 + reply });
        if (letter === "D") parent = child;
      }
    }
    // Not counted: D's held reply and its reply its author deleted.
    await createComment(db, article.id, { parent: { id: ids.D!, rootId: null, depth: 0 }, minute: 200, status: "pending" });
    const deletedReply = await createComment(db, article.id, { parent: { id: ids.D!, rootId: null, depth: 0 }, minute: 201 });
    await db.comment.update({ where: { id: deletedReply.id }, data: { deletedAt: new Date(), body: "[deleted]", bodyHtml: "<p>[deleted]</p>" } });
    // E is an editors' pick; F and G were deleted by their authors, F has a reply, G none.
    await db.comment.update({ where: { id: ids.E! }, data: { featuredAt: new Date() } });
    for (const letter of ["F", "G"]) await db.comment.update({ where: { id: ids[letter]! }, data: { deletedAt: new Date(), body: "[deleted]", bodyHtml: "<p>[deleted]</p>", authorUrl: "https://f.example" } });
    // I and J tie on respects, replies and time: the id decides, the larger first.
    ties.push(...[ids.I!, ids.J!].sort().reverse());
  });

  /** Follows nextCursor from the first page; every page's top-level ids. */
  async function pagesOf(query: string): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await getComments(`/api/v1/articles/${rankedSlug}/comments?${query}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      pages.push((body.comments as Array<{ id: string }>).map((comment) => comment.id));
      cursor = body.nextCursor as string | null;
    } while (cursor && pages.length < 20);
    return pages;
  }

  const letters = (...names: string[]) => names.flatMap((name) => (name === "ties" ? ties : [ids[name]!]));

  it.each([
    // Editors' pick first; then most respected; equal respects, the newest; equal times, the larger id.
    ["best", () => letters("E", "C", "A", "ties", "H", "B", "F", "D")],
    // Editors' pick first; then most approved replies in the whole tree (held and deleted ones not counted); then newest.
    ["replies", () => letters("E", "D", "B", "F", "A", "ties", "H", "C")],
    ["oldest", () => [...letters("E", "A", "B", "C", "D", "F", "H"), ...[...ties].reverse()]],
    ["newest", () => letters("E", "ties", "H", "F", "D", "C", "B", "A")],
  ] as const)("sort=%s pages two at a time in order, each top-level comment exactly once", async (sort, expected) => {
    const pages = await pagesOf(`sort=${sort}&limit=2`);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 2, 1]);
    expect(pages.flat()).toEqual(expected());
  });

  it("gives the same page for the same cursor, and continues where it left off", async () => {
    const first = await getComments(`/api/v1/articles/${rankedSlug}/comments?sort=best&limit=2`);
    const cursor = first.body.nextCursor as string;
    const again = await getComments(`/api/v1/articles/${rankedSlug}/comments?sort=best&limit=2&cursor=${cursor}`);
    const twice = await getComments(`/api/v1/articles/${rankedSlug}/comments?sort=best&limit=2&cursor=${cursor}`);
    expect(again.body).toEqual(twice.body);
    expect((again.body.comments as Array<{ id: string }>).map((comment) => comment.id)).toEqual([ids.A, ties[0]]);
  });

  it("says which comment is an editors' pick, and how many respects each has", async () => {
    const { body } = await getComments(`/api/v1/articles/${rankedSlug}/comments?sort=best&limit=3`);
    const comments = body.comments as Array<{ id: string; featured: boolean; respects: number }>;
    expect(comments.map(({ id, featured, respects }) => ({ id, featured, respects }))).toEqual([
      { id: ids.E, featured: true, respects: 1 },
      { id: ids.C, featured: false, respects: 5 },
      { id: ids.A, featured: false, respects: 5 },
    ]);
  });

  it("shows a deleted comment with replies as [deleted] with its reply, and leaves out one without replies", async () => {
    const { body } = await getComments(`/api/v1/articles/${rankedSlug}/comments?sort=oldest&limit=100`);
    const comments = body.comments as Array<Record<string, unknown> & { id: string; replies: unknown[] }>;
    const deleted = comments.find((comment) => comment.id === ids.F);
    expect(deleted).toMatchObject({ authorName: "[deleted]", authorUrl: null, bodyHtml: "<p>[deleted]</p>", deleted: true });
    expect(deleted!.replies).toHaveLength(1);
    expect(comments.map((comment) => comment.id)).not.toContain(ids.G);
    expect(JSON.stringify(body)).not.toContain("Author F");
    // D shows its two live replies; the deleted one, with nothing under it, is gone.
    const d = comments.find((comment) => comment.id === ids.D)!;
    expect(JSON.stringify(d)).not.toContain("[deleted]");
    // Readers see: 9 top-level comments (F as a placeholder, not counted) and 1+3+3+1 replies.
    expect((body.article as { commentCount: number }).commentCount).toBe(8 + 8);
  });

  it.each([
    ["a best cursor given to replies", "best", "replies", "Invalid cursor: it continues the best order, not replies; start again from the first page"],
    ["a replies cursor given to best", "replies", "best", "Invalid cursor: it continues the replies order, not best; start again from the first page"],
    ["a newest cursor given without a sort (oldest)", "newest", "", "Invalid cursor: it continues the newest order, not oldest; start again from the first page"],
  ])("refuses %s with 400 naming cursor", async (_name, from, to, message) => {
    const first = await getComments(`/api/v1/articles/${rankedSlug}/comments?sort=${from}&limit=2`);
    const { status, body } = await getComments(`/api/v1/articles/${rankedSlug}/comments?${to ? `sort=${to}&` : ""}limit=2&cursor=${first.body.nextCursor as string}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "validation", message, fields: { cursor: "belongs to another sort order" } } });
  });

  it.each([
    ["a forged cursor", Buffer.from(JSON.stringify(["best", 0, -5, "2024-08-12T09:00:00.000Z", "x"])).toString("base64url")],
    ["a time cursor of the moderation queues", Buffer.from(JSON.stringify(["2024-08-12T09:00:00.000Z", "x"])).toString("base64url")],
  ])("refuses %s with 400 naming cursor", async (_name, cursor) => {
    const { status, body } = await getComments(`/api/v1/articles/${rankedSlug}/comments?sort=best&cursor=${cursor}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "validation", message: "Invalid cursor: it is not one this API issued", fields: { cursor: "cursor is not one this API issued" } } });
  });
});
