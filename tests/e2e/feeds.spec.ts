// Issue #19: readers and feed readers find the comment feeds from the pages —
// the head's Atom link (autodiscovery) and the "Comments feed" link by the
// thread's heading — and the address they find answers with the feed.
import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, test, type APIRequestContext } from "@playwright/test";

const seedSlug = "shade-before-air-conditioning";
const seedTitle = "Shade Before Air Conditioning: Street Trees Cool Cities by up to 4 °C";

async function fetchFeed(request: APIRequestContext, href: string) {
  const response = await request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  return parseFeed(await response.text());
}

test.describe("the comment feeds", () => {
  test("an article page announces its comments' feed in the head and links it by the thread's heading", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const announced = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    await expect(announced).toHaveAttribute("href", `/articles/${seedSlug}/feed.atom`);
    await expect(announced).toHaveAttribute("title", "Comments on this article (Atom feed)");
    const discussion = page.getByRole("region", { name: /comments|Discussion/ });
    const link = discussion.getByRole("link", { name: "Comments feed" });
    await expect(link).toHaveAttribute("href", `/articles/${seedSlug}/feed.atom`);
    const feed = await fetchFeed(page.request, (await link.getAttribute("href"))!);
    expect(feed.title).toBe(`Comments on ${seedTitle}`);
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items[0]!.url).toMatch(new RegExp(`/articles/${seedSlug}#comment-`));
  });

  test("in Spanish, the page's feed links keep the language and the feed speaks it", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}?lang=es`);
    await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("title", "Comentarios de este artículo (canal Atom)");
    const link = page.getByRole("link", { name: "Canal de comentarios" });
    await expect(link).toHaveAttribute("href", `/articles/${seedSlug}/feed.atom?lang=es`);
    const feed = await fetchFeed(page.request, (await link.getAttribute("href"))!);
    expect(feed.title).toBe(`Comentarios sobre ${seedTitle}`);
    expect(feed.items[0]!.title).toMatch(/^Comentario de /);
  });

  test("the index announces the site's feed of the latest comments", async ({ page }) => {
    await page.goto("/");
    const announced = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    await expect(announced).toHaveAttribute("href", "/feed.atom");
    await expect(announced).toHaveAttribute("title", "Latest comments (Atom feed)");
    const feed = await fetchFeed(page.request, "/feed.atom");
    expect(feed.title).toMatch(/^Latest comments · /);
    expect(feed.items.length).toBeGreaterThan(0);
  });
});
