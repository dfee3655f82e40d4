// Builders for test data, written straight through Prisma: tests state only what matters to them.
import { renderCommentHtml } from "@/lib/comments/render-body";
import type { Db } from "@/lib/db";
import type { CommentStatus } from "@/lib/generated/prisma/client";

let sequence = 0;
const next = () => (sequence += 1);

/** Creates a site with one article and returns both. */
export async function createArticle(db: Db, overrides: { slug?: string; commentsOpen?: boolean } = {}) {
  const n = next();
  const site = await db.site.create({ data: { key: `site-${n}-${Date.now()}`, name: `Site ${n}`, allowedOrigins: ["http://localhost:3000"] } });
  const slug = overrides.slug ?? `article-${n}-${Date.now()}`;
  const article = await db.article.create({
    data: {
      siteId: site.id,
      slug,
      externalId: slug,
      url: `https://news.example/${slug}`,
      title: `Article ${n}`,
      publishedAt: new Date("2024-08-12T08:00:00.000Z"),
      tags: [],
      commentsOpen: overrides.commentsOpen ?? true,
    },
  });
  return { site, article };
}

/** Creates a comment (a reply when parent is given) at a given minute after a fixed start. */
export async function createComment(
  db: Db,
  articleId: string,
  options: { parent?: { id: string; rootId: string | null; depth: number }; minute?: number; status?: CommentStatus; body?: string; authorName?: string } = {},
) {
  const body = options.body ?? `Comment ${next()}`;
  const parent = options.parent;
  return db.comment.create({
    data: {
      articleId,
      parentId: parent?.id ?? null,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      depth: parent ? parent.depth + 1 : 0,
      authorName: options.authorName ?? "Reader",
      authorEmail: "reader@example.org",
      body,
      bodyHtml: renderCommentHtml(body),
      status: options.status ?? "approved",
      createdAt: new Date(Date.UTC(2024, 7, 12, 9, 0) + (options.minute ?? 0) * 60_000),
    },
  });
}
