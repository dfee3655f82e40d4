// The caps on open live streams, through the route handlers as Next.js calls
// them: one address may hold MAX_STREAMS_PER_ADDRESS streams (thread and
// moderation streams together), the process MAX_STREAMS_IN_TOTAL; past
// either, the API's 429 with Retry-After, and a stream that ends gives its
// slot back.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/http";
import { getStreamSlots, MAX_STREAMS_IN_TOTAL, MAX_STREAMS_PER_ADDRESS, STREAM_RETRY_AFTER_SECONDS } from "@/lib/live/stream-slots";
import { createArticle } from "../support/factories";
import { EventStreamReader } from "../support/live-stream";

const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const { GET: getThreadEvents } = await import("@/app/api/v1/articles/[slug]/events/route");
const { GET: getModerationEvents } = await import("@/app/api/v1/moderation/events/route");

interface Connection {
  /**
   * Kept referenced as Next.js keeps it while it serves: a Request's signal
   * stops following the caller's once the Request is garbage-collected.
   */
  request: Request;
  response: Response;
  controller: AbortController;
}

const open: Connection[] = [];

function remember(request: Request, response: Response, controller: AbortController): Connection {
  const connection = { request, response, controller };
  open.push(connection);
  return connection;
}

/** Asks for a thread's stream from `address` (as npm start's server stamps it). */
async function connectThread(slug: string, address: string): Promise<Connection> {
  const controller = new AbortController();
  const request = new Request(`http://localhost/api/v1/articles/${encodeURIComponent(slug)}/events`, { signal: controller.signal, headers: { [CLIENT_IP_HEADER]: address } });
  return remember(request, await getThreadEvents(request, { params: Promise.resolve({ slug }) }), controller);
}

/** Asks for the moderators' stream from `address` as the signed-in moderator. */
async function connectModeration(address: string): Promise<Connection> {
  const controller = new AbortController();
  const request = new Request("http://localhost/api/v1/moderation/events", { signal: controller.signal, headers: { [CLIENT_IP_HEADER]: address } });
  return remember(request, await getModerationEvents(request), controller);
}

/** Opens `count` thread streams from `address`, each of which must be served. */
async function fillAddress(slug: string, address: string, count = MAX_STREAMS_PER_ADDRESS): Promise<Connection[]> {
  const connections: Connection[] = [];
  for (let index = 0; index < count; index += 1) {
    const connection = await connectThread(slug, address);
    expect(connection.response.status).toBe(200);
    connections.push(connection);
  }
  return connections;
}

/** Checks a refusal: the API's 429 body, the given message, and when to come back. */
async function expectRefused(response: Response, message: RegExp): Promise<void> {
  expect(response.status).toBe(429);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("retry-after")).toBe(String(STREAM_RETRY_AFTER_SECONDS));
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(message) as unknown } });
}

const ADDRESS_MESSAGE = /^Too many live connections from your address \(at most 20 at once\); close other tabs or try again shortly\.$/;
const TOTAL_MESSAGE = /^The server has too many live connections open; try again shortly\.$/;

let slug: string;
let moderator: SignedInAccount;

beforeAll(async () => {
  const db = getDb();
  slug = (await createArticle(db)).article.slug;
  const saved = await db.moderator.create({ data: { email: "limits-mod@example.org", name: "Limits Moderator", passwordHash: "x", role: "moderator" } });
  moderator = { id: saved.id, email: saved.email, name: saved.name, role: "moderator" };
});

afterEach(async () => {
  for (const { controller, response } of open.splice(0)) {
    controller.abort();
    await response.body?.cancel().catch(() => undefined);
  }
  session.account = null;
  // Every stream gave its slot back: nothing leaks into the next test.
  expect(getStreamSlots().size).toBe(0);
});

