// The article index: newest first, each with its count of visible comments.
import type { Db } from "../db";

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

/** Lists articles newest first with their approved comment counts. */
export async function listArticles(db: Db, options: { limit?: number } = {}): Promise<ArticleSummary[]> {
  const articles = await db.article.findMany({
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 100,
    select: {
      slug: true,
      title: true,
      section: true,
      author: true,
      source: true,
      publishedAt: true,
      _count: { select: { comments: { where: { status: "approved" } } } },
    },
  });
  return articles.map(({ _count, ...article }) => ({ ...article, commentCount: _count.comments }));
}
