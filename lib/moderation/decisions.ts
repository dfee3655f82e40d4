// A moderator's decisions: approve, reject, spam, not spam (ham), one or many
// at once, and undo. Each is recorded for the audit log and resolves the
// comment's open reports; spam and ham are reported back to Akismet (with the
// same fields the check sent) when a key is set.
import { z } from "zod";
import { toAkismetComment } from "../comments/akismet-fields";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { AkismetComment, SpamChecker } from "../integrations/akismet";
import { decisionActions, type DecisionAction } from "./queue-names";

type Status = "approved" | "pending" | "spam" | "rejected";

/** The decision request (SPEC.md `POST /api/v1/moderation/comments/{id}/decision`). */
export const decisionInputSchema = z.object({
  action: z.enum(decisionActions, { message: `action must be one of ${decisionActions.join(", ")}` }),
});

/** A decision on many comments at once. */
export const bulkDecisionInputSchema = decisionInputSchema.extend({
  ids: z.array(z.string().min(1).max(64)).min(1, "ids must list at least one comment").max(100, "ids can list at most 100 comments"),
});

/** How long after a decision its moderator can still undo it. */
export const UNDO_WINDOW_MS = 60_000;

const statusAfter: Record<DecisionAction, Status> = { approve: "approved", reject: "rejected", spam: "spam", ham: "approved" };

/** What decisions need besides the database. */
export interface DecisionServices {
  db: Db;
  /** null when no Akismet key is set: spam and ham are then not reported. */
  spamChecker: SpamChecker | null;
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

/** Applies one decision: the new status, a log entry, the comment's open reports resolved. Throws not_found for an unknown id. */
export async function decideComment(services: DecisionServices, input: { commentId: string; action: DecisionAction; moderatorId: string }, now = new Date()): Promise<DecisionResult> {
  const { db } = services;
  const toStatus = statusAfter[input.action];
  const comment = await db.$transaction(async (tx) => {
    const found = await tx.comment.findUnique({ where: { id: input.commentId }, select: commentForDecision });
    if (!found) throw new AppError("not_found", `No comment with id "${input.commentId}"`, { fields: { id: "no such comment" } });
    await tx.comment.update({ where: { id: found.id }, data: { status: toStatus } });
    await tx.moderationDecision.create({
      data: { commentId: found.id, moderatorId: input.moderatorId, action: input.action, fromStatus: found.status, toStatus, createdAt: now },
    });
    // Reports are answered by the decision; undo reopens exactly these (same timestamp).
    await tx.report.updateMany({ where: { commentId: found.id, resolvedAt: null }, data: { resolvedAt: now } });
    return found;
  });
  const kind = input.action === "spam" ? "spam" : input.action === "ham" ? "ham" : null;
  const akismet = await reportToAkismet(services.spamChecker, kind, comment);
  return { id: comment.id, status: toStatus, fromStatus: comment.status, articleSlug: comment.article.slug, akismet };
}

/** Applies one decision to many comments; each stands alone, and unknown ids are listed rather than failing the rest. */
export async function decideComments(
  services: DecisionServices,
  input: { commentIds: readonly string[]; action: DecisionAction; moderatorId: string },
  now = new Date(),
): Promise<{ decided: DecisionResult[]; notFound: string[] }> {
  const decided: DecisionResult[] = [];
  const notFound: string[] = [];
  for (const commentId of new Set(input.commentIds)) {
    try {
      decided.push(await decideComment(services, { commentId, action: input.action, moderatorId: input.moderatorId }, now));
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") notFound.push(commentId);
      else throw error;
    }
  }
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
    const latest = await tx.moderationDecision.findFirst({ where: { commentId: input.commentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    const found = await tx.comment.findUnique({ where: { id: input.commentId }, select: commentForDecision });
    if (!found) throw new AppError("not_found", `No comment with id "${input.commentId}"`, { fields: { id: "no such comment" } });
    if (!latest || latest.action === "undo" || latest.moderatorId !== input.moderatorId || latest.toStatus !== found.status) {
      throw new AppError("validation", "There is no decision of yours on this comment to undo.", { fields: { id: "nothing to undo" } });
    }
    if (now.getTime() - latest.createdAt.getTime() > UNDO_WINDOW_MS) {
      throw new AppError("validation", "Too late to undo: decide again instead.", { fields: { id: "undo window has passed" } });
    }
    await tx.comment.update({ where: { id: found.id }, data: { status: latest.fromStatus } });
    await tx.moderationDecision.create({
      data: { commentId: found.id, moderatorId: input.moderatorId, action: "undo", fromStatus: latest.toStatus, toStatus: latest.fromStatus, note: `undid ${latest.action}`, createdAt: now },
    });
    await tx.report.updateMany({ where: { commentId: found.id, resolvedAt: latest.createdAt }, data: { resolvedAt: null } });
    return { comment: found, decision: latest };
  });
  const correction = decision.action === "spam" ? "ham" : decision.action === "ham" ? "spam" : null;
  const akismet = await reportToAkismet(services.spamChecker, correction, comment);
  return { id: comment.id, status: decision.fromStatus, fromStatus: decision.toStatus, articleSlug: comment.article.slug, akismet };
}
