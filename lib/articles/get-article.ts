// An article as its page shows it, with the site's disclaimer.
import { getModerationSettings, isAutoClosed } from "../moderation/settings";
import type { Db } from "../db";
import { AppError } from "../errors";
import { renderArticleHtml } from "../comments/render-body";
import { isPossibleSlug } from "../validation/slug";

/** Everything the article page shows above the discussion. */
export interface ArticleView {
  id: string;
  slug: string;
  title: string;
  url: string;
  section: string | null;
  author: string | null;
  source: string | null;
  sourceUrl: string | null;
  publishedAt: Date;
  tags: string[];
  bodyHtml: string;
  commentsOpen: boolean;
  disclaimer: string | null;
  siteName: string;
}

/** Loads an article by slug; throws not_found when there is none. */
export async function requireArticle(db: Db, slug: string): Promise<ArticleView> {
  const article = isPossibleSlug(slug) ? await db.article.findUnique({ where: { slug }, include: { site: { select: { name: true, disclaimer: true } } } }) : null;
  if (!article) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    url: article.url,
    section: article.section,
    author: article.author,
    source: article.source,
    sourceUrl: article.sourceUrl,
    publishedAt: article.publishedAt,
    tags: article.tags,
    bodyHtml: renderArticleHtml(article.body),
    // Open unless a moderator closed it or the auto-close setting has passed (the thread-open check agrees).
    commentsOpen: article.commentsOpen && !isAutoClosed(article.publishedAt, await getModerationSettings(db)),
    disclaimer: article.site.disclaimer,
    siteName: article.site.name,
  };
}
