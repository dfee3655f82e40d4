// Editors' picks from the moderators' side (issue #19, SPEC.md "Moderation
// API"): POST /api/v1/moderation/comments/{id}/feature through its route
// handler on the real database — who may call it, what it refuses (every
// refusal's body), what a pick changes (the comment, the log, the live bus,
// the public thread, the moderators' cards), and what a rejection or an undo
// does to a pick. Also the cards' other engagement fields: respects, editedAt,
// deleted and earlier versions from CommentRevision rows.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getThread } from "@/app/api/v1/articles/[slug]/comments/route";
import { POST as postFeature } from "@/app/api/v1/moderation/comments/[id]/feature/route";
import { GET as getQueue } from "@/app/api/v1/moderation/comments/route";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { LOCALE_HEADER } from "@/lib/i18n/request-locale";
import { getLiveBus } from "@/lib/live/live-bus";
import type { LiveMessage } from "@/lib/live/live-events";
import { listAuditLog } from "@/lib/moderation/audit-log";
import { decideComment, undoDecision } from "@/lib/moderation/decisions";
import { getOverview } from "@/lib/moderation/overview";
import type { ModComment } from "@/lib/moderation/queues";
import { createArticle, createComment } from "../support/factories";
import { sendThroughProxy } from "../support/through-proxy";

// The session is next-auth's cookie in the app; here the test says who is signed in.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

interface ErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: ErrorBody };
}

let moderator: SignedInAccount;
let member: SignedInAccount;
const events: LiveMessage[] = [];
let unsubscribe: () => void = () => undefined;

