// Readers' engagement through the public API (issue #19, SPEC.md "Reader
// engagement" and "Editing one's own comment"): requests go through the real
// proxy (proxy.ts) and the real route handlers, as Next sends them; every
// refusal's body is checked, not only its status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getThread, POST as postCommentRoute } from "@/app/api/v1/articles/[slug]/comments/route";
import { DELETE as withdrawRespectRoute, POST as giveRespectRoute } from "@/app/api/v1/comments/[id]/respect/route";
import { DELETE as deleteCommentRoute, PATCH as editCommentRoute } from "@/app/api/v1/comments/[id]/route";
import { authorTokenFor } from "@/lib/comments/author-token";
import { getPostingServices } from "@/lib/comments/posting-services";
import { RESPECT_CHANGES_PER_NETWORK } from "@/lib/comments/respect";
import { getDb } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/http";
import type { LiveMessage } from "@/lib/live/live-events";
import { getLiveBus } from "@/lib/live/live-bus";
import { decideComment } from "@/lib/moderation/decisions";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { createArticle, createComment } from "../support/factories";
import { solvedCaptcha } from "../support/posting";
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
  // Authors here post one after another and are trusted: what is judged is their text.
  await updateModerationSettings(db, { floodIntervalSeconds: 0, holdFirstTimeCommenters: false });
});

