// What the format readers (WordPress WXR, Disqus) hand the importer: the
// same few records whatever the source, with dates already in UTC and
// statuses already ours.
import type { CommentStatus } from "../generated/prisma/client";
import type { NewlineMeaning } from "./comment-html";

/** The export's own site, when it says: names a site created for an empty database. */
export interface SourceSite {
  name: string;
  url: string;
}

/** An article (a WordPress post, a Disqus thread) as the export describes it. */
export interface SourceArticle {
  /** Stable id of the source ("wxr:{base url}#post-{id}"): a second import finds the article by it. */
  importKey: string;
  url: string;
  title: string;
  publishedAt: Date | null;
  /** False when the source closed its comments (WordPress comment_status "closed", Disqus isClosed). */
  commentsOpen: boolean;
  /** Whether to create it even if none of its comments are imported (a published WordPress post or page). */
  isWantedWithoutComments: boolean;
}

/** A comment as the export describes it. */
export interface SourceComment {
  /** Stable id of the source ("wxr:{base url}#comment-{id}"): a second import adds nothing. */
  importKey: string;
  articleKey: string;
  /** The importKey of the comment it answers, null for a top-level one. */
  parentKey: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  ip: string;
  createdAt: Date | null;
  status: CommentStatus;
  html: string;
  newlines: NewlineMeaning;
}

/** One thing read from an export, in file order. */
export type SourceEvent =
  | { type: "site"; site: SourceSite }
  | { type: "article"; article: SourceArticle }
  | { type: "comment"; comment: SourceComment }
  /** A pingback or trackback: not a reader's comment. */
  | { type: "ping" };

/** Reads UTC dates as the formats write them: "2024-08-12 09:15:00" (WordPress, GMT) or ISO 8601 ("2024-08-12T09:15:00Z", Disqus). */
export function parseUtcDate(text: string): Date | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("0000-00-00")) return null;
  const plain = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/.exec(trimmed);
  const date = plain
    ? new Date(Date.UTC(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3]), Number(plain[4]), Number(plain[5]), Number(plain[6] ?? 0), Number((plain[7] ?? "0").padEnd(3, "0"))))
    : new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date;
}
