// Accessibility of the sign-in page and every dashboard page (Sites aside,
// checked with the embedding pages): axe (WCAG 2.1 A/AA and best practices)
// finds nothing, with cards, reasons, errors and open forms on screen (an
// editors' pick with its earlier versions open among them), in English and
// Spanish, light and dark, at desktop and phone widths.
import { expect, test, type Page } from "@playwright/test";
import { e2eAdmin } from "./accounts";
import { expectNoAxeViolations, VIEWPORTS } from "./axe";
import { engageComment, postComment, signInThroughApi, unique } from "./dashboard-support";

const seedSlug = "an-attack-on-venezuelas-democracy";
// The pick goes on another article: the reader specs after this one count and name the seed article's comments.
const pickSlug = "shade-before-air-conditioning";
const nobody = "nobody-at-all@example.invalid";
/** The approved card that is an editors' pick, edited once and respected, for the whole run of this file. */
let pickId = "";

test.describe.configure({ mode: "serial" });

/** Every queue holds a card with something to show: reasons, a report, a spam verdict, a rejection. */
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const { request } = context;
  await signInThroughApi(request, e2eAdmin);
  const held = await postComment(request, seedSlug, { authorName: "Axe Newcomer", authorEmail: "axe-newcomer@example.net", body: unique("See https://example.org/a and https://example.org/b for more") });
  expect(held.body.status).toBe("pending");
  const toReject = await postComment(request, seedSlug, { authorName: "Axe Rejected", authorEmail: "axe-rejected@example.net", body: unique("A comment a moderator will reject") });
  const decided = await request.post(`/api/v1/moderation/comments/${toReject.body.id}/decision`, { data: { action: "reject" } });
  expect(decided.status()).toBe(200);
  // Priya has approved comments: hers is published at once, then featured.
  const pick = await postComment(request, pickSlug, { authorName: "Priya Raman", authorEmail: "priya.raman@example.com", body: unique("A pick the editors chose for its sources") });
  expect(pick.body.status).toBe("approved");
  pickId = pick.body.id!;
  await engageComment(pickId, { revision: unique("An earlier text of the pick"), respects: 2 });
  expect((await request.post(`/api/v1/moderation/comments/${pickId}/feature`, { data: { featured: true } })).status()).toBe(200);
  await context.close();
});

/** The pick goes: the thread's order stays the demo's for the specs after this one. */
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  await signInThroughApi(context.request, e2eAdmin);
  expect((await context.request.post(`/api/v1/moderation/comments/${pickId}/feature`, { data: { featured: false } })).status()).toBe(200);
  await context.close();
});

async function signIn(page: Page): Promise<void> {
  expect(await signInThroughApi(page.request, e2eAdmin)).not.toContain("error");
}

/** The dashboard's pages, each as a moderator leaves it on screen. */
const dashboardPages: Array<{ name: string; path: string; prepare?: (page: Page) => Promise<void> }> = [
  { name: "overview", path: "/moderation" },
  {
    name: "pending queue, a card's ban form open",
    path: "/moderation/queue/pending",
    prepare: async (page) => {
      await page.locator("article.mq-card").first().locator("details.mq-ban > summary").click();
    },
  },
  {
    name: "pending queue, shortcuts dialog open",
    path: "/moderation/queue/pending",
    prepare: async (page) => {
      await page.keyboard.press("?");
      await expect(page.getByRole("dialog")).toBeVisible();
    },
  },
  { name: "reported queue", path: "/moderation/queue/reported" },
  { name: "spam queue", path: "/moderation/queue/spam" },
  { name: "rejected queue", path: "/moderation/queue/rejected" },
  {
    name: "approved queue, an editors' pick's earlier versions open",
    path: "/moderation/queue/approved",
    prepare: async (page) => {
      const pick = page.locator(`#mod-comment-${pickId}`);
      await expect(pick.getByRole("button", { pressed: true })).toBeVisible();
      await pick.locator("details.mq-versions > summary").click();
    },
  },
  { name: "a queue with nothing to show, a filter refused", path: `/moderation/queue/pending?author=${nobody}&article=${"x".repeat(201)}` },
  {
    name: "bans, the form's errors shown",
    path: "/moderation/bans",
    prepare: async (page) => {
      await page.locator("form.ban-form").getByRole("button").last().click();
      await expect(page.locator(".field-error").first()).toBeVisible();
    },
  },
  { name: "log", path: "/moderation/log" },
  { name: "settings", path: "/moderation/settings" },
  { name: "readers' data", path: "/moderation/privacy" },
  { name: "webhooks", path: "/moderation/webhooks" },
  { name: "account", path: "/moderation/account" },
  {
    name: "sites, a site's edit form open",
    path: "/moderation/sites",
    prepare: async (page) => {
      await page.locator("main").getByRole("button").filter({ hasText: /Edit settings|Editar/ }).first().click();
      await expect(page.locator("form").filter({ has: page.locator("select") }).first()).toBeVisible();
    },
  },
];

for (const language of ["en", "es"] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      test.describe(`${language}, ${colorScheme}, ${width}`, () => {
        test.use({ colorScheme, viewport, locale: language === "es" ? "es-ES" : "en-GB" });

        test("the sign-in page, with its errors", async ({ page }) => {
          await page.goto("/login");
          await expect(page.locator("html")).toHaveAttribute("lang", language);
          await page.locator("form.login-form button[type=submit]").click();
          await expect(page.locator(".login-form .field-error").first()).toBeVisible();
          await expectNoAxeViolations(page, `sign-in with field errors (${language}, ${colorScheme}, ${width})`);
          await page.locator("input[type=email]").fill(e2eAdmin.email);
          await page.locator("input[type=password]").fill("not the password");
          await page.locator("form.login-form button[type=submit]").click();
          await expect(page.locator(".login-form .form-alert")).toBeVisible();
          await expectNoAxeViolations(page, `sign-in refused (${language}, ${colorScheme}, ${width})`);
        });

        test("every dashboard page", async ({ page }) => {
          test.setTimeout(120_000);
          await signIn(page);
          for (const { name, path, prepare } of dashboardPages) {
            await page.goto(path);
            await expect(page.locator("html")).toHaveAttribute("lang", language);
            await expect(page.locator("main h1").first()).toBeVisible();
            if (prepare) await prepare(page);
            await expectNoAxeViolations(page, `${name} (${language}, ${colorScheme}, ${width})`);
          }
        });
      });
    }
  }
}
