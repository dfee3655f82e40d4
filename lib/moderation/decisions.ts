// A moderator's decisions: approve, reject, spam, not spam (ham), one or many
// at once, and undo. Each is recorded for the audit log and resolves the
// comment's open reports; spam and ham are reported back to Akismet (with the
// same fields the check sent) when a key is set. A comment rejected or filed
// as spam loses its readers' respects.
import { z } from "zod";
import { toAkismetComment } from "../comments/akismet-fields";
import { clearRespects, isRespectKeptAt } from "../comments/respect";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { AkismetComment, SpamChecker } from "../integrations/akismet";
import type { LiveBus } from "../live/live-bus";
import { handleStatusChange } from "../notifications/reader-notifications";
import { enqueueCommentWebhooks, eventsForStatusChange } from "../webhooks/webhook-events";
import { featureLogActions, withdrawPickIfRemoved } from "./feature-comment";
import { decisionActions, type DecisionAction } from "./queue-names";

type Status = "approved" | "pending" | "spam" | "rejected";

/** Comments one bulk decision may name. */
const BULK_DECISION_MAX = 100;

/** What the decision schemas' messages (catalog keys) name: pass to requireValidInput with them. */
export const DECISION_MESSAGE_PARAMS = { actions: decisionActions.join(", "), idsMax: BULK_DECISION_MAX } as const;

/** The decision request (SPEC.md `POST /api/v1/moderation/comments/{id}/decision`). */
export const decisionInputSchema = z.object({
  action: z.enum(decisionActions, { message: "api.moderation.badAction" }),
});

/** A decision on many comments at once. */
export const bulkDecisionInputSchema = decisionInputSchema.extend({
  ids: z.array(z.string().min(1).max(64)).min(1, "api.moderation.idsEmpty").max(BULK_DECISION_MAX, "api.moderation.idsTooMany"),
});

/** How long after a decision its moderator can still undo it. */
export const UNDO_WINDOW_MS = 60_000;

const statusAfter: Record<DecisionAction, Status> = { approve: "approved", reject: "rejected", spam: "spam", ham: "approved" };

/** What decisions need besides the database. */
export interface DecisionServices {
  db: Db;
  /** null when no Akismet key is set: spam and ham are then not reported. */
  spamChecker: SpamChecker | null;
  /** Told what changed once a decision is stored; without one, nobody is. */
  live?: LiveBus | undefined;
}

/** The outcome of one decision. */
export interface DecisionResult {
  id: string;
  status: Status;
  fromStatus: Status;
  articleSlug: string;
  /** Whether the decision was reported to Akismet. */
  akismet: "sent" | "skipped" | "failed";
}

const commentForDecision = {
  id: true,
  status: true,
  parentId: true,
  authorName: true,
  authorEmail: true,
  authorUrl: true,
  body: true,
  ip: true,
  userAgent: true,
  referrer: true,
  createdAt: true,
  article: { select: { slug: true, url: true } },
} as const;

type CommentForDecision = {
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  createdAt: Date;
  article: { url: string };
};

/** The fields Akismet's check saw, rebuilt from the stored comment. */
function akismetFieldsOf(comment: CommentForDecision): AkismetComment {
  return toAkismetComment({ ...comment, permalink: comment.article.url, isReply: comment.parentId !== null });
}

async function reportToAkismet(spamChecker: SpamChecker | null, kind: "spam" | "ham" | null, comment: CommentForDecision): Promise<DecisionResult["akismet"]> {
  if (!kind || !spamChecker) return "skipped";
  try {
    await (kind === "spam" ? spamChecker.submitSpam(akismetFieldsOf(comment)) : spamChecker.submitHam(akismetFieldsOf(comment)));
    return "sent";
  } catch (error) {
    // The decision stands; Akismet only misses one training example.
    console.error(`Akismet submit-${kind} failed: ${error instanceof Error ? error.message : String(error)}`);
    return "failed";
  }
}

/** What a status change means to readers and moderators, before Akismet hears of it. */
type StoredDecision = Omit<DecisionResult, "akismet">;

/**
 * Tells live readers and moderators what some decisions changed: the queues
 * always, and each thread where a comment appeared or disappeared. Sent as
 * soon as the decisions are stored: Akismet can take seconds.
 */
async function publishDecisions(live: LiveBus | undefined, decisions: readonly StoredDecision[]): Promise<void> {
  if (!live || decisions.length === 0) return;
  const slugs = new Set(decisions.filter((decision) => (decision.status === "approved") !== (decision.fromStatus === "approved")).map((decision) => decision.articleSlug));
  await Promise.all([live.publish({ type: "queues" }), ...[...slugs].map((slug) => live.publish({ type: "thread", slug }))]);
}

