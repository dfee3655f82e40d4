import { expect, test, type Locator, type Page, type Response } from "@playwright/test";

const seedSlug = "an-attack-on-venezuelas-democracy";
// A second demo article for the one comment that is meant to be published: the
// reader tests count the seed article's comments and must keep seeing 11.
const otherSlug = "shade-before-air-conditioning";
const trustedAuthor = { name: "Ines Vogel", email: "ines.vogel@example.com" };

const NETWORK_MESSAGE = "We could not reach the server. Your comment is saved in this browser; try again in a moment.";
// The form asks in the page's language (?lang=…), so the post is matched by its path.
const postPattern = (url: URL) => /^\/api\/v1\/articles\/[^/]+\/comments$/.test(url.pathname);

/** Text no earlier run has posted: the server refuses duplicates. */
function unique(text: string): string {
  return `${text} (${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)})`;
}

/** A first-time commenter: their comment may be held for moderation. */
function newcomer(): { name: string; email: string } {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name: `Reader ${id}`, email: `reader-${id}@example.net` };
}

function topForm(page: Page): Locator {
  return page.getByRole("form", { name: "Post a comment" });
}

/** The captcha input: its accessible name is the question, e.g. "What number minus 2 equals 3?". */
function captchaInput(form: Locator): Locator {
  return form.getByRole("textbox", { name: /^what number (minus|plus) \d+ equals -?\d+\?$/i });
}

/** Reads the question from the page and types the missing number x of "x − a = b" (x = a + b). */
async function solveCaptcha(form: Locator, { wrong = false } = {}): Promise<void> {
  const input = captchaInput(form);
  await expect(input).toBeEditable();
  const question = (await input.getAttribute("aria-label")) ?? "";
  const match = /^what number (minus|plus) (\d+) equals (-?\d+)\?$/i.exec(question);
  if (!match) throw new Error(`Unexpected captcha question: ${question}`);
  const [, operator, a, b] = match;
  const answer = operator!.toLowerCase() === "minus" ? Number(a) + Number(b) : Number(b) - Number(a);
  await input.fill(String(wrong ? answer + 1 : answer));
}

async function fillComment(form: Locator, fields: { body: string; name: string; email: string; url?: string }): Promise<void> {
  await form.getByRole("textbox", { name: "Comment" }).fill(fields.body);
  await form.getByRole("textbox", { name: "Name" }).fill(fields.name);
  await form.getByRole("textbox", { name: "E-mail" }).fill(fields.email);
  if (fields.url !== undefined) await form.getByRole("textbox", { name: "Website" }).fill(fields.url);
}

function isPost(response: Response): boolean {
  return response.request().method() === "POST" && /\/api\/v1\/articles\/[^/]+\/comments$/.test(new URL(response.url()).pathname);
}

/**
 * Solves the captcha, submits and returns the server's answer; waits out the
 * flood limit (429 + Retry-After) when tests post back to back.
 */
async function submit(page: Page, form: Locator, buttonName: string): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    await solveCaptcha(form);
    const [response] = await Promise.all([page.waitForResponse(isPost), form.getByRole("button", { name: buttonName }).click()]);
    if (response.status() !== 429 || attempt >= 2) return response;
    await page.waitForTimeout((Number(response.headers()["retry-after"] ?? "1") + 0.5) * 1000);
  }
}

/** Checks what the author sees after a 201, whichever outcome the server chose. */
async function expectPosted(page: Page, response: Response, body: string, notices: Locator): Promise<{ id: string; status: string }> {
  expect(response.status()).toBe(201);
  const posted = (await response.json()) as { id: string; status: "approved" | "pending"; message: string };
  test.info().annotations.push({ type: "outcome", description: posted.status });
  if (posted.status === "approved") {
    const item = page.locator(`#comment-${posted.id}`);
    await expect(item).toContainText(body);
    await expect(item).toHaveClass(/comment-item-new/);
    await expect(item).toBeInViewport();
    await expect(page).toHaveURL(new RegExp(`#comment-${posted.id}$`));
  } else {
    expect(posted.status).toBe("pending");
    await expect(notices.getByText("Your comment is awaiting moderation.")).toBeVisible();
    await expect(notices.getByRole("article", { name: "Your comment, awaiting moderation" })).toContainText(body);
    await expect(page.locator(`#comment-${posted.id}`)).toHaveCount(0);
  }
  return posted;
}

async function storedDraftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith("comments:draft:")));
}

