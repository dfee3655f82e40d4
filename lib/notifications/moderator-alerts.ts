// Alerts to moderators when a comment is held or reported. They are written
// into the outbox inside the transaction that stores the comment or the report,
// so an alert exists exactly when what it announces does, and the worker sends
// it whenever the mail server takes it. One mail per moderator (each sees only
// their own address); a key per comment, moderator and event, so retrying the
// transaction or a second report of the same comment adds nothing.
import type { Db } from "../db";
import { moderationCardUrl, alertSettingsUrl } from "../mail/links";
import { toMailPayload } from "../mail/mail-message";
import { mailLocaleOf, mailTranslator, renderMail, type AlertReason, type MailBlock } from "../mail/templates";
import { isMailOn } from "../mail/transport";
import { evidenceMessageIn } from "../moderation/evidence-message";
import { enqueueOutbox, type OutboxEntry } from "../outbox/outbox";
import type { Locale } from "../i18n/locales";
import type { ReportReason } from "../validation/comment-limits";
import { getReasonLabelName, getReportReasonName } from "../moderation/reason-names";

/** What enqueueing an alert reads and writes: the app's client or the caller's transaction. */
export type AlertClient = Pick<Db, "moderator" | "article" | "outboxMessage">;

/** Accounts that moderate: members sign in but get no alerts. */
export const ALERTED_ROLES = ["admin", "moderator"] as const;

/** The comment an alert is about, as the caller has it at hand. */
interface AlertedComment {
  commentId: string;
  articleId: string;
  authorName: string;
  body: string;
}

/** A comment the pipeline left pending, with the reasons its verdicts gave. */
export interface HeldCommentAlert extends AlertedComment {
  event: "held";
  reasons: AlertReason[];
}

/** A published comment a reader reported. */
export interface ReportedCommentAlert extends AlertedComment {
  event: "reported";
  reason: ReportReason;
  note: string | null;
}

/** What happened to the comment. */
export type ModeratorAlert = HeldCommentAlert | ReportedCommentAlert;

/** How much of the comment's text a mail quotes. */
const EXCERPT_CHARACTERS = 400;

/** The start of a comment's text, cut at a word where it can be. */
export function excerptOf(body: string, limit = EXCERPT_CHARACTERS): string {
  const text = body.trim();
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(" ");
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A verdict as alerts name it: its label and what its evidence says. */
export function toAlertReason(verdict: { label: string; evidence: unknown }): AlertReason {
  const evidence = verdict.evidence as { message?: unknown; messageKey?: unknown } | null;
  // Evidence written from a catalog key is kept, so each moderator's mail can say it in their language.
  return { label: verdict.label, message: typeof evidence?.message === "string" ? evidence.message : "", ...(typeof evidence?.messageKey === "string" ? { evidence } : {}) };
}

/** Why a comment was held: the verdicts that asked for it (flags only note), else every verdict it got. */
export function heldReasonsOf(verdicts: ReadonlyArray<{ label: string; action: string; evidence: unknown }>): AlertReason[] {
  const holding = verdicts.filter((verdict) => verdict.action !== "flag");
  return (holding.length > 0 ? holding : verdicts).map(toAlertReason);
}

/** A reason as a line of a mail: its label's name, and what the check found (the evidence is stored as the check wrote it). */
export function reasonLineIn(locale: Locale, reason: AlertReason): string {
  const label = getReasonLabelName(reason.label, locale);
  const message = (reason.evidence === undefined ? "" : evidenceMessageIn(locale, reason.evidence)) || reason.message;
  return message ? mailTranslator(locale)("mail.reasonLine", { label, message }) : label;
}

/** The alert's subject and body for a comment on an article of a site, in a moderator's language. */
function alertContent(alert: ModeratorAlert, article: { slug: string; title: string; siteName: string }, locale: Locale) {
  const t = mailTranslator(locale);
  const held = alert.event === "held";
  const names = { authorName: alert.authorName, articleTitle: article.title };
  const reasons = held
    ? alert.reasons.length > 0
      ? alert.reasons.map((reason) => reasonLineIn(locale, reason))
      : [t("mail.noReasonGiven")]
    : [getReportReasonName(alert.reason, locale), ...(alert.note ? [alert.note] : [])];
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: held ? t("mail.heldIntro", names) : t("mail.reportedIntro", names) },
    { kind: "quote", text: excerptOf(alert.body) },
    { kind: "paragraph", text: held ? t("mail.heldWhy") : t("mail.reportedWhy") },
    { kind: "list", items: reasons },
    { kind: "action", label: t("mail.openCard"), url: moderationCardUrl(held ? "pending" : "reported", { id: alert.commentId, articleSlug: article.slug }) },
  ];
  return renderMail({
    locale,
    siteName: article.siteName,
    subject: held ? t("mail.heldSubject", names) : t("mail.reportedSubject", names),
    blocks,
    footer: [{ kind: "paragraph", text: t("mail.alertsFooter") }, { kind: "action", label: t("mail.changeAlerts"), url: alertSettingsUrl() }],
  });
}

/**
 * Writes one alert mail per moderator and administrator who wants alerts
 * immediately, with the caller's client (pass the transaction that stores the
 * comment or report). Does nothing when mail is off. Returns how many were new.
 */
export async function enqueueModeratorAlerts(db: AlertClient, alert: ModeratorAlert): Promise<number> {
  if (!isMailOn()) return 0;
  const moderators = await db.moderator.findMany({
    where: { alertMode: "immediate", role: { in: [...ALERTED_ROLES] } },
    select: { id: true, email: true, language: true },
    orderBy: { createdAt: "asc" },
  });
  if (moderators.length === 0) return 0;
  const article = await db.article.findUniqueOrThrow({ where: { id: alert.articleId }, select: { slug: true, title: true, site: { select: { name: true } } } });
  // Each moderator reads it in their own language (none chosen: English); each language is written once.
  const byLocale = new Map<Locale, ReturnType<typeof alertContent>>();
  const renderIn = (locale: Locale) => byLocale.get(locale) ?? byLocale.set(locale, alertContent(alert, { slug: article.slug, title: article.title, siteName: article.site.name }, locale)).get(locale)!;
  const entries: OutboxEntry[] = moderators.map((moderator) => ({
    kind: "mail",
    payload: toMailPayload({ to: moderator.email, ...renderIn(mailLocaleOf(moderator.language)) }),
    dedupeKey: `alert:${alert.commentId}:${moderator.id}:${alert.event}`,
  }));
  return enqueueOutbox(db, entries);
}
