// Issue #18: the framed thread speaks the embed's language — `?lang=` (data-lang
// on the embed), else the site's setting, else the reader's Accept-Language —
// in its document, its form, its script's words and the API errors it shows;
// English otherwise. data-theme="dark" gives it dark colours whatever the
// reader's system says.
import { execFile } from "node:child_process";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { e2eSiteKey, hostPorts } from "./embed-hosts";

const allowedHost = `http://127.0.0.1:${hostPorts.allowed}`;
const spanishSite = "e2e-spanish";

test.describe.configure({ mode: "serial" });

/** Runs `npm run site:add` against the app under test (its data directory in playwright.config.ts). */
function runSiteAdd(args: string[]): Promise<{ exitCode: number; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: "./data/e2e", NEXTAUTH_URL: "" };
  return new Promise((resolve) => {
    execFile("node_modules/.bin/tsx", ["scripts/site-add.ts", ...args], { env, timeout: 60_000 }, (error, _stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stderr });
    });
  });
}

/** Checks that a frame is in Spanish throughout, then sends an empty comment (asking the API for Spanish with lang=es) and a report without a reason (refused in Spanish by the frame itself). */
async function expectSpanishFrame(page: Page, scope: FrameLocator | Page): Promise<void> {
  await expect(scope.locator("html")).toHaveAttribute("lang", "es");
  await expect(scope.getByRole("heading", { level: 2, name: "¡Únete al debate!" })).toBeVisible();
  const form = scope.getByRole("form", { name: "Publicar un comentario" });
  await expect(form.getByRole("textbox", { name: "Correo electrónico" })).toBeVisible();
  // The frame script's own words: the captcha question, read out in Spanish once it has loaded.
  await expect(form.getByRole("textbox", { name: /^¿Qué número (menos|más) \d+ es igual a -?\d+\?$/ })).toBeEditable();

  const refusal = page.waitForResponse((response) => response.url().includes("/comments?") && response.request().method() === "POST");
  await form.getByRole("button", { name: "Publicar comentario" }).click();
  const answer = await refusal;
  expect(new URL(answer.url()).searchParams.get("lang")).toBe("es");
  expect(answer.status()).toBe(400);
  const { error } = (await answer.json()) as { error: { message: string; fields: Record<string, string> } };
  // The frame shows the API's own words under the field: the API writes them in the language asked for (its tests say so).
  const body = form.getByRole("textbox", { name: "Comentario" });
  await expect(body).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator("[id$='-body-error']")).toHaveText(error.fields.body!);

  // A validation the frame makes itself: a report without a reason.
  const reportButton = scope.locator("button[data-action=report]").first();
  if ((await reportButton.count()) > 0) {
    await reportButton.click();
    await scope.locator("form[data-report-form] button[type=submit]").click();
    await expect(scope.getByText("Elige un motivo.")).toBeVisible();
  }
}

test("?lang=es (data-lang on the embed) gives a Spanish frame, alone and framed", async ({ page, baseURL }) => {
  await page.goto(`${allowedHost}/article.html?keys=lang-query&lang=es`);
  const frame = page.frameLocator("iframe").first();
  await expect(page.locator("iframe").first()).toHaveAttribute("title", "Comentarios");
  await expect(page.locator("iframe").first()).toHaveAttribute("src", /[?&]lang=es(&|$)/);
  await expectSpanishFrame(page, frame);

  await page.goto(`${baseURL}/embed/${e2eSiteKey}/lang-query?lang=es`);
  await expect(page).toHaveTitle("Comentarios");
  await expectSpanishFrame(page, page);
});

test("a site whose language is Spanish gets a Spanish frame whatever the browser says", async ({ page }) => {
  const added = await runSiteAdd(["--name", "E2E Spanish", "--origin", allowedHost, "--key", spanishSite, "--language", "es"]);
  expect(added.exitCode, added.stderr).toBe(0);
  await page.setExtraHTTPHeaders({ "Accept-Language": "en-US,en;q=0.9" });
  await page.goto(`${allowedHost}/article.html?site=${spanishSite}&keys=site-language`);
  await expectSpanishFrame(page, page.frameLocator("iframe").first());
});

test.describe("a reader whose browser asks for Spanish", () => {
  test.use({ locale: "es-ES" });

  test("gets a Spanish frame on a site with no language of its own", async ({ page }) => {
    await page.goto(`${allowedHost}/article.html?keys=accept-language`);
    await expectSpanishFrame(page, page.frameLocator("iframe").first());
  });
});

test("an English reader, with nothing asking for Spanish, gets an English frame", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "Accept-Language": "en-GB,en;q=0.9" });
  await page.goto(`${allowedHost}/article.html?keys=accept-language`);
  const frame = page.frameLocator("iframe").first();
  await expect(frame.locator("html")).toHaveAttribute("lang", "en");
  await expect(frame.getByRole("heading", { level: 2, name: "Join the discussion!" })).toBeVisible();
  await expect(frame.getByRole("textbox", { name: /^What number (minus|plus) \d+ equals -?\d+\?$/ })).toBeEditable();
  await expect(page.locator("iframe").first()).toHaveAttribute("title", "Comments");
});

test("data-theme=\"dark\" gives the frame dark colours on a reader's light system, and light the other way round", async ({ page }) => {
  const colours = async (frame: FrameLocator) => {
    await expect(frame.locator("main.embed-frame")).toBeVisible();
    const read = () =>
      frame.locator("body").evaluate((body) => {
        const style = getComputedStyle(body);
        return { background: style.backgroundColor, text: style.color };
      });
    // The frame's markup can be on screen a moment before its style sheet has arrived: wait for its colours.
    await expect.poll(async () => (await read()).background).toMatch(/^rgb\(/);
    return read();
  };
  // Of an opaque colour only: a transparent background would show the host page's instead.
  const brightness = (rgb: string) => {
    expect(rgb).toMatch(/^rgb\(/);
    const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
    return (r + g + b) / 3;
  };

  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${allowedHost}/article.html?keys=accept-language&theme=dark`);
  const dark = await colours(page.frameLocator("iframe").first());
  expect(brightness(dark.background)).toBeLessThan(60);
  expect(brightness(dark.text)).toBeGreaterThan(180);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${allowedHost}/article.html?keys=accept-language&theme=light`);
  const light = await colours(page.frameLocator("iframe").first());
  expect(brightness(light.background)).toBeGreaterThan(240);
  expect(brightness(light.text)).toBeLessThan(60);

  // Without data-theme the frame follows the reader's system.
  await page.goto(`${allowedHost}/article.html?keys=accept-language`);
  expect(brightness((await colours(page.frameLocator("iframe").first())).background)).toBeLessThan(60);
});
