// The reader pages without a mouse: the skip link comes first, Escape closes
// reply and report forms and gives focus back, and after posting focus lands
// on the confirmation, in view and inside a status region.
import { expect, test, type Locator } from "@playwright/test";

const seedSlug = "an-attack-on-venezuelas-democracy";
// Posting goes to a demo article the reader spec does not count comments on.
const postSlug = "shade-before-air-conditioning";

async function solveCaptcha(form: Locator): Promise<void> {
  const input = form.getByRole("textbox", { name: /^what number (minus|plus) \d+ equals -?\d+\?$/i });
  await expect(input).toBeEditable();
  const match = /^what number (minus|plus) (\d+) equals (-?\d+)\?$/i.exec((await input.getAttribute("aria-label")) ?? "");
  if (!match) throw new Error("Unexpected captcha question");
  const [, operator, a, b] = match;
  await input.fill(String(operator!.toLowerCase() === "minus" ? Number(a) + Number(b) : Number(b) - Number(a)));
}

test.describe("a keyboard user", () => {
  test("reaches the skip link first, and it moves focus to the content", async ({ page }) => {
    await page.goto("/guidelines");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    // The next Tab continues inside the content, not back in the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
  });

  test("on an article, can skip straight to the comments", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Tab");
    const toComments = page.getByRole("link", { name: "Skip to the comments" });
    await expect(toComments).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#comments$/);
    await expect(page.locator("#comments")).toBeInViewport();
  });

  test("closes a reply form with Escape and is back on Reply", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const replyButton = page.getByRole("button", { name: "Reply to Sam O'Connell" });
    await replyButton.focus();
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Reply to Sam O'Connell" });
    await expect(form.getByRole("textbox", { name: "Comment" })).toBeFocused();
    await page.keyboard.type("Half a thought");
    await page.keyboard.press("Escape");
    await expect(form).toHaveCount(0);
    await expect(replyButton).toBeFocused();
    await expect(replyButton).toHaveAttribute("aria-expanded", "false");
  });

  test("closes a report form with Escape and is back on Report", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    const reportButton = page.getByRole("button", { name: "Report comment by Priya Raman" });
    await reportButton.focus();
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Report comment by Priya Raman" });
    await expect(form.getByRole("radio").first()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(form).toHaveCount(0);
    await expect(reportButton).toBeFocused();
  });

  test("after sending a report, is on what became of it", async ({ page }) => {
    await page.goto(`/articles/${seedSlug}`);
    await page.getByRole("button", { name: "Report comment by Aurelio Campos" }).focus();
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Report comment by Aurelio Campos" });
    await expect(form.getByRole("radio").first()).toBeFocused();
    await page.keyboard.press("Space");
    await form.getByRole("button", { name: "Send report" }).focus();
    await page.keyboard.press("Enter");
    const outcome = page.getByRole("article", { name: "Comment by Aurelio Campos" }).getByRole("status");
    // A report from this browser's network may have been sent by an earlier run: either answer is said, and focused.
    await expect(outcome.locator(".report-outcome")).toBeFocused();
    await expect(outcome).toHaveText(/Thanks — a moderator will review it\.|You have already reported this comment\./);
  });

  test("after posting, is on the confirmation, which is in view and in a status region", async ({ page }) => {
    await page.goto(`/articles/${postSlug}`);
    const form = page.getByRole("form", { name: "Post a comment" });
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    await form.getByRole("textbox", { name: "Comment" }).fill(`Shade matters more than people think (${id}).`);
    await form.getByRole("textbox", { name: "Name" }).fill(`Keyboard ${id}`);
    await form.getByRole("textbox", { name: "E-mail" }).fill(`keyboard-${id}@example.net`);
    await solveCaptcha(form);
    await form.getByRole("button", { name: "Post comment" }).focus();
    await page.keyboard.press("Enter");
    const notice = page.locator(".join [role=status] .posted-notice");
    await expect(notice).toBeFocused();
    await expect(notice).toBeInViewport();
    await expect(notice).toContainText(/published|awaiting moderation/);
  });
});
