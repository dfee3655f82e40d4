// Issue #17: mails and webhook deliveries go through a database outbox —
// written with what causes them, sent once, retried with backoff, logged.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { enqueueOutbox, MAX_OUTBOX_ATTEMPTS, OutboxSendError, retryDelayMs, runOutboxOnce, startOutboxWorker, type OutboxMessageToSend, type OutboxSenders } from "@/lib/outbox/outbox";

/** Senders that record what they were given; `fail` decides per message. */
function recordingSenders(fail: (message: OutboxMessageToSend) => Error | null = () => null, delayMs = 0) {
  const sent: OutboxMessageToSend[] = [];
  const send = async (message: OutboxMessageToSend) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const error = fail(message);
    if (error) throw error;
    sent.push(message);
    return { status: message.kind === "mail" ? 250 : 200 };
  };
  const senders: OutboxSenders = { mail: send, webhook: send };
  return { sent, senders };
}

beforeEach(async () => {
  await getDb().outboxMessage.deleteMany({});
});

describe("enqueueOutbox", () => {
  it("writes with the caller's transaction: a rollback leaves nothing", async () => {
    await expect(
      getDb().$transaction(async (tx) => {
        await enqueueOutbox(tx, [{ kind: "mail", payload: { to: "a@example.org" } }]);
        throw new Error("the comment could not be stored");
      }),
    ).rejects.toThrow("the comment could not be stored");
    expect(await getDb().outboxMessage.count()).toBe(0);
  });

  it("adds nothing for a key already enqueued", async () => {
    expect(await enqueueOutbox(getDb(), [{ kind: "mail", payload: { n: 1 }, dedupeKey: "reply:c1:a@example.org" }])).toBe(1);
    expect(await enqueueOutbox(getDb(), [{ kind: "mail", payload: { n: 2 }, dedupeKey: "reply:c1:a@example.org" }, { kind: "mail", payload: { n: 3 } }])).toBe(1);
    expect(await getDb().outboxMessage.count()).toBe(2);
  });
});

