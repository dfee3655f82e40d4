import Link from "next/link";
import { formatDate } from "@/lib/format/relative-time";
import { ArticleSwitches } from "./article-switches";

/** One article row as the settings page gets it. */
export interface ArticleRow {
  slug: string;
  title: string;
  publishedAt: string;
  commentsOpen: boolean;
  preModerate: boolean;
  /** Older than the auto-close setting: closed whatever its switch says. */
  isAutoClosed: boolean;
  commentCounts: { total: number; approved: number; pending: number };
}

/** The per-article table of the settings page: comment counts, and the open and pre-moderation switches. */
export function ArticleTable({
  articles,
  query,
  autoCloseAfterDays,
  isPreModeratingAll,
  previousHref,
  nextHref,
}: {
  articles: ArticleRow[];
  query: string;
  autoCloseAfterDays: number | null;
  isPreModeratingAll: boolean;
  previousHref: string | null;
  nextHref: string | null;
}) {
  return (
    <section className="settings-articles" aria-labelledby="settings-articles-title">
      <h2 id="settings-articles-title">Articles</h2>
      <p className="field-hint">
        Close an article’s thread, or hold every new comment on it for a moderator. Changes are saved as you switch them.
        {autoCloseAfterDays !== null ? ` Threads of articles published more than ${autoCloseAfterDays} day${autoCloseAfterDays === 1 ? "" : "s"} ago are closed automatically.` : null}
      </p>
      {isPreModeratingAll ? (
        <p className="settings-note">“Pre-moderate everything” is on: every comment on every article waits for a moderator, whatever an article’s own switch says.</p>
      ) : null}
      <form className="settings-search" role="search" method="get">
        <label htmlFor="settings-article-query">Find an article</label>
        <input id="settings-article-query" type="search" name="q" defaultValue={query} placeholder="Title or slug" />
        <button type="submit" className="button">
          Search
        </button>
        {query ? <Link href="/moderation/settings#settings-articles-title">Show all</Link> : null}
      </form>
      {articles.length === 0 ? (
        <p className="settings-empty">{query ? `No article matches “${query}”.` : "There are no articles yet."}</p>
      ) : (
        <div className="settings-table-wrap">
          <table className="settings-article-table">
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col">Comments</th>
                <th scope="col">Comments open</th>
                <th scope="col">Pre-moderate</th>
                <th scope="col">
                  <span className="visually-hidden">Status</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.slug}>
                  <th scope="row">
                    <Link href={`/articles/${encodeURIComponent(article.slug)}`}>{article.title}</Link>
                    <span className="settings-article-meta">
                      Published {formatDate(new Date(article.publishedAt))} · <code>{article.slug}</code>
                    </span>
                    {article.isAutoClosed ? <span className="settings-badge">Closed automatically (older than {autoCloseAfterDays} days)</span> : null}
                  </th>
                  <td className="settings-counts">
                    <strong>{article.commentCounts.total}</strong>
                    <span>
                      {article.commentCounts.approved} published · {article.commentCounts.pending} pending
                    </span>
                  </td>
                  <ArticleSwitches slug={article.slug} title={article.title} commentsOpen={article.commentsOpen} preModerate={article.preModerate} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {previousHref || nextHref ? (
        <nav className="settings-pager" aria-label="Article pages">
          {previousHref ? <Link href={previousHref}>← Newer articles</Link> : <span />}
          {nextHref ? <Link href={nextHref}>Older articles →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
