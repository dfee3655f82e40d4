// Issue #13, items 7 and 10: what a client can put in a field. PostgreSQL
// refuses a NUL byte in text, so one used to reach the database and come back
// as a 500; control characters, invisible-only names and bodies, and
// text-direction overrides in names are refused with 400 naming the field.
// The captcha answer may be a JSON number (SPEC.md).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createArticle } from "../support/factories";
import { postCommentRaw, postCommentWithCaptcha, postReportRequest, solvedCaptcha } from "../support/posting";

let slug: string;
let publishedId: string;

beforeAll(async () => {
  const db = getDb();
  ({ article: { slug } } = await createArticle(db));
  const posted = await postCommentWithCaptcha(slug, { body: "A published comment to report." });
  publishedId = posted.body.id as string;
  await db.comment.update({ where: { id: publishedId }, data: { status: "approved" } });
});

describe("POST /api/v1/articles/{slug}/comments: characters a field may not hold", () => {
  it.each([
    ["a NUL byte in the body", { body: "Before\u0000after, a comment." }, "body"],
    ["a NUL byte in the name", { authorName: "Ana\u0000" }, "authorName"],
    ["a NUL byte in the website", { authorUrl: "https://example.org/\u0000" }, "authorUrl"],
    ["a NUL byte in the parent id", { parentId: "abc\u0000" }, "parentId"],
    ["a NUL byte in the e-mail", { authorEmail: "ana\u0000@example.org" }, "authorEmail"],
    ["a bell in the name", { authorName: "Ana\u0007" }, "authorName"],
    ["an escape sequence in the body", { body: "Look \u001b[31mred\u001b[0m at this comment." }, "body"],
    ["a name of zero-width spaces only", { authorName: "\u200b\u200c\u200d\ufeff" }, "authorName"],
    ["a body of zero-width characters only", { body: "\u200b\u2060\u200b\u2060\u200b\u2060\u200b" }, "body"],
    ["a right-to-left override in the name", { authorName: "Moderator\u202e nimda" }, "authorName"],
    ["a direction isolate in the name", { authorName: "\u2067Ana\u2069" }, "authorName"],
    ["a captcha answer that is not a whole number", { captchaAnswer: 5.5 }, "captchaAnswer"],
  ])("%s → 400 validation naming %s, nothing stored", async (_name, fields, field) => {
    const before = await getDb().comment.count();
    const { status, body } = await postCommentWithCaptcha(slug, fields);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "validation", fields: { [field]: expect.any(String) } } });
    expect(await getDb().comment.count()).toBe(before);
  });

  it("names a NUL byte in a field it does not know, rather than failing with a 500", async () => {
    const result = await postCommentRaw(slug, JSON.stringify({ ...(await solvedCaptcha()), authorName: "Ana", authorEmail: "ana@example.org", body: "A fine comment here.", extra: "x\u0000" }));
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: "validation", fields: { extra: expect.stringContaining("NUL") } } });
  });

  it("keeps new lines and tabs in a body, and right-to-left text with its marks in names and bodies", async () => {
    const posted = await postCommentWithCaptcha(slug, { authorName: "\u0639\u0644\u064a\u200f", body: "First line,\n\tthen an indented one.\n\u0645\u0631\u062d\u0628\u0627" });
    expect(posted.status).toBe(201);
  });

  it.each([
    ["a JSON number", (answer: string) => Number(answer)],
    ["a string of digits", (answer: string) => answer],
  ])("takes the captcha answer as %s", async (_name, asSent) => {
    const { captchaToken, captchaAnswer } = await solvedCaptcha();
    const posted = await postCommentWithCaptcha(slug, { captchaToken, captchaAnswer: asSent(captchaAnswer), body: `The answer sent as ${_name}.` });
    expect(posted.status).toBe(201);
  });
});

describe("POST /api/v1/comments/{id}/reports: characters a field may not hold", () => {
  it("refuses a NUL byte in the note with 400 naming note", async () => {
    const result = await postReportRequest(publishedId, { reason: "other", note: "see\u0000this" });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: "validation", fields: { note: expect.any(String) } } });
  });

  it("answers a comment id holding a NUL byte with 404, not 500", async () => {
    const result = await postReportRequest(`${publishedId}\u0000`, { reason: "other" });
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: "not_found" } });
  });
});
