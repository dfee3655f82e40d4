// The audit log: every moderator decision on a comment (ModerationDecision) and
// every change to the moderation settings or an article's switches
// (SettingChange), merged into one list, newest first, 50 to a page. The cursor
// is the last entry's (time, kind, id), so paging stays stable while new
// entries arrive.
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { CommentStatus, Prisma } from "../generated/prisma/client";
import { diffSettingValues, readArticleScope, type SettingValueChange } from "./settings-changes";

/** What the log can be filtered by: a decision's action (editors' picks among them), or "settings" for setting changes. */
export const auditLogActions = ["approve", "reject", "spam", "ham", "undo", "feature", "unfeature", "settings"] as const;

/** One of the log's action filters. */
export type AuditLogAction = (typeof auditLogActions)[number];

/** Entries per page. */
export const AUDIT_LOG_PAGE_SIZE = 50;

const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);

/** What the log query's messages (catalog keys) name: pass to requireValidInput with it. */
export const AUDIT_LOG_MESSAGE_PARAMS = { actions: auditLogActions.join(", ") } as const;

/** `?moderator=&action=&cursor=` of GET /api/v1/moderation/log and the log page; blank values mean no filter. */
export const auditLogQuerySchema = z.object({
  moderator: z.preprocess(blankIsAbsent, z.string().trim().max(254, "api.moderation.moderatorNotEmail").optional()),
  action: z.preprocess(blankIsAbsent, z.enum(auditLogActions, { message: "api.moderation.badAction" }).optional()),
  cursor: z.preprocess(blankIsAbsent, z.string().max(300, "api.thread.foreignCursor").optional()),
});

/** A parsed log query. */
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;

/** Who made an entry; null for the system (e.g. reports moving a comment back to pending), the command line or a removed account. */
export interface AuditActor {
  id: string;
  email: string;
  name: string | null;
}

/** A decision on a comment: who moved it from which status to which. */
export interface AuditDecisionEntry {
  kind: "decision";
  id: string;
  createdAt: Date;
  moderator: AuditActor | null;
  action: string;
  fromStatus: CommentStatus;
  toStatus: CommentStatus;
  note: string | null;
  comment: {
    id: string;
    authorName: string;
    authorEmail: string;
    excerpt: string;
    /** Where the comment is now. */
    status: CommentStatus;
    article: { slug: string; title: string };
    /** The published comment's permalink, or the dashboard queue it sits in (filtered to its author and article). */
    href: string;
  };
}

/** A change to the settings (scope "moderation") or to one article's switches (scope "article:{slug}"). */
export interface AuditSettingsEntry {
  kind: "settings";
  id: string;
  createdAt: Date;
  moderator: AuditActor | null;
  scope: string;
  /** The article an article-scoped change is about (title null if it has since been deleted). */
  article: { slug: string; title: string | null } | null;
  /** What changed, key by key; empty when the save changed nothing. */
  changes: SettingValueChange[];
}

/** One line of the audit log. */
export type AuditLogEntry = AuditDecisionEntry | AuditSettingsEntry;

/** One page of the log. */
export interface AuditLogPage {
  entries: AuditLogEntry[];
  nextCursor: string | null;
}

const EXCERPT_LENGTH = 140;
const kindRank = { decision: 0, settings: 1 } as const;

interface Cursor {
  createdAt: Date;
  kind: AuditLogEntry["kind"];
  id: string;
}

function encodeCursor(entry: AuditLogEntry): string {
  return Buffer.from(`${entry.createdAt.toISOString()}|${entry.kind}|${entry.id}`).toString("base64url");
}

function requireCursor(value: string): Cursor {
  const [time, kind, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time ?? "");
  if (rest.length || !id || (kind !== "decision" && kind !== "settings") || Number.isNaN(createdAt.getTime())) {
    throw new AppError("validation", "api.thread.badCursor", { fields: { cursor: "api.thread.notIssuedHere" } });
  }
  return { createdAt, kind, id };
}

/** Rows of one table that come after the cursor in the log's order (time desc, decisions before settings changes, id desc). */
function afterCursor(table: Cursor["kind"], cursor: Cursor | null) {
  if (!cursor) return {};
  if (table === cursor.kind) return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
  return { createdAt: kindRank[table] > kindRank[cursor.kind] ? { lte: cursor.createdAt } : { lt: cursor.createdAt } };
}

