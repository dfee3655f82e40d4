// Adapter around the akismet-api client: maps our comment fields onto Akismet's
// REST names, bounds every call by a deadline, and turns the client's loosely
// typed failures into one error with a reason the moderation pipeline can branch on.
import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import { ClientRequest } from "node:http";
import { AkismetClient } from "akismet-api";

/** The fields sent to Akismet for one comment (Akismet's recommended set). */
export interface AkismetComment {
  userIp: string;
  userAgent: string;
  referrer: string;
  permalink: string;
  commentType: "comment" | "reply";
  commentAuthor: string;
  commentAuthorEmail: string;
  commentAuthorUrl?: string | undefined;
  commentContent: string;
  commentDateGmt: Date;
  blogLang: string;
  blogCharset: string;
  honeypotFieldName?: string | undefined;
  honeypotValue?: string | undefined;
  userRole?: string | undefined;
  isTest?: boolean | undefined;
}

/** Why an Akismet call gave no verdict; the caller holds the comment as pending. */
export type AkismetFailureReason = "akismet-timeout" | "akismet-unreachable" | "akismet-error" | "akismet-invalid-key";

/** An Akismet call that produced no answer we can use. */
export class AkismetFailure extends Error {
  readonly reason: AkismetFailureReason;

  constructor(reason: AkismetFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AkismetFailure";
    this.reason = reason;
  }
}

/** What the moderation pipeline needs from a spam service. */
export interface SpamChecker {
  checkSpam(c: AkismetComment): Promise<boolean>;
  submitSpam(c: AkismetComment): Promise<void>;
  submitHam(c: AkismetComment): Promise<void>;
}

/** Where and how to reach Akismet; read from the environment by the caller. */
export interface AkismetOptions {
  key: string;
  blog: string;
  host?: string;
  protocol?: "http" | "https";
  timeoutMs: number;
}

const defaultHost = "rest.akismet.com";

// akismet-api throws this exact message when Akismet answers `invalid`; it is
// the only signal the client gives, so it is matched here and nowhere else.
const invalidKeyMessage = "Invalid API key";

type AkismetFields = { user_ip: string } & Record<string, string>;

/** Creates a SpamChecker that talks to Akismet (or a stand-in) with the real akismet-api client. */
export function createAkismetClient(options: AkismetOptions): SpamChecker {
  const host = options.host ?? defaultHost;
  const protocol = options.protocol ?? "https";

  async function call<T>(comment: AkismetComment, send: (client: AkismetClient, fields: AkismetFields) => Promise<T>): Promise<T> {
    try {
      return await withDeadline(() => send(buildClient(options, host, protocol, comment), toAkismetFields(comment)), options.timeoutMs);
    } catch (error) {
      throw toFailure(error, host);
    }
  }

  return {
    checkSpam: (comment) => call(comment, (client, fields) => client.checkSpam(fields)),
    submitSpam: (comment) => call(comment, async (client, fields) => requireAccepted(await client.submitSpam(fields))),
    submitHam: (comment) => call(comment, async (client, fields) => requireAccepted(await client.submitHam(fields))),
  };
}

// One client per call: blog_lang and blog_charset are constructor options in
// akismet-api (it drops them from the comment), and they belong to each comment.
function buildClient(options: AkismetOptions, host: string, protocol: string, comment: AkismetComment): AkismetClient {
  const site = { blog: options.blog, blog_lang: comment.blogLang, blog_charset: comment.blogCharset };
  const client = new AkismetClient({ key: options.key, host, protocol, ...site });
  if (host !== defaultHost) {
    // The client puts the key in the host name (KEY.host), which cannot resolve
    // for a stand-in at an IP address. Point every call at the host itself and
    // send the key as the api_key form field that Akismet 1.1 also accepts;
    // requestOpts is merged into every comment-check / submit-* body.
    const endpoint = `${protocol}://${host}/1.1/`;
    Object.assign(client, { endpoint, rootEndpoint: endpoint, requestOpts: { ...site, api_key: options.key } });
  }
  return client;
}

// Akismet's own field names pass through akismet-api's alias table unchanged,
// so what is written here is what goes on the wire.
function toAkismetFields(c: AkismetComment): AkismetFields {
  const fields: AkismetFields = {
    user_ip: c.userIp,
    user_agent: c.userAgent,
    referrer: c.referrer,
    permalink: c.permalink,
    comment_type: c.commentType,
    comment_author: c.commentAuthor,
    comment_author_email: c.commentAuthorEmail,
    comment_content: c.commentContent,
    comment_date_gmt: c.commentDateGmt.toISOString(),
  };
  if (c.commentAuthorUrl !== undefined) fields.comment_author_url = c.commentAuthorUrl;
  if (c.userRole !== undefined) fields.user_role = c.userRole;
  if (c.isTest) fields.is_test = "true";
  if (c.honeypotFieldName) {
    // akismet-api sends the value found under the honeypot field's own name;
    // an empty value is the human case and still worth telling Akismet.
    fields.honeypot_field_name = c.honeypotFieldName;
    fields[c.honeypotFieldName] = c.honeypotValue ?? "";
  } else if (c.honeypotValue !== undefined) {
    fields.honeypot = c.honeypotValue;
  }
  return fields;
}

// akismet-api resolves submit-* with the raw response (typed void) and never
// looks at it; a rejected key would otherwise pass as a successful submission.
function requireAccepted(response: unknown): void {
  if (typeof response === "object" && response !== null && "text" in response && response.text === "invalid") {
    throw new Error(invalidKeyMessage);
  }
}

// akismet-api builds each superagent request inside its own methods and hands
// out neither the request, an agent nor a timeout, so a deadline cannot reach
// the socket through the client. Node announces every outgoing request on this
// diagnostics channel, synchronously and in the async context that opened it:
// a call collects its own requests there and destroys them at the deadline,
// which closes their sockets instead of leaving them to a stalled server.
const requestsOfCall = new AsyncLocalStorage<Set<ClientRequest>>();
subscribe("http.client.request.start", (message) => {
  const request = readProperty(message, "request");
  if (request instanceof ClientRequest) requestsOfCall.getStore()?.add(request);
});

async function withDeadline<T>(start: () => Promise<T>, timeoutMs: number): Promise<T> {
  const requests = new Set<ClientRequest>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new AkismetFailure("akismet-timeout", `Akismet did not answer within ${timeoutMs} ms`));
      // The race is settled first, so superagent's own "socket hang up" for the abandoned call is ignored.
      for (const request of requests) request.destroy();
    }, timeoutMs);
  });
  try {
    return await Promise.race([requestsOfCall.run(requests, start), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function toFailure(error: unknown, host: string): AkismetFailure {
  if (error instanceof AkismetFailure) return error;
  const status = readProperty(error, "status");
  if (typeof status === "number" && status >= 400) {
    return new AkismetFailure("akismet-error", `Akismet answered HTTP ${status}`, { cause: error });
  }
  // superagent passes network errors through with their system code (ECONNREFUSED, ENOTFOUND, …).
  const code = readProperty(error, "code");
  if (typeof code === "string") {
    return new AkismetFailure("akismet-unreachable", `Akismet could not be reached at ${host} (${code})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message === invalidKeyMessage) {
    return new AkismetFailure("akismet-invalid-key", "Akismet rejected the API key", { cause: error });
  }
  return new AkismetFailure("akismet-error", `Akismet gave an unexpected answer: ${message}`, { cause: error });
}

function readProperty(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}
