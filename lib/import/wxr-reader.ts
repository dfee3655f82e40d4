// WordPress's export (WXR 1.0–1.2, an RSS file with the wp: namespace): each
// <item> is a post, page or attachment with its <wp:comment>s. Posts are read
// field by field and each comment as one small record, so a post with
// thousands of comments is never held whole. WordPress writes a post's fields
// before its comments; the article is handed on at its first comment (or at
// its end, for a published post without comments).
import type { CommentStatus } from "../generated/prisma/client";
import { parseUtcDate, type SourceArticle, type SourceEvent } from "./import-records";
import { childText, ImportFileError, readXmlEvents, type XmlRecord } from "./xml-events";

const CHANNEL = "rss/channel";
const ITEM = `${CHANNEL}/item`;

/** The channel fields before the items that say which site this is. */
const channelFields = new Set(["title", "link", "wp:base_site_url", "wp:base_blog_url"]);

/** A post's own fields; its body (content:encoded) is not needed and is never kept. */
const itemFields = new Set(["title", "link", "guid", "pubDate", "wp:post_id", "wp:post_date_gmt", "wp:post_date", "wp:status", "wp:post_type", "wp:comment_status"]);

/** Post types that are articles readers discuss (attachments and menu items are not, unless they carry comments). */
const articlePostTypes = new Set(["", "post", "page"]);

/** WordPress's comment_approved values. "post-trashed" marks the comments of a post in the bin. */
function toStatus(approved: string): CommentStatus {
  switch (approved) {
    case "1":
    case "approve":
      return "approved";
    case "spam":
      return "spam";
    case "trash":
    case "post-trashed":
      return "rejected";
    default:
      return "pending";
  }
}

function isRecordPath(path: string): boolean {
  if (path.startsWith(`${ITEM}/`)) {
    const name = path.slice(ITEM.length + 1);
    return name === "wp:comment" || itemFields.has(name);
  }
  return path.startsWith(`${CHANNEL}/`) && channelFields.has(path.slice(CHANNEL.length + 1));
}

/** The stable id prefix of this export: its site's address without a trailing slash. */
function siteIdentity(fields: Map<string, string>): string {
  const base = fields.get("wp:base_site_url") || fields.get("wp:base_blog_url") || fields.get("link") || "";
  return base.replace(/\/+$/, "");
}

/**
 * Reads a WXR file as import events: the site, then per post its article and
 * comments. Throws ImportFileError when the file is not XML or not a WXR
 * (no rss/channel).
 */
export async function* readWxr(file: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<SourceEvent> {
  const channel = new Map<string, string>();
  let isChannelSeen = false;
  let isSiteSent = false;
  let site = "";
  let item = new Map<string, string>();
  let article: SourceArticle | null = null;
  let isArticleSent = false;

  const buildArticle = (): SourceArticle => {
    const postId = item.get("wp:post_id") ?? "";
    const link = item.get("link") || item.get("guid") || (postId ? `${site}/?p=${postId}` : "");
    return {
      importKey: `wxr:${site}#post-${postId || link}`,
      url: link,
      title: item.get("title") ?? "",
      publishedAt: parseUtcDate(item.get("wp:post_date_gmt") ?? "") ?? parseUtcDate(item.get("wp:post_date") ?? "") ?? (item.get("pubDate") ? new Date(item.get("pubDate")!) : null),
      commentsOpen: item.get("wp:comment_status") !== "closed",
      isWantedWithoutComments: articlePostTypes.has(item.get("wp:post_type") ?? "") && ["", "publish"].includes(item.get("wp:status") ?? ""),
    };
  };

  for await (const event of readXmlEvents(file, isRecordPath, onBytes)) {
    if (event.type === "open") {
      if (event.path === CHANNEL) isChannelSeen = true;
      if (event.path === ITEM) {
        if (!isSiteSent) {
          site = siteIdentity(channel);
          isSiteSent = true;
          yield { type: "site", site: { name: channel.get("title") ?? "", url: site } };
        }
        item = new Map();
        article = null;
        isArticleSent = false;
      }
      continue;
    }
    if (event.type === "close") {
      if (event.path === ITEM) {
        article ??= buildArticle();
        if (!isArticleSent && article.isWantedWithoutComments && article.url) yield { type: "article", article };
      }
      continue;
    }
    const { record, path } = event;
    if (!path.startsWith(`${ITEM}/`)) {
      channel.set(record.name, record.text.trim());
      continue;
    }
    if (record.name !== "wp:comment") {
      item.set(record.name, record.text.trim());
      continue;
    }
    if (!isArticleSent) {
      article = buildArticle();
      isArticleSent = true;
      yield { type: "article", article };
    }
    yield toCommentEvent(record, site, article!.importKey);
  }
  if (!isChannelSeen) throw new ImportFileError(`${file} is not a WordPress export (WXR): it has no <rss><channel>`);
}

function toCommentEvent(record: XmlRecord, site: string, articleKey: string): SourceEvent {
  const type = childText(record, "wp:comment_type");
  if (type === "pingback" || type === "trackback" || type === "pings") return { type: "ping" };
  const parent = childText(record, "wp:comment_parent");
  return {
    type: "comment",
    comment: {
      importKey: `wxr:${site}#comment-${childText(record, "wp:comment_id")}`,
      articleKey,
      parentKey: parent && parent !== "0" ? `wxr:${site}#comment-${parent}` : null,
      authorName: childText(record, "wp:comment_author"),
      authorEmail: childText(record, "wp:comment_author_email"),
      authorUrl: childText(record, "wp:comment_author_url"),
      ip: childText(record, "wp:comment_author_IP"),
      createdAt: parseUtcDate(childText(record, "wp:comment_date_gmt")) ?? parseUtcDate(childText(record, "wp:comment_date")),
      status: toStatus(childText(record, "wp:comment_approved")),
      html: record.children.find((child) => child.name === "wp:comment_content")?.text ?? "",
      newlines: "breaks",
    },
  };
}
