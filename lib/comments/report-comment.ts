// Readers' reports: one per reader per comment; enough of them move an approved
// comment back to the pending queue until a moderator looks.
import { createHmac } from "node:crypto";
import { AppError } from "../errors";
import { getModerationSettings } from "../moderation/settings";
import { COMMENT_ID_PATTERN, reportInputSchema } from "../validation/comment-input";
import { requireValidInput } from "../validation/require-valid-input";
import type { PostingServices } from "./posting-services";
import type { RequestMeta } from "./submit-comment";

/** What the reporter is told. */
export interface ReportResult {
  id: string;
  message: string;
}

/** Identifies a reader without storing who they are in the clear. */
function reporterKeyOf(secret: string, request: RequestMeta): string {
  return createHmac("sha256", secret).update(`reporter:${request.ip}:${request.userAgent}`).digest("base64url");
}

/** Files a report; throws not_found for an unknown or unpublished comment, duplicate for a second report by the same reader. */
export async function reportComment(services: PostingServices, commentId: string, rawInput: unknown, request: RequestMeta): Promise<ReportResult> {
  const { db } = services;
  const input = requireValidInput(reportInputSchema, rawInput);
  const comment = COMMENT_ID_PATTERN.test(commentId) ? await db.comment.findUnique({ where: { id: commentId }, select: { id: true, status: true, article: { select: { slug: true } } } }) : null;
  if (!comment || comment.status !== "approved") {
    throw new AppError("not_found", "No published comment with that id", { fields: { id: "no such comment" } });
  }
  const reporterKey = reporterKeyOf(services.secret, request);
  const inserted = await db.report.createManyAndReturn({
    data: [{ commentId, reason: input.reason, note: input.note ?? null, reporterIp: request.ip || null, reporterKey }],
    skipDuplicates: true,
    select: { id: true },
  });
  const report = inserted[0];
  if (!report) throw new AppError("duplicate", "You have already reported this comment.");

  const settings = await getModerationSettings(db);
  const openReports = await db.report.count({ where: { commentId, resolvedAt: null } });
  let heldSlug: string | null = null;
  if (openReports >= settings.reportThreshold) {
    const moved = await db.comment.updateMany({ where: { id: commentId, status: "approved" }, data: { status: "pending" } });
    if (moved.count === 1) {
      heldSlug = comment.article.slug;
      await db.moderationDecision.create({
        data: { commentId, action: "auto-hold-reports", fromStatus: "approved", toStatus: "pending", note: `${openReports} open reports` },
      });
    }
  }
  // The reported queue changed; a comment held by its reports also left its thread.
  await Promise.all([services.live?.publish({ type: "queues" }), heldSlug ? services.live?.publish({ type: "thread", slug: heldSlug }) : undefined]);
  return { id: report.id, message: "Thanks — a moderator will review it." };
}
