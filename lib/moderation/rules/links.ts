// Finds the links in a comment with linkify-it (through markdown-it): URLs,
// markdown links and bare domains like "example.com", which spammers use
// because readers copy them even when they are not clickable.
import MarkdownIt from "markdown-it";
import type { EvidenceSpan } from "../pipeline";

const linkify = new MarkdownIt().linkify.set({ fuzzyLink: true, fuzzyEmail: false });

const space = /\s/u;
const letter = /\p{L}/u;
const letterOrDigit = /[\p{L}\p{N}-]/u;

/** Where a link may be: "x.yz" or "://" (found with indexOf, which is far cheaper than a pattern over a long text). */
function linkHints(text: string): number[] {
  const hints: number[] = [];
  for (let dot = text.indexOf("."); dot !== -1; dot = text.indexOf(".", dot + 1)) {
    if (dot > 0 && letterOrDigit.test(text[dot - 1]!) && letter.test(text[dot + 1] ?? "") && letter.test(text[dot + 2] ?? "")) hints.push(dot);
  }
  for (let colon = text.indexOf("://"); colon !== -1; colon = text.indexOf("://", colon + 1)) hints.push(colon);
  return hints.sort((a, b) => a - b);
}

/** Every link in the text, with its span. */
export function findLinks(text: string): EvidenceSpan[] {
  // linkify is slow on long text, so it reads only the space-free runs around each hint of a link; a link never holds a space.
  const links: EvidenceSpan[] = [];
  let scannedTo = 0;
  for (const hint of linkHints(text)) {
    if (hint < scannedTo) continue;
    let start = hint;
    while (start > 0 && !space.test(text[start - 1]!)) start -= 1;
    let end = hint + 1;
    while (end < text.length && !space.test(text[end]!)) end += 1;
    for (const match of linkify.match(text.slice(start, end)) ?? []) {
      links.push({ start: start + match.index, end: start + match.lastIndex, text: match.raw });
    }
    scannedTo = end;
  }
  return links;
}