describe("runOutboxOnce", () => {
  it("sends what is due with its kind's sender, once, and logs the try", async () => {
    await enqueueOutbox(getDb(), [
      { kind: "mail", payload: { to: "a@example.org", subject: "Held" } },
      { kind: "webhook", payload: { event: "comment.created" } },
    ]);
    const { sent, senders } = recordingSenders();
    expect(await runOutboxOnce(getDb(), senders)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(sent.map((message) => [message.kind, message.payload, message.attempt])).toEqual(
      expect.arrayContaining([
        ["mail", { to: "a@example.org", subject: "Held" }, 1],
        ["webhook", { event: "comment.created" }, 1],
      ]),
    );
    expect(await runOutboxOnce(getDb(), senders)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const rows = await getDb().outboxMessage.findMany({ include: { deliveryAttempts: true } });
    for (const row of rows) {
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.deliveryAttempts).toEqual([expect.objectContaining({ status: row.kind === "mail" ? 250 : 200, error: null })]);
    }
  });

  it("tries a failed send again after the backoff, not before, and logs every try", async () => {
    await enqueueOutbox(getDb(), [{ kind: "webhook", payload: { event: "comment.approved" } }]);
    let now = new Date("2026-12-04T10:00:00.000Z");
    let isDown = true;
    const { sent, senders } = recordingSenders(() => (isDown ? new OutboxSendError("The receiver answered 500", 500) : null));
    // The row was enqueued at the real time; the test's clock starts later.
    now = new Date(Date.now() + 1_000);
    const clock = { now: () => now };
    expect(await runOutboxOnce(getDb(), senders, clock)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    now = new Date(now.getTime() + retryDelayMs(1) - 1);
    expect(await runOutboxOnce(getDb(), senders, clock)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    isDown = false;
    now = new Date(now.getTime() + 1);
    expect(await runOutboxOnce(getDb(), senders, clock)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attempt).toBe(2);
    const row = await getDb().outboxMessage.findFirstOrThrow({ include: { deliveryAttempts: { orderBy: { createdAt: "asc" } } } });
    expect(row.deliveryAttempts.map((attempt) => [attempt.status, attempt.error])).toEqual([
      [500, "The receiver answered 500"],
      [200, null],
    ]);
    expect(row.lastError).toBeNull();
  });

  it("gives up after the last try, and at once on a refusal that retrying cannot change", async () => {
    await enqueueOutbox(getDb(), [
      { kind: "mail", payload: { to: "gone@example.org" }, dedupeKey: "permanent" },
      { kind: "mail", payload: { to: "flaky@example.org" }, dedupeKey: "temporary" },
    ]);
    const { senders } = recordingSenders((message) =>
      (message.payload as { to: string }).to === "gone@example.org" ? new OutboxSendError("550 No such user", 550, false) : new Error("connect ECONNREFUSED"),
    );
    let now = new Date(Date.now() + 1_000);
    const options = { now: () => now, maxAttempts: 3 };
    expect(await runOutboxOnce(getDb(), senders, options)).toEqual({ sent: 0, retrying: 1, failed: 1 });
    for (const attempt of [1, 2]) {
      now = new Date(now.getTime() + retryDelayMs(attempt));
      await runOutboxOnce(getDb(), senders, options);
    }
    const rows = await getDb().outboxMessage.findMany({ orderBy: { dedupeKey: "asc" }, include: { deliveryAttempts: true } });
    expect(rows.map((row) => [row.dedupeKey, row.attempts, row.failedAt !== null, row.lastError, row.deliveryAttempts.length])).toEqual([
      ["permanent", 1, true, "550 No such user", 1],
      ["temporary", 3, true, "connect ECONNREFUSED", 3],
    ]);
    now = new Date(now.getTime() + retryDelayMs(10));
    expect(await runOutboxOnce(getDb(), senders, options)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(MAX_OUTBOX_ATTEMPTS).toBeGreaterThanOrEqual(10);
  });

  it("never gives a message to two workers at once, and takes back the claim of one that died", async () => {
    await enqueueOutbox(
      getDb(),
      Array.from({ length: 30 }, (_, index) => ({ kind: "mail" as const, payload: { n: index } })),
    );
    const { sent, senders } = recordingSenders(() => null, 5);
    // Two workers at the same moment (on PostgreSQL, two connections racing for the rows).
    const reports = await Promise.all([runOutboxOnce(getDb(), senders, { batchSize: 20 }), runOutboxOnce(getDb(), senders, { batchSize: 20 })]);
    await runOutboxOnce(getDb(), senders, { batchSize: 20 });
    expect(reports[0].sent + reports[1].sent).toBeGreaterThanOrEqual(20);
    expect(sent).toHaveLength(30);
    expect(new Set(sent.map((message) => (message.payload as { n: number }).n)).size).toBe(30);

    // A worker claimed this one and died: nobody takes it until the claim lapses.
    await enqueueOutbox(getDb(), [{ kind: "mail", payload: { n: "orphan" } }]);
    await getDb().outboxMessage.updateMany({ where: { sentAt: null }, data: { lockedUntil: new Date(Date.now() + 60_000), attempts: 1 } });
    expect(await runOutboxOnce(getDb(), senders)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await runOutboxOnce(getDb(), senders, { now: () => new Date(Date.now() + 61_000) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });
});

describe("startOutboxWorker", () => {
  it("sends in the background what is enqueued while it runs, and stops", async () => {
    const { sent, senders } = recordingSenders();
    const stop = startOutboxWorker(getDb, senders, { pollMs: 20 });
    await enqueueOutbox(getDb(), [{ kind: "mail", payload: { to: "later@example.org" } }]);
    for (let waited = 0; sent.length === 0 && waited < 3_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await stop();
    expect(sent.map((message) => message.payload)).toEqual([{ to: "later@example.org" }]);
  });
});
