// Comments from WordPress and Disqus arrive as HTML; ours are stored as the
// small markdown subset readers write (lib/comments/render-body.ts), and their
// HTML is always rendered from that text. So an imported comment's HTML is
// first cut down by the allow-list (scripts and their text go, unknown tags
// keep their text), then written as that markdown, with the reader's own
// asterisks and brackets escaped: the one safe rendering path then gives the
// same paragraphs, breaks, emphasis, links and quotes, and the text stays
// editable like any other comment.
import sanitizeHtml from "sanitize-html";

/** How line breaks in the source text count: WordPress stores comments with newlines that are breaks; Disqus sends real HTML, where they are spaces. */
export type NewlineMeaning = "breaks" | "spaces";

const sourceSanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "a", "blockquote"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: { b: "strong", i: "em" },
};

interface HtmlNode {
  tag: string;
  href: string | null;
  children: Array<HtmlNode | string>;
}

/** Undoes the escaping sanitize-html applies to text and attributes (it decoded every other entity already). */
function decodeSanitizedText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_match, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", apos: "'" })[name] ?? "");
}

/**
 * Reads sanitize-html's output into a tree. It is well-formed and holds only
 * the allowed tags, with every "<" of the text escaped, so a tag pattern
 * finds exactly the tags.
 */
function parseSanitized(html: string): HtmlNode {
  const root: HtmlNode = { tag: "root", href: null, children: [] };
  const stack: HtmlNode[] = [root];
  const tagPattern = /<(\/?)([a-z]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/g;
  let last = 0;
  for (const match of html.matchAll(tagPattern)) {
    const current = stack.at(-1)!;
    if (match.index > last) current.children.push(decodeSanitizedText(html.slice(last, match.index)));
    last = match.index + match[0].length;
    const [, closing, tag = "", attributes = ""] = match;
    if (tag === "br") {
      current.children.push({ tag: "br", href: null, children: [] });
    } else if (closing) {
      if (stack.length > 1 && current.tag === tag) stack.pop();
    } else {
      const href = /href="([^"]*)"/.exec(attributes)?.[1];
      const node: HtmlNode = { tag, href: href === undefined ? null : decodeSanitizedText(href), children: [] };
      current.children.push(node);
      stack.push(node);
    }
  }
  if (last < html.length) stack.at(-1)!.children.push(decodeSanitizedText(html.slice(last)));
  return root;
}

/** Escapes what the comment markdown would read as syntax, so the text shows as written. */
function escapeMarkdownText(text: string): string {
  return (
    text
      .replace(/[\\*[\]]/g, (character) => `\\${character}`)
      // An underscore between letters never makes emphasis: "snake_case" stays readable.
      .replace(/_/g, (underscore, offset: number, whole: string) => (/[\p{L}\p{N}]/u.test(whole[offset - 1] ?? "") && /[\p{L}\p{N}]/u.test(whole[offset + 1] ?? "") ? underscore : "\\_"))
      // "<" only starts an autolink before a letter; ">" only quotes at the start of a line.
      .replace(/<(?=[A-Za-z])/g, "\\<")
      .replace(/(^|\n)([ \t]*)>/g, "$1$2\\>")
  );
}

/** Wraps each non-blank line in emphasis markers, keeping the spaces around it outside (markdown emphasis must hug its text). */
function wrapLines(text: string, marker: string): string {
  return text
    .split("\n")
    .map((line) => {
      const match = /^(\s*)(.*?)(\s*)$/s.exec(line)!;
      const [, before = "", core = "", after = ""] = match;
      return core === "" ? line : `${before}${marker}${core}${marker}${after}`;
    })
    .join("\n");
}

/** A link destination markdown reads back unchanged: no spaces, angle brackets or parentheses left bare. */
function escapeLinkDestination(href: string): string {
  return href.replace(/[\s<>()]/g, (character) => encodeURIComponent(character));
}

function renderNodes(nodes: Array<HtmlNode | string>, newlines: NewlineMeaning): string {
  return nodes.map((node) => (typeof node === "string" ? renderText(node, newlines) : renderElement(node, newlines))).join("");
}

function renderText(text: string, newlines: NewlineMeaning): string {
  const spaced = newlines === "spaces" ? text.replace(/\s+/g, " ") : text.replace(/\r\n?/g, "\n");
  return escapeMarkdownText(spaced);
}

function renderElement(node: HtmlNode, newlines: NewlineMeaning): string {
  const inner = renderNodes(node.children, newlines);
  switch (node.tag) {
    case "br":
      return "\n";
    case "p":
      return `\n\n${inner.trim()}\n\n`;
    case "em":
      return wrapLines(inner, "*");
    case "strong":
      return wrapLines(inner, "**");
    case "a": {
      if (node.href === null) return inner;
      const text = inner.trim() === "" ? escapeMarkdownText(node.href) : inner.replace(/\n+/g, " ");
      return `[${text}](${escapeLinkDestination(node.href)})`;
    }
    case "blockquote": {
      const quoted = tidyMarkdown(inner)
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
      return quoted === "" ? "" : `\n\n${quoted}\n\n`;
    }
    default:
      return inner;
  }
}

/** Spaces off both ends of every line (markdown ignores them), at most one blank line in a row, nothing around. */
function tidyMarkdown(text: string): string {
  return text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n[ \t]+/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** C0/C1 control characters other than tab and newline: PostgreSQL refuses NUL, and none belongs in a comment. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Turns a comment's HTML from WordPress or Disqus into the comment text we
 * store (the markdown subset of lib/comments/render-body.ts). What the
 * allow-list refuses is gone: a <script> with its text, attributes, other
 * tags (their text stays). Returns "" when nothing readable is left.
 */
export function htmlToCommentBody(html: string, newlines: NewlineMeaning): string {
  const sanitized = sanitizeHtml(html.replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, ""), sourceSanitizeOptions);
  return tidyMarkdown(renderNodes(parseSanitized(sanitized).children, newlines));
}

/** Plain text from a title or name that may carry HTML entities or tags (WordPress stores "Caf&eacute; &amp; co"). */
export function htmlToPlainText(html: string): string {
  const text = decodeSanitizedText(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }));
  return text.replace(CONTROL_CHARACTERS, "").replace(/\s+/g, " ").trim();
}

/**
 * The comment as WordPress stores it, from our rendered HTML: paragraphs as
 * blank lines and breaks as newlines (WordPress adds <p> and <br> when it
 * shows a comment), links, emphasis and quotes as tags.
 */
export function commentHtmlToWordPress(bodyHtml: string): string {
  return bodyHtml
    .replace(/<a href="([^"]*)"[^>]*>/g, '<a href="$1">')
    .replace(/<br\s*\/?>\n?/g, "\n")
    .replace(/<\/p>\s*<p>/g, "\n\n")
    .replace(/\s*<\/?p>\s*/g, (match) => (match.includes("\n") ? "\n" : ""))
    .replace(/<blockquote>\n+/g, "<blockquote>")
    .replace(/\n+<\/blockquote>/g, "</blockquote>")
    .trim();
}
