// The moderators' queues: comments by status (and the reported ones), newest
// or oldest first, filtered by article or author, paged by cursor, each with
// everything a moderator needs to decide without opening anything else.
import { z } from "zod";
import type { Db } from "../db";
import { encodeCursor, requireCursor } from "../comments/thread";
import { AppError } from "../errors";
import type { Evidence } from "./pipeline";
import { moderationQueues, type ModerationQueue, type QueueCounts } from "./queue-names";

/** What the queue request's messages (catalog keys) name: pass to requireValidInput with it. */
export const QUEUE_MESSAGE_PARAMS = { queues: moderationQueues.join(", ") } as const;

/** The queue request (SPEC.md `GET /api/v1/moderation/comments`). */
export const queueQuerySchema = z.object({
  queue: z.enum(moderationQueues, { message: "api.moderation.badQueue" }).default("pending"),
  order: z.enum(["newest", "oldest"], { message: "api.moderation.badOrder" }).default("newest"),
  article: z.string().trim().min(1).max(200).optional(),
  /** An author's e-mail (contains "@") or IP address. */
  author: z.string().trim().min(1).max(254).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1, "api.moderation.badLimit").max(100, "api.moderation.badLimit").default(50),
});

/** A parsed queue request. */
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** Why the pipeline held a comment: one verdict. */
export interface ModReason {
  check: string;
  label: string;
  action: string;
  evidence: Evidence;
}

/** A reader's report on a comment. */
export interface ModReport {
  id: string;
  reason: string;
  note: string | null;
  createdAt: string;
  isResolved: boolean;
}

/** An earlier text of a comment, kept when its author edited or deleted it. */
export interface ModRevision {
  /** The text as it was written then. */
  body: string;
  writtenAt: string;
  replacedAt: string;
}

/** How an author has fared so far (by e-mail). */
export interface AuthorHistory {
  approved: number;
  pending: number;
  rejected: number;
  spam: number;
  firstSeen: string;
}

/** A comment as moderators see it (SPEC.md ModComment, plus what the dashboard shows). */
export interface ModComment {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  /** The text as written: evidence spans index into it. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  replies: [];
  status: "approved" | "pending" | "spam" | "rejected";
  /** An editors' pick. */
  featured: boolean;
  /** Readers' respects, counted once per address network. */
  respects: number;
  /** Taken back by its author (the thread shows it as "[deleted]" when replies hang from it). */
  deleted: boolean;
  /** Every earlier text, oldest first. */
  revisions: ModRevision[];
  reasons: ModReason[];
  reports: ModReport[];
  article: { slug: string; title: string; url: string };
  authorEmail: string;
  ip: string | null;
  userAgent: string | null;
  parent: { id: string; authorName: string; excerpt: string; status: string } | null;
  authorHistory: AuthorHistory;
}

/** A page of a queue, with every queue's count. */
export interface QueuePage {
  comments: ModComment[];
  nextCursor: string | null;
  counts: QueueCounts;
}

/** The statuses a reported comment can still be in: once spam or rejected, it is out of readers' sight. */
const reportableStatuses = ["approved", "pending"] as const;

function whereQueue(queue: ModerationQueue) {
  return queue === "reported" ? { status: { in: [...reportableStatuses] }, reports: { some: { resolvedAt: null } } } : { status: queue };
}

/** How many comments each queue holds. */
export async function countQueues(db: Db): Promise<QueueCounts> {
  const [byStatus, reported] = await Promise.all([
    db.comment.groupBy({ by: ["status"], _count: { _all: true } }),
    db.comment.count({ where: whereQueue("reported") }),
  ]);
  const counts: QueueCounts = { pending: 0, reported, spam: 0, rejected: 0, approved: 0 };
  for (const row of byStatus) counts[row.status] = row._count._all;
  return counts;
}

