import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CAPTCHA_TTL_MS, createCaptcha, requireCaptchaSolved } from "@/lib/integrations/captcha";

const secret = "test-secret-for-captcha-signing";

function answerOf(question: string): string {
  const [, subtrahend, result] = /^\? − (\d) = (\d)$/.exec(question)!;
  return String(Number(subtrahend) + Number(result));
}

function ledger() {
  const used = new Set<string>();
  return async (id: string) => {
    if (used.has(id)) return false;
    used.add(id);
    return true;
  };
}

async function failureOf(promise: Promise<void>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a captcha error");
}

describe("createCaptcha", () => {
  it("asks for the missing number of a small subtraction", () => {
    for (let i = 0; i < 50; i += 1) {
      const { question } = createCaptcha(secret);
      expect(question).toMatch(/^\? − [1-9] = [1-9]$/);
    }
  });

  it("does not put the answer in the token", () => {
    const { token, question } = createCaptcha(secret, new Date(), () => 0.5);
    const payload = Buffer.from(token.split(".")[0]!, "base64url").toString("utf8");
    expect(payload).not.toContain(`"${answerOf(question)}"`);
    expect(Object.keys(JSON.parse(payload))).toEqual(["id", "exp", "proof"]);
  });
});

describe("requireCaptchaSolved", () => {
  it("accepts the right answer once", async () => {
    const markUsed = ledger();
    const { token, question } = createCaptcha(secret);
    await expect(requireCaptchaSolved(secret, token, answerOf(question), markUsed)).resolves.toBeUndefined();
    const replay = await failureOf(requireCaptchaSolved(secret, token, answerOf(question), markUsed));
    expect(replay.message).toMatch(/already used/);
  });

  it.each([
    ["a wrong answer", (token: string) => ({ token, answer: "42" }), /not the missing number/],
    ["a token signed with another secret", () => ({ token: createCaptcha("other-secret").token, answer: "5" }), /not valid/],
    ["a tampered token", (token: string) => ({ token: `x${token}`, answer: "5" }), /not valid/],
    ["a token without a signature", (token: string) => ({ token: token.split(".")[0]!, answer: "5" }), /not valid/],
  ])("refuses %s with a captcha error on captchaAnswer", async (_name, make, message) => {
    const { token } = createCaptcha(secret);
    const attempt = make(token);
    const error = await failureOf(requireCaptchaSolved(secret, attempt.token, attempt.answer, ledger()));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("captcha");
    expect(error.status).toBe(422);
    expect(error.fields?.captchaAnswer).toMatch(message);
  });

  it("refuses a token older than 30 minutes", async () => {
    const issued = new Date("2026-11-24T12:00:00.000Z");
    const { token, question } = createCaptcha(secret, issued);
    const later = new Date(issued.getTime() + CAPTCHA_TTL_MS + 1000);
    const error = await failureOf(requireCaptchaSolved(secret, token, answerOf(question), ledger(), later));
    expect(error.message).toMatch(/expired/);
  });

  it("spends the token on a wrong answer too, so a bot cannot try every number", async () => {
    const markUsed = ledger();
    const { token, question } = createCaptcha(secret);
    await failureOf(requireCaptchaSolved(secret, token, "0", markUsed));
    const retry = await failureOf(requireCaptchaSolved(secret, token, answerOf(question), markUsed));
    expect(retry.message).toMatch(/already used/);
  });
});
