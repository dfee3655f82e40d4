// Readers' notifications (double opt-in): a reader who ticks "Notify me of
// replies" or "Follow this discussion" gets subscriptions stored with their
// comment and, the first time their address asks, one confirmation mail. Only a
// confirmed, subscribed address hears anything else: a mail when a reply to
// its comment is approved (here), or the hourly digest of followed threads
// (reader-digest.ts). Everything is written in the caller's transaction (the
// comment's, the moderator's decision's) into the outbox, so a mail exists
// exactly when what it announces does. Nothing at all when mail is off.
import type { Db } from "../db";
import { getSigningSecret } from "../comments/posting-services";
import { confirmNotificationsUrl } from "../mail/links";
import { mailLocaleOf, mailTranslator } from "../mail/templates";
import type { Locale } from "../i18n/locales";
import { isMailOn } from "../mail/transport";
import { enqueueOutbox } from "../outbox/outbox";
import { excerptOf } from "./moderator-alerts";
import { readerMailPayload, readerPermalink } from "./reader-mail";
import { readerTokenFor } from "./reader-tokens";

/** What reader notifications read and write: the app's client or the caller's transaction. */
export type ReaderNotificationClient = Pick<Db, "mailRecipient" | "mailSubscription" | "comment" | "outboxMessage">;

/** Reply mails one address may get in an hour; past it, replies are left for the reader to find on the page. */
export const REPLY_MAILS_PER_HOUR = 10;
/** After an unsubscribe, asking again sends a new confirmation at most this often (nobody can flood an address that left). */
export const RECONFIRMATION_INTERVAL_MS = 24 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;

type CommentOutcome = "approved" | "pending" | "spam" | "rejected";

/** A stored comment and what its author asked for. */
export interface StoredCommentNotice {
  commentId: string;
  articleId: string;
  /** Lower-cased, as stored. */
  authorEmail: string;
  outcome: CommentOutcome;
  notifyReplies: boolean;
  followThread: boolean;
  /** The language the comment was posted in: the author's mails are written in it. */
  locale: Locale;
}

/**
 * Called in submitComment's transaction once the comment is stored: tells the
 * parent's author of an approved reply, and records what the author asked for
 * (not for spam or rejected comments, whose addresses may not be theirs).
 */
export async function handleStoredComment(db: ReaderNotificationClient, notice: StoredCommentNotice, now = new Date()): Promise<void> {
  if (!isMailOn()) return;
  if (notice.outcome === "approved") await enqueueReplyNotification(db, notice.commentId, now);
  if ((notice.outcome === "approved" || notice.outcome === "pending") && (notice.notifyReplies || notice.followThread)) await subscribe(db, notice, now);
}

/** Called in a moderator's decision transaction: a reply that becomes approved is announced to its parent's author. */
export async function handleStatusChange(db: ReaderNotificationClient, commentId: string, fromStatus: CommentOutcome, toStatus: CommentOutcome, now = new Date()): Promise<void> {
  if (toStatus !== "approved" || fromStatus === "approved" || !isMailOn()) return;
  await enqueueReplyNotification(db, commentId, now);
}

