// The fields Akismet sees for a comment, built the same way for the check at
// posting time and for the spam / not-spam reports moderators send later
// (Akismet asks for the same fields in both).
import type { AkismetComment } from "../integrations/akismet";

/** A comment as Akismet needs it: what was written, by whom, from where. */
export interface AkismetSource {
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  /** The article's URL. */
  permalink: string;
  isReply: boolean;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  createdAt: Date;
}

/** Akismet's fields for a comment; the form's honeypot field is named so Akismet can weigh it. */
export function toAkismetComment(source: AkismetSource): AkismetComment {
  return {
    userIp: source.ip ?? "",
    userAgent: source.userAgent ?? "",
    referrer: source.referrer ?? "",
    permalink: source.permalink,
    commentType: source.isReply ? "reply" : "comment",
    commentAuthor: source.authorName,
    commentAuthorEmail: source.authorEmail,
    commentAuthorUrl: source.authorUrl ?? undefined,
    commentContent: source.body,
    commentDateGmt: source.createdAt,
    blogLang: "en, es",
    blogCharset: "UTF-8",
    honeypotFieldName: "website",
    honeypotValue: "",
  };
}
