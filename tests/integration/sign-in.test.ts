import { randomBytes, scryptSync } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { upsertModerator } from "@/lib/auth/moderators";
import { needsRehash, verifyPassword } from "@/lib/auth/password";
import { SIGN_IN_FAILURE_LIMIT, SIGN_IN_WINDOW_MS, signInWithPassword } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

const PASSWORD = "correct horse battery";
const WRONG = "wrong password here";
const START = new Date("2026-03-02T10:00:00.000Z");
const at = (ms: number) => new Date(START.getTime() + ms);

let accountCounter = 0;

/** A fresh account, so that one test's failures never lock another's. */
async function createAccount(): Promise<string> {
  accountCounter += 1;
  const email = `signer-${accountCounter}@example.org`;
  await upsertModerator(getDb(), { email, password: PASSWORD, role: "moderator" });
  return email;
}

function attempt(email: string, password: string, now: Date) {
  return signInWithPassword(getDb(), { email, password, ip: "192.0.2.10" }, now);
}

/** Fails `count` times, one second apart from `fromMs`. */
async function failTimes(email: string, count: number, fromMs = 0): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await expect(attempt(email, WRONG, at(fromMs + index * 1000))).resolves.toBeNull();
  }
}

async function expectLocked(email: string, now: Date): Promise<AppError> {
  const error = await attempt(email, PASSWORD, now).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("rate_limited");
  return error as AppError;
}

beforeAll(() => {
  expect(SIGN_IN_FAILURE_LIMIT).toBe(5);
  expect(SIGN_IN_WINDOW_MS).toBe(15 * 60 * 1000);
});

describe("signInWithPassword", () => {
  it("signs in with the right password, case-insensitively by e-mail, and records the attempt", async () => {
    const email = await createAccount();
    const account = await attempt(email.toUpperCase(), PASSWORD, START);
    expect(account).toMatchObject({ email, role: "moderator" });
    expect(await getDb().signInAttempt.count({ where: { email, succeeded: true } })).toBe(1);
  });

  it("answers a wrong password and an unknown e-mail the same way: null", async () => {
    const email = await createAccount();
    await expect(attempt(email, WRONG, START)).resolves.toBeNull();
    await expect(attempt("nobody-at-all@example.org", PASSWORD, START)).resolves.toBeNull();
  });

  it("refuses the sixth attempt after five wrong passwords, even with the right password, naming the lock", async () => {
    const email = await createAccount();
    await failTimes(email, 5);
    const error = await expectLocked(email, at(10_000));
    expect(error.message).toMatch(/too many failed sign-ins/i);
    expect(error.message).toMatch(/locked for 15 more minutes/);
    expect(error.retryAfterSeconds).toBe(15 * 60 - 10);
    // A refused attempt is not recorded, so it does not extend the lock.
    expect(await getDb().signInAttempt.count({ where: { email } })).toBe(5);
  });

  it("keeps the lock until the oldest of the five failures is fifteen minutes old, then lets the right password in", async () => {
    const email = await createAccount();
    await failTimes(email, 5);
    const lastMinute = await expectLocked(email, at(SIGN_IN_WINDOW_MS - 30_000));
    expect(lastMinute.message).toMatch(/locked for 1 more minute\b/);
    await expect(attempt(email, PASSWORD, at(SIGN_IN_WINDOW_MS + 500))).resolves.toMatchObject({ email });
  });

  it("counts failures only within the window: five spread over more than fifteen minutes do not lock", async () => {
    const email = await createAccount();
    await failTimes(email, 1, 0);
    await failTimes(email, 4, SIGN_IN_WINDOW_MS);
    await expect(attempt(email, PASSWORD, at(SIGN_IN_WINDOW_MS + 10_000))).resolves.toMatchObject({ email });
  });

  it("starts counting again after a successful sign-in", async () => {
    const email = await createAccount();
    await failTimes(email, 4);
    await expect(attempt(email, PASSWORD, at(10_000))).resolves.toMatchObject({ email });
    await failTimes(email, 4, 20_000);
    await expect(attempt(email, PASSWORD, at(30_000))).resolves.toMatchObject({ email });
    await failTimes(email, 5, 40_000);
    await expectLocked(email, at(50_000));
  });

  it("counts failures for an unknown e-mail too, so guessing accounts is throttled the same way", async () => {
    const email = "no-such-account@example.org";
    await failTimes(email, 5);
    await expectLocked(email, at(10_000));
  });

  it("locks only the account that failed", async () => {
    const locked = await createAccount();
    const other = await createAccount();
    await failTimes(locked, 5);
    await expectLocked(locked, at(10_000));
    await expect(attempt(other, PASSWORD, at(10_000))).resolves.toMatchObject({ email: other });
  });
});

/** A hash as the older parameters (N = 2^14, r = 8, p = 1) stored it. */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 64, { N: 16_384, r: 8, p: 1 });
  return ["scrypt", 16_384, 8, 1, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** An account whose password was hashed with the older parameters. */
async function createOldAccount(): Promise<{ email: string; passwordHash: string }> {
  accountCounter += 1;
  const email = `old-hash-${accountCounter}@example.org`;
  const passwordHash = oldHash(PASSWORD);
  await getDb().moderator.create({ data: { email, passwordHash, role: "moderator" } });
  return { email, passwordHash };
}

async function storedHash(email: string): Promise<string> {
  return (await getDb().moderator.findUniqueOrThrow({ where: { email } })).passwordHash;
}

describe("signInWithPassword with a password hashed at the older cost", () => {
  it("signs in and stores a new hash at the current cost, which still verifies", async () => {
    const { email, passwordHash } = await createOldAccount();
    await expect(attempt(email, PASSWORD, START)).resolves.toMatchObject({ email });
    const rehashed = await storedHash(email);
    expect(rehashed).not.toBe(passwordHash);
    expect(needsRehash(rehashed)).toBe(false);
    const [, N, r, p] = rehashed.split("$");
    expect([Number(N), Number(r), Number(p)]).toEqual([131_072, 8, 1]);
    await expect(verifyPassword(PASSWORD, rehashed)).resolves.toBe(true);
    await expect(attempt(email, PASSWORD, at(1000))).resolves.toMatchObject({ email });
  });

  it("leaves the old hash alone after a wrong password", async () => {
    const { email, passwordHash } = await createOldAccount();
    await expect(attempt(email, WRONG, START)).resolves.toBeNull();
    expect(await storedHash(email)).toBe(passwordHash);
  });

  it("still signs in when storing the new hash fails, keeping the old one", async () => {
    const { email, passwordHash } = await createOldAccount();
    // A real refusal from the database: a trigger that rejects changing this account's hash.
    await getDb().$executeRawUnsafe(`
      CREATE FUNCTION refuse_rehash() RETURNS trigger AS $$
      BEGIN
        IF NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash" AND NEW.email = '${email}' THEN
          RAISE EXCEPTION 'rehash refused for the test';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await getDb().$executeRawUnsafe(`CREATE TRIGGER refuse_rehash BEFORE UPDATE ON "Moderator" FOR EACH ROW EXECUTE FUNCTION refuse_rehash()`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(attempt(email, PASSWORD, START)).resolves.toMatchObject({ email });
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/password hash/i));
    } finally {
      logged.mockRestore();
      await getDb().$executeRawUnsafe(`DROP TRIGGER refuse_rehash ON "Moderator"`);
      await getDb().$executeRawUnsafe(`DROP FUNCTION refuse_rehash()`);
    }
    expect(await storedHash(email)).toBe(passwordHash);
  });
});
