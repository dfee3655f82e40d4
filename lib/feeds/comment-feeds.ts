// The two comment feeds (SPEC.md "Feeds"): an article's approved comments and
// the site's latest across the articles its index lists, as Atom 1.0 in the
// request's language. Each entry names its author as the thread does (the
// name, and the website the thread links) and carries the stored, sanitized
// HTML; nothing else of the commenter is read.
import { selectListedArticles } from "../articles/list-articles";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { MessageKey } from "../i18n/catalog-types";
import type { Locale } from "../i18n/locales";
import { createTranslator, readMessage, type Translator } from "../i18n/translate";
import { withLanguageParam } from "../reader-pages/language-href";
import { isPossibleSlug } from "../validation/slug";
import { articleFeedPath, commentPermalink, SITE_FEED_PATH, type FeedRequest } from "./feed-links";
import { readFeedComments, type FeedComment } from "./read-feed-comments";
import { writeAtomFeed, type AtomEntry } from "./write-atom-feed";

/**
 * A message filled with text written by people (a name, an article's title)
 * taken literally: translate() reads a parameter that happens to be a
 * catalog key as that message, and a commenter may call themselves one.
 */
function fillMessage(locale: Locale, key: MessageKey, params: Readonly<Record<string, string>>): string {
  const message = readMessage(locale, key);
  const template = typeof message === "string" ? message : message.other;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? params[name]! : whole));
}

/** The author's website as the thread links it: an http(s) address, or nothing. */
function readPublicWebsite(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function toEntry(comment: FeedComment, request: FeedRequest, t: Translator): AtomEntry {
  const name = comment.authorName.trim() || t("feeds.anonymous");
  const permalink = commentPermalink(request.baseUrl, { id: comment.id, articleSlug: comment.article.slug });
  return {
    id: permalink,
    title: fillMessage(request.locale, "feeds.entryTitle", { name, article: comment.article.title }),
    link: withLanguageParam(permalink, request.lang),
    author: { name, uri: readPublicWebsite(comment.authorUrl) },
    published: comment.createdAt,
    updated: comment.editedAt ?? comment.createdAt,
    contentHtml: comment.bodyHtml,
    ...(comment.featured ? { categories: [{ term: "featured", label: t("feeds.featured") }] } : {}),
  };
}

/** The latest change a feed shows: its newest entry's, else `fallback` (an empty feed still needs a stable date). */
function latestUpdate(entries: readonly AtomEntry[], fallback: Date): Date {
  return entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), entries.length > 0 ? new Date(0) : fallback);
}

/** An article's comment feed as an Atom document; throws not_found for an unknown slug. */
export async function getArticleFeed(db: Db, slug: string, request: FeedRequest): Promise<string> {
  const article = isPossibleSlug(slug) ? await db.article.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, createdAt: true } }) : null;
  if (!article) throw new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug } });
  const t = createTranslator(request.locale);
  const entries = (await readFeedComments(db, { articles: { id: article.id } })).map((comment) => toEntry(comment, request, t));
  const feedUrl = `${request.baseUrl}${articleFeedPath(article.slug)}`;
  return writeAtomFeed({
    id: feedUrl,
    language: request.locale,
    title: fillMessage(request.locale, "feeds.articleTitle", { article: article.title }),
    subtitle: t("feeds.articleSubtitle"),
    selfLink: withLanguageParam(feedUrl, request.lang),
    alternateLink: withLanguageParam(`${request.baseUrl}/articles/${encodeURIComponent(article.slug)}`, request.lang),
    updated: latestUpdate(entries, article.createdAt),
    author: { name: t("common.siteName"), uri: `${request.baseUrl}/` },
    entries,
  });
}

/** The site's feed: the latest comments on every article the public index lists, as an Atom document. */
export async function getSiteFeed(db: Db, request: FeedRequest): Promise<string> {
  const t = createTranslator(request.locale);
  const listed = selectListedArticles("public");
  const entries = (await readFeedComments(db, { articles: listed })).map((comment) => toEntry(comment, request, t));
  // With no comment yet, the newest listed article dates the feed (and, with none, the epoch: a date that never moves keeps the ETag still).
  const newestArticle = entries.length > 0 ? null : await db.article.findFirst({ where: listed, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  const feedUrl = `${request.baseUrl}${SITE_FEED_PATH}`;
  const siteName = t("common.siteName");
  return writeAtomFeed({
    id: feedUrl,
    language: request.locale,
    title: fillMessage(request.locale, "feeds.siteTitle", { site: siteName }),
    subtitle: t("feeds.siteSubtitle"),
    selfLink: withLanguageParam(feedUrl, request.lang),
    alternateLink: withLanguageParam(`${request.baseUrl}/`, request.lang),
    updated: latestUpdate(entries, newestArticle?.createdAt ?? new Date(0)),
    author: { name: siteName, uri: `${request.baseUrl}/` },
    entries,
  });
}
