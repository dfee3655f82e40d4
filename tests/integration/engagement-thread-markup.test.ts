// The readers' thread controls as the server draws them (issue #19): Respect
// under each comment with the site's label, editors' picks in their own
// section on the first page, collapse toggles tied to their lists, long runs
// of replies cut to their first few — and the routes that answer "Show N more
// replies" on the article page and in the framed thread with the same markup.
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getArticleReplies } from "@/app/(site)/articles/[slug]/replies/[commentId]/route";
import { GET as getFrame } from "@/app/embed/[siteKey]/[articleKey]/route";
import { GET as getFrameReplies } from "@/app/embed/[siteKey]/[articleKey]/replies/[commentId]/route";
import { renderThreadHtml } from "@/components/comments/render-thread-html";
import { getThreadPage } from "@/lib/comments/thread";
import { getDb } from "@/lib/db";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { articleRepliesHref } from "@/lib/reader-pages/replies-fragment";
import { createArticle, createComment } from "../support/factories";

const HOST = "https://engagement.example";
const now = new Date("2024-08-12T12:00:00.000Z");

type Comment = Awaited<ReturnType<typeof createComment>>;
let slug: string;
let articleId: string;
let parent: Comment;
let run: Comment[];
let nested: Comment;

beforeAll(async () => {
  const db = getDb();
  ({
    article: { slug, id: articleId },
  } = await createArticle(db));
  parent = await createComment(db, articleId, { authorName: "Ada", body: "The parent of a long run" });
  run = [];
  for (let index = 1; index <= 6; index += 1) run.push(await createComment(db, articleId, { parent, minute: index, authorName: `Replier ${index}`, body: `Reply number ${index}` }));
  nested = await createComment(db, articleId, { parent: run[4]!, minute: 10, authorName: "Nested", body: "A reply inside the hidden part" });
});

/** The first page of the thread as the article page draws it. */
async function renderFirstPage(locale: "en" | "es" = "en", options: { isFirstPage?: boolean } = {}): Promise<string> {
  const page = await getThreadPage(getDb(), slug, { sort: "oldest", limit: 50 });
  return renderThreadHtml({
    comments: page.comments,
    now,
    canReply: true,
    locale,
    respectLabel: null,
    repliesHref: (id) => articleRepliesHref(slug, id, locale),
    isFirstPage: options.isFirstPage ?? true,
    headingLevel: 3,
  });
}

function requestArticleReplies(articleSlug: string, commentId: string, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://comments.test/articles/${articleSlug}/replies/${commentId}`, { headers });
  return getArticleReplies(request, { params: Promise.resolve({ slug: articleSlug, commentId }) });
}

describe("the thread's markup", () => {
  it("draws the first three replies of a long run and a button that fetches the rest, naming how many and which", async () => {
    const html = await renderFirstPage();
    for (const reply of run.slice(0, 3)) expect(html).toContain(`id="comment-${reply.id}"`);
    for (const hidden of [...run.slice(3), nested]) expect(html).not.toContain(`id="comment-${hidden.id}"`);
    const hiddenIds = [run[3]!.id, run[4]!.id, nested.id, run[5]!.id].join(" ");
    expect(html).toContain(
      `<button type="button" class="more-replies" data-more-replies="" data-href="/articles/${slug}/replies/${parent.id}?lang=en" data-hidden-ids="${hiddenIds}" aria-label="Show 4 more replies to Ada">Show 4 more replies</button><p role="status" class="more-replies-status"></p>`,
    );
  });

  it("gives each comment with replies a toggle that controls its replies' list and knows how many it would hide", async () => {
    const html = await renderFirstPage("es");
    expect(html).toContain(
      `<button type="button" class="replies-toggle" data-replies-toggle="" aria-expanded="true" aria-controls="replies-${parent.id}" aria-label="Ocultar respuestas a Ada" data-reply-count="7" data-author-name="Ada"><span class="replies-toggle-label">Ocultar respuestas</span></button><ol id="replies-${parent.id}" class="comment-replies"`,
    );
    expect(html).toContain("Mostrar 4 respuestas más");
  });

  it("puts a Respect toggle, unpressed, with its count and whose comment it is, under every comment but a deleted one; the site may name it", async () => {
    await getDb().comment.update({ where: { id: run[0]!.id }, data: { respectCount: 1234 } });
    let html = await renderFirstPage();
    expect(html).toContain(
      `<button type="button" class="comment-action comment-respect" aria-pressed="false" aria-label="Respect 1,234, comment by Replier 1" data-action="respect"><span class="respect-label">Respect</span> <span class="respect-count">1,234</span></button>`,
    );
    expect(html.match(/data-action="respect"/g)).toHaveLength(4);

    await updateModerationSettings(getDb(), { respectLabel: "Applause" });
    // Deleted by its author; shown because a reply hangs from it.
    await getDb().comment.update({ where: { id: run[4]!.id }, data: { deletedAt: now } });
    try {
      const response = await requestArticleReplies(slug, parent.id, { "x-locale": "es" });
      html = await response.text();
      expect(html).toContain('aria-label="Applause 0, comentario de Replier 4"');
      expect(html).toContain('<span class="respect-label">Applause</span>');
      const deleted = html.slice(html.indexOf(`data-comment-id="${run[4]!.id}"`));
      expect(deleted.slice(0, deleted.indexOf("</div>"))).not.toContain('data-action="respect"');
      expect(html).toContain(`data-comment-id="${nested.id}"`);
    } finally {
      await updateModerationSettings(getDb(), { respectLabel: null });
      await getDb().comment.update({ where: { id: run[4]!.id }, data: { deletedAt: null } });
    }
  });

  it("draws featured top-level comments under “Editors’ picks” first on the first page only, and badges every featured comment in place", async () => {
    const db = getDb();
    const pick = await createComment(db, articleId, { minute: 30, authorName: "Grace", body: "An editors' pick" });
    await db.comment.update({ where: { id: pick.id }, data: { featuredAt: now } });
    await db.comment.update({ where: { id: run[2]!.id }, data: { featuredAt: now } });
    try {
      const html = await renderFirstPage();
      const section = /<section class="editors-picks" aria-labelledby="editors-picks-title"><h3 id="editors-picks-title" class="editors-picks-title">Editors’ picks<\/h3><ol class="comment-thread">([\s\S]*?)<\/ol><\/section>/.exec(html);
      expect(section, html.slice(0, 400)).not.toBeNull();
      expect(section![1]).toContain(`id="comment-${pick.id}"`);
      expect(section![1]).not.toContain(`id="comment-${parent.id}"`);
      expect(html.indexOf("editors-picks")).toBeLessThan(html.indexOf(`id="comment-${parent.id}"`));
      expect(html.match(/<span class="comment-badge comment-badge-pick">Editors’ pick<\/span>/g)).toHaveLength(2);

      const later = await renderFirstPage("en", { isFirstPage: false });
      expect(later).not.toContain("editors-picks");
      expect(later).toContain("Editors’ pick</span>");
    } finally {
      await db.comment.update({ where: { id: run[2]!.id }, data: { featuredAt: null } });
      await db.comment.delete({ where: { id: pick.id } });
    }
  });
});

