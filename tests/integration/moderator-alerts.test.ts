// Moderators' alerts (issue #17): written to the outbox with the held comment
// or the report, one per moderator who wants them now, naming why and linking
// to the card; the hourly digest for those who chose it; and the whole way out
// through the outbox worker to a real SMTP server, also while it is down.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { sendOutboxMail } from "@/lib/mail/send-outbox-mail";
import { resetMailTransport } from "@/lib/mail/transport";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { sendModeratorDigests } from "@/lib/notifications/moderator-digest";
import { runOutboxOnce, type OutboxSenders } from "@/lib/outbox/outbox";
import { createArticle, createComment } from "../support/factories";
import { postCommentWithCaptcha, postReportRequest } from "../support/posting";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

const PUBLIC_URL = "https://comments.example.com";
const INSULT = "You are a pathetic idiot and a paid liar, Flores.";

let capture: SmtpCapture;
let slug: string;
let articleId: string;
let siteName: string;
let articleTitle: string;
const accounts: Record<"admin" | "immediate" | "digest" | "off" | "member", { id: string; email: string }> = {} as never;

const senders: OutboxSenders = { mail: sendOutboxMail, webhook: async () => ({ status: 200 }) };

function configureMail(smtpUrl: string | undefined): void {
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  process.env.PUBLIC_URL = PUBLIC_URL;
  resetEnvCache();
  resetMailTransport();
}

async function mailRows(prefix: string) {
  const rows = await getDb().outboxMessage.findMany({ where: { kind: "mail", dedupeKey: { startsWith: prefix } }, orderBy: { dedupeKey: "asc" } });
  return rows.map((row) => ({ ...row, mail: row.payload as { to: string; subject: string; text: string; html: string } }));
}

beforeAll(async () => {
  capture = await startSmtpCapture();
  configureMail(capture.url);
  const db = getDb();
  const { article, site } = await createArticle(db);
  ({ slug, id: articleId } = article);
  siteName = site.name;
  articleTitle = article.title;
  const make = async (key: keyof typeof accounts, role: "admin" | "moderator" | "member", alertMode: string) => {
    const account = await db.moderator.create({ data: { email: `${key}@staff.example`, passwordHash: "not used", role, alertMode }, select: { id: true, email: true } });
    accounts[key] = account;
  };
  await make("admin", "admin", "immediate");
  await make("immediate", "moderator", "immediate");
  await make("digest", "moderator", "digest");
  await make("off", "moderator", "off");
  await make("member", "member", "immediate");
});

beforeEach(async () => {
  configureMail(capture.url);
  await getDb().outboxMessage.deleteMany();
  await capture.start();
});

afterAll(async () => {
  configureMail(undefined);
  delete process.env.PUBLIC_URL;
  resetEnvCache();
  await capture.close();
});