function excerpt(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/**
 * One page of a queue. Throws a validation error naming the field for a bad
 * query. Pass `counts` when they are already known (the dashboard's layout
 * counts once per request) to skip counting again.
 */
export async function listQueue(db: Db, query: QueueQuery, options: { counts?: QueueCounts } = {}): Promise<QueuePage> {
  const cursor = query.cursor ? requireCursor(query.cursor) : null;
  const isNewest = query.order === "newest";
  const direction = isNewest ? "desc" : "asc";
  const author = query.author ? (query.author.includes("@") ? { authorEmail: query.author.toLowerCase() } : { ip: query.author }) : {};
  if (query.article !== undefined && !(await db.article.findUnique({ where: { slug: query.article }, select: { id: true } }))) {
    throw new AppError("validation", "api.articles.notFound", { fields: { article: "api.articles.noSuchArticle" }, params: { slug: query.article } });
  }
  // The plain createdAt bound beside the OR lets the database stop the index scan at the cursor instead of reading every row before it.
  const after = cursor
    ? isNewest
      ? { createdAt: { lte: cursor.createdAt }, OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
      : { createdAt: { gte: cursor.createdAt }, OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }
    : {};
  const [rows, counts] = await Promise.all([
    db.comment.findMany({
      where: { ...whereQueue(query.queue), ...author, ...(query.article ? { article: { slug: query.article } } : {}), ...after },
      orderBy: [{ createdAt: direction }, { id: direction }],
      take: query.limit + 1,
      include: {
        article: { select: { slug: true, title: true, url: true } },
        verdicts: { orderBy: { createdAt: "asc" } },
        reports: { orderBy: { createdAt: "asc" } },
        parent: { select: { id: true, authorName: true, body: true, status: true } },
      },
    }),
    options.counts ?? countQueues(db),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;

  // Erased comments have no e-mail left (lib/privacy): they share no history with each other.
  const emails = [...new Set(page.map((row) => row.authorEmail))].filter((email) => email !== "");
  const [history, revisionRows] = await Promise.all([
    emails.length
      ? db.comment.groupBy({ by: ["authorEmail", "status"], where: { authorEmail: { in: emails } }, _count: { _all: true }, _min: { createdAt: true } })
      : [],
    // Every card's earlier versions in one query, oldest first.
    page.length
      ? db.commentRevision.findMany({
          where: { commentId: { in: page.map((row) => row.id) } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { commentId: true, body: true, writtenAt: true, createdAt: true },
        })
      : [],
  ]);
  const historyByEmail = new Map<string, AuthorHistory>();
  for (const row of history) {
    const entry = historyByEmail.get(row.authorEmail) ?? { approved: 0, pending: 0, rejected: 0, spam: 0, firstSeen: "" };
    entry[row.status] = row._count._all;
    const first = row._min.createdAt;
    if (first && (!entry.firstSeen || first.getTime() < Date.parse(entry.firstSeen))) entry.firstSeen = first.toISOString();
    historyByEmail.set(row.authorEmail, entry);
  }

  const revisionsById = new Map<string, ModRevision[]>();
  for (const revision of revisionRows) {
    const list = revisionsById.get(revision.commentId) ?? [];
    list.push({ body: revision.body, writtenAt: revision.writtenAt.toISOString(), replacedAt: revision.createdAt.toISOString() });
    revisionsById.set(revision.commentId, list);
  }

  const comments: ModComment[] = page.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    authorName: row.authorName,
    authorUrl: row.authorUrl,
    bodyHtml: row.bodyHtml,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    replies: [],
    status: row.status,
    featured: row.featuredAt !== null,
    respects: row.respectCount,
    deleted: row.deletedAt !== null,
    revisions: revisionsById.get(row.id) ?? [],
    reasons: row.verdicts.map((verdict) => ({ check: verdict.check, label: verdict.label, action: verdict.action, evidence: verdict.evidence as unknown as Evidence })),
    reports: row.reports.map((report) => ({ id: report.id, reason: report.reason, note: report.note, createdAt: report.createdAt.toISOString(), isResolved: report.resolvedAt !== null })),
    article: row.article,
    authorEmail: row.authorEmail,
    ip: row.ip,
    userAgent: row.userAgent,
    parent: row.parent ? { id: row.parent.id, authorName: row.parent.authorName, excerpt: excerpt(row.parent.body), status: row.parent.status } : null,
    authorHistory: historyByEmail.get(row.authorEmail) ?? { approved: 0, pending: 0, rejected: 0, spam: 0, firstSeen: row.createdAt.toISOString() },
  }));
  return { comments, nextCursor, counts };
}
