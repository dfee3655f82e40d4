// Readers' engagement as moderators handle it (issue #19): a moderator makes a
// published comment an editors' pick from its card in the approved queue, by
// mouse and by keyboard, sees the badge, and takes it back, the public thread
// following each time; a card shows an edited comment's earlier versions and
// its respects, and a deleted one its marker and no Feature; an administrator
// sets the edit window and the respect button's name.
import { mkdirSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { e2eAdmin, e2eModerator, type E2eAccount } from "./accounts";
import { engageComment, postComment, unique } from "./dashboard-support";

// Not the seed article: reader.spec.ts counts that one's comments.
const seedSlug = "shade-before-air-conditioning";
const screenshots = "test-results/screenshots";
// Priya has approved comments in the demo thread: a civil comment of hers is published at once.
const author = { authorName: "Priya Raman", authorEmail: "priya.raman@example.com" };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

async function signIn(page: Page, account: E2eAccount, callbackUrl: string): Promise<void> {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl.split("?")[0]);
}

/** Posts a comment that is published at once; returns its id and text. */
async function postApproved(page: Page, text: string): Promise<{ id: string; text: string }> {
  const body = unique(text);
  const posted = await postComment(page.request, seedSlug, { ...author, body });
  expect(posted.body.status).toBe("approved");
  return { id: posted.body.id!, text: body };
}

/** Whether the public thread marks the comment as an editors' pick. */
async function isFeaturedInThread(page: Page, id: string): Promise<boolean | undefined> {
  const answer = (await (await page.request.get(`/api/v1/articles/${seedSlug}/comments?limit=100`)).json()) as { comments: Array<{ id: string; featured: boolean }> };
  return answer.comments.find((comment) => comment.id === id)?.featured;
}

function waitForFeature(page: Page) {
  return page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/feature") && response.request().method() === "POST");
}


/** Opens the shortcuts dialog with "?": the keys listen once the page is interactive, so it presses until the dialog answers. */
async function openShortcuts(page: Page): Promise<Locator> {
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return dialog;
}

function cardOf(page: Page, text: string): Locator {
  return page.getByRole("article", { name: `Comment by ${author.authorName}` }).filter({ hasText: text.slice(-12) });
}

