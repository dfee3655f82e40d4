// A commenter's right to erasure: every trace of their identity goes, their
// comments stay as "[deleted]" placeholders so the replies under them keep
// their place in the thread. What goes, for the e-mail (any case):
// - their comments: name, e-mail, website, IP, user agent, referrer and text
//   (the text can name them as surely as the name field does), and every
//   earlier text they edited or deleted (the revisions go altogether);
// - the evidence our checks stored on those comments (it quotes the text);
//   the verdicts' labels stay, for the moderation statistics;
// - bans on the e-mail: the e-mail and the IP go, and the ban ends. An IP
//   recorded beside their e-mail is theirs too, and a ban nobody can tie to a
//   person or reason any more would only block whoever shares that address.
// - mail written to the address (sent or not), and mail and webhook
//   deliveries written about their comments (they quote the name and text);
// - their notification address and subscriptions.
// Reports and decisions on their comments are other people's data and stay.
import { renderCommentHtml } from "../comments/render-body";
import type { Db } from "../db";
import type { LiveBus } from "../live/live-bus";
import type { PrivacyRequestOptions } from "./export-commenter-data";
import { recordPrivacyRequest } from "./privacy-log";

/** What an erased comment's name and text read. */
export const ERASED_TEXT = "[deleted]";

/** What an erased comment's verdicts keep as evidence. */
export const ERASED_EVIDENCE = { message: "Evidence removed with the author's data, at their request." } as const;

/** What an erased ban gives as its reason. */
export const ERASED_BAN_REASON = "Removed with the author's data, at their request.";

/** What an erasure did. */
export interface ErasureResult {
  /** Comments whose author data and text were erased. */
  erased: number;
  /** Bans on the e-mail that were emptied (and ended). */
  bans: number;
}

/** Erases the commenter with this e-mail everywhere (see the top of this file), logs it, and tells live readers which threads changed. */
export async function eraseCommenterData(db: Db, email: string, options: PrivacyRequestOptions & { live?: LiveBus | undefined } = {}): Promise<ErasureResult> {
  const now = options.now ?? new Date();
  const address = email.trim().toLowerCase();
  const byAuthor = { authorEmail: { equals: address, mode: "insensitive" as const } };
  const byBanEmail = { email: { equals: address, mode: "insensitive" as const } };
  const { result, slugs } = await db.$transaction(async (tx) => {
    const articles = await tx.article.findMany({ where: { comments: { some: byAuthor } }, select: { slug: true } });
    const commentIds = (await tx.comment.findMany({ where: byAuthor, select: { id: true } })).map((comment) => comment.id);
    // Outbox keys name the comment they are about: "alert:{commentId}:…" for moderators' alerts, "webhook:{hook}:{event}:{commentId}" for deliveries.
    await tx.$executeRawUnsafe(
      `DELETE FROM "OutboxMessage"
       WHERE ("kind" = 'mail' AND lower("payload"->>'to') = $1)
          OR ("dedupeKey" LIKE 'alert:%' AND split_part("dedupeKey", ':', 2) = ANY($2::text[]))
          OR ("dedupeKey" LIKE 'webhook:%' AND split_part("dedupeKey", ':', 4) = ANY($2::text[]))`,
      address,
      commentIds,
    );
    // The verdicts and earlier texts first: they are found through the comments' e-mail, which the next step removes.
    await tx.commentVerdict.updateMany({ where: { comment: byAuthor }, data: { evidence: ERASED_EVIDENCE } });
    await tx.commentRevision.deleteMany({ where: { comment: byAuthor } });
    const comments = await tx.comment.updateMany({
      where: byAuthor,
      data: { authorName: ERASED_TEXT, authorEmail: "", authorUrl: null, ip: null, userAgent: null, referrer: null, body: ERASED_TEXT, bodyHtml: renderCommentHtml(ERASED_TEXT), erasedAt: now },
    });
    await tx.ban.updateMany({ where: { ...byBanEmail, liftedAt: null }, data: { liftedAt: now } });
    const bans = await tx.ban.updateMany({ where: byBanEmail, data: { email: null, ip: null, reason: ERASED_BAN_REASON } });
    // Their notification address and subscriptions go too (reader-notifications.ts), and with them every future mail.
    await tx.mailRecipient.deleteMany({ where: byBanEmail });
    await recordPrivacyRequest(tx, { kind: "erase", email: address, moderatorId: options.moderatorId ?? null, comments: comments.count, secret: options.secret, now });
    return { result: { erased: comments.count, bans: bans.count }, slugs: articles.map((article) => article.slug) };
  });
  // After the commit: cached thread pages and API answers drop the erased names and text at once, on every instance.
  if (options.live && (result.erased > 0 || result.bans > 0)) {
    const live = options.live;
    await Promise.all([live.publish({ type: "queues" }), ...slugs.map((slug) => live.publish({ type: "thread", slug }))]);
  }
  return result;
}
