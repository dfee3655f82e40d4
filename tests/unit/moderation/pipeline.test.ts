import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { bannedWordsCheck } from "@/lib/moderation/checks/banned-words";
import { floodLimitCheck } from "@/lib/moderation/checks/flood-limit";
import { linkCountCheck } from "@/lib/moderation/checks/link-count";
import { decideOutcome, runPipeline, type CheckContext, type CommentCheck, type Verdict } from "@/lib/moderation/pipeline";
import { findLinks } from "@/lib/moderation/rules/links";
import { findListedWords } from "@/lib/moderation/rules/word-list";
import { getDefaultModerationSettings } from "@/lib/moderation/settings";

function context(body: string, overrides: Partial<CheckContext["deps"]> = {}): CheckContext {
  return {
    comment: { body, authorName: "Ana", authorEmail: "ana@example.org", authorUrl: null, parentId: null, ip: "10.0.0.1", userAgent: "ua", referrer: "", createdAt: new Date("2026-11-24T12:00:00.000Z") },
    article: { slug: "a", commentsOpen: true, url: "https://news.example/a", publishedAt: new Date("2026-11-01T00:00:00.000Z"), preModerate: false },
    settings: getDefaultModerationSettings(),
    deps: {
      findActiveBan: async () => null,
      findLastCommentAt: async () => null,
      hasDuplicate: async () => false,
      countApprovedComments: async () => 5,
      spamChecker: null,
      buildAkismetComment: () => {
        throw new Error("not used");
      },
      ...overrides,
    },
  };
}

const verdict = (action: Verdict["action"]): Verdict => ({ check: "c", label: "l", action, evidence: { message: "m" } });

describe("decideOutcome", () => {
  it.each([
    [[], "approved"],
    [["flag"], "approved"],
    [["flag", "hold"], "pending"],
    [["hold", "reject"], "rejected"],
    [["reject", "spam", "hold"], "spam"],
  ] as const)("%j → %s", (actions, outcome) => {
    expect(decideOutcome(actions.map(verdict))).toBe(outcome);
  });
});

describe("runPipeline", () => {
  it("runs checks in order and records each finding with its check id", async () => {
    const order: string[] = [];
    const checks: CommentCheck[] = [
      { id: "first", run: () => void order.push("first") },
      { id: "second", run: () => (order.push("second"), { label: "x", action: "flag", evidence: { message: "noted" } }) },
    ];
    const result = await runPipeline(checks, context("hello there"));
    expect(order).toEqual(["first", "second"]);
    expect(result).toEqual({ outcome: "approved", verdicts: [{ check: "second", label: "x", action: "flag", evidence: { message: "noted" } }] });
  });

  it("holds with check-failed when a check throws, and goes on with the rest", async () => {
    const checks: CommentCheck[] = [
      { id: "broken", run: () => Promise.reject(new Error("boom")) },
      { id: "after", run: () => ({ label: "y", action: "flag", evidence: { message: "ran" } }) },
    ];
    const result = await runPipeline(checks, context("hello there"));
    expect(result.outcome).toBe("pending");
    expect(result.verdicts.map((found) => [found.check, found.label])).toEqual([
      ["broken", "check-failed"],
      ["after", "y"],
    ]);
  });

  it("lets refusals through as AppError", async () => {
    const refusing: CommentCheck = { id: "refuse", run: () => Promise.reject(new AppError("closed", "closed")) };
    await expect(runPipeline([refusing], context("hello"))).rejects.toMatchObject({ code: "closed" });
  });
});

describe("list and link rules", () => {
  it("finds whole words and phrases in any case, with spans", () => {
    expect(findListedWords("Buy  Followers now, not buyfollowers", ["buy followers"])).toEqual([{ start: 0, end: 14, text: "Buy  Followers" }]);
    expect(findListedWords("classic", ["ass"])).toEqual([]);
    expect(findListedWords("anything", [])).toEqual([]);
    expect(findListedWords("a (b) c", ["(b)"])).toEqual([{ start: 2, end: 5, text: "(b)" }]);
  });

  it("counts bare domains, URLs and markdown links", () => {
    expect(findLinks("see example.com and [x](https://a.example/p)").map((link) => link.text)).toEqual(["example.com", "https://a.example/p"]);
    expect(findLinks("no links here.")).toEqual([]);
  });

  it("holds two links, rejects a banned word", async () => {
    expect(await linkCountCheck.run(context("one https://a.example"))).toBeUndefined();
    expect(await linkCountCheck.run(context("https://a.example https://b.example"))).toMatchObject({ label: "link_spam", action: "hold" });
    expect(await bannedWordsCheck.run(context("cheap Viagra"))).toMatchObject({ label: "banned_word", action: "reject", evidence: { spans: [{ start: 6, end: 12, text: "Viagra" }] } });
  });

  it("rejects a banned word in the author's name, keeping spans to the body", async () => {
    const named = context("a perfectly ordinary comment");
    named.comment.authorName = "Casino Bonus King";
    expect(await bannedWordsCheck.run(named)).toMatchObject({ label: "banned_word", action: "reject", evidence: { message: "Uses a banned word: Casino Bonus (in the name)", spans: [] } });
  });

  it("refuses a second comment within the flood interval with Retry-After", async () => {
    const justNow = new Date("2026-11-24T11:59:55.000Z");
    const error = await Promise.resolve(floodLimitCheck.run(context("again", { findLastCommentAt: async () => justNow }))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 10 });
    expect(await floodLimitCheck.run(context("later", { findLastCommentAt: async () => new Date("2026-11-24T11:59:00.000Z") }))).toBeUndefined();
  });
});
