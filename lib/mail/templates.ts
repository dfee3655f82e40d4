// Mail rendering: one small layout that writes every mail twice, as plain text
// and as HTML (every value escaped), with the site's name in the subject and
// the footer. Every mail's words are the catalog's `mail` section
// (lib/i18n/catalogs), in the recipient's language.
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { readLocaleParam } from "../i18n/negotiate-locale";
import { createTranslator, translate, type Translator } from "../i18n/translate";

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
  /** The recipient's language: the signature's, and the HTML's `lang`. */
  locale?: Locale;
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
  const locale = content.locale ?? DEFAULT_LOCALE;
  const signature = translate(locale, "mail.signature", { siteName: content.siteName });
  const text = [...content.blocks.map(blockText), "-- ", [signature, ...content.footer.map(blockText)].join("\n")].join("\n\n") + "\n";
  const html = [
    "<!doctype html>",
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
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
  /** What the check found, in English as stored. */
  message: string;
  /** The verdict's evidence, from which the message is written in another language (lib/moderation/evidence-message.ts). */
  evidence?: unknown;
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

/** The mails' language for a stored setting (a reader's or a moderator's): English when it is unset or unknown. */
export function mailLocaleOf(language: string | null | undefined): Locale {
  return readLocaleParam(language) ?? DEFAULT_LOCALE;
}

/** The words of every mail in one language: the catalog's `mail` section (lib/i18n/catalogs). */
export function mailTranslator(locale: Locale): Translator {
  return createTranslator(locale);
}

