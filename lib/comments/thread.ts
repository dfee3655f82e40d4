// Threads as readers see them: approved comments only, paged by top-level
// comment, each page carrying the whole reply tree of its top-level comments.
// Top-level comments come in one of four orders (oldest, newest, best,
// replies), editors' picks first in each; a page's cursor names its order and
// the last comment's place in it, so paging never skips or repeats a comment
// while nothing changes.
import type { Db } from "../db";
import { getModerationSettings, isAutoClosed } from "../moderation/settings";
import { AppError } from "../errors";
import { isPossibleSlug } from "../validation/slug";
import { threadQuerySchema, threadSorts, type ThreadQuery, type ThreadSort } from "../validation/thread-query";

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


/** A place in a time-ordered list (the moderation queues page by it): just after this comment. */
export interface ThreadCursor {
  createdAt: Date;
  id: string;
}

/**
 * Where a thread page starts: just after this top-level comment in the
 * page's sort order. `key` is what the order ranks by before time (respects
 * for `best`, replies for `replies`; null for `oldest` and `newest`).
 */
export interface ThreadPosition {
  sort: ThreadSort;
  featured: boolean;
  key: number | null;
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

/** Encodes a time cursor as an opaque URL-safe token. */
export function encodeCursor(cursor: ThreadCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

/** The refusal of a cursor this API did not issue. */
function foreignCursor(): AppError {
  return new AppError("validation", "api.thread.badCursor", { fields: { cursor: "api.thread.foreignCursor" } });
}

/** The ISO time and id of a cursor, as issued; throws foreignCursor() for anything else. */
function requireTimeAndId(iso: unknown, id: unknown): ThreadCursor {
  if (typeof iso !== "string" || typeof id !== "string" || id.length === 0 || id.length > 64) throw foreignCursor();
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) throw foreignCursor();
  return { createdAt, id };
}

/** Reads a token's JSON; throws foreignCursor() when it is not base64url JSON. */
function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw foreignCursor();
  }
}

/** Decodes a time cursor this API issued; throws a validation error naming `cursor` otherwise. */
export function requireCursor(token: string): ThreadCursor {
  const decoded = decodeToken(token);
  if (!Array.isArray(decoded) || decoded.length !== 2) throw foreignCursor();
  return requireTimeAndId(decoded[0], decoded[1]);
}

/** Encodes a thread page's cursor: its sort and the last top-level comment's place in it. */
export function encodeThreadCursor(position: ThreadPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.featured ? 1 : 0, position.key, position.createdAt.toISOString(), position.id])).toString("base64url");
}

/** The largest rank a cursor may carry (respects and replies are counted in PostgreSQL integers). */
const MAX_CURSOR_KEY = 2_147_483_647;

/**
 * Decodes a thread cursor this API issued for `sort`; throws a validation
 * error naming `cursor` for anything else, and says so when it is a cursor of
 * another sort (a page of `best` cannot continue `newest`).
 */
export function requireThreadCursor(token: string, sort: ThreadSort): ThreadPosition {
  const decoded = decodeToken(token);
  if (!Array.isArray(decoded) || decoded.length !== 5) throw foreignCursor();
  const [cursorSort, featured, key, iso, id] = decoded as unknown[];
  if (!threadSorts.includes(cursorSort as ThreadSort) || (featured !== 0 && featured !== 1)) throw foreignCursor();
  const isRanked = cursorSort === "best" || cursorSort === "replies";
  const isKeyValid = isRanked ? Number.isSafeInteger(key) && (key as number) >= 0 && (key as number) <= MAX_CURSOR_KEY : key === null;
  if (!isKeyValid) throw foreignCursor();
  const { createdAt } = requireTimeAndId(iso, id);
  if (cursorSort !== sort) {
    throw new AppError("validation", "api.engagement.otherSortCursor", { fields: { cursor: "api.engagement.otherSortCursorField" }, params: { cursorSort: cursorSort as string, sort } });
  }
  return { sort, featured: featured === 1, key: key as number | null, createdAt, id: id as string };
}

/** What a comment its author deleted shows in place of its author and text. */
export const DELETED_COMMENT = { authorName: "[deleted]", bodyHtml: "<p>[deleted]</p>" } as const;

/**
 * The ids of deleted comments that still have something to show under them:
 * a reply that is not deleted, reachable through comments among the rows.
 * Walked upwards from each such reply (no recursion: threads can be
 * thousands deep), stopping at an ancestor already marked.
 */
