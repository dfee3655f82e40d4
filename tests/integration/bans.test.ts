import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { renderCommentHtml } from "@/lib/comments/render-body";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CommentStatus } from "@/lib/generated/prisma/client";
import { banAuthor, liftBan, listBans } from "@/lib/moderation/bans";
import { createArticle } from "../support/factories";
import { postCommentWithCaptcha } from "../support/posting";

// The route handlers ask next-auth for the session, which needs a Next.js request; the test plays the signed-in account.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const { GET: getBans, POST: postBan } = await import("@/app/api/v1/moderation/bans/route");
const { DELETE: deleteBan } = await import("@/app/api/v1/moderation/bans/[id]/route");

let articleId: string;
let slug: string;
let moderator: SignedInAccount;
let member: SignedInAccount;

beforeAll(async () => {
  const db = getDb();
  ({ article: { id: articleId, slug } } = await createArticle(db));
  const saved = await db.moderator.create({ data: { email: "banner@example.org", name: "Bea Banner", passwordHash: "x", role: "moderator" } });
  moderator = { id: saved.id, email: saved.email, name: saved.name, role: "moderator" };
  const plain = await db.moderator.create({ data: { email: "member@example.org", passwordHash: "x", role: "member" } });
  member = { id: plain.id, email: plain.email, name: null, role: "member" };
});

beforeEach(() => {
  session.account = moderator;
});

/** A comment by a given author and address, in a given state. */
async function createAuthorComment(author: { email: string; ip?: string | null }, status: CommentStatus, body = "Something to say about it.") {
  return getDb().comment.create({
    data: { articleId, authorName: "Author", authorEmail: author.email, ip: author.ip ?? null, body, bodyHtml: renderCommentHtml(body), status },
  });
}

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

