import { describe, expect, it } from "vitest";
import type { ApiError } from "@/components/comments/comments-api";
import { hasSpentCaptcha, placeServerError, SAVED_NOTE } from "@/components/comments/reader-messages";

const error = (overrides: Partial<ApiError>): ApiError => ({ status: 400, code: "validation", message: "Invalid input", fields: {}, retryAfterSeconds: null, ...overrides });

describe("placeServerError", () => {
  it("puts each named field's message under it and focuses the first in form order", () => {
    const placed = placeServerError(error({ fields: { authorEmail: "Enter a valid e-mail address", body: "Write a comment", parentId: "not yours" } }));
    expect(placed).toEqual({ fields: { authorEmail: "Enter a valid e-mail address", body: "Write a comment" }, formMessage: null, focus: "body" });
  });

  it("gives a captcha token's problem to the answer field", () => {
    expect(placeServerError(error({ code: "captcha", message: "That answer is not right", fields: { captchaToken: "expired" } })).fields).toEqual({ captchaAnswer: "expired" });
    expect(placeServerError(error({ code: "captcha", message: "That answer is not right" })).fields).toEqual({ captchaAnswer: "That answer is not right" });
  });

  it("says when to try again after a rate limit, and that the text is kept", () => {
    expect(placeServerError(error({ status: 429, code: "rate_limited", message: "You are posting too fast.", retryAfterSeconds: 30 })).formMessage).toBe(
      `You are posting too fast. You can try again in 30 seconds. ${SAVED_NOTE}`,
    );
  });

  it("says a server failure over the form, with the text kept", () => {
    expect(placeServerError(error({ status: 500, code: "internal", message: "Something broke." }))).toEqual({ fields: {}, formMessage: `Something broke. ${SAVED_NOTE}`, focus: null });
    expect(placeServerError(error({ status: 403, code: "banned", message: "You are banned." })).formMessage).toBe("You are banned.");
  });
});

describe("hasSpentCaptcha", () => {
  it("is false only for refusals made before the captcha is checked", () => {
    expect(hasSpentCaptcha(error({ code: "validation" }))).toBe(false);
    expect(hasSpentCaptcha(error({ status: 413, code: "too_large" }))).toBe(false);
    for (const code of ["captcha", "rate_limited", "duplicate", "banned", "closed", "internal"]) expect(hasSpentCaptcha(error({ code }))).toBe(true);
  });
});
