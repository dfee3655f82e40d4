import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPostingServices, setPostingServices } from "@/lib/comments/posting-services";
import { submitComment } from "@/lib/comments/submit-comment";
import { getDb } from "@/lib/db";
import { createAkismetClient } from "@/lib/integrations/akismet";
import { createCaptcha } from "@/lib/integrations/captcha";
import { commentChecks } from "@/lib/moderation/checks";
import type { CommentCheck } from "@/lib/moderation/pipeline";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { startAkismetStandIn, type AkismetStandIn } from "../support/akismet-stand-in";
import { createArticle, createComment } from "../support/factories";
import { nextIp, postCommentRaw, postCommentWithCaptcha, postReportRequest, solveQuestion, solvedCaptcha } from "../support/posting";

let slug: string;
let closedSlug: string;
let articleId: string;

async function statusOf(id: string) {
  return getDb().comment.findUniqueOrThrow({ where: { id }, include: { verdicts: true } });
}

beforeAll(async () => {
  const db = getDb();
  ({ article: { slug, id: articleId } } = await createArticle(db));
  ({ article: { slug: closedSlug } } = await createArticle(db, { commentsOpen: false }));
  await db.ban.create({ data: { email: "banned@example.org", reason: "repeated personal attacks" } });
});

describe("POST /api/v1/articles/{slug}/comments: refusals and bad input", () => {
  it.each([
    ["body missing", { body: undefined }, "body"],
    ["body too short", { body: "x" }, "body"],
    ["body over 5,000 characters", { body: "word ".repeat(1001) }, "body"],
    ["name missing", { authorName: "  " }, "authorName"],
    ["name too long", { authorName: "n".repeat(81) }, "authorName"],
    ["e-mail invalid", { authorEmail: "not-an-email" }, "authorEmail"],
    ["website not http(s)", { authorUrl: "javascript:alert(1)" }, "authorUrl"],
    ["captcha answer not a number", { captchaAnswer: "five" }, "captchaAnswer"],
    ["captcha token missing", { captchaToken: undefined }, "captchaToken"],
    ["reply to a comment that does not exist", { parentId: "nope" }, "parentId"],
  ])("%s → 400 validation naming %s", async (_name, fields, field) => {
    const before = await getDb().comment.count();
    const { status, body } = await postCommentWithCaptcha(slug, fields);
    expect(status).toBe(400);
    const error = body.error as { code: string; fields: Record<string, string>; message: string };
    expect(error.code).toBe("validation");
    expect(error.fields).toHaveProperty(field);
    expect(await getDb().comment.count()).toBe(before);
  });

  it("refuses malformed JSON with 400 and a body larger than 32 KB with 413", async () => {
    const malformed = await postCommentRaw(slug, "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: "validation" } });
    const huge = await postCommentRaw(slug, JSON.stringify({ body: "x".repeat(40_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: "too_large" } });
  });

  it.each([
    ["a wrong answer", async () => ({ ...(await solvedCaptcha()), captchaAnswer: "999" }), /not the missing number/],
    ["a forged token", async () => ({ captchaToken: "forged.token", captchaAnswer: "5" }), /not valid/],
    [
      "an expired token",
      async () => {
        const challenge = createCaptcha(getPostingServices().secret, new Date(Date.now() - 31 * 60_000));
        return { captchaToken: challenge.token, captchaAnswer: solveQuestion(challenge.question) };
      },
      /expired/,
    ],
  ])("answers %s with 422 captcha on the captchaAnswer field", async (_name, makeCaptcha, message) => {
    const { status, body } = await postCommentWithCaptcha(slug, await makeCaptcha());
    expect(status).toBe(422);
    const error = body.error as { code: string; fields: Record<string, string> };
    expect(error.code).toBe("captcha");
    expect(error.fields.captchaAnswer).toMatch(message);
  });

  it("refuses a replayed captcha token", async () => {
    const captcha = await solvedCaptcha();
    expect((await postCommentWithCaptcha(slug, { ...captcha, body: "First use of this token." })).status).toBe(201);
    const replay = await postCommentWithCaptcha(slug, { ...captcha, body: "Second use of the same token." });
    expect(replay.status).toBe(422);
    expect(replay.body).toMatchObject({ error: { code: "captcha", fields: { captchaAnswer: expect.stringMatching(/already used/) } } });
  });

  it.each([
    ["an unknown article", () => "no-such-article", {}, 404, "not_found"],
    ["a closed thread", () => closedSlug, {}, 403, "closed"],
    ["a banned author", () => slug, { authorEmail: "Banned@example.org" }, 403, "banned"],
  ])("refuses %s", async (_name, target, fields, status, code) => {
    const result = await postCommentWithCaptcha(target(), fields);
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ error: { code } });
  });

  it("refuses an address under a ban, and no longer once the ban has expired or been lifted", async () => {
    const banned = nextIp();
    const ban = await getDb().ban.create({ data: { ip: banned, reason: "flooding the thread" } });
    const refused = await postCommentWithCaptcha(slug, { body: "From a banned address." }, { "x-comments-client-ip": banned });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "banned", message: expect.stringContaining("flooding the thread") } });
    await getDb().ban.update({ where: { id: ban.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await postCommentWithCaptcha(slug, { body: "After the ban expired." }, { "x-comments-client-ip": banned })).status).toBe(201);
    const lifted = nextIp();
    await getDb().ban.create({ data: { ip: lifted, reason: "lifted on appeal", liftedAt: new Date() } });
    expect((await postCommentWithCaptcha(slug, { body: "After the ban was lifted." }, { "x-comments-client-ip": lifted })).status).toBe(201);
  });

  it("limits one comment per 15 seconds per e-mail and per IP, with Retry-After", async () => {
    const ip = nextIp();
    expect((await postCommentWithCaptcha(slug, { authorEmail: "quick@example.org" })).status).toBe(201);
    const sameEmail = await postCommentWithCaptcha(slug, { authorEmail: "quick@example.org", body: "Another thought entirely." });
    expect(sameEmail.status).toBe(429);
    expect(sameEmail.body).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(sameEmail.headers.get("Retry-After"))).toBeGreaterThanOrEqual(14);
    expect((await postCommentWithCaptcha(slug, { authorEmail: "ip-a@example.org" }, { "x-comments-client-ip": ip })).status).toBe(201);
    const sameIp = await postCommentWithCaptcha(slug, { authorEmail: "ip-b@example.org", body: "Different author, same address." }, { "x-comments-client-ip": ip });
    expect(sameIp.status).toBe(429);
  });

  it("refuses the same text by the same author within 10 minutes with 409", async () => {
    await updateModerationSettings(getDb(), { floodIntervalSeconds: 0 });
    try {
      const fields = { authorEmail: "twice@example.org", body: "I said this once already." };
      expect((await postCommentWithCaptcha(slug, fields)).status).toBe(201);
      const again = await postCommentWithCaptcha(slug, fields);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: "duplicate", fields: { body: expect.any(String) } } });
    } finally {
      await updateModerationSettings(getDb(), { floodIntervalSeconds: 15 });
    }
  });
});

