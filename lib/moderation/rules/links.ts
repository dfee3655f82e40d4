// Finds the links in a comment the way the renderer will link them (linkify-it,
// through markdown-it), so "example.com" and "[x](https://…)" both count.
import MarkdownIt from "markdown-it";
import type { EvidenceSpan } from "../pipeline";

const linkify = new MarkdownIt().linkify;

/** Every link in the text, with its span. */
export function findLinks(text: string): EvidenceSpan[] {
  return (linkify.match(text) ?? []).map((match) => ({ start: match.index, end: match.lastIndex, text: match.raw }));
}
