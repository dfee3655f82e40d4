// Issue #19 (acceptance 4): the Atom feeds of an article's comments and of the
// site's latest. Read with a real feed parser and with a strict XML parser;
// served the way `npm start` serves them — the readers' page cache
// (lib/reader-pages/page-cache.ts, the process-wide one, on the live bus) in
// front of the route handlers — so an approval is seen to reach the feed.
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { parseFeed } from "@rowanmanning/feed-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getArticleFeedRoute } from "@/app/(site)/articles/[slug]/feed.atom/route";
import { GET as getSiteFeedRoute } from "@/app/(site)/feed.atom/route";
import { renderCommentHtml } from "@/lib/comments/render-body";
import { getDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { FEED_CONTENT_TYPE } from "@/lib/feeds/feed-links";
import { FEED_ENTRY_LIMIT } from "@/lib/feeds/read-feed-comments";
import { ATOM_NAMESPACE } from "@/lib/feeds/write-atom-feed";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";
import { LOCALE_HEADER } from "@/lib/i18n/request-locale";
import { findSiteLanguageForPath } from "@/lib/i18n/site-language";
import { getLiveBus } from "@/lib/live/live-bus";
import { decideComment } from "@/lib/moderation/decisions";
import { getReaderPageCache, readReaderPage, READER_PAGE_CACHE_CONTROL, SITE_FEED_TAG, tryServeReaderPage, type RenderedPage } from "@/lib/reader-pages/page-cache";
import { createArticle, createComment } from "../support/factories";
import { childrenNamed, onlyChild, parseXmlStrictly, type XmlNode } from "../support/xml-tree";

const SECRET_EMAIL = "ana.secret@example.org";
const SECRET_IP = "203.0.113.77";
const SECRET_AGENT = "SecretAgent/1.0";
const HOSTILE_NAME = `<b>&"'`;

let slug: string;
let articleTitle: string;
let heldId: string;
let moderatorId: string;
const visibleBodies: string[] = [];
const ids: Record<string, string> = {};

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

// ---- The app as `npm start` runs it: scripts/server.ts's order, proxy.ts's language, Next.js's routing (the two feed routes).

/** What proxy.ts and Next.js do with a request that reaches them: the language stamped over any the client sent, then the route. */
async function answerAsNext(request: IncomingMessage): Promise<RenderedPage> {
  const url = new URL(request.url ?? "/", "http://internal");
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  headers.set(LOCALE_HEADER, negotiateLocale({ query: url.searchParams.get("lang"), preferred: await findSiteLanguageForPath(getDb(), url.pathname), acceptLanguage: headers.get("accept-language") }));
  const routed = new Request(`http://${headers.get("host") ?? "localhost"}${request.url ?? "/"}`, { headers });
  const article = /^\/articles\/([^/]+)\/feed\.atom$/.exec(url.pathname);
  let response: Response;
  if (url.pathname === "/feed.atom") response = await getSiteFeedRoute(routed);
  else if (article) response = await getArticleFeedRoute(routed, { params: Promise.resolve({ slug: decodeURIComponent(article[1]!) }) });
  else response = new Response("no route", { status: 404 });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

let server: Server;
let port: number;
let renders: string[];

function writeRendered(response: ServerResponse, page: RenderedPage): void {
  const headers: Record<string, string> = {};
  page.headers.forEach((value, name) => (headers[name] = value));
  response.writeHead(page.status, headers);
  response.end(page.body);
}

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** The route's own answer, without the cache in front: the feed as it stands in the database now. */
async function callRoute(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const request = new Request(new URL(path, "http://localhost"), { headers: { host: "comments.example", "x-forwarded-proto": "https", [LOCALE_HEADER]: "en", ...headers } });
  // The slug as Next.js hands it to the route, from the path as written (a URL object would resolve `%2E%2E` away).
  const article = /^\/articles\/([^/?]+)\/feed\.atom(?:\?|$)/.exec(path);
  const response = article ? await getArticleFeedRoute(request, { params: Promise.resolve({ slug: decodeURIComponent(article[1]!) }) }) : await getSiteFeedRoute(request);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function entriesOf(xml: string): XmlNode[] {
  return childrenNamed(parseXmlStrictly(xml), "entry");
}

function entryIds(xml: string): string[] {
  return entriesOf(xml).map((entry) => onlyChild(entry, "id").text.replace(/^.*#comment-/, ""));
}

/** Checks the raw document against what RFC 4287 requires of a feed and of each entry. */
function expectValidAtom(xml: string): XmlNode {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const root = parseXmlStrictly(xml);
  expect(root.name).toBe("feed");
  expect(root.uri).toBe(ATOM_NAMESPACE);
  expect(root.attributes["xml:lang"]).toMatch(/^(en|es)$/);
  for (const name of ["id", "title", "updated"]) expect(onlyChild(root, name).text).not.toBe("");
  expect(() => new URL(onlyChild(root, "id").text)).not.toThrow();
  expect(new Date(onlyChild(root, "updated").text).toISOString()).toBe(onlyChild(root, "updated").text);
  const links = childrenNamed(root, "link");
  expect(links.filter((link) => link.attributes.rel === "self")).toHaveLength(1);
  expect(links.filter((link) => link.attributes.rel === "alternate")).toHaveLength(1);
  expect(links.find((link) => link.attributes.rel === "self")?.attributes.type).toBe("application/atom+xml");
  expect(onlyChild(onlyChild(root, "author"), "name").text).not.toBe("");
  const seen = new Set<string>();
  for (const entry of childrenNamed(root, "entry")) {
    const id = onlyChild(entry, "id").text;
    expect(seen.has(id)).toBe(false);
    seen.add(id);
    expect(onlyChild(entry, "title").text).not.toBe("");
    expect(onlyChild(entry, "link").attributes).toMatchObject({ rel: "alternate", type: "text/html" });
    expect(onlyChild(onlyChild(entry, "author"), "name").text).not.toBe("");
    expect(childrenNamed(onlyChild(entry, "author"), "email")).toEqual([]);
    for (const name of ["published", "updated"]) expect(new Date(onlyChild(entry, name).text).toISOString()).toBe(onlyChild(entry, name).text);
    expect(onlyChild(entry, "content").attributes.type).toBe("html");
  }
  return root;
}

/**
 * Waits until the live bus delivers: on PostgreSQL its listening connection
 * opens in the background and then says "resync", which empties the cache;
 * a test that reads before then would see a second render it did not cause.
 */
async function untilListening(): Promise<void> {
  const probe = `listening-${Math.random().toString(36).slice(2)}`;
  let isHeard = false;
  const stop = getLiveBus().subscribe((message) => {
    if (message.type === "thread" && message.slug === probe) isHeard = true;
  });
  try {
    await vi.waitFor(
      async () => {
        await getLiveBus().publish({ type: "thread", slug: probe });
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (!isHeard) throw new Error("the live bus is not listening yet");
      },
      { timeout: 10_000, interval: 50 },
    );
  } finally {
    stop();
  }
}

function minuteAt(minute: number): Date {
  return new Date(Date.UTC(2024, 7, 12, 9, 0) + minute * 60_000);
}

beforeAll(async () => {
  const db = getDb();
  moderatorId = (await db.moderator.create({ data: { email: "mod@example.org", passwordHash: "x", role: "moderator" } })).id;
  const { article } = await createArticle(db);
  slug = article.slug;
  articleTitle = article.title;
  const comment = async (name: string, options: Parameters<typeof createComment>[2], extra: Parameters<typeof db.comment.update>[0]["data"] = {}) => {
    const created = await createComment(db, article.id, options);
    await db.comment.update({ where: { id: created.id }, data: { authorEmail: SECRET_EMAIL, ip: SECRET_IP, userAgent: SECRET_AGENT, ...extra } });
    ids[name] = created.id;
    return created;
  };
  const ana = await comment("ana", { minute: 1, authorName: "Ana", body: "Ana's first word" }, { authorUrl: "https://ana.example/" });
  await comment("hostile", { minute: 5, authorName: HOSTILE_NAME, body: "A name to escape" }, { authorUrl: "javascript:alert(1)" });
  const held = await comment("held", { minute: 6, status: "pending", body: "Held for a moderator" });
  heldId = held.id;
  await comment("spam", { minute: 7, status: "spam", body: "Cheap pills" });
  await comment("rejected", { minute: 8, status: "rejected", body: "Rejected words" });
  const deleted = await comment("deleted", { minute: 9, body: "Taken back by its author" }, { deletedAt: minuteAt(10) });
  const underHeld = await comment("underHeld", { parent: held, minute: 10, body: "An answer to the held one" });
  await comment("deepUnderHeld", { parent: underHeld, minute: 10.5, body: "Deeper under the held one" });
  await comment("replyToAna", { parent: ana, minute: 11, authorName: "Ben", body: "Ben answers Ana" });
  await comment("edited", { minute: 12, authorName: "Cleo", body: "Cleo, edited and picked" }, { editedAt: minuteAt(20), featuredAt: minuteAt(21) });
  await comment("erased", { minute: 13, body: "[deleted]" }, { erasedAt: minuteAt(14), authorName: "[deleted]", authorEmail: "" });
  await comment("underDeleted", { parent: deleted, minute: 15, authorName: "Dora", body: "An answer to what was taken back" });
  visibleBodies.push("Ana's first word", "A name to escape", "Ben answers Ana", "Cleo, edited and picked", "An answer to what was taken back");
});

describe("GET /articles/{slug}/feed.atom", () => {
  it("is a valid Atom 1.0 document with every required element, as application/atom+xml", async () => {
    const { status, headers, text } = await callRoute(`/articles/${slug}/feed.atom`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe(FEED_CONTENT_TYPE);
    expect(headers.get("content-language")).toBe("en");
    expect(headers.get("cache-control")).toBe(READER_PAGE_CACHE_CONTROL);
    expect(headers.get("vary")).toBe("Accept-Language");
    const root = expectValidAtom(text);
    expect(onlyChild(root, "id").text).toBe(`https://comments.example/articles/${slug}/feed.atom`);
    expect(onlyChild(root, "title").text).toBe(`Comments on ${articleTitle}`);
    expect(childrenNamed(root, "link").map((link) => link.attributes.href)).toEqual([`https://comments.example/articles/${slug}/feed.atom`, `https://comments.example/articles/${slug}`]);
    const parsed = parseFeed(text);
    expect(parsed.meta).toEqual({ type: "atom", version: "1.0" });
    expect(parsed.title).toBe(`Comments on ${articleTitle}`);
    expect(parsed.self).toBe(`https://comments.example/articles/${slug}/feed.atom`);
    expect(parsed.url).toBe(`https://comments.example/articles/${slug}`);
    expect(parsed.items).toHaveLength(5);
  });

  it("carries only what readers of the thread see, newest first: no held, spam, rejected, deleted or erased comment, nor a reply under a held one", async () => {
    const { text } = await callRoute(`/articles/${slug}/feed.atom`);
    expect(entryIds(text)).toEqual([ids.underDeleted, ids.edited, ids.replyToAna, ids.hostile, ids.ana]);
    const parsed = parseFeed(text);
    for (const body of visibleBodies) expect(parsed.items.some((item) => item.content?.includes(body))).toBe(true);
    for (const hidden of ["Held for a moderator", "Cheap pills", "Rejected words", "Taken back by its author", "An answer to the held one", "Deeper under the held one", "[deleted]"]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("names each entry's author as the thread does, with the permalink, the dates, the picked category and the stored HTML", async () => {
    const parsed = parseFeed((await callRoute(`/articles/${slug}/feed.atom`)).text);
    const byId = (id: string) => parsed.items.find((item) => item.id?.endsWith(`#comment-${id}`))!;
    const ana = byId(ids.ana!);
    expect(ana.id).toBe(`https://comments.example/articles/${slug}#comment-${ids.ana}`);
    expect(ana.url).toBe(`https://comments.example/articles/${slug}#comment-${ids.ana}`);
    expect(ana.title).toBe(`Comment by Ana on ${articleTitle}`);
    expect(ana.authors).toEqual([{ name: "Ana", url: "https://ana.example/", email: null }]);
    expect(ana.content).toBe(renderCommentHtml("Ana's first word"));
    expect(ana.published?.toISOString()).toBe(minuteAt(1).toISOString());
    const edited = byId(ids.edited!);
    expect(edited.published?.toISOString()).toBe(minuteAt(12).toISOString());
    expect(edited.updated?.toISOString()).toBe(minuteAt(20).toISOString());
    expect(edited.categories).toEqual([{ term: "featured", label: "Editors' pick", url: null }]);
    expect(byId(ids.ana!).categories).toEqual([]);
    // The feed's own date is its latest change: the edit.
    expect(parsed.updated?.toISOString()).toBe(minuteAt(20).toISOString());
  });

  it("never shows a commenter's e-mail, address or user agent, nor a website that is not http(s)", async () => {
    for (const path of [`/articles/${slug}/feed.atom`, "/feed.atom"]) {
      const { text } = await callRoute(path);
      for (const secret of [SECRET_EMAIL, SECRET_IP, SECRET_AGENT, "reader@example.org", "javascript:", "@example.org"]) expect(text).not.toContain(secret);
    }
  });

  it(`escapes a name like ${HOSTILE_NAME}: the document stays well-formed and a parser reads the name back as written`, async () => {
    const { text } = await callRoute(`/articles/${slug}/feed.atom`);
    expect(text).not.toContain("<b>");
    expect(text).toContain("<name>&lt;b&gt;&amp;\"'</name>");
    const entry = parseFeed(text).items.find((item) => item.id?.endsWith(`#comment-${ids.hostile}`))!;
    expect(entry.authors[0]?.name).toBe(HOSTILE_NAME);
    expect(entry.authors[0]?.url).toBeNull();
    expect(entry.title).toBe(`Comment by ${HOSTILE_NAME} on ${articleTitle}`);
  });

  it("speaks Spanish with ?lang=es: titles, xml:lang and Content-Language, and links that open the pages in Spanish", async () => {
    const { headers, text } = await callRoute(`/articles/${slug}/feed.atom?lang=es`, { [LOCALE_HEADER]: "es" });
    expect(headers.get("content-language")).toBe("es");
    const root = expectValidAtom(text);
    expect(root.attributes["xml:lang"]).toBe("es");
    const parsed = parseFeed(text);
    expect(parsed.title).toBe(`Comentarios sobre ${articleTitle}`);
    expect(parsed.language).toBe("es");
    expect(parsed.self).toBe(`https://comments.example/articles/${slug}/feed.atom?lang=es`);
    const ana = parsed.items.find((item) => item.id?.endsWith(`#comment-${ids.ana}`))!;
    expect(ana.title).toBe(`Comentario de Ana en ${articleTitle}`);
    // The id stays the same in every language; the link keeps the reader's language.
    expect(ana.id).toBe(`https://comments.example/articles/${slug}#comment-${ids.ana}`);
    expect(ana.url).toBe(`https://comments.example/articles/${slug}?lang=es#comment-${ids.ana}`);
    const picked = parsed.items.find((item) => item.id?.endsWith(`#comment-${ids.edited}`))!;
    expect(picked.categories[0]?.label).toBe("Selección de los editores");
  });

  it("takes a name that is a catalog key literally", async () => {
    const { article } = await createArticle(getDb());
    await createComment(getDb(), article.id, { authorName: "common.close" });
    const parsed = parseFeed((await callRoute(`/articles/${article.slug}/feed.atom`, { [LOCALE_HEADER]: "es" })).text);
    expect(parsed.items[0]?.title).toBe(`Comentario de common.close en ${article.title}`);
  });

  it("serves an article with no comment yet as a valid empty feed dated by the article", async () => {
    const { article } = await createArticle(getDb());
    const { status, text } = await callRoute(`/articles/${article.slug}/feed.atom`);
    expect(status).toBe(200);
    const root = expectValidAtom(text);
    expect(childrenNamed(root, "entry")).toEqual([]);
    expect(onlyChild(root, "updated").text).toBe(article.createdAt.toISOString());
    expect(parseFeed(text).items).toEqual([]);
  });

  it("serves an article whose slug is not ASCII, with its links percent-encoded", async () => {
    const { article } = await createArticle(getDb(), { slug: `café-☕-${Date.now()}` });
    await createComment(getDb(), article.id, { authorName: "Zoé" });
    const { status, text } = await callRoute(`/articles/${encodeURIComponent(article.slug)}/feed.atom`);
    expect(status).toBe(200);
    expect(parseFeed(text).self).toBe(`https://comments.example/articles/${encodeURIComponent(article.slug)}/feed.atom`);
  });

  it(`carries at most ${FEED_ENTRY_LIMIT} entries, the newest`, async () => {
    const { article } = await createArticle(getDb());
    // Older than everything else here, so the site feed's newest stay the same.
    await getDb().comment.createMany({
      data: Array.from({ length: FEED_ENTRY_LIMIT + 5 }, (_, index) => ({ articleId: article.id, authorName: `Many ${index}`, authorEmail: "m@example.org", body: `many ${index}`, bodyHtml: `<p>many ${index}</p>`, status: "approved" as const, createdAt: minuteAt(-1000 + index) })),
    });
    const parsed = parseFeed((await callRoute(`/articles/${article.slug}/feed.atom`)).text);
    expect(parsed.items).toHaveLength(FEED_ENTRY_LIMIT);
    expect(parsed.items[0]?.authors[0]?.name).toBe(`Many ${FEED_ENTRY_LIMIT + 4}`);
    expect(parsed.items.at(-1)?.authors[0]?.name).toBe("Many 5");
  });

  it("reads on past a run of replies under a held comment to fill the feed with visible ones", async () => {
    const db = getDb();
    const { article } = await createArticle(db);
    const visible = [];
    // Older than the comments the site feed's test lists first.
    for (let minute = -500; minute < -497; minute += 1) visible.push(await createComment(db, article.id, { minute, authorName: `Seen ${minute}` }));
    const held = await createComment(db, article.id, { minute: -495, status: "pending" });
    await db.comment.createMany({
      data: Array.from({ length: FEED_ENTRY_LIMIT + 20 }, (_, index) => ({
        articleId: article.id, parentId: held.id, rootId: held.id, depth: 1, authorName: `Unseen ${index}`, authorEmail: "u@example.org", body: `unseen ${index}`, bodyHtml: `<p>unseen ${index}</p>`, status: "approved" as const, createdAt: minuteAt(-490 + index),
      })),
    });
    const { text } = await callRoute(`/articles/${article.slug}/feed.atom`);
    expect(entryIds(text)).toEqual(visible.map((comment) => comment.id).reverse());
    expect(text).not.toContain("Unseen");
  });

  it.each([
    ["an unknown slug", "no-such-article"],
    ["a dot-dot segment", "%2E%2E"],
    ["a slug too long to be one", "x".repeat(300)],
    ["an unknown unicode slug", encodeURIComponent("ünïcødé-☕-\u202E")],
    ["an encoded slash", "a%2Fb"],
    ["a backslash", "a%5Cb"],
  ])("answers %s with a short plain-text 404, never a 500", async (_name, segment) => {
    for (const [locale, words] of [
      ["en", "There is no article at this address"],
      ["es", "No hay ningún artículo en esta dirección"],
    ] as const) {
      const { status, headers, text } = await callRoute(`/articles/${segment}/feed.atom`, { [LOCALE_HEADER]: locale });
      expect(status).toBe(404);
      expect(headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(headers.get("cache-control")).toBe("no-store");
      expect(text).toContain(words);
    }
  });
});

describe("GET /feed.atom", () => {
  it("carries the latest approved comments of the articles the index lists, newest first, and not those of articles embeds created", async () => {
    const db = getDb();
    const { article: other } = await createArticle(db);
    const otherComment = await createComment(db, other.id, { minute: 100, authorName: "Olga", body: "On another article" });
    const { article: embedded } = await createArticle(db);
    await db.article.update({ where: { id: embedded.id }, data: { createdByEmbed: true } });
    await createComment(db, embedded.id, { minute: 200, body: "Said on a page an embed created" });
    const { status, headers, text } = await callRoute("/feed.atom");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe(FEED_CONTENT_TYPE);
    const root = expectValidAtom(text);
    expect(onlyChild(root, "id").text).toBe("https://comments.example/feed.atom");
    expect(text).not.toContain("Said on a page an embed created");
    const listed = entryIds(text);
    expect(listed.slice(0, 6)).toEqual([otherComment.id, ids.underDeleted, ids.edited, ids.replyToAna, ids.hostile, ids.ana]);
    for (const hidden of [heldId, ids.spam, ids.rejected, ids.deleted, ids.erased, ids.underHeld]) expect(listed).not.toContain(hidden);
    const parsed = parseFeed(text);
    expect(parsed.title).toBe("Latest comments · TRANSCEND Media Service (demo)");
    expect(parsed.items[0]?.title).toBe(`Comment by Olga on ${other.title}`);
    expect(parsed.items[0]?.url).toBe(`https://comments.example/articles/${other.slug}#comment-${otherComment.id}`);
    expect(parsed.items).toHaveLength(FEED_ENTRY_LIMIT);
    // The embed's article still has its own feed, as it has its own page.
    expect(parseFeed((await callRoute(`/articles/${embedded.slug}/feed.atom`)).text).items).toHaveLength(1);
  });

  it("speaks Spanish when the request's language is Spanish", async () => {
    const { text } = await callRoute("/feed.atom?lang=es", { [LOCALE_HEADER]: "es" });
    const parsed = parseFeed(text);
    expect(parsed.title).toBe("Últimos comentarios · TRANSCEND Media Service (demo)");
    expect(parsed.language).toBe("es");
    expect(parsed.items.every((item) => item.title?.startsWith("Comentario de "))).toBe(true);
    expect(parsed.url).toBe("https://comments.example/?lang=es");
  });

  it("builds its links on PUBLIC_URL when it is set, its path included", async () => {
    process.env.PUBLIC_URL = "https://public.example/talk/";
    resetEnvCache();
    try {
      const parsed = parseFeed((await callRoute("/feed.atom")).text);
      expect(parsed.self).toBe("https://public.example/talk/feed.atom");
      expect(parsed.items[0]?.id).toMatch(/^https:\/\/public\.example\/talk\/articles\//);
    } finally {
      delete process.env.PUBLIC_URL;
      resetEnvCache();
    }
  });
});

describe("the feeds' keys in the readers' page cache", () => {
  const ask = (url: string, headers: IncomingHttpHeaders = {}, method = "GET") => readReaderPage({ method, url, headers: { host: "comments.example", "x-forwarded-proto": "https", ...headers } });

  it("keys an article's feed by its slug, language and origin, tagged with the thread, whatever else the address holds", () => {
    expect(ask("/articles/a-story/feed.atom")).toEqual({ key: "feed /articles/a-story/feed.atom accept=- https://comments.example", tag: "a-story" });
    expect(ask("/articles/a-story/feed.atom?utm_source=x&cache=1")?.key).toBe(ask("/articles/a-story/feed.atom")?.key);
    expect(ask("/articles/caf%C3%A9/feed.atom", {}, "HEAD")).toEqual({ key: "feed /articles/caf%C3%A9/feed.atom accept=- https://comments.example", tag: "café" });
    expect(ask("/articles/a-story/feed.atom?lang=es")?.key).toBe("feed /articles/a-story/feed.atom lang=es https://comments.example");
    expect(ask("/articles/a-story/feed.atom", { "accept-language": "es-MX" })?.key).toBe("feed /articles/a-story/feed.atom accept=es https://comments.example");
    expect(ask("/articles/a-story/feed.atom", { "x-forwarded-host": "other.example" })?.key).toBe("feed /articles/a-story/feed.atom accept=- https://other.example");
  });

  it("keys the site's feed under a tag every thread's change drops", () => {
    expect(ask("/feed.atom?lang=es")).toEqual({ key: "feed /feed.atom lang=es https://comments.example", tag: SITE_FEED_TAG });
  });

  it.each([["/articles/%E0%A4%A/feed.atom"], ["/articles/%2E%2E/feed.atom"], [`/articles/${"x".repeat(300)}/feed.atom`], ["/articles/a%2Fb/feed.atom"], ["/articles/a/b/feed.atom"]])("leaves %s to Next.js", (url) => {
    expect(ask(url)).toBeNull();
  });
});

describe("the feeds as the production server serves them", () => {
  beforeAll(async () => {
    renders = [];
    // A TTL far longer than the tests: whatever is rendered again here was dropped by a change, not by age.
    const cache = getReaderPageCache({ ttlMs: 10 * 60_000 });
    server = createServer((request, response) => {
      // scripts/server.ts: without a trusted proxy, the forwarded headers describe this server.
      request.headers["x-forwarded-proto"] = "http";
      request.headers["x-forwarded-host"] = request.headers.host ?? "";
      const render = async (incoming: IncomingMessage) => {
        renders.push(incoming.url ?? "");
        return answerAsNext(incoming);
      };
      void tryServeReaderPage(request, response, render, cache)
        .then(async (isServed) => {
          if (!isServed) writeRendered(response, await answerAsNext(request));
        })
        .catch((error: unknown) => {
          response.writeHead(599);
          response.end(String(error));
        });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
    await untilListening();
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("renders a feed once and answers again from memory, with the pages' headers, gzip and brotli, and 304 for the same bytes", async () => {
    const path = `/articles/${slug}/feed.atom`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe(FEED_CONTENT_TYPE);
    expect(first.headers["cache-control"]).toBe(READER_PAGE_CACHE_CONTROL);
    expect(first.headers.vary).toBe("Accept-Language, Accept-Encoding");
    expect(first.headers["content-language"]).toBe("en");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(typeof first.headers.etag).toBe("string");
    expectValidAtom(first.body.toString("utf8"));
    // Links on the origin the request came to.
    expect(parseFeed(first.body.toString("utf8")).self).toBe(`http://127.0.0.1:${port}${path}`);
    const brotli = await get(path, { "accept-encoding": "gzip, deflate, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body).equals(first.body)).toBe(true);
    const gzip = await get(path, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(first.body)).toBe(true);
    const notModified = await get(path, { "if-none-match": first.headers.etag as string });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.headers["cache-control"]).toBe(READER_PAGE_CACHE_CONTROL);
    expect((await get(path, { "if-none-match": brotli.headers.etag as string, "accept-encoding": "br" })).status).toBe(304);
    const head = await get(`${path}?utm_source=reader`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe(first.headers.etag);
    expect(renders.filter((url) => url.startsWith(path))).toEqual([path]);
  });

  it("keeps a copy per language and per origin", async () => {
    const path = `/articles/${slug}/feed.atom`;
    const spanish = await get(path, { "accept-language": "es-ES,es;q=0.9" });
    expect(spanish.headers["content-language"]).toBe("es");
    expect(parseFeed(spanish.body.toString("utf8")).title).toBe(`Comentarios sobre ${articleTitle}`);
    const english = await get(path, { "accept-language": "en" });
    expect(parseFeed(english.body.toString("utf8")).title).toBe(`Comments on ${articleTitle}`);
    const otherHost = await get(path, { host: "comments.example:8443" });
    expect(parseFeed(otherHost.body.toString("utf8")).self).toBe(`http://comments.example:8443${path}`);
    // A language or a host the client names never changes what another reader is sent.
    expect(parseFeed((await get(path)).body.toString("utf8")).self).toBe(`http://127.0.0.1:${port}${path}`);
    const query = await get(`${path}?lang=es`, { [LOCALE_HEADER]: "en" });
    expect(parseFeed(query.body.toString("utf8")).title).toBe(`Comentarios sobre ${articleTitle}`);
  });

  it("shows a moderator's approval at once, in the article's feed and the site's, through the live bus", async () => {
    const articlePath = `/articles/${slug}/feed.atom`;
    const before = await get(articlePath);
    const siteBefore = await get("/feed.atom");
    expect(entryIds(before.body.toString("utf8"))).not.toContain(heldId);
    expect((await get(articlePath, { "if-none-match": before.headers.etag as string })).status).toBe(304);
    const rendersBefore = renders.length;
    const heard = new Promise<void>((resolve) => {
      const stop = getLiveBus().subscribe((message) => {
        if (message.type === "thread" && message.slug === slug) {
          stop();
          resolve();
        }
      });
    });
    await decideComment({ db: getDb(), spamChecker: null, live: getLiveBus() }, { commentId: heldId, action: "approve", moderatorId });
    await heard;
    const after = await get(articlePath, { "if-none-match": before.headers.etag as string });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const afterIds = entryIds(after.body.toString("utf8"));
    // The approved comment, and the replies that hung under it, now show; newest first still.
    expect(afterIds).toEqual([ids.underDeleted, ids.edited, ids.replyToAna, ids.deepUnderHeld, ids.underHeld, heldId, ids.hostile, ids.ana]);
    expectValidAtom(after.body.toString("utf8"));
    const siteAfter = await get("/feed.atom", { "if-none-match": siteBefore.headers.etag as string });
    expect(siteAfter.status).toBe(200);
    expect(entryIds(siteAfter.body.toString("utf8"))).toContain(heldId);
    expect(renders.length - rendersBefore).toBe(2);
    // And it is kept again: the next reader is answered from memory.
    expect((await get(articlePath, { "if-none-match": after.headers.etag as string })).status).toBe(304);
    expect(renders.length - rendersBefore).toBe(2);
  });

  it("answers an unknown or impossible article with the route's plain 404, rendered each time and never kept", async () => {
    const cache = getReaderPageCache();
    const kept = cache.responses.size;
    for (const path of ["/articles/no-such-article/feed.atom", `/articles/${"y".repeat(300)}/feed.atom`, `/articles/${encodeURIComponent("ünïcødé")}/feed.atom`]) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const answer = await get(path);
        expect(answer.status).toBe(404);
        expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
        expect(answer.body.toString("utf8")).toContain("There is no article at this address");
      }
    }
    expect(cache.responses.size).toBe(kept);
  });
});
