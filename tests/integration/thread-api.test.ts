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
    expect(Object.keys(comments[0]!).sort()).toEqual(["authorName", "authorUrl", "bodyHtml", "createdAt", "editedAt", "id", "parentId", "replies"]);
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
