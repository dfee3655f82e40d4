// The outbox's sender for kind "mail": hands a stored, rendered mail to the SMTP
// server and says whether trying again could help. A 4xx reply, a refused or
// dropped connection, a timeout: the server may take it later. A 5xx reply to
// the message or its recipient: it never will, so the row fails at once.
import { OutboxSendError, type OutboxSender } from "../outbox/outbox-types";
import { outboxMailSchema } from "./mail-message";
import { getMailFrom, getMailTransport } from "./transport";

/** The parts of nodemailer's errors we read (SMTPConnection sets them on its Error objects). */
interface SmtpErrorFields {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/** Turns a failed send into the outbox's error: permanent for a 5xx about the mail, retryable otherwise. */
export function toOutboxSendError(error: unknown): OutboxSendError {
  const fields = (typeof error === "object" && error !== null ? error : {}) as SmtpErrorFields;
  const status = typeof fields.responseCode === "number" ? fields.responseCode : null;
  const code = typeof fields.code === "string" ? fields.code : "";
  const detail = typeof fields.response === "string" && fields.response ? fields.response : error instanceof Error ? error.message : String(error);
  // A refused login is the operator's to fix (SMTP_URL's credentials); the mail itself is fine, so it waits for the fix.
  const isPermanent = status !== null && status >= 500 && status < 600 && code !== "EAUTH";
  return new OutboxSendError(`SMTP ${code || "error"}${status === null ? "" : ` ${status}`}: ${detail}`.slice(0, 1000), status, !isPermanent);
}

/** The reply code at the start of the server's answer ("250 2.0.0 Ok: queued"). */
function replyCodeOf(response: unknown): number {
  const match = typeof response === "string" ? /^(\d{3})\b/.exec(response) : null;
  return match ? Number(match[1]) : 250;
}

/** Sends one outbox mail; resolves with the server's reply code once it accepted the message. */
export const sendOutboxMail: OutboxSender = async (message) => {
  const parsed = outboxMailSchema.safeParse(message.payload);
  if (!parsed.success) {
    throw new OutboxSendError(`Not a mail payload: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`, null, false);
  }
  const transport = getMailTransport();
  // Written while SMTP_URL was set, sent after it was unset: keep it for when mail is back.
  if (!transport) throw new OutboxSendError("Mail is off: no SMTP_URL is set", null, true);
  const mail = parsed.data;
  let info: { response?: unknown };
  try {
    info = (await transport.sendMail({
      from: getMailFrom(),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.headers ? { headers: mail.headers } : {}),
    })) as { response?: unknown };
  } catch (error) {
    throw toOutboxSendError(error);
  }
  return { status: replyCodeOf(info.response) };
};
