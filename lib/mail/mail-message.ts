// A rendered mail as the outbox stores it: everything the sender needs, nothing
// it must look up, so a mail sent an hour late says what it said when written.
import { z } from "zod";

/** A header name (RFC 5322 field name) the app may set, such as List-Unsubscribe. */
const headerNameSchema = z.string().regex(/^[A-Za-z0-9-]{1,76}$/, "header names are letters, digits and hyphens");
/** Folding and encoding are nodemailer's job; a line break here could only smuggle in another header. */
const headerValueSchema = z.string().max(2000).regex(/^[^\r\n]*$/, "header values are one line");

/** The payload of an outbox row of kind "mail". */
export const outboxMailSchema = z.object({
  /** One recipient: a mail never lists other people's addresses. */
  to: z.email().max(254),
  subject: z.string().min(1).max(300).regex(/^[^\r\n]*$/, "the subject is one line"),
  text: z.string().min(1).max(200_000),
  html: z.string().min(1).max(500_000),
  headers: z.record(headerNameSchema, headerValueSchema).optional(),
});

/** A rendered mail for one recipient. */
export type MailMessage = z.infer<typeof outboxMailSchema>;

/** The message as an outbox payload (JSON without undefined members). */
export function toMailPayload(message: MailMessage): { to: string; subject: string; text: string; html: string; headers?: Record<string, string> } {
  const { to, subject, text, html, headers } = message;
  return headers && Object.keys(headers).length > 0 ? { to, subject, text, html, headers } : { to, subject, text, html };
}
