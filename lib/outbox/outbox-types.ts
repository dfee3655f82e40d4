// The outbox's contract between what enqueues (in the transaction that causes
// a mail or a webhook delivery), the worker that sends (outbox.ts) and the
// senders of each kind (lib/mail, lib/webhooks).
import type { Prisma } from "../generated/prisma/client";

/** Which sender takes a message. */
export type OutboxKind = "mail" | "webhook";

/** A message to write with enqueueOutbox. */
export interface OutboxEntry {
  kind: OutboxKind;
  /** What the sender needs, as JSON (a mail's rendered parts, a webhook's event body). */
  payload: Prisma.InputJsonValue;
  /** Enqueueing the same key again adds nothing ("reply:{commentId}:{address}"). */
  dedupeKey?: string;
  /** The hook a webhook delivery is for (its delivery log). */
  webhookId?: string;
}

/** A message as the worker hands it to its sender. */
export interface OutboxMessageToSend {
  id: string;
  kind: OutboxKind;
  payload: Prisma.JsonValue;
  /** This try's number, from 1. */
  attempt: number;
  webhookId: string | null;
}

/** What a receiver answered to a successful send (an HTTP status, an SMTP reply code). */
export interface SendOutcome {
  status: number | null;
}

/**
 * Sends one message. Resolves when the receiver took it; throws OutboxSendError
 * (or anything) when it did not, and the worker tries again later.
 */
export type OutboxSender = (message: OutboxMessageToSend) => Promise<SendOutcome>;

/** A send the receiver refused or that could not reach it: the status it answered, if any, goes in the delivery log. */
export class OutboxSendError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    /** False when trying again cannot help (a mail address the server refuses for good): the message fails at once. */
    readonly isRetryable = true,
  ) {
    super(message);
  }
}
