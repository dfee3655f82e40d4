// Live updates in Chromium: a reader sees "1 new comment — show" within 3 s of
// a moderator approving one, without the page moving under them; the stream
// pauses in a hidden tab and catches up when it is shown again; the
// dashboard's queue counts follow new comments without a reload.
import { mkdirSync } from "node:fs";
import { expect, request as requestFactory, test, type APIRequestContext, type Page } from "@playwright/test";
import { e2eModerator, type E2eAccount } from "./accounts";
import { postComment, signInThroughApi, unique } from "./dashboard-support";

// The article whose count other specs do not assert (reader.spec.ts counts the seed article's comments).
const slug = "shade-before-air-conditioning";
const screenshots = "test-results/screenshots";

function newcomer(): { authorName: string; authorEmail: string } {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { authorName: `Reader ${id}`, authorEmail: `reader-${id}@example.net` };
}

async function moderatorApi(baseURL: string | undefined, account: E2eAccount = e2eModerator): Promise<APIRequestContext> {
  const context = await requestFactory.newContext({ baseURL });
  expect(await signInThroughApi(context, account)).not.toContain("error=");
  return context;
}

/** A newcomer's comment, held for a first look; returns its id and text. */
async function postPending(request: APIRequestContext, text: string): Promise<string> {
  const posted = await postComment(request, slug, { ...newcomer(), body: text });
  expect(posted.body.status).toBe("pending");
  return posted.body.id!;
}

async function approve(moderator: APIRequestContext, id: string): Promise<void> {
  const response = await moderator.post(`/api/v1/moderation/comments/${id}/decision`, { data: { action: "approve" } });
  expect(response.status()).toBe(200);
}

/** Plays the browser hiding or showing the tab. */
async function setTabHidden(page: Page, isHidden: boolean): Promise<void> {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event("visibilitychange"));
  }, isHidden);
}

/** Where the reader is: the scroll offset and where two elements sit in the window. */
async function readingPosition(page: Page): Promise<{ scrollY: number; paragraphTop: number; discussionTop: number }> {
  return page.evaluate(() => ({
    scrollY: window.scrollY,
    paragraphTop: document.querySelector(".article-body p:nth-of-type(3)")!.getBoundingClientRect().top,
    discussionTop: document.getElementById("discussion-title")!.getBoundingClientRect().top,
  }));
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

test("a reader sees “1 new comment — show” within 3 s of an approval, without the page moving, and shows it", async ({ page, baseURL }) => {
  const moderator = await moderatorApi(baseURL);
  const text = unique("Street trees on our block cut the afternoon heat noticeably this summer.");
  const id = await postPending(page.request, text);

  await page.goto(`/articles/${slug}`);
  const notice = page.locator(".live-notice");
  await expect(notice).toHaveAttribute("data-live-state", "live");
  await expect(notice).toHaveAttribute("role", "status");
  // Reading the middle of the article.
  await page.locator(".article-body p").nth(2).evaluate((paragraph) => paragraph.scrollIntoView({ block: "start" }));
  await page.waitForFunction(() => window.scrollY > 0);
  const before = await readingPosition(page);

  const approvedAt = Date.now();
  await approve(moderator, id);
  const pill = page.getByRole("button", { name: "1 new comment — show" });
  await expect(pill).toBeVisible({ timeout: 3_000 });
  expect(Date.now() - approvedAt).toBeLessThan(3_000);
  await expect(page.getByRole("status").filter({ has: pill })).toBeVisible();
  expect(await readingPosition(page)).toEqual(before);
  await expect(page.getByText(text)).toHaveCount(0);
  await page.screenshot({ path: `${screenshots}/live-new-comments-pill.png` });

  await pill.click();
  await expect(page.getByText(text)).toBeVisible();
  await expect(pill).toHaveCount(0);
  await expect.poll(async () => page.evaluate(() => Math.abs(document.getElementById("comments")!.getBoundingClientRect().top))).toBeLessThan(5);
  await moderator.dispose();
});

test("the stream pauses in a hidden tab and catches up when the tab is shown", async ({ page, baseURL }) => {
  const moderator = await moderatorApi(baseURL);
  const first = await postPending(page.request, unique("A second question about the watering rota."));
  const second = await postPending(page.request, unique("And a third: which species coped best?"));

  await page.goto(`/articles/${slug}`);
  const notice = page.locator(".live-notice");
  await expect(notice).toHaveAttribute("data-live-state", "live");
  await setTabHidden(page, true);
  await expect(notice).toHaveAttribute("data-live-state", "paused");

  await approve(moderator, first);
  await approve(moderator, second);
  // Nothing arrives while hidden: the stream is closed.
  await page.waitForTimeout(1_500);
  await expect(page.getByRole("button", { name: /new comments? — show/ })).toHaveCount(0);

  await setTabHidden(page, false);
  await expect(notice).toHaveAttribute("data-live-state", "live");
  await expect(page.getByRole("button", { name: "2 new comments — show" })).toBeVisible({ timeout: 3_000 });
  await moderator.dispose();
});

test("after losing the network the stream reconnects and catches up", async ({ page, context, baseURL }) => {
  const moderator = await moderatorApi(baseURL);
  const id = await postPending(moderator, unique("Posted while the reader was offline."));
  // The reader's connection to the stream fails at the network level until it comes back.
  let isNetworkDown = true;
  await page.route("**/api/v1/articles/*/events", (route) => (isNetworkDown ? route.abort("internetdisconnected") : route.fallback()));
  await page.goto(`/articles/${slug}`);
  const notice = page.locator(".live-notice");
  await expect(notice).toHaveAttribute("data-live-state", /connecting|offline/);
  await approve(moderator, id);
  await page.waitForTimeout(500);
  await expect(page.getByRole("button", { name: /new comments? — show/ })).toHaveCount(0);

  isNetworkDown = false;
  // The browser announces it is back online.
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(notice).toHaveAttribute("data-live-state", "live", { timeout: 5_000 });
  await expect(page.getByRole("button", { name: "1 new comment — show" })).toBeVisible({ timeout: 3_000 });
  await moderator.dispose();
});

test("a stream the server refuses is retried with backoff until it is accepted", async ({ page }) => {
  // A 503 makes EventSource give up for good (readyState CLOSED): the page must try again itself.
  let refusals = 0;
  await page.route("**/api/v1/articles/*/events", (route) => {
    if (refusals >= 2) return route.fallback();
    refusals += 1;
    return route.fulfill({ status: 503, contentType: "application/json", body: "{}" });
  });
  await page.goto(`/articles/${slug}`);
  const notice = page.locator(".live-notice");
  await expect(notice).toHaveAttribute("data-live-state", "offline");
  await expect(notice).toHaveAttribute("data-live-state", "live", { timeout: 8_000 });
  expect(refusals).toBe(2);
});

test("the dashboard's queue counts follow a new comment without a reload", async ({ page }) => {
  await page.goto("/login?callbackUrl=/moderation");
  await page.getByLabel("E-mail").fill(e2eModerator.email);
  await page.getByLabel("Password").fill(e2eModerator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/moderation");

  const nav = page.getByRole("navigation", { name: "Moderation" });
  await expect(nav.locator("[data-live-state]")).toHaveAttribute("data-live-state", "live");
  const pendingCount = nav.getByRole("link", { name: /^Pending/ }).locator(".mod-count");
  const before = Number(await pendingCount.textContent());

  await postPending(page.request, unique("Does shade from trees help at night as well?"));
  await expect(pendingCount).toHaveText(String(before + 1), { timeout: 3_000 });
  await expect(pendingCount).toHaveAttribute("aria-label", `${before + 1} comments`);
});
