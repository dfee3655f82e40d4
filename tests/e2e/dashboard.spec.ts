// A moderator's day in Chromium: sign in, see why a comment was held, decide
// by keyboard, by click and in bulk, ban an author, change a setting; each
// decision checked where it lands (the thread, Akismet, the next post).
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { guaranteedSpamAuthor, guaranteedSpamEmail } from "../support/akismet-stand-in";
import { e2eAdmin, e2eModerator, type E2eAccount } from "./accounts";
import { akismetRequests, postComment, unique } from "./dashboard-support";

const seedSlug = "an-attack-on-venezuelas-democracy";
const otherSlug = "shade-before-air-conditioning";
const akismetPort = Number(process.env.E2E_PORT ?? 3100) + 99;
const screenshots = "test-results/screenshots";

async function signIn(page: Page, account: E2eAccount): Promise<void> {
  await page.goto("/login?callbackUrl=/moderation/queue/pending");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/moderation/queue/pending");
}

function newcomer(): { authorName: string; authorEmail: string } {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { authorName: `Reader ${id}`, authorEmail: `reader-${id}@example.net` };
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

test("a held personal attack shows its evidence, and approving it by keyboard publishes it", async ({ page }) => {
  // Marta has approved comments, so only the rule queue can hold this.
  const text = unique("You are a pathetic idiot and a paid liar, Flores.");
  const posted = await postComment(page.request, otherSlug, { authorName: "Marta Quintero", authorEmail: "marta.quintero@example.org", body: text });
  expect(posted.body.status).toBe("pending");

  await signIn(page, e2eModerator);
  const card = page.getByRole("article", { name: "Comment by Marta Quintero" }).filter({ hasText: text.slice(-12) });
  await expect(card).toBeVisible();
  await expect(card.locator("mark").first()).toHaveText("You are a pathetic idiot and a paid liar");
  await expect(card).toContainText("Personal attack");
  await page.screenshot({ path: `${screenshots}/queue-pending.png`, fullPage: true });

  // The newest comment is first: j focuses it, a approves it.
  await page.keyboard.press("j");
  await expect(card).toBeFocused();
  // The card leaves at once (optimistic); the decision itself is the request that must finish before we look at the thread.
  const decided = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/decision") && response.request().method() === "POST");
  await page.keyboard.press("a");
  await expect(card).toHaveCount(0);
  expect((await decided).status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "Approved" }).first()).toBeVisible();

  await page.goto(`/articles/${otherSlug}`);
  await expect(page.getByText(text)).toBeVisible();
});

test("Not spam on a spam-trigger comment reports submit-ham to Akismet", async ({ page }) => {
  const text = unique("Totally legitimate comment about shade and trees.");
  const posted = await postComment(page.request, otherSlug, { authorName: guaranteedSpamAuthor, authorEmail: guaranteedSpamEmail, body: text });
  expect(posted.body.status).toBe("pending");

  await signIn(page, e2eModerator);
  await page.goto("/moderation/queue/spam");
  const card = page.getByRole("article", { name: `Comment by ${guaranteedSpamAuthor}` }).filter({ hasText: text.slice(-12) });
  const decided = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/decision") && response.request().method() === "POST");
  await card.getByRole("button", { name: "Not spam" }).click();
  await expect(card).toHaveCount(0);
  expect((await decided).status()).toBe(200);
  await expect
    .poll(async () => (await akismetRequests(page.request, akismetPort)).filter((request) => request.path === "/1.1/submit-ham" && request.fields.comment_content === text).length)
    .toBe(1);
});

test("rejects three comments at once", async ({ page }) => {
  const authors = [newcomer(), newcomer(), newcomer()];
  const marker = unique("Bulk candidate");
  for (const author of authors) {
    expect((await postComment(page.request, seedSlug, { ...author, body: `${marker} from ${author.authorName}` })).body.status).toBe("pending");
  }
  await signIn(page, e2eModerator);
  for (const author of authors) await page.getByRole("checkbox", { name: `Select comment by ${author.authorName}` }).check();
  const decided = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/api/v1/moderation/decisions") && response.request().method() === "POST");
  await page.getByRole("toolbar", { name: /selected/i }).getByRole("button", { name: "Reject" }).click();
  expect((await decided).status()).toBe(200);
  for (const author of authors) await expect(page.getByRole("article", { name: `Comment by ${author.authorName}` })).toHaveCount(0);

  await page.goto("/moderation/queue/rejected");
  for (const author of authors) await expect(page.getByRole("article", { name: `Comment by ${author.authorName}` })).toBeVisible();
});

test("a banned author's next post is refused", async ({ page }) => {
  const author = newcomer();
  expect((await postComment(page.request, seedSlug, { ...author, body: unique("First words here") })).status).toBe(201);
  await signIn(page, e2eModerator);
  await page.goto("/moderation/bans");
  await page.getByLabel("E-mail").fill(author.authorEmail);
  await page.getByLabel("Reason").fill("Repeated personal attacks");
  await page.getByRole("button", { name: "Ban author" }).click();
  await expect(page.getByRole("row").filter({ hasText: author.authorEmail })).toBeVisible();

  const refused = await postComment(page.request, seedSlug, { ...author, body: unique("Trying again") });
  expect(refused.status).toBe(403);
  expect(refused.body.error?.code).toBe("banned");
});

test("lowering the link threshold to one holds the next comment with a link", async ({ page }) => {
  await signIn(page, e2eAdmin);
  await page.goto("/moderation/settings");
  const threshold = page.getByLabel(/link/i).first();
  await threshold.fill("1");
  await page.getByRole("button", { name: /save/i }).first().click();
  await expect(page.getByText(/saved/i).first()).toBeVisible();
  try {
    // Priya has approved comments: without the new threshold this would publish.
    const posted = await postComment(page.request, otherSlug, { authorName: "Priya Raman", authorEmail: "priya.raman@example.com", body: unique("The data is at https://example.org/report") });
    expect(posted.body.status).toBe("pending");
    await page.goto("/moderation/queue/pending");
    await expect(page.getByRole("article", { name: "Comment by Priya Raman" }).first()).toContainText("link");
  } finally {
    await page.goto("/moderation/settings");
    await page.getByLabel(/link/i).first().fill("2");
    await page.getByRole("button", { name: /save/i }).first().click();
    await expect(page.getByText(/saved/i).first()).toBeVisible();
  }
});

test("the overview draws the last 30 days", async ({ page }) => {
  await signIn(page, e2eModerator);
  await page.goto("/moderation");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("img", { name: /comments per day/i })).toBeVisible();
  await page.screenshot({ path: `${screenshots}/overview.png`, fullPage: true });
});

test("a moderator chooses hourly alerts on the Account page: saved for them, said on the page, Save off until the choice changes", async ({ page }) => {
  await signIn(page, e2eModerator);
  await page.goto("/moderation/account");
  const save = page.locator("form", { has: page.getByRole("group", { name: "Mail me about held and reported comments" }) }).getByRole("button", { name: "Save" });
  await expect(save).toBeDisabled();
  await page.getByRole("radio", { name: /Hourly digest/ }).check();
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: hourly digest." })).toBeVisible();
  await expect(save).toBeDisabled();
  const alerts = (await (await page.request.get("/api/v1/moderation/account/alerts")).json()) as { alerts: { mode: string } };
  expect(alerts.alerts.mode).toBe("digest");
  // Back as it was, for the specs after this one.
  await page.getByRole("radio", { name: /Immediately/ }).check();
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: immediately." })).toBeVisible();
});
