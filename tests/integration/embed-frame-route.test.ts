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

function requestFrame(articleKey: string, options: { referer?: string; query?: string } = {}): Promise<Response> {
  const url = `http://comments.test/embed/frame-route/${encodeURIComponent(articleKey)}${options.query ?? ""}`;
  const request = new Request(url, { headers: options.referer ? { referer: options.referer } : {} });
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
    expect(first.headers.get("vary")).toBe("Referer");
    const article = await getDb().article.findFirstOrThrow({ where: { externalId: "story-1" } });
    // The thread the page shows, for the page cache to drop it when the thread changes.
    expect(first.headers.get("x-thread-slug")).toBe(encodeURIComponent(article.slug));
    const parent = await createComment(getDb(), article.id, { body: "A first comment <b>kept as text</b>", authorName: "Ada" });
    await createComment(getDb(), article.id, { parent, minute: 1, body: "A reply", authorName: "Grace" });

    const html = await (await requestFrame("story-1", { referer: `${HOST}/story`, query })).text();
    expect(html.startsWith("<!DOCTYPE html><html lang=\"en\">")).toBe(true);
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
    expect(html.match(/<script/g)).toHaveLength(1);
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
      expect(await frame()).toContain('This site uses Akismet to reduce spam. <a href="/privacy">Learn how your comment data is processed</a>.');
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
});
