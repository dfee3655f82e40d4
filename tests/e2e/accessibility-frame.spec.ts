// Issue #18: the framed thread holds to WCAG 2.1 A/AA and axe's best practices
// (tests/e2e/axe.ts) standing alone at /embed/… and framed in a site owner's
// page, in English and Spanish, light and dark, at desktop and phone widths —
// with comments on screen (a long run of replies cut short, a comment this
// browser respected, an editors' pick), a reply form showing the server's
// errors and a report form open. Escape closes those forms and returns to their buttons;
// after posting, the confirmation has the focus and is in view.
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { e2eModerator } from "./accounts";
import { expectNoAxeViolations, VIEWPORTS } from "./axe";
import { postComment, signInThroughApi, unique } from "./dashboard-support";
import { e2eSiteKey, hostPorts } from "./embed-hosts";

const allowedHost = `http://127.0.0.1:${hostPorts.allowed}`;
const articleKey = "a11y-frame";
const slug = `${e2eSiteKey}-${articleKey}`;

test.describe.configure({ mode: "serial" });

/** The comment this browser respected (the frame's script presses its button from storage). */
let respectedId = "";

/** Reads the captcha's spoken question (English or Spanish) in a form and types the answer. */
async function solveCaptcha(scope: FrameLocator | Page): Promise<void> {
  const input = scope.locator("form[data-comment-form] input[name=captchaAnswer]").first();
  await expect(input).toBeEditable();
  const label = (await input.getAttribute("aria-label")) ?? "";
  const match = /^¿?(?:what number|qué número) (minus|plus|menos|más) (\d+) (?:equals|es igual a) (-?\d+)\?$/i.exec(label);
  if (!match) throw new Error(`unexpected captcha question: ${label}`);
  const [, operator, a, b] = match;
  await input.fill(String(/minus|menos/i.test(operator!) ? Number(a) + Number(b) : Number(b) - Number(a)));
}

/** Puts what the issue asks to be checked on screen: comments, an open reply form with the server's errors, an open report form with its own. */
async function openFormsWithErrors(scope: FrameLocator | Page): Promise<void> {
  await expect(scope.locator("article.comment").first()).toBeVisible();
  await scope.locator("button[data-action=reply]").first().click();
  const reply = scope.locator(".comment-form-reply form");
  // The reply form asks for its own captcha first; an empty reply then comes back with the server's field errors.
  await expect(reply.locator("input[name=captchaAnswer]")).toBeEditable();
  await reply.locator("button[type=submit]").click();
  await expect(reply.locator(".field-error").first()).toBeVisible();
  await expect(reply.locator("textarea[name=body]")).toHaveAttribute("aria-invalid", "true");
  await scope.locator("button[data-action=report]").nth(1).click();
  const report = scope.locator("form[data-report-form]");
  await report.locator("button[type=submit]").click();
  await expect(report.locator(".field-error")).toBeVisible();
}

test("a thread with approved comments to check", async ({ page, baseURL }) => {
  // Loading the host page creates the article (its origin is allowed); two readers comment and a moderator approves them.
  await page.goto(`${allowedHost}/article.html?keys=${articleKey}`);
  await expect(page.frameLocator("iframe").first().locator("main.embed-frame")).toBeVisible();
  const held: string[] = [];
  const ids: string[] = [];
  const post = async (authorName: string, body: string, parentId?: string) => {
    const posted = await postComment(page.request, slug, { authorName, authorEmail: `a11y-${ids.length}-${Date.now()}@example.net`, body: unique(body), ...(parentId ? { parentId } : {}) });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    if (posted.body.status !== "approved") held.push(posted.body.id!);
    ids.push(posted.body.id!);
  };
  const approveHeld = async () => {
    for (const id of held.splice(0)) expect((await page.request.post(`${baseURL}/api/v1/moderation/comments/${id}/decision`, { data: { action: "approve" } })).status()).toBe(200);
  };
  for (const [index, name] of ["Ada Lovelace", "Grace Hopper"].entries()) await post(name, `Comment ${index + 1} for the accessibility checks, with a link to https://example.org.`);
  expect(await signInThroughApi(page.request, e2eModerator)).not.toContain("error=");
  await approveHeld();
  const [ada, grace] = ids as [string, string];
  // A run of replies long enough to be cut ("Show 2 more replies"), each with its own controls.
  for (let index = 1; index <= 5; index += 1) await post(`Reader ${index}`, `Reply ${index} for the accessibility checks.`, ada);
  await approveHeld();
  // An editors' pick, in its own section.
  const featured = await page.request.post(`${baseURL}/api/v1/moderation/comments/${grace}/feature`, { data: { featured: true } });
  expect(featured.status()).toBe(200);
  respectedId = grace;
});

