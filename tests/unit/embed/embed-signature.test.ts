import { describe, expect, it } from "vitest";
import { getEmbedSigningText, isValidEmbedSignature, requireSiteSecret, signEmbed } from "@/lib/embed/embed-signature";
import { AppError } from "@/lib/errors";

const secret = "site-secret-0123456789abcdef";
const parts = { articleKey: "story-42", url: "https://news.example/2024/story?id=1", title: "Rates & “bonds” — 2024" };
// From OpenSSL, not from the code under test: printf '%s' 'story-42|…|Rates & “bonds” — 2024' | openssl dgst -sha256 -hmac 'site-secret-0123456789abcdef'
const expected = "bdadcd73318bcb741e292c05b0af663cd296d74f277fa8e462cdcc4af0e31737";

describe("signEmbed", () => {
  it("is the hex HMAC-SHA256 of article|url|title (UTF-8) with the secret", () => {
    expect(getEmbedSigningText(parts)).toBe("story-42|https://news.example/2024/story?id=1|Rates & “bonds” — 2024");
    expect(signEmbed(secret, parts)).toBe(expected);
  });
});

describe("isValidEmbedSignature", () => {
  it.each([
    ["the signature", expected, true],
    ["the signature in upper case", expected.toUpperCase(), true],
    ["no signature", undefined, false],
    ["an empty signature", "", false],
    ["a signature one digit short", expected.slice(0, -1), false],
    ["a signature with one more digit", `${expected}0`, false],
    ["a signature with one digit changed", `${expected.slice(0, -1)}0`, false],
    ["the right length but not hex", `${expected.slice(0, -1)}g`, false],
    ["the signature with spaces around", ` ${expected} `, false],
  ])("%s → %s", (_name, signature, isValid) => {
    expect(isValidEmbedSignature(secret, parts, signature)).toBe(isValid);
  });

  it("refuses the signature for another secret, article, URL or title", () => {
    expect(isValidEmbedSignature("another-secret-0123456789", parts, expected)).toBe(false);
    for (const change of [{ articleKey: "story-43" }, { url: "https://news.example/other" }, { title: "Cheap pills" }]) {
      expect(isValidEmbedSignature(secret, { ...parts, ...change }, expected)).toBe(false);
    }
  });
});

describe("requireSiteSecret", () => {
  it("takes a secret of 16–200 printable characters as it is", () => {
    expect(requireSiteSecret("0123456789abcdef")).toBe("0123456789abcdef");
    expect(requireSiteSecret("s".repeat(200))).toBe("s".repeat(200));
  });

  it.each([
    ["empty", ""],
    ["15 characters", "0123456789abcde"],
    ["201 characters", "s".repeat(201)],
    ["a space", "0123456789 abcdef"],
    ["a tab", "0123456789\tabcdef"],
    ["a line break", "0123456789abcdef\n"],
  ])("refuses a secret with %s, naming the field", (_name, value) => {
    let caught: unknown = null;
    try {
      requireSiteSecret(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("validation");
    expect(Object.keys((caught as AppError).fields ?? {})).toEqual(["secret"]);
  });
});
