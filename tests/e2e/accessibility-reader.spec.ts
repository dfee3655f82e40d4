// axe-core on every reader page, with comments, validation errors and open
// reply and report forms on screen — the thread's controls in their other
// states (a subthread collapsed, a comment this browser respected), and a
// reader's own comment being edited (with the schema's error) and another's
// deletion being confirmed — in both
// languages, both colour schemes and at desktop and phone widths. One browser
// page per combination keeps it fast.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, VIEWPORTS } from "./axe";

const seedSlug = "an-attack-on-venezuelas-democracy";

const TEXT = {
  en: {
    postComment: "Post a comment",
    submit: "Post comment",
    reply: "Reply to Sam O'Connell",
    report: "Report comment by Priya Raman",
    postReply: "Post reply",
    nameError: "Enter your name",
    edit: "Edit your comment",
    save: "Save",
    bodyError: "Your comment must be at least 2 characters",
    remove: "Delete your comment",
    confirm: "Delete your comment? It cannot be undone.",
    hideReplies: "Hide replies to Priya Raman",
  },
  es: {
    postComment: "Publicar un comentario",
    submit: "Publicar comentario",
    reply: "Responder a Sam O'Connell",
    report: "Denunciar el comentario de Priya Raman",
    postReply: "Publicar respuesta",
    nameError: "Escribe tu nombre",
    edit: "Editar tu comentario",
    save: "Guardar",
    bodyError: "Tu comentario debe tener al menos 2 caracteres",
    remove: "Borrar tu comentario",
    confirm: "¿Borrar tu comentario? No se puede deshacer.",
    hideReplies: "Ocultar respuestas a Priya Raman",
  },
} as const;

/**
 * Makes two of the demo's comments this browser's own, as posting them here
 * would have (components/comments/draft-storage.ts): they then carry Edit and
 * Delete. Nothing is sent with these tokens, and the article keeps its count.
 */
async function ownTwoComments(page: Page): Promise<{ edited: string; deleted: string }> {
  const idOf = (name: string) => page.locator(`[data-comment-actions][data-author-name="${name}"]`).first().getAttribute("data-comment-id");
  const [edited, deleted] = await Promise.all([idOf("Marta Quintero"), idOf("Leonor Ruiz")]);
  await page.evaluate(
    ({ slug, ids }) => {
      const editableUntil = new Date(Date.now() + 60 * 60_000).toISOString();
      const comments = ids.map((id) => ({ id, editToken: "axe-only", editableUntil, body: "A comment of mine, open for editing.", authorName: "Me", parentId: null, slug }));
      window.localStorage.setItem("comments:own", JSON.stringify({ comments }));
    },
    { slug: seedSlug, ids: [edited!, deleted!] },
  );
  return { edited: edited!, deleted: deleted! };
}

/** The article with the top form showing its errors, an open reply form with errors, and an open report form. */
async function openEverything(page: Page, lang: keyof typeof TEXT): Promise<void> {
  const text = TEXT[lang];
  // This browser respected Sam O'Connell's comment: the thread's script presses its button from storage.
  const thread = (await (await page.request.get(`/api/v1/articles/${seedSlug}/comments`)).json()) as { comments: Array<{ id: string; authorName: string }> };
  const respected = thread.comments.find((comment) => comment.authorName === "Sam O'Connell")!.id;
  await page.addInitScript((id) => window.localStorage.setItem("comments:respected", JSON.stringify([id])), respected);
  await page.goto(`/articles/${seedSlug}?lang=${lang}`);
  const own = await ownTwoComments(page);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  const top = page.getByRole("form", { name: text.postComment });
  await top.getByRole("button", { name: text.submit }).click();
  await expect(top.getByText(text.nameError)).toBeVisible();

  await page.getByRole("button", { name: text.reply }).click();
  const reply = page.getByRole("form", { name: text.reply });
  await reply.getByRole("button", { name: text.postReply }).click();
  await expect(reply.getByText(text.nameError)).toBeVisible();

  await page.getByRole("button", { name: text.report }).click();
  await expect(page.getByRole("form", { name: text.report }).getByRole("radio").first()).toBeFocused();

  await page.getByRole("button", { name: text.hideReplies }).click();
  await expect(page.locator(`[data-comment-id="${respected}"] button[data-action=respect]`)).toHaveAttribute("aria-pressed", "true");
  const edited = page.locator(`[id="comment-${own.edited}"] > article`);
  await edited.getByRole("button", { name: text.edit }).click();
  const editForm = edited.getByRole("form", { name: text.edit });
  await editForm.getByRole("textbox").fill("");
  await editForm.getByRole("button", { name: text.save }).click();
  await expect(editForm.getByText(text.bodyError)).toBeVisible();
  const deleted = page.locator(`[id="comment-${own.deleted}"] > article`);
  await deleted.getByRole("button", { name: text.remove }).click();
  await expect(deleted.getByRole("group", { name: text.confirm })).toBeVisible();
}

for (const lang of ["en", "es"] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      test(`reader pages have no axe violations: ${lang}, ${colorScheme}, ${width}`, async ({ page }) => {
        test.setTimeout(90_000);
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        const where = (name: string) => `${name} (${lang}, ${colorScheme}, ${width})`;

        await page.goto(`/?lang=${lang}`);
        await expectNoAxeViolations(page, where("the index"));

        await openEverything(page, lang);
        await expectNoAxeViolations(page, where("an article with errors, open reply and report forms, an own comment being edited and another's deletion asked"));

        for (const path of ["/guidelines", "/privacy", "/accessibility", "/notifications/confirm?token=not-a-token", "/no-such-page"]) {
          await page.goto(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectNoAxeViolations(page, where(path));
        }
      });
    }
  }
}

test("the dark scheme really changes the page's colours", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe("rgb(255, 255, 255)");
  await page.emulateMedia({ colorScheme: "light" });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
});