/** Stores one decision: the new status, a log entry, the comment's open reports resolved. Throws not_found for an unknown id. */
async function storeDecision(db: Db, input: { commentId: string; action: DecisionAction; moderatorId: string }, now: Date): Promise<{ stored: StoredDecision; comment: CommentForDecision }> {
  const toStatus = statusAfter[input.action];
  const comment = await db.$transaction(async (tx) => {
    const found = await tx.comment.findUnique({ where: { id: input.commentId }, select: commentForDecision });
    if (!found) throw new AppError("not_found", "api.comments.notFound", { fields: { id: "api.comments.noSuchComment" }, params: { id: input.commentId } });
    await tx.comment.update({ where: { id: found.id }, data: { status: toStatus, ...withdrawPickIfRemoved(toStatus) } });
    if (!isRespectKeptAt(toStatus)) await clearRespects(tx, found.id);
    await tx.moderationDecision.create({
      data: { commentId: found.id, moderatorId: input.moderatorId, action: input.action, fromStatus: found.status, toStatus, createdAt: now },
    });
    // Reports are answered by the decision; undo reopens exactly these (same timestamp).
    await tx.report.updateMany({ where: { commentId: found.id, resolvedAt: null }, data: { resolvedAt: now } });
    await enqueueCommentWebhooks(tx, found.id, eventsForStatusChange(found.status, toStatus), now);
    await handleStatusChange(tx, found.id, found.status, toStatus, now);
    return found;
  });
  return { stored: { id: comment.id, status: toStatus, fromStatus: comment.status, articleSlug: comment.article.slug }, comment };
}

function akismetKindOf(action: DecisionAction): "spam" | "ham" | null {
  return action === "spam" ? "spam" : action === "ham" ? "ham" : null;
}

/** Applies one decision: the new status, a log entry, the comment's open reports resolved. Throws not_found for an unknown id. */
export async function decideComment(services: DecisionServices, input: { commentId: string; action: DecisionAction; moderatorId: string }, now = new Date()): Promise<DecisionResult> {
  const { stored, comment } = await storeDecision(services.db, input, now);
  await publishDecisions(services.live, [stored]);
  return { ...stored, akismet: await reportToAkismet(services.spamChecker, akismetKindOf(input.action), comment) };
}

/** Applies one decision to many comments; each stands alone, and unknown ids are listed rather than failing the rest. */
export async function decideComments(
  services: DecisionServices,
  input: { commentIds: readonly string[]; action: DecisionAction; moderatorId: string },
  now = new Date(),
): Promise<{ decided: DecisionResult[]; notFound: string[] }> {
  const stored: Array<{ stored: StoredDecision; comment: CommentForDecision }> = [];
  const notFound: string[] = [];
  try {
    for (const commentId of new Set(input.commentIds)) {
      try {
        stored.push(await storeDecision(services.db, { commentId, action: input.action, moderatorId: input.moderatorId }, now));
      } catch (error) {
        if (error instanceof AppError && error.code === "not_found") notFound.push(commentId);
        else throw error;
      }
    }
  } finally {
    // One notice per thread for the whole batch, also for the part stored before an unexpected failure.
    await publishDecisions(
      services.live,
      stored.map((entry) => entry.stored),
    );
  }
  const decided: DecisionResult[] = [];
  for (const entry of stored) decided.push({ ...entry.stored, akismet: await reportToAkismet(services.spamChecker, akismetKindOf(input.action), entry.comment) });
  return { decided, notFound };
}

/**
 * Undoes a moderator's latest decision on a comment, within UNDO_WINDOW_MS and
 * only while nobody has decided since: the comment goes back to its earlier
 * status and its reports reopen. A spam or ham report is corrected with the
 * opposite one.
 */
export async function undoDecision(services: DecisionServices, input: { commentId: string; moderatorId: string }, now = new Date()): Promise<DecisionResult> {
  const { db } = services;
  const { comment, decision } = await db.$transaction(async (tx) => {
    // Picks are logged beside decisions but move no comment: undo takes back the latest decision itself.
    const latest = await tx.moderationDecision.findFirst({
      where: { commentId: input.commentId, action: { notIn: [...featureLogActions] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const found = await tx.comment.findUnique({ where: { id: input.commentId }, select: commentForDecision });
    if (!found) throw new AppError("not_found", "api.comments.notFound", { fields: { id: "api.comments.noSuchComment" }, params: { id: input.commentId } });
    if (!latest || latest.action === "undo" || latest.moderatorId !== input.moderatorId || latest.toStatus !== found.status) {
      throw new AppError("validation", "api.moderation.nothingToUndo", { fields: { id: "api.moderation.nothingToUndoField" } });
    }
    if (now.getTime() - latest.createdAt.getTime() > UNDO_WINDOW_MS) {
      throw new AppError("validation", "api.moderation.tooLateToUndo", { fields: { id: "api.moderation.tooLateToUndoField" } });
    }
    await tx.comment.update({ where: { id: found.id }, data: { status: latest.fromStatus, ...withdrawPickIfRemoved(latest.fromStatus) } });
    if (!isRespectKeptAt(latest.fromStatus)) await clearRespects(tx, found.id);
    await tx.moderationDecision.create({
      data: { commentId: found.id, moderatorId: input.moderatorId, action: "undo", fromStatus: latest.toStatus, toStatus: latest.fromStatus, note: `undid ${latest.action}`, createdAt: now },
    });
    await tx.report.updateMany({ where: { commentId: found.id, resolvedAt: latest.createdAt }, data: { resolvedAt: null } });
    await enqueueCommentWebhooks(tx, found.id, eventsForStatusChange(latest.toStatus, latest.fromStatus), now);
    await handleStatusChange(tx, found.id, latest.toStatus, latest.fromStatus, now);
    return { comment: found, decision: latest };
  });
  const stored: StoredDecision = { id: comment.id, status: decision.fromStatus, fromStatus: decision.toStatus, articleSlug: comment.article.slug };
  await publishDecisions(services.live, [stored]);
  const correction = decision.action === "spam" ? "ham" : decision.action === "ham" ? "spam" : null;
  return { ...stored, akismet: await reportToAkismet(services.spamChecker, correction, comment) };
}
