import { describe, expect, it } from "vitest";
import { COUNTS_LIMITS } from "@/lib/embed/counts";
import {
  buildFrameUrl,
  COUNTS_API_LIMITS,
  formatCountText,
  formatFrameTitle,
  HEIGHT_MESSAGE_TYPE,
  MAX_COUNTS_URL_LENGTH,
  MAX_FRAME_HEIGHT,
  planCountRequests,
  readFrameParams,
  readHeightMessage,
  resolveArticleKey,
} from "@/embed/loader-core";

const server = "https://comments.example.com";

describe("resolveArticleKey", () => {
  it.each([
    ["data-article wins", "story-42", "https://news.example/canonical", "https://news.example/page#c", "story-42"],
    ["data-article is trimmed", "  story-42 ", null, "https://news.example/page", "story-42"],
    ["the canonical URL comes next", undefined, "https://news.example/canonical", "https://news.example/page?utm=x", "https://news.example/canonical"],
    ["a blank data-article falls through", "   ", "https://news.example/canonical", "https://news.example/page", "https://news.example/canonical"],
    ["the page address without its hash is last", null, null, "https://news.example/page?id=3#comment-12", "https://news.example/page?id=3"],
    ["an empty canonical falls through", "", "", "https://news.example/page", "https://news.example/page"],
  ])("%s", (_name, dataArticle, canonical, href, expected) => {
    expect(resolveArticleKey(dataArticle, canonical, href)).toBe(expected);
  });
});

describe("buildFrameUrl", () => {
  it("encodes the site and article as path segments and the page as query parameters", () => {
    const url = buildFrameUrl(server, "news", "https://news.example/a/b?x=1&y=2", {
      url: "https://news.example/a/b?x=1&y=2",
      title: "Rates & “bonds” / 2024",
      origin: "https://news.example",
    });
    const parsed = new URL(url);
    expect(parsed.origin).toBe(server);
    expect(parsed.pathname).toBe(`/embed/news/${encodeURIComponent("https://news.example/a/b?x=1&y=2")}`);
    expect(parsed.pathname.split("/")).toHaveLength(4);
    expect(parsed.searchParams.get("url")).toBe("https://news.example/a/b?x=1&y=2");
    expect(parsed.searchParams.get("title")).toBe("Rates & “bonds” / 2024");
    expect(parsed.searchParams.get("origin")).toBe("https://news.example");
  });

  it("leaves out parameters that are missing or empty", () => {
    expect(buildFrameUrl(server, "news", "story-42", { url: null, title: "", origin: "https://news.example" })).toBe(
      `${server}/embed/news/story-42?origin=https%3A%2F%2Fnews.example`,
    );
  });

  it("passes data-signature as the signature parameter", () => {
    const url = new URL(buildFrameUrl(server, "news", "story-42", { url: "https://news.example/a", title: "A", origin: "https://news.example", signature: "ab".repeat(32) }));
    expect(url.searchParams.get("signature")).toBe("ab".repeat(32));
  });

  it("keeps a # in the article key inside the path", () => {
    expect(new URL(buildFrameUrl(server, "news", "a#b", { origin: "https://news.example" })).hash).toBe("");
  });
});

describe("readFrameParams", () => {
  const page = { canonicalHref: "https://news.example/canonical", locationHref: "https://news.example/page#c", documentTitle: "Page title | News", origin: "https://news.example" };

  it("fills a missing data-url and data-title from the page when the embed is not signed", () => {
    expect(readFrameParams({}, page)).toEqual({ url: "https://news.example/canonical", title: "Page title | News", origin: "https://news.example" });
    expect(readFrameParams({}, { ...page, canonicalHref: undefined })).toMatchObject({ url: "https://news.example/page" });
    expect(readFrameParams({ url: "https://news.example/given", title: "Given" }, page)).toMatchObject({ url: "https://news.example/given", title: "Given" });
  });

  it("passes a signed embed's data-url and data-title exactly as given, with the signature: what was signed is what the server checks", () => {
    const signature = "cd".repeat(32);
    expect(readFrameParams({ url: "https://news.example/given", title: " Given ", signature }, page)).toEqual({
      url: "https://news.example/given",
      title: " Given ",
      origin: "https://news.example",
      signature,
    });
    expect(readFrameParams({ signature }, page)).toEqual({ url: undefined, title: undefined, origin: "https://news.example", signature });
  });
});

describe("formatCountText", () => {
  it.each([
    [0, false, "No comments yet"],
    [1, false, "1 comment"],
    [2, false, "2 comments"],
    [1234, false, "1,234 comments"],
    [0, true, "0"],
    [1, true, "1"],
    [57, true, "57"],
  ])("%i (number only: %s) reads %j", (count, isCountOnly, expected) => {
    expect(formatCountText(count, isCountOnly)).toBe(expected);
  });

  it.each([
    [0, "es", "Todavía no hay comentarios"],
    [1, "es", "1 comentario"],
    [12345, "es-MX", "12.345 comentarios"],
    [2, "fr", "2 comments"],
  ])("%i in %s reads %j", (count, lang, expected) => {
    expect(formatCountText(count, false, lang)).toBe(expected);
  });
});

