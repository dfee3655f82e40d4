import Link from "next/link";
import { listArticles } from "@/lib/articles/list-articles";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format/relative-time";

export const dynamic = "force-dynamic";

function commentCountLabel(count: number): string {
  if (count === 0) return "No comments yet";
  return count === 1 ? "1 comment" : `${count} comments`;
}

export default async function ArticleIndexPage() {
  const articles = await listArticles(getDb(), { audience: "public" });
  return (
    <>
      <h1 className="page-title">Latest articles</h1>
      {articles.length === 0 ? (
        <p>There are no articles yet.</p>
      ) : (
        <ol className="article-list">
          {articles.map((article) => (
            <li key={article.slug} className="article-card">
              <p className="article-kicker">
                {article.section ? <span className="article-section">{article.section}</span> : null}
                <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
              </p>
              <h2 className="article-card-title">
                <Link href={`/articles/${article.slug}`}>{article.title}</Link>
              </h2>
              <p className="article-byline">
                {[article.author, article.source].filter(Boolean).join(" | ")}
              </p>
              <p className="article-card-comments">
                <Link href={`/articles/${article.slug}#comments`}>{commentCountLabel(article.commentCount)}</Link>
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