async function createAccount(role: SignedInAccount["role"]): Promise<SignedInAccount> {
  const row = await getDb().moderator.create({ data: { email: `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.org`, passwordHash: "unused", role } });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

async function toAnswer(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

function featureRequest(id: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost/api/v1/moderation/comments/${encodeURIComponent(id)}/feature`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

/** POST …/feature with a JSON body (or raw text), straight to the route handler. */
async function feature(id: string, body: unknown, options: { raw?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
  const request = featureRequest(id, options.raw ? String(body) : JSON.stringify(body), options.headers);
  return toAnswer(await postFeature(request, { params: Promise.resolve({ id }) }));
}

async function readThread(slug: string): Promise<Array<{ id: string; featured: boolean }>> {
  const response = await getThread(new Request(`http://localhost/api/v1/articles/${slug}/comments`), { params: Promise.resolve({ slug }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { comments: Array<{ id: string; featured: boolean }> }).comments;
}

/** One card as GET /api/v1/moderation/comments answers it. */
async function readCard(queue: string, slug: string, id: string): Promise<ModComment | undefined> {
  const response = await getQueue(new Request(`http://localhost/api/v1/moderation/comments?queue=${queue}&article=${encodeURIComponent(slug)}`));
  expect(response.status).toBe(200);
  return ((await response.json()) as { comments: ModComment[] }).comments.find((comment) => comment.id === id);
}

async function featuredAtOf(id: string): Promise<Date | null> {
  return (await getDb().comment.findUniqueOrThrow({ where: { id }, select: { featuredAt: true } })).featuredAt;
}

async function pickLog(id: string) {
  return getDb().moderationDecision.findMany({
    where: { commentId: id, action: { in: ["feature", "unfeature"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, fromStatus: true, toStatus: true, moderatorId: true },
  });
}

/** The bus delivers on a microtask; a few milliseconds cover it. */
async function settleBus(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
}

beforeAll(async () => {
  [moderator, member] = [await createAccount("moderator"), await createAccount("member")];
  unsubscribe = getLiveBus().subscribe((message) => events.push(message));
});

afterAll(() => unsubscribe());

afterEach(() => {
  session.account = null;
  events.length = 0;
});

describe("who may feature", () => {
  it.each([
    ["nobody signed in (401)", () => null, 401, { code: "unauthorized", message: "Sign in as a moderator to do this." }],
    ["a member without moderation rights (403)", () => member, 403, { code: "forbidden", message: "Your account has no moderation rights." }],
  ])("refuses %s and changes nothing", async (_name, account, status, error) => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status: "approved" });
    session.account = account();
    const answer = await feature(comment.id, { featured: true });
    expect(answer).toEqual({ status, body: { error } });
    expect(await featuredAtOf(comment.id)).toBeNull();
    expect(await pickLog(comment.id)).toEqual([]);
  });

  it.each([
    ["without a session", {}, 401, { code: "unauthorized", message: "Sign in as a moderator to use this." }],
    ["cross-site, even before the session is looked at", { "sec-fetch-site": "cross-site" }, 403, { code: "forbidden", message: "Cross-site requests are refused." }],
    ["from another origin", { origin: "https://evil.example" }, 403, { code: "forbidden", message: "Cross-site requests are refused." }],
  ])("the proxy answers a request %s before the handler", async (_name, headers, status, error) => {
    const neverCalled = () => Promise.reject(new Error("the proxy should have answered"));
    const response = await sendThroughProxy(featureRequest("any-id", JSON.stringify({ featured: true }), headers), neverCalled, { id: "any-id" });
    expect(await toAnswer(response)).toEqual({ status, body: { error } });
  });
});

describe("POST /api/v1/moderation/comments/{id}/feature refuses", () => {
  const notBoolean = { code: "validation", message: "Invalid featured: featured must be true or false", fields: { featured: "featured must be true or false" } };

  it.each([
    ["an empty object", {}, notBoolean],
    ["featured as the text \"true\"", { featured: "true" }, notBoolean],
    ["featured as 1", { featured: 1 }, notBoolean],
    ["featured as null", { featured: null }, notBoolean],
    ["a list for a body", [true], { code: "validation", message: "Send a JSON object with featured: true or false", fields: { _: "Send a JSON object with featured: true or false" } }],
    ["a body that is not JSON", "{featured: yes", { code: "validation", message: "The request body must be JSON", fields: { body: "must be a JSON object" } }],
    ["a NUL byte in the body", { featured: true, note: "a\u0000b" }, { code: "validation", message: "note must not contain a NUL character", fields: { note: "must not contain a NUL character" } }],
  ])("%s with 400 naming the field, and changes nothing", async (name, body, error) => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status: "approved" });
    session.account = moderator;
    const answer = await feature(comment.id, body, { raw: name === "a body that is not JSON" });
    expect(answer).toEqual({ status: 400, body: { error } });
    expect(await featuredAtOf(comment.id)).toBeNull();
    expect(await pickLog(comment.id)).toEqual([]);
  });

  it("an unknown comment with 404 naming its id", async () => {
    session.account = moderator;
    expect(await feature("no-such-comment", { featured: true })).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: 'No comment with id "no-such-comment"', fields: { id: "no such comment" } } },
    });
  });

  const onlyApproved = "only an approved comment its author has not deleted can be featured";

  it.each([
    ["a pending comment", { status: "pending" }, "is pending: only an approved comment can be an editors’ pick. Approve it first."],
    ["a spam comment", { status: "spam" }, "is marked as spam: only an approved comment can be an editors’ pick."],
    ["a rejected comment", { status: "rejected" }, "is rejected: only an approved comment can be an editors’ pick."],
    ["a comment its author deleted", { status: "approved", deleted: true }, "was deleted by its author: it cannot be an editors’ pick."],
  ] as const)("to feature %s, with 400 naming the comment and why", async (_name, state, reason) => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status: state.status });
    if ("deleted" in state) await getDb().comment.update({ where: { id: comment.id }, data: { deletedAt: new Date() } });
    session.account = moderator;
    expect(await feature(comment.id, { featured: true })).toEqual({
      status: 400,
      body: { error: { code: "validation", message: `Comment “${comment.id}” ${reason}`, fields: { id: onlyApproved } } },
    });
    expect(await featuredAtOf(comment.id)).toBeNull();
    expect(await pickLog(comment.id)).toEqual([]);
    await settleBus();
    expect(events).toEqual([]);
  });

  it("in the request's language", async () => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status: "pending" });
    session.account = moderator;
    const spanish = { [LOCALE_HEADER]: "es" };
    expect((await feature(comment.id, { featured: true }, { headers: spanish })).body.error).toEqual({
      code: "validation",
      message: `El comentario «${comment.id}» está pendiente: solo un comentario aprobado puede ser selección de la redacción. Apruébalo primero.`,
      fields: { id: "solo se puede destacar un comentario aprobado que su autor no haya borrado" },
    });
    expect((await feature(comment.id, { featured: "sí" }, { headers: spanish })).body.error).toEqual({
      code: "validation",
      message: "Datos no válidos (featured): featured debe ser true o false",
      fields: { featured: "featured debe ser true o false" },
    });
  });
});

