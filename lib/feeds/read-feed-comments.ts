// The comments a feed carries: what a reader of the thread can see, newest
// first. That is an approved comment that its author has not taken back
// (deletedAt) nor had erased (erasedAt: name and text are gone, it stays in
// the thread only for its replies), and whose every ancestor is approved: the
// thread leaves out a reply to a held, rejected or spam comment (buildThread),
// so the feed does too, or its link would lead nowhere. Only what a thread
// shows publicly is read: never the e-mail, the address or the user agent.
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** Most entries a feed carries: readers poll, and what they missed is on the page. */
export const FEED_ENTRY_LIMIT = 50;

/** How many batches of candidates are read at most to fill a feed when replies under hidden comments are left out. */
const MAX_BATCHES = 4;

/** One comment as a feed shows it. */
export interface FeedComment {
  id: string;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
  featured: boolean;
  article: { slug: string; title: string };
}

const feedCommentSelect = {
  id: true,
  parentId: true,
  authorName: true,
  authorUrl: true,
  bodyHtml: true,
  createdAt: true,
  editedAt: true,
  featuredAt: true,
  article: { select: { slug: true, title: true } },
} as const satisfies Prisma.CommentSelect;

type CandidateRow = Prisma.CommentGetPayload<{ select: typeof feedCommentSelect }>;

/**
 * Which of the rows hang under a comment readers cannot see. Walks up the
 * parent chains one level per query (a thread's depth, not its size, sets
 * the cost), remembering what it learnt across calls.
 */
async function findHiddenReplies(db: Db, rows: readonly CandidateRow[], known: Map<string, { parentId: string | null; isApproved: boolean }>): Promise<Set<string>> {
  for (const row of rows) known.set(row.id, { parentId: row.parentId, isApproved: true });
  let wanted = [...new Set(rows.map((row) => row.parentId).filter((id): id is string => id !== null && !known.has(id)))];
  while (wanted.length > 0) {
    const parents = await db.comment.findMany({ where: { id: { in: wanted } }, select: { id: true, parentId: true, status: true } });
    for (const parent of parents) known.set(parent.id, { parentId: parent.parentId, isApproved: parent.status === "approved" });
    // A parent that is gone (it cascades, so only mid-deletion) hides its replies as the thread would.
    for (const id of wanted) if (!known.has(id)) known.set(id, { parentId: null, isApproved: false });
    wanted = [...new Set(parents.map((parent) => parent.parentId).filter((id): id is string => id !== null && !known.has(id)))];
  }
  const hidden = new Set<string>();
  for (const row of rows) {
    for (let ancestor = row.parentId; ancestor !== null; ancestor = known.get(ancestor)?.parentId ?? null) {
      if (!known.get(ancestor)?.isApproved) {
        hidden.add(row.id);
        break;
      }
    }
  }
  return hidden;
}

/**
 * The newest comments readers can see, of one article or of every article
 * `articles` selects, at most `limit`, newest first (by when they were
 * written; ties by id, so the order never wavers between two reads).
 */
export async function readFeedComments(db: Db, options: { articles: Prisma.ArticleWhereInput; limit?: number }): Promise<FeedComment[]> {
  const limit = options.limit ?? FEED_ENTRY_LIMIT;
  const where: Prisma.CommentWhereInput = { status: "approved", deletedAt: null, erasedAt: null, article: options.articles };
  const known = new Map<string, { parentId: string | null; isApproved: boolean }>();
  const kept: CandidateRow[] = [];
  let cursor: { id: string } | null = null;
  for (let batch = 0; batch < MAX_BATCHES && kept.length < limit; batch += 1) {
    // A few more than needed: most comments are visible, and a short batch says the end is reached.
    const take = limit - kept.length + 10;
    const rows: CandidateRow[] = await db.comment.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      ...(cursor ? { cursor, skip: 1 } : {}),
      select: feedCommentSelect,
    });
    const hidden = await findHiddenReplies(db, rows, known);
    kept.push(...rows.filter((row) => !hidden.has(row.id)));
    if (rows.length < take) break;
    cursor = { id: rows[rows.length - 1]!.id };
  }
  return kept.slice(0, limit).map((row) => ({
    id: row.id,
    authorName: row.authorName,
    authorUrl: row.authorUrl,
    bodyHtml: row.bodyHtml,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    featured: row.featuredAt !== null,
    article: row.article,
  }));
}
