// The outbox: mails and webhook deliveries are rows written in the same
// transaction as what causes them (a held comment, a decision), so none is
// lost to a crash between the two, and sent afterwards by a worker in every
// app process. A worker claims due rows with FOR UPDATE SKIP LOCKED and a
// claim that lapses, so two instances never send one row at the same time and
// a worker that dies mid-send only delays it; a failed send is tried again
// later with a growing delay, each try logged (DeliveryAttempt). A receiver
// that took a message but whose answer was lost may see it twice: senders
// give each message its id (X-Tertulia-Delivery, Message-ID) to spot that.
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { OutboxSendError, type OutboxEntry, type OutboxKind, type OutboxMessageToSend, type OutboxSender } from "./outbox-types";

export * from "./outbox-types";

/** What enqueueing needs: the app's client or a transaction's. */
export type OutboxWriter = Pick<Db, "outboxMessage">;

/** Writes messages with the caller's client (inside its transaction, to commit or vanish with it); returns how many were new (a repeated dedupeKey adds nothing). */
export async function enqueueOutbox(db: OutboxWriter, entries: OutboxEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const { count } = await db.outboxMessage.createMany({
    data: entries.map((entry) => ({ kind: entry.kind, payload: entry.payload, dedupeKey: entry.dedupeKey ?? null, webhookId: entry.webhookId ?? null })),
    skipDuplicates: true,
  });
  return count;
}

/** Most tries before a message is given up (about a day of retries with retryDelayMs). */
export const MAX_OUTBOX_ATTEMPTS = 12;
/** How long a claim holds: longer than any send may take (webhooks time out after 10 s, SMTP sooner than this). */
export const OUTBOX_CLAIM_MS = 2 * 60_000;
/** How often an idle worker looks for due messages. */
export const OUTBOX_POLL_MS = 1_000;
const OUTBOX_BATCH = 20;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 6 * 60 * 60_000;

/** The wait before try `attempt + 1` after try `attempt` failed: 30 s, doubling, at most 6 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_RETRY_MS);
}

/** Who sends each kind. */
export type OutboxSenders = Record<OutboxKind, OutboxSender>;

/** How a worker runs; the clock is for tests. */
export interface OutboxRunOptions {
  batchSize?: number;
  claimMs?: number;
  maxAttempts?: number;
  now?: () => Date;
}

/** What one run did. */
export interface OutboxRunReport {
  sent: number;
  /** Failed this time, to be tried again. */
  retrying: number;
  /** Failed for the last time (or for good): given up. */
  failed: number;
}

interface ClaimedRow {
  id: string;
  kind: string;
  payload: Prisma.JsonValue;
  attempts: number;
  webhookId: string | null;
}

/** Takes up to `limit` due messages for this worker, counting the try; nobody else takes them until the claim lapses. */
async function claimDueMessages(db: Db, limit: number, now: Date, claimMs: number): Promise<ClaimedRow[]> {
  const rows = await db.$queryRawUnsafe<ClaimedRow[]>(
    `UPDATE "OutboxMessage" SET "lockedUntil" = CAST($2 AS timestamp(3)), "attempts" = "attempts" + 1
     WHERE "id" IN (
       SELECT "id" FROM "OutboxMessage"
       WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= CAST($1 AS timestamp(3))
         AND ("lockedUntil" IS NULL OR "lockedUntil" < CAST($1 AS timestamp(3)))
       ORDER BY "nextAttemptAt", "id"
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     RETURNING "id", "kind", "payload", "attempts", "webhookId"`,
    now.toISOString(),
    new Date(now.getTime() + claimMs).toISOString(),
    limit,
  );
  return rows;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
}

/** Sends one claimed message and writes what happened: sent, to be tried again later, or given up. */
async function sendClaimed(db: Db, row: ClaimedRow, senders: OutboxSenders, options: Required<OutboxRunOptions>): Promise<keyof OutboxRunReport> {
  const sender = senders[row.kind as OutboxKind] as OutboxSender | undefined;
  const message: OutboxMessageToSend = { id: row.id, kind: row.kind as OutboxKind, payload: row.payload, attempt: row.attempts, webhookId: row.webhookId };
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  let isRetryable = true;
  try {
    if (!sender) throw new OutboxSendError(`No sender for "${row.kind}" messages`, null, false);
    status = (await sender(message)).status;
  } catch (caught) {
    error = describe(caught);
    if (caught instanceof OutboxSendError) {
      status = caught.status;
      isRetryable = caught.isRetryable;
    }
  }
  const durationMs = Date.now() - started;
  const now = options.now();
  const outcome: keyof OutboxRunReport = error === null ? "sent" : isRetryable && row.attempts < options.maxAttempts ? "retrying" : "failed";
  const data: Prisma.OutboxMessageUpdateInput =
    outcome === "sent"
      ? { sentAt: now, lockedUntil: null, lastError: null }
      : outcome === "retrying"
        ? { nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lockedUntil: null, lastError: error }
        : { failedAt: now, lockedUntil: null, lastError: error };
  await db.$transaction([
    db.outboxMessage.update({ where: { id: row.id }, data }),
    db.deliveryAttempt.create({ data: { messageId: row.id, status, error, durationMs, createdAt: now } }),
  ]);
  return outcome;
}

/** Claims the messages due now and sends them, a few at a time; for the worker's loop and for tests. */
export async function runOutboxOnce(db: Db, senders: OutboxSenders, options: OutboxRunOptions = {}): Promise<OutboxRunReport> {
  const settings: Required<OutboxRunOptions> = {
    batchSize: options.batchSize ?? OUTBOX_BATCH,
    claimMs: options.claimMs ?? OUTBOX_CLAIM_MS,
    maxAttempts: options.maxAttempts ?? MAX_OUTBOX_ATTEMPTS,
    now: options.now ?? (() => new Date()),
  };
  const report: OutboxRunReport = { sent: 0, retrying: 0, failed: 0 };
  const rows = await claimDueMessages(db, settings.batchSize, settings.now(), settings.claimMs);
  // One receiver slow or down must not hold up the rest of the batch.
  const outcomes = await Promise.all(rows.map((row) => sendClaimed(db, row, senders, settings)));
  for (const outcome of outcomes) report[outcome] += 1;
  return report;
}

/**
 * Sends due messages in the background until stopped: at once while there is
 * a backlog, else every `pollMs`. Returns the function that stops it (after
 * the run under way).
 */
export function startOutboxWorker(getDb: () => Db, senders: OutboxSenders, options: OutboxRunOptions & { pollMs?: number } = {}): () => Promise<void> {
  const pollMs = options.pollMs ?? OUTBOX_POLL_MS;
  const batchSize = options.batchSize ?? OUTBOX_BATCH;
  let isStopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const loop = async (): Promise<void> => {
    if (isStopped) return;
    let wasFull = false;
    try {
      const report = await runOutboxOnce(getDb(), senders, options);
      wasFull = report.sent + report.retrying + report.failed >= batchSize;
    } catch (error) {
      console.error(`Outbox: sending failed: ${describe(error)}`);
    }
    if (isStopped) return;
    timer = setTimeout(() => (running = loop()), wasFull ? 0 : pollMs);
    timer.unref();
  };
  running = loop();
  return async () => {
    isStopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
