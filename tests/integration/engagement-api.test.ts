// Readers' engagement through the public API (issue #19, SPEC.md "Reader
// engagement" and "Editing one's own comment"): requests go through the real
// proxy (proxy.ts) and the real route handlers, as Next sends them; every
// refusal's body is checked, not only its status.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getThread } from "@/app/api/v1/articles/[slug]/comments/route";
import { DELETE as withdrawRespectRoute, POST as giveRespectRoute } from "@/app/api/v1/comments/[id]/respect/route";
import { RESPECT_CHANGES_PER_NETWORK } from "@/lib/comments/respect";
import { getDb } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/http";
import type { LiveMessage } from "@/lib/live/live-events";
import { getLiveBus } from "@/lib/live/live-bus";
import { decideComment } from "@/lib/moderation/decisions";
import { createArticle, createComment } from "../support/factories";
import { sendThroughProxy, type RouteHandler } from "../support/through-proxy";

/** An answer: status, headers and the parsed JSON body (null for an empty one). */
interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };
}

/** The proxy, then the handler, as Next sends a request; the answer parsed. */
async function send(request: Request, handler: RouteHandler, params: Record<string, string>): Promise<Answer> {
  const response = await sendThroughProxy(request, handler, params);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Answer["body"]) : {} };
}