describe("featuring and unfeaturing", () => {
  it("features an approved comment: stored, logged, told to the live bus, marked in the thread and on the card", async () => {
    const { article } = await createArticle(getDb());
    const first = await createComment(getDb(), article.id, { status: "approved", minute: 0 });
    const picked = await createComment(getDb(), article.id, { status: "approved", minute: 1 });
    session.account = moderator;

    expect(await feature(picked.id, { featured: true })).toEqual({ status: 200, body: { id: picked.id, featured: true } });
    expect(await featuredAtOf(picked.id)).toBeInstanceOf(Date);
    expect(await pickLog(picked.id)).toEqual([{ action: "feature", fromStatus: "approved", toStatus: "approved", moderatorId: moderator.id }]);
    await settleBus();
    expect(events).toEqual(expect.arrayContaining([{ type: "thread", slug: article.slug }, { type: "queues" }]));

    // The order is the thread's to decide (featured first); what a pick is, the thread answer says.
    const thread = await readThread(article.slug);
    expect(thread.find((comment) => comment.id === picked.id)?.featured).toBe(true);
    expect(thread.find((comment) => comment.id === first.id)?.featured).toBe(false);
    expect(await readCard("approved", article.slug, picked.id)).toMatchObject({ featured: true, status: "approved" });
    expect(await readCard("approved", article.slug, first.id)).toMatchObject({ featured: false });

    const log = await listAuditLog(getDb(), { action: "feature" });
    expect(log.entries).toContainEqual(expect.objectContaining({ kind: "decision", action: "feature", moderator: expect.objectContaining({ id: moderator.id }), comment: expect.objectContaining({ id: picked.id }) }));
  });

  it("is idempotent both ways: asking again changes, logs and tells nothing", async () => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status: "approved" });
    session.account = moderator;
    await feature(comment.id, { featured: true });
    const featuredAt = await featuredAtOf(comment.id);
    await settleBus();
    events.length = 0;

    expect(await feature(comment.id, { featured: true })).toEqual({ status: 200, body: { id: comment.id, featured: true } });
    expect(await featuredAtOf(comment.id)).toEqual(featuredAt);
    expect(await feature(comment.id, { featured: false })).toEqual({ status: 200, body: { id: comment.id, featured: false } });
    expect(await feature(comment.id, { featured: false })).toEqual({ status: 200, body: { id: comment.id, featured: false } });
    expect(await featuredAtOf(comment.id)).toBeNull();
    expect((await pickLog(comment.id)).map((entry) => entry.action)).toEqual(["feature", "unfeature"]);
    await settleBus();
    // Only the one real change (the unfeature) was told.
    expect(events.filter((event) => event.type === "thread")).toEqual([{ type: "thread", slug: article.slug }]);
    expect((await readThread(article.slug)).find((item) => item.id === comment.id)?.featured).toBe(false);
  });

  it.each(["pending", "spam", "rejected"] as const)("lets a %s comment be unfeatured (nothing to take back: 200, no log entry)", async (status) => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status });
    session.account = moderator;
    expect(await feature(comment.id, { featured: false })).toEqual({ status: 200, body: { id: comment.id, featured: false } });
    expect(await pickLog(comment.id)).toEqual([]);
  });
});

