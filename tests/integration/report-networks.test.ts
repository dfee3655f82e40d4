// Issue #13, item 2: one client (one address network, /24 for IPv4 and /48
// for IPv6, whatever its user agent or cookies) can never take a published
// comment down by reporting it; reports are limited per network; whether and
// when reports hide a comment is a setting, off by default.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPORTS_PER_NETWORK_PER_HOUR } from "@/lib/comments/report-comment";
import { getDb } from "@/lib/db";
import { getModerationSettings, updateModerationSettings } from "@/lib/moderation/settings";
import { moderationSettingFields } from "@/lib/validation/moderation-settings";
import { createArticle, createComment } from "../support/factories";
import { postReportRequest } from "../support/posting";

let articleId: string;

beforeAll(async () => {
  articleId = (await createArticle(getDb())).article.id;
});

afterEach(async () => {
  await updateModerationSettings(getDb(), { reportThreshold: null });
  await getDb().report.deleteMany();
});

async function statusOf(id: string): Promise<string> {
  return (await getDb().comment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}

/** A report as a client would send it: its address, user agent and cookies its own choice. */
function reportFrom(commentId: string, address: string, userAgent: string, reason = "ad_hominem") {
  return postReportRequest(commentId, { reason }, { "x-comments-client-ip": address, "user-agent": userAgent, cookie: `reader=${userAgent}` });
}

describe("reports from one client network", () => {
  it("keep a reported comment published by default, and put it in the reported queue", async () => {
    expect((await getModerationSettings(getDb())).reportThreshold).toBeNull();
    const comment = await createComment(getDb(), articleId);
    for (const address of ["198.51.100.1", "203.0.113.2", "192.0.2.3", "198.18.0.4", "198.19.0.5"]) {
      expect((await reportFrom(comment.id, address, "Firefox")).status).toBe(202);
    }
    expect(await statusOf(comment.id)).toBe("approved");
    expect(await getDb().report.count({ where: { commentId: comment.id, resolvedAt: null } })).toBe(5);
  });

  it("never take a comment down from one IPv4 /24, whatever the user agents and addresses in it", async () => {
    await updateModerationSettings(getDb(), { reportThreshold: 3 });
    const comment = await createComment(getDb(), articleId);
    const first = await reportFrom(comment.id, "198.51.100.10", "Firefox");
    expect(first.status).toBe(202);
    for (const [address, userAgent] of [
      ["198.51.100.10", "Chrome"],
      ["198.51.100.11", "Safari"],
      ["198.51.100.250", "curl/8"],
      ["::ffff:198.51.100.12", "Edge"],
    ] as const) {
      const again = await reportFrom(comment.id, address, userAgent);
      expect(again.status, `${address} ${userAgent}`).toBe(409);
      expect(again.body).toEqual({ error: { code: "duplicate", message: "You have already reported this comment." } });
    }
    expect(await statusOf(comment.id)).toBe("approved");
  });

  it("never take a comment down from one IPv6 /48", async () => {
    await updateModerationSettings(getDb(), { reportThreshold: 2 });
    const comment = await createComment(getDb(), articleId);
    expect((await reportFrom(comment.id, "2001:db8:abcd:1::1", "Firefox")).status).toBe(202);
    for (const address of ["2001:db8:abcd:2::99", "2001:0db8:abcd:ffff:0:0:0:1", "2001:db8:abcd::7"]) {
      expect((await reportFrom(comment.id, address, `agent ${address}`)).status, address).toBe(409);
    }
    expect(await statusOf(comment.id)).toBe("approved");
  });

  it("hide a comment once reports come from as many different networks as the setting says", async () => {
    await updateModerationSettings(getDb(), { reportThreshold: 3 });
    const comment = await createComment(getDb(), articleId);
    expect((await reportFrom(comment.id, "198.51.100.20", "a")).status).toBe(202);
    expect((await reportFrom(comment.id, "2001:db8:1::1", "b")).status).toBe(202);
    expect(await statusOf(comment.id)).toBe("approved");
    expect((await reportFrom(comment.id, "203.0.113.20", "c")).status).toBe(202);
    expect(await statusOf(comment.id)).toBe("pending");
    const decision = await getDb().moderationDecision.findFirstOrThrow({ where: { commentId: comment.id } });
    expect(decision).toMatchObject({ action: "auto-hold-reports", toStatus: "pending", note: "open reports from 3 networks" });
  });

  it(`are limited to ${REPORTS_PER_NETWORK_PER_HOUR} an hour per network, with 429 and Retry-After`, async () => {
    const comments = await Promise.all(Array.from({ length: REPORTS_PER_NETWORK_PER_HOUR + 1 }, () => createComment(getDb(), articleId)));
    for (const [index, comment] of comments.slice(0, -1).entries()) {
      expect((await reportFrom(comment.id, `192.0.2.${index + 1}`, `agent ${index}`)).status).toBe(202);
    }
    const refused = await reportFrom(comments.at(-1)!.id, "192.0.2.200", "yet another agent");
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: "rate_limited", message: `Too many reports from your network: at most ${REPORTS_PER_NETWORK_PER_HOUR} an hour. Try again later.` } });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await getDb().report.count({ where: { commentId: comments.at(-1)!.id } })).toBe(0);
    // Another network is not held back by this one.
    expect((await reportFrom(comments.at(-1)!.id, "192.0.3.1", "agent")).status).toBe(202);
  });
});

describe("the report setting", () => {
  it("takes a number of networks or null (never), and refuses anything else naming the field", async () => {
    await updateModerationSettings(getDb(), { reportThreshold: 5 });
    expect((await getModerationSettings(getDb())).reportThreshold).toBe(5);
    await updateModerationSettings(getDb(), { reportThreshold: null });
    expect((await getModerationSettings(getDb())).reportThreshold).toBeNull();
    const refused = moderationSettingFields.reportThreshold.safeParse(0);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("Enter a whole number from 1 to 100");
  });
});
