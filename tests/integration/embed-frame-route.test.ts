// The framed thread's route: static HTML with the thread, the form and the
// frame's own script and style sheet — and none of the app's JavaScript.
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/embed/[siteKey]/[articleKey]/route";
import { getPostingServices, setPostingServices } from "@/lib/comments/posting-services";
import { getDb } from "@/lib/db";
import { createAkismetClient } from "@/lib/integrations/akismet";
import { createComment } from "../support/factories";

const HOST = "https://frame-route.example";

beforeAll(async () => {
  // The route names the built script and style sheet by their content hashes.
  execFileSync("node", ["scripts/build-embed.mjs"], { stdio: "ignore" });
  await getDb().site.create({ data: { key: "frame-route", name: "Frame route", allowedOrigins: [HOST] } });
});

function requestFrame(articleKey: string, options: { referer?: string; query?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const url = `http://comments.test/embed/frame-route/${encodeURIComponent(articleKey)}${options.query ?? ""}`;
  const request = new Request(url, { headers: { ...(options.referer ? { referer: options.referer } : {}), ...options.headers } });
  return GET(request, { params: Promise.resolve({ siteKey: "frame-route", articleKey: encodeURIComponent(articleKey) }) });
}

describe("GET /embed/{siteKey}/{articleKey}", () => {
  it("creates the article from an allowed page and answers its thread as static HTML", async () => {
    const query = `?url=${encodeURIComponent(`${HOST}/story`)}&title=Story&origin=${encodeURIComponent(HOST)}`;
    const first = await requestFrame("story-1", { referer: `${HOST}/story`, query });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/html; charset=utf-8");
    // The same for every reader, so shared caches may keep it briefly; it depends on the embedding page.
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=30");
    expect(first.headers.get("vary")).toBe("Referer, Accept-Language");
    const article = await getDb().article.findFirstOrThrow({ where: { externalId: "story-1" } });
    // The thread the page shows, for the page cache to drop it when the thread changes.
    expect(first.headers.get("x-thread-slug")).toBe(encodeURIComponent(article.slug));
    const parent = await createComment(getDb(), article.id, { body: "A first comment <b>kept as text</b>", authorName: "Ada" });
    await createComment(getDb(), article.id, { parent, minute: 1, body: "A reply", authorName: "Grace" });

    const html = await (await requestFrame("story-1", { referer: `${HOST}/story`, query })).text();
    expect(html.startsWith('<!DOCTYPE html><html lang="en" data-theme="auto">')).toBe(true);
    expect(html).toContain("2 comments");
    expect(html).toContain("A first comment &lt;b&gt;kept as text&lt;/b&gt;");
    expect(html).toContain(`data-slug="${article.slug}"`);
    expect(html).toContain(`data-parent-origin="${HOST}"`);
    expect(html).toContain(`href="${HOST}/story#comment-${parent.id}" target="_top"`);
    expect(html).toContain('aria-label="Reply to Ada"');
    expect(html).toMatch(/<script src="\/embed-frame\.js\?v=[0-9a-f]{10}" defer="">/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/embed-frame\.css\?v=[0-9a-f]{10}"\/>/);
    // No captcha token in the page every reader shares (the frame script fetches one); no React, no Next.js runtime.
    expect(html).toContain('name="captchaToken" value=""');
    expect(html).toContain("Anti-spam question (loading)");
    expect(html).not.toContain("/_next/");
    expect(html.match(/<script src=/g)).toHaveLength(1);
    // The script's words, as data: the only other script element, which runs nothing.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<script type="application/json" id="frame-settings">{"locale":"en","messages":{');
  });

  // Issue #15: the reader is told of Akismet only when comments are sent to it.
  it("says \"This site uses Akismet\" beside the form only when Akismet is on", async () => {
    const query = `?url=${encodeURIComponent(`${HOST}/story-akismet`)}&origin=${encodeURIComponent(HOST)}`;
    const frame = () => requestFrame("story-akismet", { referer: `${HOST}/story-akismet`, query }).then((response) => response.text());
    const configured = getPostingServices();
    const { secret, akismetBlog } = configured;
    try {
      setPostingServices({ secret, akismetBlog, spamChecker: null });
      const without = await frame();
      expect(without).toContain("data-comment-form");
      expect(without).not.toContain("Akismet");
      setPostingServices({ secret, akismetBlog, spamChecker: createAkismetClient({ key: "frame-key", blog: HOST, host: "127.0.0.1:9", protocol: "http", timeoutMs: 100 }) });
      expect(await frame()).toContain('This site uses Akismet to reduce spam. <a href="/privacy?lang=en">Learn how your comment data is processed</a>.');
    } finally {
      setPostingServices({ secret, akismetBlog, spamChecker: configured.spamChecker });
    }
  });

  it("answers 404 without creating anything for an unknown site, or an unknown article from elsewhere", async () => {
    const unknownSite = await GET(new Request("http://comments.test/embed/no-such-site/a"), { params: Promise.resolve({ siteKey: "no-such-site", articleKey: "a" }) });
    expect(unknownSite.status).toBe(404);
    expect(await unknownSite.text()).toContain("This discussion is not available.");
    const refused = await requestFrame("story-2", { referer: "https://elsewhere.example/story" });
    expect(refused.status).toBe(404);
    expect(refused.headers.get("cache-control")).toBe("private, no-store");
    expect(await getDb().article.count({ where: { externalId: "story-2" } })).toBe(0);
  });

  it("shows a closed thread without a form or Reply, and bad paging as the first page", async () => {
    await requestFrame("story-3", { referer: `${HOST}/story-3`, query: `?url=${encodeURIComponent(`${HOST}/story-3`)}` });
    const article = await getDb().article.update({ where: { slug: (await getDb().article.findFirstOrThrow({ where: { externalId: "story-3" } })).slug }, data: { commentsOpen: false } });
    await createComment(getDb(), article.id, { authorName: "Lin" });
    const html = await (await requestFrame("story-3", { query: "?cursor=not-a-cursor&sort=sideways" })).text();
    expect(html).toContain("Comments are closed for this article.");
    expect(html).not.toContain("data-comment-form");
    expect(html).not.toContain('aria-label="Reply to Lin"');
    expect(html).toContain('aria-label="Report comment by Lin"');
  });

  it("answers 404 for a path segment that is not valid percent-encoding", async () => {
    const response = await GET(new Request("http://comments.test/embed/frame-route/%E0%A4%A"), { params: Promise.resolve({ siteKey: "frame-route", articleKey: "%E0%A4%A" }) });
    expect(response.status).toBe(404);
  });

  // Issue #18: the frame speaks the request's language (proxy.ts stamps it as x-locale) and takes the embed's theme.
  it("writes the whole frame in the request's language: the document, the form, the script's words", async () => {
    const query = `?url=${encodeURIComponent(`${HOST}/story-es`)}&origin=${encodeURIComponent(HOST)}`;
    const html = await (await requestFrame("story-es", { referer: `${HOST}/story-es`, query, headers: { "x-locale": "es" } })).text();
    expect(html.startsWith('<!DOCTYPE html><html lang="es" data-theme="auto">')).toBe(true);
    for (const text of ["<title>Comentarios</title>", "Debate", "¡Únete al debate!", "Publicar comentario", "Correo electrónico", "Pregunta antispam (cargando)", "Todavía no hay comentarios.", '"locale":"es"', "Tu comentario está pendiente de moderación."]) {
      expect(html).toContain(text);
    }
    for (const text of ["Join the discussion", "Post comment", "Never shown publicly", "Anti-spam question"]) expect(html).not.toContain(text);
    // Without a stamp (a direct call), the browser's language still counts.
    expect(await (await requestFrame("story-es", { referer: `${HOST}/story-es`, query, headers: { "accept-language": "es-MX,es;q=0.9" } })).text()).toContain('<html lang="es"');
  });

  it("has its own main landmark and level-one heading, even when refused", async () => {
    const query = `?url=${encodeURIComponent(`${HOST}/story-landmark`)}`;
    const html = await (await requestFrame("story-landmark", { referer: `${HOST}/story-landmark`, query })).text();
    expect(html).toMatch(/<main class="embed-frame"[^>]*>.*<h1 id="discussion-title">Discussion<\/h1>/);
    const refused = await (await requestFrame("story-landmark-refused", { referer: `${HOST}/x`, query: "?url=https%3A%2F%2Felsewhere.example%2Fx", headers: { "x-locale": "es" } })).text();
    expect(refused).toMatch(/<html lang="es".*<main class="embed-frame"><h1 class="visually-hidden">Comentarios<\/h1>/);
    // Why, in the frame's language too.
    expect(refused).toContain("Esta conversación no se puede iniciar aquí: la dirección de la página (data-url) no está en ninguno de los orígenes permitidos del sitio.");
  });

  it.each([
    ["?theme=dark", 'data-theme="dark"', '<meta name="color-scheme" content="dark"/>'],
    ["?theme=light", 'data-theme="light"', '<meta name="color-scheme" content="light"/>'],
    ["?theme=purple", 'data-theme="auto"', '<meta name="color-scheme" content="light dark"/>'],
    ["", 'data-theme="auto"', '<meta name="color-scheme" content="light dark"/>'],
  ])("takes %j as the colour scheme", async (theme, attribute, meta) => {
    const query = `?url=${encodeURIComponent(`${HOST}/story-theme`)}${theme ? `&${theme.slice(1)}` : ""}`;
    const html = await (await requestFrame("story-theme", { referer: `${HOST}/story-theme`, query })).text();
    expect(html).toContain(attribute);
    expect(html).toContain(meta);
  });

  it("links the site's own style sheet after its own, only while it is on one of the site's origins", async () => {
    const query = `?url=${encodeURIComponent(`${HOST}/story-sheet`)}`;
    const site = await getDb().site.update({ where: { key: "frame-route" }, data: { themeStylesheetUrl: `${HOST}/comments.css` } });
    try {
      const html = await (await requestFrame("story-sheet", { referer: `${HOST}/story-sheet`, query })).text();
      expect(html).toMatch(/<link rel="stylesheet" href="\/embed-frame\.css\?v=[0-9a-f]{10}"\/><link rel="stylesheet" href="https:\/\/frame-route\.example\/comments\.css"\/>/);
      await getDb().site.update({ where: { id: site.id }, data: { themeStylesheetUrl: "https://elsewhere.example/comments.css" } });
      expect(await (await requestFrame("story-sheet", { referer: `${HOST}/story-sheet`, query })).text()).not.toContain("elsewhere.example/comments.css");
    } finally {
      await getDb().site.update({ where: { id: site.id }, data: { themeStylesheetUrl: null } });
    }
  });

  it("keeps the embed's language and theme on its sort and paging links", async () => {
    const query = `?url=${encodeURIComponent(`${HOST}/story-links`)}&lang=es&theme=dark`;
    await requestFrame("story-links", { referer: `${HOST}/story-links`, query });
    const article = await getDb().article.findFirstOrThrow({ where: { externalId: "story-links" } });
    await createComment(getDb(), article.id, { authorName: "Uno" });
    await createComment(getDb(), article.id, { authorName: "Dos", minute: 1 });
    const html = await (await requestFrame("story-links", { referer: `${HOST}/story-links`, query, headers: { "x-locale": "es" } })).text();
    expect(html).toMatch(/<a href="[^"]*lang=es&amp;theme=dark&amp;sort=newest" class="thread-sort-option" data-sort="newest">Más recientes<\/a>/);
  });
});
