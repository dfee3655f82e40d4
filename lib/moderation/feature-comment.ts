// Editors' picks (Coral's featured comments, the NYT's "Picks"): a moderator
// features an approved comment, which its thread then shows first in a section
// of its own, or takes the feature back. Each change is logged like a decision
// (action "feature" or "unfeature", the status the same on both sides) and
// tells readers' cached pages and the queues; asking for what already holds
// changes, logs and tells nothing.
import type { Db } from "../db";
import { AppError } from "../errors";
import type { CommentStatus } from "../generated/prisma/client";
import type { LiveBus } from "../live/live-bus";

/** The audit log's actions for picks: they sit among the decisions, but move no comment between queues. */
export const featureLogActions = ["feature", "unfeature"] as const;

/** What featuring needs: the database, and the change bus to tell (without one, nobody is told). */
export interface FeatureServices {
  db: Db;
  live?: LiveBus | undefined;
}

/** A feature request on one comment. */
export interface FeatureRequest {
  commentId: string;
  featured: boolean;
  moderatorId: string;
}

/** The outcome: the comment's pick state now, and whether this request changed it. */
export interface FeatureResult {
  id: string;
  featured: boolean;
  articleSlug: string;
  isChanged: boolean;
}

interface PickSubject {
  id: string;
  status: CommentStatus;
  deletedAt: Date | null;
}

const pickSubject = { id: true, status: true, deletedAt: true, article: { select: { slug: true } } } as const;

/**
 * Throws validation (400, naming `id`) unless the comment can be a pick: a
 * pick is shown to every reader first, so it must be published and still the
 * author's words.
 */
function requireFeaturable(comment: PickSubject): void {
  const reason = comment.deletedAt ? "deleted" : comment.status === "approved" ? null : comment.status;
  if (reason === null) return;
  throw new AppError("validation", `dashboard.engagement.api.notFeaturable.${reason}`, { fields: { id: "dashboard.engagement.api.notFeaturableField" }, params: { id: comment.id } });
}

/**
 * The pick's part of a status change: a comment a moderator rejects or files
 * as spam stops being a pick for good, so approving it again later does not
 * bring back a feature nobody chose anew. Held as pending (after readers'
 * reports, or an approval undone) it stays one: the thread shows only
 * approved comments, and approving it again is keeping it as it was.
 */
export function withdrawPickIfRemoved(toStatus: CommentStatus): { featuredAt?: null } {
  return toStatus === "rejected" || toStatus === "spam" ? { featuredAt: null } : {};
}

/**
 * Features (`featured: true`) or unfeatures a comment. Only an approved comment
 * its author has not deleted can be featured (else validation naming `id`);
 * unfeaturing is always allowed; both are idempotent. Throws not_found for an
 * unknown id.
 */
export async function featureComment(services: FeatureServices, input: FeatureRequest, now = new Date()): Promise<FeatureResult> {
  const result = await services.db.$transaction(async (tx) => {
    const found = await tx.comment.findUnique({ where: { id: input.commentId }, select: pickSubject });
    if (!found) throw new AppError("not_found", "api.comments.notFound", { fields: { id: "api.comments.noSuchComment" }, params: { id: input.commentId } });
    let isChanged: boolean;
    if (input.featured) {
      requireFeaturable(found);
      // The conditions are checked again by the write itself: a rejection or the author's deletion committed since the read must not end up featured.
      isChanged = (await tx.comment.updateMany({ where: { id: found.id, status: "approved", deletedAt: null, featuredAt: null }, data: { featuredAt: now } })).count === 1;
      // Nothing written: already a pick (fine), or no longer featurable (refused, naming why).
      if (!isChanged) requireFeaturable(await tx.comment.findUniqueOrThrow({ where: { id: found.id }, select: pickSubject }));
    } else {
      isChanged = (await tx.comment.updateMany({ where: { id: found.id, featuredAt: { not: null } }, data: { featuredAt: null } })).count === 1;
    }
    if (isChanged) {
      await tx.moderationDecision.create({
        data: { commentId: found.id, moderatorId: input.moderatorId, action: input.featured ? "feature" : "unfeature", fromStatus: found.status, toStatus: found.status, createdAt: now },
      });
    }
    return { id: found.id, featured: input.featured, articleSlug: found.article.slug, isChanged };
  });
  if (result.isChanged && services.live) {
    // Readers' cached pages of the thread reorder; open queues re-read their cards.
    await Promise.all([services.live.publish({ type: "thread", slug: result.articleSlug }), services.live.publish({ type: "queues" })]);
  }
  return result;
}