describe("immediate alerts for a held comment", () => {
  it("enqueue one mail to each moderator and administrator in immediate mode, none to digest, off or member accounts", async () => {
    const { body } = await postCommentWithCaptcha(slug, { authorName: "Flores fan", authorEmail: "angry.reader@example.org", body: INSULT });
    expect(body.status).toBe("pending");
    const id = body.id as string;
    const rows = await mailRows(`alert:${id}:`);
    expect(rows.map((row) => row.mail.to).sort()).toEqual([accounts.admin.email, accounts.immediate.email].sort());
    expect(rows.map((row) => row.dedupeKey).sort()).toEqual([`alert:${id}:${accounts.admin.id}:held`, `alert:${id}:${accounts.immediate.id}:held`].sort());
  });

  it("names why it was held, quotes it, links to its card, and never shows the commenter's address", async () => {
    const { body } = await postCommentWithCaptcha(slug, { authorName: "Flores fan", authorEmail: "angry.reader2@example.org", body: INSULT });
    const id = body.id as string;
    const [row] = await mailRows(`alert:${id}:${accounts.immediate.id}`);
    const cardUrl = `${PUBLIC_URL}/moderation/queue/pending?article=${slug}#mod-comment-${id}`;
    expect(row!.mail.subject).toBe(`[${siteName}] A comment on “${articleTitle}” is waiting for moderation`);
    expect(row!.mail.text).toContain(`Flores fan's comment on “${articleTitle}” was held for moderation.`);
    expect(row!.mail.text).toContain("Personal attack:");
    expect(row!.mail.text).toContain("> You are a pathetic idiot");
    expect(row!.mail.text).toContain(cardUrl);
    expect(row!.mail.html).toContain(`href="${cardUrl.replace(/&/g, "&amp;")}"`);
    expect(row!.mail.html).toContain("Personal attack");
    for (const part of [row!.mail.text, row!.mail.html, row!.mail.subject]) expect(part).not.toContain("angry.reader2@example.org");
  });

  it("escapes the comment's text in the HTML part", async () => {
    const { body } = await postCommentWithCaptcha(slug, { body: `${INSULT} <img src=x onerror=alert(1)> & more` });
    const [row] = await mailRows(`alert:${body.id as string}:${accounts.admin.id}`);
    expect(row!.mail.html).not.toContain("<img");
    expect(row!.mail.html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; more");
  });

  it("enqueue nothing for a published comment", async () => {
    await updateModerationSettings(getDb(), { holdFirstTimeCommenters: false });
    try {
      const { body } = await postCommentWithCaptcha(slug, { body: "A calm and kind remark about the budget." });
      expect(body.status).toBe("approved");
      expect(await mailRows(`alert:${body.id as string}:`)).toEqual([]);
    } finally {
      await updateModerationSettings(getDb(), { holdFirstTimeCommenters: true });
    }
  });

  it("enqueue nothing when no SMTP_URL is set", async () => {
    configureMail(undefined);
    const { body } = await postCommentWithCaptcha(slug, { body: INSULT });
    expect(body.status).toBe("pending");
    expect(await getDb().outboxMessage.count()).toBe(0);
  });
});

describe("immediate alerts for a reported comment", () => {
  it("enqueue one mail per immediate moderator with the report's reason and note on the first report, nothing more on later ones", async () => {
    const comment = await createComment(getDb(), articleId, { body: "A published remark someone dislikes." });
    expect((await postReportRequest(comment.id, { reason: "defamation", note: "Says the mayor took bribes" })).status).toBe(202);
    expect((await postReportRequest(comment.id, { reason: "abuse" })).status).toBe(202);
    const rows = await mailRows(`alert:${comment.id}:`);
    expect(rows.map((row) => row.dedupeKey).sort()).toEqual([`alert:${comment.id}:${accounts.admin.id}:reported`, `alert:${comment.id}:${accounts.immediate.id}:reported`].sort());
    const mail = rows[0]!.mail;
    expect(mail.subject).toContain("was reported");
    expect(mail.text).toContain("Defamation");
    expect(mail.text).toContain("Says the mayor took bribes");
    expect(mail.text).toContain(`${PUBLIC_URL}/moderation/queue/reported?article=${slug}#mod-comment-${comment.id}`);
  });
});

describe("the hourly digest", () => {
  it("sends one mail for several held and reported comments, then nothing until the next hour", async () => {
    const db = getDb();
    await db.moderator.update({ where: { id: accounts.digest.id }, data: { alertDigestSentAt: new Date(Date.now() - 61 * 60_000) } });
    const held = [];
    for (const text of [INSULT, "You are a clown and a coward, Flores."]) held.push((await postCommentWithCaptcha(slug, { body: text })).body.id as string);
    const reported = await createComment(db, articleId, { body: "Another published remark." });
    await postReportRequest(reported.id, { reason: "spam" });

    expect(await sendModeratorDigests(db)).toBe(1);
    const rows = await mailRows(`digest:${accounts.digest.id}:`);
    expect(rows).toHaveLength(1);
    const mail = rows[0]!.mail;
    expect(mail.to).toBe(accounts.digest.email);
    for (const id of held) expect(mail.text).toContain(`#mod-comment-${id}`);
    expect(mail.text).toContain(`/moderation/queue/reported?article=${slug}#mod-comment-${reported.id}`);
    expect(mail.text).toContain("Spam");
    expect(mail.subject).toMatch(/\d+ comments are waiting for moderation/);
    // Nothing more within the hour, whichever instance asks.
    expect(await sendModeratorDigests(db)).toBe(0);
    expect(await sendModeratorDigests(db, new Date(Date.now() + 30 * 60_000))).toBe(0);
  });

  it("goes out once when two instances run it at the same moment", async () => {
    const db = getDb();
    await db.moderator.update({ where: { id: accounts.digest.id }, data: { alertDigestSentAt: new Date(Date.now() - 2 * 60 * 60_000) } });
    await postCommentWithCaptcha(slug, { body: INSULT });
    const now = new Date();
    const results = await Promise.all([sendModeratorDigests(db, now), sendModeratorDigests(db, now)]);
    expect(results.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(await mailRows(`digest:${accounts.digest.id}:`)).toHaveLength(1);
  });

  it("sends nothing when nothing waited, but starts the next hour", async () => {
    const db = getDb();
    const since = new Date(Date.now() + 5 * 60 * 60_000);
    await db.moderator.update({ where: { id: accounts.digest.id }, data: { alertDigestSentAt: since } });
    const now = new Date(since.getTime() + 61 * 60_000);
    expect(await sendModeratorDigests(db, now)).toBe(0);
    expect((await db.moderator.findUniqueOrThrow({ where: { id: accounts.digest.id } })).alertDigestSentAt).toEqual(now);
  });
});

describe("alerts through the outbox worker to the SMTP server", () => {
  it("arrive as mail, once each", async () => {
    const before = capture.messages.length;
    const { body } = await postCommentWithCaptcha(slug, { body: INSULT });
    expect(await runOutboxOnce(getDb(), senders)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const arrived = (await capture.waitForMessages(before + 2)).slice(before);
    expect(arrived.map((mail) => mail.rcptTo[0]).sort()).toEqual([accounts.admin.email, accounts.immediate.email].sort());
    expect(arrived[0]!.text).toContain(`#mod-comment-${body.id as string}`);
    expect(arrived[0]!.html).toContain("Personal attack");
    expect(await runOutboxOnce(getDb(), senders)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it("wait while the server is down and are delivered exactly once when it is back", async () => {
    const db = getDb();
    await capture.stop();
    const before = capture.messages.length;
    const { body } = await postCommentWithCaptcha(slug, { body: INSULT });
    const id = body.id as string;
    expect(await runOutboxOnce(db, senders)).toEqual({ sent: 0, retrying: 2, failed: 0 });
    // Still down at the next try.
    expect(await runOutboxOnce(db, senders, { now: () => new Date(Date.now() + 60_000) })).toEqual({ sent: 0, retrying: 2, failed: 0 });
    await capture.start();
    expect(await runOutboxOnce(db, senders, { now: () => new Date(Date.now() + 10 * 60_000) })).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(await runOutboxOnce(db, senders, { now: () => new Date(Date.now() + 24 * 60 * 60_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const arrived = capture.messages.slice(before);
    expect(arrived).toHaveLength(2);
    expect(arrived.every((mail) => mail.text.includes(`#mod-comment-${id}`))).toBe(true);
    const attempts = await db.deliveryAttempt.findMany({ where: { message: { dedupeKey: { startsWith: `alert:${id}:` } } }, orderBy: { createdAt: "asc" } });
    expect(attempts.map((attempt) => attempt.status)).toEqual([null, null, null, null, 250, 250]);
  });

  it("give up at once on a recipient the server refuses for good", async () => {
    const db = getDb();
    capture.refuse({ code: 550, stage: "rcpt", message: "No such mailbox" });
    await postCommentWithCaptcha(slug, { body: INSULT });
    expect(await runOutboxOnce(db, senders)).toEqual({ sent: 0, retrying: 0, failed: 2 });
    const rows = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "alert:" } } });
    expect(rows.every((row) => row.failedAt !== null && row.lastError?.includes("550"))).toBe(true);
  });
});
