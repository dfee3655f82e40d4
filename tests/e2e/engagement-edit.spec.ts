// Issue #19: a reader fixes or takes back their own comment within the edit
// window, on the article page and in the framed thread, with the one module
// both use (components/comments/own-comment-controls.ts). An edit is judged
// again: a clean one stays published and is marked "(edited)" for everyone,
// an abusive one leaves the public thread and waits for a moderator, shown to
// its author only. A deleted comment with replies reads "[deleted]" and keeps
// them; one without leaves the thread. The buttons go when the window passes.
import { expect, test, type FrameLocator, type Locator, type Page, type Response } from "@playwright/test";
import { postComment, unique } from "./dashboard-support";
import { e2eSiteKey, hostPorts } from "./embed-hosts";

const slug = "shade-before-air-conditioning";
const allowedHost = `http://127.0.0.1:${hostPorts.allowed}`;
const frameKey = "e2e-edit-frame";
const frameSlug = `${e2eSiteKey}-${frameKey}`;
/** Has approved comments in the demo: her comments are published at once unless a rule holds them. */
const trustedAuthor = { name: "Ines Vogel", email: "ines.vogel@example.com" };
/** Another trusted commenter (approved comments in the demo), who answers Ines. */
const replier = { authorName: "Ines Vogel", authorEmail: "ines.vogel@example.com" };
// From the Civil Comments toxic-spans set (/work/shared/data/toxic-spans/comments.csv, comment 249709, CC0): the rules hold it as a personal attack.
const ABUSIVE = "This guy is incredibly dumb. He's going to be eaten alive in Los Angeles.";
const OWN_PENDING = "Your comments awaiting moderation";

test.describe.configure({ mode: "serial" });

/** Reads "What number minus 2 equals 3?" from a form's captcha and types the answer. */
async function solveCaptcha(form: Locator): Promise<void> {
  const input = form.getByRole("textbox", { name: /^what number (minus|plus) \d+ equals -?\d+\?$/i });
  await expect(input).toBeEditable();
  const match = /^what number (minus|plus) (\d+) equals (-?\d+)\?$/i.exec((await input.getAttribute("aria-label")) ?? "");
  if (!match) throw new Error("unexpected captcha question");
  const [, operator, a, b] = match;
  await input.fill(String(operator!.toLowerCase() === "minus" ? Number(a) + Number(b) : Number(b) - Number(a)));
}

function isRequest(method: string, path: RegExp): (response: Response) => boolean {
  return (response) => response.request().method() === method && path.test(new URL(response.url()).pathname);
}

/** Posts through the top form (the article page's or the frame's) as the trusted author; returns the published comment's id. */
async function postOwnComment(page: Page, scope: Page | FrameLocator, body: string): Promise<string> {
  // The e2e server's flood interval is one second, and every test posts from the same address.
  await page.waitForTimeout(1100);
  const form = scope.getByRole("form", { name: "Post a comment" });
  await form.getByRole("textbox", { name: "Comment" }).fill(body);
  await form.getByRole("textbox", { name: "Name" }).fill(trustedAuthor.name);
  await form.getByRole("textbox", { name: "E-mail" }).fill(trustedAuthor.email);
  await solveCaptcha(form);
  const [response] = await Promise.all([page.waitForResponse(isRequest("POST", /^\/api\/v1\/articles\/[^/]+\/comments$/)), form.getByRole("button", { name: "Post comment" }).click()]);
  expect(response.status()).toBe(201);
  const posted = (await response.json()) as { id: string; status: string; editToken: string; editableUntil: string };
  expect(posted.status).toBe("approved");
  expect(Date.parse(posted.editableUntil)).toBeGreaterThan(Date.now());
  await expect(scope.locator(`[id="comment-${posted.id}"]`)).toContainText(body);
  return posted.id;
}

/** A comment of the thread, by id, as the article element that carries its name. */
function commentArticle(scope: Page | FrameLocator, id: string): Locator {
  return scope.locator(`[id="comment-${id}"] > article`);
}

/** A reader who has never posted here: what everybody else sees. */
async function readAsStranger(page: Page, path: string): Promise<string> {
  const stranger = await page.context().browser()!.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(path);
  await expect(strangerPage.getByRole("heading", { name: /Join the discussion!/ })).toBeVisible();
  const text = await strangerPage.locator(".discussion").innerText();
  await expect(strangerPage.getByRole("button", { name: "Edit your comment" })).toHaveCount(0);
  await stranger.close();
  return text;
}