describe("GET /api/v1/articles/{slug}/events, streams per address", () => {
  it(`serves ${MAX_STREAMS_PER_ADDRESS} streams to one address and answers the next with 429 rate_limited and Retry-After`, async () => {
    await fillAddress(slug, "203.0.113.10");
    const refused = await connectThread(slug, "203.0.113.10");
    await expectRefused(refused.response, ADDRESS_MESSAGE);
    expect(getStreamSlots().countFor("203.0.113.10")).toBe(MAX_STREAMS_PER_ADDRESS);
  });

  it("still serves another address while one is at its cap", async () => {
    await fillAddress(slug, "203.0.113.11");
    await expectRefused((await connectThread(slug, "203.0.113.11")).response, ADDRESS_MESSAGE);
    const other = await connectThread(slug, "203.0.113.12");
    expect(other.response.status).toBe(200);
    const reader = new EventStreamReader(other.response);
    expect(await reader.nextEvent("thread")).toEqual({ slug, commentCount: 0 });
  });

  it.each([
    ["the client aborts the request", (connection: Connection) => connection.controller.abort()],
    ["the client cancels the body", (connection: Connection) => connection.response.body!.cancel()],
  ])("takes a new stream from the address once one of its own ends (%s)", async (_label, end) => {
    const [first] = await fillAddress(slug, "203.0.113.13");
    await expectRefused((await connectThread(slug, "203.0.113.13")).response, ADDRESS_MESSAGE);
    await end(first!);
    const again = await connectThread(slug, "203.0.113.13");
    expect(again.response.status).toBe(200);
    expect(await new EventStreamReader(again.response).nextEvent("thread")).toEqual({ slug, commentCount: 0 });
    // One stream ended, one slot came back: the one after is refused again.
    await expectRefused((await connectThread(slug, "203.0.113.13")).response, ADDRESS_MESSAGE);
  });

  it("holds no slot for an unknown article", async () => {
    for (let index = 0; index <= MAX_STREAMS_PER_ADDRESS; index += 1) {
      const missing = await connectThread("no-such-article", "203.0.113.14");
      expect(missing.response.status).toBe(404);
      expect(((await missing.response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    expect(getStreamSlots().countFor("203.0.113.14")).toBe(0);
    await fillAddress(slug, "203.0.113.14");
    await expectRefused((await connectThread(slug, "203.0.113.14")).response, ADDRESS_MESSAGE);
  });

  it("counts the moderators' stream against the same address, and refuses it past the cap", async () => {
    session.account = moderator;
    await fillAddress(slug, "203.0.113.15", MAX_STREAMS_PER_ADDRESS - 1);
    const counts = await connectModeration("203.0.113.15");
    expect(counts.response.status).toBe(200);
    await expectRefused((await connectModeration("203.0.113.15")).response, ADDRESS_MESSAGE);
    await expectRefused((await connectThread(slug, "203.0.113.15")).response, ADDRESS_MESSAGE);
    counts.controller.abort();
    expect((await connectThread(slug, "203.0.113.15")).response.status).toBe(200);
  });

  it("checks who asks for the moderators' stream before counting it (401, not 429), and refuses a moderator from a full address", async () => {
    await fillAddress(slug, "203.0.113.16");
    const anonymous = await connectModeration("203.0.113.16");
    expect(anonymous.response.status).toBe(401);
    expect(((await anonymous.response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    session.account = moderator;
    await expectRefused((await connectModeration("203.0.113.16")).response, ADDRESS_MESSAGE);
  });
});

describe("GET /api/v1/articles/{slug}/events, streams in total", () => {
  it(`answers 429 rate_limited, naming the server's cap, past ${MAX_STREAMS_IN_TOTAL} open streams from any addresses`, async () => {
    const addresses = Math.ceil(MAX_STREAMS_IN_TOTAL / MAX_STREAMS_PER_ADDRESS);
    let opened = 0;
    for (let index = 0; index < addresses && opened < MAX_STREAMS_IN_TOTAL; index += 1) {
      const count = Math.min(MAX_STREAMS_PER_ADDRESS, MAX_STREAMS_IN_TOTAL - opened);
      await fillAddress(slug, `198.51.100.${index + 1}`, count);
      opened += count;
    }
    expect(getStreamSlots().size).toBe(MAX_STREAMS_IN_TOTAL);
    // An address with no stream open is refused all the same.
    await expectRefused((await connectThread(slug, "192.0.2.1")).response, TOTAL_MESSAGE);
    open.shift()!.controller.abort();
    expect((await connectThread(slug, "192.0.2.1")).response.status).toBe(200);
  });
});