describe("GET /articles/{slug}/replies/{commentId}", () => {
  it("answers the rest of the run, as the page draws it, cacheable like the page and tagged with its thread", async () => {
    const response = await requestArticleReplies(slug, parent.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=30");
    expect(response.headers.get("vary")).toBe("Accept-Language");
    expect(response.headers.get("x-thread-slug")).toBe(slug);
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    const html = await response.text();
    expect(html.startsWith('<ol class="comment-replies"><li id="comment-')).toBe(true);
    const ids = [...html.matchAll(/<li id="comment-([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual([run[3]!.id, run[4]!.id, nested.id, run[5]!.id]);
    // Same-page permalinks, Reply while open, nested replies in their own list.
    expect(html).toContain(`href="#comment-${run[3]!.id}"`);
    expect(html).toContain('aria-label="Reply to Replier 4"');
    expect(html).toContain(`<ol id="replies-${run[4]!.id}" class="comment-replies" aria-label="Replies to Replier 5">`);
  });

  it("answers an empty list under a comment whose run is short", async () => {
    const response = await requestArticleReplies(slug, run[4]!.id);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<ol class="comment-replies"></ol>');
  });

  it("draws replies at the indentation cap as the page does there: no toggles, deeper ones flat, naming whom they answer", async () => {
    const db = getDb();
    let chain = await createComment(db, articleId, { minute: 40, authorName: "Depth 0" });
    for (let depth = 1; depth <= 4; depth += 1) chain = await createComment(db, articleId, { parent: chain, minute: 40 + depth, authorName: `Depth ${depth}` });
    const deep: Comment[] = [];
    for (let index = 1; index <= 5; index += 1) deep.push(await createComment(db, articleId, { parent: chain, minute: 50 + index, authorName: `Deep ${index}` }));
    await createComment(db, articleId, { parent: deep[4]!, minute: 59, authorName: "Deeper" });
    const html = await (await requestArticleReplies(slug, chain.id)).text();
    expect(html.match(/class="comment-item"/g)).toHaveLength(2);
    expect(html.match(/class="comment-item comment-item-flat"/g)).toHaveLength(1);
    expect(html).toContain("in reply to Deep 5");
    expect(html).not.toContain("replies-toggle");
  });

  describe("refusals", () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const db = getDb();
      const { article: other } = await createArticle(db);
      ids.other = (await createComment(db, other.id)).id;
      const held = await createComment(db, articleId, { status: "pending", minute: 60 });
      ids.held = held.id;
      ids.underHeld = (await createComment(db, articleId, { parent: held, minute: 61 })).id;
    });

    it.each([
      ["an unknown article", () => "no-such-article", () => parent.id, 'No article with slug "no-such-article"', { slug: "no such article" }],
      ["an unknown comment", () => slug, () => "nosuchcomment", 'No comment with id "nosuchcomment"', { commentId: "no such comment" }],
      ["another article's comment", () => slug, () => ids.other!, "other", { commentId: "no such comment" }],
      ["a held comment", () => slug, () => ids.held!, "held", { commentId: "no such comment" }],
      ["a reply under a held comment", () => slug, () => ids.underHeld!, "underHeld", { commentId: "no such comment" }],
    ])("answers 404 for %s, saying what was not found", async (_, slugOf, idOf, message, fields) => {
      const id = idOf();
      const response = await requestArticleReplies(slugOf(), id);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: message in ids ? `No comment with id "${id}"` : message, fields } });
    });
  });
});

