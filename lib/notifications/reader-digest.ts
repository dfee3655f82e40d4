// The hourly digest of followed discussions: for each confirmed address, the
// comments approved in the threads it follows since each thread's window
// (never its own), in one mail. Every instance runs the timer; a recipient's
// digest is claimed by moving its digestSentAt on only from the value it was
// read with (one instance wins), as the moderators' digest does.
import type { Db } from "../db";
import { mailLocaleOf, mailTranslator, type MailBlock } from "../mail/templates";
import { isMailOn } from "../mail/transport";
import { enqueueOutbox } from "../outbox/outbox";
import { DIGEST_CHECK_MS, DIGEST_INTERVAL_MS } from "./moderator-digest";
import { excerptOf } from "./moderator-alerts";
import { readerMailPayload, readerPermalink } from "./reader-mail";

/** Comments quoted per thread; the rest are counted. */
const THREAD_ITEMS = 10;
const EXCERPT = 280;
/**
 * A digest covers comments up to a minute ago: a comment is stamped when its
 * transaction starts (10 s at most before it commits), so one committed just
 * after a digest read its window still falls in the next window, not between.
 */
export const DIGEST_SETTLE_MS = 60_000;

/** Approved in [since, until): published at once in it, or approved by a moderator in it. */
function approvedInWindow(articleId: string, ownEmail: string, since: Date, until: Date) {
  return {
    articleId,
    status: "approved" as const,
    authorEmail: { not: ownEmail },
    OR: [{ createdAt: { gte: since, lt: until } }, { decisions: { some: { toStatus: "approved" as const, createdAt: { gte: since, lt: until } } } }],
  };
}

/**
 * Enqueues the digest of every confirmed recipient following a thread whose
 * last digest is an hour old (or who never had one), and moves its windows on
 * even when nothing was published. Returns how many mails were enqueued.
 */
export async function sendFollowDigests(db: Db, now: Date = new Date()): Promise<number> {
  if (!isMailOn()) return 0;
  const dueBefore = new Date(now.getTime() - DIGEST_INTERVAL_MS);
  const until = new Date(now.getTime() - DIGEST_SETTLE_MS);
  const recipients = await db.mailRecipient.findMany({
    where: { confirmedAt: { not: null }, unsubscribedAt: null, OR: [{ digestSentAt: null }, { digestSentAt: { lte: dueBefore } }], subscriptions: { some: { kind: "thread" } } },
    select: { id: true, email: true, digestSentAt: true, language: true, subscriptions: { where: { kind: "thread" }, select: { id: true, articleId: true, windowStart: true } } },
  });
  let enqueued = 0;
  for (const recipient of recipients) {
    const locale = mailLocaleOf(recipient.language);
    const t = mailTranslator(locale);
    const sections: MailBlock[] = [];
    const siteNames = new Set<string>();
    let total = 0;
    for (const subscription of recipient.subscriptions) {
      if (!subscription.articleId) continue;
      if (subscription.windowStart >= until) continue;
      const where = approvedInWindow(subscription.articleId, recipient.email, subscription.windowStart, until);
      const [comments, count] = await Promise.all([
        db.comment.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: THREAD_ITEMS, select: { id: true, authorName: true, body: true, article: { select: { slug: true, title: true, site: { select: { name: true, language: true } } } } } }),
        db.comment.count({ where }),
      ]);
      if (count === 0) continue;
      total += count;
      const article = comments[0]!.article;
      siteNames.add(article.site.name);
      sections.push({
        kind: "section",
        heading: article.title,
        blocks: [
          ...comments.flatMap((comment): MailBlock[] => [
            { kind: "paragraph", text: t("mail.followComment", { authorName: comment.authorName }) },
            { kind: "quote", text: excerptOf(comment.body, EXCERPT) },
            { kind: "action", label: t("mail.readComment"), url: readerPermalink({ id: comment.id, articleSlug: article.slug }, locale, article.site.language) },
          ]),
          ...(count > comments.length ? [{ kind: "paragraph" as const, text: t("mail.followMore", { count: count - comments.length }) }] : []),
        ],
      });
    }
    const payload =
      total === 0
        ? null
        : readerMailPayload(recipient, {
            locale,
            siteName: siteNames.size === 1 ? [...siteNames][0]! : "Tertulia",
            subject: t("mail.followSubject", { count: total }),
            blocks: [{ kind: "paragraph", text: t("mail.followIntro") }, ...sections],
            footer: t("mail.readerFooter"),
          });
    enqueued += await db.$transaction(async (tx) => {
      // Only from the value read: another instance that got here first has moved it, and this one stops.
      const claimed = await tx.mailRecipient.updateMany({ where: { id: recipient.id, digestSentAt: recipient.digestSentAt, confirmedAt: { not: null }, unsubscribedAt: null }, data: { digestSentAt: now } });
      if (claimed.count !== 1) return 0;
      // Windows that start later (a thread followed a moment ago) stay where they are.
      await tx.mailSubscription.updateMany({ where: { id: { in: recipient.subscriptions.map((subscription) => subscription.id) }, windowStart: { lt: until } }, data: { windowStart: until } });
      return payload ? enqueueOutbox(tx, [{ kind: "mail", payload, dedupeKey: `follow:${recipient.id}:${now.toISOString()}` }]) : 0;
    });
  }
  return enqueued;
}

/** Looks for due digests now and every `intervalMs` in the background (never keeping the process alive); returns the function that stops it. */
export function startFollowDigests(getDb: () => Db, intervalMs = DIGEST_CHECK_MS): () => void {
  const run = () => sendFollowDigests(getDb()).catch((error: unknown) => console.error(`Readers' digests failed: ${error instanceof Error ? error.message : String(error)}`));
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
