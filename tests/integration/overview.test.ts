import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { CommentStatus } from "@/lib/generated/prisma/client";
import { getOverview } from "@/lib/moderation/overview";
import { createArticle, createComment } from "../support/factories";

// The factories count minutes from 2024-08-12 09:00 UTC; "today" is that day.
const factoryStart = Date.UTC(2024, 7, 12, 9, 0);
const now = new Date(Date.UTC(2024, 7, 12, 18, 30));
const MINUTE = 60_000;
const DAY = 86_400_000;

/** The factory's minute offset of a UTC time given as days before 2024-08-12 and an "HH:MM:SS.mmm" clock. */
function minuteOf(daysAgo: number, clock: string): number {
  const [hours, minutes, seconds] = clock.split(":").map(Number) as [number, number, number];
  const time = Date.UTC(2024, 7, 12 - daysAgo) + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return (time - factoryStart) / MINUTE;
}

let articleId: string;

async function post(daysAgo: number, clock: string, status: CommentStatus) {
  return createComment(getDb(), articleId, { minute: minuteOf(daysAgo, clock), status });
}

async function decide(commentId: string, postedAt: Date, afterMs: number, action: string, toStatus: CommentStatus) {
  await getDb().moderationDecision.create({
    data: { commentId, action, fromStatus: "pending", toStatus, createdAt: new Date(postedAt.getTime() + afterMs) },
  });
}

beforeAll(async () => {
  ({ article: { id: articleId } } = await createArticle(getDb()));
  // Today: 2 approved, 1 pending, 1 spam; one of them posted after `now` but still today.
  const decidedFast = await post(0, "08:00:00.000", "approved");
  const decidedSlow = await post(0, "10:00:00.000", "spam");
  await post(0, "12:00:00.000", "pending");
  await post(0, "23:59:59.999", "approved");
  // Yesterday: 1 rejected, decided twice (the first decision counts).
  const decidedTwice = await post(1, "23:00:00.000", "rejected");
  // The oldest day in the window, from its first millisecond.
  await post(29, "00:00:00.000", "spam");
  await post(29, "12:00:00.000", "approved");
  // Outside: the last millisecond before the window, 30 and 31 days ago.
  const outside = await post(30, "23:59:59.999", "approved");
  await post(30, "12:00:00.000", "spam");
  const older = await post(31, "09:00:00.000", "pending");

  await decide(decidedFast.id, decidedFast.createdAt, 2 * MINUTE, "approve", "approved");
  await decide(decidedSlow.id, decidedSlow.createdAt, 60 * MINUTE, "spam", "spam");
  await decide(decidedTwice.id, decidedTwice.createdAt, 10 * MINUTE, "approve", "approved");
  await decide(decidedTwice.id, decidedTwice.createdAt, 11 * MINUTE, "undo", "pending");
  await decide(decidedTwice.id, decidedTwice.createdAt, 300 * MINUTE, "reject", "rejected");
  // A decision today on a comment posted before the window: counted as a decision, not in the median.
  await decide(outside.id, new Date(now.getTime() - 20 * DAY), 20 * DAY - MINUTE, "approve", "approved");
  // A decision made before the window: in neither.
  await decide(older.id, older.createdAt, MINUTE, "spam", "spam");
});

describe("getOverview", () => {
  it("lists the 30 UTC days ending today, oldest first, days without comments included", async () => {
    const overview = await getOverview(getDb(), now);
    expect(overview.days).toHaveLength(30);
    expect(overview.from).toBe("2024-07-14");
    expect(overview.to).toBe("2024-08-12");
    expect(overview.days[0]!.date).toBe("2024-07-14");
    expect(overview.days.at(-1)!.date).toBe("2024-08-12");
    expect(overview.days[15]).toEqual({ date: "2024-07-29", approved: 0, pending: 0, spam: 0, rejected: 0 });
  });

  it("counts comments by the day they were posted and the status they hold now", async () => {
    const overview = await getOverview(getDb(), now);
    expect(overview.days.at(-1)).toEqual({ date: "2024-08-12", approved: 2, pending: 1, spam: 1, rejected: 0 });
    expect(overview.days.at(-2)).toEqual({ date: "2024-08-11", approved: 0, pending: 0, spam: 0, rejected: 1 });
    expect(overview.days[0]).toEqual({ date: "2024-07-14", approved: 1, pending: 0, spam: 1, rejected: 0 });
  });

  it("leaves out comments posted 30 or more days ago", async () => {
    const overview = await getOverview(getDb(), now);
    expect(overview.totals).toEqual({ approved: 3, pending: 1, spam: 2, rejected: 1, all: 7 });
  });

  it("gives spam's share of the window's comments", async () => {
    const overview = await getOverview(getDb(), now);
    expect(overview.spamRate).toBeCloseTo(2 / 7, 10);
  });

  it("takes the median of each decided comment's first decision in the window", async () => {
    const overview = await getOverview(getDb(), now);
    // First decisions after 2, 10 and 60 minutes; the comment from before the window is left out.
    expect(overview.decidedComments).toBe(3);
    expect(overview.medianTimeToDecisionMs).toBe(10 * MINUTE);
  });

  it("counts the window's decisions by action", async () => {
    const overview = await getOverview(getDb(), now);
    expect(overview.decisions).toEqual({ approve: 3, reject: 1, spam: 1, ham: 0, undo: 1 });
  });

  it("averages the two middle waits when an even number of comments were decided", async () => {
    // Seen from 2024-08-13, yesterday's 2- and 60-minute decisions and the 10-minute one from two days back remain, plus one more.
    const tomorrow = new Date(now.getTime() + DAY);
    const extra = await post(-1, "06:00:00.000", "approved");
    await decide(extra.id, extra.createdAt, 30 * MINUTE, "approve", "approved");
    const overview = await getOverview(getDb(), tomorrow);
    expect(overview.decidedComments).toBe(4);
    expect(overview.medianTimeToDecisionMs).toBe(20 * MINUTE);
    expect(overview.days.at(-1)).toEqual({ date: "2024-08-13", approved: 1, pending: 0, spam: 0, rejected: 0 });
    expect(overview.days[0]!.date).toBe("2024-07-15");
    expect(overview.totals.all).toBe(6);
  });

  it("reports zeros and no median for a window without comments", async () => {
    const overview = await getOverview(getDb(), new Date(Date.UTC(2030, 0, 1, 12)));
    expect(overview.days).toHaveLength(30);
    expect(overview.days.every((day) => day.approved + day.pending + day.spam + day.rejected === 0)).toBe(true);
    expect(overview.totals.all).toBe(0);
    expect(overview.spamRate).toBe(0);
    expect(overview.medianTimeToDecisionMs).toBeNull();
    expect(overview.decidedComments).toBe(0);
    expect(overview.decisions).toEqual({ approve: 0, reject: 0, spam: 0, ham: 0, undo: 0 });
  });
});
