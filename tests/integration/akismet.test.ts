import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AkismetFailure, createAkismetClient, type AkismetComment, type AkismetFailureReason, type AkismetOptions } from "@/lib/integrations/akismet";
import {
  guaranteedSpamAuthor,
  guaranteedSpamEmail,
  startAkismetStandIn,
  type AkismetStandIn,
  type AkismetStandInBehaviour,
} from "../support/akismet-stand-in";

const blog = "https://comments.example.org";

const comment: AkismetComment = {
  userIp: "203.0.113.7",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
  referrer: "https://comments.example.org/",
  permalink: "https://comments.example.org/articles/hello-world",
  commentType: "reply",
  commentAuthor: "Ana Reader",
  commentAuthorEmail: "ana@example.org",
  commentAuthorUrl: "https://ana.example.org",
  commentContent: "Thoughtful words & an ampersand, über-UTF-8.",
  commentDateGmt: new Date("2025-03-04T05:06:07.000Z"),
  blogLang: "en, de",
  blogCharset: "UTF-8",
  honeypotFieldName: "website_confirm",
  honeypotValue: "",
  userRole: "guest",
  isTest: true,
};

let standIn: AkismetStandIn;

function clientFor(overrides: Partial<AkismetOptions> = {}) {
  return createAkismetClient({ key: standIn.key, blog, host: standIn.host, protocol: standIn.protocol, timeoutMs: 2000, ...overrides });
}

function lastRequest() {
  const request = standIn.requests.at(-1);
  if (!request) throw new Error("the stand-in received no request");
  return request;
}

async function closedPortHost(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

async function captureFailure(work: Promise<unknown>): Promise<AkismetFailure> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AkismetFailure) return error;
    throw error;
  }
  throw new Error("expected an AkismetFailure, the call succeeded");
}

beforeAll(async () => {
  standIn = await startAkismetStandIn({ key: "abcdef012345" });
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  standIn.setBehaviour("normal");
  standIn.requests.length = 0;
});

describe("createAkismetClient", () => {
  it.each<[string, boolean, Partial<AkismetComment>]>([
    ["the guaranteed-spam author", true, { commentAuthor: guaranteedSpamAuthor }],
    ["the guaranteed-spam e-mail", true, { commentAuthorEmail: guaranteedSpamEmail }],
    ["an administrator, even with the spam author", false, { commentAuthor: guaranteedSpamAuthor, userRole: "administrator" }],
    ["an ordinary comment", false, {}],
  ])("checkSpam of %s → %s", async (_label, expected, overrides) => {
    await expect(clientFor().checkSpam({ ...comment, ...overrides })).resolves.toBe(expected);
  });

  it("sends every recommended field under Akismet's names, with the key and blog", async () => {
    await clientFor().checkSpam(comment);
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/1.1/comment-check");
    expect(request.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.fields).toEqual({
      api_key: "abcdef012345",
      blog,
      blog_lang: "en, de",
      blog_charset: "UTF-8",
      user_ip: "203.0.113.7",
      user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
      referrer: "https://comments.example.org/",
      permalink: "https://comments.example.org/articles/hello-world",
      comment_type: "reply",
      comment_author: "Ana Reader",
      comment_author_email: "ana@example.org",
      comment_author_url: "https://ana.example.org",
      comment_content: "Thoughtful words & an ampersand, über-UTF-8.",
      comment_date_gmt: "2025-03-04T05:06:07.000Z",
      honeypot_field_name: "website_confirm",
      website_confirm: "",
      user_role: "guest",
      is_test: "true",
    });
  });

  it("sends a filled honeypot's value under the honeypot field's name", async () => {
    await clientFor().checkSpam({ ...comment, honeypotValue: "http://spam.example" });
    expect(lastRequest().fields).toMatchObject({ honeypot_field_name: "website_confirm", website_confirm: "http://spam.example" });
  });

  it("leaves out the optional fields a comment does not have", async () => {
    const { commentAuthorUrl: _url, honeypotFieldName: _name, honeypotValue: _value, userRole: _role, isTest: _test, ...bare } = comment;
    await clientFor().checkSpam(bare);
    for (const field of ["comment_author_url", "honeypot_field_name", "website_confirm", "user_role", "is_test"]) {
      expect(lastRequest().fields).not.toHaveProperty(field);
    }
  });

  it.each([
    ["submitSpam", "/1.1/submit-spam"],
    ["submitHam", "/1.1/submit-ham"],
  ] as const)("%s reaches %s with the same fields as checkSpam", async (method, path) => {
    await clientFor().checkSpam(comment);
    const checked = lastRequest().fields;
    await expect(clientFor()[method](comment)).resolves.toBeUndefined();
    expect(lastRequest().path).toBe(path);
    expect(lastRequest().fields).toEqual(checked);
  });

  it("waits for a slow answer that arrives within the timeout", async () => {
    standIn.setBehaviour("slow", 100);
    await expect(clientFor({ timeoutMs: 2000 }).checkSpam(comment)).resolves.toBe(false);
  });

  interface FailureCase {
    label: string;
    behaviour: AkismetStandInBehaviour;
    delayMs?: number;
    arrange?: () => Promise<Partial<AkismetOptions>>;
    method: "checkSpam" | "submitSpam";
    reason: AkismetFailureReason;
    message: RegExp;
  }

  const wrongKey = async () => ({ key: "wrong-key" });

  it.each<FailureCase>([
    { label: "a hanging stand-in", behaviour: "hang", method: "checkSpam", reason: "akismet-timeout", message: /^Akismet did not answer within 300 ms$/ },
    { label: "an answer slower than the timeout", behaviour: "slow", delayMs: 1500, method: "checkSpam", reason: "akismet-timeout", message: /^Akismet did not answer within 300 ms$/ },
    { label: "an HTTP 500", behaviour: "error", method: "checkSpam", reason: "akismet-error", message: /HTTP 500/ },
    { label: "an HTTP 500 on submit", behaviour: "error", method: "submitSpam", reason: "akismet-error", message: /HTTP 500/ },
    { label: "a wrong key", behaviour: "normal", arrange: wrongKey, method: "checkSpam", reason: "akismet-invalid-key", message: /API key/ },
    { label: "a wrong key on submit", behaviour: "normal", arrange: wrongKey, method: "submitSpam", reason: "akismet-invalid-key", message: /API key/ },
    { label: "a closed port", behaviour: "normal", arrange: async () => ({ host: await closedPortHost() }), method: "checkSpam", reason: "akismet-unreachable", message: /could not be reached.*ECONNREFUSED/ },
  ])("$method with $label fails with $reason", async ({ behaviour, delayMs, arrange, method, reason, message }) => {
    standIn.setBehaviour(behaviour, delayMs);
    const client = clientFor({ timeoutMs: 300, ...(await arrange?.()) });
    const started = performance.now();
    const failure = await captureFailure(client[method](comment));
    expect(failure.reason).toBe(reason);
    expect(failure.message).toMatch(message);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