afterAll(async () => {
  await updateModerationSettings(getDb(), { floodIntervalSeconds: 15, holdFirstTimeCommenters: true });
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

/** A clearly abusive sentence from the labelled data (toxic-spans, CC0, comment 285447): a personal attack the rules hold. */
const ABUSIVE_TEXT = "God, you're an idiot. People who drink water are more likely to drink alcohol when they get older. People who walk are more likely to drive cars. Your logic is as flawed as tanning beds and bicycles. Yes, you make no sense.";

/** Posts a comment through the API as a reader would; the 201's body. */
async function postComment(fields: Record<string, unknown> = {}, articleSlug = slug): Promise<{ id: string; status: string; editToken: string; editableUntil: string }> {
  const body = { authorName: "Author", authorEmail: `author-${newNetworkAddress()}@example.org`, body: "A first thought about the article.", ...(await solvedCaptcha()), ...fields };
  const answer = await send(jsonRequest(`/api/v1/articles/${articleSlug}/comments`, "POST", body, newNetworkAddress()), postCommentRoute as RouteHandler, { slug: articleSlug });
  expect(answer.status).toBe(201);
  return answer.body as unknown as { id: string; status: string; editToken: string; editableUntil: string };
}

function editRequest(id: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(jsonRequest(`/api/v1/comments/${encodeURIComponent(id)}`, "PATCH", body, newNetworkAddress(), headers), editCommentRoute as RouteHandler, { id });
}

function deleteRequest(id: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(jsonRequest(`/api/v1/comments/${encodeURIComponent(id)}`, "DELETE", body, newNetworkAddress(), headers), deleteCommentRoute as RouteHandler, { id });
}

async function stored(id: string) {
  return getDb().comment.findUniqueOrThrow({ where: { id }, include: { verdicts: true, revisions: { orderBy: { createdAt: "asc" } } } });
}

describe("POST /api/v1/articles/{slug}/comments: the author's edit window", () => {
  it("answers editToken and editableUntil, the comment's time plus the edit window", async () => {
    const posted = await postComment();
    const comment = await stored(posted.id);
    expect(posted.editToken).toEqual(expect.any(String));
    expect(posted.editableUntil).toBe(new Date(comment.createdAt.getTime() + 15 * 60_000).toISOString());
  });
});

describe("PATCH /api/v1/comments/{id}", () => {
  it("publishes a clean edit within the window, marks it edited and keeps the earlier texts for moderators", async () => {
    const posted = await postComment({ body: "Turnout was 61 percent, not 16." });
    expect(posted.status).toBe("approved");
    const first = await editRequest(posted.id, { editToken: posted.editToken, body: "Turnout was 61 percent, not 16 as the article says." });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: posted.id, status: "approved", message: "Your edit is published." });
    const afterFirst = await stored(posted.id);
    expect(afterFirst).toMatchObject({ status: "approved", body: "Turnout was 61 percent, not 16 as the article says.", bodyHtml: "<p>Turnout was 61 percent, not 16 as the article says.</p>" });
    expect(afterFirst.editedAt).not.toBeNull();
    expect(afterFirst.revisions.map(({ body, writtenAt }) => ({ body, writtenAt }))).toEqual([{ body: "Turnout was 61 percent, not 16.", writtenAt: afterFirst.createdAt }]);

    await editRequest(posted.id, { editToken: posted.editToken, body: "Turnout was 61 percent (source: the electoral board)." });
    const afterSecond = await stored(posted.id);
    // The second revision was written by the first edit.
    expect(afterSecond.revisions.map(({ body, writtenAt }) => ({ body, writtenAt }))).toEqual([
      { body: "Turnout was 61 percent, not 16.", writtenAt: afterFirst.createdAt },
      { body: "Turnout was 61 percent, not 16 as the article says.", writtenAt: afterFirst.editedAt },
    ]);
    expect(await seenInThread(slug, posted.id)).toMatchObject({ bodyHtml: "<p>Turnout was 61 percent (source: the electoral board).</p>", editedAt: afterSecond.editedAt!.toISOString() });
  });

  it("sends an abusive edit back to pending with its verdict, and takes it out of the thread", async () => {
    const posted = await postComment({ body: "I disagree with the columnist about the bridge." });
    const answer = await editRequest(posted.id, { editToken: posted.editToken, body: ABUSIVE_TEXT });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: posted.id, status: "pending", message: "Your edit is awaiting moderation." });
    const comment = await stored(posted.id);
    expect(comment.status).toBe("pending");
    expect(comment.verdicts).toContainEqual(expect.objectContaining({ label: "ad_hominem", action: "hold" }));
    expect(comment.revisions.map((revision) => revision.body)).toEqual(["I disagree with the columnist about the bridge."]);
    expect(await seenInThread(slug, posted.id)).toBeUndefined();
    // Still within the window, a clean text does not publish it again: a moderator decides.
    expect((await editRequest(posted.id, { editToken: posted.editToken, body: "I disagree with the columnist about the bridge, politely." })).body).toMatchObject({ status: "pending" });
    const held = await stored(posted.id);
    expect(held.status).toBe("pending");
    // The verdicts are the latest text's: the attack's are gone with it.
    expect(held.verdicts.map((verdict) => verdict.label)).not.toContain("ad_hominem");
  });

  it("keeps a held comment held when its edit is clean, with the new verdicts", async () => {
    await updateModerationSettings(getDb(), { holdFirstTimeCommenters: true });
    try {
      const posted = await postComment({ authorEmail: "newcomer-edit@example.org", body: "My very first comment here." });
      expect(posted.status).toBe("pending");
      const answer = await editRequest(posted.id, { editToken: posted.editToken, body: "My very first comment here, with a typo fixed." });
      expect(answer.body).toEqual({ id: posted.id, status: "pending", message: "Your edit is awaiting moderation." });
      const comment = await stored(posted.id);
      expect(comment).toMatchObject({ status: "pending", body: "My very first comment here, with a typo fixed." });
      expect(comment.verdicts.map((verdict) => verdict.check)).toEqual(["first-time-commenter"]);
    } finally {
      await updateModerationSettings(getDb(), { holdFirstTimeCommenters: false });
    }
  });

  it("takes a published comment's respects away when its edit is rejected, and keeps them when it is only held", async () => {
    const held = await postComment({ body: "Respected for a fair point." });
    await respect(held.id, newReaderToken(), newNetworkAddress());
    await editRequest(held.id, { editToken: held.editToken, body: ABUSIVE_TEXT });
    expect((await stored(held.id)).respectCount).toBe(1);
    const rejected = await postComment({ body: "Also respected for a fair point." });
    await respect(rejected.id, newReaderToken(), newNetworkAddress());
    // A threat is rejected by the rule queue.
    expect((await editRequest(rejected.id, { editToken: rejected.editToken, body: "Someone should shoot the columnist who wrote this." })).body).toMatchObject({ status: "pending" });
    expect(await stored(rejected.id)).toMatchObject({ status: "rejected", respectCount: 0 });
    expect(await getDb().respect.count({ where: { commentId: rejected.id } })).toBe(0);
  });

  it("changes nothing when the text is the same", async () => {
    const posted = await postComment({ body: "Nothing to fix here." });
    expect((await editRequest(posted.id, { editToken: posted.editToken, body: "  Nothing to fix here.  " })).body).toEqual({ id: posted.id, status: "approved", message: "Your edit is published." });
    const comment = await stored(posted.id);
    expect(comment.editedAt).toBeNull();
    expect(comment.revisions).toEqual([]);
  });
});

