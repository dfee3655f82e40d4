// The article index: newest first, each with its count of visible comments.
// Readers see the site's own articles; moderators also see those that embeds
// created on other sites' pages (SPEC.md, Embed), whose titles come from pages
// this app does not control.
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** One row of the article index. */
export interface ArticleSummary {
  slug: string;
  title: string;
  section: string | null;
  author: string | null;
  source: string | null;
  publishedAt: Date;
  commentCount: number;
}

/** Who a list is for: the public index leaves out articles created by embeds; moderators see every article. */
export type ArticleAudience = "public" | "moderators";

/** Which articles an audience may see listed: the rule of the index, shared by everything that lists articles to readers (the site's comment feed). */
export function selectListedArticles(audience: ArticleAudience): Prisma.ArticleWhereInput {
  return audience === "public" ? { createdByEmbed: false } : {};
}

/** Lists articles newest first with their approved comment counts (comments their authors deleted are not counted); the audience is always said, so no list is public by default. */
export async function listArticles(db: Db, options: { limit?: number; audience: ArticleAudience }): Promise<ArticleSummary[]> {
  const articles = await db.article.findMany({
    where: selectListedArticles(options.audience),
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 100,
    select: {
      slug: true,
      title: true,
      section: true,
      author: true,
      source: true,
      publishedAt: true,
      _count: { select: { comments: { where: { status: "approved", deletedAt: null } } } },
    },
  });
  return articles.map(({ _count, ...article }) => ({ ...article, commentCount: _count.comments }));
}
