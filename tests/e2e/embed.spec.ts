// A site owner's page on another origin embeds two threads and a count with
// one script tag; the frame grows to its content, a comment posted inside it
// appears once approved, and the count follows. From an origin the site does
// not allow, no article is created and the browser refuses to frame the thread.
// A site with a secret starts discussions only from signed embeds, and what
// embeds create stays off the public index.
import { execFile } from "node:child_process";
import { expect, test, type FrameLocator, type Locator, type Page } from "@playwright/test";
import { e2eModerator } from "./accounts";
import { postComment, signInThroughApi, unique } from "./dashboard-support";
import { e2eSiteKey, hostPorts } from "./embed-hosts";

const allowedHost = `http://127.0.0.1:${hostPorts.allowed}`;
const refusedHost = `http://127.0.0.1:${hostPorts.refused}`;

function frames(page: Page): FrameLocator[] {
  return [0, 1].map((index) => page.frameLocator('iframe[title="Comments"]').nth(index));
}

/** Reads "What number minus 2 equals 3?" from the captcha field (in the frame, or in one form of it) and types the answer. */
async function solveCaptcha(scope: FrameLocator | Locator): Promise<void> {
  const input = scope.getByRole("textbox", { name: /^what number (minus|plus) \d+ equals -?\d+\?$/i });
  await expect(input).toBeEditable();
  const match = /^what number (minus|plus) (\d+) equals (-?\d+)\?$/i.exec((await input.getAttribute("aria-label")) ?? "");
  if (!match) throw new Error("unexpected captcha question");
  const [, operator, a, b] = match;
  await input.fill(String(operator!.toLowerCase() === "minus" ? Number(a) + Number(b) : Number(b) - Number(a)));
}

test.describe.configure({ mode: "serial" });

/** The reader whose comment the first test posts and a moderator approves: trusted from then on. */
const trustedReader = { name: "", email: "" };
/** The slug the first test's article was given (site key + article key). */
const firstSlug = `${e2eSiteKey}-e2e-embed-one`;

test("embeds two live threads and a count on an allowed origin; a comment posted inside appears after approval", async ({ page, baseURL }) => {
  await page.goto(`${allowedHost}/article.html?keys=e2e-embed-one,e2e-embed-two`);
  const [first, second] = frames(page);
  await expect(first!.getByText("Join the discussion!")).toBeVisible();
  await expect(page.locator("[data-comments-count]")).toHaveText("No comments yet");

  // The frame grows to its content: as tall as its document, no scrollbar of its own.
  const iframe = page.locator('iframe[title="Comments"]').first();
  await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0).toBeGreaterThan(400);
  const frameHeight = (await iframe.boundingBox())!.height;
  const contentHeight = await first!.locator("html").evaluate((html) => html.scrollHeight);
  expect(Math.abs(frameHeight - contentHeight)).toBeLessThanOrEqual(2);
  await page.screenshot({ path: "test-results/screenshots/embed-host.png", fullPage: true });

  // The second thread loads when it comes near the viewport.
  await page.locator('iframe[title="Comments"]').nth(1).scrollIntoViewIfNeeded();
  await expect(second!.getByText("Join the discussion!")).toBeVisible();

  const text = unique("Posted from inside the frame on the site owner's page.");
  const id = `${Date.now().toString(36)}`;
  const form = first!.getByRole("form", { name: "Post a comment" });
  await form.getByRole("textbox", { name: "Comment" }).fill(text);
  Object.assign(trustedReader, { name: `Embed Reader ${id}`, email: `embed-${id}@example.net` });
  await form.getByRole("textbox", { name: "Name" }).fill(trustedReader.name);
  await form.getByRole("textbox", { name: "E-mail" }).fill(trustedReader.email);
  await solveCaptcha(first!);
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(first!.getByText("Your comment is awaiting moderation.")).toBeVisible();

  // After a reload its author still sees it, marked awaiting moderation: from their browser, not from the shared page.
  await page.reload();
  await expect(frames(page)[0]!.getByRole("region", { name: "Your comments awaiting moderation" }).getByRole("article", { name: "Your comment, awaiting moderation" })).toContainText(text);

  // A moderator approves it.
  expect(await signInThroughApi(page.request, e2eModerator)).not.toContain("error=");
  const queue = (await (await page.request.get(`${baseURL}/api/v1/moderation/comments?queue=pending&author=embed-${id}@example.net`)).json()) as { comments: Array<{ id: string }> };
  expect(queue.comments).toHaveLength(1);
  const decision = await page.request.post(`${baseURL}/api/v1/moderation/comments/${queue.comments[0]!.id}/decision`, { data: { action: "approve" } });
  expect(decision.status()).toBe(200);

  await page.reload();
  await expect(frames(page)[0]!.getByText(text)).toBeVisible();
  await expect(page.locator("[data-comments-count]")).toHaveText("1 comment");
  // Decided: no longer kept aside as awaiting moderation.
  await expect(frames(page)[0]!.getByRole("region", { name: "Your comments awaiting moderation" })).toHaveCount(0);
});

