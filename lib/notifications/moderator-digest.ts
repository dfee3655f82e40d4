// The hourly digest for moderators who chose it: what was held or reported
// since their last digest and still waits for a moderator, in one mail. Every
// instance runs the timer; a moderator's digest is claimed by moving their
// alertDigestSentAt on only from the value it was read with (one instance
// wins), and its outbox key names the window, so none goes twice.
import type { Db } from "../db";
import { moderationCardUrl, alertSettingsUrl, moderationQueueUrl } from "../mail/links";
import { toMailPayload } from "../mail/mail-message";
import { mailLocaleOf, mailTranslator, renderMail, type MailBlock } from "../mail/templates";
import { isMailOn } from "../mail/transport";
import { enqueueOutbox } from "../outbox/outbox";
import { formatExactTime } from "../format/relative-time";
import type { Locale } from "../i18n/locales";
import { ALERTED_ROLES, excerptOf, heldReasonsOf } from "./moderator-alerts";
import { getReasonLabelName, getReportReasonName } from "../moderation/reason-names";

/** The least time between two digests to one moderator. */
export const DIGEST_INTERVAL_MS = 60 * 60_000;
/** How often each instance looks for moderators whose digest is due. */
export const DIGEST_CHECK_MS = 5 * 60_000;
/** Comments listed per kind; the rest are counted. */
const DIGEST_ITEMS = 30;
const DIGEST_EXCERPT = 160;

interface DigestComment {
  id: string;
  authorName: string;
  body: string;
  article: { slug: string; title: string; site: { name: string } };
}

const commentSelect = { id: true, authorName: true, body: true, article: { select: { slug: true, title: true, site: { select: { name: true } } } } } as const;

/** What one moderator's digest covers: comments held in the window and still pending, comments with reports filed in it and still open. */
async function collectWindow(db: Db, since: Date, until: Date) {
  const heldWhere = { status: "pending" as const, createdAt: { gte: since, lt: until } };
  const reportedWhere = { reports: { some: { createdAt: { gte: since, lt: until }, resolvedAt: null } } };
  const [held, heldCount, reported, reportedCount] = await Promise.all([
    db.comment.findMany({ where: heldWhere, orderBy: { createdAt: "asc" }, take: DIGEST_ITEMS, select: { ...commentSelect, verdicts: { select: { label: true, action: true, evidence: true }, orderBy: { createdAt: "asc" } } } }),
    db.comment.count({ where: heldWhere }),
    db.comment.findMany({
      where: reportedWhere,
      orderBy: { createdAt: "asc" },
      take: DIGEST_ITEMS,
      select: { ...commentSelect, reports: { where: { resolvedAt: null }, select: { reason: true }, orderBy: { createdAt: "asc" } } },
    }),
    db.comment.count({ where: reportedWhere }),
  ]);
  return { held, heldCount, reported, reportedCount };
}

function itemBlocks(comment: DigestComment, queue: "pending" | "reported", why: string, locale: Locale): MailBlock[] {
  const t = mailTranslator(locale);
  return [
    { kind: "paragraph", text: t("mail.digestItem", { who: t("mail.byOn", { authorName: comment.authorName, articleTitle: comment.article.title }), why }) },
    { kind: "quote", text: excerptOf(comment.body, DIGEST_EXCERPT) },
    { kind: "action", label: t("mail.openCard"), url: moderationCardUrl(queue, { id: comment.id, articleSlug: comment.article.slug }) },
  ];
}

