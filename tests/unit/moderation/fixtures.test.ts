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
