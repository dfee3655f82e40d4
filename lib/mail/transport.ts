// The one SMTP transport of this process, built from SMTP_URL the first time
// mail is needed. Without SMTP_URL mail is off: nothing is enqueued, and the
// dashboard and the start-up log say so.
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "../env";

/** How long a send may wait on the server before it counts as failed (and is retried by the outbox). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

interface MailState {
  transport: Transporter | null;
  from: string;
}

const globalForMail = globalThis as typeof globalThis & { tertuliaMail?: MailState };

function buildMailState(): MailState {
  const env = getEnv();
  const from = env.MAIL_FROM ?? defaultSender(env.PUBLIC_URL);
  if (!env.SMTP_URL) {
    console.log("Mail: no SMTP_URL set, so no mail is sent");
    return { transport: null, from };
  }
  const url = new URL(env.SMTP_URL);
  // Not pooled: one connection per message keeps a restarted server from leaving the worker holding a dead socket.
  const transport = nodemailer.createTransport({ url: env.SMTP_URL, ...TIMEOUTS });
  console.log(`Mail: sending through ${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ""} as ${from}`);
  return { transport, from };
}

function getMailState(): MailState {
  return (globalForMail.tertuliaMail ??= buildMailState());
}

/** `Tertulia <no-reply@HOST>`, HOST being PUBLIC_URL's host (or localhost). */
export function defaultSender(publicUrl: string | undefined): string {
  const host = publicUrl ? new URL(publicUrl).hostname : "localhost";
  return `Tertulia <no-reply@${host}>`;
}

/** Whether mail goes out at all (SMTP_URL is set): when not, nothing is enqueued. */
export function isMailOn(): boolean {
  return getMailState().transport !== null;
}

/** The transport, or null when mail is off. */
export function getMailTransport(): Transporter | null {
  return getMailState().transport;
}

/** The sender of every mail (MAIL_FROM). */
export function getMailFrom(): string {
  return getMailState().from;
}

/** Forgets the transport so the next use reads the environment again (tests that point SMTP_URL at a capture server). */
export function resetMailTransport(): void {
  globalForMail.tertuliaMail?.transport?.close();
  globalForMail.tertuliaMail = undefined;
}
