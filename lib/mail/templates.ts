// Mail rendering: one small layout that writes every mail twice, as plain text
// and as HTML (every value escaped), with the site's name in the subject and
// the footer. The English strings live here together so that Spanish (the
// languages issue) is one more table, not a hunt through the code.

/** One piece of a mail's body. */
export type MailBlock =
  | { kind: "paragraph"; text: string }
  /** Someone else's words (a comment's text): set apart, never taken for the site's own. */
  | { kind: "quote"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "action"; label: string; url: string }
  | { kind: "section"; heading: string; blocks: MailBlock[] };

/** What a mail says, before it is laid out. */
export interface MailContent {
  siteName: string;
  /** Without the site's name: the layout adds it. */
  subject: string;
  blocks: MailBlock[];
  /** Why the reader gets this mail and how to stop it. */
  footer: MailBlock[];
}

/** A mail laid out: what goes in the outbox beside the recipient and headers. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Makes text safe inside HTML elements and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character]!);
}

/** Subjects are one line; whatever the text held, a line break is not let into a header. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, " ").replace(/\s{2,}/g, " ").trim();
}

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "quote":
      return block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join("\n");
    case "list":
      return block.items.map((item) => `- ${item}`).join("\n");
    case "action":
      return `${block.label}: ${block.url}`;
    case "section":
      return [block.heading, "-".repeat(Math.min(block.heading.length, 60)), ...block.blocks.map(blockText)].join("\n\n");
  }
}

/** Only links the app builds go in mails; anything but http(s) is dropped rather than made clickable. */
function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="margin:0 0 14px">${escapeHtml(block.text)}</p>`;
    case "quote":
      return `<blockquote style="margin:0 0 14px;padding:8px 12px;border-left:3px solid #c9c9c9;color:#333;white-space:pre-wrap">${escapeHtml(block.text)}</blockquote>`;
    case "list":
      return `<ul style="margin:0 0 14px;padding-left:20px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
    case "action": {
      const href = safeHref(block.url);
      const label = escapeHtml(block.label);
      return href
        ? `<p style="margin:0 0 14px"><a href="${href}" style="display:inline-block;padding:8px 14px;background:#1d4f91;color:#fff;text-decoration:none;border-radius:4px">${label}</a></p>`
        : `<p style="margin:0 0 14px">${label}: ${escapeHtml(block.url)}</p>`;
    }
    case "section":
      return `<h2 style="font-size:16px;margin:18px 0 8px">${escapeHtml(block.heading)}</h2>${block.blocks.map(blockHtml).join("")}`;
  }
}

/** Lays a mail out as text and HTML with the site's name in the subject and footer. */
export function renderMail(content: MailContent): RenderedMail {
  const subject = oneLine(`[${content.siteName}] ${content.subject}`).slice(0, 300);
  const signature = strings.en.signature(content.siteName);
  const text = [...content.blocks.map(blockText), "-- ", [signature, ...content.footer.map(blockText)].join("\n")].join("\n\n") + "\n";
  const html = [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:16px;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;background:#fff">`,
    `<div style="max-width:600px">`,
    ...content.blocks.map(blockHtml),
    `<hr style="border:0;border-top:1px solid #ddd;margin:20px 0 12px">`,
    `<div style="font-size:13px;color:#555">`,
    `<p style="margin:0 0 8px">${escapeHtml(signature)}</p>`,
    ...content.footer.map(blockHtml),
    "</div></div></body></html>",
  ].join("\n");
  return { subject, text, html };
}

/** Why a comment waits for a moderator, as a mail states it. */
export interface AlertReason {
  label: string;
  message: string;
}

/** A comment as an alert shows it: never its author's address. */
export interface AlertComment {
  authorName: string;
  articleTitle: string;
  /** The start of its text. */
  excerpt: string;
  /** Its card in the dashboard. */
  cardUrl: string;
}

/** The English text of every mail. */
export const strings = {
  en: {
    signature: (siteName: string) => `${siteName} · comments moderated with Tertulia`,
    alertsFooter: "You get this because your moderator account asks for alerts about held and reported comments.",
    changeAlerts: "Change your alerts",
    heldSubject: (articleTitle: string) => `A comment on “${articleTitle}” is waiting for moderation`,
    heldIntro: (authorName: string, articleTitle: string) => `${authorName}'s comment on “${articleTitle}” was held for moderation.`,
    heldWhy: "Why it was held:",
    reportedSubject: (articleTitle: string) => `A comment on “${articleTitle}” was reported`,
    reportedIntro: (authorName: string, articleTitle: string) => `A reader reported ${authorName}'s comment on “${articleTitle}”.`,
    reportedWhy: "The report:",
    openCard: "Open it in the dashboard",
    noReasonGiven: "no reason was recorded",
    digestSubject: (count: number) => (count === 1 ? "1 comment is waiting for moderation" : `${count} comments are waiting for moderation`),
    digestIntro: (since: string) => `Since ${since}, these comments were held or reported and still wait for a moderator.`,
    digestHeld: "Held",
    digestReported: "Reported",
    digestMore: (count: number) => `…and ${count} more in the dashboard.`,
    openQueue: "Open the queue",
    byOn: (authorName: string, articleTitle: string) => `${authorName} on “${articleTitle}”`,
    confirmSubject: "Confirm your e-mail notifications",
    confirmIntro: (siteName: string) => `Someone, hopefully you, asked ${siteName} to send this address e-mails about replies or followed discussions.`,
    confirmOnce: "Nothing more is sent until you confirm. If it wasn't you, ignore this mail and you'll hear nothing else.",
    confirmAction: "Confirm my address",
    readerFooter: "You get this because you asked for e-mail notifications about comments.",
    confirmFooter: "You get this one mail because this address was given with a comment.",
    unsubscribe: "Unsubscribe from every mail",
    replySubject: (authorName: string, articleTitle: string) => `${authorName} replied to your comment on “${articleTitle}”`,
    replyIntro: (authorName: string, articleTitle: string) => `${authorName} replied to your comment on “${articleTitle}”:`,
    readReply: "Read the reply",
    followSubject: (count: number) => (count === 1 ? "1 new comment in a discussion you follow" : `${count} new comments in discussions you follow`),
    followIntro: "New comments were published in the discussions you follow.",
    followComment: (authorName: string) => `${authorName} wrote:`,
    readComment: "Read it",
    followMore: (count: number) => `…and ${count} more on the page.`,
  },
} as const;
