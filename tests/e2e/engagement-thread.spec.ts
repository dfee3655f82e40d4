// Issue #19: the readers' thread controls in Chromium, on the article page and
// in the framed thread on a site owner's page — Respect (counted, pressed after
// a reload, taken back by a second press), the orders (best-first follows the
// respects; the reader's choice is remembered when the thread is opened
// again), editors' picks first in a section of their own, collapsing a
// subthread, and "Show N more replies" fetching the rest with the focus on the
// first of them; the new words in Spanish; axe, and screenshots of the thread
// light and dark, on a desktop and a phone.
import { mkdirSync } from "node:fs";
import { expect, request as requestFactory, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { e2eModerator } from "./accounts";
import { expectNoAxeViolations, VIEWPORTS } from "./axe";
import { postComment, signInThroughApi, unique } from "./dashboard-support";
import { e2eSiteKey, hostPorts } from "./embed-hosts";

const allowedHost = `http://127.0.0.1:${hostPorts.allowed}`;
const articleKey = "engagement-thread";
const slug = `${e2eSiteKey}-${articleKey}`;
const articlePath = `/articles/${slug}`;
const hostPage = `${allowedHost}/article.html?keys=${articleKey}`;
const screenshots = "test-results/screenshots";

/** The thread the first test writes: three top-level comments (oldest first), a long run of six replies under the first, one reply under the second. */
const ids = { ana: "", ben: "", cy: "" };
const replierNames = ["Replier One", "Replier Two", "Replier Three", "Replier Four", "Replier Five", "Replier Six"];

type Scope = Page | FrameLocator;

test.describe.configure({ mode: "serial" });

async function moderatorApi(baseURL: string | undefined): Promise<APIRequestContext> {
  const context = await requestFactory.newContext({ baseURL });
  expect(await signInThroughApi(context, e2eModerator)).not.toContain("error=");
  return context;
}

/** The framed thread on the site owner's page. */
async function openFrame(page: Page, query = ""): Promise<FrameLocator> {
  await page.goto(`${hostPage}${query}`);
  const frame = page.frameLocator("iframe").first();
  await expect(frame.locator(".embed-discussion[data-thread-controls]")).toBeAttached();
  return frame;
}

async function openArticle(page: Page, query = ""): Promise<void> {
  await page.goto(`${articlePath}${query}`);
  await expect(page.locator("#comments[data-thread-controls]")).toBeAttached();
}

/** The authors of the top-level comments, in the order shown (editors' picks first). */
async function topLevelAuthors(scope: Scope): Promise<string[]> {
  const labels = await scope.locator(".comment-thread > .comment-item > article.comment").evaluateAll((articles) => articles.map((article) => article.getAttribute("aria-label") ?? ""));
  return labels.map((label) => label.replace(/^Comment by /, ""));
}

/** The frame's own address, once it is in the page. */
async function frameUrl(page: Page): Promise<string> {
  return page.frames().find((frame) => frame.url().includes("/embed/"))?.url() ?? "";
}

/** A subthread collapses and expands (by keyboard too); "Show 3 more replies" fetches the rest and the focus lands on the first of them. */
async function collapseAndShowMore(page: Page, scope: Scope): Promise<void> {
  const benReplies = scope.getByRole("list", { name: "Replies to Ben Okafor" });
  const hide = scope.getByRole("button", { name: "Hide replies to Ben Okafor" });
  await expect(benReplies).toBeVisible();
  await expect(hide).toHaveAttribute("aria-expanded", "true");
  await expect(hide).toHaveAttribute("aria-controls", `replies-${ids.ben}`);
  await hide.click();
  const show = scope.getByRole("button", { name: "Show 1 reply to Ben Okafor" });
  await expect(show).toHaveAttribute("aria-expanded", "false");
  await expect(show).toHaveText("Show 1 reply");
  await expect(benReplies).toBeHidden();
  await show.press("Enter");
  await expect(hide).toBeFocused();
  await expect(hide).toHaveText("Hide replies");
  await expect(benReplies).toBeVisible();

  const anaReplies = scope.getByRole("list", { name: "Replies to Ana Ortega" });
  await expect(anaReplies.getByRole("article")).toHaveCount(3);
  await expect(scope.getByRole("article", { name: "Comment by Replier Four" })).toHaveCount(0);
  const more = scope.getByRole("button", { name: "Show 3 more replies to Ana Ortega" });
  await expect(more).toHaveText("Show 3 more replies");
  const fetched = page.waitForResponse((response) => response.url().includes(`/replies/${ids.ana}`));
  await more.press("Enter");
  expect((await fetched).status()).toBe(200);
  await expect(anaReplies.getByRole("article")).toHaveCount(6);
  await expect(scope.getByRole("article", { name: "Comment by Replier Four" })).toBeFocused();
  await expect(more).toHaveCount(0);
  // Collapsed, the toggle counts the replies it hides, the fetched ones too.
  await scope.getByRole("button", { name: "Hide replies to Ana Ortega" }).click();
  await expect(scope.getByRole("button", { name: "Show 6 replies to Ana Ortega" })).toHaveAttribute("aria-expanded", "false");
}

/** Respects a comment (count +1, pressed), finds it pressed after `reopen`, and takes it back with a second press. */
async function respectAndTakeBack(scope: Scope, reopen: () => Promise<void>, commentId: string, name: string): Promise<void> {
  const named = (count: number) => scope.getByRole("button", { name: `Respect ${count}, comment by ${name}` });
  await expect(named(0)).toHaveAttribute("aria-pressed", "false");
  await named(0).click();
  await expect(named(1)).toHaveAttribute("aria-pressed", "true");
  await expect(named(1)).toHaveText("Respect 1");
  await reopen();
  // The page every reader shares never says who respected what; this browser remembers that its reader did.
  const button = scope.locator(`[data-comment-id="${commentId}"] button[data-action=respect]`);
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await expect(button).toHaveText("Respect 1");
  await button.click();
  await expect(named(0)).toHaveAttribute("aria-pressed", "false");
  await expect(named(0)).toHaveText("Respect 0");
}

/** Respects a comment for good (unless this browser has already). */
async function respect(scope: Scope, name: string): Promise<void> {
  const button = scope.getByRole("button", { name: new RegExp(`^Respect \\d+, comment by ${name}$`) });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
}

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

test("a thread with a long run of replies, published", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  // Loading the host page creates the article (its origin is allowed).
  await page.goto(hostPage);
  await expect(page.frameLocator("iframe").first().locator("main.embed-frame")).toBeVisible();
  const held: string[] = [];
  const post = async (authorName: string, body: string, parentId?: string): Promise<string> => {
    const authorEmail = `${authorName.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.net`;
    const posted = await postComment(page.request, slug, { authorName, authorEmail, body: unique(body), ...(parentId ? { parentId } : {}) });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    if (posted.body.status !== "approved") held.push(posted.body.id!);
    return posted.body.id!;
  };
  const moderator = await moderatorApi(baseURL);
  const approveHeld = async () => {
    for (const id of held.splice(0)) expect((await moderator.post(`/api/v1/moderation/comments/${id}/decision`, { data: { action: "approve" } })).status()).toBe(200);
  };
  ids.ana = await post("Ana Ortega", "Shade trees on the school route made the morning walk bearable again.");
  ids.ben = await post("Ben Okafor", "Our council counted which streets lost the most trees to the last storm.");
  ids.cy = await post("Cy Lindqvist", "The watering schedule matters as much as the planting itself.");
  // Replies go only to published comments.
  await approveHeld();
  for (const [index, name] of replierNames.entries()) await post(name, `Reply number ${index + 1} to the school route story, with a detail of its own.`, ids.ana);
  await post("Bea Reply", "The storm map is on the council's site, under public works.", ids.ben);
  await approveHeld();
  await moderator.dispose();
});

