// Absolute links for mails. A mail is written outside any request (in a
// transaction, by a timer), so its links come from PUBLIC_URL; without it they
// fall back to NEXTAUTH_URL, then to this process's own port on localhost.
import { getEnv } from "../env";

/** The app's public origin and base path, without a trailing slash. */
export function getPublicUrl(): string {
  const env = getEnv();
  return (env.PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** A comment's card in a dashboard queue: the queue filtered to its article (so it is on the first page), scrolled to the card. */
export function moderationCardUrl(queue: "pending" | "reported", comment: { id: string; articleSlug: string }): string {
  return `${getPublicUrl()}/moderation/queue/${queue}?article=${encodeURIComponent(comment.articleSlug)}#mod-comment-${encodeURIComponent(comment.id)}`;
}

/** Where a moderator chooses their alerts. */
export function alertSettingsUrl(): string {
  return `${getPublicUrl()}/moderation/account`;
}

/** A queue in the dashboard. */
export function moderationQueueUrl(queue: "pending" | "reported"): string {
  return `${getPublicUrl()}/moderation/queue/${queue}`;
}

/** A comment's permalink on its article page; with `lang`, the page opens in that language (SPEC.md "Languages": `?lang=`). */
export function commentPermalink(comment: { id: string; articleSlug: string }, lang?: string): string {
  return `${getPublicUrl()}/articles/${encodeURIComponent(comment.articleSlug)}${lang ? `?lang=${encodeURIComponent(lang)}` : ""}#comment-${encodeURIComponent(comment.id)}`;
}

/** The page where a reader confirms their address (a button that POSTs: link scanners only fetch), in the reader's language. */
export function confirmNotificationsUrl(token: string, lang?: string): string {
  return `${getPublicUrl()}/notifications/confirm?token=${encodeURIComponent(token)}${lang ? `&lang=${encodeURIComponent(lang)}` : ""}`;
}

/** The page where a reader stops every mail to their address, in the reader's language. */
export function unsubscribePageUrl(token: string, lang?: string): string {
  return `${getPublicUrl()}/notifications/unsubscribe?token=${encodeURIComponent(token)}${lang ? `&lang=${encodeURIComponent(lang)}` : ""}`;
}

/** RFC 8058's one-click target: mail clients POST `List-Unsubscribe=One-Click` here. */
export function oneClickUnsubscribeUrl(token: string): string {
  return `${getPublicUrl()}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
}