function excerptOf(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

/** A published comment's permalink; otherwise its queue, narrowed by the queue's own filters to this author on this article. */
function hrefOf(comment: { id: string; status: CommentStatus; authorEmail: string; article: { slug: string } }): string {
  if (comment.status === "approved") return `/articles/${encodeURIComponent(comment.article.slug)}#comment-${comment.id}`;
  const filters = new URLSearchParams({ article: comment.article.slug, author: comment.authorEmail });
  return `/moderation/queue/${comment.status}?${filters.toString()}`;
}

async function listDecisions(db: Db, where: Prisma.ModerationDecisionWhereInput, take: number): Promise<AuditDecisionEntry[]> {
  const rows = await db.moderationDecision.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      createdAt: true,
      action: true,
      fromStatus: true,
      toStatus: true,
      note: true,
      moderator: { select: { id: true, email: true, name: true } },
      comment: { select: { id: true, authorName: true, authorEmail: true, body: true, status: true, article: { select: { slug: true, title: true } } } },
    },
  });
  return rows.map(({ comment, ...row }) => ({
    kind: "decision" as const,
    ...row,
    comment: {
      id: comment.id,
      authorName: comment.authorName,
      authorEmail: comment.authorEmail,
      excerpt: excerptOf(comment.body),
      status: comment.status,
      article: comment.article,
      href: hrefOf(comment),
    },
  }));
}

async function listSettingChanges(db: Db, where: Prisma.SettingChangeWhereInput, take: number): Promise<AuditSettingsEntry[]> {
  const rows = await db.settingChange.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, createdAt: true, scope: true, before: true, after: true, moderator: { select: { id: true, email: true, name: true } } },
  });
  const slugs = [...new Set(rows.map((row) => readArticleScope(row.scope)).filter((slug): slug is string => slug !== null))];
  const articles = slugs.length ? await db.article.findMany({ where: { slug: { in: slugs } }, select: { slug: true, title: true } }) : [];
  const titles = new Map(articles.map((article) => [article.slug, article.title]));
  return rows.map(({ before, after, ...row }) => {
    const slug = readArticleScope(row.scope);
    return { kind: "settings" as const, ...row, article: slug === null ? null : { slug, title: titles.get(slug) ?? null }, changes: diffSettingValues(before, after) };
  });
}

/** Merges two newest-first lists into the log's order (at the same instant, decisions come first). */
function mergeNewestFirst(decisions: AuditDecisionEntry[], changes: AuditSettingsEntry[]): AuditLogEntry[] {
  const merged: AuditLogEntry[] = [];
  let d = 0;
  let s = 0;
  while (d < decisions.length || s < changes.length) {
    const decision = decisions[d];
    const change = changes[s];
    if (decision && (!change || decision.createdAt.getTime() >= change.createdAt.getTime())) {
      merged.push(decision);
      d += 1;
    } else if (change) {
      merged.push(change);
      s += 1;
    }
  }
  return merged;
}

/**
 * One page of the audit log, newest first: decisions and setting changes
 * merged, filtered by the moderator's e-mail (any case) and by action
 * ("settings" for setting changes). Throws validation for a bad cursor.
 */
export async function listAuditLog(db: Db, query: AuditLogQuery, options: { limit?: number } = {}): Promise<AuditLogPage> {
  const limit = options.limit ?? AUDIT_LOG_PAGE_SIZE;
  const cursor = query.cursor ? requireCursor(query.cursor) : null;
  const moderator = query.moderator ? { moderator: { email: { equals: query.moderator, mode: "insensitive" as const } } } : {};
  const wantsDecisions = query.action !== "settings";
  const wantsChanges = query.action === undefined || query.action === "settings";
  const [decisions, changes] = await Promise.all([
    wantsDecisions ? listDecisions(db, { ...moderator, ...(query.action ? { action: query.action } : {}), ...afterCursor("decision", cursor) }, limit + 1) : [],
    wantsChanges ? listSettingChanges(db, { ...moderator, ...afterCursor("settings", cursor) }, limit + 1) : [],
  ]);
  const merged = mergeNewestFirst(decisions, changes);
  const entries = merged.slice(0, limit);
  const last = entries.at(-1);
  return { entries, nextCursor: merged.length > limit && last ? encodeCursor(last) : null };
}

/** The accounts the log can be filtered by, by e-mail. */
export async function listAuditModerators(db: Db): Promise<Array<{ email: string; name: string | null }>> {
  return db.moderator.findMany({ orderBy: { email: "asc" }, select: { email: true, name: true } });
}
