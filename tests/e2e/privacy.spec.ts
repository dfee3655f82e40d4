// Readers' data in Chromium: an administrator sets the privacy contact, which
// the privacy page then names; exports a commenter's data and erases them
// from the dashboard; the article page and the thread API no longer show
// their name or text, while the placeholder keeps its place.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eAdmin, e2eModerator, type E2eAccount } from "./accounts";
import { postComment, unique } from "./dashboard-support";

// Other specs post here too: the pages are read newest first, where this test's comments are.
const slug = "shade-before-air-conditioning";
const screenshots = "test-results/screenshots";

async function signIn(page: Page, account: E2eAccount, callbackUrl: string): Promise<void> {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

test("the privacy page names the contact an administrator sets, and the retention period", async ({ page }) => {
  await signIn(page, e2eAdmin, "/moderation/settings");
  await page.getByLabel("Privacy contact").fill("privacy@news.example");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Settings saved at/)).toBeVisible();

  await page.goto("/privacy");
  await expect(page.getByRole("heading", { name: "Your rights: a copy of your data, or its erasure" })).toBeVisible();
  await expect(page.getByRole("link", { name: "privacy@news.example" })).toHaveAttribute("href", "mailto:privacy@news.example");
  await expect(page.getByText("removed from each comment 90 days after you post it")).toBeVisible();
  await page.screenshot({ path: `${screenshots}/privacy-page.png`, fullPage: true });
});

test("a moderator who is not an administrator has no Readers' data page", async ({ page }) => {
  await signIn(page, e2eModerator, "/moderation/privacy");
  await expect(page.getByRole("navigation", { name: "Moderation" }).getByRole("link", { name: "Readers’ data" })).toHaveCount(0);
  await expect(page.getByText("Only administrators can export or erase")).toBeVisible();
  await expect(page.getByRole("button", { name: "Erase data…" })).toHaveCount(0);
});

test("an administrator exports and then erases a commenter, and the article page no longer shows them", async ({ page }) => {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `Ottilie Brandvold ${id}`;
  const email = `ottilie-${id}@example.net`;
  const text = unique("Newsrooms should keep the comments open, says Ottilie.");
  const posted = await postComment(page.request, slug, { authorName: name, authorEmail: email, body: text, authorUrl: "https://ottilie.example" });
  expect(posted.status).toBe(201);

  await signIn(page, e2eAdmin, "/moderation/privacy");
  // A newcomer is held: published by an administrator first, so the page shows it.
  const approved = await page.request.post(`/api/v1/moderation/comments/${posted.body.id}/decision`, { data: { action: "approve" } });
  expect(approved.status()).toBe(200);
  // Marta (a trusted commenter) answers her: the reply must keep its place under the placeholder.
  const answer = { authorName: "Marta Quintero", authorEmail: "marta.quintero@example.org", body: unique("I agree with Ottilie entirely."), parentId: posted.body.id };
  const reply = await postComment(page.request, slug, answer);
  expect(reply.status).toBe(201);

  const article = await page.context().newPage();
  await article.goto(`/articles/${slug}?sort=newest`);
  await expect(article.getByText(text)).toBeVisible();
  await expect(article.getByText(name)).toBeVisible();

  await page.getByRole("link", { name: "Readers’ data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Readers’ data" })).toBeVisible();

  const exportForm = page.getByRole("form", { name: "Export a reader's data" });
  await exportForm.getByLabel("Reader’s e-mail").fill(email.toUpperCase());
  await exportForm.getByRole("button", { name: "Export data" }).click();
  await expect(exportForm.getByRole("status")).toHaveText(`Found 1 comment and 0 bans for ${email}.`);
  await expect(exportForm.getByRole("link", { name: /Download reader-data-/ })).toBeVisible();

  const eraseForm = page.getByRole("form", { name: "Erase a reader's data" });
  await eraseForm.getByLabel("Reader’s e-mail").fill("not an address");
  await eraseForm.getByRole("button", { name: "Erase data…" }).click();
  await expect(eraseForm.getByText("Enter a valid e-mail address")).toBeVisible();
  await eraseForm.getByLabel("Reader’s e-mail").fill(email);
  await eraseForm.getByRole("button", { name: "Erase data…" }).click();
  await expect(eraseForm.getByText(`Erase everything stored about ${email}? This cannot be undone.`)).toBeVisible();
  await page.screenshot({ path: `${screenshots}/readers-data-confirm.png`, fullPage: true });
  await eraseForm.getByRole("button", { name: "Erase for good" }).click();
  await expect(eraseForm.getByRole("status")).toHaveText(`Erased ${email}: 1 comment now reads “[deleted]”.`);
  await expect(page.getByRole("table", { name: "Recent requests" }).getByRole("row").nth(1)).toContainText("Erasure");
  await page.screenshot({ path: `${screenshots}/readers-data-erased.png`, fullPage: true });

  // The cached page is dropped through the live bus: a reload shows the placeholder at once.
  await article.reload();
  await expect(article.getByText(text)).toHaveCount(0);
  await expect(article.getByText(name)).toHaveCount(0);
  await expect(article.getByText("[deleted]").first()).toBeVisible();
  const html = await article.content();
  expect(html).not.toContain(email);
  expect(html).not.toContain("ottilie.example");

  const api = await (await page.request.get(`/api/v1/articles/${slug}/comments?sort=newest&limit=100`)).text();
  expect(api).not.toContain(name);
  expect(api).not.toContain(email);
  const thread = JSON.parse(api) as { comments: Array<{ id: string; authorName: string; replies: Array<{ authorName: string }> }> };
  expect(thread.comments.find((comment) => comment.id === posted.body.id)).toMatchObject({ authorName: "[deleted]", replies: [{ authorName: "Marta Quintero" }] });
});
