import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
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
  locale,
}: {
  articles: ArticleRow[];
  query: string;
  autoCloseAfterDays: number | null;
  isPreModeratingAll: boolean;
  previousHref: string | null;
  nextHref: string | null;
  locale: Locale;
}) {
  const t = createTranslator(locale);
  return (
    <section className="settings-articles" aria-labelledby="settings-articles-title">
      <h2 id="settings-articles-title">{t("dashboard.settings.articles.title")}</h2>
      <p className="field-hint">
        {t("dashboard.settings.articles.hint")}
        {autoCloseAfterDays !== null ? t("dashboard.settings.articles.autoClosed", { count: autoCloseAfterDays }) : null}
      </p>
      {isPreModeratingAll ? (
        <p className="settings-note">{t("dashboard.settings.articles.preModeratingAll")}</p>
      ) : null}
      <form className="settings-search" role="search" method="get">
        <label htmlFor="settings-article-query">{t("dashboard.settings.articles.find")}</label>
        <input id="settings-article-query" type="search" name="q" defaultValue={query} placeholder={t("dashboard.settings.articles.placeholder")} />
        <button type="submit" className="button">
          {t("dashboard.settings.articles.search")}
        </button>
        {query ? <Link href="/moderation/settings#settings-articles-title">{t("dashboard.settings.articles.showAll")}</Link> : null}
      </form>
      {articles.length === 0 ? (
        <p className="settings-empty">{query ? t("dashboard.settings.articles.noMatch", { query }) : t("dashboard.settings.articles.none")}</p>
      ) : (
        <div className="settings-table-wrap">
          <table className="settings-article-table">
            <thead>
              <tr>
                <th scope="col">{t("dashboard.settings.articles.article")}</th>
                <th scope="col">{t("dashboard.settings.articles.comments")}</th>
                <th scope="col">{t("dashboard.settings.articleSwitches.commentsOpen")}</th>
                <th scope="col">{t("dashboard.settings.articleSwitches.preModerate")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("dashboard.settings.articles.status")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.slug}>
                  <th scope="row">
                    <Link href={`/articles/${encodeURIComponent(article.slug)}`}>{article.title}</Link>
                    <span className="settings-article-meta">
                      {t("dashboard.settings.articles.published", { date: formatDate(new Date(article.publishedAt), locale) })} · <code>{article.slug}</code>
                    </span>
                    {article.isAutoClosed ? <span className="settings-badge">{t("dashboard.settings.articles.closedAutomatically", { days: autoCloseAfterDays ?? 0 })}</span> : null}
                  </th>
                  <td className="settings-counts">
                    <strong>{new Intl.NumberFormat(locale).format(article.commentCounts.total)}</strong>
                    <span>{t("dashboard.settings.articles.counts", { approved: article.commentCounts.approved, pending: article.commentCounts.pending })}</span>
                  </td>
                  <ArticleSwitches slug={article.slug} title={article.title} commentsOpen={article.commentsOpen} preModerate={article.preModerate} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {previousHref || nextHref ? (
        <nav className="settings-pager" aria-label={t("dashboard.settings.articles.pages")}>
          {previousHref ? <Link href={previousHref}>{t("dashboard.settings.articles.newer")}</Link> : <span />}
          {nextHref ? <Link href={nextHref}>{t("dashboard.settings.articles.older")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
