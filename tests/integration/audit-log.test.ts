import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getLog } from "@/app/api/v1/moderation/log/route";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listAuditLog, type AuditLogEntry, type AuditLogQuery } from "@/lib/moderation/audit-log";
import { getDefaultModerationSettings, updateModerationSettings } from "@/lib/moderation/settings";
import { updateArticleModeration } from "@/lib/moderation/settings-changes";
import { createArticle, createComment } from "../support/factories";

const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const at = (minute: number) => new Date(Date.UTC(2020, 0, 1, 10, minute));

let ana: SignedInAccount;
let ben: SignedInAccount;
let slug: string;
let articleTitle: string;
let publishedId: string;
let pendingId: string;

/** The entries' labels, newest first: "decision:<action>" or "settings:<scope>". */
const labelsOf = (entries: AuditLogEntry[]) => entries.map((entry) => (entry.kind === "decision" ? `decision:${entry.action}` : `settings:${entry.scope}`));

async function createAccount(email: string, role: SignedInAccount["role"]): Promise<SignedInAccount> {
  const row = await getDb().moderator.create({ data: { email, name: email.split("@")[0] ?? null, passwordHash: "unused", role } });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

async function readAll(query: AuditLogQuery, limit: number): Promise<{ entries: AuditLogEntry[]; pages: number }> {
  const entries: AuditLogEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listAuditLog(getDb(), { ...query, cursor }, { limit });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    entries.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor && pages < 20);
  return { entries, pages };
}

beforeAll(async () => {
  const db = getDb();
  ana = await createAccount("ana@example.org", "admin");
  ben = await createAccount("ben@example.org", "moderator");
  const { article } = await createArticle(db);
  ({ slug, title: articleTitle } = article);
  const published = await createComment(db, article.id, { status: "approved", body: "A published   comment\n\nthat   was approved.", authorName: "Reader One" });
  const pending = await createComment(db, article.id, { status: "pending", body: `A long comment. ${"words ".repeat(60)}`, authorName: "Reader Two" });
  publishedId = published.id;
  pendingId = pending.id;
  await db.moderationDecision.createMany({
    data: [
      { commentId: publishedId, moderatorId: ana.id, action: "approve", fromStatus: "pending", toStatus: "approved", createdAt: at(0) },
      { commentId: pendingId, moderatorId: ben.id, action: "reject", fromStatus: "pending", toStatus: "rejected", createdAt: at(5) },
      { commentId: pendingId, moderatorId: ben.id, action: "undo", fromStatus: "rejected", toStatus: "pending", createdAt: at(10) },
      { commentId: publishedId, moderatorId: null, action: "auto-hold-reports", fromStatus: "approved", toStatus: "pending", note: "3 open reports", createdAt: at(30) },
    ],
  });
  const defaults = getDefaultModerationSettings();
  await db.settingChange.createMany({
    data: [
      // At the same instant as the undo: the log lists the decision first, and paging must not lose either.
      { moderatorId: ana.id, scope: "moderation", before: defaults, after: { ...defaults, floodIntervalSeconds: 5, ruleActions: { ...defaults.ruleActions, threat: "hold" } }, createdAt: at(10) },
      { moderatorId: ben.id, scope: `article:${slug}`, before: { commentsOpen: true, preModerate: false }, after: { commentsOpen: false, preModerate: false }, createdAt: at(20) },
    ],
  });
  // The auto-hold happened after the approval, so the comment is pending now.
  await db.comment.update({ where: { id: publishedId }, data: { status: "pending" } });
  await db.comment.update({ where: { id: pendingId }, data: { status: "pending" } });
});

