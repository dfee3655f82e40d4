// Readers' notifications (issue #17), end to end through the outbox worker to a
// real SMTP server: the one confirmation mail, confirming through the route,
// the mail for a reply a moderator approves (with RFC 8058's headers), nothing
// for an unconfirmed address, one-click unsubscribe, the followed-threads
// digest, forged links refused, the reply rate limit, and nothing with mail off.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getFrame } from "@/app/embed/[siteKey]/[articleKey]/route";
import { POST as postConfirm } from "@/app/api/v1/notifications/confirm/route";
import { POST as postUnsubscribe } from "@/app/api/v1/notifications/unsubscribe/route";
import { getSigningSecret } from "@/lib/comments/posting-services";
import { getDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { sendOutboxMail } from "@/lib/mail/send-outbox-mail";
import { resetMailTransport } from "@/lib/mail/transport";
import { decideComment } from "@/lib/moderation/decisions";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { DIGEST_SETTLE_MS, sendFollowDigests } from "@/lib/notifications/reader-digest";
import { REPLY_MAILS_PER_HOUR } from "@/lib/notifications/reader-notifications";
import { readerTokenFor } from "@/lib/notifications/reader-tokens";
import { eraseCommenterData } from "@/lib/privacy/erase-commenter-data";
import { runOutboxOnce, type OutboxSenders } from "@/lib/outbox/outbox";
import { createArticle } from "../support/factories";
import { postCommentWithCaptcha } from "../support/posting";
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from "../support/smtp-capture";

const PUBLIC_URL = "https://comments.example.com";
const senders: OutboxSenders = { mail: sendOutboxMail, webhook: async () => ({ status: 200 }) };

let capture: SmtpCapture;
let moderatorId: string;
let siteName: string;

function configureMail(smtpUrl: string | undefined): void {
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  process.env.PUBLIC_URL = PUBLIC_URL;
  resetEnvCache();
  resetMailTransport();
}

let addressCounter = 0;
function newAddress(name: string): string {
  addressCounter += 1;
  return `${name}-${addressCounter}@readers.example`;
}

/** Sends what the outbox holds and returns the mails that arrived for one address. */
async function deliverTo(address: string): Promise<CapturedMail[]> {
  await runOutboxOnce(getDb(), senders);
  return capture.messages.filter((mail) => mail.rcptTo.includes(address));
}

async function post(slug: string, fields: Record<string, unknown>) {
  const { status, body } = await postCommentWithCaptcha(slug, fields);
  expect(status).toBe(201);
  return body as { id: string; status: string };
}

async function approve(commentId: string) {
  return decideComment({ db: getDb(), spamChecker: null }, { commentId, action: "approve", moderatorId });
}

function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, "\\$&")}\\?token=([A-Za-z0-9_.%-]+)`).exec(text);
  if (!match) throw new Error(`No ${path} link in: ${text}`);
  return decodeURIComponent(match[1]!);
}

function routeRequest(path: string, token: string, init: RequestInit = {}): Request {
  return new Request(`http://localhost${path}?token=${encodeURIComponent(token)}`, { method: "POST", ...init });
}

async function confirmFromMail(mail: CapturedMail): Promise<void> {
  const response = await postConfirm(routeRequest("/api/v1/notifications/confirm", tokenIn(mail.text, "/notifications/confirm")));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ confirmed: true });
}

/** An article whose comments all wait for a moderator, so approvals go through decisions. */
async function moderatedArticle() {
  const { article, site } = await createArticle(getDb());
  siteName = site.name;
  await getDb().article.update({ where: { id: article.id }, data: { preModerate: true } });
  return article;
}

/** A confirmed reader with an approved comment asking for replies. */
async function confirmedCommenter(slug: string, email: string, fields: Record<string, unknown> = { notifyReplies: true }) {
  const comment = await post(slug, { authorName: "Ana", authorEmail: email, body: "The budget misses the schools entirely.", ...fields });
  if (comment.status !== "approved") await approve(comment.id);
  const [confirmation] = await deliverTo(email);
  await confirmFromMail(confirmation!);
  return comment;
}

