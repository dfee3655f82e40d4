import { describe, expect, it } from "vitest";
import { describeCaptchaQuestion, splitCaptchaQuestion } from "@/components/comments/captcha-question";

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
