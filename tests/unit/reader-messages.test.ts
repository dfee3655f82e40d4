import { describe, expect, it } from "vitest";
import type { ApiError } from "@/components/comments/comments-api";
import { formatRetryAfter, hasSpentCaptcha, placeServerError as placeWithKeys } from "@/components/comments/reader-messages";
import { createTranslator } from "@/lib/i18n/translate";

const english = createTranslator("en");
const spanish = createTranslator("es");
const SAVED_NOTE = english("form.messages.savedNote");
const placeServerError = (apiError: ApiError) => placeWithKeys(apiError, english);

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

describe("placeServerError in Spanish", () => {
  it("adds when to try again and the saved note in the page's language", () => {
    expect(placeWithKeys(error({ status: 429, code: "rate_limited", message: "Publicas demasiado rápido.", retryAfterSeconds: 120 }), spanish).formMessage).toBe(
      "Publicas demasiado rápido. Puedes volver a intentarlo dentro de unos 2 minutos. Tu comentario está guardado en este navegador.",
    );
  });
});

describe("formatRetryAfter", () => {
  it.each([
    [1, "in a moment", "en un momento"],
    [1.5, "in 2 seconds", "dentro de 2 segundos"],
    [45, "in 45 seconds", "dentro de 45 segundos"],
    [60, "in about a minute", "dentro de un minuto aproximadamente"],
    [170, "in about 3 minutes", "dentro de unos 3 minutos"],
    [3600, "in about an hour", "dentro de una hora aproximadamente"],
    [7200, "in about 2 hours", "dentro de unas 2 horas"],
  ])("%s seconds read %s / %s", (seconds, inEnglish, inSpanish) => {
    expect(formatRetryAfter(Math.ceil(seconds), english)).toBe(inEnglish);
    expect(formatRetryAfter(Math.ceil(seconds), spanish)).toBe(inSpanish);
  });
});

describe("hasSpentCaptcha", () => {
  it("is false only for refusals made before the captcha is checked", () => {
    expect(hasSpentCaptcha(error({ code: "validation" }))).toBe(false);
    expect(hasSpentCaptcha(error({ status: 413, code: "too_large" }))).toBe(false);
    for (const code of ["captcha", "rate_limited", "duplicate", "banned", "closed", "internal"]) expect(hasSpentCaptcha(error({ code }))).toBe(true);
  });
});