test.describe("a reader posting", () => {
  test("sees the form's fields, the captcha, the notes and the Akismet link", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const form = topForm(page);
    await expect(page.getByRole("heading", { name: "Join the discussion!" })).toBeVisible();
    await expect(form.getByRole("textbox", { name: "Comment" })).toBeVisible();
    await expect(form.getByRole("textbox", { name: "Name" })).toBeVisible();
    await expect(form.getByRole("textbox", { name: "E-mail" })).toHaveAccessibleDescription("Never shown publicly.");
    await expect(form.getByRole("textbox", { name: "Website" })).toHaveAttribute("name", "authorUrl");

    // "[  ] − a = b": the input stands where the question's "?" is.
    const captcha = captchaInput(form);
    await expect(captcha).toBeVisible();
    const [, a, b] = /minus (\d+) equals (-?\d+)/.exec((await captcha.getAttribute("aria-label")) ?? "") ?? [];
    await expect(form.getByText(`− ${a} = ${b}`)).toBeVisible();

    // The honeypot is there for bots only: hidden, unreachable, unlabelled for assistive technology.
    const honeypot = form.locator('input[name="website"]');
    await expect(honeypot).toHaveAttribute("tabindex", "-1");
    await expect(honeypot).toHaveAttribute("autocomplete", "off");
    await expect(honeypot).not.toBeInViewport();
    await expect(form.getByRole("textbox", { name: /leave this field empty/i })).toHaveCount(0);

    await expect(form.getByRole("button", { name: "Post comment" })).toBeEnabled();
    await expect(
      form.getByText(
        "Note: we try to save your comment in your browser when there are technical problems. Still, for long comments we recommend that you copy them somewhere else as a backup before you submit them.",
        { exact: true },
      ),
    ).toBeVisible();
    await expect(form.getByText("This site uses Akismet to reduce spam. Learn how your comment data is processed.", { exact: true })).toBeVisible();
    await expect(form.getByRole("link", { name: "Learn how your comment data is processed" })).toHaveAttribute("href", "/privacy");
    await expect(page.getByRole("button", { name: "Reply to Marta Quintero" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Report comment by Marta Quintero" }).first()).toBeVisible();
  });

  test("gets the form's own errors on their fields and sends nothing", async ({ page }) => {
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/api/v1/articles/")) posts.push(request.url());
    });
    await page.goto(`/articles/${seedSlug}`);
    const form = topForm(page);
    await expect(captchaInput(form)).toBeEditable();
    await form.getByRole("button", { name: "Post comment" }).click();

    const body = form.getByRole("textbox", { name: "Comment" });
    await expect(body).toHaveAttribute("aria-invalid", "true");
    await expect(body).toHaveAccessibleDescription(/must be at least 2 characters/);
    await expect(body).toBeFocused();
    await expect(form.getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription("Enter your name");
    await expect(form.getByRole("textbox", { name: "E-mail" })).toHaveAccessibleDescription(/Enter your e-mail address/);
    await expect(captchaInput(form)).toHaveAccessibleDescription("Enter the missing number as digits");

    await form.getByRole("textbox", { name: "E-mail" }).fill("not-an-address");
    await form.getByRole("textbox", { name: "Website" }).fill("example.org");
    await form.getByRole("button", { name: "Post comment" }).click();
    await expect(form.getByRole("textbox", { name: "E-mail" })).toHaveAccessibleDescription(/Enter a valid e-mail address/);
    await expect(form.getByRole("textbox", { name: "Website" })).toHaveAccessibleDescription(/Enter a full web address/);

    // Fixing a field clears its error as the reader types.
    await body.fill("Now this is long enough.");
    await expect(body).not.toHaveAttribute("aria-invalid", "true");
    expect(posts).toEqual([]);
  });

  test("sees the server's captcha error on the captcha field and keeps the text", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const form = topForm(page);
    const text = unique("A comment with a wrong sum");
    await fillComment(form, { body: text, ...newcomer() });
    await solveCaptcha(form, { wrong: true });
    const [response] = await Promise.all([page.waitForResponse(isPost), form.getByRole("button", { name: "Post comment" }).click()]);
    expect(response.status()).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
    expect(error.code).toBe("captcha");

    const captcha = form.getByRole("textbox", { name: /^what number/i });
    await expect(captcha).toHaveAttribute("aria-invalid", "true");
    await expect(captcha).toHaveAccessibleDescription(error.fields?.captchaAnswer ?? error.message);
    await expect(captcha).toHaveValue("");
    await expect(form.getByRole("textbox", { name: "Comment" })).toHaveValue(text);
    // The token was spent: a new question is ready for the next try.
    await expect(captchaInput(form)).toBeEditable();
    expect(await storedDraftKeys(page)).toContain(`comments:draft:${seedSlug}:top`);
  });

  test("posts a top-level comment and sees it highlighted or awaiting moderation", async ({ page }) => {
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/api/v1/articles/")) posts.push(request.url());
    });
    await page.goto(`/articles/${seedSlug}`);
    const form = topForm(page);
    const author = newcomer();
    const text = unique("Thank you for the careful sourcing in this piece.");
    await fillComment(form, { body: text, ...author, url: "https://reader.example.net" });
    await solveCaptcha(form);

    // Hold the request so the in-flight state can be seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(postPattern, async (route) => {
      await held;
      await route.continue();
    });
    const responsePromise = page.waitForResponse(isPost);
    await form.getByRole("button", { name: "Post comment" }).click();
    await expect(form.getByRole("button", { name: "Posting…" })).toBeDisabled();
    // Enter in a field cannot submit a second time while the first is in flight.
    await form.getByRole("textbox", { name: "Name" }).press("Enter");
    release();
    const response = await responsePromise;
    await page.unroute(postPattern);

    expect(posts).toHaveLength(1);
    expect(response.request().postDataJSON()).toMatchObject({
      body: text,
      authorName: author.name,
      authorEmail: author.email,
      authorUrl: "https://reader.example.net",
      website: "",
      captchaToken: expect.any(String),
      captchaAnswer: expect.stringMatching(/^\d+$/),
    });
    expect(response.request().postDataJSON()).not.toHaveProperty("parentId");

    await expectPosted(page, response, text, page.locator(".join"));
    await expect(form.getByRole("button", { name: "Post comment" })).toBeEnabled();
    await expect(form.getByRole("textbox", { name: "Comment" })).toHaveValue("");
    expect(await storedDraftKeys(page)).toEqual([]);
    // The author's details are remembered for the next comment.
    await page.reload();
    await expect(topForm(page).getByRole("textbox", { name: "Name" })).toHaveValue(author.name);
    await expect(topForm(page).getByRole("textbox", { name: "E-mail" })).toHaveValue(author.email);
    await expect(topForm(page).getByRole("textbox", { name: "Comment" })).toHaveValue("");
  });

  test("sees a published comment appear in place, highlighted, without a reload", async ({ page }) => {
    await page.goto(`/articles/${otherSlug}`);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const form = topForm(page);
    const text = unique("Our street's trees came through the heatwave thanks to the watering rota.");
    await fillComment(form, { body: text, name: trustedAuthor.name, email: trustedAuthor.email });
    const response = await submit(page, form, "Post comment");
    const posted = await expectPosted(page, response, text, page.locator(".join"));
    if (posted.status === "approved") {
      await expect(page.getByRole("status").getByRole("link", { name: "See it in the discussion" })).toHaveAttribute("href", `#comment-${posted.id}`);
    }
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  test("sees a personal attack held for moderation even from a trusted author", async ({ page }) => {
    await page.goto(`/articles/${otherSlug}`);
    const form = topForm(page);
    const text = "You are a pathetic idiot and a paid liar, Flores.";
    await fillComment(form, { body: text, name: trustedAuthor.name, email: trustedAuthor.email });
    const response = await submit(page, form, "Post comment");
    const posted = await expectPosted(page, response, text, page.locator(".join"));
    // Ines has approved comments, so only the rule queue can have held this one.
    expect(posted.status).toBe("pending");
  });

  test("replies under a comment with Reply, and Cancel reply closes the form", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const parent = page.getByRole("article", { name: "Comment by Sam O'Connell" });
    const parentId = ((await parent.getByRole("link", { name: /link to the comment by Sam O'Connell$/ }).getAttribute("href")) ?? "").replace("#comment-", "");
    const replyButton = parent.getByRole("button", { name: "Reply to Sam O'Connell" });

    await replyButton.click();
    const replyForm = parent.getByRole("form", { name: "Reply to Sam O'Connell" });
    await expect(replyForm.getByRole("textbox", { name: "Comment" })).toBeFocused();
    await expect(replyButton).toHaveAttribute("aria-expanded", "true");
    await replyForm.getByRole("button", { name: "Cancel reply" }).click();
    await expect(replyForm).toHaveCount(0);
    await expect(replyButton).toBeFocused();

    // Only one reply form at a time.
    await page.getByRole("button", { name: "Reply to Priya Raman" }).click();
    await replyButton.click();
    await expect(page.getByRole("form", { name: "Reply to Priya Raman" })).toHaveCount(0);

    const text = unique("Fair point, though the documents were never published in full.");
    await fillComment(replyForm, { body: text, ...newcomer() });
    const response = await submit(page, replyForm, "Post reply");
    expect(response.request().postDataJSON()).toMatchObject({ parentId, body: text });
    const posted = await expectPosted(page, response, text, parent);
    if (posted.status === "approved") {
      await expect(page.getByRole("list", { name: "Replies to Sam O'Connell" }).locator(`#comment-${posted.id}`)).toBeVisible();
    }
    await expect(replyForm).toHaveCount(0);
    expect(await storedDraftKeys(page)).not.toContain(`comments:draft:${seedSlug}:${parentId}`);
  });

  test("finds the draft again after a reload, for the comment and for each reply", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const form = topForm(page);
    const author = newcomer();
    const text = unique("A long thought I do not want to lose.");
    await fillComment(form, { body: text, ...author, url: "https://blog.example.net" });
    const replyForm = page.getByRole("form", { name: "Reply to Priya Raman" });
    await page.getByRole("button", { name: "Reply to Priya Raman" }).click();
    await replyForm.getByRole("textbox", { name: "Comment" }).fill("A reply in progress.");
    await expect.poll(() => storedDraftKeys(page)).toHaveLength(2);

    await page.reload();
    const restored = topForm(page);
    await expect(restored.getByRole("textbox", { name: "Comment" })).toHaveValue(text);
    await expect(restored.getByRole("textbox", { name: "Name" })).toHaveValue(author.name);
    await expect(restored.getByRole("textbox", { name: "E-mail" })).toHaveValue(author.email);
    await expect(restored.getByRole("textbox", { name: "Website" })).toHaveValue("https://blog.example.net");
    await page.getByRole("button", { name: "Reply to Priya Raman" }).click();
    await expect(replyForm.getByRole("textbox", { name: "Comment" })).toHaveValue("A reply in progress.");
    await expect(captchaInput(restored)).toHaveValue("");
  });

  test("keeps the draft when the server cannot be reached, and posts it once it can", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const form = topForm(page);
    const author = newcomer();
    const text = unique("Posted through a flaky connection.");
    await fillComment(form, { body: text, ...author });
    await page.route(postPattern, (route) => route.abort());

    await solveCaptcha(form);
    await form.getByRole("button", { name: "Post comment" }).click();
    await expect(form.getByRole("alert")).toHaveText(NETWORK_MESSAGE);
    await expect(form.getByRole("textbox", { name: "Comment" })).toHaveValue(text);
    await expect(form.getByRole("button", { name: "Post comment" })).toBeEnabled();

    await page.reload();
    const restored = topForm(page);
    await expect(restored.getByRole("textbox", { name: "Comment" })).toHaveValue(text);
    await expect(restored.getByRole("textbox", { name: "E-mail" })).toHaveValue(author.email);

    await page.unroute(postPattern);
    const response = await submit(page, restored, "Post comment");
    await expectPosted(page, response, text, page.locator(".join"));
    expect(await storedDraftKeys(page)).toEqual([]);
  });

  test("reports a comment once", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const comment = page.getByRole("article", { name: "Comment by Jorge Almeida" });
    await comment.getByRole("button", { name: "Report comment by Jorge Almeida" }).click();
    const report = comment.getByRole("form", { name: "Report comment by Jorge Almeida" });
    await expect(report.getByRole("radio")).toHaveCount(7);
    await expect(report.getByRole("radio", { name: "Personal attack" })).toBeFocused();

    await report.getByRole("button", { name: "Send report" }).click();
    await expect(report.getByText("Choose a reason.")).toBeVisible();

    await report.getByRole("radio", { name: "Spam" }).check();
    await report.getByRole("textbox", { name: "Note for the moderators (optional)" }).fill("Looks copied from elsewhere.");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/reports")),
      report.getByRole("button", { name: "Send report" }).click(),
    ]);
    expect(response.status()).toBe(202);
    expect(response.request().postDataJSON()).toEqual({ reason: "spam", note: "Looks copied from elsewhere." });
    await expect(comment.getByRole("status")).toHaveText("Thanks — a moderator will review it.");
    await expect(report).toHaveCount(0);

    await page.reload();
    await comment.getByRole("button", { name: "Report comment by Jorge Almeida" }).click();
    await report.getByRole("radio", { name: "Abuse or harassment" }).check();
    await report.getByRole("button", { name: "Send report" }).click();
    await expect(comment.getByRole("status")).toHaveText("You have already reported this comment.");
  });
});
