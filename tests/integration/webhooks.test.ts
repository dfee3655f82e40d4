// Webhooks end to end on a real database and real HTTP receivers on loopback:
// events written to the outbox by posting and by moderators' decisions, sent
// by the outbox worker with deliverWebhook's signature, retried after a
// failure, and the delivery log as the database and the dashboard API show it.
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getPostingServices } from "@/lib/comments/posting-services";
import { submitComment } from "@/lib/comments/submit-comment";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decideComment, undoDecision } from "@/lib/moderation/decisions";
import { runOutboxOnce, type OutboxSenders } from "@/lib/outbox/outbox";
import { createWebhookSender, signWebhookBody } from "@/lib/webhooks/deliver-webhook";
import { createWebhook, deleteWebhook, listWebhooks, updateWebhook, type WebhookRecord } from "@/lib/webhooks/webhook-admin";
import type { WebhookDestinationPolicy } from "@/lib/webhooks/webhook-destination";
import { enqueueCommentWebhooks } from "@/lib/webhooks/webhook-events";
import { createArticle, createComment } from "../support/factories";
import { solvedCaptcha } from "../support/posting";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

// The route handlers ask next-auth for the session, which needs a Next.js request; the test plays the signed-in account.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const { GET: getHooks, POST: postHook } = await import("@/app/api/v1/moderation/webhooks/route");
const { PATCH: patchHook, DELETE: deleteHook } = await import("@/app/api/v1/moderation/webhooks/[id]/route");
const { POST: postTest } = await import("@/app/api/v1/moderation/webhooks/[id]/test/route");

/** The app as these tests configure it: public at comments.example.com, listening on 3000. */
const policy: WebhookDestinationPolicy = { appOrigins: ["https://comments.example.com"], appPort: 3000 };

const mailSender: OutboxSenders["mail"] = async () => ({ status: 250 });
const senders = (timeoutMs?: number): OutboxSenders => ({ webhook: createWebhookSender({ db: getDb(), policy, ...(timeoutMs ? { timeoutMs } : {}) }), mail: mailSender });

/** A moment when every retry is due (the outbox waits 30 s, then longer). */
const later = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);

let admin: SignedInAccount;
let moderator: SignedInAccount;
let receivers: WebhookReceiver[] = [];

