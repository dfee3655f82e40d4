import { beforeAll, describe, expect, it } from "vitest";
import { getThreadPage, getThreadPageForAddress, READER_PAGE_COMMENT_BUDGET, type ThreadComment } from "@/lib/comments/thread";
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

describe("getThreadPageForAddress (readers' pages)", () => {
  let budgetSlug: string;
  /** Top-level comments in order, with the size of each one's tree (itself and its replies). */
  const trees: { id: string; size: number }[] = [];

  beforeAll(async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    budgetSlug = article.slug;
    // Trees of 1, 30, 15, 4 (= 50), then 60 (over the budget on its own), then 1 and 1.
    const sizes = [1, 30, 15, 4, 60, 1, 1];
    for (const [index, size] of sizes.entries()) {
      const root = await createComment(db, article.id, { minute: index * 100 });
      let parent = root;
      for (let reply = 1; reply < size; reply += 1) {
        // Chains and siblings mixed: every third reply answers the one before it.
        const child = await createComment(db, article.id, { parent: reply % 3 === 0 ? parent : root, minute: index * 100 + reply });
        parent = child;
      }
      trees.push({ id: root.id, size });
    }
  });

  it(`shows whole top-level comments while they fit in ${READER_PAGE_COMMENT_BUDGET} comments, and one alone when it does not`, async () => {
    const pages: ThreadComment[][] = [];
    let cursor: string | undefined;
    do {
      const { page } = await getThreadPageForAddress(getDb(), budgetSlug, { cursor });
      pages.push(page.comments);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages.map((comments) => comments.map((comment) => comment.id))).toEqual([trees.slice(0, 4).map((tree) => tree.id), [trees[4]!.id], trees.slice(5).map((tree) => tree.id)]);
    expect(pages.map((comments) => collectIds(comments).length)).toEqual([50, 60, 2]);
    // The JSON API is not bound by it: its page is `limit` top-level comments with their whole trees.
    const api = await getThreadPage(getDb(), budgetSlug, { sort: "oldest", limit: 50 });
    expect(collectIds(api.comments)).toHaveLength(112);
    expect(api.nextCursor).toBeNull();
  });

  it("pages newest first the same way", async () => {
    const { page } = await getThreadPageForAddress(getDb(), budgetSlug, { sort: "newest" });
    // 1 + 1 fit; the 60 would pass the budget.
    expect(page.comments.map((comment) => comment.id)).toEqual([trees[6]!.id, trees[5]!.id]);
    const next = await getThreadPageForAddress(getDb(), budgetSlug, { sort: "newest", cursor: page.nextCursor ?? "" });
    expect(next.page.comments.map((comment) => comment.id)).toEqual([trees[4]!.id]);
  });
});
