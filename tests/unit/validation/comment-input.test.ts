import { describe, expect, it } from "vitest";
import { isMessageKey, translate } from "@/lib/i18n/translate";
import { commentInputSchema, reportInputSchema, reportReasonLabels, reportReasons } from "@/lib/validation/comment-input";
import { VALIDATION_MESSAGE_PARAMS } from "@/lib/validation/message-params";

const valid = { authorName: "Ana", authorEmail: "ana@example.org", body: "A fair point.", captchaToken: "t", captchaAnswer: "4" };

/** Each bad input and the message its field gets, in English and Spanish. */
const cases: Array<[string, Record<string, unknown>, string, string, string]> = [
  ["a missing body", { body: undefined }, "body", "Write a comment", "Escribe un comentario"],
  ["a short body", { body: "x" }, "body", "Your comment must be at least 2 characters", "Tu comentario debe tener al menos 2 caracteres"],
  ["a long body", { body: "x".repeat(5001) }, "body", "Your comment must be at most 5,000 characters", "Tu comentario debe tener como máximo 5000 caracteres"],
  ["a NUL in the body", { body: "a\u0000b" }, "body", "Your comment must not contain control characters (such as NUL or escape)", "Tu comentario no debe contener caracteres de control (como NUL o escape)"],
  ["an empty name", { authorName: " " }, "authorName", "Enter your name", "Escribe tu nombre"],
  ["a long name", { authorName: "n".repeat(81) }, "authorName", "Your name must be at most 80 characters", "Tu nombre debe tener como máximo 80 caracteres"],
  ["a bad e-mail", { authorEmail: "ana" }, "authorEmail", "Enter a valid e-mail address, like name@example.com", "Escribe una dirección de correo válida, como nombre@ejemplo.com"],
  ["a bad website", { authorUrl: "ftp://x" }, "authorUrl", "Enter a full web address starting with http:// or https://", "Escribe una dirección web completa que empiece por http:// o https://"],
  ["letters for the answer", { captchaAnswer: "four" }, "captchaAnswer", "Enter the missing number as digits", "Escribe el número que falta en cifras"],
];

describe("commentInputSchema's messages", () => {
  it.each(cases)("%s is a catalog key, written out in either language", (_, change, field, english, spanish) => {
    const parsed = commentInputSchema.safeParse({ ...valid, ...change });
    expect(parsed.success).toBe(false);
    const message = parsed.error?.issues.find((issue) => issue.path[0] === field)?.message ?? "";
    expect(isMessageKey(message)).toBe(true);
    expect(translate("en", message, VALIDATION_MESSAGE_PARAMS)).toBe(english);
    expect(translate("es", message, VALIDATION_MESSAGE_PARAMS)).toBe(spanish);
  });
});

describe("reportInputSchema", () => {
  it("names the reasons in a refused report's message", () => {
    const message = reportInputSchema.safeParse({ reason: "rude" }).error?.issues[0]?.message ?? "";
    expect(translate("en", message, VALIDATION_MESSAGE_PARAMS)).toBe(`reason must be one of ${reportReasons.join(", ")}`);
  });

  it("labels every reason with a key both languages have", () => {
    for (const reason of reportReasons) {
      const key = reportReasonLabels[reason];
      expect(translate("en", key)).not.toBe(key);
      expect(translate("es", key)).not.toBe(key);
    }
    expect(translate("es", reportReasonLabels.ad_hominem)).toBe("Ataque personal");
  });
});
