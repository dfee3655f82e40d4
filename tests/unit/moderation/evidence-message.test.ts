import { describe, expect, it } from "vitest";
import { linkCountCheck } from "@/lib/moderation/checks/link-count";
import { firstTimeCommenterCheck } from "@/lib/moderation/checks/first-time-commenter";
import { bannedWordsCheck } from "@/lib/moderation/checks/banned-words";
import { evidenceMessageIn } from "@/lib/moderation/evidence-message";
import type { CheckFinding } from "@/lib/moderation/pipeline";
import { getDefaultModerationSettings } from "@/lib/moderation/settings";
import type { CheckContext, CheckDependencies } from "@/lib/moderation/pipeline";
import { contextFor } from "../../support/check-context";

/** A check's context for a body, with settings and look-ups of the test's own. */
function buildCheckContext(options: { body: string; settings: CheckContext["settings"]; deps?: Partial<CheckDependencies> }): CheckContext {
  return { ...contextFor(options.body), settings: options.settings, deps: options.deps as CheckDependencies };
}

describe("evidenceMessageIn", () => {
  it("writes a check's evidence in the moderator's language, the stored English unchanged", async () => {
    const settings = { ...getDefaultModerationSettings(), linkHoldThreshold: 1 };
    const finding = (await linkCountCheck.run(buildCheckContext({ body: "See https://a.example", settings }))) as CheckFinding;
    expect(finding.evidence.message).toBe("Contains 1 link (the limit is 0)");
    expect(evidenceMessageIn("en", finding.evidence)).toBe("Contains 1 link (the limit is 0)");
    expect(evidenceMessageIn("es", finding.evidence)).toBe("Contiene 1 enlace (el límite es 0)");
  });

  it("counts in each language's plural forms", async () => {
    const context = buildCheckContext({ body: "Hola", settings: { ...getDefaultModerationSettings(), approvedCommentsToTrust: 3 }, deps: { countApprovedComments: async () => 2 } });
    const finding = (await firstTimeCommenterCheck.run(context)) as CheckFinding;
    expect(finding.evidence.message).toBe("The author has 2 approved comments; 3 needed to post without review");
    expect(evidenceMessageIn("es", finding.evidence)).toBe("El autor tiene 2 comentarios aprobados; necesita 3 para publicar sin revisión");
  });

  it("keeps the words found as they were written", async () => {
    const settings = { ...getDefaultModerationSettings(), bannedWords: ["casino bonus"] };
    const finding = (await bannedWordsCheck.run(buildCheckContext({ body: "Get your casino bonus", settings }))) as CheckFinding;
    expect(evidenceMessageIn("es", finding.evidence)).toBe("Usa una palabra prohibida: casino bonus");
  });

  it("reads evidence stored without a key as it was stored, and nothing as empty", () => {
    expect(evidenceMessageIn("es", { message: "The author has 0 approved comments" })).toBe("The author has 0 approved comments");
    expect(evidenceMessageIn("es", { message: "x", messageKey: "not.a.key" })).toBe("x");
    expect(evidenceMessageIn("es", null)).toBe("");
  });
});

describe("a rule's evidence", () => {
  it("names the rule in the moderator's language, the English as it always read", async () => {
    const { commentChecks } = await import("@/lib/moderation/checks");
    const { runPipeline } = await import("@/lib/moderation/pipeline");
    const context = { ...contextFor("You are a pathetic idiot and a paid liar"), deps: { findActiveBan: async () => null, findLastCommentAt: async () => null, hasDuplicate: async () => false, countApprovedComments: async () => 5, spamChecker: null } } as unknown as CheckContext;
    const { verdicts } = await runPipeline(commentChecks, context);
    const rule = verdicts.find((verdict) => verdict.label === "ad_hominem" && verdict.evidence.rule !== "offensive-model");
    expect(rule?.evidence.message).toMatch(/^ad hominem: “/);
    expect(evidenceMessageIn("es", rule!.evidence)).toMatch(/^ataque personal: “/);
  });
});
