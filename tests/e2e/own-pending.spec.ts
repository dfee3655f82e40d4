// Issue #15: a reader never loses sight of what they wrote. A held comment
// stays visible to its author (and to no one else) after a reload, from the
// browser's storage, until a moderator decides; then it goes.
import { expect, request as requestFactory, test, type Page } from "@playwright/test";
import { e2eModerator } from "./accounts";
import { signInThroughApi, unique } from "./dashboard-support";

const slug = "shade-before-air-conditioning";
const OWN_PENDING = "Your comments awaiting moderation";

async function postHeldComment(page: Page, body: string): Promise<string> {
  // The e2e server's flood interval is one second, and every test posts from the same address.
  await page.waitForTimeout(1100);
  await page.goto(`/articles/${slug}`);
  const form = page.getByRole("form", { name: "Post a comment" });
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await form.getByRole("textbox", { name: "Comment" }).fill(body);
  await form.getByRole("textbox", { name: "Name" }).fill(`Reader ${id}`);
  // A first-time commenter is held by default.
  await form.getByRole("textbox", { name: "E-mail" }).fill(`held-${id}@example.net`);
  const captcha = form.getByRole("textbox", { name: /^what number minus \d+ equals -?\d+\?$/i });
  await expect(captcha).toBeEditable();
  const [, a, b] = /minus (\d+) equals (-?\d+)/.exec((await captcha.getAttribute("aria-label")) ?? "") ?? [];
  await captcha.fill(String(Number(a) + Number(b)));
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.request().method() === "POST" && new URL(answer.url()).pathname === `/api/v1/articles/${slug}/comments`),
    form.getByRole("button", { name: "Post comment" }).click(),
  ]);
  expect(response.status()).toBe(201);
  const posted = (await response.json()) as { id: string; status: string; editToken: string };
  expect(posted.status).toBe("pending");
  expect(posted.editToken).not.toBe("");
  await expect(page.getByRole("status").getByText("Your comment is awaiting moderation.")).toBeInViewport();
  return posted.id;
}

test.describe("a reader whose comment is held", () => {
  test("still sees it, marked awaiting moderation, after a reload; nobody else does; it goes once decided", async ({ page, browser, baseURL }) => {
    const body = unique("Shade trees cost less than the cooling they replace, and the council never priced that in.");
    const id = await postHeldComment(page, body);

    await page.reload();
    const own = page.getByRole("region", { name: OWN_PENDING });
    await expect(own.getByRole("article", { name: "Your comment, awaiting moderation" })).toContainText(body);
    await expect(own).toContainText("Awaiting moderation");
    await expect(page.locator(`#comment-${id}`)).toHaveCount(0);
    // The page every reader is served carries none of it: it came from this browser.
    const shared = await (await page.request.get(`/articles/${slug}`)).text();
    expect(shared).not.toContain(body.slice(0, 40));

    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`/articles/${slug}`);
    await expect(strangerPage.getByRole("heading", { name: "Join the discussion!" })).toBeVisible();
    await expect(strangerPage.getByRole("region", { name: OWN_PENDING })).toHaveCount(0);
    await expect(strangerPage.getByText(body)).toHaveCount(0);
    await stranger.close();

    const moderator = await requestFactory.newContext({ baseURL });
    expect(await signInThroughApi(moderator, e2eModerator)).not.toContain("error=");
    const decided = await moderator.post(`/api/v1/moderation/comments/${id}/decision`, { data: { action: "reject" }, headers: { origin: baseURL ?? "" } });
    expect(decided.status()).toBe(200);
    await moderator.dispose();

    await page.reload();
    await expect(page.getByRole("heading", { name: "Join the discussion!" })).toBeVisible();
    await expect(page.getByRole("region", { name: OWN_PENDING })).toHaveCount(0);
    await expect.poll(() => page.evaluate((key) => window.localStorage.getItem(key), `comments:pending:${slug}`)).toBeNull();
  });
});
