import { describe, expect, it } from "vitest";
import { cleanEmbedTitle, cleanEmbedUrl, EMBED_LIMITS, getEmbedSlugCandidates, isPossibleArticleKey, slugify } from "@/lib/embed/embedded-article";
import { isPossibleSlug, MAX_SLUG_LENGTH } from "@/lib/validation/slug";

const site = { allowedOrigins: ["https://news.example"] };

describe("slugify", () => {
  it.each([
    ["Hello, World!", "hello-world"],
    ["Ça va? 2024", "ca-va-2024"],
    ["  --a__b--  ", "a-b"],
    ["post/123", "post-123"],
    ["日本語", ""],
  ])("%s → %s", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe("getEmbedSlugCandidates", () => {
  it("starts with the site key and the article key", () => {
    const [plain, hashed, random] = getEmbedSlugCandidates("demo", "Post 42");
    expect(plain).toBe("demo-post-42");
    expect(hashed).toMatch(/^demo-post-42-[0-9a-f]{10}$/);
    expect(random).toMatch(/^demo-post-42-[0-9a-f]{10}-[0-9a-f]{8}$/);
  });

  it("gives keys that slugify the same different hashed slugs", () => {
    const [plainA, hashedA] = getEmbedSlugCandidates("demo", "a b");
    const [plainB, hashedB] = getEmbedSlugCandidates("demo", "a-b");
    expect(plainA).toBe(plainB);
    expect(hashedA).not.toBe(hashedB);
  });

  it("goes straight to a hash when the key has no letters or digits", () => {
    const candidates = getEmbedSlugCandidates("demo", "日本語");
    expect(candidates).toHaveLength(2);
    expect(candidates[0]).toMatch(/^demo-[0-9a-f]{10}$/);
  });

  it("fits the slug limit and stays a valid slug for the longest key", () => {
    for (const slug of getEmbedSlugCandidates("s".repeat(100), "k".repeat(EMBED_LIMITS.keyMax))) {
      expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
      expect(isPossibleSlug(slug)).toBe(true);
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });
});

describe("cleanEmbedTitle", () => {
  it.each([
    ["  A   title\n\twith breaks ", "A title with breaks"],
    ["Nul\u0000and\u2028separators", "Nul and separators"],
    ["", null],
    ["   \n ", null],
    [undefined, null],
  ])("%j → %j", (input, expected) => {
    expect(cleanEmbedTitle(input)).toBe(expected);
  });

  it("caps the title at 300 characters without splitting a surrogate pair", () => {
    expect(cleanEmbedTitle("x".repeat(1000))).toHaveLength(EMBED_LIMITS.titleMax);
    const cut = cleanEmbedTitle(`${"x".repeat(EMBED_LIMITS.titleMax - 1)}😀tail`);
    expect(cut).toBe("x".repeat(EMBED_LIMITS.titleMax - 1));
  });
});

describe("cleanEmbedUrl", () => {
  it.each([
    ["https://news.example/2024/story?id=1#comments", "https://news.example/2024/story?id=1"],
    ["https://NEWS.example:443/story", "https://news.example/story"],
    ["http://news.example/story", null],
    ["https://other.example/story", null],
    ["javascript:alert(1)//https://news.example", null],
    ["https://user:pw@news.example/story", null],
    [`https://news.example/${"p".repeat(EMBED_LIMITS.urlMax)}`, null],
    ["", null],
    [undefined, null],
  ])("%s → %s", (input, expected) => {
    expect(cleanEmbedUrl(site, input)).toBe(expected);
  });
});

describe("isPossibleArticleKey", () => {
  it.each([
    ["post-42", true],
    ["a/b?c", true],
    ["k".repeat(EMBED_LIMITS.keyMax), true],
    ["k".repeat(EMBED_LIMITS.keyMax + 1), false],
    ["", false],
    ["tab\there", false],
    ["nul\u0000", false],
  ])("%j → %s", (key, expected) => {
    expect(isPossibleArticleKey(key)).toBe(expected);
  });
});
