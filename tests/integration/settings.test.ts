import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PATCH as patchArticle } from "@/app/api/v1/moderation/articles/[slug]/route";
import { GET as getArticles } from "@/app/api/v1/moderation/articles/route";
import { GET as getSettings, PUT as putSettings } from "@/app/api/v1/moderation/settings/route";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { getDefaultModerationSettings, getModerationSettings, updateModerationSettings } from "@/lib/moderation/settings";
import { createArticle, createComment } from "../support/factories";
import { postCommentWithCaptcha } from "../support/posting";

// The session is next-auth's cookie in the app; here the test says who is signed in.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

let admin: SignedInAccount;
let moderator: SignedInAccount;
let member: SignedInAccount;

async function createAccount(role: SignedInAccount["role"]): Promise<SignedInAccount> {
  const row = await getDb().moderator.create({ data: { email: `${role}-${Date.now()}@example.org`, passwordHash: "unused", role } });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

interface Result {
  status: number;
  body: Record<string, unknown>;
}

async function toResult(response: Response): Promise<Result> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function jsonRequest(path: string, method: string, body: unknown): Request {
  return new Request(`http://localhost${path}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

const saveSettings = async (body: unknown) => toResult(await putSettings(jsonRequest("/api/v1/moderation/settings", "PUT", body)));
const readSettings = async () => toResult(await getSettings());
const switchArticle = async (slug: string, body: unknown) =>
  toResult(await patchArticle(jsonRequest(`/api/v1/moderation/articles/${encodeURIComponent(slug)}`, "PATCH", body), { params: Promise.resolve({ slug }) }));

function errorOf(result: Result) {
  return result.body.error as { code: string; message: string; fields?: Record<string, string> };
}

beforeAll(async () => {
  [admin, moderator, member] = [await createAccount("admin"), await createAccount("moderator"), await createAccount("member")];
});

afterEach(async () => {
  session.account = null;
  // Each test starts from the defaults, as a fresh site would.
  await getDb().setting.deleteMany();
});

describe("PUT /api/v1/moderation/settings", () => {
  it("saves the changes, answers the merged settings and records who changed what in a SettingChange", async () => {
    session.account = admin;
    const before = await getDb().settingChange.count();
    const result = await saveSettings({ floodIntervalSeconds: 5, preModerateAll: true, autoCloseAfterDays: 30, bannedWords: [" spam ", "SPAM", "scam"], ruleActions: { threat: "hold" } });
    expect(result.status).toBe(200);
    const expected = {
      ...getDefaultModerationSettings(),
      floodIntervalSeconds: 5,
      preModerateAll: true,
      autoCloseAfterDays: 30,
      bannedWords: ["spam", "scam"],
      ruleActions: { ...getDefaultModerationSettings().ruleActions, threat: "hold" },
    };
    expect(result.body).toEqual({ settings: expected });
    expect(await getModerationSettings(getDb())).toEqual(expected);
    expect((await readSettings()).body).toEqual({ settings: expected });

    expect(await getDb().settingChange.count()).toBe(before + 1);
    const change = await getDb().settingChange.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(change).toMatchObject({ moderatorId: admin.id, scope: "moderation", before: getDefaultModerationSettings(), after: expected });
  });

  it("takes effect on the next comment", async () => {
    const { article } = await createArticle(getDb());
    session.account = admin;
    expect((await saveSettings({ holdFirstTimeCommenters: false, bannedWords: ["pineapple"] })).status).toBe(200);
    const posted = await postCommentWithCaptcha(article.slug, { body: "I put pineapple on everything." });
    expect(posted.status).toBe(201);
    const stored = await getDb().comment.findUniqueOrThrow({ where: { id: posted.body.id as string }, include: { verdicts: true } });
    expect(stored.status).toBe("rejected");
    expect(stored.verdicts).toContainEqual(expect.objectContaining({ check: "banned-words" }));
  });

  it.each([
    ["a link threshold of 0", { linkHoldThreshold: 0 }, "linkHoldThreshold"],
    ["a flood interval that is not a number", { floodIntervalSeconds: "fast" }, "floodIntervalSeconds"],
    ["a report threshold with a fraction", { reportThreshold: 2.5 }, "reportThreshold"],
    ["auto-close after 0 days", { autoCloseAfterDays: 0 }, "autoCloseAfterDays"],
    ["a word list that is one string", { bannedWords: "viagra" }, "bannedWords"],
    ["a banned word over 100 characters", { bannedWords: ["x".repeat(101)] }, "bannedWords"],
    ["a suspect-word list of 501 words", { suspectWords: Array.from({ length: 501 }, (_, index) => `word${index}`) }, "suspectWords"],
    ["pre-moderation as text", { preModerateAll: "yes" }, "preModerateAll"],
    ["an unknown rule action", { ruleActions: { threat: "ban" } }, "ruleActions.threat"],
    ["an unknown rule label", { ruleActions: { murder: "hold" } }, "ruleActions.murder"],
    ["an unknown setting", { floodInterval: 5 }, "floodInterval"],
    ["an IP retention of 0 days", { ipRetentionDays: 0 }, "ipRetentionDays"],
    ["an IP retention over ten years", { ipRetentionDays: 3651 }, "ipRetentionDays"],
    ["a privacy contact that is neither an e-mail nor a web address", { privacyContact: "call us" }, "privacyContact"],
    ["a privacy contact with a javascript: address", { privacyContact: "javascript:alert(1)" }, "privacyContact"],
    ["an edit window below 0", { editWindowMinutes: -1 }, "editWindowMinutes"],
    ["an edit window over a day", { editWindowMinutes: 1441 }, "editWindowMinutes"],
    ["an edit window with a fraction", { editWindowMinutes: 2.5 }, "editWindowMinutes"],
    ["an edit window as text", { editWindowMinutes: "15" }, "editWindowMinutes"],
    ["a respect label over 30 characters", { respectLabel: "x".repeat(31) }, "respectLabel"],
    ["a respect label that is not text", { respectLabel: 5 }, "respectLabel"],
  ])("refuses %s with 400 naming %s, and saves nothing", async (_name, body, field) => {
    session.account = admin;
    const changes = await getDb().settingChange.count();
    const result = await saveSettings(body);
    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({ code: "validation", fields: { [field]: expect.any(String) } });
    expect(errorOf(result).message).toContain(field);
    expect(await getDb().settingChange.count()).toBe(changes);
    expect(await getModerationSettings(getDb())).toEqual(getDefaultModerationSettings());
  });

  it.each([
    ["an e-mail address", "  privacy@news.example ", "privacy@news.example"],
    ["a web address", "https://news.example/contact", "https://news.example/contact"],
    ["an empty text, meaning none", "", null],
  ])("stores the IP retention and a privacy contact given as %s", async (_name, contact, stored) => {
    session.account = admin;
    const result = await saveSettings({ ipRetentionDays: 30, privacyContact: contact });
    expect(result.status).toBe(200);
    expect(await getModerationSettings(getDb())).toMatchObject({ ipRetentionDays: 30, privacyContact: stored });
  });

  it.each([
    ["an edit window of 0 (no editing)", { editWindowMinutes: 0, respectLabel: "  Kudos " }, { editWindowMinutes: 0, respectLabel: "Kudos" }],
    ["the longest edit window and an empty label (the default word)", { editWindowMinutes: 1440, respectLabel: "" }, { editWindowMinutes: 1440, respectLabel: null }],
    ["a label of exactly 30 characters", { respectLabel: "y".repeat(30) }, { editWindowMinutes: 15, respectLabel: "y".repeat(30) }],
  ])("stores the engagement settings: %s", async (_name, body, stored) => {
    session.account = admin;
    const result = await saveSettings(body);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ settings: { ...getDefaultModerationSettings(), ...stored } });
    expect(await getModerationSettings(getDb())).toMatchObject(stored);
  });

  it.each([
    ["editWindowMinutes", { editWindowMinutes: 1441 }, "Enter a whole number from 0 to 1440"],
    ["respectLabel", { respectLabel: "z".repeat(31) }, "At most 30 characters"],
  ])("says what is wrong with %s in the refusal's body", async (field, body, problem) => {
    session.account = admin;
    const result = await saveSettings(body);
    expect(errorOf(result)).toEqual({ code: "validation", message: `Invalid ${field}: ${problem}`, fields: { [field]: problem } });
  });

  it("refuses a body that is not JSON with 400", async () => {
    session.account = admin;
    const response = await putSettings(new Request("http://localhost/api/v1/moderation/settings", { method: "PUT", body: "{nope" }));
    expect(response.status).toBe(400);
  });
});

describe("who may change settings", () => {
  it.each([
    ["nobody signed in", () => null, 401, "unauthorized"],
    ["a member", () => member, 403, "forbidden"],
    ["a moderator who is not an administrator", () => moderator, 403, "forbidden"],
  ])("answers %s with %i", async (_name, account, status, code) => {
    const { slug } = (await createArticle(getDb())).article;
    session.account = account();
    for (const result of [await readSettings(), await saveSettings({ floodIntervalSeconds: 1 }), await switchArticle(slug, { commentsOpen: false })]) {
      expect(result.status).toBe(status);
      expect(errorOf(result).code).toBe(code);
    }
    expect(await getModerationSettings(getDb())).toEqual(getDefaultModerationSettings());
    expect((await getDb().article.findUniqueOrThrow({ where: { slug } })).commentsOpen).toBe(true);
  });

  it("lets a moderator list the articles but not switch them", async () => {
    session.account = moderator;
    const response = await getArticles(new Request("http://localhost/api/v1/moderation/articles"));
    expect(response.status).toBe(200);
  });
});

describe("PATCH /api/v1/moderation/articles/{slug}", () => {
  it("closes a thread, records the change with the article's scope, and the thread refuses comments", async () => {
    const { article } = await createArticle(getDb());
    session.account = admin;
    const result = await switchArticle(article.slug, { commentsOpen: false });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ article: { slug: article.slug, commentsOpen: false, preModerate: false } });
    const change = await getDb().settingChange.findFirstOrThrow({ where: { scope: `article:${article.slug}` } });
    expect(change).toMatchObject({ moderatorId: admin.id, before: { commentsOpen: true, preModerate: false }, after: { commentsOpen: false, preModerate: false } });

    const posted = await postCommentWithCaptcha(article.slug);
    expect(posted.status).toBe(403);
    expect(errorOf(posted).code).toBe("closed");

    expect((await switchArticle(article.slug, { commentsOpen: true })).status).toBe(200);
    expect((await postCommentWithCaptcha(article.slug)).status).toBe(201);
    expect(await getDb().settingChange.count({ where: { scope: `article:${article.slug}` } })).toBe(2);
  });

  it.each([
    ["an unknown article", "no-such-article", { commentsOpen: false }, 404, "not_found", "slug"],
    ["an empty change", null, {}, 400, "validation", null],
    ["a switch that is not true or false", null, { preModerate: "on" }, 400, "validation", "preModerate"],
    ["a field that cannot be switched", null, { title: "New title" }, 400, "validation", "title"],
  ])("refuses %s", async (_name, slug, body, status, code, field) => {
    const { article } = await createArticle(getDb());
    session.account = admin;
    const result = await switchArticle(slug ?? article.slug, body);
    expect(result.status).toBe(status);
    expect(errorOf(result).code).toBe(code);
    if (field) expect(errorOf(result).fields).toHaveProperty(field);
    expect(await getDb().settingChange.count({ where: { scope: `article:${article.slug}` } })).toBe(0);
  });
});

describe("pre-moderation", () => {
  it.each([
    ["off everywhere", "approved", false, false],
    ["on for the whole site", "pending", true, false],
    ["on for the article", "pending", false, true],
  ])("with pre-moderation %s, a comment that passes every other check is %s", async (_name, expected, site, articleOn) => {
    const { article } = await createArticle(getDb());
    const { article: other } = await createArticle(getDb());
    await updateModerationSettings(getDb(), { holdFirstTimeCommenters: false, preModerateAll: site });
    if (articleOn) {
      session.account = admin;
      expect((await switchArticle(article.slug, { preModerate: true })).status).toBe(200);
    }
    const posted = await postCommentWithCaptcha(article.slug, { body: "A calm and considered remark." });
    expect(posted.status).toBe(201);
    expect(posted.body.status).toBe(expected);
    const stored = await getDb().comment.findUniqueOrThrow({ where: { id: posted.body.id as string }, include: { verdicts: true } });
    expect(stored.status).toBe(expected);
    if (expected === "pending") expect(stored.verdicts).toContainEqual(expect.objectContaining({ check: "pre-moderation", label: "pre_moderation", action: "hold" }));
    else expect(stored.verdicts).toEqual([]);

    // Another article is pre-moderated only when the whole site is.
    const elsewhere = await postCommentWithCaptcha(other.slug, { body: "Another calm remark, elsewhere." });
    expect(elsewhere.body.status).toBe(site ? "pending" : "approved");
  });
});

describe("auto-closing threads", () => {
  it.each([
    ["published 31 days ago", 31, 403],
    ["published 29 days ago", 29, 201],
  ])("with threads closing after 30 days, an article %s answers %i", async (_name, daysAgo, status) => {
    const { article } = await createArticle(getDb());
    await getDb().article.update({ where: { id: article.id }, data: { publishedAt: new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000) } });
    await updateModerationSettings(getDb(), { autoCloseAfterDays: 30 });
    const before = await getDb().comment.count({ where: { articleId: article.id } });
    const posted = await postCommentWithCaptcha(article.slug);
    expect(posted.status).toBe(status);
    if (status === 403) {
      expect(errorOf(posted)).toMatchObject({ code: "closed", message: expect.stringMatching(/closed 30 days after/) });
      expect(await getDb().comment.count({ where: { articleId: article.id } })).toBe(before);
    }
  });

  it("leaves old threads open while auto-close is off", async () => {
    const { article } = await createArticle(getDb());
    await getDb().article.update({ where: { id: article.id }, data: { publishedAt: new Date("2001-01-01T00:00:00.000Z") } });
    expect((await postCommentWithCaptcha(article.slug)).status).toBe(201);
  });
});

describe("GET /api/v1/moderation/articles", () => {
  it("lists articles with their switches and comment counts, and finds them by title or slug", async () => {
    const { article } = await createArticle(getDb(), { slug: `counted-${Date.now()}` });
    await createComment(getDb(), article.id, { status: "approved" });
    await createComment(getDb(), article.id, { status: "approved" });
    await createComment(getDb(), article.id, { status: "pending" });
    await createComment(getDb(), article.id, { status: "spam" });
    session.account = admin;
    const response = await getArticles(new Request(`http://localhost/api/v1/moderation/articles?q=${encodeURIComponent("COUNTED-")}`));
    const body = (await response.json()) as { articles: Array<Record<string, unknown>>; hasMore: boolean };
    expect(body.hasMore).toBe(false);
    expect(body.articles).toEqual([
      expect.objectContaining({ slug: article.slug, commentsOpen: true, preModerate: false, commentCounts: { total: 4, approved: 2, pending: 1 } }),
    ]);
  });
});
