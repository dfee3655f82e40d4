// What every mail to a reader shares: the unsubscribe link in the footer, in
// the text and the HTML, and the RFC 8058 headers that let a mail client
// unsubscribe with one click (a POST, never a fetch that a scanner could make).
import { getSigningSecret } from "../comments/posting-services";
import { commentPermalink, oneClickUnsubscribeUrl, unsubscribePageUrl } from "../mail/links";
import { toMailPayload } from "../mail/mail-message";
import { mailTranslator, renderMail, type MailBlock } from "../mail/templates";
import type { Locale } from "../i18n/locales";
import { readerTokenFor } from "./reader-tokens";

/**
 * A permalink for a reader's mail: in the reader's language when it is not
 * what the article's page speaks by itself (its site's language, else English).
 */
export function readerPermalink(comment: { id: string; articleSlug: string }, locale: Locale, siteLanguage: string | null): string {
  return commentPermalink(comment, locale === (siteLanguage ?? "en") ? undefined : locale);
}

/** A reader's mail as an outbox payload in their language: one recipient, the unsubscribe link and headers added. */
export function readerMailPayload(recipient: { id: string; email: string }, content: { locale: Locale; siteName: string; subject: string; blocks: MailBlock[]; footer: string }) {
  const token = readerTokenFor(getSigningSecret(), "unsubscribe", recipient.id);
  const rendered = renderMail({
    locale: content.locale,
    siteName: content.siteName,
    subject: content.subject,
    blocks: content.blocks,
    footer: [{ kind: "paragraph", text: content.footer }, { kind: "action", label: mailTranslator(content.locale)("mail.unsubscribe"), url: unsubscribePageUrl(token, content.locale) }],
  });
  return toMailPayload({
    to: recipient.email,
    ...rendered,
    headers: { "List-Unsubscribe": `<${oneClickUnsubscribeUrl(token)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
}