function findDeletedWithVisibleReplies(rows: ThreadRow[]): Set<string> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const needed = new Set<string>();
  for (const row of rows) {
    if (row.deletedAt !== null) continue;
    let parent = row.parentId === null ? undefined : byId.get(row.parentId);
    while (parent && !needed.has(parent.id)) {
      needed.add(parent.id);
      parent = parent.parentId === null ? undefined : byId.get(parent.parentId);
    }
  }
  return needed;
}

/**
 * Builds reply trees in one pass over rows sorted oldest first. Returns the
 * trees of `rootIds`, in that order. A reply whose parent is not among the
 * rows (held, rejected or spam) is left out with its own replies: an answer
 * to something readers cannot see makes no sense on its own. A comment its
 * author deleted stays only while replies hang from it, as "[deleted]".
 */
export function buildThread(rows: ThreadRow[], rootIds: string[]): ThreadComment[] {
  const keptDeleted = findDeletedWithVisibleReplies(rows);
  const nodes = new Map<string, ThreadComment>();
  for (const row of rows) {
    const isDeleted = row.deletedAt !== null;
    if (isDeleted && !keptDeleted.has(row.id)) continue;
    nodes.set(row.id, {
      id: row.id,
      parentId: row.parentId,
      authorName: isDeleted ? DELETED_COMMENT.authorName : row.authorName,
      authorUrl: isDeleted ? null : row.authorUrl,
      bodyHtml: isDeleted ? DELETED_COMMENT.bodyHtml : row.bodyHtml,
      createdAt: row.createdAt.toISOString(),
      editedAt: row.editedAt ? row.editedAt.toISOString() : null,
      respects: row.respectCount,
      featured: row.featuredAt !== null,
      deleted: isDeleted,
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

/** A top-level comment of a page, with its place in the page's order. */
interface PageRoot {
  id: string;
  createdAt: Date;
  featured: boolean;
  key: number | null;
}

/** A comment's approved replies in its whole tree (the `replies` order), on the (rootId, status) index; replies their authors deleted are not counted. */
const REPLY_COUNT_SQL = `(SELECT count(*) FROM "Comment" r WHERE r."rootId" = c."id" AND r."status" = 'approved' AND r."deletedAt" IS NULL)::int`;

/** What each order ranks by before time, and whether it runs from the oldest. */
const sortOrders: Record<ThreadSort, { key: string | null; isAscending: boolean }> = {
  oldest: { key: null, isAscending: true },
  newest: { key: null, isAscending: false },
  best: { key: `c."respectCount"`, isAscending: false },
  replies: { key: REPLY_COUNT_SQL, isAscending: false },
};

/**
 * The SQL of one page's top-level comments: the editors' picks, then the
 * rest, each part in the sort's order after the cursor, each LIMITed, so the
 * time orders still walk the (articleId, status, parentId, createdAt, id)
 * index. A top-level comment its author deleted is left out unless a reply
 * that is not deleted hangs from it. Ties go to the newest, then the id, so
 * the order is total and a cursor names one place in it.
 */
function buildPageRootsSql(page: { articleId: string; sort: ThreadSort; limit: number; cursor: ThreadPosition | null }, params: unknown[]): string {
  const { sort, cursor } = page;
  const param = (value: unknown) => `$${params.push(value)}`;
  const articleParam = param(page.articleId);
  const limitParam = param(page.limit);
  const { key, isAscending } = sortOrders[sort];
  const direction = isAscending ? "ASC" : "DESC";
  const order = `${key === null ? "" : `"sortKey" ${direction}, `}"createdAt" ${direction}, "id" ${direction}`;
  const afterCursor = (position: ThreadPosition) => {
    const columns = [...(key === null ? [] : [key]), `c."createdAt"`, `c."id"`];
    const values = [...(key === null ? [] : [`CAST(${param(position.key)} AS integer)`]), `CAST(${param(position.createdAt.toISOString())} AS timestamp(3))`, param(position.id)];
    return `AND (${columns.join(", ")}) ${isAscending ? ">" : "<"} (${values.join(", ")})`;
  };
  const part = (isFeatured: boolean, after: string) => `(
      SELECT c."id", c."createdAt", ${isFeatured ? 1 : 0} AS "featured", ${key ?? "NULL::int"} AS "sortKey"
      FROM "Comment" c
      WHERE c."articleId" = ${articleParam} AND c."status" = 'approved' AND c."parentId" IS NULL
        AND c."featuredAt" IS ${isFeatured ? "NOT NULL" : "NULL"}
        AND (c."deletedAt" IS NULL OR EXISTS (SELECT 1 FROM "Comment" r WHERE r."rootId" = c."id" AND r."status" = 'approved' AND r."deletedAt" IS NULL))
        ${after}
      ORDER BY ${order}
      LIMIT ${limitParam}
    )`;
  const parts = cursor === null ? [part(true, ""), part(false, "")] : cursor.featured ? [part(true, afterCursor(cursor)), part(false, "")] : [part(false, afterCursor(cursor))];
  return `
    SELECT "id", "createdAt", "featured", "sortKey", (row_number() OVER (ORDER BY "featured" DESC, ${order}))::int AS "rank"
    FROM (${parts.join(" UNION ALL ")}) roots
    ORDER BY "featured" DESC, ${order}
    LIMIT ${limitParam}`;
}

/** Fetches one page of top-level comments (one more than `limit`, to tell whether another page follows) and all their approved replies, in a single query. */
async function findPageRows(db: Db, articleId: string, query: ThreadQuery, cursor: ThreadPosition | null): Promise<{ roots: PageRoot[]; rows: PageRow[] }> {
  const params: unknown[] = [];
  const rootsSql = buildPageRootsSql({ articleId, sort: query.sort, limit: query.limit + 1, cursor }, params);
  const sql = `
    WITH page AS (${rootsSql})
    SELECT c."id", c."parentId", c."rootId", c."authorName", c."authorUrl", c."bodyHtml", c."createdAt", c."editedAt", c."respectCount", c."featuredAt", c."deletedAt",
      page."rank", page."featured" AS "pageFeatured", page."sortKey"
    FROM "Comment" c
    LEFT JOIN page ON page."id" = c."id"
    WHERE c."status" = 'approved' AND (page."id" IS NOT NULL OR c."rootId" IN (SELECT "id" FROM page))
    ORDER BY c."createdAt" ASC, c."id" ASC`;
  type RawRow = PageRow & { rank: number | null; pageFeatured: number | null; sortKey: number | null };
  const raw = await db.$queryRawUnsafe<RawRow[]>(sql, ...params);
  const rows: PageRow[] = [];
  const ranked: Array<PageRoot & { rank: number }> = [];
  for (const { rank, pageFeatured, sortKey, ...row } of raw) {
    const pageRow: PageRow = {
      ...row,
      createdAt: new Date(row.createdAt),
      editedAt: row.editedAt === null ? null : new Date(row.editedAt),
      featuredAt: row.featuredAt === null ? null : new Date(row.featuredAt),
      deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt),
    };
    rows.push(pageRow);
    if (rank !== null) ranked.push({ id: pageRow.id, createdAt: pageRow.createdAt, featured: pageFeatured === 1, key: sortKey, rank });
  }
  // In the database's order (its collation decides ties by id, as the cursor's comparison does).
  ranked.sort((a, b) => a.rank - b.rank);
  return { roots: ranked.map(({ rank: _rank, ...root }) => root), rows };
}

/** How many comments readers see on an article: its approved ones, less those their authors deleted (the thread's `article.commentCount`). */
export function countThreadComments(db: Db, articleId: string): Promise<number> {
  return db.comment.count({ where: { articleId, status: "approved", deletedAt: null } });
}

/**
 * How many comments, replies included, a reader's page of a thread shows at
 * most (the article page, the framed thread): whole top-level comments with
 * their replies while they fit, and always at least one. A page of a
 * 1,000-comment thread then weighs about what a page of a small one does.
 */
export const READER_PAGE_COMMENT_BUDGET = 50;

/** The first roots whose trees together hold at most `budget` comments (at least one root). */
function fitRoots(roots: PageRoot[], rows: PageRow[], budget: number): PageRoot[] {
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
 * unknown slug, and validation naming `cursor` for a cursor this API did not
 * issue for the query's sort. With a `commentBudget`, the page stops early
 * once its comments, replies included, would pass it
 * (READER_PAGE_COMMENT_BUDGET).
 */
export async function getThreadPage(db: Db, slug: string, query: ThreadQuery, options: { commentBudget?: number } = {}): Promise<ThreadPage> {
  const cursor = query.cursor ? requireThreadCursor(query.cursor, query.sort) : null;
  const article = isPossibleSlug(slug)
    ? await db.article.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, url: true, commentsOpen: true, publishedAt: true } })
    : null;
  if (!article) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });

  const [commentCount, { roots, rows }, settings] = await Promise.all([
    countThreadComments(db, article.id),
    findPageRows(db, article.id, query, cursor),
    getModerationSettings(db),
  ]);
  const limitRoots = roots.slice(0, query.limit);
  const pageRoots = options.commentBudget === undefined ? limitRoots : fitRoots(limitRoots, rows, options.commentBudget);
  const lastRoot = pageRoots.at(-1);
  const nextCursor = roots.length > pageRoots.length && lastRoot ? encodeThreadCursor({ sort: query.sort, ...lastRoot }) : null;
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
