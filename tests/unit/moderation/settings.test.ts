import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { preModerationCheck } from "@/lib/moderation/checks/pre-moderation";
import { threadOpenCheck } from "@/lib/moderation/checks/thread-open";
import type { CheckContext } from "@/lib/moderation/pipeline";
import { getDefaultModerationSettings, isAutoClosed, moderationSettingsSchema, type ModerationSettings } from "@/lib/moderation/settings";
import { diffSettingValues } from "@/lib/moderation/settings-changes";
import {
  articleModerationInputSchema,
  moderationSettingsFormSchema,
  moderationSettingsInputSchema,
  toModerationSettingsFormValues,
} from "@/lib/validation/moderation-settings";

const DAY = 24 * 60 * 60 * 1000;
const published = new Date("2026-01-01T00:00:00.000Z");

function context(overrides: { settings?: Partial<ModerationSettings>; article?: Partial<CheckContext["article"]>; postedAt?: Date } = {}): CheckContext {
  return {
    comment: { body: "Hello", authorName: "Ana", authorEmail: "ana@example.org", authorUrl: null, parentId: null, ip: "10.0.0.1", userAgent: "ua", referrer: "", createdAt: overrides.postedAt ?? new Date(published.getTime() + DAY) },
    article: { slug: "a", commentsOpen: true, url: "https://news.example/a", publishedAt: published, preModerate: false, ...overrides.article },
    settings: { ...getDefaultModerationSettings(), ...overrides.settings },
    deps: {
      findActiveBan: async () => null,
      findLastCommentAt: async () => null,
      hasDuplicate: async () => false,
      countApprovedComments: async () => 5,
      spamChecker: null,
      buildAkismetComment: () => {
        throw new Error("not used");
      },
    },
  };
}

