// The dashboard's language: `?lang=`, then the moderator's saved choice, then
// the browser's Accept-Language; English otherwise. And the queue without a
// mouse: Tab reaches every decision, the shortcuts dialog keeps the focus and
// closes with Escape.
import { expect, test, type Page } from "@playwright/test";
import { e2eModerator } from "./accounts";
import { postComment, signInThroughApi, unique } from "./dashboard-support";

// The keyboard approval publishes a comment: on another article than the seed one, whose count other specs read.
const approvalSlug = "shade-before-air-conditioning";
const nobody = "nadie-en-absoluto@example.invalid";

test.describe.configure({ mode: "serial" });

async function signIn(page: Page): Promise<void> {
  expect(await signInThroughApi(page.request, e2eModerator)).not.toContain("error");
}

async function expectSpanishQueue(page: Page, path = "/moderation/queue/pending"): Promise<void> {
  await page.goto(`${path}${path.includes("?") ? "&" : "?"}author=${nobody}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: /^Pendientes/ })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Moderación" }).getByRole("link", { name: "Resumen" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Filtrar", exact: true })).toBeVisible();
  await expect(page.getByText("Ningún comentario de esta cola coincide con estos filtros.")).toBeVisible();
}

async function expectSpanishLogin(page: Page, path = "/login"): Promise<void> {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByText("Escribe tu correo electrónico")).toBeVisible();
}

test.describe("in English by default", () => {
  test.use({ locale: "en-GB" });

  test("the sign-in page and the queue", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await signIn(page);
    await page.goto("/moderation/queue/rejected?author=nobody@example.invalid");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: /^Rejected/ })).toBeVisible();
    await expect(page.getByText("No comments in this queue match these filters.")).toBeVisible();
  });
});

test.describe("with ?lang=es", () => {
  test.use({ locale: "en-GB" });

  test("the sign-in page and the queue are in Spanish", async ({ page }) => {
    await expectSpanishLogin(page, "/login?lang=es");
    await signIn(page);
    await expectSpanishQueue(page, "/moderation/queue/pending?lang=es");
  });
});

test.describe("with a Spanish browser", () => {
  test.use({ locale: "es-ES" });

  test("the sign-in page and the queue are in Spanish, its cards' reasons by name", async ({ page }) => {
    await expectSpanishLogin(page);
    await signIn(page);
    await expectSpanishQueue(page);
    await page.goto("/moderation/queue/pending");
    const card = page.getByRole("article", { name: "Comentario de Pat Newcomer" });
    await expect(card.getByRole("button", { name: /^Aprobar/ })).toBeVisible();
    await expect(card).toContainText("Comenta por primera vez");
    await expect(card).toContainText("Contiene 2 enlaces");
    await expect(card).not.toContainText("first_time_commenter");
    await page.goto("/moderation/queue/rejected?lang=en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("with the moderator's saved language", () => {
  test.use({ locale: "en-GB" });

  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext();
    await signInThroughApi(context.request, e2eModerator);
    expect((await context.request.put("/api/v1/moderation/account/language", { data: { language: null } })).status()).toBe(200);
    await context.close();
  });

  test("choosing Español on the Account page turns the dashboard Spanish, whatever the browser asks for", async ({ page }) => {
    await signIn(page);
    await page.goto("/moderation/account");
    await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
    await page.getByRole("radio", { name: "Español" }).check();
    await page.getByRole("group", { name: /language/i }).locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cuenta" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Guardado. El panel usa ahora Español." })).toBeVisible();
    await expectSpanishQueue(page);
    await page.goto("/moderation/queue/pending?lang=en");
    await expect(page.getByRole("heading", { level: 1, name: /^Pending/ })).toBeVisible();
  });
});

test.describe("without a mouse", () => {
  test.use({ locale: "en-GB" });

  test("Tab reaches a card's Approve button and Enter approves it; the shortcuts dialog keeps the focus and Escape closes it", async ({ page }) => {
    const author = { authorName: "Keyboard Reader", authorEmail: `keyboard-${Date.now().toString(36)}@example.net` };
    const posted = await postComment(page.request, approvalSlug, { ...author, body: unique("Posted to be approved with the keyboard alone") });
    expect(posted.body.status).toBe("pending");
    await signIn(page);
    await page.goto(`/moderation/queue/pending?author=${encodeURIComponent(author.authorEmail)}`);
    const card = page.getByRole("article", { name: `Comment by ${author.authorName}` });
    await expect(card).toBeVisible();

    // The skip link comes first and leads into the page.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();

    // The shortcuts dialog: opened with ?, the focus inside it, Escape closes it and gives the focus back.
    await page.getByRole("button", { name: /Keyboard shortcuts/ }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    for (let press = 0; press < 4; press += 1) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Keyboard shortcuts/ })).toBeFocused();

    const approve = card.getByRole("button", { name: /^Approve/ });
    let reached = false;
    for (let press = 0; press < 80 && !reached; press += 1) {
      await page.keyboard.press("Tab");
      reached = await approve.evaluate((element) => element === document.activeElement);
    }
    expect(reached, "Tab reaches the card's Approve button").toBe(true);
    // The focus ring shows where Enter will act.
    expect(await approve.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe("none");
    const decided = page.waitForResponse((response) => response.url().includes("/decision") && response.request().method() === "POST");
    await page.keyboard.press("Enter");
    expect((await decided).status()).toBe(200);
    await expect(card).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "Approved" }).first()).toBeVisible();
  });
});