describe("POST /api/v1/articles/{slug}/comments: outcomes", () => {
  it("answers a filled honeypot like any held comment, and files it as spam", async () => {
    const { status, body } = await postCommentWithCaptcha(slug, { website: "http://spam.example" });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: "pending", message: "Your comment is awaiting moderation." });
    const stored = await statusOf(body.id as string);
    expect(stored.status).toBe("spam");
    expect(stored.verdicts.map((verdict) => verdict.check)).toEqual(["honeypot"]);
  });

  it("holds a first-time commenter, then publishes once they have an approved comment", async () => {
    const email = "newcomer@example.org";
    const first = await postCommentWithCaptcha(slug, { authorEmail: email });
    expect(first.body).toMatchObject({ status: "pending" });
    const held = await statusOf(first.body.id as string);
    expect(held.status).toBe("pending");
    expect(held.verdicts).toEqual([expect.objectContaining({ check: "first-time-commenter", action: "hold" })]);
    // A moderator approves it a minute later (past the flood interval).
    await getDb().comment.update({ where: { id: held.id }, data: { status: "approved", createdAt: new Date(Date.now() - 60_000) } });
    const second = await postCommentWithCaptcha(slug, { authorEmail: email, body: "And a second, later thought." });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: "approved", message: expect.stringMatching(/published/) });
  });

  it("stores a reply under its parent, in the parent's thread", async () => {
    const parent = await createComment(getDb(), articleId, { minute: 1 });
    await createComment(getDb(), articleId, { authorName: "Trusted" });
    const { body } = await postCommentWithCaptcha(slug, { parentId: parent.id, body: "Replying with a source." });
    const reply = await statusOf(body.id as string);
    expect(reply).toMatchObject({ parentId: parent.id, rootId: parent.id, depth: 1 });
  });

  it.each([
    ["a banned word", "Cheap VIAGRA here", "rejected", "banned_word"],
    ["a suspect word", "Join my crypto giveaway tonight", "pending", "suspect_word"],
    ["two links", "See https://a.example and https://b.example for details", "pending", "link_spam"],
  ])("files a comment with %s as %s, with its evidence", async (_name, text, stored, label) => {
    await getDb().comment.create({
      data: { articleId, authorName: "Regular", authorEmail: "regular@example.org", body: "earlier", bodyHtml: "<p>earlier</p>", status: "approved", createdAt: new Date(0) },
    });
    const { status, body } = await postCommentWithCaptcha(slug, { authorEmail: "regular@example.org", body: text });
    expect(status).toBe(201);
    expect(body.status).toBe("pending");
    const comment = await statusOf(body.id as string);
    expect(comment.status).toBe(stored);
    const verdict = comment.verdicts.find((found) => found.label === label);
    expect(verdict).toBeDefined();
    expect((verdict!.evidence as { spans: unknown[] }).spans.length).toBeGreaterThan(0);
    await getDb().comment.deleteMany({ where: { authorEmail: "regular@example.org" } });
  });

  it("holds a personal attack from a trusted author, storing the rule and the words for moderators", async () => {
    await getDb().comment.create({
      data: { articleId, authorName: "Known", authorEmail: "known@example.org", body: "earlier", bodyHtml: "<p>earlier</p>", status: "approved", createdAt: new Date(0) },
    });
    const text = "You are a pathetic idiot and a paid liar, Flores.";
    const { status, body } = await postCommentWithCaptcha(slug, { authorEmail: "known@example.org", body: text });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: "pending", message: "Your comment is awaiting moderation." });
    const stored = await statusOf(body.id as string);
    expect(stored.status).toBe("pending");
    const verdict = stored.verdicts.find((found) => found.label === "ad_hominem");
    expect(verdict).toMatchObject({ check: "ad-hominem", action: "hold" });
    const evidence = verdict!.evidence as { rule: string; spans: Array<{ start: number; end: number; text: string }> };
    expect(evidence.rule).toContain("you-are-insult");
    expect(evidence.spans[0]).toEqual({ start: 0, end: 40, text: "You are a pathetic idiot and a paid liar" });
    expect(text.slice(evidence.spans[0]!.start, evidence.spans[0]!.end)).toBe(evidence.spans[0]!.text);
  });

  it("holds the comment with check-failed when a check throws, and keeps every word", async () => {
    const broken: CommentCheck = {
      id: "broken-check",
      run() {
        throw new Error("lexicon file missing");
      },
    };
    const text = "Nothing a reader wrote is lost to a fault.";
    const result = await submitComment(
      getPostingServices(),
      slug,
      { authorName: "Ana", authorEmail: "ana@example.org", body: text, ...(await solvedCaptcha()) },
      { ip: nextIp(), userAgent: "vitest", referrer: "" },
      { checks: [...commentChecks.slice(0, -1), broken] },
    );
    expect(result.status).toBe("pending");
    const stored = await statusOf(result.id);
    expect(stored.body).toBe(text);
    expect(stored.verdicts).toContainEqual(expect.objectContaining({ check: "broken-check", label: "check-failed", action: "hold" }));
  });
});