test("on the article page, a subthread collapses and expands, and a long run's rest is fetched with the focus on its first reply", async ({ page }) => {
  // Not all rendered at once: the page every reader loads leaves the run's rest out.
  const html = await (await page.request.get(articlePath)).text();
  expect(html).toContain("Replier Three");
  expect(html).not.toContain("Replier Four");
  await openArticle(page);
  await collapseAndShowMore(page, page);
});

test("in the frame, a subthread collapses and expands, and a long run's rest is fetched with the focus on its first reply", async ({ page }) => {
  const frame = await openFrame(page);
  await collapseAndShowMore(page, frame);
  // The fetched replies' permalinks lead to the host page, as the frame's others do (the run is collapsed by now).
  await expect(frame.locator('article[aria-label="Comment by Replier Five"] a.comment-permalink')).toHaveAttribute("href", new RegExp(`^${allowedHost}/article\\.html#comment-`));
});

test("on the article page, a reader respects a comment, finds it respected after a reload, and takes it back", async ({ page }) => {
  await openArticle(page);
  await respectAndTakeBack(page, () => openArticle(page), ids.ana, "Ana Ortega");
  expect(await page.evaluate(() => window.localStorage.getItem("comments:reader-token"))).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test("on the article page, best-first follows the respects, and the order chosen comes back when the thread is opened again", async ({ page }) => {
  await openArticle(page);
  await respect(page, "Ben Okafor");
  const sort = page.getByRole("navigation", { name: "Sort by" });
  await expect(sort.getByRole("link", { name: "Oldest" })).toHaveAttribute("aria-current", "true");
  expect(await topLevelAuthors(page)).toEqual(["Ana Ortega", "Ben Okafor", "Cy Lindqvist"]);
  await sort.getByRole("link", { name: "Best" }).click();
  await expect(page).toHaveURL(/[?&]sort=best(&|#|$)/);
  await expect(sort.getByRole("link", { name: "Best" })).toHaveAttribute("aria-current", "true");
  await expect(sort.getByRole("link", { name: "Oldest" })).not.toHaveAttribute("aria-current");
  // Ben's comment has the one respect; the others tie, and then the newest comes first.
  await expect.poll(() => topLevelAuthors(page)).toEqual(["Ben Okafor", "Cy Lindqvist", "Ana Ortega"]);

  // Opened again without an order in its address, the thread is shown in the reader's.
  await page.goto(articlePath);
  await expect(page).toHaveURL(/[?&]sort=best(&|#|$)/);
  await expect(page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Best" })).toHaveAttribute("aria-current", "true");
  expect(await topLevelAuthors(page)).toEqual(["Ben Okafor", "Cy Lindqvist", "Ana Ortega"]);
  // Most replies: Ana's seven, then Ben's one.
  await page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Most replies" }).click();
  await expect(page).toHaveURL(/[?&]sort=replies(&|#|$)/);
  await expect.poll(() => topLevelAuthors(page)).toEqual(["Ana Ortega", "Ben Okafor", "Cy Lindqvist"]);

  // The default chosen is remembered too, and stays put.
  await page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Oldest" }).click();
  await expect(page).toHaveURL(/[?&]sort=oldest(&|#|$)/);
  await openArticle(page);
  await page.waitForTimeout(500);
  expect(new URL(page.url()).searchParams.has("sort")).toBe(false);
  expect(await page.evaluate(() => window.localStorage.getItem("comments:sort"))).toBe("oldest");
});

test("in the frame, a reader respects a comment, finds it respected after a reload, and takes it back", async ({ page }) => {
  const frame = await openFrame(page);
  await respectAndTakeBack(frame, async () => void (await openFrame(page)), ids.cy, "Cy Lindqvist");
});

test("in the frame, best-first follows the respects, and the order chosen comes back when the host page is opened again", async ({ page }) => {
  let frame = await openFrame(page);
  await respect(frame, "Ana Ortega");
  await frame.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Best" }).click();
  await expect.poll(() => frameUrl(page)).toMatch(/[?&]sort=best(&|$)/);
  frame = page.frameLocator("iframe").first();
  await expect(frame.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Best" })).toHaveAttribute("aria-current", "true");
  // Ana's and Ben's comments have a respect each: the newer of the two first, then Cy's.
  await expect.poll(() => topLevelAuthors(frame)).toEqual(["Ben Okafor", "Ana Ortega", "Cy Lindqvist"]);

  // The host page embeds the thread without an order; the frame goes to the reader's.
  frame = await openFrame(page);
  await expect.poll(() => frameUrl(page)).toMatch(/[?&]sort=best(&|$)/);
  await expect(frame.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Best" })).toHaveAttribute("aria-current", "true");
  expect(await topLevelAuthors(frame)).toEqual(["Ben Okafor", "Ana Ortega", "Cy Lindqvist"]);
  // The frame kept its own parameters (the host page's address among them).
  expect(new URL(await frameUrl(page)).searchParams.get("url")).toBe(`${allowedHost}/article.html#${articleKey}`);
});

test("in Spanish, the controls say their words in Spanish", async ({ page }) => {
  await openArticle(page, "?lang=es");
  const sort = page.getByRole("navigation", { name: "Ordenar por" });
  await expect(sort.getByRole("link", { name: "Más antiguos" })).toHaveAttribute("aria-current", "true");
  await expect(sort.getByRole("link", { name: "Mejores" })).toHaveAttribute("href", /[?&]sort=best[^#]*[?&]?lang=es|lang=es[^#]*sort=best/);
  await expect(sort.getByRole("link", { name: "Más respuestas" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Respeto \d+, comentario de Ana Ortega$/ })).toHaveAttribute("aria-pressed", "false");
  await page.getByRole("button", { name: "Ocultar respuestas a Ben Okafor" }).click();
  await expect(page.getByRole("button", { name: "Mostrar 1 respuesta a Ben Okafor" })).toHaveText("Mostrar 1 respuesta");
  await expect(page.getByRole("button", { name: "Mostrar 3 respuestas más a Ana Ortega" })).toHaveText("Mostrar 3 respuestas más");

  const frame = await openFrame(page, "&lang=es");
  await expect(frame.getByRole("button", { name: "Mostrar 3 respuestas más a Ana Ortega" })).toBeVisible();
  await frame.getByRole("button", { name: "Mostrar 3 respuestas más a Ana Ortega" }).click();
  await expect(frame.getByRole("article", { name: "Comentario de Replier Four" })).toBeFocused();
  await expect(frame.getByRole("button", { name: /^Respeto \d+, comentario de Replier Four$/ })).toBeVisible();
});

test("a comment a moderator features is shown first, under “Editors’ picks”, on the article page and in the frame", async ({ page, baseURL }) => {
  const moderator = await moderatorApi(baseURL);
  const featured = await moderator.post(`/api/v1/moderation/comments/${ids.cy}/feature`, { data: { featured: true } });
  expect(featured.status()).toBe(200);
  expect(await featured.json()).toEqual({ id: ids.cy, featured: true });
  await moderator.dispose();

  const expectPicked = async (scope: Scope) => {
    const picks = scope.getByRole("region", { name: "Editors’ picks" });
    await expect(picks.getByRole("article", { name: "Comment by Cy Lindqvist" })).toBeVisible();
    await expect(picks.getByRole("article", { name: "Comment by Cy Lindqvist" }).getByText("Editors’ pick", { exact: true })).toBeVisible();
    expect(await topLevelAuthors(scope)).toEqual(["Cy Lindqvist", "Ana Ortega", "Ben Okafor"]);
  };
  await openArticle(page);
  await expectPicked(page);
  await expectPicked(await openFrame(page));
});

test("the thread's controls pass axe, and look right light and dark, on a desktop and a phone", async ({ page }) => {
  test.setTimeout(90_000);
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await openArticle(page);
      await respect(page, "Ana Ortega");
      await page.getByRole("button", { name: "Hide replies to Ben Okafor" }).click();
      await expect(page.getByRole("button", { name: "Show 3 more replies to Ana Ortega" })).toBeVisible();
      await expectNoAxeViolations(page, `the article's thread with its controls (${colorScheme}, ${width})`);
      await page.locator("[data-static-thread]").screenshot({ path: `${screenshots}/engagement-thread-${width}-${colorScheme}.png` });
    }
  }
});
