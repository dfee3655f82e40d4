import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { ATOM_NAMESPACE, writeAtomFeed, type AtomEntry, type AtomFeed } from "@/lib/feeds/write-atom-feed";
import { escapeXmlAttribute, escapeXmlText, removeInvalidXmlCharacters, renderXmlDocument, renderXmlElement } from "@/lib/feeds/xml";
import { childrenNamed, onlyChild, parseXmlStrictly } from "../../support/xml-tree";

const hostile = `<b>&"'</b> ]]> <![CDATA[x]]>`;

function entry(overrides: Partial<AtomEntry> = {}): AtomEntry {
  return {
    id: "https://comments.example/articles/a#comment-c1",
    title: "Comment by Ana on A",
    link: "https://comments.example/articles/a?lang=es#comment-c1",
    author: { name: "Ana", uri: "https://ana.example/" },
    published: new Date("2026-01-02T03:04:05.000Z"),
    updated: new Date("2026-01-02T03:09:05.000Z"),
    contentHtml: "<p>Hello <em>world</em> &amp; more</p>",
    ...overrides,
  };
}

function feed(overrides: Partial<AtomFeed> = {}): AtomFeed {
  return {
    id: "https://comments.example/articles/a/feed.atom",
    language: "en",
    title: "Comments on A",
    subtitle: "Newest first",
    selfLink: "https://comments.example/articles/a/feed.atom",
    alternateLink: "https://comments.example/articles/a",
    updated: new Date("2026-01-02T03:09:05.000Z"),
    author: { name: "The site", uri: "https://comments.example/" },
    entries: [entry()],
    ...overrides,
  };
}

describe("escapeXmlText and escapeXmlAttribute", () => {
  it.each([
    ["<b>&", "&lt;b&gt;&amp;"],
    ["]]>", "]]&gt;"],
    ["&amp;", "&amp;amp;"],
    [`"quoted" 'single'`, `"quoted" 'single'`],
    ["tab\tline\nreturn\r", "tab\tline\nreturn\r"],
  ])("writes %j as text %j", (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });

  it.each([
    [`a"b'c<d>&e`, "a&quot;b&apos;c&lt;d&gt;&amp;e"],
    ["one\ntwo\tthree\rfour", "one&#10;two&#9;three&#13;four"],
  ])("writes %j as an attribute value %j", (input, expected) => {
    expect(escapeXmlAttribute(input)).toBe(expected);
  });

  it.each([
    ["NUL and other C0 controls", "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg", "abcdefg"],
    ["a lone high surrogate", "a\uD83Db", "ab"],
    ["a lone low surrogate", "a\uDE00b", "ab"],
    ["U+FFFE and U+FFFF", "a\uFFFEb\uFFFFc", "abc"],
  ])("drops %s, which XML 1.0 forbids", (_name, input, expected) => {
    expect(removeInvalidXmlCharacters(input)).toBe(expected);
  });

  it("keeps what XML allows: tabs, line breaks, DEL, accents, emoji (a surrogate pair)", () => {
    const text = "é ñ 中 😀 \t\n\r \u007F \u0085";
    expect(removeInvalidXmlCharacters(text)).toBe(text);
  });
});

describe("renderXmlElement", () => {
  it("writes empty elements short, leaves undefined attributes out, and escapes text and values", () => {
    expect(renderXmlElement({ name: "link", attributes: { rel: "self", type: undefined, href: "/a?b=1&c=2" } })).toBe('<link rel="self" href="/a?b=1&amp;c=2"/>');
    expect(renderXmlElement({ name: "title", children: [hostile] })).toBe("<title>&lt;b&gt;&amp;\"'&lt;/b&gt; ]]&gt; &lt;![CDATA[x]]&gt;</title>");
  });

  it.each([["a b"], ["<x"], ["1abc"], ['x"y'], [""]])("refuses the element or attribute name %j", (name) => {
    expect(() => renderXmlElement({ name })).toThrow(/Not an XML name/);
    expect(() => renderXmlElement({ name: "ok", attributes: { [name]: "v" } })).toThrow(/Not an XML name/);
  });

  it("writes a document any strict parser reads back to the same text, whatever the text holds", () => {
    const nasty = `${hostile} \u0000\uD800 é 😀 &#x26; &lt;`;
    const tree = parseXmlStrictly(renderXmlDocument({ name: "root", attributes: { "xml:lang": "es", note: nasty }, children: [nasty, { name: "child", children: [nasty] }] }));
    const clean = removeInvalidXmlCharacters(nasty);
    expect(tree.attributes.note).toBe(clean);
    expect(tree.attributes["xml:lang"]).toBe("es");
    expect(onlyChild(tree, "child").text).toBe(clean);
  });
});