for (const locale of ["en", "es"] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      test(`no axe violations in ${locale}, ${colorScheme}, ${width}: alone and framed, with comments, a refused reply and a report form`, async ({ page, baseURL }) => {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        await page.addInitScript((id) => window.localStorage.setItem("comments:respected", JSON.stringify([id])), respectedId);

        await page.goto(`${baseURL}/embed/${e2eSiteKey}/${articleKey}?lang=${locale}`);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByRole("main")).toBeVisible();
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await openFormsWithErrors(page);
        await expectNoAxeViolations(page, `the frame alone (${locale}, ${colorScheme}, ${width})`);

        await page.goto(`${allowedHost}/article.html?keys=${articleKey}&lang=${locale}`);
        const frame = page.frameLocator("iframe").first();
        await openFormsWithErrors(frame);
        await expectNoAxeViolations(page, `the frame in the host page (${locale}, ${colorScheme}, ${width})`);
      });
    }
  }
}

test("Escape closes the reply and report forms and puts the focus back on their buttons", async ({ page }) => {
  await page.goto(`${allowedHost}/article.html?keys=${articleKey}`);
  const frame = page.frameLocator("iframe").first();
  const replyButton = frame.locator("button[data-action=reply]").first();
  await replyButton.click();
  await expect(replyButton).toHaveAttribute("aria-expanded", "true");
  const replyBody = frame.locator(".comment-form-reply textarea[name=body]");
  await expect(replyBody).toBeFocused();
  await replyBody.press("Escape");
  await expect(frame.locator(".comment-form-reply")).toHaveCount(0);
  await expect(replyButton).toBeFocused();
  await expect(replyButton).toHaveAttribute("aria-expanded", "false");

  const reportButton = frame.locator("button[data-action=report]").first();
  await reportButton.click();
  const reason = frame.locator("form[data-report-form] input[name=reason]").first();
  await expect(reason).toBeFocused();
  await reason.press("Escape");
  await expect(frame.locator("form[data-report-form]")).toHaveCount(0);
  await expect(reportButton).toBeFocused();
});

test("after posting, the confirmation has the focus, is in view and is in a live region", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto(`${allowedHost}/article.html?keys=${articleKey}`);
  const frame = page.frameLocator("iframe").first();
  const form = frame.locator("form[data-comment-form]").first();
  await form.locator("textarea[name=body]").fill(unique("A first-time reader's comment, held for a moderator."));
  await form.locator("input[name=authorName]").fill("Focus Reader");
  await form.locator("input[name=authorEmail]").fill(`focus-${Date.now()}@example.net`);
  await solveCaptcha(frame);
  await form.locator("button[type=submit]").click();
  const notice = frame.locator(".comment-form-status .posted-notice");
  await expect(notice).toContainText("Your comment is awaiting moderation.");
  await expect(notice).toBeFocused();
  await expect(frame.locator(".comment-form-status")).toHaveAttribute("role", "status");
  // In view on the host page: the frame is as tall as its content, so the host page scrolled to it (to the pixel: the frame may sit at a fraction of one).
  await expect.poll(async () => {
    const box = await notice.boundingBox();
    return box !== null && box.y > -1 && box.y + Math.min(box.height, 50) <= VIEWPORTS.phone.height;
  }).toBe(true);
});
