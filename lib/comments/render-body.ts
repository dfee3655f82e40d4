// The one path from text that readers or site owners wrote to HTML we serve:
// markdown-it with raw HTML disabled, then an allow-list sanitizer as a second
// wall, so that no markup a reader sends reaches the page.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Readers get a small subset: paragraphs, line breaks, emphasis, links, quotes.
const commentMarkdown = new MarkdownIt("zero", { html: false, linkify: true, breaks: true }).enable([
  "paragraph",
  "newline",
  "emphasis",
  "link",
  "autolink",
  "linkify",
  "blockquote",
  "escape",
]);

// Articles come from the site itself and may also use headings and lists.
const articleMarkdown = new MarkdownIt("commonmark", { html: false, linkify: true, typographer: false });

const allowedSchemes = ["http", "https", "mailto"];

const commentSanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "a", "blockquote"],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes,
  allowProtocolRelative: false,
  transformTags: {
    // Reader links are user-generated: search engines must not credit them, and
    // the opened page must not get a handle on ours.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow ugc noopener" } }),
  },
};

const articleSanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "a", "blockquote", "h2", "h3", "h4", "ol", "ul", "li", "hr", "code", "pre"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes,
  allowProtocolRelative: false,
  transformTags: { a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener" } }) },
};

/** Renders a reader's comment (as written) to safe HTML. */
export function renderCommentHtml(body: string): string {
  return sanitizeHtml(commentMarkdown.render(body), commentSanitizeOptions).trim();
}

/** Renders an article body supplied by the site to safe HTML. */
export function renderArticleHtml(body: string): string {
  return sanitizeHtml(articleMarkdown.render(body), articleSanitizeOptions).trim();
}
