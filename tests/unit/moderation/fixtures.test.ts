import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { moderateText } from "@/lib/moderation/moderate-text";

interface FixtureLine {
  id: string;
  text: string;
  labels?: string[];
}

function readFixture(name: string): FixtureLine[] {
  return readFileSync(join(process.cwd(), "tests", "fixtures", "moderation", name), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as FixtureLine);
}

describe("the rule queue on the project's fixtures", () => {
  it("holds at most 1% of hard but civil dissent", async () => {
    const civil = readFixture("civil-dissent.jsonl");
    expect(civil.length).toBeGreaterThanOrEqual(100);
    const held: string[] = [];
    for (const line of civil) if ((await moderateText({ text: line.text })).action !== "allow") held.push(line.id);
    expect(held.length / civil.length).toBeLessThanOrEqual(0.01);
  });

  // Issue #14: the policy does not forbid swearing at a situation; it is published, labelled for a moderator to see afterwards.
  // The attack head still scores some swearing as an attack ("a fucking nightmare"): at most 5% are held.
  it("publishes untargeted swearing, most of it with a label", async () => {
    const swearing = readFixture("untargeted-swearing.jsonl");
    expect(swearing.length).toBeGreaterThanOrEqual(20);
    const results = await Promise.all(swearing.map((line) => moderateText({ text: line.text })));
    const held = results.filter((result) => result.action !== "allow");
    const labelled = results.filter((result) => result.action === "allow" && result.labels.some((label) => label === "profanity" || label === "abuse"));
    expect(held.length / swearing.length).toBeLessThanOrEqual(0.05);
    expect(labelled.length / swearing.length).toBeGreaterThanOrEqual(0.75);
  });

  it("holds or rejects at least 95% of comments that cross the line, on every label", async () => {
    const crossing = readFixture("crossing-the-line.jsonl");
    expect(crossing.length).toBeGreaterThanOrEqual(100);
    const labels = new Set(crossing.flatMap((line) => line.labels ?? []));
    expect([...labels].sort()).toEqual(["abuse", "ad_hominem", "defamation", "disruption", "hate", "link_spam", "profanity", "threat"]);
    let caught = 0;
    for (const line of crossing) if ((await moderateText({ text: line.text })).action !== "allow") caught += 1;
    expect(caught / crossing.length).toBeGreaterThanOrEqual(0.95);
  });
});
