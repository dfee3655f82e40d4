import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createAkismetClient } from "@/lib/integrations/akismet";
import { decideComment, decideComments, undoDecision, UNDO_WINDOW_MS } from "@/lib/moderation/decisions";
import { countQueues, listQueue, queueQuerySchema } from "@/lib/moderation/queues";
import { AppError } from "@/lib/errors";
import { startAkismetStandIn, type AkismetStandIn } from "../support/akismet-stand-in";
import { createArticle, createComment } from "../support/factories";

let standIn: AkismetStandIn;
let moderatorId: string;
let otherModeratorId: string;

beforeAll(async () => {
  standIn = await startAkismetStandIn();
  const db = getDb();
  moderatorId = (await db.moderator.create({ data: { email: "mod@example.org", passwordHash: "x", role: "moderator" } })).id;
  otherModeratorId = (await db.moderator.create({ data: { email: "other@example.org", passwordHash: "x", role: "moderator" } })).id;
});

afterAll(async () => {
  await standIn.close();
});

function services(withAkismet = true) {
  const spamChecker = withAkismet ? createAkismetClient({ key: standIn.key, blog: "https://news.example", host: standIn.host, protocol: standIn.protocol, timeoutMs: 2000 }) : null;
  return { db: getDb(), spamChecker };
}

const query = (input: Record<string, unknown>) => queueQuerySchema.parse(input);

async function expectAppError(work: Promise<unknown>, code: string, field?: string): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect(Object.keys((error as AppError).fields ?? {})).toContain(field);
  return error as AppError;
}

