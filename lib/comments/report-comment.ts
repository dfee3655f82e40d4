// Readers' reports: one per client network per comment, a few per network per
// hour. Every report puts the comment in the reported queue; whether reports
// ever take a published comment down is a setting (off by default: it stays
// published until a moderator decides, as in Coral), and then only reports
// from that many different networks do.
import { addressNetwork } from "../client-address";
import type { Db } from "../db";
import { AppError } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { getModerationSettings } from "../moderation/settings";
import { enqueueModeratorAlerts } from "../notifications/moderator-alerts";
import { COMMENT_ID_PATTERN, reportInputSchema } from "../validation/comment-input";
import { requireValidInput } from "../validation/require-valid-input";
import { networkKeyOf } from "./network-key";
import type { PostingServices } from "./posting-services";
import type { RequestMeta } from "./submit-comment";

/** What the reporter is told. */
export interface ReportResult {
  id: string;
  message: string;
}

/** Reports one client network may file in an hour, on any comments. */
export const REPORTS_PER_NETWORK_PER_HOUR = 10;

const HOUR_MS = 60 * 60 * 1000;

/** Refuses a network that has filed its hour's reports, saying when it may again. */
async function requireReportAllowance(db: Db, network: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - HOUR_MS);
  const recent = await db.report.findMany({
    where: { reporterNetwork: network, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: REPORTS_PER_NETWORK_PER_HOUR,
    select: { createdAt: true },
  });
  if (recent.length < REPORTS_PER_NETWORK_PER_HOUR) return;
  const oldest = recent[recent.length - 1]!.createdAt;
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - now.getTime()) / 1000));
  throw new AppError("rate_limited", "api.reports.tooMany", { retryAfterSeconds, params: { max: REPORTS_PER_NETWORK_PER_HOUR } });
}

/** How many different networks have open reports on the comment (rows from before networks were stored count by their address). */
async function countReportingNetworks(db: Db, commentId: string): Promise<number> {
  const open = await db.report.findMany({ where: { commentId, resolvedAt: null }, select: { reporterNetwork: true, reporterIp: true } });
  return new Set(open.map((report) => report.reporterNetwork || addressNetwork(report.reporterIp ?? ""))).size;
}

/** Files a report (its answer in `locale`, the request's language); throws not_found for an unknown or unpublished comment, duplicate for a second report from the same network, rate_limited past the network's hourly reports. */
export async function reportComment(services: PostingServices, commentId: string, rawInput: unknown, request: RequestMeta, options: { locale?: Locale } = {}): Promise<ReportResult> {
  const { db } = services;
  const input = requireValidInput(reportInputSchema, rawInput);
  const comment = COMMENT_ID_PATTERN.test(commentId) ? await db.comment.findUnique({ where: { id: commentId }, select: { id: true, status: true, articleId: true, authorName: true, body: true, article: { select: { slug: true } } } }) : null;
  if (!comment || comment.status !== "approved") {
    throw new AppError("not_found", "api.reports.notPublished", { fields: { id: "api.comments.noSuchComment" } });
  }
  const network = addressNetwork(request.ip);
  await requireReportAllowance(db, network, new Date());
  // A reporter is known by their network alone, as a keyed hash: one report per network per comment.
  const reporterKey = networkKeyOf(services.secret, network);
  // The moderators' alerts are written with the report (the first report of a comment alerts; its key makes later ones add nothing).
  const report = await db.$transaction(async (tx) => {
    const [inserted] = await tx.report.createManyAndReturn({
      data: [{ commentId, reason: input.reason, note: input.note ?? null, reporterIp: request.ip || null, reporterKey, reporterNetwork: network }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (inserted) {
      await enqueueModeratorAlerts(tx, { event: "reported", commentId, articleId: comment.articleId, authorName: comment.authorName, body: comment.body, reason: input.reason, note: input.note ?? null });
    }
    return inserted;
  });
  if (!report) throw new AppError("duplicate", "api.reports.duplicate");

  const { reportThreshold } = await getModerationSettings(db);
  const reportingNetworks = reportThreshold === null ? 0 : await countReportingNetworks(db, commentId);
  let heldSlug: string | null = null;
  if (reportThreshold !== null && reportingNetworks >= reportThreshold) {
    const moved = await db.comment.updateMany({ where: { id: commentId, status: "approved" }, data: { status: "pending" } });
    if (moved.count === 1) {
      heldSlug = comment.article.slug;
      await db.moderationDecision.create({
        data: { commentId, action: "auto-hold-reports", fromStatus: "approved", toStatus: "pending", note: `open reports from ${reportingNetworks} networks` },
      });
    }
  }
  // The reported queue changed; a comment held by its reports also left its thread.
  await Promise.all([services.live?.publish({ type: "queues" }), heldSlug ? services.live?.publish({ type: "thread", slug: heldSlug }) : undefined]);
  return { id: report.id, message: translate(options.locale ?? DEFAULT_LOCALE, "api.reports.thanks") };
}
