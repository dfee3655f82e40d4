import type { Metadata } from "next";
import { LangLink } from "@/components/site/lang-link";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { listArticles } from "@/lib/articles/list-articles";
import { getDb } from "@/lib/db";
import { SITE_FEED_PATH } from "@/lib/feeds/feed-links";
import { formatDate } from "@/lib/format/relative-time";
import { readLocaleParam } from "@/lib/i18n/negotiate-locale";
import { withLanguageParam } from "@/lib/reader-pages/language-href";

export const dynamic = "force-dynamic";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The site's comment feed, announced in the head for feed readers and browsers (Atom autodiscovery), in the language the address names. */
export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  const lang = (await searchParams).lang;
  const href = withLanguageParam(SITE_FEED_PATH, typeof lang === "string" ? readLocaleParam(lang) : null);
  return { alternates: { types: { "application/atom+xml": [{ url: href, title: t("feeds.siteLinkTitle") }] } } };
}

export default async function ArticleIndexPage() {
  const articles = await listArticles(getDb(), { audience: "public" });
  const { locale, t } = await getRequestTranslator();
  return (
    <>
      <h1 className="page-title">{t("reader.index.title")}</h1>
      {articles.length === 0 ? (
        <p>{t("reader.index.empty")}</p>
      ) : (
        <ol className="article-list">
          {articles.map((article) => (
            <li key={article.slug} className="article-card">
              <p className="article-kicker">
                {article.section ? <span className="article-section">{article.section}</span> : null}
                <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt, locale)}</time>
              </p>
              <h2 className="article-card-title">
                <LangLink href={`/articles/${article.slug}`}>{article.title}</LangLink>
              </h2>
              <p className="article-byline">
                {[article.author, article.source].filter(Boolean).join(" | ")}
              </p>
              <p className="article-card-comments">
                <LangLink href={`/articles/${article.slug}#comments`}>{t("reader.index.commentCount", { count: article.commentCount })}</LangLink>
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