describe("the framed thread", () => {
  beforeAll(() => {
    // The frame's route names the built script and style sheet by their content hashes.
    execFileSync("node", ["scripts/build-embed.mjs"], { stdio: "ignore" });
  });

  async function frameArticle(articleKey: string): Promise<{ slug: string; id: string }> {
    await getDb().site.upsert({ where: { key: "engagement" }, create: { key: "engagement", name: "Engagement", allowedOrigins: [HOST] }, update: {} });
    const query = `?url=${encodeURIComponent(`${HOST}/story`)}`;
    const request = new Request(`http://comments.test/embed/engagement/${articleKey}${query}`, { headers: { referer: `${HOST}/story` } });
    expect((await getFrame(request, { params: Promise.resolve({ siteKey: "engagement", articleKey }) })).status).toBe(200);
    return getDb().article.findFirstOrThrow({ where: { externalId: articleKey }, select: { slug: true, id: true } });
  }

  function requestFrameReplies(articleKey: string, commentId: string, query: string): Promise<Response> {
    const request = new Request(`http://comments.test/embed/engagement/${articleKey}/replies/${commentId}${query}`);
    return getFrameReplies(request, { params: Promise.resolve({ siteKey: "engagement", articleKey, commentId }) });
  }

  it("offers every order as a link that keeps the frame's parameters, the shown one marked, and fetches long runs from its own path in its language", async () => {
    const article = await frameArticle("orders");
    const top = await createComment(getDb(), article.id, { authorName: "Uno" });
    for (let index = 1; index <= 5; index += 1) await createComment(getDb(), article.id, { parent: top, minute: index, authorName: `Respuesta ${index}` });
    const query = `?url=${encodeURIComponent(`${HOST}/story`)}&lang=es&theme=dark&sort=best`;
    const request = new Request(`http://comments.test/embed/engagement/orders${query}`, { headers: { referer: `${HOST}/story`, "x-locale": "es" } });
    const html = await (await getFrame(request, { params: Promise.resolve({ siteKey: "engagement", articleKey: "orders" }) })).text();
    const nav = /<nav class="thread-sort" aria-labelledby="thread-sort-label" data-sort-control="">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
    expect(nav).toContain('<span id="thread-sort-label" class="thread-sort-label">Ordenar por</span>');
    const links = [...nav.matchAll(/<a href="([^"]*)" class="thread-sort-option"( aria-current="true")? data-sort="(\w+)">([^<]*)<\/a>/g)].map((match) => ({ href: match[1], current: Boolean(match[2]), sort: match[3], label: match[4] }));
    expect(links.map(({ sort, label, current }) => [sort, label, current])).toEqual([
      ["oldest", "Más antiguos", false],
      ["newest", "Más recientes", false],
      ["best", "Mejores", true],
      ["replies", "Más respuestas", false],
    ]);
    for (const link of links) expect(link.href).toBe(`/embed/engagement/orders?url=${encodeURIComponent(`${HOST}/story`)}&amp;lang=es&amp;theme=dark&amp;sort=${link.sort}`);
    expect(html).toContain(`data-href="/embed/engagement/orders/replies/${top.id}?url=${encodeURIComponent(`${HOST}/story`)}&amp;lang=es"`);
    expect(html).toContain("Mostrar 2 respuestas más");
  });

  it("answers the rest of a run with permalinks to the host page, and never creates an article", async () => {
    const article = await frameArticle("runs");
    const top = await createComment(getDb(), article.id, { authorName: "Top" });
    const replies: Comment[] = [];
    for (let index = 1; index <= 5; index += 1) replies.push(await createComment(getDb(), article.id, { parent: top, minute: index, authorName: `R${index}` }));
    const response = await requestFrameReplies("runs", top.id, `?url=${encodeURIComponent(`${HOST}/story`)}&lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-thread-slug")).toBe(encodeURIComponent(article.slug));
    expect(response.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=30");
    const html = await response.text();
    expect([...html.matchAll(/<li id="comment-([^"]+)"/g)].map((match) => match[1])).toEqual([replies[3]!.id, replies[4]!.id]);
    expect(html).toContain(`href="${HOST}/story#comment-${replies[3]!.id}" target="_top"`);

    // A URL off the site's origins is not a permalink base: the article's own address is.
    const elsewhere = await (await requestFrameReplies("runs", top.id, `?url=${encodeURIComponent("https://evil.example/x")}`)).text();
    expect(elsewhere).not.toContain("evil.example");

    const unknown = await requestFrameReplies("never-loaded", top.id, `?url=${encodeURIComponent(`${HOST}/story`)}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect(await getDb().article.count({ where: { externalId: "never-loaded" } })).toBe(0);
  });
});
