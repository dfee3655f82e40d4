// Threads as readers see them: approved comments only, paged by top-level
// comment, each page carrying the whole reply tree of its top-level comments.
import type { Db } from "../db";
import { getModerationSettings, isAutoClosed } from "../moderation/settings";
import { AppError } from "../errors";
import { isPossibleSlug } from "../validation/slug";
import { threadQuerySchema, type ThreadQuery } from "../validation/thread-query";

/** A comment with its replies, as the public API and the article page show it. */
export interface ThreadComment {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
  /** Readers' respects, counted once per address network. */
  respects: number;
  /** An editors' pick: shown first, in its own section of the thread. */
  featured: boolean;
  /** Taken back by its author: author and text read "[deleted]", kept only because replies hang from it. */
  deleted: boolean;
  replies: ThreadComment[];
}

/** One comment row as read from the database, before the tree is built. */
export interface ThreadRow {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
  respectCount: number;
  featuredAt: Date | null;
  deletedAt: Date | null;
}

/** Where a page starts: just after this top-level comment in the page's sort order. */
export interface ThreadCursor {
  createdAt: Date;
  id: string;
}

/** The article fields the thread API returns. */
export interface ThreadArticle {
  slug: string;
  title: string;
  url: string;
  commentCount: number;
  commentsOpen: boolean;
}

/** A page of a thread (SPEC.md shape). */
export interface ThreadPage {
  article: ThreadArticle;
  comments: ThreadComment[];
  nextCursor: string | null;
}

/** Encodes a cursor as an opaque URL-safe token. */
export function encodeCursor(cursor: ThreadCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

/** Decodes a cursor this API issued; throws a validation error naming `cursor` otherwise. */
export function requireCursor(token: string): ThreadCursor {
  const invalid = new AppError("validation", "api.thread.badCursor", { fields: { cursor: "api.thread.foreignCursor" } });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalid;
  const [iso, id] = decoded as unknown[];
  if (typeof iso !== "string" || typeof id !== "string" || id.length === 0 || id.length > 64) throw invalid;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) throw invalid;
  return { createdAt, id };
}

/**
 * Builds reply trees in one pass over rows sorted oldest first. Returns the
 * trees of `rootIds`, in that order. A reply whose parent is not among the
 * rows (held, rejected or spam) is left out with its own replies: an answer
 * to something readers cannot see makes no sense on its own.
 */
export function buildThread(rows: ThreadRow[], rootIds: string[]): ThreadComment[] {
  const nodes = new Map<string, ThreadComment>();
  for (const row of rows) {
    nodes.set(row.id, {
      id: row.id,
      parentId: row.parentId,
      authorName: row.authorName,
      authorUrl: row.authorUrl,
      bodyHtml: row.bodyHtml,
      createdAt: row.createdAt.toISOString(),
      editedAt: row.editedAt ? row.editedAt.toISOString() : null,
      respects: row.respectCount,
      featured: row.featuredAt !== null,
      deleted: row.deletedAt !== null,
      replies: [],
    });
  }
  for (const row of rows) {
    if (row.parentId === null) continue;
    const parent = nodes.get(row.parentId);
    const node = nodes.get(row.id);
    if (parent && node) parent.replies.push(node);
  }
  return rootIds.flatMap((id) => {
    const root = nodes.get(id);
    return root && root.parentId === null ? [root] : [];
  });
}

interface PageRow extends ThreadRow {
  rootId: string | null;
}

/** Fetches one page of top-level comments and all their approved replies in a single query. */
async function findPageRows(db: Db, articleId: string, query: ThreadQuery, cursor: ThreadCursor | null): Promise<PageRow[]> {
  const isNewest = query.sort === "newest";
  const order = isNewest ? `"createdAt" DESC, "id" DESC` : `"createdAt" ASC, "id" ASC`;
  // One extra top-level comment tells whether another page follows.
  const params: unknown[] = [articleId, query.limit + 1];
  let after = "";
  if (cursor) {
    params.push(cursor.createdAt.toISOString(), cursor.id);
    after = `AND ("createdAt", "id") ${isNewest ? "<" : ">"} (CAST($3 AS timestamp(3)), $4)`;
  }
  const sql = `
    WITH page AS (
      SELECT "id" FROM "Comment"
      WHERE "articleId" = $1 AND "status" = 'approved' AND "parentId" IS NULL ${after}
      ORDER BY ${order}
      LIMIT $2
    )
    SELECT c."id", c."parentId", c."rootId", c."authorName", c."authorUrl", c."bodyHtml", c."createdAt", c."editedAt", c."respectCount", c."featuredAt", c."deletedAt"
    FROM "Comment" c
    WHERE c."status" = 'approved' AND (c."id" IN (SELECT "id" FROM page) OR c."rootId" IN (SELECT "id" FROM page))
    ORDER BY c."createdAt" ASC, c."id" ASC`;
  const rows = await db.$queryRawUnsafe<PageRow[]>(sql, ...params);
  return rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    editedAt: row.editedAt === null ? null : new Date(row.editedAt),
    featuredAt: row.featuredAt === null ? null : new Date(row.featuredAt),
    deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt),
  }));
}