test.describe("on the article page, a reader", () => {
  test("edits their comment in place: the new text shows, marked edited, for everyone; an abusive edit waits for a moderator", async ({ page }) => {
    await page.goto(`/articles/${slug}`);
    const original = unique("The council's shade map leaves out half the bus stops on the east side.");
    const id = await postOwnComment(page, page, original);
    const comment = commentArticle(page, id);
    const edit = comment.getByRole("button", { name: "Edit your comment" });
    await expect(edit).toBeVisible();
    await expect(comment.getByRole("button", { name: "Delete your comment" })).toBeVisible();

    // The form opens prefilled and focused; Escape closes it and returns to Edit.
    await edit.click();
    const form = comment.getByRole("form", { name: "Edit your comment" });
    const box = form.getByRole("textbox", { name: "Your comment" });
    await expect(box).toHaveValue(original);
    await expect(box).toBeFocused();
    await expect(edit).toHaveAttribute("aria-expanded", "true");
    await expect(form.getByText("2 to 5,000 characters.")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(form).toHaveCount(0);
    await expect(edit).toBeFocused();
    await expect(comment.getByText(original)).toBeVisible();

    // The comment schema speaks before anything is sent.
    await edit.click();
    await box.fill("x");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByText("Your comment must be at least 2 characters")).toBeVisible();
    await expect(box).toHaveAttribute("aria-invalid", "true");

    const corrected = unique("The council's shade map leaves out half the bus stops on the east side of the river.");
    await box.fill(corrected);
    const [saved] = await Promise.all([page.waitForResponse(isRequest("PATCH", /^\/api\/v1\/comments\/[^/]+$/)), form.getByRole("button", { name: "Save" }).click()]);
    expect(saved.status()).toBe(200);
    await expect(comment.locator(".comment-body")).toHaveText(corrected);
    await expect(comment.getByText("(edited)")).toBeVisible();
    await expect(comment.getByText("Your comment has been updated.")).toBeFocused();
    // Still one form at most, and it is closed.
    await expect(page.getByRole("form", { name: "Edit your comment" })).toHaveCount(0);

    // Another reader, and the author after a reload, see the new text.
    const shared = await readAsStranger(page, `/articles/${slug}`);
    expect(shared).toContain(corrected);
    expect(shared).not.toContain(original);
    await page.reload();
    await expect(commentArticle(page, id).locator(".comment-body")).toHaveText(corrected);
    await expect(commentArticle(page, id).getByText("(edited)")).toBeVisible();

    // An edit into a personal attack is held: it leaves the public thread, and its author sees it awaiting moderation.
    const abusive = unique(ABUSIVE);
    await commentArticle(page, id).getByRole("button", { name: "Edit your comment" }).click();
    await commentArticle(page, id).getByRole("textbox", { name: "Your comment" }).fill(abusive);
    const [held] = await Promise.all([page.waitForResponse(isRequest("PATCH", /^\/api\/v1\/comments\/[^/]+$/)), commentArticle(page, id).getByRole("button", { name: "Save" }).click()]);
    expect(held.status()).toBe(200);
    expect(((await held.json()) as { status: string }).status).toBe("pending");
    await expect(page.locator(`[id="comment-${id}"]`)).toHaveCount(0);
    await expect(page.getByText("Your edited comment is awaiting moderation: only you can see it until a moderator approves it.")).toBeFocused();
    await expect(page.getByRole("region", { name: OWN_PENDING }).getByRole("article", { name: "Your comment, awaiting moderation" })).toContainText(abusive);
    await page.reload();
    await expect(page.getByRole("region", { name: OWN_PENDING }).getByRole("article", { name: "Your comment, awaiting moderation" })).toContainText(abusive);
    await expect(page.locator(`[id="comment-${id}"]`)).toHaveCount(0);
    const afterHold = await readAsStranger(page, `/articles/${slug}`);
    expect(afterHold).not.toContain(abusive);
    expect(afterHold).not.toContain(corrected);
  });

  test("deletes their comment: with a reply it reads [deleted] and keeps the reply; without, it leaves the thread", async ({ page }) => {
    await page.goto(`/articles/${slug}`);
    const withReply = unique("Planting on the school run would shade the children first.");
    const parentId = await postOwnComment(page, page, withReply);
    const reply = unique("Agreed, and the school gates are where the pavement is hottest.");
    const answered = await postComment(page.request, slug, { ...replier, body: reply, parentId });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(answered.body.status).toBe("approved");
    await page.reload();

    const parent = commentArticle(page, parentId);
    const remove = parent.getByRole("button", { name: "Delete your comment" });
    // The confirmation is asked inline; Keep it (which has the focus) changes nothing, and Escape does the same.
    await remove.click();
    const confirm = parent.getByRole("group", { name: "Delete your comment? It cannot be undone." });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole("button", { name: "Keep it" })).toBeFocused();
    await expect(remove).toHaveAttribute("aria-expanded", "true");
    await confirm.getByRole("button", { name: "Keep it" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(remove).toBeFocused();
    await remove.click();
    await page.keyboard.press("Escape");
    await expect(confirm).toHaveCount(0);
    await expect(remove).toBeFocused();

    await remove.click();
    const [deleted] = await Promise.all([page.waitForResponse(isRequest("DELETE", /^\/api\/v1\/comments\/[^/]+$/)), confirm.getByRole("button", { name: "Delete", exact: true }).click()]);
    expect(deleted.status()).toBe(204);
    const placeholder = commentArticle(page, parentId);
    await expect(placeholder.locator(".comment-body")).toHaveText("[deleted]");
    await expect(placeholder.locator(".comment-author")).toHaveText("[deleted]");
    await expect(page.getByText("Your comment has been deleted.")).toBeFocused();
    await expect(page.locator(`[id="comment-${parentId}"] .comment-replies`)).toContainText(reply);
    await expect(placeholder.getByRole("button", { name: "Edit your comment" })).toHaveCount(0);
    const shared = await readAsStranger(page, `/articles/${slug}`);
    expect(shared).not.toContain(withReply);
    expect(shared).toContain(reply);

    const alone = unique("On reflection the east side already has the oldest plane trees.");
    const aloneId = await postOwnComment(page, page, alone);
    await commentArticle(page, aloneId).getByRole("button", { name: "Delete your comment" }).click();
    await commentArticle(page, aloneId).getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.locator(`[id="comment-${aloneId}"]`)).toHaveCount(0);
    await expect(page.getByText("Your comment has been deleted.")).toBeFocused();
    expect(await readAsStranger(page, `/articles/${slug}`)).not.toContain(alone);
  });

  test("loses Edit and Delete when the window passes, and is told so when the server refuses", async ({ page }) => {
    await page.goto(`/articles/${slug}`);
    const id = await postOwnComment(page, page, unique("Cool roofs would help the flats that no tree can reach."));
    const stored = async (change: { editableUntil?: string; editToken?: string }) => {
      await page.evaluate(
        ({ id, change }) => {
          const kept = JSON.parse(window.localStorage.getItem("comments:own") ?? "{}") as { comments: Array<Record<string, string>> };
          for (const comment of kept.comments) if (comment.id === id) Object.assign(comment, change);
          window.localStorage.setItem("comments:own", JSON.stringify(kept));
        },
        { id, change },
      );
      await page.reload();
    };

    // A token the server does not accept (as after the window on its clock): 403, said in the form, and the buttons go.
    await stored({ editToken: "not-the-token" });
    const comment = commentArticle(page, id);
    await comment.getByRole("button", { name: "Edit your comment" }).click();
    const [refused] = await Promise.all([page.waitForResponse(isRequest("PATCH", /^\/api\/v1\/comments\/[^/]+$/)), comment.getByRole("button", { name: "Save" }).click()]);
    expect(refused.status()).toBe(403);
    await expect(comment.getByRole("alert")).toHaveText("The time for editing or deleting this comment has passed.");
    await expect(comment.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(comment.getByRole("button", { name: "Edit your comment" })).toHaveCount(0);
    await expect(comment.getByRole("button", { name: "Delete your comment" })).toHaveCount(0);
    await comment.getByRole("button", { name: "Cancel" }).click();
    await expect(comment.getByText("The time for editing or deleting this comment has passed.")).toBeFocused();
    await page.reload();
    await expect(commentArticle(page, id).getByRole("button", { name: "Edit your comment" })).toHaveCount(0);

    // A window about to close: the buttons are there, then go by themselves.
    const second = await postOwnComment(page, page, unique("Fountains that work in August would be a start."));
    await page.evaluate((secondId) => {
      const kept = JSON.parse(window.localStorage.getItem("comments:own") ?? "{}") as { comments: Array<Record<string, string>> };
      for (const comment of kept.comments) if (comment.id === secondId) comment.editableUntil = new Date(Date.now() + 3000).toISOString();
      window.localStorage.setItem("comments:own", JSON.stringify(kept));
    }, second);
    await page.reload();
    await expect(commentArticle(page, second).getByRole("button", { name: "Edit your comment" })).toBeVisible();
    await expect(commentArticle(page, second).getByRole("button", { name: "Edit your comment" })).toHaveCount(0, { timeout: 6000 });
    await expect(commentArticle(page, second).getByRole("button", { name: "Delete your comment" })).toHaveCount(0);
  });

  test("is asked in Spanish with ?lang=es, and the edit form and confirmation look right at phone width", async ({ page }) => {
    await page.goto(`/articles/${slug}`);
    const id = await postOwnComment(page, page, unique("Shade sails over the market cost less than one season of air conditioning."));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/articles/${slug}?lang=es`);
    const comment = commentArticle(page, id);
    await comment.getByRole("button", { name: "Editar tu comentario" }).click();
    const form = comment.getByRole("form", { name: "Editar tu comentario" });
    await expect(form.getByRole("textbox", { name: "Tu comentario" })).toBeFocused();
    await expect(form.getByRole("button", { name: "Guardar" })).toBeVisible();
    await expect(form.getByRole("button", { name: "Cancelar" })).toBeVisible();
    await expect(form.getByText("De 2 a 5000 caracteres", { exact: false })).toBeVisible();
    await page.keyboard.press("Escape");
    await comment.getByRole("button", { name: "Borrar tu comentario" }).click();
    const confirm = comment.getByRole("group", { name: "¿Borrar tu comentario? No se puede deshacer." });
    await expect(confirm.getByRole("button", { name: "Borrar", exact: true })).toBeVisible();
    await expect(confirm.getByRole("button", { name: "Conservarlo" })).toBeFocused();
    await page.keyboard.press("Escape");

    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(`/articles/${slug}`);
      const own = commentArticle(page, id);
      await own.getByRole("button", { name: "Edit your comment" }).click();
      await own.getByRole("form", { name: "Edit your comment" }).getByRole("button", { name: "Save" }).scrollIntoViewIfNeeded();
      await own.screenshot({ path: `test-results/screenshots/own-comment-edit-${colorScheme}.png` });
      await own.getByRole("button", { name: "Delete your comment" }).click();
      await expect(own.getByRole("group", { name: "Delete your comment? It cannot be undone." })).toBeVisible();
      await own.screenshot({ path: `test-results/screenshots/own-comment-delete-${colorScheme}.png` });
    }
  });
});

test.describe("in the framed thread, a reader", () => {
  const framed = (page: Page) => page.frameLocator('iframe[title="Comments"]').first();

  test("edits their comment (the server's messages under the field), and an abusive edit waits for a moderator", async ({ page }) => {
    await page.goto(`${allowedHost}/article.html?keys=${frameKey}`);
    let frame = framed(page);
    await expect(frame.getByText("Join the discussion!")).toBeVisible();
    const original = unique("Posted in the frame: the square needs trees more than benches.");
    const id = await postOwnComment(page, frame, original);
    frame = framed(page);
    const comment = commentArticle(frame, id);
    await comment.getByRole("button", { name: "Edit your comment" }).click();
    const form = comment.getByRole("form", { name: "Edit your comment" });
    const box = form.getByRole("textbox", { name: "Your comment" });
    await expect(box).toHaveValue(original);
    await expect(box).toBeFocused();
    await comment.screenshot({ path: "test-results/screenshots/own-comment-edit-frame.png" });

    // The frame grows with the form: as tall as its document.
    const iframe = page.locator('iframe[title="Comments"]').first();
    await expect.poll(async () => Math.abs(((await iframe.boundingBox())?.height ?? 0) - (await frame.locator("html").evaluate((html) => html.getBoundingClientRect().height)))).toBeLessThanOrEqual(2);

    // No schema library in the frame: the server's answer says what is wrong, under the field.
    await box.fill("x");
    const [invalid] = await Promise.all([page.waitForResponse(isRequest("PATCH", /^\/api\/v1\/comments\/[^/]+$/)), form.getByRole("button", { name: "Save" }).click()]);
    expect(invalid.status()).toBe(400);
    await expect(form.getByText("Your comment must be at least 2 characters")).toBeVisible();
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toBeFocused();

    const corrected = unique("Posted in the frame: the square needs trees far more than it needs benches.");
    await box.fill(corrected);
    await form.getByRole("button", { name: "Save" }).click();
    frame = framed(page);
    await expect(commentArticle(frame, id).locator(".comment-body")).toHaveText(corrected);
    await expect(commentArticle(frame, id).getByText("(edited)")).toBeVisible();
    await expect(commentArticle(frame, id).getByText("Your comment has been updated.")).toBeFocused();
    // What everybody else's frame shows: the thread as the API gives it.
    const thread = (await (await page.request.get(`/api/v1/articles/${frameSlug}/comments`)).json()) as { comments: Array<{ id: string; bodyHtml: string; editedAt: string | null }> };
    const published = thread.comments.find((item) => item.id === id);
    expect(published?.bodyHtml).toContain("needs trees far more");
    expect(published?.editedAt).not.toBeNull();

    const abusive = unique(ABUSIVE);
    await commentArticle(frame, id).getByRole("button", { name: "Edit your comment" }).click();
    await commentArticle(frame, id).getByRole("textbox", { name: "Your comment" }).fill(abusive);
    await commentArticle(frame, id).getByRole("button", { name: "Save" }).click();
    frame = framed(page);
    await expect(frame.getByText("Your edited comment is awaiting moderation: only you can see it until a moderator approves it.")).toBeFocused();
    await expect(frame.locator(`[id="comment-${id}"]`)).toHaveCount(0);
    await expect(frame.getByRole("region", { name: OWN_PENDING }).getByRole("article", { name: "Your comment, awaiting moderation" })).toContainText(abusive);
    const after = (await (await page.request.get(`/api/v1/articles/${frameSlug}/comments`)).json()) as { comments: Array<{ id: string }> };
    expect(after.comments.map((item) => item.id)).not.toContain(id);
  });

  test("deletes their comments: one with a reply reads [deleted] over it, one without goes", async ({ page }) => {
    await page.goto(`${allowedHost}/article.html?keys=${frameKey}`);
    let frame = framed(page);
    const parentText = unique("Posted in the frame: a fountain in the square, please.");
    const parentId = await postOwnComment(page, frame, parentText);
    const reply = unique("A drinking fountain would do more than a decorative one.");
    const answered = await postComment(page.request, frameSlug, { ...replier, body: reply, parentId });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    await page.reload();
    frame = framed(page);

    await commentArticle(frame, parentId).getByRole("button", { name: "Delete your comment" }).click();
    const confirm = commentArticle(frame, parentId).getByRole("group", { name: "Delete your comment? It cannot be undone." });
    await expect(confirm.getByRole("button", { name: "Keep it" })).toBeFocused();
    await commentArticle(frame, parentId).screenshot({ path: "test-results/screenshots/own-comment-delete-frame.png" });
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    frame = framed(page);
    await expect(commentArticle(frame, parentId).locator(".comment-body")).toHaveText("[deleted]");
    await expect(frame.locator(`[id="comment-${parentId}"] .comment-replies`)).toContainText(reply);
    await expect(frame.getByText("Your comment has been deleted.")).toBeFocused();

    const alone = unique("Posted in the frame and taken back.");
    const aloneId = await postOwnComment(page, frame, alone);
    frame = framed(page);
    await commentArticle(frame, aloneId).getByRole("button", { name: "Delete your comment" }).click();
    await commentArticle(frame, aloneId).getByRole("button", { name: "Delete", exact: true }).click();
    frame = framed(page);
    await expect(frame.getByText("Your comment has been deleted.")).toBeFocused();
    await expect(frame.locator(`[id="comment-${aloneId}"]`)).toHaveCount(0);
    await expect(frame.getByText(alone)).toHaveCount(0);
  });
});
