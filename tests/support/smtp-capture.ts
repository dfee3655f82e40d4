// A real SMTP server in the test process (the `smtp-server` package, which
// nodemailer's authors keep): it takes what the app sends over loopback, keeps
// each message raw and parsed, and can be stopped and started again on the same
// port (the mail server down) or told to refuse with a 4xx or 5xx reply.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

/** One message as it arrived, with its MIME parts decoded. */
export interface CapturedMail {
  raw: string;
  mailFrom: string;
  rcptTo: string[];
  /** Header values by lower-case name, unfolded, encoded words decoded; the first of each name. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

/** A refusal to give to the next messages: the reply code and text, when (MAIL FROM, RCPT TO or end of DATA), and how many times (Infinity until cleared). */
export interface SmtpRefusal {
  code: number;
  message?: string;
  stage?: "rcpt" | "data";
  times?: number;
}

/** The capture server's handle. */
export interface SmtpCapture {
  port: number;
  /** smtp://user:pass@127.0.0.1:PORT (any credentials are accepted). */
  url: string;
  messages: CapturedMail[];
  /** Refuse the next messages this way. */
  refuse(refusal: SmtpRefusal): void;
  /** Accept again. */
  clearRefusal(): void;
  /** Stops listening: connections are refused, as when the mail server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port (nothing when it listens already). */
  start(): Promise<void>;
  /** Resolves once `count` messages have arrived in all (or rejects after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(value: string): Buffer {
  const unwrapped = value.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < unwrapped.length; index += 1) {
    const character = unwrapped[index]!;
    const hex = unwrapped.slice(index + 1, index + 3);
    if (character === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(character, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?), as nodemailer writes non-ASCII subjects. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
    );
}

function splitEntity(raw: string): { headerBlock: string; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  if (end === -1) return { headerBlock: raw, body: "" };
  const separator = /\r?\n\r?\n/.exec(raw.slice(end))![0];
  return { headerBlock: raw.slice(0, end), body: raw.slice(end + separator.length) };
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** The text/plain and text/html parts of an entity, walking multiparts. */
function collectParts(raw: string, found: { text: string; html: string }): void {
  const { headerBlock, body } = splitEntity(raw);
  const headers = parseHeaders(headerBlock);
  const contentType = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith("--")) break;
      collectParts(part.replace(/^\r?\n/, ""), found);
    }
    return;
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const decoded = encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : encoding === "quoted-printable" ? decodeQuotedPrintable(body).toString("utf8") : body;
  const content = decoded.replace(/\r\n/g, "\n").replace(/\n$/, "");
  if (/^text\/html/i.test(contentType)) found.html ||= content;
  else if (/^text\/plain/i.test(contentType)) found.text ||= content;
}

/** Parses a raw message as far as the tests need: headers, subject, text and HTML bodies. */
export function parseCapturedMail(raw: string, envelope: { mailFrom: string; rcptTo: string[] }): CapturedMail {
  const headers = parseHeaders(splitEntity(raw).headerBlock);
  const parts = { text: "", html: "" };
  collectParts(raw, parts);
  return { raw, ...envelope, headers, subject: headers.subject ?? "", ...parts };
}

function refusalError(refusal: SmtpRefusal): Error & { responseCode: number } {
  return Object.assign(new Error(refusal.message ?? (refusal.code >= 500 ? "Refused for good" : "Try again later")), { responseCode: refusal.code });
}

/** Starts a capture server on a free loopback port, or on `port` (where app processes started beforehand expect it). */
export async function startSmtpCapture(options: { port?: number } = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  let refusal: (SmtpRefusal & { remaining: number }) | null = null;
  let server: SMTPServer | null = null;
  let port = options.port ?? 0;

  /** The refusal for this stage, if one applies now (counting it down). */
  const takeRefusal = (stage: "rcpt" | "data"): SmtpRefusal | null => {
    if (!refusal || (refusal.stage ?? "data") !== stage) return null;
    const current = refusal;
    current.remaining -= 1;
    if (current.remaining <= 0) refusal = null;
    return current;
  };

  const createServer = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: ["STARTTLS"],
      authOptional: true,
      logger: false,
      closeTimeout: 100,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username ?? "anyone" });
      },
      onRcptTo(_address, _session, callback) {
        const refused = takeRefusal("rcpt");
        callback(refused ? refusalError(refused) : null);
      },
      onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const refused = takeRefusal("data");
          if (refused) {
            callback(refusalError(refused));
            return;
          }
          const envelope = {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          };
          messages.push(parseCapturedMail(Buffer.concat(chunks).toString("utf8"), envelope));
          for (const wake of [...waiters]) wake();
          callback(null, "Ok: captured");
        });
      },
    });

  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      const next = createServer();
      next.on("error", reject);
      next.listen(port, "127.0.0.1", () => {
        const address = next.server.address();
        if (address && typeof address === "object") port = address.port;
        server = next;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      if (!current) return resolve();
      current.close(() => resolve());
    });

  await start();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://capture:secret@127.0.0.1:${port}`;
    },
    messages,
    refuse(next) {
      refusal = { ...next, remaining: next.times ?? Infinity };
    },
    clearRefusal() {
      refusal = null;
    },
    stop,
    start,
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Expected ${count} mails, ${messages.length} arrived`));
        }, timeoutMs);
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        waiters.add(check);
      });
    },
    close: stop,
  } satisfies SmtpCapture;
}
