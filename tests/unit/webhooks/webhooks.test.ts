import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookBody } from "@/lib/webhooks/deliver-webhook";
import { appOriginsOf, findConnectProblem } from "@/lib/webhooks/webhook-destination";
import { eventsForNewComment, eventsForStatusChange } from "@/lib/webhooks/webhook-events";
import { webhookFormSchema } from "@/lib/validation/webhook-input";

const policy = { appOrigins: ["https://comments.example.com"], appPort: 3000 };

describe("findConnectProblem", () => {
  it.each([
    ["127.0.0.1", 3000, /is this app itself/],
    ["::1", 3000, /is this app itself/],
    ["::ffff:127.0.0.1", 3000, /is this app itself/],
    ["169.254.169.254", 80, /link-local, metadata/],
    ["::ffff:169.254.169.254", 80, /link-local, metadata/],
    ["fe80::1", 80, /link-local/],
  ])("refuses a name resolving to %s:%i", (address, port, problem) => {
    expect(findConnectProblem(address, port, policy)).toMatch(problem);
  });

  it.each([
    ["127.0.0.1", 8080],
    ["10.1.2.3", 3000],
    ["93.184.215.14", 443],
    ["2001:db8::1", 443],
  ])("lets a delivery connect to %s:%i", (address, port) => {
    expect(findConnectProblem(address, port, policy)).toBeNull();
  });
});

describe("appOriginsOf", () => {
  it("keeps the origins of http(s) URLs, once each, and skips what is unset or not a URL", () => {
    expect(appOriginsOf(["https://Comments.example.com/", undefined, "https://comments.example.com/x", "not a url", "ftp://x.example", null, "http://localhost:3000"])).toEqual([
      "https://comments.example.com",
      "http://localhost:3000",
    ]);
  });
});

describe("signWebhookBody", () => {
  it("is sha256= and the hex HMAC-SHA256 of the exact UTF-8 body", () => {
    const body = '{"event":"comment.created","comment":{"authorName":"Núria"}}';
    expect(signWebhookBody("s3cret-s3cret-s3cret", body)).toBe(`sha256=${createHmac("sha256", "s3cret-s3cret-s3cret").update(Buffer.from(body, "utf8")).digest("hex")}`);
    expect(signWebhookBody("s3cret-s3cret-s3cret", `${body} `)).not.toBe(signWebhookBody("s3cret-s3cret-s3cret", body));
  });
});

describe("webhook events of a comment", () => {
  it.each([
    ["approved", ["comment.created", "comment.approved"]],
    ["pending", ["comment.created"]],
    ["spam", []],
    ["rejected", []],
  ] as const)("a new %s comment fires %j", (status, events) => {
    expect(eventsForNewComment(status)).toEqual(events);
  });

  it.each([
    ["pending", "approved", ["comment.approved"]],
    ["spam", "approved", ["comment.approved"]],
    ["pending", "rejected", ["comment.rejected"]],
    ["approved", "spam", ["comment.rejected"]],
    ["approved", "pending", []],
    ["approved", "approved", []],
    ["rejected", "rejected", []],
  ] as const)("%s → %s fires %j", (from, to, events) => {
    expect(eventsForStatusChange(from, to)).toEqual(events);
  });
});

describe("webhookFormSchema", () => {
  it("takes an empty secret as none (one is generated) and orders the events", () => {
    expect(webhookFormSchema.parse({ siteId: "s1", url: " https://hooks.example/x ", events: ["comment.rejected", "comment.created"], secret: "  " })).toEqual({
      siteId: "s1",
      url: "https://hooks.example/x",
      events: ["comment.created", "comment.rejected"],
      secret: "",
    });
  });
});
