// A site's language setting (SPEC.md "Languages": `?lang=`, then the site's
// setting, then Accept-Language): an administrator sets the demo site to
// Spanish, and a reader whose browser asks for English gets the article page,
// the API's refusals and the confirmation mail in Spanish — until `?lang=en`
// asks otherwise. The setting is put back afterwards.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { e2eAdmin } from "./accounts";
import { signInThroughApi, unique } from "./dashboard-support";

const seedSlug = "an-attack-on-venezuelas-democracy";
// The posting test publishes on another of the demo site's articles: other specs count the seed article's comments.
const postSlug = "shade-before-air-conditioning";
const smtpReadPort = Number(process.env.E2E_PORT ?? 3100) + 97;

test.use({ locale: "en-GB" });

async function setDemoSiteLanguage(request: APIRequestContext, language: "es" | null): Promise<void> {
  const { sites } = (await (await request.get("/api/v1/moderation/sites")).json()) as { sites: Array<{ id: string; key: string }> };
  const demo = sites.find((site) => site.key === "demo");
  expect(demo, "the demo site").toBeDefined();
  const answer = await request.patch(`/api/v1/moderation/sites/${demo!.id}`, { data: { language } });
  expect(answer.status(), await answer.text()).toBe(200);
}

test.describe("a site set to Spanish", () => {
  test.beforeAll(async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInThroughApi(admin, e2eAdmin);
    await setDemoSiteLanguage(admin, "es");
    await admin.dispose();
  });

  test.afterAll(async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInThroughApi(admin, e2eAdmin);
    await setDemoSiteLanguage(admin, null);
    await admin.dispose();
  });

  test("gives an English browser the article page in Spanish, and ?lang=en still wins", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: /^\d+ comentarios$/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "¡Únete al debate!" })).toBeVisible();

    await page.goto(`/articles/${seedSlug}?lang=en`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: /^\d+ comments$/ })).toBeVisible();
  });

  test("answers the API's refusals in Spanish, and writes the reader's confirmation mail in Spanish", async ({ request }) => {
    const refused = await request.post(`/api/v1/articles/${seedSlug}/comments`, { data: { body: "x" }, headers: { "accept-language": "en" } });
    expect(refused.status()).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(error.code).toBe("validation");
    expect(error.message).toMatch(/^Datos no válidos/);
    expect(error.fields.authorName).toBe("Escribe tu nombre");

    // A reader asks for reply notices from the Spanish site: the one confirmation mail is in Spanish.
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the e2e server's one-second flood interval
    const email = `${unique("lector").replace(/\W+/g, "-").toLowerCase()}@example.net`;
    const { token, question } = (await (await request.get("/api/v1/captcha")).json()) as { token: string; question: string };
    const [, operator, a, b] = /^\?\s*([−+-])\s*(\d+)\s*=\s*(-?\d+)$/.exec(question.trim()) ?? [];
    const answer = String(operator === "+" ? Number(b) - Number(a) : Number(a) + Number(b));
    const posted = await request.post(`/api/v1/articles/${postSlug}/comments`, {
      headers: { "accept-language": "en" },
      data: { body: "Un comentario que pide avisos de respuestas.", authorName: "Lectora", authorEmail: email, captchaToken: token, captchaAnswer: answer, notifyReplies: true },
    });
    expect([201, 202]).toContain(posted.status());
    let subject = "";
    await expect
      .poll(
        async () => {
          const mails = (await (await request.get(`http://127.0.0.1:${smtpReadPort}/messages`)).json()) as Array<{ rcptTo: string[]; subject: string }>;
          subject = mails.find((mail) => mail.rcptTo.includes(email))?.subject ?? "";
          return subject;
        },
        { timeout: 15_000 },
      )
      .not.toBe("");
    expect(subject).toContain("Confirma tus avisos por correo electrónico");
  });
});