test("inside the frame a reader's draft survives a reload, a reply is published in place, and a report is taken", async ({ page }) => {
  await page.goto(`${allowedHost}/article.html?keys=e2e-embed-one`);
  let frame = frames(page)[0]!;
  const draft = unique("A draft written in the frame that must survive a reload.");
  const topForm = frame.getByRole("form", { name: "Post a comment" });
  await topForm.getByRole("textbox", { name: "Comment" }).fill(draft);
  await topForm.getByRole("textbox", { name: "Name" }).fill("Draft Keeper");
  await page.waitForTimeout(600);
  await page.reload();
  frame = frames(page)[0]!;
  await expect(frame.getByRole("form", { name: "Post a comment" }).getByRole("textbox", { name: "Comment" })).toHaveValue(draft);
  await expect(frame.getByRole("form", { name: "Post a comment" }).getByRole("textbox", { name: "Name" })).toHaveValue("Draft Keeper");

  // Bad input: the server's message goes under the field at fault, the text stays, and the question is not spent.
  const restored = frame.getByRole("form", { name: "Post a comment" });
  // The question as it is once loaded (the frame fetches it after the page is drawn).
  await expect(restored.locator("input[name=captchaAnswer]")).toBeEditable();
  const question = await restored.locator("input[name=captchaAnswer]").getAttribute("aria-label");
  await restored.getByRole("textbox", { name: "E-mail" }).fill("not-an-email");
  await restored.getByRole("button", { name: "Post comment" }).click();
  await expect(restored.getByText("Enter a valid e-mail address, like name@example.com")).toBeVisible();
  await expect(restored.getByRole("textbox", { name: "E-mail" })).toHaveAttribute("aria-invalid", "true");
  await expect(restored.getByRole("textbox", { name: "E-mail" })).toBeFocused();
  await expect(restored.getByRole("textbox", { name: "Comment" })).toHaveValue(draft);
  expect(await restored.locator("input[name=captchaAnswer]").getAttribute("aria-label")).toBe(question);
  await restored.screenshot({ path: "test-results/screenshots/embed-field-error.png" });

  // A reply from the reader approved in the first test is published at once: the frame reloads to show it.
  await frame.getByRole("button", { name: `Reply to ${trustedReader.name}` }).click();
  const replyForm = frame.getByRole("form", { name: `Reply to ${trustedReader.name}` });
  await expect(replyForm.getByRole("textbox", { name: "Comment" })).toBeFocused();
  const reply = unique("A reply written inside the frame, published at once.");
  await replyForm.getByRole("textbox", { name: "Comment" }).fill(reply);
  await replyForm.getByRole("textbox", { name: "Name" }).fill(trustedReader.name);
  await replyForm.getByRole("textbox", { name: "E-mail" }).fill(trustedReader.email);
  await solveCaptcha(replyForm);
  await replyForm.getByRole("button", { name: "Post reply" }).click();
  await expect(frame.getByRole("link", { name: "See it in the discussion" })).toBeVisible();
  const published = frame.locator(".comment-item-new", { hasText: reply });
  await expect(published).toBeVisible();
  await expect(frame.locator(".comment-replies").getByText(reply)).toBeVisible();
  // The top-level draft is still there after the reply's reload.
  await expect(frame.getByRole("form", { name: "Post a comment" }).getByRole("textbox", { name: "Comment" })).toHaveValue(draft);

  // The reader's first comment and their reply each offer Report.
  const reportButtons = frame.getByRole("button", { name: `Report comment by ${trustedReader.name}` });
  await expect(reportButtons).toHaveCount(2);
  await reportButtons.first().click();
  const report = frame.getByRole("form", { name: `Report comment by ${trustedReader.name}` });
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByText("Choose a reason.")).toBeVisible();
  await report.getByRole("radio", { name: "Personal attack" }).check();
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(frame.getByText("Thanks — a moderator will review it.")).toBeVisible();
  await expect(reportButtons).toHaveCount(1);
  await page.screenshot({ path: "test-results/screenshots/embed-reply-report.png", fullPage: true });
});

