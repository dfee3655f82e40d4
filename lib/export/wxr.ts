// Writes the database as a WordPress export (WXR 1.2), the file WordPress's
// importer and ours (lib/import) read: one <item> per article with its
// comments, statuses mapped back (approved 1, pending 0, spam, rejected
// trash), parents by the numbers given in the file. Streamed: articles and
// comments are read a page at a time and written as they come, waiting for
// the file to drain, so a large database never sits in memory as text.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { renderArticleHtml } from "../comments/render-body";
import type { Db } from "../db";
import type { CommentStatus } from "../generated/prisma/client";
import { commentHtmlToWordPress } from "../import/comment-html";

const ARTICLE_PAGE = 200;
const COMMENT_PAGE = 1000;

/** WordPress's comment_approved for each of our statuses. */
const approvedValues: Record<CommentStatus, string> = { approved: "1", pending: "0", spam: "spam", rejected: "trash" };

/** Characters XML 1.0 cannot hold at all, not even escaped. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlText(value: string): string {
  return value.replace(XML_INVALID, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Text as CDATA, as WordPress writes it; a "]]>" inside is split across two sections. */
function cdata(value: string): string {
  return `<![CDATA[${value.replace(XML_INVALID, "").replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

/** "2024-08-12 09:15:00", WordPress's date format (seconds: the milliseconds do not survive). */
function wordPressDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** Writes to a file, waiting whenever its buffer is full. */
class FileWriter {
  constructor(private readonly stream: WriteStream) {}

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, "finish");
  }
}

/** The export's own address: the first site's first allowed origin (WordPress's importer maps links from it). */
async function readBaseUrl(db: Db): Promise<{ name: string; url: string }> {
  const site = await db.site.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { name: true, allowedOrigins: true } });
  return { name: site?.name ?? "Tertulia", url: site?.allowedOrigins[0] ?? "http://localhost" };
}

function channelHeader(site: { name: string; url: string }, now: Date): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS file written by Tertulia (npm run export, format wxr) for WordPress's importer. -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>${xmlText(site.name)}</title>
	<link>${xmlText(site.url)}</link>
	<description></description>
	<pubDate>${now.toUTCString().replace("GMT", "+0000")}</pubDate>
	<language>en</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${xmlText(site.url)}</wp:base_site_url>
	<wp:base_blog_url>${xmlText(site.url)}</wp:base_blog_url>
	<generator>Tertulia</generator>
`;
}

interface ExportArticle {
  id: string;
  slug: string;
  url: string;
  title: string;
  author: string | null;
  section: string | null;
  tags: string[];
  body: string;
  publishedAt: Date;
  commentsOpen: boolean;
}

function itemHeader(article: ExportArticle, postId: number): string {
  const date = wordPressDate(article.publishedAt);
  const categories = [
    ...(article.section ? [`\t\t<category domain="category" nicename="${xmlText(article.section.toLowerCase().replace(/[^a-z0-9]+/g, "-"))}">${cdata(article.section)}</category>\n`] : []),
    ...article.tags.map((tag) => `\t\t<category domain="post_tag" nicename="${xmlText(tag.toLowerCase().replace(/[^a-z0-9]+/g, "-"))}">${cdata(tag)}</category>\n`),
  ].join("");
  return `	<item>
		<title>${cdata(article.title)}</title>
		<link>${xmlText(article.url)}</link>
		<pubDate>${article.publishedAt.toUTCString().replace("GMT", "+0000")}</pubDate>
		<dc:creator>${cdata(article.author ?? "")}</dc:creator>
		<guid isPermaLink="false">${xmlText(article.url)}</guid>
		<description></description>
		<content:encoded>${cdata(article.body ? renderArticleHtml(article.body) : "")}</content:encoded>
		<excerpt:encoded>${cdata("")}</excerpt:encoded>
		<wp:post_id>${postId}</wp:post_id>
		<wp:post_date>${cdata(date)}</wp:post_date>
		<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
		<wp:comment_status>${cdata(article.commentsOpen ? "open" : "closed")}</wp:comment_status>
		<wp:ping_status>${cdata("closed")}</wp:ping_status>
		<wp:post_name>${cdata(article.slug)}</wp:post_name>
		<wp:status>${cdata("publish")}</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>${cdata("post")}</wp:post_type>
		<wp:post_password>${cdata("")}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
${categories}`;
}

