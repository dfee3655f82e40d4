import { describe, expect, it } from "vitest";
import { respectInputSchema } from "@/lib/validation/respect-input";

describe("respectInputSchema", () => {
  it.each([["a".repeat(16)], ["A-z_0".repeat(40)], ["dGhpcyBpcyAzMiByYW5kb20gYnl0ZXMgaGVyZSEhIQ"]])("accepts the token %s", (readerToken) => {
    expect(respectInputSchema.parse({ readerToken })).toEqual({ readerToken });
  });

  it.each([
    ["no body", undefined],
    ["an empty object", {}],
    ["a list", ["a".repeat(16)]],
    ["15 characters", { readerToken: "a".repeat(15) }],
    ["201 characters", { readerToken: "a".repeat(201) }],
    ["padding", { readerToken: "abcdefghijklmnop=" }],
    ["a number", { readerToken: 1234567890123456 }],
  ])("refuses %s, naming readerToken", (_name, input) => {
    const parsed = respectInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["readerToken", "api.engagement.readerTokenInvalid"]]);
  });
});
