import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ArticleContent } from "@/components/articles/article-view";
import { CommentForm } from "@/components/comments/comment-form";
import { renderThreadHtml } from "@/components/comments/render-thread-html";
import { SortControl } from "@/components/comments/sort-control";
import { StaticThread } from "@/components/comments/static-thread";
import { OwnPendingComments } from "@/components/comments/own-pending-comments";
import { withLink } from "@/components/comments/with-link";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { LangLink } from "@/components/site/lang-link";
import { NewCommentsNotice } from "@/components/live/new-comments-notice";
import { requireArticle, type ArticleView } from "@/lib/articles/get-article";
import { isSpamCheckOn } from "@/lib/comments/posting-services";
import { getThreadPageForAddress, type ThreadPage } from "@/lib/comments/thread";
import { getDiscussionPolicy } from "@/lib/content/policy";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isMailOn } from "@/lib/mail/transport";
import { articleFeedPath } from "@/lib/feeds/feed-links";
import { readLocaleParam } from "@/lib/i18n/negotiate-locale";
import { withLanguageParam } from "@/lib/reader-pages/language-href";
import { getModerationSettings } from "@/lib/moderation/settings";
import { articleRepliesHref } from "@/lib/reader-pages/replies-fragment";
import { keepServerHtml } from "@/lib/reader-pages/server-html";
import type { ThreadQuery } from "@/lib/validation/thread-query";

export const dynamic = "force-dynamic";

type PageProps = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Metadata and page share one lookup per request.
const getArticle = cache((slug: string) => requireArticle(getDb(), slug));

async function loadArticle(slug: string): Promise<ArticleView> {
  try {
    return await getArticle(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** Whatever is in the address, there is a thread to show (bad paging falls back to the first page). */
function loadThread(slug: string, searchParams: Record<string, string | string[] | undefined>): Promise<{ page: ThreadPage; query: ThreadQuery }> {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return getThreadPageForAddress(getDb(), slug, { sort: first(searchParams.sort), cursor: first(searchParams.cursor) });
}

function pageAddress(slug: string, searchParams: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const name of ["sort", "cursor", "lang"]) {
    const value = searchParams[name];
    if (typeof value === "string") params.set(name, value);
  }
  const search = params.toString();
  return `/articles/${encodeURIComponent(slug)}${search ? `?${search}` : ""}`;
}

/** The article's comment feed, in the language the address names (if any). */
function feedHref(slug: string, searchParams: Record<string, string | string[] | undefined>): string {
  const lang = searchParams.lang;
  return withLanguageParam(articleFeedPath(slug), typeof lang === "string" ? readLocaleParam(lang) : null);
}

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const { slug } = await params;
  try {
    const article = await getArticle(slug);
    const { t } = await getRequestTranslator();
    // Feed readers and browsers find the comments' feed from the page (RSS/Atom autodiscovery).
    return { title: article.title, alternates: { types: { "application/atom+xml": [{ url: feedHref(article.slug, await searchParams), title: t("feeds.articleLinkTitle") }] } } };
  } catch {
    const { t } = await getRequestTranslator();
    return { title: t("reader.article.notFound") };
  }
}

export default async function ArticlePage({ params, searchParams }: PageProps) {
  const { slug } = await params;
  const article = await loadArticle(slug);
  const addressParams = await searchParams;
  const [{ page, query }, settings] = await Promise.all([loadThread(slug, addressParams), getModerationSettings(getDb())]);
  // Where the thread's markup is fetched from after a client-side navigation: this page, as the address asked for it (the page cache's key).
  const threadHref = pageAddress(slug, addressParams);
  const now = new Date();
  const count = page.article.commentCount;
  const spamCheck = isSpamCheckOn();
  const notifications = isMailOn();
  const { locale, t } = await getRequestTranslator();

  return (
    <>
      <ArticleContent article={article} locale={locale} />
      <section id="comments" className="discussion" aria-labelledby="discussion-title">
        <div className="discussion-head">
          <h2 id="discussion-title">{t("reader.discussion.heading", { count })}</h2>
          {count > 1 ? <SortControl shown={query.sort} hrefFor={(sort) => `/articles/${slug}?sort=${sort}#comments`} t={t} renderLink={(link) => <LangLink {...link} />} /> : null}
          <a className="discussion-feed" href={feedHref(slug, addressParams)} type="application/atom+xml">
            <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="12" height="12">
              <circle cx="2.5" cy="13.5" r="2" fill="currentColor" />
              <path d="M1 7a8 8 0 0 1 8 8M1 1.5A13.5 13.5 0 0 1 14.5 15" fill="none" stroke="currentColor" strokeWidth="2.2" />
            </svg>
            {t("feeds.articleLink")}
          </a>
        </div>
        <OwnPendingComments slug={slug} />
        {page.comments.length === 0 ? (
          <p className="discussion-empty">{t("reader.discussion.empty")}</p>
        ) : (
          <StaticThread
            // The thread's markup goes into the HTML only, not into the page's data (lib/reader-pages/server-html.ts).
            htmlKey={keepServerHtml(() =>
              renderThreadHtml({
                comments: page.comments,
                now,
                canReply: article.commentsOpen,
                locale,
                respectLabel: settings.respectLabel,
                repliesHref: (commentId) => articleRepliesHref(slug, commentId, locale),
                isFirstPage: query.cursor === undefined,
                // Under the discussion's level-two heading.
                headingLevel: 3,
              }),
            )}
            renderId={crypto.randomUUID()}
            pageHref={threadHref}
            slug={slug}
            commentsOpen={article.commentsOpen}
            spamCheck={spamCheck}
            notifications={notifications}
          />
        )}
        {page.nextCursor ? (
          <p className="discussion-more">
            <LangLink href={`/articles/${slug}?sort=${query.sort}&cursor=${encodeURIComponent(page.nextCursor)}#comments`}>{t("reader.discussion.more")}</LangLink>
          </p>
        ) : null}
        <div className="join">
          <h2>{t("reader.discussion.join")}</h2>
          <p className="policy">{getDiscussionPolicy(locale)}</p>
          <p className="policy-link">{withLink(t("reader.discussion.readGuidelines"), "link", <LangLink href="/guidelines">{t("reader.discussion.guidelinesLink")}</LangLink>)}</p>
          {article.commentsOpen ? <CommentForm slug={slug} spamCheck={spamCheck} notifications={notifications} /> : <p className="comments-closed">{t("reader.discussion.closed")}</p>}
        </div>
      </section>
      <NewCommentsNotice slug={slug} renderedCount={count} />
    </>
  );
}
