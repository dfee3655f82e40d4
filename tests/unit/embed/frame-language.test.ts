import { describe, expect, it } from "vitest";
import { placeServerError } from "@/components/comments/reader-messages";
import { describeCaptchaQuestion, readCaptchaWords } from "@/components/comments/captcha-question";
import { createFrameTranslator, readFrameSettings, withFrameLanguage } from "@/embed/frame-core";
import { createTranslator } from "@/lib/i18n/translate";
import { buildFrameScriptMessages } from "@/lib/embed/frame-script-messages";
import type { ApiError } from "@/components/comments/comments-api";

const spanish = createFrameTranslator({ locale: "es", messages: buildFrameScriptMessages("es") });
const english = createFrameTranslator({ locale: "en", messages: buildFrameScriptMessages("en") });

describe("readFrameSettings", () => {
  it("reads the page's blob, and falls back to English with no messages for anything else", () => {
    expect(readFrameSettings(JSON.stringify({ locale: "es", messages: { a: "b" } }))).toEqual({ locale: "es", messages: { a: "b" } });
    for (const raw of [null, "", "not json", "[]", JSON.stringify({ locale: 1 })]) expect(readFrameSettings(raw)).toEqual({ locale: "en", messages: {} });
  });
});

describe("createFrameTranslator", () => {
  it("gives the frame's words in its language, filling placeholders and choosing plural forms", () => {
    expect(spanish("submit")).toBe("Publicar comentario");
    expect(spanish("replyFormLabel", { name: "Ada" })).toBe("Responder a Ada");
    expect(spanish("newComments", { count: 1 })).toBe("1 comentario nuevo: mostrar");
    expect(spanish("newComments", { count: 1200 })).toBe("1200 comentarios nuevos: mostrar");
    expect(english("newComments", { count: 1200 })).toBe("1,200 new comments — show");
  });

  it("shows an unknown key as it is rather than nothing", () => {
    expect(spanish("no.such.key")).toBe("no.such.key");
  });
});

describe("describeCaptchaQuestion with the frame's words", () => {
  it.each([
    ["? − 2 = 3", english, "What number minus 2 equals 3?"],
    ["? − 2 = 3", spanish, "¿Qué número menos 2 es igual a 3?"],
    ["4 + ? = 9", spanish, "¿4 más qué número es igual a 9?"],
  ])("reads %s out in the frame's language", (question, t, expected) => {
    expect(describeCaptchaQuestion(question, readCaptchaWords(t), t === spanish ? "es" : "en")).toBe(expected);
  });
});

describe("placeServerError with the frame's words", () => {
  const error = (change: Partial<ApiError>): ApiError => ({ status: 400, code: "validation", message: "Datos no válidos", fields: {}, retryAfterSeconds: null, ...change });
  const articlePage = createTranslator("es");

  it("keeps field messages as the server wrote them (already in the frame's language) and focuses the first", () => {
    const placed = placeServerError(error({ fields: { authorName: "Escribe tu nombre" } }), spanish);
    expect(placed).toEqual({ fields: { authorName: "Escribe tu nombre" }, formMessage: null, focus: "authorName" });
  });

  it.each([
    ["a rate limit", error({ status: 429, code: "rate_limited", message: "Demasiados comentarios.", retryAfterSeconds: 120 })],
    ["a rate limit of seconds", error({ status: 429, code: "rate_limited", message: "Demasiados comentarios.", retryAfterSeconds: 30 })],
    ["a server failure", error({ status: 500, code: "internal", message: "Algo ha fallado." })],
  ])("says after %s what the article page says, in the frame's language", (_name, apiError) => {
    const placed = placeServerError(apiError, spanish);
    expect(placed).toEqual(placeServerError(apiError, articlePage));
    expect(placed.formMessage).toContain("Tu comentario está guardado en este navegador.");
  });
});

describe("withFrameLanguage", () => {
  const base = "https://comments.example/embed/news/a?lang=es";

  it.each([
    ["/api/v1/captcha", "/api/v1/captcha?lang=es"],
    ["/api/v1/articles/a%20b/comments", "/api/v1/articles/a%20b/comments?lang=es"],
    ["/api/v1/comments/1/status?x=1", "/api/v1/comments/1/status?x=1&lang=es"],
    ["https://comments.example/api/v1/captcha", "https://comments.example/api/v1/captcha?lang=es"],
  ])("adds the frame's language to %s", (url, expected) => {
    expect(withFrameLanguage(url, "es", base)).toBe(expected);
  });

  it.each([["/api/v1/captcha?lang=en"], ["https://elsewhere.example/api/v1/captcha"], ["/embed/news/b"], ["/guidelines"]])("leaves %s alone", (url) => {
    expect(withFrameLanguage(url, "es", base)).toBe(url);
  });
});
