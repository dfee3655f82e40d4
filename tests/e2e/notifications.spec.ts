// Readers' notifications in Chromium (issue #17): a reader ticks "Notify me of
// replies" on the article page, confirms from the link in the captured mail, a
// second reader replies, a moderator approves the reply in the dashboard, and
// the first reader's reply mail arrives with its unsubscribe headers. Mail goes
// through the SMTP capture the config starts (tests/support/smtp-capture-server.ts).
import { mkdirSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { e2eModerator } from "./accounts";
import { postComment, unique } from "./dashboard-support";

const slug = "shade-before-air-conditioning";
const smtpReadPort = Number(process.env.E2E_PORT ?? 3100) + 97;
const screenshots = "test-results/screenshots";

interface Mail {
  rcptTo: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

async function mailsTo(request: APIRequestContext, address: string): Promise<Mail[]> {
  const messages = (await (await request.get(`http://127.0.0.1:${smtpReadPort}/messages`)).json()) as Mail[];
  return messages.filter((message) => message.rcptTo.includes(address));
}

/** Waits for the outbox worker to deliver a mail to `address` whose subject matches. */
async function waitForMail(request: APIRequestContext, address: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(request, address)).find((mail) => subject.test(mail.subject));
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

async function signIn(page: Page): Promise<void> {
  await page.goto("/login?callbackUrl=/moderation/queue/pending");
  await page.getByLabel("E-mail").fill(e2eModerator.email);
  await page.getByLabel("Password").fill(e2eModerator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/moderation/queue/pending");
}

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

test("a reader asks for replies, confirms from the mail, and gets the mail when a moderator approves a reply", async ({ page }) => {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const ana = { name: `Ana ${id}`, email: `ana-${id}@example.net` };
  const beto = { authorName: `Beto ${id}`, authorEmail: `beto-${id}@example.net` };

  // Ana posts from the article page with "Notify me of replies" ticked.
  await page.goto(`/articles/${slug}`);
  const form = page.getByRole("form", { name: "Post a comment" });
  await form.getByRole("textbox", { name: "Comment" }).fill(unique("Shade trees did more for these streets than any machine."));
  await form.getByRole("textbox", { name: "Name" }).fill(ana.name);
  await form.getByRole("textbox", { name: "E-mail" }).fill(ana.email);
  const notify = form.getByRole("checkbox", { name: "Notify me of replies by e-mail" });
  await notify.check();
  await expect(form.getByRole("checkbox", { name: "Follow this discussion" })).not.toBeChecked();
  await expect(form.getByText("We'll send one e-mail to confirm first.")).toBeVisible();
  await form.screenshot({ path: `${screenshots}/comment-form-notifications.png` });
  const captcha = form.getByRole("textbox", { name: /what number/i });
  await expect(captcha).toBeEditable();
  const match = /^what number (minus|plus) (\d+) equals (-?\d+)\?$/i.exec((await captcha.getAttribute("aria-label")) ?? "");
  await captcha.fill(String(match![1]!.toLowerCase() === "minus" ? Number(match![2]) + Number(match![3]) : Number(match![3]) - Number(match![2])));
  const [posted] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === `/api/v1/articles/${slug}/comments`),
    form.getByRole("button", { name: "Post comment" }).click(),
  ]);
  expect(posted.status()).toBe(201);
  const parentId = ((await posted.json()) as { id: string }).id;

  // One confirmation mail; its link opens a page whose button confirms (fetching it confirms nothing).
  const confirmation = await waitForMail(page.request, ana.email, /Confirm your e-mail notifications/);
  expect(confirmation.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const link = /(http:\/\/127\.0\.0\.1:\d+\/notifications\/confirm\?token=\S+)/.exec(confirmation.text)![1]!;
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your e-mail notifications" })).toBeVisible();
  await page.screenshot({ path: `${screenshots}/notifications-confirm.png`, fullPage: true });
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Your address is confirmed" })).toBeVisible();

  // A moderator publishes Ana's comment; Beto replies; the moderator approves the reply in the dashboard.
  await signIn(page);
  const approved = await page.request.post(`/api/v1/moderation/comments/${parentId}/decision`, { data: { action: "approve" } });
  expect(approved.status()).toBe(200);
  const reply = await postComment(page.request, slug, { ...beto, parentId, body: unique("Trees, yes, but someone has to water them in August.") });
  expect(reply.status).toBe(201);
  expect(reply.body.status).toBe("pending");
  await page.goto("/moderation/queue/pending");
  const card = page.getByRole("article", { name: `Comment by ${beto.authorName}` });
  await expect(card).toBeVisible();
  const decided = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/decision") && response.request().method() === "POST");
  await card.getByRole("button", { name: "Approve" }).click();
  expect((await decided).status()).toBe(200);

  // Ana's mail: who replied, a link to the reply, the one-click unsubscribe headers; never Beto's address.
  const replyMail = await waitForMail(page.request, ana.email, /replied to your comment/);
  expect(replyMail.subject).toContain(`${beto.authorName} replied to your comment`);
  expect(replyMail.text).toContain(`/articles/${slug}#comment-${reply.body.id}`);
  expect(replyMail.headers["list-unsubscribe"]).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/notifications\/unsubscribe\?token=[^>]+>$/);
  expect(replyMail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  expect(replyMail.text).toContain("/notifications/unsubscribe?token=");
  expect(replyMail.text).not.toContain(beto.authorEmail);
  expect((await mailsTo(page.request, ana.email)).filter((mail) => /Confirm/.test(mail.subject))).toHaveLength(1);
});