describe("formatFrameTitle and data-lang, data-theme", () => {
  it("names the frame in the embed's language", () => {
    expect(formatFrameTitle("es")).toBe("Comentarios");
    expect(formatFrameTitle(undefined)).toBe("Comments");
  });

  it("puts data-lang and a forced data-theme into the frame's address, and nothing for auto or junk", () => {
    const page = { locationHref: "https://news.example/a", documentTitle: "A", origin: "https://news.example" };
    const url = new URL(buildFrameUrl("https://comments.example", "news", "a", readFrameParams({ lang: "es-ES", theme: "dark" }, page)));
    expect(url.searchParams.get("lang")).toBe("es");
    expect(url.searchParams.get("theme")).toBe("dark");
    const plain = new URL(buildFrameUrl("https://comments.example", "news", "a", readFrameParams({ lang: "<x>", theme: "auto" }, page)));
    expect(plain.searchParams.has("lang")).toBe(false);
    expect(plain.searchParams.has("theme")).toBe(false);
  });
});

describe("readHeightMessage", () => {
  const ours = { contentWindow: { name: "our frame" } };
  const other = { contentWindow: { name: "other frame" } };
  const frames = [other, ours];
  const valid = { origin: server, source: ours.contentWindow, data: { type: HEIGHT_MESSAGE_TYPE, height: 812.4 } };

  it("returns our frame and its height, rounded up", () => {
    expect(readHeightMessage(valid, server, frames)).toEqual({ frame: ours, height: 813 });
  });

  it("caps an absurd height", () => {
    expect(readHeightMessage({ ...valid, data: { type: HEIGHT_MESSAGE_TYPE, height: 1e9 } }, server, frames)?.height).toBe(MAX_FRAME_HEIGHT);
  });

  it.each([
    ["another origin", { ...valid, origin: "https://evil.example" }],
    ["the server's origin with another port", { ...valid, origin: `${server}:8443` }],
    ["a window that is none of our frames", { ...valid, source: { name: "a popup" } }],
    ["no source", { ...valid, source: null }],
    ["another message type", { ...valid, data: { type: "something-else", height: 400 } }],
    ["a string payload", { ...valid, data: "tertulia:height 400" }],
    ["no payload", { ...valid, data: null }],
    ["a height given as text", { ...valid, data: { type: HEIGHT_MESSAGE_TYPE, height: "400" } }],
    ["a negative height", { ...valid, data: { type: HEIGHT_MESSAGE_TYPE, height: -1 } }],
    ["a NaN height", { ...valid, data: { type: HEIGHT_MESSAGE_TYPE, height: Number.NaN } }],
  ])("ignores a message from %s", (_name, event) => {
    expect(readHeightMessage(event, server, frames)).toBeNull();
  });
});

describe("planCountRequests", () => {
  it("asks once per site, each article once, keys encoded", () => {
    const requests = planCountRequests(server, [
      { site: "news", article: "a" },
      { site: "news", article: "b,c" },
      { site: "news", article: "a" },
      { site: "blog", article: "https://blog.example/x?y=1" },
    ]);
    expect(requests).toEqual([
      { site: "news", url: `${server}/api/v1/counts?site=news&articles=a,b%2Cc` },
      { site: "blog", url: `${server}/api/v1/counts?site=blog&articles=https%3A%2F%2Fblog.example%2Fx%3Fy%3D1` },
    ]);
  });

  it("skips targets without a site or an article, or with a key too long to exist", () => {
    const tooLong = "k".repeat(COUNTS_API_LIMITS.keyMaxLength + 1);
    expect(planCountRequests(server, [{ site: "", article: "a" }, { site: "news", article: "" }, { site: "news", article: tooLong }])).toEqual([]);
  });

  it("uses the counts API's own limits", () => {
    expect(COUNTS_API_LIMITS).toEqual(COUNTS_LIMITS);
  });

  it("asks for at most the API's number of keys at once", () => {
    const requests = planCountRequests(server, Array.from({ length: 250 }, (_, index) => ({ site: "news", article: `a${index}` })));
    expect(requests.map((request) => new URL(request.url).searchParams.get("articles")!.split(",").length)).toEqual([100, 100, 50]);
  });

  it("splits a site's articles only when the address would grow too long, losing none", () => {
    const articles = Array.from({ length: 300 }, (_, index) => `article-with-a-long-stable-identifier-${index}`);
    const requests = planCountRequests(server, articles.map((article) => ({ site: "news", article })));
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(request.url.length).toBeLessThanOrEqual(MAX_COUNTS_URL_LENGTH);
    const asked = requests.flatMap((request) => new URL(request.url).searchParams.get("articles")!.split(","));
    expect(asked).toEqual(articles);
  });
});