interface ExportComment {
  id: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  ip: string | null;
  bodyHtml: string;
  status: CommentStatus;
  createdAt: Date;
}

function commentElement(comment: ExportComment, commentId: number, parentId: number): string {
  const date = wordPressDate(comment.createdAt);
  return `		<wp:comment>
			<wp:comment_id>${commentId}</wp:comment_id>
			<wp:comment_author>${cdata(comment.authorName)}</wp:comment_author>
			<wp:comment_author_email>${cdata(comment.authorEmail)}</wp:comment_author_email>
			<wp:comment_author_url>${xmlText(comment.authorUrl ?? "")}</wp:comment_author_url>
			<wp:comment_author_IP>${cdata(comment.ip ?? "")}</wp:comment_author_IP>
			<wp:comment_date>${cdata(date)}</wp:comment_date>
			<wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt>
			<wp:comment_content>${cdata(commentHtmlToWordPress(comment.bodyHtml))}</wp:comment_content>
			<wp:comment_approved>${cdata(approvedValues[comment.status])}</wp:comment_approved>
			<wp:comment_type>${cdata("comment")}</wp:comment_type>
			<wp:comment_parent>${parentId}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
`;
}

/** What the export wrote. */
export interface WxrExportResult {
  articles: number;
  comments: number;
}

/**
 * Writes every article with all its comments (every status) to `outPath` as
 * WXR 1.2; the file is readable by its owner only (it holds e-mail and IP
 * addresses). Posts and comments are numbered 1, 2, … in the file. Every
 * site's articles go into the one channel, named after the first site.
 */
export async function writeWxrExport(db: Db, outPath: string, options: { now?: Date } = {}): Promise<WxrExportResult> {
  const writer = new FileWriter(createWriteStream(outPath, { mode: 0o600 }));
  const result: WxrExportResult = { articles: 0, comments: 0 };
  try {
    await writer.write(channelHeader(await readBaseUrl(db), options.now ?? new Date()));
    let articleCursor: string | null = null;
    for (;;) {
      const articles: ExportArticle[] = await db.article.findMany({
        orderBy: { id: "asc" },
        take: ARTICLE_PAGE,
        ...(articleCursor ? { where: { id: { gt: articleCursor } } } : {}),
        select: { id: true, slug: true, url: true, title: true, author: true, section: true, tags: true, body: true, publishedAt: true, commentsOpen: true },
      });
      for (const article of articles) {
        result.articles += 1;
        await writer.write(itemHeader(article, result.articles));
        result.comments = await writeComments(db, writer, article.id, result.comments);
        await writer.write("\t</item>\n");
      }
      if (articles.length < ARTICLE_PAGE) break;
      articleCursor = articles.at(-1)!.id;
    }
    await writer.write("</channel>\n</rss>\n");
  } finally {
    await writer.close();
  }
  return result;
}

/**
 * Writes an article's comments a page at a time, oldest first, numbering them
 * after `numbered` comments already written. A reply may come before its
 * parent (equal dates): the parent's number is given when first asked for.
 */
async function writeComments(db: Db, writer: FileWriter, articleId: string, numbered: number): Promise<number> {
  const numbers = new Map<string, number>();
  let last = numbered;
  const numberOf = (id: string) => {
    let number = numbers.get(id);
    if (number === undefined) {
      last += 1;
      number = last;
      numbers.set(id, number);
    }
    return number;
  };
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const comments: ExportComment[] = await db.comment.findMany({
      where: { articleId, ...(cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: COMMENT_PAGE,
      select: { id: true, parentId: true, authorName: true, authorEmail: true, authorUrl: true, ip: true, bodyHtml: true, status: true, createdAt: true },
    });
    for (const comment of comments) await writer.write(commentElement(comment, numberOf(comment.id), comment.parentId ? numberOf(comment.parentId) : 0));
    if (comments.length < COMMENT_PAGE) return last;
    const lastComment = comments.at(-1)!;
    cursor = { createdAt: lastComment.createdAt, id: lastComment.id };
  }
}