describe("listQueue", () => {
  it("pages a queue newest first by cursor, each comment once, with every queue's count", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const ids: string[] = [];
    for (let minute = 0; minute < 7; minute += 1) ids.push((await createComment(db, article.id, { status: "pending", minute })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue(db, query({ queue: "pending", article: article.slug, limit: 3, cursor }));
      seen.push(...page.comments.map((comment) => comment.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const oldest = await listQueue(db, query({ queue: "pending", article: article.slug, order: "oldest", limit: 2 }));
    expect(oldest.comments.map((comment) => comment.id)).toEqual(ids.slice(0, 2));
    expect(oldest.counts.pending).toBeGreaterThanOrEqual(7);
  });

  it("shows the verdicts, reports, parent, article and the author's history", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const parent = await createComment(db, article.id, { body: "The original point about turnout." });
    const held = await db.comment.create({
      data: {
        articleId: article.id,
        parentId: parent.id,
        rootId: parent.id,
        depth: 1,
        authorName: "Heckler",
        authorEmail: "heckler@example.org",
        body: "You are a pathetic idiot and a paid liar, Flores.",
        bodyHtml: "<p>You are a pathetic idiot and a paid liar, Flores.</p>",
        status: "pending",
        ip: "198.51.100.9",
        verdicts: {
          create: [{ check: "ad-hominem", label: "ad_hominem", action: "hold", evidence: { message: "ad hominem", rule: "you-are-insult", spans: [{ start: 0, end: 40, text: "You are a pathetic idiot and a paid liar" }] } }],
        },
        reports: { create: [{ reason: "ad_hominem", note: "personal attack", reporterKey: "k1" }] },
      },
    });
    await db.comment.create({ data: { articleId: article.id, authorName: "Heckler", authorEmail: "heckler@example.org", body: "Earlier", bodyHtml: "<p>Earlier</p>", status: "rejected", createdAt: new Date("2024-01-01T00:00:00Z") } });

    const byAuthor = await listQueue(db, query({ queue: "pending", author: "HECKLER@example.org" }));
    expect(byAuthor.comments.map((comment) => comment.id)).toEqual([held.id]);
    const [comment] = byAuthor.comments;
    expect(comment!.reasons).toEqual([
      { check: "ad-hominem", label: "ad_hominem", action: "hold", evidence: { message: "ad hominem", rule: "you-are-insult", spans: [{ start: 0, end: 40, text: "You are a pathetic idiot and a paid liar" }] } },
    ]);
    expect(comment!.reports).toMatchObject([{ reason: "ad_hominem", note: "personal attack", isResolved: false }]);
    expect(comment!.parent).toMatchObject({ id: parent.id, excerpt: "The original point about turnout." });
    expect(comment!.article).toEqual({ slug: article.slug, title: article.title, url: article.url });
    expect(comment!.authorHistory).toMatchObject({ pending: 1, rejected: 1, approved: 0, spam: 0, firstSeen: "2024-01-01T00:00:00.000Z" });

    const byIp = await listQueue(db, query({ queue: "reported", author: "198.51.100.9" }));
    expect(byIp.comments.map((item) => item.id)).toEqual([held.id]);
  });

  it.each([
    [{ queue: "held" }, "queue"],
    [{ order: "sideways" }, "order"],
    [{ limit: "0" }, "limit"],
  ])("refuses %j naming the field", (input, field) => {
    const parsed = queueQuerySchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });

  it("refuses an unknown article and a forged cursor, naming the field", async () => {
    await expectAppError(listQueue(getDb(), query({ article: "no-such-article" })), "validation", "article");
    await expectAppError(listQueue(getDb(), query({ cursor: "forged" })), "validation", "cursor");
  });
});

describe("decisions", () => {
  it("moves a comment, logs the decision and resolves its reports", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comment = await createComment(db, article.id, { status: "approved" });
    await db.report.create({ data: { commentId: comment.id, reason: "abuse", reporterKey: "r1" } });
    const before = await countQueues(db);

    const result = await decideComment(services(false), { commentId: comment.id, action: "reject", moderatorId });
    expect(result).toMatchObject({ id: comment.id, status: "rejected", fromStatus: "approved", articleSlug: article.slug, akismet: "skipped" });
    expect(await db.moderationDecision.findMany({ where: { commentId: comment.id }, select: { action: true, fromStatus: true, toStatus: true, moderatorId: true } })).toEqual([
      { action: "reject", fromStatus: "approved", toStatus: "rejected", moderatorId },
    ]);
    expect((await db.report.findFirst({ where: { commentId: comment.id } }))?.resolvedAt).not.toBeNull();
    const after = await countQueues(db);
    expect(after.reported).toBe(before.reported - 1);
    expect(after.rejected).toBe(before.rejected + 1);
  });

  it("reports spam and ham to Akismet with the fields the check sent", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comment = await db.comment.create({
      data: { articleId: article.id, authorName: "Promo", authorEmail: "promo@example.org", authorUrl: "https://promo.example", body: "Cheap pills", bodyHtml: "<p>Cheap pills</p>", status: "pending", ip: "203.0.113.5", userAgent: "UA/1", referrer: "https://news.example/x" },
    });
    standIn.requests.length = 0;
    expect((await decideComment(services(), { commentId: comment.id, action: "spam", moderatorId })).akismet).toBe("sent");
    expect((await decideComment(services(), { commentId: comment.id, action: "ham", moderatorId })).status).toBe("approved");
    expect(standIn.requests.map((request) => request.path)).toEqual(["/1.1/submit-spam", "/1.1/submit-ham"]);
    expect(standIn.requests[0]!.fields).toMatchObject({
      user_ip: "203.0.113.5",
      user_agent: "UA/1",
      referrer: "https://news.example/x",
      permalink: article.url,
      comment_type: "comment",
      comment_author: "Promo",
      comment_author_email: "promo@example.org",
      comment_author_url: "https://promo.example",
      comment_content: "Cheap pills",
    });
  });

  it("keeps the decision when Akismet fails", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comment = await createComment(db, article.id, { status: "pending" });
    standIn.setBehaviour("error");
    try {
      const result = await decideComment(services(), { commentId: comment.id, action: "spam", moderatorId });
      expect(result).toMatchObject({ status: "spam", akismet: "failed" });
    } finally {
      standIn.setBehaviour("normal");
    }
    expect((await db.comment.findUnique({ where: { id: comment.id } }))?.status).toBe("spam");
  });

  it("decides many at once and lists the unknown ids", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comments = await Promise.all([0, 1, 2].map((minute) => createComment(db, article.id, { status: "pending", minute })));
    const result = await decideComments(services(false), { commentIds: [...comments.map((comment) => comment.id), "missing"], action: "reject", moderatorId });
    expect(result.decided.map((decision) => decision.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(result.notFound).toEqual(["missing"]);
  });

  it("undoes the caller's latest decision within the window, reopening its reports and correcting Akismet", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comment = await createComment(db, article.id, { status: "pending" });
    await db.report.create({ data: { commentId: comment.id, reason: "spam", reporterKey: "u1" } });
    const decidedAt = new Date();
    await decideComment(services(), { commentId: comment.id, action: "spam", moderatorId }, decidedAt);
    standIn.requests.length = 0;

    await expectAppError(undoDecision(services(), { commentId: comment.id, moderatorId: otherModeratorId }), "validation", "id");
    const undone = await undoDecision(services(), { commentId: comment.id, moderatorId }, new Date(decidedAt.getTime() + 1000));
    expect(undone).toMatchObject({ status: "pending", fromStatus: "spam", akismet: "sent" });
    expect(standIn.requests.map((request) => request.path)).toEqual(["/1.1/submit-ham"]);
    expect((await db.comment.findUnique({ where: { id: comment.id } }))?.status).toBe("pending");
    expect((await db.report.findFirst({ where: { commentId: comment.id } }))?.resolvedAt).toBeNull();
    await expectAppError(undoDecision(services(), { commentId: comment.id, moderatorId }), "validation", "id");
  });

  it("refuses an undo after the window", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comment = await createComment(db, article.id, { status: "pending" });
    const decidedAt = new Date();
    await decideComment(services(false), { commentId: comment.id, action: "approve", moderatorId }, decidedAt);
    await expectAppError(undoDecision(services(false), { commentId: comment.id, moderatorId }, new Date(decidedAt.getTime() + UNDO_WINDOW_MS + 1)), "validation", "id");
  });

  it("answers not_found for an unknown comment", async () => {
    await expectAppError(decideComment(services(false), { commentId: "nope", action: "approve", moderatorId }), "not_found", "id");
  });

  it.each(["reject", "spam"] as const)("takes a published comment's respects away when it is %sed, and an undo does not give them back", async (action) => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comment = await createComment(db, article.id, { status: "approved" });
    const kept = await createComment(db, article.id, { status: "approved", minute: 1 });
    for (const [index, target] of [comment, comment, kept].entries()) {
      await db.respect.create({ data: { commentId: target.id, readerKey: `reader-${index}`, networkKey: `network-${index}` } });
    }
    await db.comment.update({ where: { id: comment.id }, data: { respectCount: 2 } });
    await db.comment.update({ where: { id: kept.id }, data: { respectCount: 1 } });
    const decidedAt = new Date();

    await decideComment(services(false), { commentId: comment.id, action, moderatorId }, decidedAt);
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id }, select: { respectCount: true } })).toEqual({ respectCount: 0 });
    expect(await db.respect.count({ where: { commentId: comment.id } })).toBe(0);
    // Another comment's respects are its own.
    expect(await db.respect.count({ where: { commentId: kept.id } })).toBe(1);

    await undoDecision(services(false), { commentId: comment.id, moderatorId }, new Date(decidedAt.getTime() + 1000));
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id }, select: { status: true, respectCount: true } })).toEqual({ status: "approved", respectCount: 0 });
  });

  it("keeps a comment's respects when it is approved again or held, and drops any when a held one is rejected", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const comment = await createComment(db, article.id, { status: "approved" });
    await db.respect.create({ data: { commentId: comment.id, readerKey: "reader", networkKey: "network" } });
    await db.comment.update({ where: { id: comment.id }, data: { respectCount: 1 } });
    await decideComment(services(false), { commentId: comment.id, action: "approve", moderatorId });
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).respectCount).toBe(1);
    // Held by its readers' reports (or an edit) with its respects, then rejected from the queue: they go then.
    await db.comment.update({ where: { id: comment.id }, data: { status: "pending" } });
    await decideComment(services(false), { commentId: comment.id, action: "reject", moderatorId });
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).respectCount).toBe(0);
    expect(await db.respect.count({ where: { commentId: comment.id } })).toBe(0);
  });
});
