import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { EMBED_LIMITS, resolveEmbeddedArticle } from "@/lib/embed/embedded-article";
import { frameAncestorsFor, getParentOrigin, getRequestOrigin } from "@/lib/embed/frame-policy";
import { clearFramePolicyCache, FRAME_POLICY_TTL_MS, getFramePolicy, requireSite, type EmbedSite } from "@/lib/embed/sites";
import { AppError } from "@/lib/errors";
import { MAX_SLUG_LENGTH } from "@/lib/validation/slug";

const HOST = "https://news.example";
let site: EmbedSite;
let otherSite: EmbedSite;

beforeAll(async () => {
  const db = getDb();
  await db.site.create({ data: { key: "frame-news", name: "News", allowedOrigins: [HOST, "http://127.0.0.1:3331"] } });
  await db.site.create({ data: { key: "frame-other", name: "Other", allowedOrigins: ["https://other.example"] } });
  site = await requireSite(db, "frame-news");
  otherSite = await requireSite(db, "frame-other");
});

async function expectAppError(work: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const expectNotFound = (work: Promise<unknown>) => expectAppError(work, "not_found");

const countArticles = (externalId: string, siteId = site.id) => getDb().article.count({ where: { siteId, externalId } });

describe("requireSite", () => {
  it("finds a site by key", async () => {
    expect(site).toMatchObject({ key: "frame-news", name: "News", allowedOrigins: [HOST, "http://127.0.0.1:3331"] });
  });

  it.each([["no-such-site"], [""], ["x".repeat(101)], ["a/b"], ["nul\u0000"]])("answers not_found for %j", async (key) => {
    await expectNotFound(requireSite(getDb(), key));
  });
});

describe("resolveEmbeddedArticle", () => {
  it("creates an unknown article for an allowed origin, with the page's URL and title", async () => {
    const before = Date.now();
    const { article, created } = await resolveEmbeddedArticle(getDb(), {
      site,
      articleKey: "Story 1",
      url: `${HOST}/2024/story-1?ref=home#comments`,
      title: "  Story   one ",
      requestOrigin: HOST,
    });
    expect(created).toBe(true);
    expect(article).toMatchObject({ slug: "frame-news-story-1", title: "Story one", url: `${HOST}/2024/story-1?ref=home` });
    const stored = await getDb().article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored).toMatchObject({ siteId: site.id, externalId: "Story 1", commentsOpen: true, preModerate: false, body: "", tags: [] });
    expect(stored.publishedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("finds an existing article from any origin, or none, without changing it", async () => {
    for (const requestOrigin of [HOST, "https://evil.example", null]) {
      const { article, created } = await resolveEmbeddedArticle(getDb(), { site, articleKey: "Story 1", title: "Renamed", url: `${HOST}/elsewhere`, requestOrigin });
      expect(created).toBe(false);
      expect(article).toMatchObject({ slug: "frame-news-story-1", title: "Story one" });
    }
    expect(await countArticles("Story 1")).toBe(1);
  });

  it("creates one article when first loads race", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => resolveEmbeddedArticle(getDb(), { site, articleKey: "busy-story", title: "Busy", url: `${HOST}/busy`, requestOrigin: HOST })),
    );
    expect(await countArticles("busy-story")).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.article.id)).size).toBe(1);
  });

  it.each([
    ["another site's origin", "https://other.example"],
    ["a look-alike origin", "https://news.example.evil"],
    ["the right host on another scheme", "http://news.example"],
    ["the right host on another port", "https://news.example:8443"],
    ["no origin", null],
  ])("does not create an article for %s", async (_label, requestOrigin) => {
    const key = `refused-${requestOrigin ?? "none"}`;
    await expectNotFound(resolveEmbeddedArticle(getDb(), { site, articleKey: key, url: `${HOST}/x`, title: "X", requestOrigin }));
    expect(await countArticles(key)).toBe(0);
  });

  it("does not trust the query's origin without a Referer from it", async () => {
    // The page's claim (?origin=) is allowed, but the Referer is missing or from elsewhere.
    for (const referer of [null, "https://evil.example/page"]) {
      const requestOrigin = getRequestOrigin(referer);
      await expectNotFound(resolveEmbeddedArticle(getDb(), { site, articleKey: "claimed-only", url: `${HOST}/claimed`, requestOrigin }));
      // The claim may still name where the frame posts its height: frame-ancestors already holds the parent to the site's origins.
      expect(getParentOrigin(site, { requestOrigin, claimedOrigin: HOST })).toBe(HOST);
    }
    expect(await countArticles("claimed-only")).toBe(0);
    const { created } = await resolveEmbeddedArticle(getDb(), { site, articleKey: "claimed-only", url: `${HOST}/claimed`, requestOrigin: getRequestOrigin(`${HOST}/claimed`) });
    expect(created).toBe(true);
  });

  it("keeps keys of one site apart from another's", async () => {
    await resolveEmbeddedArticle(getDb(), { site: otherSite, articleKey: "shared-key", url: "https://other.example/shared", requestOrigin: "https://other.example" });
    const { article, created } = await resolveEmbeddedArticle(getDb(), { site, articleKey: "shared-key", url: `${HOST}/shared`, requestOrigin: HOST });
    expect(created).toBe(true);
    expect(article.slug).toBe("frame-news-shared-key");
    expect(await countArticles("shared-key", otherSite.id)).toBe(1);
  });

  it("gives keys that slugify alike their own slugs", async () => {
    const first = await resolveEmbeddedArticle(getDb(), { site, articleKey: "Same Slug", url: `${HOST}/same-1`, requestOrigin: HOST });
    const second = await resolveEmbeddedArticle(getDb(), { site, articleKey: "same-slug", url: `${HOST}/same-2`, requestOrigin: HOST });
    expect(first.article.slug).toBe("frame-news-same-slug");
    expect(second.article.slug).toMatch(/^frame-news-same-slug-[0-9a-f]{10}$/);
  });

  it.each([
    ["no title: the URL", { url: `${HOST}/untitled`, title: "   " }, { url: `${HOST}/untitled`, title: `${HOST}/untitled` }],
    ["an over-long title: cut to 300", { url: `${HOST}/long`, title: "t".repeat(5000) }, { url: `${HOST}/long`, title: "t".repeat(EMBED_LIMITS.titleMax) }],
  ])("validates what the page says: %s", async (label, given, expected) => {
    const { article } = await resolveEmbeddedArticle(getDb(), { site, articleKey: `validated ${label}`, ...given, requestOrigin: HOST });
    expect(article).toMatchObject(expected);
  });

  // Before issue #13 item 4 these created the article with the site's origin as its URL; now an article needs its page's URL.
  it.each([
    ["no URL", undefined, "validation", /gives no address \(data-url\)/],
    ["a URL on another origin", "https://evil.example/page", "forbidden", /is not on one of the site's allowed origins/],
    ["a javascript: URL", "javascript:alert(1)", "forbidden", /is not on one of the site's allowed origins/],
    ["an over-long URL", `${HOST}/${"p".repeat(EMBED_LIMITS.urlMax)}`, "validation", /is longer than 2,048 characters/],
  ] as const)("creates nothing for %s, saying why", async (label, url, code, message) => {
    const key = `refused ${label}`;
    const error = await expectAppError(resolveEmbeddedArticle(getDb(), { site, articleKey: key, url, title: "T", requestOrigin: HOST }), code);
    expect(error.message).toMatch(message);
    expect(await countArticles(key)).toBe(0);
  });

  it("accepts a key of 200 characters with a slug within the limit, and refuses a longer one", async () => {
    const longKey = "k".repeat(EMBED_LIMITS.keyMax);
    const { article } = await resolveEmbeddedArticle(getDb(), { site, articleKey: longKey, url: `${HOST}/long-key`, requestOrigin: HOST });
    expect(article.slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    await expectNotFound(resolveEmbeddedArticle(getDb(), { site, articleKey: `${longKey}k`, url: `${HOST}/long-key`, requestOrigin: HOST }));
    await expectNotFound(resolveEmbeddedArticle(getDb(), { site, articleKey: "", url: `${HOST}/empty-key`, requestOrigin: HOST }));
    await expectNotFound(resolveEmbeddedArticle(getDb(), { site, articleKey: "bad\u0000key", url: `${HOST}/bad-key`, requestOrigin: HOST }));
    expect(await getDb().article.count({ where: { siteId: site.id, externalId: { startsWith: `${longKey}k` } } })).toBe(0);
  });
});

describe("frameAncestorsFor and getFramePolicy", () => {
  it("names the site's allowed origins", () => {
    expect(frameAncestorsFor(site)).toBe(`frame-ancestors 'self' ${HOST} http://127.0.0.1:3331`);
  });

  it("answers 'self' alone for an unknown site", async () => {
    clearFramePolicyCache();
    expect(await getFramePolicy(getDb(), "no-such-site")).toBe("frame-ancestors 'self'");
  });

  it("picks up a change to the allowed origins once the cache expires", async () => {
    clearFramePolicyCache();
    const db = getDb();
    const key = "frame-changing";
    await db.site.create({ data: { key, name: "Changing", allowedOrigins: ["https://a.example"] } });
    const now = Date.now();
    expect(await getFramePolicy(db, key, now)).toBe("frame-ancestors 'self' https://a.example");
    await db.site.update({ where: { key }, data: { allowedOrigins: ["https://b.example", "https://bad.example; script-src *"] } });
    expect(await getFramePolicy(db, key, now + 1)).toBe("frame-ancestors 'self' https://a.example");
    expect(await getFramePolicy(db, key, now + FRAME_POLICY_TTL_MS + 1)).toBe("frame-ancestors 'self' https://b.example");
  });
});