test("a moderator features a comment from its card with the mouse, sees the badge, and unfeatures it", async ({ page }) => {
  const comment = await postApproved(page, "The turnout figures deserve a closer look before anyone draws conclusions.");
  await signIn(page, e2eModerator, `/moderation/queue/approved?article=${seedSlug}`);
  const card = cardOf(page, comment.text);
  const toggle = card.getByRole("button", { name: "Feature" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(card.getByText("Editors’ pick")).toHaveCount(0);

  const featured = waitForFeature(page);
  await toggle.click();
  expect((await featured).status()).toBe(200);
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByText("Editors’ pick")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Now an editors’ pick: the comment by Priya Raman" })).toBeAttached();
  expect(await isFeaturedInThread(page, comment.id)).toBe(true);

  // The pick survives a reload: it is the server's, not the page's.
  await page.reload();
  await expect(cardOf(page, comment.text).getByRole("button", { name: "Feature" })).toHaveAttribute("aria-pressed", "true");
  await cardOf(page, comment.text).screenshot({ path: `${screenshots}/engagement-card-featured-light.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await cardOf(page, comment.text).screenshot({ path: `${screenshots}/engagement-card-featured-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });

  const unfeatured = waitForFeature(page);
  await cardOf(page, comment.text).getByRole("button", { name: "Feature" }).click();
  expect((await unfeatured).status()).toBe(200);
  await expect(cardOf(page, comment.text).getByRole("button", { name: "Feature" })).toHaveAttribute("aria-pressed", "false");
  await expect(cardOf(page, comment.text).getByText("Editors’ pick")).toHaveCount(0);
  expect(await isFeaturedInThread(page, comment.id)).toBe(false);
});

test("a moderator features and unfeatures by keyboard: j to the card, f, and the shortcuts dialog lists f", async ({ page }) => {
  const comment = await postApproved(page, "A fair summary of both sides, with sources anyone can check.");
  await signIn(page, e2eModerator, `/moderation/queue/approved?article=${seedSlug}`);
  const card = cardOf(page, comment.text);
  await expect(card).toBeVisible();

  const dialog = await openShortcuts(page);
  await expect(dialog.getByRole("row", { name: /^f Feature or unfeature the comment/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // The newest comment of the article comes first: j makes it the current card.
  await page.keyboard.press("j");
  await expect(card).toBeFocused();
  const featured = waitForFeature(page);
  await page.keyboard.press("f");
  expect((await featured).status()).toBe(200);
  await expect(card.getByRole("button", { name: "Feature" })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByText("Editors’ pick")).toBeVisible();
  expect(await isFeaturedInThread(page, comment.id)).toBe(true);

  const unfeatured = waitForFeature(page);
  await page.keyboard.press("f");
  expect((await unfeatured).status()).toBe(200);
  await expect(card.getByRole("button", { name: "Feature" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("status").filter({ hasText: "No longer an editors’ pick: the comment by Priya Raman" })).toBeAttached();
  expect(await isFeaturedInThread(page, comment.id)).toBe(false);
});

test("in Spanish, a card shows a pick, its respects, an edit and its earlier version; the log names the pick", async ({ page }) => {
  const comment = await postApproved(page, "Second thoughts: the figures hold up after all.");
  await engageComment(comment.id, { revision: "First thoughts: <b>the figures</b> look wrong to me.", respects: 3 });
  await signIn(page, e2eModerator, `/moderation/queue/approved?article=${seedSlug}&lang=es`);
  const card = page.getByRole("article", { name: `Comentario de ${author.authorName}` }).filter({ hasText: comment.text.slice(-12) });
  await expect(card).toContainText("Editado");
  await expect(card).toContainText("3 respetos");
  const toggle = card.getByRole("button", { name: "Destacar" });
  const featured = waitForFeature(page);
  await toggle.click();
  expect((await featured).status()).toBe(200);
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByText("Selección de la redacción")).toBeVisible();

  await card.getByText("1 versión anterior").click();
  const versions = card.getByRole("list", { name: `Versiones anteriores del comentario de ${author.authorName}, de la más antigua a la más reciente` });
  // The earlier text is shown as written, never as markup.
  await expect(versions.getByRole("listitem")).toHaveText(/First thoughts: <b>the figures<\/b> look wrong to me\./);
  await card.screenshot({ path: `${screenshots}/engagement-card-versions-es-light.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await card.screenshot({ path: `${screenshots}/engagement-card-versions-es-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });

  await page.goto("/moderation/log?action=feature&lang=es");
  await expect(page.getByRole("row").filter({ hasText: comment.text.slice(0, 30) }).first()).toContainText("Destacado");

  // Leave no pick behind for the other specs.
  const unfeatured = await page.request.post(`/api/v1/moderation/comments/${comment.id}/feature`, { data: { featured: false } });
  expect(unfeatured.status()).toBe(200);
});

test("a comment its author deleted is marked and offers no Feature; f says so instead of featuring", async ({ page }) => {
  const comment = await postApproved(page, "A remark its author later took back.");
  await engageComment(comment.id, { isDeleted: true });
  await signIn(page, e2eModerator, `/moderation/queue/approved?article=${seedSlug}`);
  const card = cardOf(page, comment.text);
  await expect(card.getByText("Deleted by its author")).toBeVisible();
  await expect(card.getByRole("button", { name: "Feature" })).toHaveCount(0);
  await card.screenshot({ path: `${screenshots}/engagement-card-deleted-light.png` });
  // The card is taken in hand as j or a click would leave it (other specs' comments may come first in this queue).
  await card.focus();
  await expect(card).toBeFocused();
  await page.keyboard.press("f");
  await expect(page.getByRole("status").filter({ hasText: "Feature does not apply to this comment." })).toBeAttached();
  expect(await isFeaturedInThread(page, comment.id)).not.toBe(true);
  const refused = await page.request.post(`/api/v1/moderation/comments/${comment.id}/feature`, { data: { featured: true } });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(`Comment “${comment.id}” was deleted by its author: it cannot be an editors’ pick.`);
});

test("an administrator sets the edit window and the respect button's name, and a wrong window is refused beside its field", async ({ page }) => {
  await signIn(page, e2eAdmin, "/moderation/settings");
  const window = page.getByLabel("Authors may edit or delete for");
  const label = page.getByLabel("Name of the respect button");
  await expect(window).toHaveValue("15");
  await expect(label).toHaveValue("");
  await expect(window).toHaveAccessibleDescription(/0 turns editing and deleting off/);
  await expect(label).toHaveAccessibleDescription(/Leave it empty for “Respect”/);

  await window.fill("1441");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(window).toHaveAttribute("aria-invalid", "true");
  await expect(window).toHaveAccessibleDescription(/Enter a whole number from 0 to 1440/);
  await expect(page.getByRole("alert").filter({ hasText: "Some settings need fixing" })).toContainText("Nothing was saved");
  const unchanged = (await (await page.request.get("/api/v1/moderation/settings")).json()) as { settings: { editWindowMinutes: number } };
  expect(unchanged.settings.editWindowMinutes).toBe(15);

  try {
    await window.fill("30");
    await label.fill("  Kudos ");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(/Settings saved at/)).toBeVisible();
    const saved = (await (await page.request.get("/api/v1/moderation/settings")).json()) as { settings: { editWindowMinutes: number; respectLabel: string | null } };
    expect(saved.settings).toMatchObject({ editWindowMinutes: 30, respectLabel: "Kudos" });
    await page.reload();
    await expect(page.getByLabel("Authors may edit or delete for")).toHaveValue("30");
    await expect(page.getByLabel("Name of the respect button")).toHaveValue("Kudos");
    // In the middle of the window, clear of the sticky Save bar at its foot.
    const group = page.getByRole("group", { name: "Readers’ engagement" });
    await group.evaluate((element) => element.scrollIntoView({ block: "center" }));
    await group.screenshot({ path: `${screenshots}/engagement-settings.png` });
  } finally {
    // Back to the defaults the other specs expect.
    const restored = await page.request.put("/api/v1/moderation/settings", { data: { editWindowMinutes: 15, respectLabel: "" } });
    expect(restored.status()).toBe(200);
  }
});
