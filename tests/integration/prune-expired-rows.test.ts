import { describe, expect, it } from "vitest";
import { SIGN_IN_WINDOW_MS } from "@/lib/auth/sign-in";
import { RESPECT_WINDOW_MS } from "@/lib/comments/respect";
import { getDb } from "@/lib/db";
import { pruneExpiredRows, startPruning } from "@/lib/housekeeping/prune-expired-rows";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { createArticle } from "../support/factories";

const minutes = (count: number) => count * 60_000;
const days = (count: number) => count * 24 * 60 * 60_000;

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
  await db.respectChange.createMany({
    data: [
      { networkKey: "old", createdAt: new Date(now.getTime() - RESPECT_WINDOW_MS - minutes(1)) },
      { networkKey: "recent", createdAt: new Date(now.getTime() - minutes(1)) },
    ],
  });
}

describe("pruneExpiredRows", () => {
  it("deletes spent captchas past their expiry, sign-in attempts and respect changes past their windows, and keeps the rest", async () => {
    const now = new Date();
    await seedRows(now);

    const report = await pruneExpiredRows(getDb(), now);

    expect(report).toEqual({ spentCaptchas: 1, signInAttempts: 1, respectChanges: 1, commentAddresses: 0, reporterAddresses: 0 });
    expect(await getDb().usedCaptcha.findMany({ select: { id: true } })).toEqual([{ id: `live-${now.getTime()}` }]);
    expect(await getDb().signInAttempt.findMany({ select: { email: true } })).toEqual([{ email: "recent@example.org" }]);
    expect(await getDb().respectChange.findMany({ select: { networkKey: true } })).toEqual([{ networkKey: "recent" }]);
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

  describe("readers' addresses past the retention setting", () => {
    /** A comment (with a report) posted `age` ms before `now`, with its address, browser and referrer. */
    async function commentAged(articleId: string, now: Date, age: number, label: string) {
      const createdAt = new Date(now.getTime() - age);
      const comment = await getDb().comment.create({
        data: { articleId, authorName: label, authorEmail: `${label}@example.org`, body: label, bodyHtml: `<p>${label}</p>`, status: "approved", ip: "192.0.2.1", userAgent: "UA", referrer: "https://ref.example/", createdAt },
      });
      await getDb().report.create({ data: { commentId: comment.id, reason: "spam", reporterIp: "198.51.100.9", reporterKey: label, reporterNetwork: "198.51.100.0/24", createdAt } });
      return comment;
    }

    const detailsOf = async (id: string) => {
      const comment = await getDb().comment.findUniqueOrThrow({ where: { id }, include: { reports: true } });
      return { ip: comment.ip, userAgent: comment.userAgent, referrer: comment.referrer, body: comment.body, reporterIp: comment.reports[0]?.reporterIp ?? null };
    };

    it("removes IP, user agent and referrer of comments (and reporters' IPs) older than 90 days by default, and keeps the comments and newer addresses", async () => {
      const now = new Date();
      const { article } = await createArticle(getDb());
      const old = await commentAged(article.id, now, days(90) + minutes(1), "old");
      const recent = await commentAged(article.id, now, days(90) - minutes(1), "recent");

      const report = await pruneExpiredRows(getDb(), now);

      expect(report).toMatchObject({ commentAddresses: 1, reporterAddresses: 1 });
      expect(await detailsOf(old.id)).toEqual({ ip: null, userAgent: null, referrer: null, body: "old", reporterIp: null });
      expect(await detailsOf(recent.id)).toEqual({ ip: "192.0.2.1", userAgent: "UA", referrer: "https://ref.example/", body: "recent", reporterIp: "198.51.100.9" });
      // Nothing left to do the second time.
      expect(await pruneExpiredRows(getDb(), now)).toMatchObject({ commentAddresses: 0, reporterAddresses: 0 });
    });

    it("follows the ipRetentionDays setting", async () => {
      const now = new Date();
      const { article } = await createArticle(getDb());
      const tenDays = await commentAged(article.id, now, days(10), "ten-days");
      await updateModerationSettings(getDb(), { ipRetentionDays: 7 });
      try {
        await pruneExpiredRows(getDb(), now);
        expect(await detailsOf(tenDays.id)).toMatchObject({ ip: null, userAgent: null, referrer: null, reporterIp: null });
      } finally {
        await getDb().setting.deleteMany();
      }
    });
  });
});