beforeAll(async () => {
  capture = await startSmtpCapture();
  configureMail(capture.url);
  await updateModerationSettings(getDb(), { holdFirstTimeCommenters: false, floodIntervalSeconds: 0 });
  ({ id: moderatorId } = await getDb().moderator.create({ data: { email: "mod@staff.example", passwordHash: "not used", role: "moderator", alertMode: "off" } }));
});

beforeEach(() => {
  configureMail(capture.url);
});

afterAll(async () => {
  configureMail(undefined);
  delete process.env.PUBLIC_URL;
  resetEnvCache();
  await capture.close();
});

describe("the confirmation mail", () => {
  it("is sent once, with a signed link to the confirm page, the site's name and the unsubscribe headers", async () => {
    const article = await moderatedArticle();
    const email = newAddress("ana");
    await post(article.slug, { authorEmail: email, body: "First comment asking for replies.", notifyReplies: true });
    await post(article.slug, { authorEmail: email, body: "Second comment, following the thread.", followThread: true });
    await post(article.slug, { authorEmail: email, body: "Third comment, both boxes.", notifyReplies: true, followThread: true });
    const mails = await deliverTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toBe(`[${siteName}] Confirm your e-mail notifications`);
    expect(mail!.text).toContain(`${PUBLIC_URL}/notifications/confirm?token=`);
    expect(mail!.html).toContain(`href="${PUBLIC_URL}/notifications/confirm?token=`);
    expect(mail!.text).toContain(siteName);
    expect(mail!.headers["list-unsubscribe"]).toMatch(new RegExp(`^<${PUBLIC_URL}/api/v1/notifications/unsubscribe\\?token=[^>]+>$`));
    expect(mail!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.text).toContain(`${PUBLIC_URL}/notifications/unsubscribe?token=`);
    const recipient = await getDb().mailRecipient.findUniqueOrThrow({ where: { email }, include: { subscriptions: true } });
    expect(recipient.confirmedAt).toBeNull();
    expect(recipient.subscriptions.map((subscription) => subscription.kind).sort()).toEqual(["replies", "replies", "thread"]);
  });

  it("is not sent, nor anything stored, for a comment filed as spam", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const email = newAddress("bot");
    await post(slug, { authorEmail: email, notifyReplies: true, followThread: true, website: "http://spam.example" });
    expect(await deliverTo(email)).toEqual([]);
    expect(await getDb().mailRecipient.findUnique({ where: { email } })).toBeNull();
  });

  it("confirming twice, or through the page's form, keeps the address confirmed", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const email = newAddress("twice");
    await post(slug, { authorEmail: email, notifyReplies: true });
    const [mail] = await deliverTo(email);
    const token = tokenIn(mail!.text, "/notifications/confirm");
    const form = await postConfirm(routeRequest("/api/v1/notifications/confirm", token, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "confirm=1" }));
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/notifications/confirm?token=${encodeURIComponent(token)}`);
    await confirmFromMail(mail!);
    expect((await getDb().mailRecipient.findUniqueOrThrow({ where: { email } })).confirmedAt).not.toBeNull();
  });
});

describe("reply mails", () => {
  it("go to the confirmed parent author when a moderator approves a reply: the reply's author, an excerpt, the permalink, RFC 8058 headers, never the replier's address", async () => {
    const article = await moderatedArticle();
    const ana = newAddress("ana");
    const parent = await confirmedCommenter(article.slug, ana);
    const beto = newAddress("beto");
    const reply = await post(article.slug, { authorName: "Beto", authorEmail: beto, parentId: parent.id, body: "The schools get a separate bill next month." });
    expect(reply.status).toBe("pending");
    expect(await deliverTo(ana)).toHaveLength(1);
    await approve(reply.id);
    const mails = await deliverTo(ana);
    expect(mails).toHaveLength(2);
    const mail = mails[1]!;
    expect(mail.subject).toBe(`[${siteName}] Beto replied to your comment on “${article.title}”`);
    expect(mail.text).toContain("> The schools get a separate bill next month.");
    expect(mail.text).toContain(`${PUBLIC_URL}/articles/${article.slug}#comment-${reply.id}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/articles/${article.slug}#comment-${reply.id}"`);
    expect(mail.headers["list-unsubscribe"]).toMatch(new RegExp(`^<${PUBLIC_URL}/api/v1/notifications/unsubscribe\\?token=[^>]+>$`));
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(`${PUBLIC_URL}/notifications/unsubscribe?token=`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/notifications/unsubscribe?token=`);
    expect(mail.raw).not.toContain(beto);
    const row = await getDb().outboxMessage.findFirst({ where: { dedupeKey: { startsWith: `reply:${reply.id}:` } } });
    const recipient = await getDb().mailRecipient.findUniqueOrThrow({ where: { email: ana } });
    expect(row!.dedupeKey).toBe(`reply:${reply.id}:${recipient.id}`);
    // Rejecting and approving again sends nothing new.
    await decideComment({ db: getDb(), spamChecker: null }, { commentId: reply.id, action: "reject", moderatorId });
    await approve(reply.id);
    expect(await deliverTo(ana)).toHaveLength(2);
  });

  it("go out when the pipeline publishes a reply at once, but never for one's own reply", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("ana");
    const parent = await confirmedCommenter(slug, ana);
    expect(parent.status).toBe("approved");
    await post(slug, { authorName: "Ana", authorEmail: ana, parentId: parent.id, body: "Adding a note to my own comment." });
    await post(slug, { authorName: "Carla", authorEmail: newAddress("carla"), parentId: parent.id, body: "I agree with the point about schools." });
    const mails = await deliverTo(ana);
    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringContaining("Confirm"), expect.stringContaining("Carla replied")]);
  });

  it("never reach an unconfirmed address: no second confirmation, no reply mail", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("unconfirmed");
    const first = await post(slug, { authorEmail: ana, notifyReplies: true, body: "I never click links in mails." });
    const second = await post(slug, { authorEmail: ana, notifyReplies: true, followThread: true, body: "Still not confirming anything." });
    await post(slug, { authorEmail: newAddress("replier"), parentId: first.id, body: "A reply to the first." });
    await post(slug, { authorEmail: newAddress("replier"), parentId: second.id, body: "A reply to the second." });
    await sendFollowDigests(getDb(), new Date(Date.now() + 2 * 60 * 60_000));
    const mails = await deliverTo(ana);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/Confirm your e-mail notifications$/);
    expect(await getDb().outboxMessage.count({ where: { payload: { path: ["to"], equals: ana } } })).toBe(1);
  });

  it(`stop after ${REPLY_MAILS_PER_HOUR} in an hour to one address`, async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("popular");
    const parent = await confirmedCommenter(slug, ana);
    for (let index = 0; index <= REPLY_MAILS_PER_HOUR; index += 1) {
      await post(slug, { authorName: `Replier ${index}`, authorEmail: newAddress("replier"), parentId: parent.id, body: `Reply number ${index} to the popular comment.` });
    }
    const replies = (await deliverTo(ana)).filter((mail) => mail.subject.includes("replied"));
    expect(replies).toHaveLength(REPLY_MAILS_PER_HOUR);
  });
});

describe("one-click unsubscribe", () => {
  it("asking again after unsubscribing sends one new confirmation, and nothing before it is confirmed", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("returning");
    await post(slug, { authorEmail: ana, notifyReplies: true });
    const [first] = await deliverTo(ana);
    const link = /^<(.+)>$/.exec(first!.headers["list-unsubscribe"]!)![1]!;
    await postUnsubscribe(new Request(link.replace(PUBLIC_URL, "http://localhost"), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    const recipient = await getDb().mailRecipient.findUniqueOrThrow({ where: { email: ana } });
    // The first confirmation a day old: a new one may go.
    await getDb().mailRecipient.update({ where: { id: recipient.id }, data: { confirmationSentAt: new Date(Date.now() - 25 * 60 * 60_000), unsubscribedAt: new Date(Date.now() - 60_000) } });
    await post(slug, { authorEmail: ana, notifyReplies: true, body: "Changed my mind, notify me." });
    await post(slug, { authorEmail: ana, notifyReplies: true, body: "And again, but only one mail." });
    const mails = await deliverTo(ana);
    expect(mails.map((mail) => mail.subject.replace(/^\[[^\]]+\] /, ""))).toEqual(["Confirm your e-mail notifications", "Confirm your e-mail notifications"]);
  });

  it("POSTing List-Unsubscribe=One-Click to the header's link stops the next reply mail", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("leaving");
    const parent = await confirmedCommenter(slug, ana);
    await post(slug, { authorName: "Beto", authorEmail: newAddress("beto"), parentId: parent.id, body: "The first reply still arrives." });
    const [, replyMail] = await deliverTo(ana);
    const link = /^<(.+)>$/.exec(replyMail!.headers["list-unsubscribe"]!)![1]!;
    const response = await postUnsubscribe(new Request(link.replace(PUBLIC_URL, "http://localhost"), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ unsubscribed: true });
    await post(slug, { authorName: "Carla", authorEmail: newAddress("carla"), parentId: parent.id, body: "This reply is never mailed." });
    expect(await deliverTo(ana)).toHaveLength(2);
    const recipient = await getDb().mailRecipient.findUniqueOrThrow({ where: { email: ana }, include: { subscriptions: true } });
    expect(recipient.unsubscribedAt).not.toBeNull();
    expect(recipient.subscriptions).toEqual([]);
  });

  it("removes the reader's mails still waiting in the outbox", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("waiting");
    const parent = await confirmedCommenter(slug, ana);
    await post(slug, { authorName: "Beto", authorEmail: newAddress("beto"), parentId: parent.id, body: "Written, not yet sent." });
    const recipient = await getDb().mailRecipient.findUniqueOrThrow({ where: { email: ana } });
    const response = await postUnsubscribe(routeRequest("/api/v1/notifications/unsubscribe", readerTokenFor(getSigningSecret(), "unsubscribe", recipient.id), { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    expect(response.status).toBe(200);
    expect(await deliverTo(ana)).toHaveLength(1);
  });

  it("from the page's form answers with the page", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("page");
    await post(slug, { authorEmail: ana, notifyReplies: true });
    const recipient = await getDb().mailRecipient.findUniqueOrThrow({ where: { email: ana } });
    const token = readerTokenFor(getSigningSecret(), "unsubscribe", recipient.id);
    const response = await postUnsubscribe(routeRequest("/api/v1/notifications/unsubscribe", token, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click&from=page" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
  });
});

describe("the followed-threads digest", () => {
  it("sends one mail for several newly approved comments, without the reader's own, then nothing until new ones come", async () => {
    const article = await moderatedArticle();
    const ana = newAddress("follower");
    await confirmedCommenter(article.slug, ana, { followThread: true });
    const ids: string[] = [];
    for (const name of ["Beto", "Carla", "Dora"]) {
      const comment = await post(article.slug, { authorName: name, authorEmail: newAddress(name.toLowerCase()), body: `${name} has a view on the budget.` });
      ids.push(comment.id);
    }
    const own = await post(article.slug, { authorName: "Ana", authorEmail: ana, body: "My own second thought." });
    const heldStill = await post(article.slug, { authorName: "Eva", authorEmail: newAddress("eva"), body: "Still waiting for a moderator." });
    for (const id of [...ids, own.id]) await approve(id);
    // Past the minute a digest leaves for transactions still committing.
    const later = new Date(Date.now() + DIGEST_SETTLE_MS + 1_000);
    // Two instances at once: one digest.
    const counts = await Promise.all([sendFollowDigests(getDb(), later), sendFollowDigests(getDb(), later)]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    const digests = (await deliverTo(ana)).filter((mail) => mail.subject.includes("discussions you follow"));
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest!.subject).toBe(`[${siteName}] 3 new comments in discussions you follow`);
    for (const id of ids) expect(digest!.text).toContain(`${PUBLIC_URL}/articles/${article.slug}#comment-${id}`);
    expect(digest!.text).not.toContain(own.id);
    expect(digest!.text).not.toContain(heldStill.id);
    expect(digest!.text).toContain(article.title);
    expect(digest!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    // Within the hour nothing goes; an hour on, nothing new means no mail.
    expect(await sendFollowDigests(getDb(), new Date(later.getTime() + 60_000))).toBe(0);
    expect(await sendFollowDigests(getDb(), new Date(later.getTime() + 61 * 60_000))).toBe(0);
  });
});

