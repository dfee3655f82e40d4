// Finds the links in a comment with linkify-it (through markdown-it): URLs,
// markdown links and bare domains like "example.com", which spammers use
// because readers copy them even when they are not clickable.
import MarkdownIt from "markdown-it";
import type { EvidenceSpan } from "../pipeline";

const linkify = new MarkdownIt().linkify.set({ fuzzyLink: true, fuzzyEmail: false });

/** Every link in the text, with its span. */
export function findLinks(text: string): EvidenceSpan[] {
  // linkify is slow on long text; a text with no "x.yz" or "://" has no link to find.
  if (!/[\p{L}\p{N}-]\.\p{L}{2}|:\/\//u.test(text)) return [];
  return (linkify.match(text) ?? []).map((match) => ({ start: match.index, end: match.lastIndex, text: match.raw }));
}