async function createAccount(role: SignedInAccount["role"]): Promise<SignedInAccount> {
  const row = await getDb().moderator.create({ data: { email: `${role}-webhooks@example.org`, passwordHash: "unused", role } });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

async function receiver(answers: Array<number | "hang"> = [200]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver("/hooks/tertulia", answers);
  receivers.push(started);
  return started;
}

beforeAll(async () => {
  [admin, moderator] = [await createAccount("admin"), await createAccount("moderator")];
});

beforeEach(() => {
  session.account = admin;
});

afterEach(async () => {
  await Promise.all(receivers.map((started) => started.close()));
  receivers = [];
  // Deliveries left by one test must not be sent to the next one's receivers.
  await getDb().outboxMessage.deleteMany({});
});

afterAll(async () => {
  await getDb().webhook.deleteMany({});
});

/** A site and article with a hook at `url`; every event unless some are given. */
async function siteWithHook(url: string, events?: string[]) {
  const { site, article } = await createArticle(getDb());
  const { webhook, secret } = await createWebhook(getDb(), { siteId: site.id, url, ...(events ? { events: events as never } : {}) }, policy);
  return { site, article, webhook, secret };
}

/** An approved comment on the article written by hand, with the author's e-mail and IP that must never leave in a webhook. */
async function approvedComment(articleId: string) {
  const comment = await createComment(getDb(), articleId, { body: "Webhooks carry *this*.", authorName: "Aurelia Prieto" });
  return getDb().comment.update({ where: { id: comment.id }, data: { authorEmail: "aurelia.private@example.org", ip: "203.0.113.77" } });
}

function verify(secret: string, rawBody: Buffer, header: string | string[] | undefined): boolean {
  return header === `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

describe("deliverWebhook through the outbox", () => {
  it("POSTs the event as JSON signed with the hook's secret over the exact raw body, and logs the 2xx", async () => {
    const target = await receiver([204]);
    const { site, article, webhook, secret } = await siteWithHook(target.url);
    const comment = await approvedComment(article.id);
    expect(await enqueueCommentWebhooks(getDb(), comment.id, ["comment.approved"])).toBe(1);

    expect(await runOutboxOnce(getDb(), senders())).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(target.received).toHaveLength(1);
    const [delivery] = target.received;
    const message = await getDb().outboxMessage.findFirstOrThrow({ where: { webhookId: webhook.id } });
    expect(delivery!.method).toBe("POST");
    expect(delivery!.path).toBe("/hooks/tertulia");
    expect(delivery!.headers).toMatchObject({
      "content-type": "application/json",
      "x-tertulia-event": "comment.approved",
      "x-tertulia-delivery": message.id,
      "x-tertulia-attempt": "1",
      "user-agent": "Tertulia-Webhooks/1.0",
    });
    expect(verify(secret, delivery!.rawBody, delivery!.headers["x-tertulia-signature"])).toBe(true);
    expect(verify("another-secret-entirely", delivery!.rawBody, delivery!.headers["x-tertulia-signature"])).toBe(false);
    expect(delivery!.headers["x-tertulia-signature"]).toBe(signWebhookBody(secret, delivery!.rawBody.toString("utf8")));

    const rawText = delivery!.rawBody.toString("utf8");
    const body = JSON.parse(rawText) as Record<string, unknown>;
    // The documented key order, whatever order the database's JSON keeps.
    expect(Object.keys(body)).toEqual(["event", "id", "createdAt", "site", "article", "comment"]);
    expect(body).toEqual({
      event: "comment.approved",
      id: expect.stringMatching(/^evt_[0-9a-f-]{36}$/),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      site: { key: site.key },
      article: { slug: article.slug, url: article.url, title: article.title },
      comment: { id: comment.id, parentId: null, authorName: "Aurelia Prieto", bodyHtml: comment.bodyHtml, status: "approved", createdAt: comment.createdAt.toISOString() },
    });
    for (const secretField of ["aurelia.private@example.org", "203.0.113.77", "authorEmail", "ip"]) expect(rawText).not.toContain(`"${secretField}`);
    expect(rawText).not.toContain("aurelia.private");

    const attempts = await getDb().deliveryAttempt.findMany({ where: { messageId: message.id } });
    expect(attempts).toMatchObject([{ status: 204, error: null }]);
    expect((await getDb().outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).sentAt).not.toBeNull();
  });

  it("sends the delivery again after the receiver answered 500, and the log (database and dashboard API) shows both tries", async () => {
    const target = await receiver([500, 200]);
    const { article, webhook, secret } = await siteWithHook(target.url);
    const comment = await approvedComment(article.id);
    await enqueueCommentWebhooks(getDb(), comment.id, ["comment.created"]);

    expect(await runOutboxOnce(getDb(), senders())).toMatchObject({ sent: 0, retrying: 1 });
    // Not due yet: the outbox waits before trying again.
    expect(await runOutboxOnce(getDb(), senders())).toMatchObject({ sent: 0, retrying: 0 });
    expect(target.received).toHaveLength(1);

    const waiting = await readHooksApi();
    expect(waiting.find((hook) => hook.id === webhook.id)!.log).toMatchObject([{ attempt: 1, status: 500, outcome: "failed", event: "comment.created", retryAt: expect.any(String), isGivenUp: false }]);

    expect(await runOutboxOnce(getDb(), senders(), { now: later(2) })).toMatchObject({ sent: 1 });
    expect(target.received).toHaveLength(2);
    const [first, second] = target.received;
    // The same delivery, byte for byte, and each copy verifies.
    expect(second!.rawBody.equals(first!.rawBody)).toBe(true);
    expect(second!.headers["x-tertulia-delivery"]).toBe(first!.headers["x-tertulia-delivery"]);
    expect([first!.headers["x-tertulia-attempt"], second!.headers["x-tertulia-attempt"]]).toEqual(["1", "2"]);
    expect(verify(secret, second!.rawBody, second!.headers["x-tertulia-signature"])).toBe(true);

    const message = await getDb().outboxMessage.findFirstOrThrow({ where: { webhookId: webhook.id } });
    expect(message).toMatchObject({ attempts: 2, failedAt: null, sentAt: expect.any(Date) });
    const attempts = await getDb().deliveryAttempt.findMany({ where: { messageId: message.id }, orderBy: { createdAt: "asc" } });
    expect(attempts).toMatchObject([
      { status: 500, error: "The receiver answered 500 (not a 2xx)" },
      { status: 200, error: null },
    ]);

    const log = (await readHooksApi()).find((hook) => hook.id === webhook.id)!.log;
    expect(log).toMatchObject([
      { deliveryId: message.id, event: "comment.created", attempt: 2, status: 200, error: null, outcome: "delivered", retryAt: null },
      { deliveryId: message.id, event: "comment.created", attempt: 1, status: 500, error: "The receiver answered 500 (not a 2xx)", outcome: "failed", retryAt: null },
    ]);
  });

  it("signs with the hook's secret as it is when sent: a delivery queued before a rotation verifies with the new secret", async () => {
    const target = await receiver();
    const { article, webhook, secret: oldSecret } = await siteWithHook(target.url);
    await enqueueCommentWebhooks(getDb(), (await approvedComment(article.id)).id, ["comment.approved"]);
    const { secret: newSecret } = await updateWebhook(getDb(), webhook.id, { rotateSecret: true }, policy);
    expect(newSecret).toMatch(/^[0-9a-f]{64}$/);
    await runOutboxOnce(getDb(), senders());
    const [delivery] = target.received;
    expect(verify(newSecret!, delivery!.rawBody, delivery!.headers["x-tertulia-signature"])).toBe(true);
    expect(verify(oldSecret, delivery!.rawBody, delivery!.headers["x-tertulia-signature"])).toBe(false);
  });

  it("does not follow a redirect: the try fails with the 3xx and the other address gets nothing", async () => {
    const elsewhere = await receiver();
    const target = await receiver([302]);
    target.answerHeaders = { Location: elsewhere.url };
    const { article, webhook } = await siteWithHook(target.url);
    await enqueueCommentWebhooks(getDb(), (await approvedComment(article.id)).id, ["comment.approved"]);
    expect(await runOutboxOnce(getDb(), senders())).toMatchObject({ retrying: 1 });
    expect(elsewhere.received).toHaveLength(0);
    const [attempt] = await getDb().deliveryAttempt.findMany({ where: { message: { webhookId: webhook.id } } });
    expect(attempt).toMatchObject({ status: 302, error: "The receiver answered 302 (redirects are not followed)" });
  });

  it("gives up on a receiver that does not answer in time, logging no status", async () => {
    const target = await receiver(["hang"]);
    const { article, webhook } = await siteWithHook(target.url);
    await enqueueCommentWebhooks(getDb(), (await approvedComment(article.id)).id, ["comment.approved"]);
    expect(await runOutboxOnce(getDb(), senders(300))).toMatchObject({ retrying: 1 });
    const [attempt] = await getDb().deliveryAttempt.findMany({ where: { message: { webhookId: webhook.id } } });
    expect(attempt).toMatchObject({ status: null, error: "No answer within 300 ms" });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(250);
  });

  it("logs a receiver that is not listening as a failed try to be repeated", async () => {
    const target = await receiver();
    const { article, webhook } = await siteWithHook(target.url);
    await target.close();
    await enqueueCommentWebhooks(getDb(), (await approvedComment(article.id)).id, ["comment.approved"]);
    expect(await runOutboxOnce(getDb(), senders())).toMatchObject({ retrying: 1 });
    const [attempt] = await getDb().deliveryAttempt.findMany({ where: { message: { webhookId: webhook.id } } });
    expect(attempt).toMatchObject({ status: null, error: expect.stringMatching(/^Could not deliver: .*ECONNREFUSED/) });
  });

  it("pauses the hook when the receiver answers 410 Gone, and gives the delivery up at once", async () => {
    const target = await receiver([410]);
    const { article, webhook } = await siteWithHook(target.url);
    const comment = await approvedComment(article.id);
    await enqueueCommentWebhooks(getDb(), comment.id, ["comment.approved"]);
    expect(await runOutboxOnce(getDb(), senders())).toMatchObject({ failed: 1 });
    expect(await getDb().webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({ isActive: false });
    expect((await listWebhooks(getDb(), { siteId: webhook.siteId }))[0]!.log).toMatchObject([{ status: 410, outcome: "failed", isGivenUp: true }]);
    // A paused hook is not queued for.
    expect(await enqueueCommentWebhooks(getDb(), comment.id, ["comment.rejected"])).toBe(0);
  });
});