async function subscribe(db: ReaderNotificationClient, notice: StoredCommentNotice, now: Date): Promise<void> {
  // createMany + read, not upsert: two first comments from one address in two instances must not collide on the unique e-mail.
  await db.mailRecipient.createMany({ data: [{ email: notice.authorEmail, language: notice.locale }], skipDuplicates: true });
  let recipient = await db.mailRecipient.findUniqueOrThrow({ where: { email: notice.authorEmail } });
  // The latest subscription's language wins: a reader who now reads in another language gets their mails in it.
  if (recipient.language !== notice.locale) recipient = await db.mailRecipient.update({ where: { id: recipient.id }, data: { language: notice.locale } });
  await db.mailSubscription.createMany({
    data: [
      ...(notice.notifyReplies ? [{ recipientId: recipient.id, kind: "replies", commentId: notice.commentId, key: `replies:${recipient.id}:${notice.commentId}` }] : []),
      ...(notice.followThread ? [{ recipientId: recipient.id, kind: "thread", articleId: notice.articleId, key: `thread:${recipient.id}:${notice.articleId}`, windowStart: now }] : []),
    ],
    skipDuplicates: true,
  });
  if (recipient.confirmedAt !== null) return;
  const lastSent = recipient.confirmationSentAt;
  const mayAskAgain = lastSent === null || (recipient.unsubscribedAt !== null && lastSent.getTime() <= Math.min(recipient.unsubscribedAt.getTime(), now.getTime() - RECONFIRMATION_INTERVAL_MS));
  if (!mayAskAgain) return;
  // Only from the value read: of two posts racing here, one writes the mail.
  const claimed = await db.mailRecipient.updateMany({ where: { id: recipient.id, confirmationSentAt: lastSent }, data: { confirmationSentAt: now } });
  if (claimed.count !== 1) return;
  const article = await db.comment.findUniqueOrThrow({ where: { id: notice.commentId }, select: { article: { select: { site: { select: { name: true } } } } } });
  const siteName = article.article.site.name;
  const locale = notice.locale;
  const t = mailTranslator(locale);
  const payload = readerMailPayload(recipient, {
    locale,
    siteName,
    subject: t("mail.confirmSubject"),
    blocks: [
      { kind: "paragraph", text: t("mail.confirmIntro", { siteName }) },
      { kind: "action", label: t("mail.confirmAction"), url: confirmNotificationsUrl(readerTokenFor(getSigningSecret(), "confirm", recipient.id), locale) },
      { kind: "paragraph", text: t("mail.confirmOnce") },
    ],
    footer: t("mail.confirmFooter"),
  });
  await enqueueOutbox(db, [{ kind: "mail", payload, dedupeKey: `confirm:${recipient.id}:${now.toISOString()}` }]);
}

/** Reply mails written to a recipient in the last hour (their outbox keys end in the recipient's id). */
async function countRecentReplyMails(db: ReaderNotificationClient, recipientId: string, now: Date): Promise<number> {
  return db.outboxMessage.count({ where: { kind: "mail", dedupeKey: { startsWith: "reply:", endsWith: `:${recipientId}` }, createdAt: { gte: new Date(now.getTime() - HOUR_MS) } } });
}

/** Writes the mail to the confirmed author of an approved reply's parent (never to the reply's own author); keyed per reply, so approving again adds nothing. */
async function enqueueReplyNotification(db: ReaderNotificationClient, replyId: string, now: Date): Promise<void> {
  const reply = await db.comment.findUnique({
    where: { id: replyId },
    select: { id: true, parentId: true, status: true, authorName: true, authorEmail: true, body: true, article: { select: { slug: true, title: true, site: { select: { name: true, language: true } } } } },
  });
  if (!reply || reply.status !== "approved" || !reply.parentId) return;
  const subscriptions = await db.mailSubscription.findMany({
    where: { kind: "replies", commentId: reply.parentId, recipient: { confirmedAt: { not: null }, unsubscribedAt: null, email: { not: reply.authorEmail } } },
    select: { recipient: { select: { id: true, email: true, language: true } } },
  });
  const names = { authorName: reply.authorName, articleTitle: reply.article.title };
  for (const { recipient } of subscriptions) {
    if ((await countRecentReplyMails(db, recipient.id, now)) >= REPLY_MAILS_PER_HOUR) continue;
    const locale = mailLocaleOf(recipient.language);
    const t = mailTranslator(locale);
    const payload = readerMailPayload(recipient, {
      locale,
      siteName: reply.article.site.name,
      subject: t("mail.replySubject", names),
      blocks: [
        { kind: "paragraph", text: t("mail.replyIntro", names) },
        { kind: "quote", text: excerptOf(reply.body) },
        { kind: "action", label: t("mail.readReply"), url: readerPermalink({ id: reply.id, articleSlug: reply.article.slug }, locale, reply.article.site.language) },
      ],
      footer: t("mail.readerFooter"),
    });
    await enqueueOutbox(db, [{ kind: "mail", payload, dedupeKey: `reply:${reply.id}:${recipient.id}` }]);
  }
}
