import { expect, test } from "@playwright/test";

const seedSlug = "an-attack-on-venezuelas-democracy";

test.describe("a reader", () => {
  test("sees the three demo articles, newest first, with comment counts", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Latest articles" })).toBeVisible();
    // Articles that sites embed (the embedding tests make some) are listed too; the demo's three keep their order.
    const demoTitles = [
      "Why Some Newsrooms Are Turning Comments Back On",
      "Shade Before Air Conditioning: Street Trees Cool Cities by up to 4 °C",
      "An Attack on Venezuela’s Democracy",
    ];
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    const titles = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(titles.filter((title) => demoTitles.includes(title))).toEqual(demoTitles);
    const item = (title: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
    await expect(item(demoTitles[2]!).getByRole("link", { name: "11 comments" })).toBeVisible();
    await expect(item(demoTitles[0]!).getByRole("link", { name: "No comments yet" })).toBeVisible();
  });

  test("opens the seed article and sees everything the source site shows", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "An Attack on Venezuela’s Democracy" }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${seedSlug}$`));
    await expect(page.getByRole("heading", { level: 1, name: "An Attack on Venezuela’s Democracy" })).toBeVisible();
    await expect(page.getByText("LATIN AMERICA AND THE CARIBBEAN")).toBeVisible();
    await expect(page.getByText("12 Aug 2024").first()).toBeVisible();
    await expect(page.getByText("Leonardo Flores", { exact: true })).toBeVisible();
    await expect(page.getByText("CodePink - TRANSCEND Media Service")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Disinformation Campaign" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to Original" })).toHaveAttribute("href", "https://www.codepink.org/");
    await expect(page.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveCount(7);
    const share = page.getByRole("navigation", { name: "Share this article" });
    await expect(share.getByRole("link", { name: "Facebook" })).toHaveAttribute("href", /facebook\.com\/sharer/);
    await expect(page.getByRole("complementary", { name: "Disclaimer" })).toContainText("DISCLAIMER:");
    await expect(page.getByRole("heading", { name: "Join the discussion!" })).toBeVisible();
    await expect(page.getByText(/We welcome debate and dissent/).first()).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/article-page.png", fullPage: true });
  });

  test("reads the thread with nested replies and flattened deep replies", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    await expect(page.getByRole("heading", { name: "11 comments" })).toBeVisible();
    const first = page.getByRole("article", { name: "Comment by Marta Quintero" }).first();
    await expect(first).toContainText("the only real test is comparing the copies");
    const replies = page.getByRole("list", { name: "Replies to Marta Quintero" }).first();
    await expect(replies.getByRole("article", { name: "Comment by Daniel Ferreira" }).first()).toContainText("publication is the crux");
    const nested = page.getByRole("list", { name: "Replies to Daniel Ferreira" }).first();
    await expect(nested.getByRole("article", { name: "Comment by Leonor Ruiz" }).first()).toContainText("same scrutiny");
    // Beyond the depth cap of 5 the reply is flat and names whom it answers.
    await expect(page.getByRole("link", { name: "in reply to Tomás Herrera" })).toBeVisible();
    const time = first.locator("time");
    await expect(time).toHaveAttribute("title", "12 Aug 2024, 09:14 UTC");
    await expect(time).toHaveText(/ago$/);
    await page.screenshot({ path: "test-results/screenshots/thread.png", fullPage: false });
  });

  test("gets the thread once in the page: in its HTML, not again in the framework's page data", async ({ request }) => {
    const html = await (await request.get(`/articles/${seedSlug}`)).text();
    const pageData = [...html.matchAll(/<script>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)].map((match) => match[1]).join("");
    expect(pageData.length).toBeGreaterThan(0);
    // Each comment's text once in the document, none in the page data.
    expect(html.match(/the only real test is comparing the copies/g)).toHaveLength(1);
    expect(html.match(/class="comment-body"/g)).toHaveLength(11);
    expect(pageData).not.toContain("comment-body");
    expect(pageData).not.toContain("the only real test is comparing the copies");
  });

  test("sees the thread after arriving without a page load, and after going back, and can reply there", async ({ page }) => {
    await page.goto("/");
    await page.evaluate(() => ((window as unknown as { arrivedWithoutReload: boolean }).arrivedWithoutReload = true));
    await page.getByRole("link", { name: "An Attack on Venezuela’s Democracy" }).click();
    await expect(page.getByRole("heading", { name: "11 comments" })).toBeVisible();
    const thread = page.locator("#comments");
    await expect(thread.getByRole("article", { name: /^Comment by / })).toHaveCount(11);
    // The router brought the page; the document was never reloaded.
    expect(await page.evaluate(() => (window as unknown as { arrivedWithoutReload?: boolean }).arrivedWithoutReload)).toBe(true);
    await page.getByRole("link", { name: "Community guidelines" }).first().click();
    await expect(page).toHaveURL(/\/guidelines$/);
    await page.goBack();
    await expect(thread.getByRole("article", { name: /^Comment by / })).toHaveCount(11);
    const reply = page.getByRole("button", { name: "Reply to Marta Quintero" }).first();
    await reply.click();
    await expect(reply).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("form", { name: "Reply to Marta Quintero" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel reply" }).click();
    await expect(reply).toHaveAttribute("aria-expanded", "false");
    await expect(reply).toBeFocused();
  });

  test("follows a permalink to a comment", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const permalink = page.getByRole("link", { name: /link to the comment by Sam O'Connell$/ });
    const href = await permalink.getAttribute("href");
    expect(href).toMatch(/^#comment-[a-z0-9]+$/);
    await permalink.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    const target = page.locator(href!);
    await expect(target).toBeInViewport();
    await expect(target).toContainText("Strongly disagree with calling this a coup");
    await page.goto(`/articles/${seedSlug}${href}`);
    await expect(page.locator(href!)).toBeInViewport();
  });

  test("sees the empty state on an article without comments", async ({ page }) => {
    await page.goto("/articles/why-newsrooms-turn-comments-back-on");
    await expect(page.getByText("There are no comments so far.")).toBeVisible();
  });

  test("gets a 404 page for an unknown article, and the page survives bad paging input", async ({ page }) => {
    const response = await page.goto("/articles/no-such-article");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "See the latest articles" })).toBeVisible();
    expect((await page.goto("/articles/%E0%A4%A"))?.status()).toBe(404);
    expect((await page.goto("/articles/%00"))?.status()).toBe(404);
    const tolerant = await page.goto(`/articles/${seedSlug}?cursor=%%%garbage&sort=<script>`);
    expect(tolerant?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "11 comments" })).toBeVisible();
  });

  test("reads the guidelines and the privacy page", async ({ page }) => {
    await page.goto("/guidelines");
    await expect(page.getByRole("heading", { name: "Community guidelines", level: 1 })).toBeVisible();
    await expect(page.getByText(/Personal \(ad hominem\) attacks/)).toBeVisible();
    await page.goto("/privacy");
    await expect(page.getByRole("heading", { name: "Akismet" })).toBeVisible();
    await expect(page.getByRole("link", { name: "akismet.com/privacy" })).toHaveAttribute("href", "https://akismet.com/privacy/");
    await expect(page.getByText(/How long we keep it/)).toBeVisible();
  });

  test("gets the JSON API's error shape over HTTP", async ({ page, request }) => {
    const bad = await request.get(`/api/v1/articles/${seedSlug}/comments?limit=0`);
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "validation", fields: { limit: expect.any(String) } } });
    const malformed = await request.get("/api/v1/articles/%E0%A4%A/comments");
    expect(malformed.status()).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "validation", fields: { path: expect.any(String) } } });
    const nul = await request.get("/api/v1/articles/%00/comments");
    expect(nul.status()).toBe(404);
    expect(await nul.json()).toMatchObject({ error: { code: "not_found" } });
    // A NUL byte anywhere a client can put one never reaches PostgreSQL (which refuses it) as a 500.
    const nulReport = await request.post("/api/v1/comments/abc%00def/reports", { data: { reason: "other" } });
    expect(nulReport.status()).toBe(404);
    expect(await nulReport.json()).toMatchObject({ error: { code: "not_found" } });
    const nulParameter = await request.get("/api/v1/counts?site=demo&articles=a%00b");
    expect(nulParameter.status()).toBe(400);
    expect(await nulParameter.json()).toMatchObject({ error: { code: "validation", fields: { articles: expect.stringContaining("NUL") } } });
    const nulBody = await request.post(`/api/v1/articles/${seedSlug}/comments`, { data: { authorName: "A\u0000", authorEmail: "a@example.org", body: "A comment with a NUL.", captchaToken: "x", captchaAnswer: "1" } });
    expect(nulBody.status()).toBe(400);
    expect(await nulBody.json()).toMatchObject({ error: { code: "validation", fields: { authorName: expect.any(String) } } });
    expect((await page.goto("/articles/abc%00def"))?.status()).toBe(404);
    const good = await request.get(`/api/v1/articles/${seedSlug}/comments?limit=2`);
    expect(good.status()).toBe(200);
    const body = await good.json();
    expect(body.article.commentCount).toBe(11);
    expect(body.comments).toHaveLength(2);
  });
});