function jsonRequest(url: string, method: string, body?: unknown): Request {
  return new Request(`http://localhost${url}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function readJson(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("banAuthor", () => {
  it("bans the lower-cased e-mail and rejects their pending comments (by e-mail or IP) in one go, each with a decision", async () => {
    const db = getDb();
    const byEmail = await createAuthorComment({ email: "Troll@Example.org", ip: "198.51.100.1" }, "pending");
    const byIp = await createAuthorComment({ email: "sockpuppet@example.org", ip: "198.51.100.7" }, "pending");
    const published = await createAuthorComment({ email: "troll@example.org" }, "approved");
    const bystander = await createAuthorComment({ email: "bystander@example.org", ip: "198.51.100.2" }, "pending");
    await db.report.create({ data: { commentId: byEmail.id, reason: "abuse", reporterKey: "reader-1" } });

    const result = await banAuthor(db, { email: "  TROLL@example.org ", ip: "198.51.100.7", reason: "repeated personal attacks", rejectPending: true, moderatorId: moderator.id });

    expect(result.rejectedCount).toBe(2);
    expect(result.ban).toMatchObject({
      email: "troll@example.org",
      ip: "198.51.100.7",
      reason: "repeated personal attacks",
      isActive: true,
      liftedAt: null,
      bannedBy: { id: moderator.id, email: "banner@example.org", name: "Bea Banner" },
    });
    const statuses = await db.comment.findMany({ where: { id: { in: [byEmail.id, byIp.id, published.id, bystander.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((comment) => [comment.id, comment.status]))).toEqual({
      [byEmail.id]: "rejected",
      [byIp.id]: "rejected",
      [published.id]: "approved",
      [bystander.id]: "pending",
    });
    const decisions = await db.moderationDecision.findMany({ where: { commentId: { in: [byEmail.id, byIp.id, published.id, bystander.id] } }, orderBy: { commentId: "asc" } });
    expect(decisions).toHaveLength(2);
    for (const decision of decisions) {
      expect(decision).toMatchObject({ action: "reject", fromStatus: "pending", toStatus: "rejected", note: "author banned: repeated personal attacks", moderatorId: moderator.id });
    }
    expect((await db.report.findFirstOrThrow({ where: { commentId: byEmail.id } })).resolvedAt).not.toBeNull();
  });

  it("leaves pending comments alone without rejectPending", async () => {
    const pending = await createAuthorComment({ email: "quiet@example.org" }, "pending");
    const result = await banAuthor(getDb(), { email: "quiet@example.org", reason: "spam links", moderatorId: moderator.id });
    expect(result.rejectedCount).toBe(0);
    expect((await getDb().comment.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("pending");
    expect(await getDb().moderationDecision.count({ where: { commentId: pending.id } })).toBe(0);
  });

  it.each([
    ["no reason", { email: "a@example.org", reason: "   " }, "reason"],
    ["a reason over 500 characters", { email: "a@example.org", reason: "x".repeat(501) }, "reason"],
    ["no e-mail", { email: "", reason: "spam" }, "email"],
    ["a malformed e-mail", { email: "not-an-email", reason: "spam" }, "email"],
    ["a malformed IP address", { email: "a@example.org", ip: "999.1.1.1", reason: "spam" }, "ip"],
  ])("refuses %s with a validation error naming the field", async (_name, input, field) => {
    const before = await getDb().ban.count();
    await expectAppError(banAuthor(getDb(), { ...input, moderatorId: moderator.id }), "validation", field);
    expect(await getDb().ban.count()).toBe(before);
  });

  it("refuses to ban an e-mail that is already banned, whatever its case", async () => {
    await banAuthor(getDb(), { email: "twice@example.org", reason: "first", moderatorId: moderator.id });
    const error = await expectAppError(banAuthor(getDb(), { email: "Twice@Example.org", reason: "second", moderatorId: moderator.id }), "duplicate", "email");
    expect(error.message).toMatch(/already banned/);
  });
});

describe("liftBan and listBans", () => {
  it("lifts a ban (twice is harmless) and lists it with the lifted ones, newest first, with who banned", async () => {
    const db = getDb();
    const older = await banAuthor(db, { email: "lifted@example.org", reason: "heated thread", moderatorId: moderator.id }, { now: new Date(Date.now() - 60_000) });
    const newer = await banAuthor(db, { email: "still-banned@example.org", reason: "threats", moderatorId: null });

    const lifted = await liftBan(db, older.ban.id);
    expect(lifted).toMatchObject({ id: older.ban.id, isActive: false });
    expect(lifted.liftedAt).not.toBeNull();
    expect((await liftBan(db, older.ban.id)).liftedAt).toBe(lifted.liftedAt);

    const active = await listBans(db, { active: true });
    expect(active.map((ban) => ban.id)).toContain(newer.ban.id);
    expect(active.map((ban) => ban.id)).not.toContain(older.ban.id);
    expect(active.find((ban) => ban.id === newer.ban.id)?.bannedBy).toBeNull();
    const ended = await listBans(db, { active: false });
    expect(ended.map((ban) => ban.id)).toEqual(expect.arrayContaining([older.ban.id]));
    expect(ended.every((ban) => !ban.isActive)).toBe(true);
    const all = await listBans(db);
    expect(all.findIndex((ban) => ban.id === newer.ban.id)).toBeLessThan(all.findIndex((ban) => ban.id === older.ban.id));
  });

  it("counts an expired ban as ended", async () => {
    const db = getDb();
    const expired = await db.ban.create({ data: { email: "expired@example.org", reason: "cooling off", expiresAt: new Date(Date.now() - 1000) } });
    expect((await listBans(db, { active: false })).find((ban) => ban.id === expired.id)).toMatchObject({ isActive: false, liftedAt: null });
    expect((await listBans(db, { active: true })).map((ban) => ban.id)).not.toContain(expired.id);
  });

  it("answers not_found for an unknown ban", async () => {
    await expectAppError(liftBan(getDb(), "no-such-ban"), "not_found");
  });
});

describe("a banned author posting", () => {
  it("is refused with 403 banned saying so and why; lifting the ban lets them post again", async () => {
    const author = { authorEmail: "Returning.Troll@example.org", authorName: "Returning Troll" };
    const { ban } = await banAuthor(getDb(), { email: "returning.troll@example.org", reason: "Repeated personal attacks.", moderatorId: moderator.id });
    const before = await getDb().comment.count();

    const refused = await postCommentWithCaptcha(slug, author);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: { code: "banned", message: "You are banned from commenting on this site. Reason: Repeated personal attacks.", fields: { authorEmail: expect.any(String) } },
    });
    expect(await getDb().comment.count()).toBe(before);

    await liftBan(getDb(), ban.id);
    const accepted = await postCommentWithCaptcha(slug, author);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/^(approved|pending)$/) });
  });

  it("is refused when only their IP address is banned", async () => {
    await banAuthor(getDb(), { email: "owner-of-ip@example.org", ip: "203.0.113.9", reason: "ban evasion", moderatorId: moderator.id });
    const refused = await postCommentWithCaptcha(slug, { authorEmail: "new-name@example.org" }, { "x-comments-client-ip": "203.0.113.9" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "banned" } });
  });
});

describe("the bans API", () => {
  it("POST bans → 201 {ban, rejectedCount}; GET lists; DELETE lifts → 200 {ban}", async () => {
    const pending = await createAuthorComment({ email: "api-troll@example.org" }, "pending");
    const created = await readJson(await postBan(jsonRequest("/api/v1/moderation/bans", "POST", { email: "api-troll@example.org", reason: "abuse", rejectPending: true })));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ rejectedCount: 1, ban: { email: "api-troll@example.org", reason: "abuse", isActive: true, createdAt: expect.any(String), bannedBy: { id: moderator.id } } });
    expect((await getDb().comment.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("rejected");
    const banId = (created.body.ban as { id: string }).id;

    const listed = await readJson(await getBans(jsonRequest("/api/v1/moderation/bans?active=true", "GET")));
    expect(listed.status).toBe(200);
    expect((listed.body.bans as Array<{ id: string }>).map((ban) => ban.id)).toContain(banId);

    const lifted = await readJson(await deleteBan(jsonRequest(`/api/v1/moderation/bans/${banId}`, "DELETE"), { params: Promise.resolve({ id: banId }) }));
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ ban: { id: banId, isActive: false, liftedAt: expect.any(String) } });
  });

  it.each([
    ["POST without a reason", () => postBan(jsonRequest("/api/v1/moderation/bans", "POST", { email: "x@example.org" })), 400, "validation"],
    ["POST with rejectPending not a boolean", () => postBan(jsonRequest("/api/v1/moderation/bans", "POST", { email: "x@example.org", reason: "r", rejectPending: "yes" })), 400, "validation"],
    ["GET with a bad active filter", () => getBans(jsonRequest("/api/v1/moderation/bans?active=maybe", "GET")), 400, "validation"],
    ["DELETE of an unknown ban", () => deleteBan(jsonRequest("/api/v1/moderation/bans/nope", "DELETE"), { params: Promise.resolve({ id: "nope" }) }), 404, "not_found"],
  ])("answers %s with %i %s", async (_name, send, status, code) => {
    const response = await readJson(await send());
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error: { code } });
  });

  it.each([
    ["anonymous", null, 401, "unauthorized"],
    ["a member", "member", 403, "forbidden"],
  ] as const)("answers %s with %i", async (_name, who, status, code) => {
    session.account = who === "member" ? member : null;
    const before = await getDb().ban.count();
    const response = await readJson(await postBan(jsonRequest("/api/v1/moderation/bans", "POST", { email: "y@example.org", reason: "r" })));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error: { code } });
    expect((await readJson(await getBans(jsonRequest("/api/v1/moderation/bans", "GET")))).status).toBe(status);
    expect(await getDb().ban.count()).toBe(before);
  });
});
