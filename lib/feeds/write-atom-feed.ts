// Atom 1.0 (RFC 4287) for the comment feeds: the feed's identity, titles and
// links, then one entry per comment. Written with lib/feeds/xml.ts, which
// escapes every value; the comment's HTML travels as escaped text inside
// `<content type="html">`, as the RFC asks, so nothing in it is ever markup
// of the feed itself.
import { renderXmlDocument, type XmlElement } from "./xml";

/** The Atom namespace. */
export const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

/** A person as the feed names them: a name, and a web address only where the thread shows one publicly. */
export interface AtomPerson {
  name: string;
  uri?: string | null;
}

/** A category of an entry: its machine term and the words readers see. */
export interface AtomCategory {
  term: string;
  label?: string;
}

/** One entry: a comment. */
export interface AtomEntry {
  /** A permanent, unique IRI (the comment's permalink). */
  id: string;
  title: string;
  /** Where the comment is read (its permalink, maybe with the reader's language). */
  link: string;
  author: AtomPerson;
  published: Date;
  updated: Date;
  /** Sanitized HTML, sent as escaped text. */
  contentHtml: string;
  categories?: readonly AtomCategory[];
}

/** A whole feed. */
export interface AtomFeed {
  /** A permanent, unique IRI for the feed (the same in every language). */
  id: string;
  /** The BCP 47 language of its titles (`xml:lang`). */
  language: string;
  title: string;
  subtitle?: string;
  /** The feed's own address. */
  selfLink: string;
  /** The page the feed follows. */
  alternateLink: string;
  updated: Date;
  /** Who publishes the feed: stands in for entries without an author (there are none) and keeps an empty feed valid. */
  author: AtomPerson;
  entries: readonly AtomEntry[];
}

function textElement(name: string, text: string, attributes?: Record<string, string | undefined>): XmlElement {
  return { name, ...(attributes ? { attributes } : {}), children: [text] };
}

function personElement(name: "author", person: AtomPerson): XmlElement {
  return { name, children: [textElement("name", person.name), ...(person.uri ? [textElement("uri", person.uri)] : [])] };
}

function linkElement(rel: "self" | "alternate", href: string, type: string): XmlElement {
  return { name: "link", attributes: { rel, type, href } };
}

function entryElement(entry: AtomEntry): XmlElement {
  return {
    name: "entry",
    children: [
      textElement("id", entry.id),
      textElement("title", entry.title, { type: "text" }),
      linkElement("alternate", entry.link, "text/html"),
      personElement("author", entry.author),
      textElement("published", entry.published.toISOString()),
      textElement("updated", entry.updated.toISOString()),
      ...(entry.categories ?? []).map((category) => ({ name: "category", attributes: { term: category.term, label: category.label } })),
      textElement("content", entry.contentHtml, { type: "html" }),
    ],
  };
}

/** Writes a feed as an Atom 1.0 document (UTF-8, with its XML declaration). */
export function writeAtomFeed(feed: AtomFeed): string {
  return renderXmlDocument({
    name: "feed",
    attributes: { xmlns: ATOM_NAMESPACE, "xml:lang": feed.language },
    children: [
      textElement("id", feed.id),
      textElement("title", feed.title, { type: "text" }),
      ...(feed.subtitle ? [textElement("subtitle", feed.subtitle, { type: "text" })] : []),
      linkElement("self", feed.selfLink, "application/atom+xml"),
      linkElement("alternate", feed.alternateLink, "text/html"),
      textElement("updated", feed.updated.toISOString()),
      personElement("author", feed.author),
      ...feed.entries.map(entryElement),
    ],
  });
}
