// The live streams through their route handlers, called as Next.js would: a
// thread's comment count and the moderators' queue counts, on connect and
// within 3 s of a change made anywhere (a decision, a new comment, a report).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getThreadPage } from "@/lib/comments/thread";
import { getDb } from "@/lib/db";
import { getLiveBus } from "@/lib/live/live-bus";
import { banAuthor } from "@/lib/moderation/bans";
import { decideComment, undoDecision } from "@/lib/moderation/decisions";
import { countQueues } from "@/lib/moderation/queues";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { updateArticleModeration } from "@/lib/moderation/settings-changes";
import { createArticle, createComment } from "../support/factories";
import { EventStreamReader } from "../support/live-stream";
import { postCommentWithCaptcha, postReportRequest } from "../support/posting";

// The session is next-auth's cookie in the app; here the test says who is signed in.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const { GET: getThreadEvents } = await import("@/app/api/v1/articles/[slug]/events/route");
const { GET: getModerationEvents } = await import("@/app/api/v1/moderation/events/route");

/** What the article page shows as its count. */
const threadCount = async (slug: string) => (await getThreadPage(getDb(), slug, { sort: "oldest", limit: 50 })).article.commentCount;

const open: Array<{ controller: AbortController; reader?: EventStreamReader }> = [];

/** Connects to a thread's stream as a reader would. */
async function connectThread(slug: string): Promise<{ response: Response; reader: EventStreamReader; controller: AbortController }> {
  const controller = new AbortController();
  const response = await getThreadEvents(new Request(`http://localhost/api/v1/articles/${encodeURIComponent(slug)}/events`, { signal: controller.signal }), {
    params: Promise.resolve({ slug }),
  });
  const reader = new EventStreamReader(response);
  open.push({ controller, reader });
  return { response, reader, controller };
}

/** Connects to the moderators' stream as the signed-in account. */
async function connectModeration(): Promise<{ response: Response; reader: EventStreamReader | null; controller: AbortController }> {
  const controller = new AbortController();
  const response = await getModerationEvents(new Request("http://localhost/api/v1/moderation/events", { signal: controller.signal }));
  const reader = response.headers.get("content-type") === "text/event-stream" ? new EventStreamReader(response) : null;
  open.push({ controller, ...(reader ? { reader } : {}) });
  return { response, reader, controller };
}

let moderator: SignedInAccount;
let member: SignedInAccount;

beforeAll(async () => {
  // On PostgreSQL the process's listening connection opens in the background and then says "resync"
  // (every stream re-sends its state): let that happen before the tests count messages.
  const bus = getLiveBus();
  let heard = false;
  const stop = bus.subscribe((message) => {
    if (message.type === "sites") heard = true;
  });
  await vi.waitFor(
    async () => {
      await bus.publish({ type: "sites" });
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!heard) throw new Error("the bus is not listening yet");
    },
    { timeout: 5_000, interval: 50 },
  );
  stop();
  const db = getDb();
  const saved = await db.moderator.create({ data: { email: "live-mod@example.org", name: "Live Moderator", passwordHash: "x", role: "moderator" } });
  moderator = { id: saved.id, email: saved.email, name: saved.name, role: "moderator" };
  const plain = await db.moderator.create({ data: { email: "live-member@example.org", passwordHash: "x", role: "member" } });
  member = { id: plain.id, email: plain.email, name: null, role: "member" };
});

afterEach(async () => {
  for (const { controller, reader } of open.splice(0)) {
    controller.abort();
    await reader?.cancel();
  }
  session.account = null;
});

const services = () => ({ db: getDb(), spamChecker: null, live: getLiveBus() });

