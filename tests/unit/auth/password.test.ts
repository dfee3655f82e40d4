import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";

// Each hash at OWASP's cost takes a few hundred milliseconds, more on a busy machine.
const SLOW_MS = 30_000;

/** A hash in the stored format with a given N (r = 8, p = 1), as older versions wrote them. */
function scryptHash(password: string, N: number): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 64, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ["scrypt", N, 8, 1, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** Something shaped like a stored hash, for questions about its parameters alone (computing a strong one would be slow). */
function hashShape(N: number, r: number, p: number): string {
  return ["scrypt", N, r, p, randomBytes(16).toString("base64url"), randomBytes(64).toString("base64url")].join("$");
}

describe("hashPassword", () => {
  it("uses at least OWASP's recommended scrypt cost: N = 2^17, r = 8, p = 1", { timeout: SLOW_MS }, async () => {
    const [scheme, N, r, p, salt, hash] = (await hashPassword("correct horse battery")).split("$");
    expect(scheme).toBe("scrypt");
    expect(Number(N)).toBeGreaterThanOrEqual(131_072);
    expect(Number(r)).toBe(8);
    expect(Number(p)).toBe(1);
    expect(Buffer.from(salt!, "base64url")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64url")).toHaveLength(64);
  });

  it("makes a hash that verifies with its password and no other", { timeout: SLOW_MS }, async () => {
    const stored = await hashPassword("correct horse battery");
    await expect(verifyPassword("correct horse battery", stored)).resolves.toBe(true);
    await expect(verifyPassword("correct horse battery!", stored)).resolves.toBe(false);
  });
});

describe("verifyPassword", () => {
  it("still accepts a hash made with the older, cheaper parameters", async () => {
    const stored = scryptHash("correct horse battery", 16_384);
    await expect(verifyPassword("correct horse battery", stored)).resolves.toBe(true);
    await expect(verifyPassword("wrong password here", stored)).resolves.toBe(false);
  });
});

describe("needsRehash", () => {
  it("is false for a hash just made", { timeout: SLOW_MS }, async () => {
    expect(needsRehash(await hashPassword("correct horse battery"))).toBe(false);
  });

  it("is false for a hash stronger than the current parameters", () => {
    expect(needsRehash(hashShape(262_144, 8, 1))).toBe(false);
  });

  it.each([
    ["N = 16384 (the old default)", scryptHash("x", 16_384)],
    ["a smaller N", hashShape(65_536, 8, 1)],
    ["a smaller r", hashShape(131_072, 4, 1)],
    ["a malformed scrypt hash", "scrypt$131072$8$1$only-a-salt"],
    ["non-numeric parameters", "scrypt$lots$8$1$c2FsdA$aGFzaA"],
  ])("is true for %s", (_label, stored) => {
    expect(needsRehash(stored)).toBe(true);
  });
});