describe("POST /api/v1/articles/{slug}/comments with Akismet (stand-in)", () => {
  let standIn: AkismetStandIn;
  let original: Parameters<typeof setPostingServices>[0];

  beforeAll(async () => {
    const { db: _db, ...configured } = getPostingServices();
    original = configured;
    standIn = await startAkismetStandIn();
    const spamChecker = createAkismetClient({ key: standIn.key, blog: "http://localhost:3000", host: standIn.host, protocol: "http", timeoutMs: 500 });
    setPostingServices({ ...configured, spamChecker });
    await updateModerationSettings(getDb(), { holdFirstTimeCommenters: false });
  });

  afterAll(async () => {
    setPostingServices(original);
    await updateModerationSettings(getDb(), { holdFirstTimeCommenters: true });
    await standIn.close();
  });

  it("files Akismet's spam as spam but tells the poster it is awaiting moderation", async () => {
    const { status, body } = await postCommentWithCaptcha(slug, { authorName: "akismet-guaranteed-spam" });
    expect(status).toBe(201);
    expect(body.status).toBe("pending");
    expect((await statusOf(body.id as string)).status).toBe("spam");
    const sent = standIn.requests.at(-1)!;
    expect(sent.fields).toMatchObject({ comment_author: "akismet-guaranteed-spam", comment_type: "comment", blog_charset: "UTF-8" });
  });

  // Issue #15: a round trip that could change nothing is not made.
  it("does not ask Akismet about a comment a local check has already rejected", async () => {
    const before = standIn.requests.filter((request) => request.path.endsWith("/comment-check")).length;
    const { status, body } = await postCommentWithCaptcha(slug, { body: "Someone should shoot the columnist who wrote this." });
    expect(status).toBe(201);
    expect(body.status).toBe("pending");
    const stored = await statusOf(body.id as string);
    expect(stored.status).toBe("rejected");
    expect(stored.verdicts.map((verdict) => verdict.check)).not.toContain("akismet");
    expect(standIn.requests.filter((request) => request.path.endsWith("/comment-check")).length).toBe(before);
  });

  it("publishes what Akismet passes", async () => {
    const { body } = await postCommentWithCaptcha(slug, { body: "A civil, on-topic remark." });
    expect(body.status).toBe("approved");
  });

  it.each([
    ["error", "akismet-error"],
    ["hang", "akismet-timeout"],
  ] as const)("holds the comment when the stand-in answers with %s (%s)", async (behaviour, reason) => {
    standIn.setBehaviour(behaviour);
    try {
      const { status, body } = await postCommentWithCaptcha(slug, { body: `Posted while Akismet is ${behaviour}.` });
      expect(status).toBe(201);
      expect(body.status).toBe("pending");
      const stored = await statusOf(body.id as string);
      expect(stored.status).toBe("pending");
      expect(stored.verdicts).toContainEqual(expect.objectContaining({ check: "akismet", label: reason, action: "hold" }));
    } finally {
      standIn.setBehaviour("normal");
    }
  });
});

