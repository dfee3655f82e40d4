// sendOutboxMail against a real SMTP server in this process: what arrives, and
// how the server's refusals and absence reach the outbox (retry or give up).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { sendOutboxMail } from "@/lib/mail/send-outbox-mail";
import { resetMailTransport } from "@/lib/mail/transport";
import { OutboxSendError, type OutboxMessageToSend } from "@/lib/outbox/outbox-types";
import { startSmtpCapture, type SmtpCapture, type SmtpRefusal } from "../support/smtp-capture";

let capture: SmtpCapture;

function configureMail(settings: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
  resetMailTransport();
}

function outboxMail(payload: unknown): OutboxMessageToSend {
  return { id: "msg-1", kind: "mail", payload: payload as OutboxMessageToSend["payload"], attempt: 1, webhookId: null };
}

const mail = {
  to: "moderator@example.org",
  subject: "[Daily News] A comment on “Budget 2025” is waiting",
  text: "Plain words & symbols <kept>.\n\nSecond paragraph, ñandú.",
  html: "<p>Plain words &amp; symbols &lt;kept&gt;.</p><p>Second paragraph, ñandú.</p>",
  headers: { "List-Unsubscribe": "<https://comments.example.com/unsubscribe?t=abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
};

beforeAll(async () => {
  capture = await startSmtpCapture();
  configureMail({ SMTP_URL: capture.url, MAIL_FROM: undefined, PUBLIC_URL: "https://comments.example.com" });
});

afterEach(async () => {
  capture.clearRefusal();
  await capture.start();
});

afterAll(async () => {
  configureMail({ SMTP_URL: undefined, PUBLIC_URL: undefined });
  await capture.close();
});

describe("sendOutboxMail", () => {
  it("delivers the text and HTML parts with the subject and extra headers, from MAIL_FROM's default", async () => {
    const before = capture.messages.length;
    await expect(sendOutboxMail(outboxMail(mail))).resolves.toEqual({ status: 250 });
    const [received] = await capture.waitForMessages(before + 1).then((all) => all.slice(before));
    expect(received!.rcptTo).toEqual(["moderator@example.org"]);
    expect(received!.mailFrom).toBe("no-reply@comments.example.com");
    expect(received!.headers.from).toBe("Tertulia <no-reply@comments.example.com>");
    expect(received!.subject).toBe(mail.subject);
    expect(received!.text).toBe(mail.text);
    expect(received!.html).toBe(mail.html);
    expect(received!.headers["list-unsubscribe"]).toBe(mail.headers["List-Unsubscribe"]);
    expect(received!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(received!.headers["content-type"]).toMatch(/^multipart\/alternative/);
  });

  it("sends from MAIL_FROM when it is set", async () => {
    configureMail({ MAIL_FROM: "Daily News comments <comments@news.example>" });
    try {
      const before = capture.messages.length;
      await sendOutboxMail(outboxMail({ ...mail, headers: undefined }));
      const all = await capture.waitForMessages(before + 1);
      expect(all.at(-1)!.headers.from).toBe("Daily News comments <comments@news.example>");
    } finally {
      configureMail({ MAIL_FROM: undefined });
    }
  });

  it.each<[string, SmtpRefusal | "down", number | null, boolean]>([
    ["a 550 for the recipient fails for good", { code: 550, stage: "rcpt", message: "No such user" }, 550, false],
    ["a 554 at the end of the data fails for good", { code: 554, stage: "data", message: "Message rejected" }, 554, false],
    ["a 451 at the end of the data is tried again", { code: 451, stage: "data", message: "Local error, try later" }, 451, true],
    ["a 452 for the recipient is tried again", { code: 452, stage: "rcpt", message: "Mailbox full for now" }, 452, true],
    ["a server that is down is tried again", "down", null, true],
  ])("%s", async (_name, refusal, status, isRetryable) => {
    if (refusal === "down") await capture.stop();
    else capture.refuse({ ...refusal, times: 1 });
    const error = await sendOutboxMail(outboxMail(mail)).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OutboxSendError);
    expect(error).toMatchObject({ status, isRetryable });
  });

  it.each([
    ["no recipient", { ...mail, to: undefined }],
    ["a recipient that is not an address", { ...mail, to: "someone" }],
    ["a subject with a line break", { ...mail, subject: "Hi\r\nBcc: everyone@example.org" }],
    ["a header value with a line break", { ...mail, headers: { "X-Note": "a\r\nBcc: everyone@example.org" } }],
    ["a header name with a colon", { ...mail, headers: { "Bcc:": "everyone@example.org" } }],
  ])("refuses a payload with %s for good, sending nothing", async (_name, payload) => {
    const before = capture.messages.length;
    await expect(sendOutboxMail(outboxMail(payload))).rejects.toMatchObject({ isRetryable: false, status: null });
    expect(capture.messages.length).toBe(before);
  });

  it("keeps a mail for later when SMTP_URL has been unset since it was written", async () => {
    configureMail({ SMTP_URL: undefined });
    try {
      await expect(sendOutboxMail(outboxMail(mail))).rejects.toMatchObject({ isRetryable: true });
    } finally {
      configureMail({ SMTP_URL: capture.url });
    }
  });
});