describe("writeAtomFeed", () => {
  it("writes every element Atom 1.0 requires, in the Atom namespace, with the feed's language", () => {
    const root = parseXmlStrictly(writeAtomFeed(feed()));
    expect(root.name).toBe("feed");
    expect(root.uri).toBe(ATOM_NAMESPACE);
    expect(root.attributes["xml:lang"]).toBe("en");
    expect(onlyChild(root, "id").text).toBe("https://comments.example/articles/a/feed.atom");
    expect(onlyChild(root, "title").text).toBe("Comments on A");
    expect(onlyChild(root, "updated").text).toBe("2026-01-02T03:09:05.000Z");
    const links = childrenNamed(root, "link").map((link) => link.attributes);
    expect(links).toEqual([
      { rel: "self", type: "application/atom+xml", href: "https://comments.example/articles/a/feed.atom" },
      { rel: "alternate", type: "text/html", href: "https://comments.example/articles/a" },
    ]);
    const [item] = childrenNamed(root, "entry");
    expect(onlyChild(item!, "id").text).toBe("https://comments.example/articles/a#comment-c1");
    expect(onlyChild(item!, "title").attributes.type).toBe("text");
    expect(onlyChild(item!, "link").attributes).toEqual({ rel: "alternate", type: "text/html", href: "https://comments.example/articles/a?lang=es#comment-c1" });
    expect(onlyChild(onlyChild(item!, "author"), "name").text).toBe("Ana");
    expect(onlyChild(onlyChild(item!, "author"), "uri").text).toBe("https://ana.example/");
    expect(onlyChild(item!, "published").text).toBe("2026-01-02T03:04:05.000Z");
    expect(onlyChild(item!, "updated").text).toBe("2026-01-02T03:09:05.000Z");
    const content = onlyChild(item!, "content");
    expect(content.attributes.type).toBe("html");
    // The HTML is text of the feed, not markup: one level of escaping, undone by the parser.
    expect(content.children).toEqual([]);
    expect(content.text).toBe("<p>Hello <em>world</em> &amp; more</p>");
  });

  it("leaves out the author's uri when there is none, and writes an entry's categories", () => {
    const root = parseXmlStrictly(writeAtomFeed(feed({ entries: [entry({ author: { name: "Ben", uri: null }, categories: [{ term: "featured", label: "Editors' pick" }] })] })));
    const item = onlyChild(root, "entry");
    expect(childrenNamed(onlyChild(item, "author"), "uri")).toEqual([]);
    expect(onlyChild(item, "category").attributes).toEqual({ term: "featured", label: "Editors' pick" });
  });

  it("escapes every text a person wrote, so a feed parser reads it back as it was", () => {
    const xml = writeAtomFeed(feed({ title: hostile, entries: [entry({ title: hostile, author: { name: hostile }, contentHtml: `<p>${hostile}</p>` })] }));
    expect(xml).not.toContain("<b>");
    expect(xml).not.toContain("<![CDATA[");
    const root = parseXmlStrictly(xml);
    expect(onlyChild(root, "title").text).toBe(hostile);
    const parsed = parseFeed(xml);
    expect(parsed.title).toBe(hostile);
    expect(parsed.items[0]!.title).toBe(hostile);
    expect(parsed.items[0]!.authors[0]!.name).toBe(hostile);
    expect(parsed.items[0]!.content).toBe(`<p>${hostile}</p>`);
  });

  it("writes an empty feed that still parses, with its own author standing for the entries", () => {
    const xml = writeAtomFeed(feed({ entries: [] }));
    const root = parseXmlStrictly(xml);
    expect(childrenNamed(root, "entry")).toEqual([]);
    expect(onlyChild(onlyChild(root, "author"), "name").text).toBe("The site");
    expect(parseFeed(xml).meta.type).toBe("atom");
  });
});