/** The token with the last character of its signature changed. */
function tampered(token: string): string {
  return token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
}

describe("forged and stale links", () => {
  const cases: Array<{ name: string; route: "confirm" | "unsubscribe"; token: () => Promise<string>; status: number; code: string }> = [
    { name: "a made-up token", route: "confirm", token: async () => "not-a-token", status: 400, code: "validation" },
    { name: "a confirm token with its signature changed", route: "confirm", token: async () => tampered(readerTokenFor(getSigningSecret(), "confirm", "someone")), status: 400, code: "validation" },
    { name: "an unsubscribe token used to confirm", route: "confirm", token: async () => readerTokenFor(getSigningSecret(), "unsubscribe", "someone"), status: 400, code: "validation" },
    { name: "a token signed with another secret", route: "unsubscribe", token: async () => readerTokenFor("another secret", "unsubscribe", "someone"), status: 400, code: "validation" },
    { name: "no token at all", route: "unsubscribe", token: async () => "", status: 400, code: "validation" },
    { name: "a genuine token for an address we do not keep", route: "unsubscribe", token: async () => readerTokenFor(getSigningSecret(), "unsubscribe", "gone-recipient"), status: 404, code: "not_found" },
  ];
  it.each(cases)("$route refuses $name ($status)", async ({ route, token, status, code }) => {
    const handler = route === "confirm" ? postConfirm : postUnsubscribe;
    const response = await handler(routeRequest(`/api/v1/notifications/${route}`, await token(), { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe(code);
    expect(body.error.fields).toHaveProperty("token");
    expect(body.error.message).toMatch(status === 400 ? /link is not valid/ : /no longer keep/);
  });
});

describe("erasing a commenter's data", () => {
  it("removes their notification address and subscriptions", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const ana = newAddress("erased");
    await confirmedCommenter(slug, ana, { notifyReplies: true, followThread: true });
    await eraseCommenterData(getDb(), ana.toUpperCase());
    expect(await getDb().mailRecipient.findUnique({ where: { email: ana } })).toBeNull();
    expect(await getDb().mailSubscription.count({ where: { recipient: { email: ana } } })).toBe(0);
  });
});

describe("the framed thread's form", () => {
  const host = "https://notify-frame.example";
  async function frameHtml(): Promise<string> {
    const query = `?url=${encodeURIComponent(`${host}/story`)}&title=Story&origin=${encodeURIComponent(host)}`;
    const request = new Request(`http://comments.test/embed/notify-frame/story${query}`, { headers: { referer: `${host}/story` } });
    const response = await getFrame(request, { params: Promise.resolve({ siteKey: "notify-frame", articleKey: "story" }) });
    expect(response.status).toBe(200);
    return response.text();
  }

  it("offers the notification boxes, with the confirmation hint, only when mail is on", async () => {
    // The route names the built script and style sheet by their content hashes.
    execFileSync("node", ["scripts/build-embed.mjs"], { stdio: "ignore" });
    await getDb().site.create({ data: { key: "notify-frame", name: "Notify frame", allowedOrigins: [host] } });
    const on = await frameHtml();
    expect(on).toMatch(/<input[^>]*type="checkbox"[^>]*name="notifyReplies"/);
    expect(on).toMatch(/<input[^>]*type="checkbox"[^>]*name="followThread"/);
    expect(on).toContain("Notify me of replies by e-mail");
    expect(on).toContain("Follow this discussion");
    expect(on).toContain("We&#x27;ll send one e-mail to confirm first.");
    configureMail(undefined);
    const off = await frameHtml();
    expect(off).not.toContain("notifyReplies");
    expect(off).not.toContain("Follow this discussion");
  });
});

describe("with mail off", () => {
  it("the flags are accepted and ignored: nothing stored, nothing enqueued", async () => {
    configureMail(undefined);
    const { slug } = (await createArticle(getDb())).article;
    const email = newAddress("nomail");
    await post(slug, { authorEmail: email, notifyReplies: true, followThread: true });
    expect(await getDb().mailRecipient.findUnique({ where: { email } })).toBeNull();
    expect(await getDb().outboxMessage.count({ where: { payload: { path: ["to"], equals: email } } })).toBe(0);
  });

  it("the API refuses flags that are not booleans", async () => {
    const { slug } = (await createArticle(getDb())).article;
    const { status, body } = await postCommentWithCaptcha(slug, { notifyReplies: "yes" });
    expect(status).toBe(400);
    expect((body as { error: { fields: Record<string, string> } }).error.fields.notifyReplies).toBe("notifyReplies must be true or false");
  });
});
