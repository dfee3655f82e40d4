// The reader pages speak the language asked for: `?lang=` first, then the
// browser's Accept-Language, English otherwise — the page, the thread, the
// form, its errors and the API calls behind it.
import { expect, test, type Page } from "@playwright/test";

const seedSlug = "an-attack-on-venezuelas-democracy";

async function expectSpanishArticle(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { name: "11 comentarios" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "¡Únete al debate!" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Responder a Sam O'Connell" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ir al original" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Comentario de Marta Quintero" }).first().locator("time").first()).toHaveText(/^hace /);
  const form = page.getByRole("form", { name: "Publicar un comentario" });
  await expect(form.getByRole("textbox", { name: /^¿Qué número (menos|más) \d+ es igual a -?\d+\?$/ })).toBeEditable();
  await form.getByRole("textbox", { name: "Comentario" }).fill("x");
  await form.getByRole("button", { name: "Publicar comentario" }).click();
  await expect(form.getByRole("textbox", { name: "Comentario" })).toHaveAccessibleDescription(/Tu comentario debe tener al menos 2 caracteres/);
  await expect(form.getByRole("textbox", { name: "Nombre" })).toHaveAccessibleDescription("Escribe tu nombre");
}

test.describe("with ?lang=es", () => {
  test("the article page, its thread and its form are in Spanish, and the API is asked in Spanish", async ({ page }) => {
    const captcha = page.waitForRequest((request) => new URL(request.url()).pathname === "/api/v1/captcha");
    await page.goto(`/articles/${seedSlug}?lang=es`);
    expect(new URL((await captcha).url()).searchParams.get("lang")).toBe("es");
    await expectSpanishArticle(page);
  });

  test("links between reader pages keep the language", async ({ page }) => {
    await page.goto("/?lang=es");
    await expect(page.getByRole("heading", { name: "Últimos artículos" })).toBeVisible();
    await page.getByRole("link", { name: "An Attack on Venezuela’s Democracy" }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${seedSlug}\\?lang=es$`));
    await expect(page.getByRole("heading", { name: "11 comentarios" })).toBeVisible();
    await page.getByRole("navigation", { name: "Sitio" }).getByRole("link", { name: "Normas de la comunidad" }).click();
    await expect(page).toHaveURL(/\/guidelines\?lang=es$/);
    await expect(page.getByRole("heading", { level: 1, name: "Normas de la comunidad" })).toBeVisible();
  });
});

test.describe("with a Spanish browser", () => {
  test.use({ locale: "es-ES" });

  test("the article page is in Spanish", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    await expectSpanishArticle(page);
  });

  test("?lang=en still wins", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}?lang=en`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "11 comments" })).toBeVisible();
  });
});

test.describe("with an English browser", () => {
  test.use({ locale: "en-US" });

  test("the article page and its errors are in English", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "11 comments" })).toBeVisible();
    const form = page.getByRole("form", { name: "Post a comment" });
    await form.getByRole("button", { name: "Post comment" }).click();
    await expect(form.getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription("Enter your name");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeAttached();
  });
});