describe("DELETE /api/v1/comments/{id}", () => {
  it("keeps a deleted comment's replies in place under [deleted], and its text for moderators", async () => {
    const posted = await postComment({ authorName: "Deleter", authorUrl: "https://deleter.example", body: "A comment someone answered." });
    const reply = await postComment({ parentId: posted.id, body: "An answer that stays." });
    await respect(posted.id, newReaderToken(), newNetworkAddress());
    // An editors' pick its author takes back is no longer a pick.
    await getDb().comment.update({ where: { id: posted.id }, data: { featuredAt: new Date() } });
    const answer = await deleteRequest(posted.id, { editToken: posted.editToken });
    expect(answer.status).toBe(204);
    expect(answer.body).toEqual({});
    const comment = await stored(posted.id);
    expect(comment).toMatchObject({ status: "approved", body: "[deleted]", bodyHtml: "<p>[deleted]</p>", respectCount: 0 });
    expect(comment.deletedAt).not.toBeNull();
    expect(comment.revisions.map((revision) => revision.body)).toEqual(["A comment someone answered."]);
    const shown = await seenInThread(slug, posted.id);
    expect(shown).toMatchObject({ authorName: "[deleted]", authorUrl: null, bodyHtml: "<p>[deleted]</p>", deleted: true, respects: 0, featured: false });
    expect((shown!.replies as Array<{ id: string }>).map((child) => child.id)).toEqual([reply.id]);
    expect(JSON.stringify((await threadOf(slug)).body)).not.toContain("Deleter");
  });

  it("removes a deleted comment without replies from the thread and from its count", async () => {
    const { article } = await createArticle(getDb());
    const kept = await postComment({ body: "This one stays." }, article.slug);
    const posted = await postComment({ body: "This one goes." }, article.slug);
    expect((await threadOf(article.slug)).body.article).toMatchObject({ commentCount: 2 });
    expect((await deleteRequest(posted.id, { editToken: posted.editToken })).status).toBe(204);
    const { body } = await threadOf(article.slug);
    expect((body.comments as Array<{ id: string }>).map((comment) => comment.id)).toEqual([kept.id]);
    expect(body.article).toMatchObject({ commentCount: 1 });
  });

  it("rejects a held comment its author deletes, so it leaves the moderators' queue", async () => {
    const posted = await postComment({ body: ABUSIVE_TEXT });
    expect((await stored(posted.id)).status).toBe("pending");
    expect((await deleteRequest(posted.id, { editToken: posted.editToken })).status).toBe(204);
    expect(await stored(posted.id)).toMatchObject({ status: "rejected", body: "[deleted]" });
  });
});

