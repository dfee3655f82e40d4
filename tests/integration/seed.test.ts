import { describe, expect, it } from "vitest";
import { listArticles } from "@/lib/articles/list-articles";
import { requireArticle } from "@/lib/articles/get-article";
import { verifyPassword } from "@/lib/auth/password";
import { getThreadPage, type ThreadComment } from "@/lib/comments/thread";
import { getDb } from "@/lib/db";
import { seedDemo } from "@/prisma/seed";
import { DEMO_QUEUE_AUTHORS } from "@/prisma/seed-queues";

function maxDepth(comments: ThreadComment[], depth = 0): number {
  return Math.max(depth, ...comments.map((comment) => maxDepth(comment.replies, depth + 1)));
}

describe("seedDemo", () => {
  it("creates the demo site, three articles, approved threads and a moderator whose password it returns", async () => {
    const result = await seedDemo(getDb());
    expect(result.created).toBe(true);
    expect(result.articleSlugs).toHaveLength(3);
    const moderator = await getDb().moderator.findUniqueOrThrow({ where: { email: result.moderator!.email } });
    await expect(verifyPassword(result.moderator!.password, moderator.passwordHash)).resolves.toBe(true);
    await expect(verifyPassword("wrong", moderator.passwordHash)).resolves.toBe(false);
  });

  it("does nothing the second time", async () => {
    const result = await seedDemo(getDb());
    expect(result).toMatchObject({ created: false, moderator: null });
    expect(await getDb().article.count()).toBe(3);
  });

  it("puts a held comment with its reasons, a reported one and a spam one in the queues, once", async () => {
    const db = getDb();
    const held = await db.comment.findFirstOrThrow({ where: { authorEmail: DEMO_QUEUE_AUTHORS.held.authorEmail }, include: { verdicts: true } });
    expect(held.status).toBe("pending");
    expect(held.verdicts.map((verdict) => verdict.label)).toEqual(expect.arrayContaining(["first_time_commenter", "link_spam"]));
    expect((await db.comment.findFirstOrThrow({ where: { authorEmail: DEMO_QUEUE_AUTHORS.spam.authorEmail } })).status).toBe("spam");
    const reports = await db.report.findMany({ include: { comment: { select: { status: true } } } });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.comment.status).toBe("approved");
    expect(await db.moderationDecision.count()).toBeGreaterThanOrEqual(1);

    await seedDemo(db);
    expect(await db.comment.count({ where: { authorEmail: { in: [DEMO_QUEUE_AUTHORS.held.authorEmail, DEMO_QUEUE_AUTHORS.spam.authorEmail] } } })).toBe(2);
    expect(await db.report.count()).toBe(1);
  });

  it("lists the articles newest first with their comment counts", async () => {
    const articles = await listArticles(getDb(), { audience: "public" });
    expect(articles.map((article) => article.slug)).toEqual([
      "why-newsrooms-turn-comments-back-on",
      "shade-before-air-conditioning",
      "an-attack-on-venezuelas-democracy",
    ]);
    expect(articles.map((article) => article.commentCount)).toEqual([0, 2, 11]);
  });

  it("gives the seed article its source fields and a thread more than three levels deep", async () => {
    const article = await requireArticle(getDb(), "an-attack-on-venezuelas-democracy");
    expect(article).toMatchObject({
      title: "An Attack on Venezuela’s Democracy",
      section: "LATIN AMERICA AND THE CARIBBEAN",
      author: "Leonardo Flores",
      sourceUrl: "https://www.codepink.org/",
    });
    expect(article.bodyHtml).toContain("<h2>Disinformation Campaign</h2>");
    expect(article.disclaimer).toMatch(/^DISCLAIMER:/);
    const page = await getThreadPage(getDb(), article.slug, { sort: "oldest", limit: 50 });
    expect(maxDepth(page.comments)).toBeGreaterThanOrEqual(4);
  });
});
