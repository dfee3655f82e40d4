import { beforeAll, describe, expect, it } from "vitest";
import { getThreadPage, type ThreadComment } from "@/lib/comments/thread";
import { requireArticle } from "@/lib/articles/get-article";
import { getDb } from "@/lib/db";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { AppError } from "@/lib/errors";
import { createArticle, createComment } from "../support/factories";

let slug: string;
const topLevelIds: string[] = [];
let nestedReplyId: string;

function collectIds(comments: ThreadComment[]): string[] {
  return comments.flatMap((comment) => [comment.id, ...collectIds(comment.replies)]);
}

beforeAll(async () => {
  const db = getDb();
  const { article } = await createArticle(db);
  slug = article.slug;
  // 23 top-level comments; some share a timestamp so paging must break ties by id.
  for (let i = 0; i < 23; i += 1) {
    const comment = await createComment(db, article.id, { minute: Math.floor(i / 2) });
    topLevelIds.push(comment.id);
  }
  const first = await db.comment.findUniqueOrThrow({ where: { id: topLevelIds[0]! } });
  const reply = await createComment(db, article.id, { parent: first, minute: 100 });
  const nested = await createComment(db, article.id, { parent: reply, minute: 101 });
  nestedReplyId = (await createComment(db, article.id, { parent: nested, minute: 102 })).id;
  // Not shown: a held top-level comment, a rejected reply and a reply to that rejected reply.
  await createComment(db, article.id, { minute: 3, status: "pending", body: "held" });
  const rejected = await createComment(db, article.id, { parent: first, minute: 103, status: "rejected" });
  await createComment(db, article.id, { parent: rejected, minute: 104 });
  await createComment(db, article.id, { minute: 5, status: "spam" });
});

describe("getThreadPage", () => {
  it("returns the article and the approved comment count", async () => {
    const page = await getThreadPage(getDb(), slug, { sort: "oldest", limit: 50 });
    expect(page.article).toMatchObject({ slug, commentsOpen: true, commentCount: 23 + 3 + 1 });
    expect(page.nextCursor).toBeNull();
  });

  it("nests the whole reply tree under its top-level comment", async () => {
    const page = await getThreadPage(getDb(), slug, { sort: "oldest", limit: 1 });
    expect(page.comments).toHaveLength(1);
    const [first] = page.comments;
    expect(first!.id).toBe(topLevelIds[0]);
    expect(first!.replies).toHaveLength(1);
    expect(first!.replies[0]!.replies[0]!.replies[0]!.id).toBe(nestedReplyId);
  });

  it("shows approved comments only, and no reply to a hidden comment", async () => {
    const page = await getThreadPage(getDb(), slug, { sort: "oldest", limit: 100 });
    const ids = collectIds(page.comments);
    expect(ids).toHaveLength(23 + 3);
    const statuses = await getDb().comment.findMany({ where: { id: { in: ids } }, select: { status: true } });
    expect(new Set(statuses.map((row) => row.status))).toEqual(new Set(["approved"]));
  });

  it.each([
    ["oldest", 5],
    ["newest", 5],
    ["oldest", 7],
    ["newest", 1],
    ["oldest", 23],
  ] as const)("pages by top-level comment, %s first, %i at a time: each exactly once", async (sort, limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await getThreadPage(getDb(), slug, cursor ? { sort, limit, cursor } : { sort, limit });
      expect(page.comments.length).toBeLessThanOrEqual(limit);
      seen.push(...page.comments.map((comment) => comment.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 100);
    expect(pages).toBe(Math.ceil(23 / limit));
    expect(seen).toEqual(sort === "oldest" ? topLevelIds : [...topLevelIds].reverse());
  });

  it("says the thread is closed once the auto-close setting has passed, and open again when it is off", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    // The factory's articles were published in August 2024.
    await updateModerationSettings(db, { autoCloseAfterDays: 30 });
    try {
      expect((await getThreadPage(db, article.slug, { sort: "oldest", limit: 50 })).article.commentsOpen).toBe(false);
      expect((await requireArticle(db, article.slug)).commentsOpen).toBe(false);
    } finally {
      await updateModerationSettings(db, { autoCloseAfterDays: null });
    }
    expect((await getThreadPage(db, article.slug, { sort: "oldest", limit: 50 })).article.commentsOpen).toBe(true);
  });

  it("throws not_found for an unknown slug", async () => {
    await expect(getThreadPage(getDb(), "no-such-article", { sort: "oldest", limit: 50 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("throws a validation error for a forged cursor", async () => {
    const error = await getThreadPage(getDb(), slug, { sort: "oldest", limit: 5, cursor: "not-a-cursor" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toHaveProperty("cursor");
  });
});