/** The digest's mail in a moderator's language, or null when nothing waits. */
function renderDigest(window: Awaited<ReturnType<typeof collectWindow>>, since: Date, locale: Locale) {
  const t = mailTranslator(locale);
  const total = window.heldCount + window.reportedCount;
  if (total === 0) return null;
  const sites = new Set([...window.held, ...window.reported].map((comment) => comment.article.site.name));
  const siteName = sites.size === 1 ? [...sites][0]! : "Tertulia";
  const section = (heading: string, queue: "pending" | "reported", items: MailBlock[], count: number, listed: number): MailBlock[] =>
    count === 0
      ? []
      : [
          {
            kind: "section",
            heading: t("mail.digestSection", { heading, count }),
            blocks: [...items, ...(count > listed ? [{ kind: "paragraph" as const, text: t("mail.digestMore", { count: count - listed }) }, { kind: "action" as const, label: t("mail.openQueue"), url: moderationQueueUrl(queue) }] : [])],
          },
        ];
  const heldWhy = (comment: (typeof window.held)[number]) => heldReasonsOf(comment.verdicts).map((reason) => getReasonLabelName(reason.label, locale)).join(", ") || t("mail.noReasonGiven");
  const heldItems = window.held.flatMap((comment) => itemBlocks(comment, "pending", heldWhy(comment), locale));
  const reportedItems = window.reported.flatMap((comment) => itemBlocks(comment, "reported", [...new Set(comment.reports.map((report) => getReportReasonName(report.reason, locale)))].join(", "), locale));
  return renderMail({
    locale,
    siteName,
    subject: t("mail.digestSubject", { count: total }),
    blocks: [
      { kind: "paragraph", text: t("mail.digestIntro", { since: formatExactTime(since, locale) }) },
      ...section(t("mail.digestHeld"), "pending", heldItems, window.heldCount, window.held.length),
      ...section(t("mail.digestReported"), "reported", reportedItems, window.reportedCount, window.reported.length),
    ],
    footer: [{ kind: "paragraph", text: t("mail.alertsFooter") }, { kind: "action", label: t("mail.changeAlerts"), url: alertSettingsUrl() }],
  });
}

/**
 * Enqueues the digest of every moderator in digest mode whose last one is an
 * hour old (or who never had one: then the last hour), and moves their digest
 * time on even when nothing waited. Returns how many digests were enqueued.
 */
export async function sendModeratorDigests(db: Db, now: Date = new Date()): Promise<number> {
  if (!isMailOn()) return 0;
  const dueBefore = new Date(now.getTime() - DIGEST_INTERVAL_MS);
  const moderators = await db.moderator.findMany({
    where: { alertMode: "digest", role: { in: [...ALERTED_ROLES] }, OR: [{ alertDigestSentAt: null }, { alertDigestSentAt: { lte: dueBefore } }] },
    select: { id: true, email: true, alertDigestSentAt: true, language: true },
  });
  let enqueued = 0;
  for (const moderator of moderators) {
    const since = moderator.alertDigestSentAt ?? dueBefore;
    const rendered = renderDigest(await collectWindow(db, since, now), since, mailLocaleOf(moderator.language));
    enqueued += await db.$transaction(async (tx) => {
      // Only from the value read: another instance that got here first has moved it, and this one stops.
      const claimed = await tx.moderator.updateMany({ where: { id: moderator.id, alertMode: "digest", alertDigestSentAt: moderator.alertDigestSentAt }, data: { alertDigestSentAt: now } });
      if (claimed.count !== 1 || !rendered) return 0;
      return enqueueOutbox(tx, [{ kind: "mail", payload: toMailPayload({ to: moderator.email, ...rendered }), dedupeKey: `digest:${moderator.id}:${since.toISOString()}` }]);
    });
  }
  return enqueued;
}

/** Looks for due digests now and every `intervalMs` in the background (never keeping the process alive); returns the function that stops it. */
export function startModeratorDigests(getDb: () => Db, intervalMs = DIGEST_CHECK_MS): () => void {
  // Says at start-up whether mail goes out at all (the transport logs it once).
  isMailOn();
  const run = () =>
    sendModeratorDigests(getDb()).catch((error: unknown) => console.error(`Moderators' digests failed: ${error instanceof Error ? error.message : String(error)}`));
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