describe("webhook events", () => {
  let posts = 0;
  async function postComment(slug: string, options: { checks?: [] } = {}) {
    // A new author and address each time: the flood limit is not what these tests are about.
    posts += 1;
    const input = { authorName: "Teodora Ruiz", authorEmail: `teodora.private.${posts}@example.org`, body: "A measured reply about the article.", ...(await solvedCaptcha()) };
    return submitComment(getPostingServices(), slug, input, { ip: `198.51.100.${posts}`, userAgent: "vitest", referrer: "" }, options);
  }

  async function queued(webhookId: string) {
    const rows = await getDb().outboxMessage.findMany({ where: { webhookId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map((row) => ({ dedupeKey: row.dedupeKey, kind: row.kind, body: row.payload as { event: string; comment: { id: string; status: string } } }));
  }

  it("a comment the pipeline publishes fires comment.created (approved) and comment.approved, to subscribed active hooks of its site only", async () => {
    const { site, article, webhook } = await siteWithHook("https://hooks.example/all");
    const rejectedOnly = await createWebhook(getDb(), { siteId: site.id, url: "https://hooks.example/rejected", events: ["comment.rejected"] }, policy);
    const paused = await createWebhook(getDb(), { siteId: site.id, url: "https://hooks.example/paused" }, policy);
    await updateWebhook(getDb(), paused.webhook.id, { isActive: false }, policy);
    const other = await siteWithHook("https://hooks.example/other-site");

    const result = await postComment(article.slug, { checks: [] });
    expect(result.status).toBe("approved");
    const rows = await queued(webhook.id);
    expect(rows.map((row) => [row.kind, row.dedupeKey, row.body.event, row.body.comment.status])).toEqual([
      ["webhook", `webhook:${webhook.id}:comment.created:${result.id}`, "comment.created", "approved"],
      ["webhook", `webhook:${webhook.id}:comment.approved:${result.id}`, "comment.approved", "approved"],
    ]);
    // One event, one id, whichever hook hears it.
    expect(new Set(rows.map((row) => (row.body as unknown as { id: string }).id)).size).toBe(2);
    const stored = JSON.stringify(rows.map((row) => row.body));
    expect(stored).not.toContain("teodora.private");
    expect(stored).not.toContain(`198.51.100.${posts}`);
    expect(await queued(rejectedOnly.webhook.id)).toEqual([]);
    expect(await queued(paused.webhook.id)).toEqual([]);
    expect(await queued(other.webhook.id)).toEqual([]);
  });

  it("a held comment fires comment.created (pending); a moderator's approval fires comment.approved, and a reapproval nothing more", async () => {
    const { article, webhook } = await siteWithHook("https://hooks.example/held");
    const result = await postComment(article.slug);
    expect(result.status).toBe("pending");
    expect((await queued(webhook.id)).map((row) => [row.body.event, row.body.comment.status])).toEqual([["comment.created", "pending"]]);

    const services = { db: getDb(), spamChecker: null };
    await decideComment(services, { commentId: result.id, action: "approve", moderatorId: moderator.id });
    await decideComment(services, { commentId: result.id, action: "approve", moderatorId: moderator.id });
    expect((await queued(webhook.id)).map((row) => [row.body.event, row.body.comment.status])).toEqual([
      ["comment.created", "pending"],
      ["comment.approved", "approved"],
    ]);
  });

  it.each([
    ["reject", "rejected"],
    ["spam", "spam"],
  ] as const)("a moderator's %s decision fires comment.rejected with the new status", async (action, status) => {
    const { article, webhook } = await siteWithHook("https://hooks.example/decisions", ["comment.rejected"]);
    const comment = await approvedComment(article.id);
    await decideComment({ db: getDb(), spamChecker: null }, { commentId: comment.id, action, moderatorId: moderator.id });
    expect((await queued(webhook.id)).map((row) => [row.body.event, row.body.comment.status, row.body.comment.id])).toEqual([["comment.rejected", status, comment.id]]);
  });

  it("an undo back to approved fires comment.approved; an undo back to pending fires nothing", async () => {
    const { article, webhook } = await siteWithHook("https://hooks.example/undo", ["comment.approved"]);
    const services = { db: getDb(), spamChecker: null };
    const published = await approvedComment(article.id);
    await decideComment(services, { commentId: published.id, action: "reject", moderatorId: moderator.id });
    await undoDecision(services, { commentId: published.id, moderatorId: moderator.id });
    const held = await createComment(getDb(), article.id, { status: "pending" });
    await decideComment(services, { commentId: held.id, action: "approve", moderatorId: moderator.id });
    await undoDecision(services, { commentId: held.id, moderatorId: moderator.id });
    expect((await queued(webhook.id)).map((row) => [row.body.event, row.body.comment.id])).toEqual([
      ["comment.approved", published.id],
      ["comment.approved", held.id],
    ]);
  });

  it("a refused post (closed thread) queues nothing", async () => {
    const { article, webhook } = await siteWithHook("https://hooks.example/closed");
    await getDb().article.update({ where: { id: article.id }, data: { commentsOpen: false } });
    await expect(postComment(article.slug)).rejects.toBeInstanceOf(AppError);
    expect(await queued(webhook.id)).toEqual([]);
  });
});

describe("webhook URLs", () => {
  it.each([
    ["another scheme", "ftp://hooks.example/x", "The URL must start with http:// or https://"],
    ["a javascript: URL", "javascript:alert(1)", "The URL must start with http:// or https://"],
    ["a file: URL", "file:///etc/passwd", "The URL must start with http:// or https://"],
    ["not a URL", "hooks.example/x", "This is not a URL: write it as https://hooks.example/path"],
    ["an empty URL", "  ", "Give the URL that receives the events, e.g. https://hooks.example/tertulia"],
    ["credentials", "https://user:pw@hooks.example/x", "The URL must not hold a user name or password: receivers check the signature instead"],
    ["a fragment", "https://hooks.example/x#y", "The URL must not have a #fragment (it is never sent)"],
    ["the app's public URL", "https://comments.example.com/api/v1/moderation/sites", "The URL points at this app itself: webhooks go to another service"],
    ["the app's public URL spelt in capitals", "HTTPS://Comments.Example.com:443/x", "The URL points at this app itself: webhooks go to another service"],
    ["localhost on the app's port", "http://localhost:3000/x", "The URL points at this app itself: webhooks go to another service"],
    ["127.0.0.1 on the app's port", "http://127.0.0.1:3000/x", "The URL points at this app itself: webhooks go to another service"],
    ["another loopback address on the app's port", "http://127.1.2.3:3000/x", "The URL points at this app itself: webhooks go to another service"],
    ["::1 on the app's port", "http://[::1]:3000/x", "The URL points at this app itself: webhooks go to another service"],
    ["the cloud metadata address", "http://169.254.169.254/latest/meta-data/", /^169\.254\.169\.254 is a link-local, metadata/],
    ["the metadata address as a decimal number", "http://2852039166/", /^169\.254\.169\.254 is a link-local/],
    ["AWS's IPv6 metadata address", "http://[fd00:ec2::254]/", /^fd00:ec2::254 is a link-local/],
    ["an IPv4-mapped metadata address", "http://[::ffff:169.254.169.254]/", /is a link-local, metadata/],
    ["the unspecified address", "http://0.0.0.0:8080/", /^0\.0\.0\.0 is a link-local, metadata, unspecified/],
    ["a multicast address", "http://224.0.0.1/", /^224\.0\.0\.1 is a link-local/],
    ["an IPv6 link-local address", "http://[fe80::1]/", /^fe80::1 is a link-local/],
  ])("refuses %s, naming url", async (_name, url, message) => {
    const { site } = await createArticle(getDb());
    const error = await createWebhook(getDb(), { siteId: site.id, url }, policy).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    expect((error as AppError).fields?.url).toMatch(message);
    expect(await getDb().webhook.count({ where: { siteId: site.id } })).toBe(0);
  });

  it.each([
    ["a public https URL", "https://hooks.example/tertulia?token=abc", "https://hooks.example/tertulia?token=abc"],
    ["a receiver on this machine at another port", "http://127.0.0.1:8080/hook", "http://127.0.0.1:8080/hook"],
    ["a receiver on the local network", "http://10.0.0.5/hook", "http://10.0.0.5/hook"],
    ["another host name with the app's port", "http://hooks.example:3000", "http://hooks.example:3000/"],
  ])("accepts %s, normalised", async (_name, url, stored) => {
    const { site } = await createArticle(getDb());
    const { webhook } = await createWebhook(getDb(), { siteId: site.id, url }, policy);
    expect(webhook.url).toBe(stored);
  });

  it("refuses the host the dashboard request came to, even without a configured public URL", async () => {
    const { site } = await createArticle(getDb());
    const response = await postHook(jsonRequest("/api/v1/moderation/webhooks", "POST", { siteId: site.id, url: "http://tertulia.test/api/v1/articles" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "validation", message: "Invalid url: The URL points at this app itself: webhooks go to another service", fields: { url: "The URL points at this app itself: webhooks go to another service" } },
    });
  });
});

function jsonRequest(path: string, method: string, body?: unknown): Request {
  return new Request(`http://tertulia.test${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function readHooksApi(): Promise<WebhookRecord[]> {
  const response = await getHooks(jsonRequest("/api/v1/moderation/webhooks", "GET"));
  expect(response.status).toBe(200);
  return ((await response.json()) as { webhooks: WebhookRecord[] }).webhooks;
}

describe("the webhooks API", () => {
  const nobody = () => null;
  const asModerator = () => moderator;
  const unauthorized = { status: 401, body: { error: { code: "unauthorized", message: "Sign in as a moderator to do this." } } };
  const forbidden = { status: 403, body: { error: { code: "forbidden", message: "Only administrators can do this." } } };

  it.each([
    ["GET by nobody", nobody, "GET", unauthorized],
    ["POST by nobody", nobody, "POST", unauthorized],
    ["PATCH by nobody", nobody, "PATCH", unauthorized],
    ["DELETE by nobody", nobody, "DELETE", unauthorized],
    ["GET by a moderator", asModerator, "GET", forbidden],
    ["POST by a moderator", asModerator, "POST", forbidden],
    ["PATCH by a moderator", asModerator, "PATCH", forbidden],
    ["DELETE by a moderator", asModerator, "DELETE", forbidden],
    ["a test event by nobody", nobody, "TEST", unauthorized],
    ["a test event by a moderator", asModerator, "TEST", forbidden],
  ] as const)("%s → refused in the error shape, changing nothing", async (_name, account, method, expected) => {
    const { site, webhook } = await siteWithHook("https://hooks.example/guarded");
    session.account = account();
    const params = { params: Promise.resolve({ id: webhook.id }) };
    const response =
      method === "GET"
        ? await getHooks(jsonRequest("/api/v1/moderation/webhooks", "GET"))
        : method === "POST"
          ? await postHook(jsonRequest("/api/v1/moderation/webhooks", "POST", { siteId: site.id, url: "https://hooks.example/new" }))
          : method === "PATCH"
            ? await patchHook(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}`, "PATCH", { isActive: false }), params)
            : method === "TEST"
              ? await postTest(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}/test`, "POST"), params)
              : await deleteHook(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}`, "DELETE"), params);
    expect({ status: response.status, body: await response.json() }).toEqual(expected);
    expect(await getDb().outboxMessage.count({ where: { webhookId: webhook.id } })).toBe(0);
    expect(await getDb().webhook.findMany({ where: { siteId: site.id }, select: { url: true, isActive: true } })).toEqual([{ url: "https://hooks.example/guarded", isActive: true }]);
  });

  it.each([
    ["no URL", { events: ["comment.created"] }, { url: "Give the URL that receives the events" }],
    ["an unknown event", { url: "https://hooks.example/x", events: ["comment.deleted"] }, { "events.0": "Each event must be one of comment.created, comment.approved, comment.rejected" }],
    ["no events", { url: "https://hooks.example/x", events: [] }, { events: "Choose at least one of comment.created, comment.approved, comment.rejected" }],
    ["a short secret", { url: "https://hooks.example/x", secret: "short" }, { secret: "Use at least 16 characters (e.g. openssl rand -hex 32)" }],
    ["a secret with spaces", { url: "https://hooks.example/x", secret: "a secret with spaces in it" }, { secret: "Use printable ASCII characters without spaces" }],
  ])("POST with %s → 400 naming the field", async (_name, fields, expected) => {
    const { site } = await createArticle(getDb());
    const response = await postHook(jsonRequest("/api/v1/moderation/webhooks", "POST", { siteId: site.id, ...fields }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error).toMatchObject({ code: "validation", fields: expected });
  });

  it("POST with an unknown site → 400 on siteId; PATCH and DELETE of an unknown hook → 404", async () => {
    const unknownSite = await postHook(jsonRequest("/api/v1/moderation/webhooks", "POST", { siteId: "nope", url: "https://hooks.example/x" }));
    expect({ status: unknownSite.status, body: await unknownSite.json() }).toEqual({ status: 400, body: { error: { code: "validation", message: "Invalid siteId: no such site", fields: { siteId: "No such site" } } } });
    const params = { params: Promise.resolve({ id: "missing" }) };
    const notFound = { status: 404, body: { error: { code: "not_found", message: "No webhook with this id" } } };
    const patched = await patchHook(jsonRequest("/api/v1/moderation/webhooks/missing", "PATCH", { isActive: false }), params);
    expect({ status: patched.status, body: await patched.json() }).toEqual(notFound);
    const deleted = await deleteHook(jsonRequest("/api/v1/moderation/webhooks/missing", "DELETE"), params);
    expect({ status: deleted.status, body: await deleted.json() }).toEqual(notFound);
  });

  it("adds a hook showing the secret once, lists it without the secret, pauses it, and deletes it with its log", async () => {
    const { site } = await createArticle(getDb());
    const created = await postHook(jsonRequest("/api/v1/moderation/webhooks", "POST", { siteId: site.id, url: "https://hooks.example/api", events: ["comment.approved", "comment.created"] }));
    expect(created.status).toBe(201);
    const { webhook, secret } = (await created.json()) as { webhook: WebhookRecord; secret: string };
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(webhook).toMatchObject({ siteId: site.id, siteKey: site.key, url: "https://hooks.example/api", events: ["comment.created", "comment.approved"], isActive: true, log: [] });

    const again = await postHook(jsonRequest("/api/v1/moderation/webhooks", "POST", { siteId: site.id, url: "https://hooks.example/api" }));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { fields: unknown } }).error.fields).toEqual({ url: "The site already has a hook with this URL" });

    const listed = await getHooks(jsonRequest(`/api/v1/moderation/webhooks?siteId=${site.id}`, "GET"));
    expect(listed.headers.get("cache-control")).toContain("no-store");
    const listedText = await listed.text();
    expect(listedText).not.toContain(secret);
    expect((JSON.parse(listedText) as { webhooks: WebhookRecord[] }).webhooks.map((hook) => hook.id)).toEqual([webhook.id]);

    const params = { params: Promise.resolve({ id: webhook.id }) };
    const paused = await patchHook(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}`, "PATCH", { isActive: false }), params);
    expect(await paused.json()).toMatchObject({ webhook: { isActive: false }, secret: null });
    const badPatch = await patchHook(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}`, "PATCH", { secret: "please-let-me-choose-it" }), params);
    expect(badPatch.status).toBe(400);

    await getDb().outboxMessage.create({ data: { kind: "webhook", payload: {}, webhookId: webhook.id } });
    const deleted = await deleteHook(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}`, "DELETE"), params);
    expect({ status: deleted.status, body: await deleted.json() }).toEqual({ status: 200, body: { deleted: webhook.id } });
    expect(await getDb().outboxMessage.count({ where: { webhookId: webhook.id } })).toBe(0);
    await expect(deleteWebhook(getDb(), webhook.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("sends a test event on request: queued (202), then delivered signed like any event; a paused hook is refused", async () => {
    const target = await receiver();
    const { site, article, webhook, secret } = await siteWithHook(target.url);
    const params = { params: Promise.resolve({ id: webhook.id }) };
    const queuedResponse = await postTest(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}/test`, "POST"), params);
    expect(queuedResponse.status).toBe(202);
    const { deliveryId } = (await queuedResponse.json()) as { deliveryId: string };
    expect((await readHooksApi()).find((hook) => hook.id === webhook.id)!.log).toMatchObject([{ deliveryId, event: "webhook.test", attempt: 0, outcome: "queued" }]);

    await runOutboxOnce(getDb(), senders());
    const [delivery] = target.received;
    expect(delivery!.headers).toMatchObject({ "x-tertulia-event": "webhook.test", "x-tertulia-delivery": deliveryId });
    expect(verify(secret, delivery!.rawBody, delivery!.headers["x-tertulia-signature"])).toBe(true);
    expect(JSON.parse(delivery!.rawBody.toString("utf8"))).toMatchObject({ event: "webhook.test", site: { key: site.key }, article: { slug: article.slug }, comment: { authorName: "Tertulia", status: "approved" } });

    await updateWebhook(getDb(), webhook.id, { isActive: false }, policy);
    const refused = await postTest(jsonRequest(`/api/v1/moderation/webhooks/${webhook.id}/test`, "POST"), params);
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 400,
      body: { error: { code: "validation", message: "The hook is paused: resume it to send a test event", fields: { isActive: "Resume the hook first" } } },
    });
    const missing = await postTest(jsonRequest("/api/v1/moderation/webhooks/missing/test", "POST"), { params: Promise.resolve({ id: "missing" }) });
    expect(missing.status).toBe(404);
  });
});