test("a comment approved meanwhile is offered in the frame without moving the thread", async ({ page, baseURL }) => {
  await page.goto(`${allowedHost}/article.html?keys=e2e-embed-one`);
  const frame = frames(page)[0]!;
  await expect(frame.locator(".embed-frame")).toHaveAttribute("data-live-state", "live");
  const headingBefore = await frame.locator(".comment-thread").evaluate((list) => list.getBoundingClientRect().top);

  const text = unique("A comment approved while the reader had the frame open.");
  const id = Date.now().toString(36);
  const posted = await postComment(page.request, firstSlug, { authorName: `Live Reader ${id}`, authorEmail: `live-${id}@example.net`, body: text });
  expect(posted.body.status).toBe("pending");
  expect(await signInThroughApi(page.request, e2eModerator)).not.toContain("error=");
  expect((await page.request.post(`${baseURL}/api/v1/moderation/comments/${posted.body.id}/decision`, { data: { action: "approve" } })).status()).toBe(200);

  const show = frame.getByRole("button", { name: "1 new comment — show" });
  await expect(show).toBeVisible({ timeout: 3_000 });
  expect(await frame.locator(".comment-thread").evaluate((list) => list.getBoundingClientRect().top)).toBe(headingBefore);
  await show.click();
  await expect(frames(page)[0]!.getByText(text)).toBeVisible();
});

test("from an origin the site does not allow, creates no article and the browser refuses the frame", async ({ page, request, baseURL }) => {
  // An article that exists (created from the allowed origin above) is still not framed here.
  const framed = page.waitForResponse((response) => response.url().includes(`/embed/${e2eSiteKey}/e2e-embed-one`));
  await page.goto(`${refusedHost}/article.html?keys=e2e-embed-one`);
  const response = await framed;
  expect(response.headers()["content-security-policy"]).toBe(`frame-ancestors 'self' ${allowedHost}`);
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith("chrome-error://"))).toBe(true);
  await expect(frames(page)[0]!.getByText("Join the discussion!")).toHaveCount(0);

  // An unknown article asked for from this origin is not created.
  const unknown = page.waitForResponse((candidate) => candidate.url().includes(`/embed/${e2eSiteKey}/e2e-embed-refused`));
  await page.goto(`${refusedHost}/article.html?keys=e2e-embed-refused`);
  expect((await unknown).status()).toBe(404);
  expect((await request.get(`${baseURL}/embed/${e2eSiteKey}/e2e-embed-refused`)).status()).toBe(404);
  const counts = (await (await request.get(`${baseURL}/api/v1/counts?site=${e2eSiteKey}&articles=e2e-embed-one,e2e-embed-refused`)).json()) as Record<string, number>;
  // The first comment, the reply and the comment approved live: three, and none for the refused article.
  expect(counts).toEqual({ "e2e-embed-one": 3, "e2e-embed-refused": 0 });
});

/** Runs `npm run site:add` against the app under test (its data directory in playwright.config.ts): the command goes through the serving app. */
function runSiteAdd(args: string[]): Promise<{ exitCode: number; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: "", EMBEDDED_DATABASE_DIR: "./data/e2e", NEXTAUTH_URL: "" };
  return new Promise((resolve) => {
    execFile("node_modules/.bin/tsx", ["scripts/site-add.ts", ...args], { env, timeout: 60_000 }, (error, _stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : -1) : 0, stderr });
    });
  });
}

test("a site with a secret starts discussions only from signed embeds, and embeds' articles stay off the public index", async ({ page, request, baseURL }) => {
  const signedSite = "e2e-signed";
  const secret = "e2e-signed-site-secret-0123456789";
  const added = await runSiteAdd(["--name", "E2E signed", "--origin", allowedHost, "--key", signedSite, "--secret", secret]);
  expect(added.exitCode, added.stderr).toBe(0);

  // Signed with another secret (as a forger would): the frame says why and nothing is created.
  await page.goto(`${allowedHost}/article.html?site=${signedSite}&keys=e2e-signed-one&secret=not-the-site-secret-0123456789`);
  await expect(frames(page)[0]!.getByText("the embed's data-signature does not match its article, address and title")).toBeVisible();
  const refused = (await (await request.get(`${baseURL}/api/v1/counts?site=${signedSite}&articles=e2e-signed-one`)).json()) as Record<string, number>;
  expect(refused).toEqual({ "e2e-signed-one": 0 });
  expect((await request.get(`${baseURL}/embed/${signedSite}/e2e-signed-one`)).status()).toBe(404);

  // Signed with the site's secret by the owner's server: the discussion starts.
  await page.goto(`${allowedHost}/article.html?site=${signedSite}&keys=e2e-signed-one&secret=${secret}`);
  await expect(frames(page)[0]!.getByText("Join the discussion!")).toBeVisible();

  // Articles created by embeds are not on the public index, but their own pages work.
  await page.goto(`${baseURL}/`);
  await expect(page.getByRole("heading", { name: "Latest articles" })).toBeVisible();
  for (const title of ["Host article e2e-embed-one", "Host article e2e-signed-one"]) await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.goto(`${baseURL}/articles/${firstSlug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Host article e2e-embed-one" })).toBeVisible();
});