describe("PATCH and DELETE /api/v1/comments/{id}: refusals", () => {
  const forbidden = (message: string, field: string) => ({ error: { code: "forbidden", message, fields: { editToken: field } } });
  const wrongToken = forbidden("This editToken is not the one given for this comment", "does not match the comment");
  const missingToken = forbidden("Send the editToken that posting this comment gave you", "is missing");
  const tooLate = forbidden("Too late: a comment can be edited or deleted for 15 minutes after posting.", "the time to edit has passed");
  const deleted = forbidden("This comment was deleted: there is nothing left to edit or delete.", "the comment is deleted");
  const rejected = forbidden("A moderator rejected this comment: it can no longer be edited or deleted.", "the comment was rejected");

  /** A case: the comment it is about, the body sent (without body text for DELETE), and the answer. */
  interface Refusal {
    name: string;
    setUp: () => Promise<{ id: string; token: unknown }>;
    status: number;
    body: unknown;
  }

  const posted = async () => {
    const comment = await postComment({ body: "Text its author may want to change." });
    return { id: comment.id, token: comment.editToken as unknown };
  };
  const refusals: Refusal[] = [
    { name: "no editToken", setUp: async () => ({ ...(await posted()), token: undefined }), status: 403, body: missingToken },
    { name: "an empty editToken", setUp: async () => ({ ...(await posted()), token: "" }), status: 403, body: missingToken },
    { name: "an editToken that is not a string", setUp: async () => ({ ...(await posted()), token: 12345 }), status: 403, body: missingToken },
    { name: "a wrong editToken", setUp: async () => ({ ...(await posted()), token: "x".repeat(43) }), status: 403, body: wrongToken },
    { name: "another comment's editToken", setUp: async () => ({ id: (await posted()).id, token: (await posted()).token }), status: 403, body: wrongToken },
    { name: "a malformed id", setUp: async () => ({ id: "not an id!", token: authorTokenFor(getPostingServices().secret, "not an id!") }), status: 403, body: wrongToken },
    {
      name: "a comment past the edit window",
      setUp: async () => {
        const comment = await posted();
        await getDb().comment.update({ where: { id: comment.id }, data: { createdAt: new Date(Date.now() - 15 * 60_000 - 1000) } });
        return comment;
      },
      status: 403,
      body: tooLate,
    },
    {
      name: "a comment its author deleted",
      setUp: async () => {
        const comment = await posted();
        expect((await deleteRequest(comment.id, { editToken: comment.token })).status).toBe(204);
        return comment;
      },
      status: 403,
      body: deleted,
    },
    {
      name: "a comment a moderator rejected",
      setUp: async () => {
        const comment = await posted();
        await decideComment({ db: getDb(), spamChecker: null }, { commentId: comment.id, action: "reject", moderatorId });
        return comment;
      },
      status: 403,
      body: rejected,
    },
    {
      name: "a comment that no longer exists",
      setUp: async () => {
        const comment = await posted();
        await getDb().comment.delete({ where: { id: comment.id } });
        return comment;
      },
      status: 404,
      body: { error: { code: "not_found", message: "This comment no longer exists" } },
    },
  ];

  it.each(refusals)("PATCH refuses $name with $status, changing nothing", async ({ setUp, status, body }) => {
    const { id, token } = await setUp();
    const before = await getDb().comment.findUnique({ where: { id } });
    const answer = await editRequest(id, { editToken: token, body: "A new text that would pass." });
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(body);
    expect(await getDb().comment.findUnique({ where: { id } })).toEqual(before);
  });

  it.each(refusals)("DELETE refuses $name with $status, changing nothing", async ({ setUp, status, body }) => {
    const { id, token } = await setUp();
    const before = await getDb().comment.findUnique({ where: { id } });
    const answer = await deleteRequest(id, { editToken: token });
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(body);
    expect(await getDb().comment.findUnique({ where: { id } })).toEqual(before);
  });

  it.each([
    ["no body", {}, "body"],
    ["a body too short", { body: "x" }, "body"],
    ["a body over 5,000 characters", { body: "word ".repeat(1001) }, "body"],
    ["a body of spaces", { body: "     " }, "body"],
  ])("PATCH refuses %s with 400 naming %s, as posting would", async (_name, fields, field) => {
    const comment = await postComment();
    const answer = await editRequest(comment.id, { editToken: comment.editToken, ...fields });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "validation", fields: { [field]: expect.any(String) } });
    expect(answer.body.error!.message).toMatch(/^Invalid body: /);
    expect((await stored(comment.id)).body).toBe("A first thought about the article.");
  });

  it("refuses every edit and deletion while the window setting is 0", async () => {
    const comment = await postComment();
    await updateModerationSettings(getDb(), { editWindowMinutes: 0 });
    try {
      const expected = forbidden("Comments on this site cannot be edited or deleted once posted.", "the time to edit has passed");
      expect((await editRequest(comment.id, { editToken: comment.editToken, body: "Changed my mind." })).body).toEqual(expected);
      expect((await deleteRequest(comment.id, { editToken: comment.editToken })).body).toEqual(expected);
    } finally {
      await updateModerationSettings(getDb(), { editWindowMinutes: 15 });
    }
  });

  it("refuses an edit once the thread is closed, as it would a new comment, but lets the author delete", async () => {
    const { article } = await createArticle(getDb());
    const comment = await postComment({}, article.slug);
    await getDb().article.update({ where: { id: article.id }, data: { commentsOpen: false } });
    const answer = await editRequest(comment.id, { editToken: comment.editToken, body: "A change after closing." });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: { code: "closed", message: "Comments are closed for this article." } });
    expect((await deleteRequest(comment.id, { editToken: comment.editToken })).status).toBe(204);
  });

  it("answers refusals in Spanish to a Spanish browser", async () => {
    const comment = await postComment();
    const spanish = { "accept-language": "es-ES,es;q=0.9" };
    const wrong = await editRequest(comment.id, { editToken: "x".repeat(43), body: "Un texto nuevo." }, spanish);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ error: { code: "forbidden", message: "Este editToken no es el que se dio para este comentario", fields: { editToken: "no corresponde al comentario" } } });
    await getDb().comment.update({ where: { id: comment.id }, data: { createdAt: new Date(Date.now() - 60 * 60_000) } });
    const late = await deleteRequest(comment.id, { editToken: comment.editToken }, spanish);
    expect(late.body).toEqual({
      error: { code: "forbidden", message: "Demasiado tarde: un comentario se puede editar o borrar durante 15 minutos después de publicarlo.", fields: { editToken: "ha pasado el plazo para editar" } },
    });
  });
});