describe("POST /api/v1/comments/{id}/reports", () => {
  it("accepts a report with 202, refuses a second one from the same reader with 409", async () => {
    const comment = await createComment(getDb(), articleId);
    const ip = nextIp();
    const first = await postReportRequest(comment.id, { reason: "ad_hominem", note: "Calls the author names" }, { "x-comments-client-ip": ip });
    expect(first.status).toBe(202);
    const again = await postReportRequest(comment.id, { reason: "abuse" }, { "x-comments-client-ip": ip });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "duplicate" } });
  });

  it("moves an approved comment to pending at the third report, when reports are set to hide at three networks", async () => {
    await updateModerationSettings(getDb(), { reportThreshold: 3 });
    const comment = await createComment(getDb(), articleId);
    for (const reason of ["abuse", "spam"]) expect((await postReportRequest(comment.id, { reason })).status).toBe(202);
    expect((await statusOf(comment.id)).status).toBe("approved");
    expect((await postReportRequest(comment.id, { reason: "other" })).status).toBe(202);
    expect((await statusOf(comment.id)).status).toBe("pending");
    const audit = await getDb().moderationDecision.findFirstOrThrow({ where: { commentId: comment.id } });
    expect(audit).toMatchObject({ action: "auto-hold-reports", fromStatus: "approved", toStatus: "pending", moderatorId: null });
  });

  it.each([
    ["an unknown reason", () => "x", { reason: "boring" }, 400, "validation"],
    ["an unknown comment", () => "nope", { reason: "spam" }, 404, "not_found"],
  ])("refuses %s", async (_name, id, body, status, code) => {
    const comment = await createComment(getDb(), articleId);
    const result = await postReportRequest(id() === "x" ? comment.id : id(), body);
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ error: { code } });
  });
});

describe("concurrent posting", () => {
  it("stores 50 simultaneous posts to one article: none lost, none duplicated", async () => {
    await updateModerationSettings(getDb(), { holdFirstTimeCommenters: false });
    const { article } = await createArticle(getDb());
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => postCommentWithCaptcha(article.slug, { authorEmail: `crowd-${index}@example.org`, body: `Crowd comment number ${index}` })),
    );
    await updateModerationSettings(getDb(), { holdFirstTimeCommenters: true });
    expect(results.map((result) => result.status)).toEqual(Array(50).fill(201));
    const ids = new Set(results.map((result) => result.body.id));
    expect(ids.size).toBe(50);
    const rows = await getDb().comment.findMany({ where: { articleId: article.id }, select: { id: true, body: true } });
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((row) => row.body)).size).toBe(50);
    expect(new Set(rows.map((row) => row.id))).toEqual(ids);
  });

  it("lets only one of an author's simultaneous comments through the flood limit", async () => {
    for (let round = 0; round < 5; round += 1) {
      const authorEmail = `simultaneous-${round}@example.org`;
      const results = await Promise.all(
        ["Sent at the same moment as another comment.", "And this one, sent in the very same instant."].map((body) => postCommentWithCaptcha(slug, { authorEmail, body })),
      );
      expect(results.map((result) => result.status).sort()).toEqual([201, 429]);
      expect(await getDb().comment.count({ where: { authorEmail } })).toBe(1);
    }
  });

  it("stores one of two identical comments sent at the same moment, and answers the other 409", async () => {
    await updateModerationSettings(getDb(), { floodIntervalSeconds: 0 });
    try {
      for (let round = 0; round < 5; round += 1) {
        const fields = { authorEmail: `same-text-${round}@example.org`, body: "The very same words, sent twice at once." };
        const results = await Promise.all([postCommentWithCaptcha(slug, fields), postCommentWithCaptcha(slug, fields)]);
        expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
        expect(await getDb().comment.count({ where: { authorEmail: fields.authorEmail } })).toBe(1);
      }
    } finally {
      await updateModerationSettings(getDb(), { floodIntervalSeconds: 15 });
    }
  });
});
