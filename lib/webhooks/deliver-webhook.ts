// Sends one webhook delivery for the outbox worker: a POST of the event's JSON
// body, signed with the hook's secret as it is at send time (a rotated secret
// applies to deliveries still waiting), to the hook's current URL. Redirects
// are not followed (the receiver's URL is the one the administrator saved and
// we checked), the address a name resolves to is checked as the connection is
// made (lib/webhooks/webhook-destination.ts), and a receiver gets 10 s to
// answer. A 2xx is delivered; anything else is tried again by the outbox,
// except 410 Gone, which pauses the hook: the receiver says it is gone for good.
import { createHmac } from "node:crypto";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { getDb, type Db } from "../db";
import { OutboxSendError, type OutboxMessageToSend, type OutboxSender } from "../outbox/outbox-types";
import { webhookBodySchema } from "./webhook-events";
import { findConnectProblem, findWebhookUrlProblem, type WebhookDestinationPolicy } from "./webhook-destination";
import { webhookPolicyFromEnv } from "./webhook-policy";

/** How long a receiver has to answer, connection included. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Sent as User-Agent, so receivers' logs say who called. */
const USER_AGENT = "Tertulia-Webhooks/1.0";

/** The X-Tertulia-Signature value: `sha256=` and the hex HMAC-SHA256 of the exact body with the hook's secret. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** What a sender needs: where hooks are read, and what destinations it refuses. */
export interface WebhookSenderOptions {
  db: Pick<Db, "webhook">;
  policy: WebhookDestinationPolicy;
  timeoutMs?: number;
}

/** A DNS lookup that refuses to connect to the app itself or a forbidden address (also for names that changed since the hook was saved). */
function guardedLookup(port: number, policy: WebhookDestinationPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const problem = addresses.map((entry) => findConnectProblem(entry.address, port, policy)).find((found) => found !== null);
      if (problem) return callback(Object.assign(new Error(`Refused to connect: ${hostname} resolves to ${problem}`), { code: "EWEBHOOKDESTINATION" }), "", 0);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      return callback(null, first?.address ?? "", first?.family ?? 4);
    });
  };
}

/** POSTs the body and resolves with the receiver's status (the body it answered is drained, not read). */
function post(url: URL, headers: Record<string, string>, body: string, policy: WebhookDestinationPolicy, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    const options: RequestOptions = {
      method: "POST",
      headers,
      // A connection of its own, closed after the answer: nothing pooled for a receiver we may never call again.
      agent: false,
      lookup: guardedLookup(port, policy),
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(url, options, (response: IncomingMessage) => {
      clearTimeout(timer);
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    const timer = setTimeout(() => request.destroy(new OutboxSendError(`No answer within ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`)), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error instanceof OutboxSendError ? error : new OutboxSendError(`Could not deliver: ${error.message}`));
    });
    request.end(body);
  });
}

/** A sender of webhook deliveries reading hooks from `db`. */
export function createWebhookSender(options: WebhookSenderOptions): OutboxSender {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return async (message: OutboxMessageToSend) => {
    if (!message.webhookId) throw new OutboxSendError("The delivery names no hook", null, false);
    const hook = await options.db.webhook.findUnique({ where: { id: message.webhookId }, select: { id: true, url: true, secret: true, isActive: true } });
    if (!hook) throw new OutboxSendError("The hook was deleted", null, false);
    if (!hook.isActive) throw new OutboxSendError("The hook is paused: not sent", null, false);
    const parsed = webhookBodySchema.safeParse(message.payload);
    if (!parsed.success) throw new OutboxSendError("The delivery's payload is not a webhook body", null, false);
    // Serialised in the schema's key order (the database's JSON keeps its own order); this exact text is signed and sent.
    const body = JSON.stringify(parsed.data);
    // Checked again: the app's own URL may have been configured since the hook was saved.
    const problem = findWebhookUrlProblem(hook.url, options.policy);
    if (problem) throw new OutboxSendError(`Not sent: ${problem}`, null, false);
    const status = await post(
      new URL(hook.url),
      {
        "Content-Type": "application/json",
        "Content-Length": String(Buffer.byteLength(body, "utf8")),
        "User-Agent": USER_AGENT,
        "X-Tertulia-Event": parsed.data.event,
        "X-Tertulia-Delivery": message.id,
        "X-Tertulia-Attempt": String(message.attempt),
        "X-Tertulia-Signature": signWebhookBody(hook.secret, body),
      },
      body,
      options.policy,
      timeoutMs,
    );
    if (status >= 200 && status < 300) return { status };
    if (status === 410) {
      // Gone for good, in the receiver's words: stop queueing for it until an administrator resumes the hook.
      await options.db.webhook.update({ where: { id: hook.id }, data: { isActive: false } });
      throw new OutboxSendError("The receiver answered 410 Gone: the hook is paused", status, false);
    }
    const why = status >= 300 && status < 400 ? "redirects are not followed" : "not a 2xx";
    throw new OutboxSendError(`The receiver answered ${status} (${why})`, status);
  };
}

/** The outbox's sender for "webhook" messages: the app's database and the configured policy, looked up at each send. */
export const deliverWebhook: OutboxSender = (message) => createWebhookSender({ db: getDb(), policy: webhookPolicyFromEnv() })(message);
