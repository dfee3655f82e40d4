import { describe, expect, it } from "vitest";
import { describeCaptchaQuestion, splitCaptchaQuestion } from "@/components/comments/captcha-question";
import { createTranslator } from "@/lib/i18n/translate";

describe("splitCaptchaQuestion", () => {
  it.each([
    ["? − 2 = 3", { before: "", after: "− 2 = 3" }],
    ["7 − ? = 3", { before: "7 −", after: "= 3" }],
    ["4 + 5 = ?", { before: "4 + 5 =", after: "" }],
    ["no blank", { before: "no blank", after: "" }],
  ])("splits %j around the missing number", (question, parts) => {
    expect(splitCaptchaQuestion(question)).toEqual(parts);
  });
});

describe("describeCaptchaQuestion", () => {
  it.each([
    ["? − 2 = 3", "What number minus 2 equals 3?"],
    ["? - 2 = 3", "What number minus 2 equals 3?"],
    ["7 − ? = 3", "7 minus what number equals 3?"],
    ["?+4=9", "What number plus 4 equals 9?"],
    ["? × 3 = 12", "What number times 3 equals 12?"],
  ])("reads %j as %j", (question, spoken) => {
    expect(describeCaptchaQuestion(question)).toBe(spoken);
  });
});

describe("describeCaptchaQuestion in Spanish", () => {
  it("reads the question with the catalog's words and Spanish question marks", () => {
    const t = createTranslator("es");
    const words = { minus: t("form.captcha.minus"), plus: t("form.captcha.plus"), times: t("form.captcha.times"), dividedBy: t("form.captcha.dividedBy"), equals: t("form.captcha.equals"), whatNumber: t("form.captcha.whatNumber"), label: t("form.captcha.label") };
    expect(describeCaptchaQuestion("? − 2 = 3", words, "es")).toBe("¿Qué número menos 2 es igual a 3?");
    expect(describeCaptchaQuestion("", words, "es")).toBe("Pregunta antispam");
  });
});