function compareRoots(sort: ThreadQuery["sort"]) {
  return (a: ThreadRow, b: ThreadRow): number => {
    const byTime = a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return sort === "newest" ? -byTime : byTime;
  };
}

/** How many comments readers see on an article: its approved ones (the thread's `article.commentCount`). */
export function countThreadComments(db: Db, articleId: string): Promise<number> {
  return db.comment.count({ where: { articleId, status: "approved" } });
}

/**
 * How many comments, replies included, a reader's page of a thread shows at
 * most (the article page, the framed thread): whole top-level comments with
 * their replies while they fit, and always at least one. A page of a
 * 1,000-comment thread then weighs about what a page of a small one does.
 */
export const READER_PAGE_COMMENT_BUDGET = 50;

/** The first roots whose trees together hold at most `budget` comments (at least one root). */
function fitRoots(roots: ThreadRow[], rows: PageRow[], budget: number): ThreadRow[] {
  const treeSizes = new Map<string, number>();
  for (const row of rows) {
    const rootId = row.rootId ?? row.id;
    treeSizes.set(rootId, (treeSizes.get(rootId) ?? 0) + 1);
  }
  let total = 0;
  let kept = 0;
  for (const root of roots) {
    total += treeSizes.get(root.id) ?? 1;
    if (total > budget && kept > 0) break;
    kept += 1;
  }
  return roots.slice(0, kept);
}

/**
 * Returns one page of an article's approved thread; throws not_found for an
 * unknown slug. With a `commentBudget`, the page stops early once its
 * comments, replies included, would pass it (READER_PAGE_COMMENT_BUDGET).
 */
export async function getThreadPage(db: Db, slug: string, query: ThreadQuery, options: { commentBudget?: number } = {}): Promise<ThreadPage> {
  const cursor = query.cursor ? requireCursor(query.cursor) : null;
  const article = isPossibleSlug(slug)
    ? await db.article.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, url: true, commentsOpen: true, publishedAt: true } })
    : null;
  if (!article) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });

  const [commentCount, rows, settings] = await Promise.all([
    countThreadComments(db, article.id),
    findPageRows(db, article.id, query, cursor),
    getModerationSettings(db),
  ]);
  const roots = rows.filter((row) => row.parentId === null).sort(compareRoots(query.sort));
  const limitRoots = roots.slice(0, query.limit);
  const pageRoots = options.commentBudget === undefined ? limitRoots : fitRoots(limitRoots, rows, options.commentBudget);
  const lastRoot = pageRoots.at(-1);
  const nextCursor = roots.length > pageRoots.length && lastRoot ? encodeCursor(lastRoot) : null;
  const pageRootIds = new Set(pageRoots.map((root) => root.id));
  const pageRows = rows.filter((row) => pageRootIds.has(row.id) || (row.rootId !== null && pageRootIds.has(row.rootId)));

  return {
    article: { slug: article.slug, title: article.title, url: article.url, commentCount, commentsOpen: article.commentsOpen && !isAutoClosed(article.publishedAt, settings) },
    comments: buildThread(pageRows, pageRoots.map((root) => root.id)),
    nextCursor,
  };
}

/**
 * The page of a thread that an address asks for (its `sort` and `cursor`
 * parameters), as readers' pages show it (READER_PAGE_COMMENT_BUDGET).
 * Whatever is in the address, there is a thread to show: bad paging falls
 * back to the first page.
 */
export async function getThreadPageForAddress(db: Db, slug: string, params: { sort?: string | undefined; cursor?: string | undefined }): Promise<{ page: ThreadPage; query: ThreadQuery }> {
  const parsed = threadQuerySchema.safeParse({ sort: params.sort, cursor: params.cursor });
  const query: ThreadQuery = parsed.success ? parsed.data : { sort: "oldest", limit: 50 };
  const readerPage = { commentBudget: READER_PAGE_COMMENT_BUDGET };
  try {
    return { page: await getThreadPage(db, slug, query, readerPage), query };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "validation") throw error;
    const fallback: ThreadQuery = { sort: query.sort, limit: query.limit };
    return { page: await getThreadPage(db, slug, fallback, readerPage), query: fallback };
  }
}