describe("GET /api/v1/articles/{slug}/comments: sort=best and sort=replies from readers' respects and replies", () => {
  let rankedSlug: string;
  const byName: Record<string, string> = {};

  beforeAll(async () => {
    const { article } = await createArticle(getDb());
    rankedSlug = article.slug;
    // name: respects from that many networks (plus one more token per network: counts once), replies posted under it
    const plan: Array<[string, number, number]> = [
      ["first", 3, 0],
      ["second", 1, 2],
      ["third", 2, 1],
      ["fourth", 0, 3],
      ["fifth", 2, 0],
    ];
    for (const [name] of plan) byName[name] = (await postComment({ body: `The ${name} comment.` }, rankedSlug)).id;
    for (const [name, respects, replies] of plan) {
      for (let network = 0; network < respects; network += 1) {
        const ip = newNetworkAddress();
        await respect(byName[name]!, newReaderToken(), ip);
        await respect(byName[name]!, newReaderToken(), ip.replace(/\.20$/, ".21"));
      }
      for (let reply = 0; reply < replies; reply += 1) await postComment({ parentId: byName[name], body: `Reply ${reply} to the ${name}.` }, rankedSlug);
    }
    // A reply held for moderators is not counted.
    await postComment({ parentId: byName.fifth, body: ABUSIVE_TEXT }, rankedSlug);
  });

  async function walk(sort: string): Promise<{ pages: string[][]; cursors: string[] }> {
    const pages: string[][] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await threadOf(rankedSlug, `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      pages.push((body.comments as Array<{ id: string }>).map((comment) => comment.id));
      cursor = body.nextCursor as string | null;
      if (cursor) cursors.push(cursor);
    } while (cursor && pages.length < 10);
    return { pages, cursors };
  }

  const names = (...list: string[]) => list.map((name) => byName[name]);

  it("orders sort=best by respects (one per network), then newest, two to a page, each comment once", async () => {
    const { pages } = await walk("best");
    expect(pages).toEqual([names("first", "fifth"), names("third", "second"), names("fourth")]);
  });

  it("orders sort=replies by published replies in the tree, then newest, two to a page, each comment once", async () => {
    const { pages } = await walk("replies");
    expect(pages).toEqual([names("fourth", "second"), names("third", "fifth"), names("first")]);
  });

  it("gives the same cursors and pages when nothing changed", async () => {
    for (const sort of ["best", "replies"]) expect(await walk(sort)).toEqual(await walk(sort));
  });

  it("puts an editors' pick first in every sort, on the first page", async () => {
    await getDb().comment.update({ where: { id: byName.fourth! }, data: { featuredAt: new Date() } });
    try {
      for (const sort of ["best", "replies", "oldest", "newest"]) {
        const { pages } = await walk(sort);
        expect(pages[0]![0]).toBe(byName.fourth);
        expect(pages.flat()).toHaveLength(5);
        expect(new Set(pages.flat()).size).toBe(5);
      }
    } finally {
      await getDb().comment.update({ where: { id: byName.fourth! }, data: { featuredAt: null } });
    }
  });

  it("refuses a best cursor given to replies with 400 naming cursor", async () => {
    const { cursors } = await walk("best");
    const { status, body } = await threadOf(rankedSlug, `?sort=replies&limit=2&cursor=${cursors[0]}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "validation", message: "Invalid cursor: it continues the best order, not replies; start again from the first page", fields: { cursor: "belongs to another sort order" } } });
  });
});
