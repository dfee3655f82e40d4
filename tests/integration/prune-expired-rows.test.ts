import { describe, expect, it } from "vitest";
import { SIGN_IN_WINDOW_MS } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { pruneExpiredRows, startPruning } from "@/lib/housekeeping/prune-expired-rows";

const minutes = (count: number) => count * 60_000;

async function seedRows(now: Date) {
  const db = getDb();
  await db.usedCaptcha.createMany({
    data: [
      { id: `expired-${now.getTime()}`, expiresAt: new Date(now.getTime() - minutes(1)) },
      { id: `live-${now.getTime()}`, expiresAt: new Date(now.getTime() + minutes(20)) },
    ],
  });
  await db.signInAttempt.createMany({
    data: [
      { email: "old@example.org", succeeded: false, createdAt: new Date(now.getTime() - SIGN_IN_WINDOW_MS - minutes(1)) },
      { email: "recent@example.org", succeeded: false, createdAt: new Date(now.getTime() - minutes(5)) },
    ],
  });
}

describe("pruneExpiredRows", () => {
  it("deletes spent captchas past their expiry and sign-in attempts past the throttling window, and keeps the rest", async () => {
    const now = new Date();
    await seedRows(now);

    const report = await pruneExpiredRows(getDb(), now);

    expect(report).toEqual({ spentCaptchas: 1, signInAttempts: 1 });
    expect(await getDb().usedCaptcha.findMany({ select: { id: true } })).toEqual([{ id: `live-${now.getTime()}` }]);
    expect(await getDb().signInAttempt.findMany({ select: { email: true } })).toEqual([{ email: "recent@example.org" }]);
  });

  it("runs at once when the app starts pruning, then in the background", async () => {
    const now = new Date(Date.now() - minutes(60));
    await getDb().usedCaptcha.create({ data: { id: "expired-an-hour-ago", expiresAt: now } });

    const stop = startPruning(getDb, 60_000);
    try {
      await expect.poll(() => getDb().usedCaptcha.count({ where: { id: "expired-an-hour-ago" } })).toBe(0);
    } finally {
      stop();
    }
  });
});
