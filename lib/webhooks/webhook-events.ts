// Webhook events, written to the outbox in the transaction that causes them
// (a comment stored, a moderator's decision), one row per subscribed hook, so
// a delivery is never lost to a crash and never sent for a rolled-back change.
//
// Which events: a stored comment fires comment.created when readers or
// moderators will see it (approved or pending; spam and the pipeline's
// rejections are noise a bot could flood a receiver with). A comment the
// pipeline approves at once also fires comment.approved, so a receiver that
// mirrors published comments hears of every one, by a moderator or not. A
// decision fires comment.approved (approve, not spam, or an undo back to
// approved) or comment.rejected (reject, spam) when the status changes.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { enqueueOutbox } from "../outbox/outbox";
import type { WebhookEvent } from "../validation/webhook-input";

type CommentStatus = "approved" | "pending" | "spam" | "rejected";

/**
 * The JSON body every delivery sends, in this key order. Never the author's
 * e-mail, website or IP: receivers are other services, not moderators.
 */
export const webhookBodySchema = z.object({
  event: z.string(),
  /** The event's id: the same for every hook told of it, and on every retry. */
  id: z.string(),
  createdAt: z.string(),
  site: z.object({ key: z.string() }),
  article: z.object({ slug: z.string(), url: z.string(), title: z.string() }),
  comment: z.object({
    id: z.string(),
    parentId: z.string().nullable(),
    authorName: z.string(),
    bodyHtml: z.string(),
    status: z.string(),
    createdAt: z.string(),
  }),
});

/** A delivery's body. */
export type WebhookBody = z.infer<typeof webhookBodySchema>;

/** The client events are written with: the app's or a transaction's. */
export type WebhookEventWriter = Pick<Db, "webhook" | "comment" | "outboxMessage">;

/** The event a test delivery from the dashboard carries (never subscribed to; sent on request only). */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/** What an event is about. */
export interface WebhookEventSubject {
  type: WebhookEvent | typeof WEBHOOK_TEST_EVENT;
  comment: { id: string; parentId: string | null; authorName: string; bodyHtml: string; status: string; createdAt: Date };
  article: { slug: string; url: string; title: string };
  site: { id: string; key: string };
}

/** The body of one event (the same for each hook); `now` is when it happened. */
export function buildWebhookBody(subject: WebhookEventSubject, now = new Date()): WebhookBody {
  const { comment, article, site } = subject;
  return {
    event: subject.type,
    id: `evt_${randomUUID()}`,
    createdAt: now.toISOString(),
    site: { key: site.key },
    article: { slug: article.slug, url: article.url, title: article.title },
    comment: { id: comment.id, parentId: comment.parentId, authorName: comment.authorName, bodyHtml: comment.bodyHtml, status: comment.status, createdAt: comment.createdAt.toISOString() },
  };
}

/**
 * Writes one outbox row per active hook of the site subscribed to the event
 * (dedupeKey `webhook:{hookId}:{event}:{commentId}`, so the same event is
 * never queued twice for a hook). Returns how many were queued.
 */
export async function enqueueWebhookEvents(db: Pick<Db, "webhook" | "outboxMessage">, subject: WebhookEventSubject & { type: WebhookEvent }, now = new Date()): Promise<number> {
  const hooks = await db.webhook.findMany({ where: { siteId: subject.site.id, isActive: true, events: { has: subject.type } }, select: { id: true } });
  if (hooks.length === 0) return 0;
  const body = buildWebhookBody(subject, now) as Prisma.InputJsonObject;
  return enqueueOutbox(
    db,
    hooks.map((hook) => ({ kind: "webhook", payload: body, webhookId: hook.id, dedupeKey: `webhook:${hook.id}:${subject.type}:${subject.comment.id}` })),
  );
}

/** The events a newly stored comment fires. */
export function eventsForNewComment(status: CommentStatus): WebhookEvent[] {
  if (status === "approved") return ["comment.created", "comment.approved"];
  return status === "pending" ? ["comment.created"] : [];
}

/** The events a moderator's change of status fires (none when it did not change, or went back to pending). */
export function eventsForStatusChange(fromStatus: CommentStatus, toStatus: CommentStatus): WebhookEvent[] {
  if (fromStatus === toStatus) return [];
  if (toStatus === "approved") return ["comment.approved"];
  return toStatus === "rejected" || toStatus === "spam" ? ["comment.rejected"] : [];
}

/**
 * Queues `events` about a comment for its site's hooks, reading the comment
 * with the caller's client (in its transaction, so it sees the new status).
 * Costs one query when the site has no hooks.
 */
export async function enqueueCommentWebhooks(db: WebhookEventWriter, commentId: string, events: readonly WebhookEvent[], now = new Date()): Promise<number> {
  if (events.length === 0) return 0;
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      parentId: true,
      authorName: true,
      bodyHtml: true,
      status: true,
      createdAt: true,
      article: { select: { slug: true, url: true, title: true, site: { select: { id: true, key: true, webhooks: { where: { isActive: true }, select: { id: true }, take: 1 } } } } },
    },
  });
  if (!comment || comment.article.site.webhooks.length === 0) return 0;
  const { article } = comment;
  let queued = 0;
  for (const type of events) {
    queued += await enqueueWebhookEvents(db, { type, comment, article: { slug: article.slug, url: article.url, title: article.title }, site: article.site }, now);
  }
  return queued;
}
