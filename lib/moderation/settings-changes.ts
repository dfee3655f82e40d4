// Changes to how comments are moderated, each recorded for the audit log as a
// SettingChange {who, scope, before, after}: the site-wide settings (scope
// "moderation", written by settings.ts) and one article's open/closed and
// pre-moderation switches (scope "article:{slug}", written here).
import type { Db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { LiveBus } from "../live/live-bus";
import type { ArticleModerationInput } from "../validation/moderation-settings";
import { isPossibleSlug } from "../validation/slug";

/** A Prisma client or an open transaction: whatever a change is written through. */
export type SettingsClient = Db | Prisma.TransactionClient;

/** One changed value, by dotted key (nested objects such as ruleActions are compared per key). */
export interface SettingValueChange {
  key: string;
  from: unknown;
  to: unknown;
}

/** A record of one change, as recordSettingChange takes it. */
export interface SettingChangeRecord {
  moderatorId: string | null;
  scope: string;
  before: object;
  after: object;
}

/** The per-article moderation switches, as the settings page and the API show them. */
export interface ArticleModeration {
  slug: string;
  title: string;
  publishedAt: Date;
  commentsOpen: boolean;
  preModerate: boolean;
}

/** An article row of the settings page: its switches and how many comments it has, by status. */
export interface ArticleModerationRow extends ArticleModeration {
  commentCounts: { total: number; approved: number; pending: number };
}

const PREFIX = "article:";

/** The SettingChange scope of one article's switches. */
export function articleScope(slug: string): string {
  return `${PREFIX}${slug}`;
}

/** The article slug a scope names, or null for the site-wide settings. */
export function readArticleScope(scope: string): string | null {
  return scope.startsWith(PREFIX) ? scope.slice(PREFIX.length) : null;
}

/** Writes one SettingChange (inside the caller's transaction, so the change and its record stand or fall together). */
export async function recordSettingChange(db: SettingsClient, change: SettingChangeRecord): Promise<void> {
  await db.settingChange.create({
    data: { moderatorId: change.moderatorId, scope: change.scope, before: change.before as Prisma.InputJsonObject, after: change.after as Prisma.InputJsonObject },
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What differs between two stored snapshots, key by key in alphabetical order (JSONB keeps no order of its own); nested objects are compared per key. */
export function diffSettingValues(before: unknown, after: unknown): SettingValueChange[] {
  const from = isPlainObject(before) ? before : {};
  const to = isPlainObject(after) ? after : {};
  const changes: SettingValueChange[] = [];
  for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
    const a = from[key];
    const b = to[key];
    if (isPlainObject(a) && isPlainObject(b)) {
      for (const nested of diffSettingValues(a, b)) changes.push({ ...nested, key: `${key}.${nested.key}` });
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      changes.push({ key, from: a ?? null, to: b ?? null });
    }
  }
  return changes;
}

/** Articles newest first with their switches and comment counts; `query` matches title or slug. */
export async function listArticleModeration(
  db: Db,
  options: { query?: string | undefined; offset?: number; limit?: number } = {},
): Promise<{ articles: ArticleModerationRow[]; hasMore: boolean }> {
  const limit = options.limit ?? 50;
  const query = options.query?.trim();
  const rows = await db.article.findMany({
    where: query ? { OR: [{ title: { contains: query, mode: "insensitive" } }, { slug: { contains: query, mode: "insensitive" } }] } : {},
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    skip: options.offset ?? 0,
    take: limit + 1,
    select: { id: true, slug: true, title: true, publishedAt: true, commentsOpen: true, preModerate: true },
  });
  const page = rows.slice(0, limit);
  const groups = page.length
    ? await db.comment.groupBy({ by: ["articleId", "status"], where: { articleId: { in: page.map((row) => row.id) } }, _count: { _all: true } })
    : [];
  const articles = page.map(({ id, ...article }) => {
    const counts = { total: 0, approved: 0, pending: 0 };
    for (const group of groups) {
      if (group.articleId !== id) continue;
      counts.total += group._count._all;
      if (group.status === "approved") counts.approved += group._count._all;
      if (group.status === "pending") counts.pending += group._count._all;
    }
    return { ...article, commentCounts: counts };
  });
  return { articles, hasMore: rows.length > limit };
}

/**
 * Opens or closes an article's thread and turns its pre-moderation on or off,
 * recording the change (scope "article:{slug}") in the same transaction;
 * opening or closing it tells `live` the thread changed. Throws not_found for
 * an unknown slug.
 */
export async function updateArticleModeration(
  db: Db,
  slug: string,
  changes: ArticleModerationInput,
  options: { moderatorId: string | null; live?: LiveBus | undefined },
): Promise<ArticleModeration> {
  const select = { slug: true, title: true, publishedAt: true, commentsOpen: true, preModerate: true } as const;
  const { before, after } = await db.$transaction(async (tx) => {
    const before = isPossibleSlug(slug) ? await tx.article.findUnique({ where: { slug }, select }) : null;
    if (!before) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });
    const after = await tx.article.update({
      where: { slug },
      data: { ...(changes.commentsOpen !== undefined ? { commentsOpen: changes.commentsOpen } : {}), ...(changes.preModerate !== undefined ? { preModerate: changes.preModerate } : {}) },
      select,
    });
    await recordSettingChange(tx, {
      moderatorId: options.moderatorId,
      scope: articleScope(slug),
      before: { commentsOpen: before.commentsOpen, preModerate: before.preModerate },
      after: { commentsOpen: after.commentsOpen, preModerate: after.preModerate },
    });
    return { before, after };
  });
  if (before.commentsOpen !== after.commentsOpen) await options.live?.publish({ type: "thread", slug: after.slug });
  return after;
}
