// How a held comment's reasons read to a moderator, on the dashboard's cards
// and in the alert mails alike: the check ids and labels the pipeline stores
// ("first-time-commenter", "link_spam") and readers' report reasons as human
// names, and the evidence's message in the moderator's language (from the
// catalog key the check stored, or read back from older English evidence).
import type { Locale } from "../i18n/locales";
import { isMessageKey, translate } from "../i18n/translate";
import { isReportReason, reportReasonLabels } from "../validation/comment-limits";
import { evidenceMessageIn } from "./evidence-message";
import type { ModReason } from "./queues";

/** "first_time_commenter" / "first-time-commenter" → "firstTimeCommenter", the catalogs' spelling. */
export function toCatalogName(id: string): string {
  return id.toLowerCase().replace(/[-_\s]+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function named(locale: Locale, group: "labels" | "checks", id: string): string | null {
  const key = `dashboard.reasons.${group}.${toCatalogName(id)}`;
  return isMessageKey(key) ? translate(locale, key) : null;
}

/** A reason label's name: "First-time commenter" for `first_time_commenter`; an unknown label is made readable as it is. */
export function getReasonLabelName(label: string, locale: Locale): string {
  return named(locale, "labels", label) ?? readable(label);
}

/** A check's name: "Link count" for `link-count`. */
export function getCheckName(check: string, locale: Locale): string {
  return named(locale, "checks", check) ?? readable(check);
}

/** A verdict ("hold", "flag") as the chip beside a reason names it. */
export function getVerdictName(action: string, locale: Locale): string {
  const key = `dashboard.card.verdicts.${action}`;
  return isMessageKey(key) ? translate(locale, key) : action;
}

/** A report reason ("ad_hominem") as readers chose it ("Personal attack"). */
export function getReportReasonName(reason: string, locale: Locale): string {
  return isReportReason(reason) ? translate(locale, reportReasonLabels[reason]) : readable(reason);
}

function readable(id: string): string {
  const words = id.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function listAfterColon(message: string): string | null {
  const index = message.indexOf(": ");
  return index === -1 ? null : message.slice(index + 2);
}

/**
 * The evidence's message in the dashboard's language. The checks store their
 * message in English with the figures in it; the known ones are read back
 * ("Contains 1 links" becomes "Contains 1 link", or "Contiene 1 enlace"), any
 * other is shown as stored.
 */
export function describeReasonMessage(reason: Pick<ModReason, "check" | "label" | "evidence">, locale: Locale): string {
  if (typeof reason.evidence?.messageKey === "string") return evidenceMessageIn(locale, reason.evidence);
  const message = typeof reason.evidence?.message === "string" ? reason.evidence.message : "";
  const say = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  if (reason.check === "akismet" && reason.label === "spam") return say("mail.evidence.akismetSpam");
  if (reason.check === "banned-words" || reason.check === "suspect-words") {
    const words = listAfterColon(message);
    if (words !== null) return say(reason.check === "banned-words" ? "mail.evidence.bannedWord" : "mail.evidence.suspectWord", { words });
  }
  if (reason.check === "link-count") {
    const figures = /Contains (\d+) links? \(the limit is (\d+)\)/.exec(message);
    if (figures) return say("mail.evidence.linkCount", { count: Number(figures[1]), limit: Number(figures[2]) });
  }
  if (reason.check === "first-time-commenter") {
    const figures = /has (\d+) approved comments?; (\d+) needed/.exec(message);
    if (figures) return say("mail.evidence.firstTimeCommenter", { count: Number(figures[1]), needed: Number(figures[2]) });
  }
  if (reason.check === "pre-moderation") {
    if (reason.evidence?.rule === "pre-moderate-all") return say("mail.evidence.preModerateAll");
    if (reason.evidence?.rule === "article-pre-moderate") return say("mail.evidence.preModerateArticle");
  }
  if (reason.check !== "offensive-model" && reason.check !== "akismet" && named(locale, "checks", reason.check) !== null && reason.check !== "link-count") {
    // The rule queue's checks write "ad hominem: word, word".
    const words = listAfterColon(message);
    if (words !== null && /^[a-z ]+: /.test(message)) return say("dashboard.reasons.messages.matched", { words });
  }
  return message;
}
