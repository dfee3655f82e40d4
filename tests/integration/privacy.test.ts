// Readers' data rights on a real database: the export gives back everything
// stored about one commenter, and after erasure their address and name are
// nowhere — not in any table, the thread API, the moderators' queues or the
// JSON-lines export — while the replies to them keep their place.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbox } from "@/lib/outbox/outbox";
import { renderCommentHtml } from "@/lib/comments/render-body";
import { getThreadPage } from "@/lib/comments/thread";
import { getDb } from "@/lib/db";
import { writeJsonlExport } from "@/lib/export/jsonl";
import type { LiveBus } from "@/lib/live/live-bus";
import type { LiveEvent } from "@/lib/live/live-events";
import { listQueue, queueQuerySchema } from "@/lib/moderation/queues";
import { ERASED_EVIDENCE, eraseCommenterData } from "@/lib/privacy/erase-commenter-data";
import { exportCommenterData } from "@/lib/privacy/export-commenter-data";
import { hashEmailForLog } from "@/lib/privacy/privacy-log";
import { createArticle, createComment } from "../support/factories";

const EMAIL = "alma.reyes@example.org";
const NAME = "Alma Reyes";
const SECRET = "test secret for the privacy log";
const tempDir = mkdtempSync(join(tmpdir(), "privacy-"));

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** A bus that only remembers what was published: the events, not their delivery, are under test here. */
function recordingBus(): LiveBus & { events: LiveEvent[] } {
  const events: LiveEvent[] = [];
  return { engine: "embedded", events, publish: async (event) => void events.push(event), subscribe: () => () => {}, close: async () => {} };
}