describe("listAuditLog", () => {
  it("merges decisions and setting changes, newest first", async () => {
    const { entries, nextCursor } = await listAuditLog(getDb(), {});
    expect(nextCursor).toBeNull();
    expect(labelsOf(entries)).toEqual([
      "decision:auto-hold-reports",
      `settings:article:${slug}`,
      "decision:undo",
      "settings:moderation",
      "decision:reject",
      "decision:approve",
    ]);
  });

  it.each([
    ["a moderator's e-mail, in any case", { moderator: "ANA@example.org" }, ["settings:moderation", "decision:approve"]],
    ["approve", { action: "approve" }, ["decision:approve"]],
    ["undo", { action: "undo" }, ["decision:undo"]],
    ["settings", { action: "settings" }, ["settings:article:__slug__", "settings:moderation"]],
    ["moderator and action", { moderator: "ben@example.org", action: "settings" }, ["settings:article:__slug__"]],
    ["a moderator with no entries", { moderator: "nobody@example.org" }, []],
    ["an action nobody took", { action: "ham" }, []],
  ] as const)("filters by %s", async (_name, query, expected) => {
    const { entries } = await listAuditLog(getDb(), query);
    expect(labelsOf(entries)).toEqual(expected.map((label) => label.replace("__slug__", slug)));
  });

  it.each([1, 2, 4])("pages %i at a time through every entry once, across ties", async (limit) => {
    const all = (await listAuditLog(getDb(), {})).entries;
    const { entries, pages } = await readAll({}, limit);
    expect(entries.map((entry) => entry.id)).toEqual(all.map((entry) => entry.id));
    expect(pages).toBe(Math.ceil(all.length / limit));
  });

  it("pages within a filter", async () => {
    const { entries } = await readAll({ moderator: "ben@example.org" }, 1);
    expect(labelsOf(entries)).toEqual([`settings:article:${slug}`, "decision:undo", "decision:reject"]);
  });

  it("shows a decision with who, the statuses, and the comment's author, excerpt, article and link", async () => {
    const { entries } = await listAuditLog(getDb(), { action: "reject" });
    expect(entries[0]).toMatchObject({
      kind: "decision",
      moderator: { id: ben.id, email: "ben@example.org" },
      fromStatus: "pending",
      toStatus: "rejected",
      comment: { id: pendingId, authorName: "Reader Two", authorEmail: "reader@example.org", status: "pending", article: { slug, title: articleTitle }, href: `/moderation/queue/pending?article=${encodeURIComponent(slug)}&author=reader%40example.org` },
    });
    const excerpt = entries[0]?.kind === "decision" ? entries[0].comment.excerpt : "";
    expect(excerpt.length).toBeLessThanOrEqual(140);
    expect(excerpt).toMatch(/^A long comment\. words words .*…$/);
  });

  it("links a published comment to its permalink and shows automatic decisions without a moderator", async () => {
    await getDb().comment.update({ where: { id: publishedId }, data: { status: "approved" } });
    try {
      const [auto] = (await listAuditLog(getDb(), {})).entries;
      expect(auto).toMatchObject({ kind: "decision", action: "auto-hold-reports", moderator: null, note: "3 open reports" });
      expect(auto?.kind === "decision" && auto.comment).toMatchObject({ excerpt: "A published comment that was approved.", href: `/articles/${slug}#comment-${publishedId}` });
    } finally {
      await getDb().comment.update({ where: { id: publishedId }, data: { status: "pending" } });
    }
  });

  it("shows which settings changed, from what to what, and which article a switch was about", async () => {
    const { entries } = await listAuditLog(getDb(), { action: "settings" });
    expect(entries).toEqual([
      expect.objectContaining({ scope: `article:${slug}`, article: { slug, title: articleTitle }, moderator: expect.objectContaining({ email: "ben@example.org" }), changes: [{ key: "commentsOpen", from: true, to: false }] }),
      expect.objectContaining({
        scope: "moderation",
        article: null,
        changes: [
          { key: "floodIntervalSeconds", from: 15, to: 5 },
          { key: "ruleActions.threat", from: "reject", to: "hold" },
        ],
      }),
    ]);
  });

  it.each(["not-a-cursor", Buffer.from("2020-01-01T10:00:00.000Z|comment|x").toString("base64url")])("refuses the cursor %s", async (cursor) => {
    const error = await listAuditLog(getDb(), { cursor }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "validation", fields: { cursor: expect.any(String) } });
  });

  it("lists what the settings page and the articles API write, newest first", async () => {
    const cleo = await createAccount("cleo@example.org", "admin");
    await updateModerationSettings(getDb(), { preModerateAll: true, bannedWords: ["viagra", "scam"] }, { moderatorId: cleo.id });
    await updateArticleModeration(getDb(), slug, { preModerate: true }, { moderatorId: cleo.id });
    const { entries } = await listAuditLog(getDb(), { moderator: "cleo@example.org" });
    expect(entries).toEqual([
      expect.objectContaining({ kind: "settings", scope: `article:${slug}`, changes: [{ key: "preModerate", from: false, to: true }] }),
      expect.objectContaining({
        kind: "settings",
        scope: "moderation",
        changes: [
          { key: "bannedWords", from: getDefaultModerationSettings().bannedWords, to: ["viagra", "scam"] },
          { key: "preModerateAll", from: false, to: true },
        ],
      }),
    ]);
  });
});

describe("GET /api/v1/moderation/log", () => {
  const request = (search: string) => getLog(new Request(`http://localhost/api/v1/moderation/log${search}`));

  it("answers any moderator with a page of entries and the next cursor", async () => {
    session.account = ben;
    const response = await request("?moderator=ana%40example.org&action=");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { entries: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.entries.map((entry) => entry.kind)).toEqual(["settings", "decision"]);
    expect(body.entries[1]).toMatchObject({ action: "approve", createdAt: at(0).toISOString(), moderator: { email: "ana@example.org" } });
  });

  it("follows its own cursor", async () => {
    session.account = ben;
    const first = (await (await request("?action=settings")).json()) as { entries: unknown[]; nextCursor: string | null };
    expect(first.nextCursor).toBeNull();
    const all = await listAuditLog(getDb(), {}, { limit: 2 });
    const next = await request(`?cursor=${encodeURIComponent(all.nextCursor ?? "")}`);
    expect(next.status).toBe(200);
    expect(((await next.json()) as { entries: Array<{ id: string }> }).entries[0]?.id).toBe((await listAuditLog(getDb(), {})).entries[2]?.id);
  });

  it.each([
    ["an unknown action", "?action=delete", 400, "validation", "action"],
    ["a forged cursor", "?cursor=abc", 400, "validation", "cursor"],
  ])("refuses %s", async (_name, search, status, code, field) => {
    session.account = ben;
    const response = await request(search);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, fields: { [field]: expect.any(String) } } });
  });

  it.each([
    ["nobody signed in", null, 401],
    ["a member", "member" as const, 403],
  ])("refuses %s with %s", async (_name, role, status) => {
    session.account = role ? { id: "x", email: "member@example.org", name: null, role } : null;
    expect((await request("")).status).toBe(status);
  });
});