function parseIssues(schema: { safeParse(input: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? {} : Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("moderation settings defaults", () => {
  it("fills every setting with its default from an empty object", () => {
    expect(getDefaultModerationSettings()).toEqual({
      bannedWords: ["viagra", "cialis", "casino bonus", "buy followers"],
      suspectWords: ["crypto giveaway", "work from home", "whatsapp me"],
      linkHoldThreshold: 2,
      floodIntervalSeconds: 15,
      duplicateWindowMinutes: 10,
      holdFirstTimeCommenters: true,
      approvedCommentsToTrust: 1,
      reportThreshold: null,
      offensiveModelThreshold: 0.55,
      preModerateAll: false,
      autoCloseAfterDays: null,
      ipRetentionDays: 90,
      privacyContact: null,
      editWindowMinutes: 15,
      respectLabel: null,
      ruleActions: { ad_hominem: "hold", abuse: "hold", profanity: "flag", threat: "reject", hate: "reject", defamation: "hold", disruption: "hold", link_spam: "hold" },
    });
  });

  it("returns a fresh object each time", () => {
    const first = getDefaultModerationSettings();
    first.bannedWords.push("changed");
    first.ruleActions.threat = "flag";
    expect(getDefaultModerationSettings().bannedWords).not.toContain("changed");
    expect(getDefaultModerationSettings().ruleActions.threat).toBe("reject");
  });

  it("fills a missing rule-queue label with its own default", () => {
    expect(moderationSettingsSchema.parse({ ruleActions: { threat: "hold" } }).ruleActions).toMatchObject({ threat: "hold", hate: "reject", abuse: "hold" });
  });

  it.each([
    ["autoCloseAfterDays", 30],
    ["autoCloseAfterDays", null],
    ["preModerateAll", true],
  ] as const)("keeps a stored %s of %j", (key, value) => {
    expect(moderationSettingsSchema.parse({ [key]: value })[key]).toBe(value);
  });
});

describe("moderationSettingsFormSchema", () => {
  it("turns one-per-line word lists into trimmed lists without blanks or duplicates", () => {
    const values = toModerationSettingsFormValues(getDefaultModerationSettings());
    const parsed = moderationSettingsFormSchema.parse({ ...values, bannedWords: "  viagra \n\nCasino   bonus\nVIAGRA\r\nspam ", suspectWords: "" });
    expect(parsed.bannedWords).toEqual(["viagra", "Casino bonus", "spam"]);
    expect(parsed.suspectWords).toEqual([]);
  });

  it("round-trips the settings through the form's values", () => {
    const settings = getDefaultModerationSettings();
    expect(moderationSettingsFormSchema.parse(toModerationSettingsFormValues(settings))).toEqual(settings);
  });

  it.each([
    ["a word longer than 100 characters", { bannedWords: `ok\n${"x".repeat(101)}` }, "bannedWords", /longer than 100/],
    ["an empty number", { linkHoldThreshold: Number.NaN }, "linkHoldThreshold", /whole number from 1 to 50/],
    ["a fraction", { floodIntervalSeconds: 1.5 }, "floodIntervalSeconds", /whole number/],
    ["zero days", { autoCloseAfterDays: 0 }, "autoCloseAfterDays", /from 1 to 3650/],
    ["an unknown action", { ruleActions: { ...getDefaultModerationSettings().ruleActions, threat: "ban" } }, "ruleActions.threat", /flag, hold or reject/],
  ])("reports %s on its field", (_name, change, field, message) => {
    const issues = parseIssues(moderationSettingsFormSchema, { ...toModerationSettingsFormValues(getDefaultModerationSettings()), ...change });
    expect(Object.keys(issues)).toEqual([field]);
    expect(issues[field]).toMatch(message);
  });
});

describe("moderationSettingsInputSchema", () => {
  it("accepts any subset of the settings, rule actions per label", () => {
    expect(moderationSettingsInputSchema.parse({ floodIntervalSeconds: 5, ruleActions: { threat: "hold" }, autoCloseAfterDays: null })).toEqual({
      floodIntervalSeconds: 5,
      ruleActions: { threat: "hold" },
      autoCloseAfterDays: null,
    });
  });

  it.each([
    [{ nope: 1 }, "nope", /Not a setting/],
    [{ ruleActions: { murder: "hold" } }, "ruleActions.murder", /Not a rule-queue label/],
    [{ bannedWords: "viagra" }, "bannedWords", /list of words/],
    [{ preModerateAll: "yes" }, "preModerateAll", /true or false/],
  ])("names the field of %j", (input, field, message) => {
    const issues = parseIssues(moderationSettingsInputSchema, input);
    expect(issues[field]).toMatch(message);
  });
});

describe("articleModerationInputSchema", () => {
  it.each([
    [{ commentsOpen: false }, true],
    [{ preModerate: true, commentsOpen: true }, true],
    [{}, false],
    [{ commentsOpen: "no" }, false],
    [{ title: "x", preModerate: true }, false],
  ])("%j → valid %s", (input, valid) => {
    expect(articleModerationInputSchema.safeParse(input).success).toBe(valid);
  });
});

describe("isAutoClosed", () => {
  it.each([
    [null, 10_000, false],
    [30, 29, false],
    [30, 30, true],
    [1, 2, true],
  ])("after %s days, %s days on → %s", (days, elapsed, closed) => {
    expect(isAutoClosed(published, { autoCloseAfterDays: days }, new Date(published.getTime() + elapsed * DAY))).toBe(closed);
  });
});

describe("preModerationCheck", () => {
  it.each([
    [false, false, null],
    [true, false, "pre-moderate-all"],
    [false, true, "article-pre-moderate"],
    [true, true, "pre-moderate-all"],
  ])("site-wide %s, article %s → %s", async (all, article, rule) => {
    const finding = await preModerationCheck.run(context({ settings: { preModerateAll: all }, article: { preModerate: article } }));
    if (rule === null) expect(finding).toBeUndefined();
    else expect(finding).toMatchObject({ label: "pre_moderation", action: "hold", evidence: { rule } });
  });
});

describe("threadOpenCheck", () => {
  it.each([
    ["an open, recent thread", {}, {}, 1, null],
    ["a thread a moderator closed", { commentsOpen: false }, {}, 1, /closed for this article/],
    ["a thread past the auto-close age", {}, { autoCloseAfterDays: 14 }, 15, /closed 14 days after/],
    ["a thread younger than the auto-close age", {}, { autoCloseAfterDays: 14 }, 13, null],
    ["an old thread with auto-close off", {}, { autoCloseAfterDays: null }, 4000, null],
  ])("%s", async (_name, article, settings, daysOn, refusal) => {
    const run = async () => threadOpenCheck.run(context({ article, settings, postedAt: new Date(published.getTime() + daysOn * DAY) }));
    if (refusal === null) {
      await expect(run()).resolves.toBeUndefined();
    } else {
      const error = await run().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "closed", status: 403, message: expect.stringMatching(refusal) });
    }
  });
});

describe("diffSettingValues", () => {
  it("lists changed keys with nested objects compared per key", () => {
    const before = getDefaultModerationSettings();
    const after = { ...before, floodIntervalSeconds: 5, bannedWords: [...before.bannedWords, "spam"], ruleActions: { ...before.ruleActions, threat: "hold" as const } };
    expect(diffSettingValues(before, after)).toEqual([
      { key: "bannedWords", from: before.bannedWords, to: after.bannedWords },
      { key: "floodIntervalSeconds", from: 15, to: 5 },
      { key: "ruleActions.threat", from: "reject", to: "hold" },
    ]);
  });

  it("finds nothing between equal snapshots", () => {
    expect(diffSettingValues(getDefaultModerationSettings(), getDefaultModerationSettings())).toEqual([]);
  });
});