describe("a pick and the decisions", () => {
  it.each(["reject", "spam"] as const)("%s ends the pick, and undoing it brings the comment back without one", async (action) => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status: "approved" });
    session.account = moderator;
    await feature(comment.id, { featured: true });

    await decideComment({ db: getDb(), spamChecker: null }, { commentId: comment.id, action, moderatorId: moderator.id });
    expect(await featuredAtOf(comment.id)).toBeNull();
    expect(await readCard(action === "reject" ? "rejected" : "spam", article.slug, comment.id)).toMatchObject({ featured: false });
    expect((await readThread(article.slug)).map((item) => item.id)).not.toContain(comment.id);

    const undone = await undoDecision({ db: getDb(), spamChecker: null }, { commentId: comment.id, moderatorId: moderator.id });
    expect(undone.status).toBe("approved");
    expect((await readThread(article.slug)).find((item) => item.id === comment.id)?.featured).toBe(false);
  });

  it("undo takes back the latest decision, not a pick made after it", async () => {
    const { article } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { status: "pending" });
    session.account = moderator;
    await decideComment({ db: getDb(), spamChecker: null }, { commentId: comment.id, action: "approve", moderatorId: moderator.id });
    await feature(comment.id, { featured: true });

    const undone = await undoDecision({ db: getDb(), spamChecker: null }, { commentId: comment.id, moderatorId: moderator.id });
    expect(undone).toMatchObject({ status: "pending", fromStatus: "approved" });
    const log = await getDb().moderationDecision.findMany({ where: { commentId: comment.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true, note: true } });
    expect(log).toEqual([
      { action: "approve", note: null },
      { action: "feature", note: null },
      { action: "undo", note: "undid approve" },
    ]);
    // Held again, it stays a pick (the thread shows only approved comments), and the card says so.
    expect(await readCard("pending", article.slug, comment.id)).toMatchObject({ status: "pending", featured: true });
  });

  it("a pick is not a decision the overview counts or times", async () => {
    const { article } = await createArticle(getDb());
    const comment = await getDb().comment.create({
      data: { articleId: article.id, authorName: "Today", authorEmail: "today@example.org", body: "Posted today", bodyHtml: "<p>Posted today</p>", status: "approved" },
    });
    const before = await getOverview(getDb());
    session.account = moderator;
    await feature(comment.id, { featured: true });
    await feature(comment.id, { featured: false });
    const after = await getOverview(getDb());
    expect(after.decidedComments).toBe(before.decidedComments);
    expect(after.medianTimeToDecisionMs).toBe(before.medianTimeToDecisionMs);
    expect(after.decisions).toEqual(before.decisions);
  });
});

describe("the moderators' cards (ModComment)", () => {
  it("carry respects, editedAt, deleted and every earlier version, oldest first", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const edited = await createComment(db, article.id, { status: "approved", body: "Third and final text", minute: 0 });
    const plain = await createComment(db, article.id, { status: "approved", minute: 1 });
    const writtenAt = new Date("2024-08-12T09:00:00.000Z");
    const firstEdit = new Date("2024-08-12T09:03:00.000Z");
    const secondEdit = new Date("2024-08-12T09:07:00.000Z");
    // Written in the opposite order to the one they were replaced in: the cards order them by when they were replaced.
    await db.commentRevision.create({ data: { commentId: edited.id, body: "Second text, <b>not markup</b>", writtenAt: firstEdit, createdAt: secondEdit } });
    await db.commentRevision.create({ data: { commentId: edited.id, body: "First text", writtenAt, createdAt: firstEdit } });
    await db.respect.createMany({
      data: [
        { commentId: edited.id, readerKey: "reader-a", networkKey: "net-a" },
        { commentId: edited.id, readerKey: "reader-b", networkKey: "net-b" },
      ],
    });
    await db.comment.update({ where: { id: edited.id }, data: { editedAt: secondEdit, respectCount: 2 } });
    const deleted = await createComment(db, article.id, { status: "approved", minute: 2 });
    await db.comment.update({ where: { id: deleted.id }, data: { deletedAt: new Date("2024-08-12T09:10:00.000Z") } });

    session.account = moderator;
    expect(await readCard("approved", article.slug, edited.id)).toMatchObject({
      body: "Third and final text",
      editedAt: secondEdit.toISOString(),
      respects: 2,
      featured: false,
      deleted: false,
      revisions: [
        { body: "First text", writtenAt: writtenAt.toISOString(), replacedAt: firstEdit.toISOString() },
        { body: "Second text, <b>not markup</b>", writtenAt: firstEdit.toISOString(), replacedAt: secondEdit.toISOString() },
      ],
    });
    expect(await readCard("approved", article.slug, plain.id)).toMatchObject({ editedAt: null, respects: 0, deleted: false, revisions: [] });
    expect(await readCard("approved", article.slug, deleted.id)).toMatchObject({ deleted: true });
  });
});