/** Every row of these tables, as text, that contains the needle (any case). */
async function rowsContaining(needle: string): Promise<string[]> {
  // Every table the migrations made, so a table added later is searched too.
  const tables = (await getDb().$queryRawUnsafe<Array<{ name: string }>>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`)).map((table) => table.name);
  expect(tables).toEqual(expect.arrayContaining(["Comment", "OutboxMessage", "MailRecipient"]));
  const found: string[] = [];
  for (const table of tables) {
    const rows = await getDb().$queryRawUnsafe<Array<{ row: string }>>(`SELECT row_to_json(t)::text AS row FROM "${table}" t WHERE row_to_json(t)::text ILIKE $1`, `%${needle}%`);
    found.push(...rows.map((row) => `${table}: ${row.row}`));
  }
  return found;
}

let fixture: Awaited<ReturnType<typeof seed>>;

/** Alma's comments (one in a mixed-case address, one edited and one deleted by her, with their earlier texts), a reply to her and her reply to someone else, her verdicts and ban, and a bystander. */
async function seed() {
  const db = getDb();
  const { article } = await createArticle(db);
  const { article: other } = await createArticle(db);
  const own = async (articleId: string, data: { body: string; status?: "approved" | "pending"; email?: string; parentId?: string; rootId?: string; depth?: number; minute: number }) =>
    db.comment.create({
      data: {
        articleId,
        parentId: data.parentId ?? null,
        rootId: data.rootId ?? null,
        depth: data.depth ?? 0,
        authorName: NAME,
        authorEmail: data.email ?? EMAIL,
        authorUrl: "https://alma.example/blog",
        body: data.body,
        bodyHtml: renderCommentHtml(data.body),
        status: data.status ?? "approved",
        ip: "203.0.113.77",
        userAgent: "AlmaBrowser/1.0",
        referrer: "https://alma.example/from",
        createdAt: new Date(Date.UTC(2024, 7, 12, 9, data.minute)),
      },
    });
  const first = await own(article.id, { body: `I am ${NAME}, write to ${EMAIL} if you disagree.`, minute: 1 });
  const reply = await createComment(db, article.id, { parent: first, minute: 2, body: "A reply to Alma that must stay.", authorName: "Bystander" });
  const bystander = await createComment(db, article.id, { minute: 3, body: "Someone else entirely.", authorName: "Bystander" });
  const almaReply = await own(article.id, { body: "Alma answers the bystander.", parentId: bystander.id, rootId: bystander.id, depth: 1, minute: 4 });
  const held = await own(other.id, { body: "Held, and in capitals: ALMA.REYES@EXAMPLE.ORG", status: "pending", email: "Alma.Reyes@Example.ORG", minute: 5 });
  await db.commentVerdict.createMany({
    data: [
      { commentId: held.id, check: "suspect-words", label: "suspect_word", action: "hold", evidence: { message: `Posted by ${EMAIL}`, spans: [{ start: 0, end: 4, text: "Held" }] } },
      { commentId: first.id, check: "first-time-commenter", label: "first_time", action: "flag", evidence: { message: "The author has 0 approved comments" } },
    ],
  });
  // She fixed her first comment (its first text gave her phone number) and took back the held one.
  const editedAt = new Date(Date.UTC(2024, 7, 12, 9, 6));
  await db.commentRevision.create({ data: { commentId: first.id, body: `${NAME} here, call me on 555-0199.`, writtenAt: first.createdAt, createdAt: editedAt } });
  await db.comment.update({ where: { id: first.id }, data: { editedAt } });
  await db.commentRevision.create({ data: { commentId: held.id, body: "Held, and regretted: 555-0199 again.", writtenAt: held.createdAt, createdAt: editedAt } });
  await db.comment.update({ where: { id: held.id }, data: { deletedAt: editedAt } });
  await db.ban.create({ data: { email: EMAIL, ip: "203.0.113.77", reason: `${NAME} kept shouting` } });
  const bystanderBan = await db.ban.create({ data: { email: "someone.else@example.org", reason: "Spam" } });
  return { article, other, first, reply, bystander, almaReply, held, bystanderBan };
}

beforeAll(async () => {
  fixture = await seed();
});

describe("exportCommenterData", () => {
  it("returns every comment of the address in any case, with article, addresses, verdict labels and bans, and logs the request without the address", async () => {
    const data = await exportCommenterData(getDb(), "  ALMA.reyes@example.org ", { secret: SECRET });
    expect(data.email).toBe(EMAIL);
    expect(data.comments.map((comment) => comment.id)).toEqual([fixture.first.id, fixture.almaReply.id, fixture.held.id]);
    expect(data.comments[0]).toMatchObject({
      article: { slug: fixture.article.slug, title: fixture.article.title, url: fixture.article.url },
      authorName: NAME,
      authorEmail: EMAIL,
      authorUrl: "https://alma.example/blog",
      status: "approved",
      ip: "203.0.113.77",
      userAgent: "AlmaBrowser/1.0",
      referrer: "https://alma.example/from",
      verdicts: [{ check: "first-time-commenter", label: "first_time", action: "flag" }],
      editedAt: "2024-08-12T09:06:00.000Z",
      deletedAt: null,
      // What it said before she edited it is hers too.
      revisions: [{ body: `${NAME} here, call me on 555-0199.`, writtenAt: "2024-08-12T09:01:00.000Z", replacedAt: "2024-08-12T09:06:00.000Z" }],
    });
    expect(data.comments[1]).toMatchObject({ revisions: [], deletedAt: null });
    expect(data.comments[2]).toMatchObject({
      status: "pending",
      authorEmail: "Alma.Reyes@Example.ORG",
      article: { slug: fixture.other.slug },
      deletedAt: "2024-08-12T09:06:00.000Z",
      revisions: [{ body: "Held, and regretted: 555-0199 again.", writtenAt: "2024-08-12T09:05:00.000Z", replacedAt: "2024-08-12T09:06:00.000Z" }],
    });
    expect(data.bans).toEqual([expect.objectContaining({ email: EMAIL, ip: "203.0.113.77", liftedAt: null })]);
    // Other people's comments, even replies to hers, are theirs.
    expect(JSON.stringify(data)).not.toContain("A reply to Alma that must stay");

    const log = await getDb().privacyRequest.findFirstOrThrow({ where: { kind: "export" }, orderBy: { createdAt: "desc" } });
    expect(log).toMatchObject({ kind: "export", comments: 3, moderatorId: null, emailHash: hashEmailForLog(EMAIL, SECRET) });
    expect(log.emailHash).toMatch(/^[0-9a-f]{64}$/);
    // Exporting changes nothing.
    expect(await getDb().comment.count({ where: { authorEmail: EMAIL } })).toBe(2);
  });

  it("returns empty lists for an address nobody used, and still logs it", async () => {
    const data = await exportCommenterData(getDb(), "nobody@example.org", { secret: SECRET });
    expect(data).toMatchObject({ email: "nobody@example.org", comments: [], bans: [] });
    expect(await getDb().privacyRequest.count({ where: { emailHash: hashEmailForLog("nobody@example.org", SECRET) } })).toBe(1);
  });
});

describe("eraseCommenterData", () => {
  let result: Awaited<ReturnType<typeof eraseCommenterData>>;
  const bus = recordingBus();

  beforeAll(async () => {
    const moderator = await getDb().moderator.create({ data: { email: "privacy-admin@example.org", passwordHash: "unused", role: "admin" } });
    // Mail and deliveries written about her or to her: a sent reply notice, a moderator's alert quoting her held comment, a webhook delivery carrying her name.
    await enqueueOutbox(getDb(), [
      { kind: "mail", payload: { to: EMAIL, subject: "A reply to your comment", text: "…", html: "…" }, dedupeKey: `reply:x:${fixture.first.id}` },
      { kind: "mail", payload: { to: "privacy-admin@example.org", subject: `${NAME}'s comment was held`, text: NAME, html: NAME }, dedupeKey: `alert:${fixture.held.id}:${moderator.id}:held` },
      { kind: "webhook", payload: { event: "comment.created", comment: { id: fixture.first.id, authorName: NAME } }, dedupeKey: `webhook:h:comment.created:${fixture.first.id}` },
      { kind: "mail", payload: { to: "someone.else@example.org", subject: "Unrelated", text: "…", html: "…" } },
    ]);
    result = await eraseCommenterData(getDb(), EMAIL, { moderatorId: moderator.id, secret: SECRET, live: bus });
  });

  it("erases every comment of the address (any case) and empties its bans, and says how many", () => {
    expect(result).toEqual({ erased: 3, bans: 1 });
  });

  it("turns the comments into [deleted] placeholders with no name, e-mail, website, addresses or browser, keeping status and place", async () => {
    const rows = await getDb().comment.findMany({ where: { id: { in: [fixture.first.id, fixture.almaReply.id, fixture.held.id] } }, orderBy: { createdAt: "asc" } });
    for (const row of rows) {
      expect(row).toMatchObject({ authorName: "[deleted]", authorEmail: "", authorUrl: null, ip: null, userAgent: null, referrer: null, body: "[deleted]", bodyHtml: renderCommentHtml("[deleted]") });
      expect(row.erasedAt).toBeInstanceOf(Date);
    }
    expect(rows.map((row) => row.status)).toEqual(["approved", "approved", "pending"]);
    expect(rows[1]).toMatchObject({ parentId: fixture.bystander.id, depth: 1 });
  });

  it("keeps the replies to the erased comments in place, untouched", async () => {
    const reply = await getDb().comment.findUniqueOrThrow({ where: { id: fixture.reply.id } });
    expect(reply).toMatchObject({ parentId: fixture.first.id, authorName: "Bystander", body: "A reply to Alma that must stay.", status: "approved" });
    const page = await getThreadPage(getDb(), fixture.article.slug, { sort: "oldest", limit: 50 });
    const placeholder = page.comments.find((comment) => comment.id === fixture.first.id);
    expect(placeholder).toMatchObject({ authorName: "[deleted]", authorUrl: null, replies: [expect.objectContaining({ id: fixture.reply.id, authorName: "Bystander" })] });
    expect(placeholder?.replies[0]?.bodyHtml).toContain("A reply to Alma that must stay.");
  });

  it("scrubs the evidence of the erased comments' verdicts and keeps their labels", async () => {
    const verdicts = await getDb().commentVerdict.findMany({ where: { commentId: { in: [fixture.first.id, fixture.held.id] } }, orderBy: { check: "asc" } });
    expect(verdicts.map((verdict) => [verdict.check, verdict.label, verdict.evidence])).toEqual([
      ["first-time-commenter", "first_time", ERASED_EVIDENCE],
      ["suspect-words", "suspect_word", ERASED_EVIDENCE],
    ]);
  });

  it("empties and ends the ban on the address, and leaves other bans alone", async () => {
    const bans = await getDb().ban.findMany({ orderBy: { createdAt: "asc" } });
    expect(bans[0]).toMatchObject({ email: null, ip: null });
    expect(bans[0]!.reason).not.toContain(NAME);
    expect(bans[0]!.liftedAt).toBeInstanceOf(Date);
    expect(bans[1]).toMatchObject({ id: fixture.bystanderBan.id, email: "someone.else@example.org", liftedAt: null });
  });

  it("drops the mails to her and the alerts and deliveries about her comments, and nothing else", async () => {
    expect((await getDb().outboxMessage.findMany()).map((row) => (row.payload as { subject?: string }).subject)).toEqual(["Unrelated"]);
  });

  it("removes the earlier texts of her edited and deleted comments", async () => {
    expect(await getDb().commentRevision.count({ where: { commentId: { in: [fixture.first.id, fixture.held.id] } } })).toBe(0);
    expect(await rowsContaining("555-0199")).toEqual([]);
  });

  it("leaves the address and the name in no table at all", async () => {
    expect(await rowsContaining(EMAIL)).toEqual([]);
    expect(await rowsContaining(NAME)).toEqual([]);
    expect(await rowsContaining("203.0.113.77")).toEqual([]);
    expect(await rowsContaining("AlmaBrowser")).toEqual([]);
  });

  it("leaves them out of the thread API's data and the moderators' queues", async () => {
    for (const slug of [fixture.article.slug, fixture.other.slug]) {
      const page = JSON.stringify(await getThreadPage(getDb(), slug, { sort: "oldest", limit: 100 }));
      expect(page.toLowerCase()).not.toContain(EMAIL);
      expect(page).not.toContain(NAME);
    }
    for (const queue of ["pending", "approved", "rejected", "spam", "reported"] as const) {
      const listed = JSON.stringify(await listQueue(getDb(), queueQuerySchema.parse({ queue, limit: 100 })));
      expect(listed.toLowerCase()).not.toContain(EMAIL);
      expect(listed).not.toContain(NAME);
    }
  });

  it("gives an erased comment in the queue no author history (erased comments share no e-mail to count by)", async () => {
    const pending = await listQueue(getDb(), queueQuerySchema.parse({ queue: "pending", limit: 100 }));
    const held = pending.comments.find((comment) => comment.id === fixture.held.id);
    expect(held?.authorHistory).toEqual({ approved: 0, pending: 0, rejected: 0, spam: 0, firstSeen: held?.createdAt });
  });

  it("leaves them out of the JSON-lines export", async () => {
    const path = join(tempDir, "after-erasure.jsonl");
    await writeJsonlExport(getDb(), path);
    const text = readFileSync(path, "utf8");
    expect(text).toContain('"type":"comment"');
    expect(text.toLowerCase()).not.toContain(EMAIL);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain("203.0.113.77");
  });

  it("logs the erasure with the administrator and the count, the address only as its keyed hash", async () => {
    const log = await getDb().privacyRequest.findFirstOrThrow({ where: { kind: "erase" }, include: { moderator: true } });
    expect(log).toMatchObject({ comments: 3, emailHash: hashEmailForLog(EMAIL, SECRET), moderator: { email: "privacy-admin@example.org" } });
  });

  it("tells the queues and both affected threads that they changed", () => {
    expect(bus.events).toEqual(expect.arrayContaining([{ type: "queues" }, { type: "thread", slug: fixture.article.slug }, { type: "thread", slug: fixture.other.slug }]));
    expect(bus.events).toHaveLength(3);
  });

  it("finds nothing the second time, logs it, and announces nothing", async () => {
    const again = recordingBus();
    expect(await eraseCommenterData(getDb(), EMAIL, { secret: SECRET, live: again })).toEqual({ erased: 0, bans: 0 });
    expect(again.events).toEqual([]);
    expect(await getDb().privacyRequest.count({ where: { kind: "erase" } })).toBe(2);
    expect((await exportCommenterData(getDb(), EMAIL, { secret: SECRET })).comments).toEqual([]);
  });
});