describe("GET /api/v1/articles/{slug}/events", () => {
  it("answers an unknown article with the API's 404", async () => {
    const controller = new AbortController();
    const response = await getThreadEvents(new Request("http://localhost/api/v1/articles/no-such/events", { signal: controller.signal }), { params: Promise.resolve({ slug: "no-such" }) });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("streams the thread's count on connect, and the new count within 3 s of an approval", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    await createComment(db, article.id, { status: "approved" });
    await createComment(db, article.id, { status: "approved", minute: 1 });
    const held = await createComment(db, article.id, { status: "pending", minute: 2 });

    const { response, reader } = await connectThread(article.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(await reader.next()).toEqual({ retry: "3000" });
    expect(await reader.nextEvent("thread")).toEqual({ slug: article.slug, commentCount: await threadCount(article.slug) });
    expect(await threadCount(article.slug)).toBe(2);

    const approvedAt = Date.now();
    await decideComment(services(), { commentId: held.id, action: "approve", moderatorId: moderator.id });
    expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 3 });
    expect(Date.now() - approvedAt).toBeLessThan(3_000);

    // Undoing it takes the comment back out of the thread.
    await undoDecision(services(), { commentId: held.id, moderatorId: moderator.id });
    expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 2 });
  });

  it("sends a comment posted and published through the API, and one held by readers' reports", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    // A trusted author (one approved comment already) is published at once.
    const trusted = await createComment(db, article.id, { status: "approved" });
    const { reader } = await connectThread(article.slug);
    expect(await reader.nextEvent("thread")).toEqual({ slug: article.slug, commentCount: 1 });

    const posted = await postCommentWithCaptcha(article.slug, { authorEmail: "reader@example.org", body: "I see it differently: the figures from 2019 were revised." });
    expect(posted.body.status).toBe("approved");
    expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 2 });

    await updateModerationSettings(db, { reportThreshold: 3 });
    for (let report = 0; report < 3; report += 1) expect((await postReportRequest(trusted.id, { reason: "abuse" })).status).toBe(202);
    expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 1 });
  });

  it("sends the thread again when its comments are closed (same count)", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const { reader } = await connectThread(article.slug);
    expect(await reader.nextEvent("thread")).toEqual({ slug: article.slug, commentCount: 0 });
    await updateArticleModeration(db, article.slug, { commentsOpen: false }, { moderatorId: moderator.id, live: getLiveBus() });
    expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 0 });
  });

  it("sends the thread again when a site-wide auto-close setting closes or reopens it", async () => {
    const db = getDb();
    const { article } = await createArticle(db); // published in 2024
    const { reader } = await connectThread(article.slug);
    expect(await reader.nextEvent("thread")).toEqual({ slug: article.slug, commentCount: 0 });
    try {
      await updateModerationSettings(db, { autoCloseAfterDays: 30 }, { moderatorId: moderator.id, live: getLiveBus() });
      expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 0 });
      // A change that closes nothing new says nothing.
      await updateModerationSettings(db, { autoCloseAfterDays: 20 }, { moderatorId: moderator.id, live: getLiveBus() });
      await expect(reader.nextEvent("thread", 800)).rejects.toThrow("no message within");
    } finally {
      await updateModerationSettings(db, { autoCloseAfterDays: null }, { moderatorId: moderator.id, live: getLiveBus() });
    }
    expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 0 });
  });

  it("sends nothing to readers of other threads", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const { article: other } = await createArticle(db);
    const held = await createComment(db, other.id, { status: "pending" });
    const { reader } = await connectThread(article.slug);
    await reader.nextEvent("thread");
    await decideComment(services(), { commentId: held.id, action: "approve", moderatorId: moderator.id });
    await expect(reader.nextEvent("thread", 1_000)).rejects.toThrow("no message within");
  });

  it("serves many readers of one thread from one stream of updates each", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const held = await createComment(db, article.id, { status: "pending" });
    const readers = await Promise.all(Array.from({ length: 25 }, () => connectThread(article.slug)));
    for (const { reader } of readers) expect(await reader.nextEvent("thread")).toEqual({ slug: article.slug, commentCount: 0 });
    await decideComment(services(), { commentId: held.id, action: "approve", moderatorId: moderator.id });
    for (const { reader } of readers) expect(await reader.nextEvent("thread", 3_000)).toEqual({ slug: article.slug, commentCount: 1 });
  });

  it("ends the stream when the reader goes away", async () => {
    const { article } = await createArticle(getDb());
    const { reader, controller } = await connectThread(article.slug);
    await reader.nextEvent("thread");
    controller.abort();
    await reader.waitForEnd();
  });
});

describe("GET /api/v1/moderation/events", () => {
  it.each([
    ["anonymous", null, 401, "unauthorized"],
    ["a member", "member", 403, "forbidden"],
  ] as const)("refuses %s", async (_label, who, status, code) => {
    session.account = who === "member" ? member : null;
    const { response } = await connectModeration();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("streams the queues' counts on connect and after a new comment, a decision and a ban", async () => {
    session.account = moderator;
    const db = getDb();
    const { article } = await createArticle(db);
    const { response, reader } = await connectModeration();
    expect(response.status).toBe(200);
    expect(await reader!.next()).toEqual({ retry: "3000" });
    const initial = await reader!.nextEvent("counts");
    expect(initial).toEqual(await countQueues(db));
    expect(Object.keys(initial as object)).toEqual(["pending", "reported", "spam", "rejected", "approved"]);

    // A newcomer is held for a first look.
    const posted = await postCommentWithCaptcha(article.slug, { authorEmail: "newcomer@example.org", body: "First time here: a question about the second chart." });
    expect(posted.body.status).toBe("pending");
    const afterPost = (await reader!.nextEvent("counts", 3_000)) as Record<string, number>;
    expect(afterPost).toEqual(await countQueues(db));
    expect(afterPost.pending).toBe((initial as Record<string, number>).pending! + 1);

    await decideComment(services(), { commentId: String(posted.body.id), action: "reject", moderatorId: moderator.id });
    const afterDecision = (await reader!.nextEvent("counts", 3_000)) as Record<string, number>;
    expect(afterDecision.pending).toBe((initial as Record<string, number>).pending);
    expect(afterDecision.rejected).toBe((initial as Record<string, number>).rejected! + 1);

    await createComment(db, article.id, { status: "pending", authorName: "Troll" });
    await db.comment.updateMany({ where: { authorName: "Troll" }, data: { authorEmail: "troll@example.org" } });
    await banAuthor(db, { email: "troll@example.org", reason: "abuse", rejectPending: true, moderatorId: moderator.id }, { live: getLiveBus() });
    expect(await reader!.nextEvent("counts", 3_000)).toEqual(await countQueues(db));
  });
});
