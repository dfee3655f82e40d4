import type { ArticleView } from "@/lib/articles/get-article";
import { formatDate } from "@/lib/format/relative-time";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** Plain share links: no third-party script runs on the page. */
function ShareLinks({ url, title, t }: { url: string; title: string; t: Translator }) {
  const encodedUrl = encodeURIComponent(url);
  const encodedTitle = encodeURIComponent(title);
  const links = [
    { label: "X", href: `https://x.com/intent/post?url=${encodedUrl}&text=${encodedTitle}` },
    { label: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${encodedUrl}` },
    { label: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${encodedUrl}` },
    { label: "Reddit", href: `https://www.reddit.com/submit?url=${encodedUrl}&title=${encodedTitle}` },
    { label: t("reader.article.shareByEmail"), href: `mailto:?subject=${encodedTitle}&body=${encodedUrl}` },
  ];
  return (
    <nav className="share" aria-label={t("reader.article.shareList")}>
      <span className="share-label" aria-hidden="true">
        {t("reader.article.share")}
      </span>
      <ul>
        {links.map((link) => (
          <li key={link.label}>
            <a href={link.href} rel="noopener noreferrer" target="_blank">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The article as its source site shows it: section, date, title, byline, body, original link, tags, sharing, disclaimer. */
export function ArticleContent({ article, locale }: { article: ArticleView; locale: Locale }) {
  const t = createTranslator(locale);
  return (
    <article className="article">
      <p className="article-kicker">
        {article.section ? <span className="article-section">{article.section}</span> : null}
        <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt, locale)}</time>
      </p>
      <h1 className="article-title">{article.title}</h1>
      {article.author || article.source ? (
        <p className="article-byline">
          {article.author ? <span className="article-author">{article.author}</span> : null}
          {article.author && article.source ? " | " : null}
          {article.source ? <span className="article-source">{article.source}</span> : null}
        </p>
      ) : null}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      {article.sourceUrl ? (
        <p className="article-original">
          <a href={article.sourceUrl} rel="noopener">
            {t("reader.article.goToOriginal")}
          </a>{" "}
          – {hostOf(article.sourceUrl)}
        </p>
      ) : null}
      {article.tags.length > 0 ? (
        <div className="article-tags">
          <span className="tags-label" aria-hidden="true">
            {t("reader.article.tags")}
          </span>
          <ul aria-label={t("reader.article.tagsList")}>
            {article.tags.map((tag) => (
              <li key={tag} className="tag">
                {tag}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ShareLinks url={article.url} title={article.title} t={t} />
      {article.disclaimer ? (
        <aside className="article-disclaimer" aria-label={t("reader.article.disclaimer")}>
          {article.disclaimer}
        </aside>
      ) : null}
    </article>
  );
}
