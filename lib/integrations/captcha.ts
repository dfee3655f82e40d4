// The math captcha readers see as "[ ] − 2 = 3": a signed, expiring, single-use
// token. The token carries an HMAC of the answer, never the answer itself, and
// any attempt (right or wrong) spends it, so a bot cannot try every number.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";
import type { MessageKey } from "../i18n/catalog-types";

/** How long a captcha may be answered. */
export const CAPTCHA_TTL_MS = 30 * 60 * 1000;

/** What GET /api/v1/captcha returns. */
export interface CaptchaChallenge {
  token: string;
  question: string;
}

interface CaptchaPayload {
  id: string;
  exp: number;
  proof: string;
}

/** Records a token as used; resolves false when it had been used already. */
export type MarkCaptchaUsed = (id: string, expiresAt: Date) => Promise<boolean>;

function sign(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}

function answerProof(secret: string, id: string, answer: number): string {
  return sign(secret, `captcha-answer:${id}:${answer}`);
}

function equalStrings(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function captchaError(message: MessageKey): AppError {
  return new AppError("captcha", message, { fields: { captchaAnswer: message } });
}

/** Issues a question "? − b = c" whose answer is b + c, with its token. */
export function createCaptcha(secret: string, now = new Date(), random: () => number = Math.random): CaptchaChallenge {
  const subtrahend = 1 + Math.floor(random() * 9);
  const result = 1 + Math.floor(random() * 9);
  const id = randomBytes(12).toString("base64url");
  const payload: CaptchaPayload = { id, exp: now.getTime() + CAPTCHA_TTL_MS, proof: answerProof(secret, id, subtrahend + result) };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { token: `${body}.${sign(secret, body)}`, question: `? − ${subtrahend} = ${result}` };
}

/** Checks an answer and spends the token; throws AppError("captcha") naming captchaAnswer when it fails. */
export async function requireCaptchaSolved(
  secret: string,
  token: string,
  answer: string,
  markUsed: MarkCaptchaUsed,
  now = new Date(),
): Promise<void> {
  const [body, signature] = token.split(".");
  if (!body || !signature || !equalStrings(signature, sign(secret, body))) {
    throw captchaError("api.captcha.invalid");
  }
  let payload: CaptchaPayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as CaptchaPayload;
  } catch {
    throw captchaError("api.captcha.invalid");
  }
  if (typeof payload.exp !== "number" || payload.exp < now.getTime()) {
    throw captchaError("api.captcha.expired");
  }
  if (!(await markUsed(payload.id, new Date(payload.exp)))) {
    throw captchaError("api.captcha.used");
  }
  const numeric = Number(answer.trim());
  if (!Number.isInteger(numeric) || !equalStrings(answerProof(secret, payload.id, numeric), payload.proof)) {
    throw captchaError("api.captcha.wrong");
  }
}