/** A JSON request from a client at `ip`. */
function jsonRequest(path: string, method: string, body: unknown, ip: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { "content-type": "application/json", "user-agent": "vitest", [CLIENT_IP_HEADER]: ip, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

let tokenCounter = 0;
/** A fresh reader token, as a browser makes one (32 random bytes, base64url, here merely unique). */
function newReaderToken(): string {
  tokenCounter += 1;
  return `reader-token-${String(tokenCounter).padStart(8, "0")}-${Math.random().toString(36).slice(2, 10)}`;
}

let networkCounter = 0;
/** An address in a /24 network of its own. */
function newNetworkAddress(): string {
  networkCounter += 1;
  return `10.${90 + Math.floor(networkCounter / 250)}.${networkCounter % 250}.20`;
}

function respect(id: string, readerToken: unknown, ip: string, method: "POST" | "DELETE" = "POST", headers: Record<string, string> = {}): Promise<Answer> {
  const body = typeof readerToken === "string" || readerToken === undefined ? { readerToken } : readerToken;
  return send(jsonRequest(`/api/v1/comments/${encodeURIComponent(id)}/respect`, method, body, ip, headers), (method === "POST" ? giveRespectRoute : withdrawRespectRoute) as RouteHandler, { id });
}

async function threadOf(slug: string, query = "?limit=100"): Promise<Answer> {
  return send(new Request(`http://localhost/api/v1/articles/${slug}/comments${query}`), getThread as RouteHandler, { slug });
}

/** The comment as readers see it in the thread (top-level or a reply), or undefined. */
async function seenInThread(slug: string, id: string): Promise<Record<string, unknown> | undefined> {
  const stack = [...((await threadOf(slug)).body.comments as Array<Record<string, unknown>>)];
  for (let comment = stack.pop(); comment; comment = stack.pop()) {
    if (comment.id === id) return comment;
    stack.push(...(comment.replies as Array<Record<string, unknown>>));
  }
  return undefined;
}

let slug: string;
let articleId: string;
let moderatorId: string;

beforeAll(async () => {
  const db = getDb();
  ({ article: { slug, id: articleId } } = await createArticle(db));
  moderatorId = (await db.moderator.create({ data: { email: "engagement-mod@example.org", passwordHash: "x", role: "moderator" } })).id;
});

describe("POST and DELETE /api/v1/comments/{id}/respect", () => {
  it("counts one reader once however often they ask, and answers the comment's count", async () => {
    const comment = await createComment(getDb(), articleId);
    const token = newReaderToken();
    const ip = newNetworkAddress();
    for (let round = 0; round < 3; round += 1) {
      const answer = await respect(comment.id, token, ip);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ id: comment.id, respects: 1 });
    }
    expect(await getDb().respect.count({ where: { commentId: comment.id } })).toBe(1);
    expect(await seenInThread(slug, comment.id)).toMatchObject({ respects: 1 });
  });

  it("counts twenty tokens invented in one network once, and another network's reader as a second", async () => {
    const comment = await createComment(getDb(), articleId);
    const office = Array.from({ length: 20 }, (_, index) => ({ token: newReaderToken(), ip: `203.0.113.${index + 1}` }));
    for (const reader of office) expect((await respect(comment.id, reader.token, reader.ip)).body).toEqual({ id: comment.id, respects: 1 });
    // Each reader in the office keeps their own respect (and can take it back), but the network counts once.
    expect(await getDb().respect.count({ where: { commentId: comment.id } })).toBe(20);
    expect((await respect(comment.id, newReaderToken(), "198.51.100.7")).body).toEqual({ id: comment.id, respects: 2 });
    expect(await seenInThread(slug, comment.id)).toMatchObject({ respects: 2 });

    // Taken back by one office reader: the office still counts, through the other nineteen.
    expect((await respect(comment.id, office[0]!.token, office[0]!.ip, "DELETE")).body).toEqual({ id: comment.id, respects: 2 });
    for (const reader of office.slice(1)) await respect(comment.id, reader.token, reader.ip, "DELETE");
    expect(await seenInThread(slug, comment.id)).toMatchObject({ respects: 1 });
    expect(await getDb().respect.count({ where: { commentId: comment.id } })).toBe(1);
  });

  it("takes back only what the same reader gave, and taking back twice changes nothing", async () => {
    const comment = await createComment(getDb(), articleId);
    const [alice, bob] = [newReaderToken(), newReaderToken()];
    await respect(comment.id, alice, newNetworkAddress());
    expect((await respect(comment.id, bob, newNetworkAddress(), "DELETE")).body).toEqual({ id: comment.id, respects: 1 });
    const ip = newNetworkAddress();
    expect((await respect(comment.id, alice, ip, "DELETE")).body).toEqual({ id: comment.id, respects: 0 });
    expect((await respect(comment.id, alice, ip, "DELETE")).body).toEqual({ id: comment.id, respects: 0 });
    expect(await getDb().respect.count({ where: { commentId: comment.id } })).toBe(0);
  });

  it("counts thirty simultaneous respects from thirty networks exactly, and their simultaneous withdrawals down to 0", async () => {
    const comment = await createComment(getDb(), articleId);
    const readers = Array.from({ length: 30 }, () => ({ token: newReaderToken(), ip: newNetworkAddress() }));
    const given = await Promise.all(readers.map((reader) => respect(comment.id, reader.token, reader.ip)));
    expect(given.map((answer) => answer.status)).toEqual(Array(30).fill(200));
    expect(given.map((answer) => answer.body.respects as number).sort((a, b) => b - a)[0]).toBe(30);
    expect(await seenInThread(slug, comment.id)).toMatchObject({ respects: 30 });
    await Promise.all(readers.map((reader) => respect(comment.id, reader.token, reader.ip, "DELETE")));
    expect(await seenInThread(slug, comment.id)).toMatchObject({ respects: 0 });
  });

  it("tells the live bus the thread changed, so cached pages and answers show the new count", async () => {
    const comment = await createComment(getDb(), articleId);
    const messages: LiveMessage[] = [];
    const unsubscribe = getLiveBus().subscribe((message) => messages.push(message));
    try {
      await respect(comment.id, newReaderToken(), newNetworkAddress());
      await expect.poll(() => messages.some((message) => message.type === "thread" && message.slug === slug)).toBe(true);
    } finally {
      unsubscribe();
    }
  });

  it.each(["reject", "spam"] as const)("loses every respect when a moderator's %s takes the comment down, and stays at 0 when it comes back", async (action) => {
    const comment = await createComment(getDb(), articleId);
    for (let reader = 0; reader < 3; reader += 1) await respect(comment.id, newReaderToken(), newNetworkAddress());
    expect(await seenInThread(slug, comment.id)).toMatchObject({ respects: 3 });
    await decideComment({ db: getDb(), spamChecker: null }, { commentId: comment.id, action, moderatorId });
    expect(await getDb().respect.count({ where: { commentId: comment.id } })).toBe(0);
    // While it is down, readers cannot respect it (the same 404 as for any unpublished comment).
    expect((await respect(comment.id, newReaderToken(), newNetworkAddress())).status).toBe(404);
    await decideComment({ db: getDb(), spamChecker: null }, { commentId: comment.id, action: action === "spam" ? "ham" : "approve", moderatorId });
    expect(await seenInThread(slug, comment.id)).toMatchObject({ respects: 0 });
  });

  describe("refusals", () => {
    const notPublished = { error: { code: "not_found", message: "No published comment with that id", fields: { id: "no such comment" } } };
    const badToken = { error: { code: "validation", message: "Invalid readerToken: must be 16 to 200 letters, digits, - or _", fields: { readerToken: "must be 16 to 200 letters, digits, - or _" } } };

    it.each([
      ["no readerToken", { other: "x" }],
      ["a readerToken of 15 characters", { readerToken: "a".repeat(15) }],
      ["a readerToken of 201 characters", { readerToken: "a".repeat(201) }],
      ["a readerToken with a space", { readerToken: "reader token 1234567" }],
      ["a readerToken with a slash", { readerToken: "reader/token/1234567" }],
      ["a readerToken that is a number", { readerToken: 12345678901234567890 }],
      ["a body that is a list", [newReaderToken()]],
      ["a body that is a string", JSON.stringify(newReaderToken())],
    ])("refuses %s with 400 naming readerToken, for POST and DELETE", async (_name, body) => {
      const comment = await createComment(getDb(), articleId);
      for (const method of ["POST", "DELETE"] as const) {
        const answer = await send(jsonRequest(`/api/v1/comments/${comment.id}/respect`, method, body, newNetworkAddress()), (method === "POST" ? giveRespectRoute : withdrawRespectRoute) as RouteHandler, { id: comment.id });
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual(badToken);
      }
    });

    it("refuses a body that is not JSON, naming body", async () => {
      const comment = await createComment(getDb(), articleId);
      const answer = await send(jsonRequest(`/api/v1/comments/${comment.id}/respect`, "POST", "{not json", newNetworkAddress()), giveRespectRoute as RouteHandler, { id: comment.id });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: { code: "validation", message: "The request body must be JSON", fields: { body: "must be a JSON object" } } });
    });

    it.each([
      ["an unknown id", async () => "cmnosuchcomment0000000000"],
      ["a malformed id", async () => "not an id!"],
      ["an id longer than any comment's", async () => "c".repeat(65)],
      ["a held comment", async () => (await createComment(getDb(), articleId, { status: "pending" })).id],
      ["a comment filed as spam", async () => (await createComment(getDb(), articleId, { status: "spam" })).id],
      ["a rejected comment", async () => (await createComment(getDb(), articleId, { status: "rejected" })).id],
      [
        "a comment its author deleted",
        async () => {
          const comment = await createComment(getDb(), articleId);
          await getDb().comment.update({ where: { id: comment.id }, data: { deletedAt: new Date() } });
          return comment.id;
        },
      ],
    ])("answers %s with the same 404, for POST and DELETE, storing nothing", async (_name, makeId) => {
      const id = await makeId();
      const before = await getDb().respect.count();
      for (const method of ["POST", "DELETE"] as const) {
        const answer = await respect(id, newReaderToken(), newNetworkAddress(), method);
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual(notPublished);
      }
      expect(await getDb().respect.count()).toBe(before);
    });

    it(`limits a network to ${RESPECT_CHANGES_PER_NETWORK} respects and withdrawals in 10 minutes, with Retry-After; repeats and other networks are not held back`, async () => {
      const comments = await Promise.all(Array.from({ length: 3 }, (_, minute) => createComment(getDb(), articleId, { minute })));
      const token = newReaderToken();
      const network = "192.0.2";
      let changes = 0;
      // Give and take back, round the three comments, from addresses all over one /24.
      while (changes < RESPECT_CHANGES_PER_NETWORK) {
        const comment = comments[changes % 3]!;
        const method = Math.floor(changes / 3) % 2 === 0 ? "POST" : "DELETE";
        expect((await respect(comment.id, token, `${network}.${(changes % 250) + 1}`, method)).status).toBe(200);
        changes += 1;
      }
      // Every respect was taken back last: a new one would be a change.
      const refused = await respect(comments[0]!.id, token, `${network}.251`);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ error: { code: "rate_limited", message: `Too many respects from your network: at most ${RESPECT_CHANGES_PER_NETWORK} every 10 minutes. Try again later.` } });
      const retryAfter = Number(refused.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(500);
      expect(retryAfter).toBeLessThanOrEqual(600);
      // Nothing changed with the refusal.
      expect(await getDb().respect.count({ where: { commentId: comments[0]!.id } })).toBe(0);
      // Asking for what is already so changes nothing, and is answered.
      expect((await respect(comments[1]!.id, token, `${network}.9`, "DELETE")).body).toEqual({ id: comments[1]!.id, respects: 0 });
      // Another network is not held back.
      expect((await respect(comments[0]!.id, token, newNetworkAddress())).body).toEqual({ id: comments[0]!.id, respects: 1 });
    });

    it("answers a refusal in Spanish to a Spanish browser", async () => {
      const comment = await createComment(getDb(), articleId, { status: "pending" });
      const answer = await respect(comment.id, newReaderToken(), newNetworkAddress(), "POST", { "accept-language": "es-ES,es;q=0.9" });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: { code: "not_found", message: "No hay ningún comentario publicado con ese id", fields: { id: expect.any(String) } } });
      const invalid = await respect(comment.id, "short", newNetworkAddress(), "POST", { "accept-language": "es" });
      expect(invalid.body).toEqual({ error: { code: "validation", message: "Datos no válidos (readerToken): debe tener de 16 a 200 letras, cifras, - o _", fields: { readerToken: "debe tener de 16 a 200 letras, cifras, - o _" } } });
    });
  });
});
