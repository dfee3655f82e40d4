// What every mail to a reader shares: the unsubscribe link in the footer, in
// the text and the HTML, and the RFC 8058 headers that let a mail client
// unsubscribe with one click (a POST, never a fetch that a scanner could make).
import { getSigningSecret } from "../comments/posting-services";
import { oneClickUnsubscribeUrl, unsubscribePageUrl } from "../mail/links";
import { toMailPayload } from "../mail/mail-message";
import { renderMail, strings, type MailBlock } from "../mail/templates";
import { readerTokenFor } from "./reader-tokens";

/** A reader's mail as an outbox payload: one recipient, the unsubscribe link and headers added. */
export function readerMailPayload(recipient: { id: string; email: string }, content: { siteName: string; subject: string; blocks: MailBlock[]; footer: string }) {
  const token = readerTokenFor(getSigningSecret(), "unsubscribe", recipient.id);
  const rendered = renderMail({
    siteName: content.siteName,
    subject: content.subject,
    blocks: content.blocks,
    footer: [{ kind: "paragraph", text: content.footer }, { kind: "action", label: strings.en.unsubscribe, url: unsubscribePageUrl(token) }],
  });
  return toMailPayload({
    to: recipient.email,
    ...rendered,
    headers: { "List-Unsubscribe": `<${oneClickUnsubscribeUrl(token)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
}
