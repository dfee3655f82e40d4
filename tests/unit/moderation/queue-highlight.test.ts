import { describe, expect, it } from "vitest";
import { collectEvidenceSpans, highlightEvidence, locateSpan, mergeSpans, segmentText, type LocatedSpan } from "@/components/moderation/queue/evidence-highlight";

const span = (start: number, end: number, title = "t"): LocatedSpan => ({ start, end, title });

describe("locateSpan", () => {
  const body = "You are a pathetic idiot and a paid liar, Flores.";

  it("trusts offsets whose text matches the body", () => {
    expect(locateSpan(body, "Ann", { start: 19, end: 24, text: "idiot" })).toEqual({ start: 19, end: 24 });
  });

  it("finds a span given against the name and body joined by a newline", () => {
    // The banned-words check scans `${authorName}\n${body}`.
    expect(locateSpan(body, "Ann", { start: 4 + 19, end: 4 + 24, text: "idiot" })).toEqual({ start: 19, end: 24 });
  });

  it("falls back to the nearest occurrence when the offsets are stale", () => {
    expect(locateSpan("liar, liar, liar", "A", { start: 11, end: 15, text: "liar" })).toEqual({ start: 12, end: 16 });
  });

  it("matches regardless of case as a last resort", () => {
    expect(locateSpan("An IDIOT wrote this", "A", { start: 40, end: 45, text: "idiot" })).toEqual({ start: 3, end: 8 });
  });

  it("accepts offsets alone, clamped to the body", () => {
    expect(locateSpan("short", "A", { start: 2, end: 50 })).toEqual({ start: 2, end: 5 });
  });

  it.each([
    ["negative start", { start: -1, end: 3, text: "abc" }],
    ["empty range", { start: 3, end: 3, text: "" }],
    ["reversed range", { start: 5, end: 2 }],
    ["fractional offset", { start: 1.5, end: 3 }],
    ["text that is nowhere in the body", { start: 0, end: 4, text: "zzzz" }],
    ["offsets past the end without text", { start: 80, end: 90 }],
  ])("rejects a span with %s", (_name, claim) => {
    expect(locateSpan("abcdefgh", "A", claim)).toBeNull();
  });
});

describe("mergeSpans", () => {
  it("keeps disjoint spans apart, in text order", () => {
    expect(mergeSpans([span(10, 12, "b"), span(0, 3, "a")])).toEqual([
      { start: 0, end: 3, titles: ["a"] },
      { start: 10, end: 12, titles: ["b"] },
    ]);
  });

  it("merges overlapping spans and names every reason once", () => {
    expect(mergeSpans([span(0, 5, "a"), span(3, 8, "b"), span(6, 9, "a")])).toEqual([{ start: 0, end: 9, titles: ["a", "b"] }]);
  });

  it("absorbs a span nested inside another", () => {
    expect(mergeSpans([span(2, 4, "inner"), span(0, 10, "outer")])).toEqual([{ start: 0, end: 10, titles: ["outer", "inner"] }]);
  });

  it("leaves touching spans as separate marks", () => {
    expect(mergeSpans([span(0, 3, "a"), span(3, 6, "b")])).toHaveLength(2);
  });

  it("returns nothing for no spans", () => {
    expect(mergeSpans([])).toEqual([]);
  });
});

describe("segmentText", () => {
  it("cuts the text into plain and marked pieces that join back to it", () => {
    const segments = segmentText("You are an idiot, sir.", [{ start: 11, end: 16, titles: ["insult"] }]);
    expect(segments).toEqual([
      { text: "You are an ", titles: [] },
      { text: "idiot", titles: ["insult"] },
      { text: ", sir.", titles: [] },
    ]);
    expect(segments.map((segment) => segment.text).join("")).toBe("You are an idiot, sir.");
  });

  it("gives one plain segment when nothing is marked", () => {
    expect(segmentText("fine", [])).toEqual([{ text: "fine", titles: [] }]);
  });

  it("marks from the very start to the very end", () => {
    expect(segmentText("abc", [{ start: 0, end: 3, titles: ["x"] }])).toEqual([{ text: "abc", titles: ["x"] }]);
  });

  it("clips marks that run past the end", () => {
    expect(segmentText("abc", [{ start: 1, end: 9, titles: ["x"] }])).toEqual([
      { text: "a", titles: [] },
      { text: "bc", titles: ["x"] },
    ]);
  });
});

describe("collectEvidenceSpans", () => {
  it("titles each span with its reason's label and rule, and skips reasons without spans", () => {
    const body = "You are a pathetic idiot and a paid liar, Flores.";
    const spans = collectEvidenceSpans({
      body,
      authorName: "Ann",
      reasons: [
        { label: "first_time_commenter", evidence: { message: "new" } },
        { label: "ad_hominem", evidence: { message: "insult", rule: "you-are-insult", spans: [{ start: 0, end: 24, text: "You are a pathetic idiot" }] } },
        { label: "ad_hominem", evidence: { message: "model", rule: "offensive-model", spans: [{ start: 19, end: 24, text: "idiot" }, { start: 36, end: 40, text: "liar" }] } },
      ],
    });
    expect(spans).toEqual([
      { start: 0, end: 24, title: "ad_hominem · you-are-insult" },
      { start: 19, end: 24, title: "ad_hominem · offensive-model" },
      { start: 36, end: 40, title: "ad_hominem · offensive-model" },
    ]);
  });

  it("ignores malformed evidence", () => {
    const spans = collectEvidenceSpans({ body: "text", authorName: "A", reasons: [{ label: "x", evidence: { message: "m", spans: "nope" as never } }] });
    expect(spans).toEqual([]);
  });
});

describe("highlightEvidence", () => {
  it("marks overlapping evidence once, naming both reasons", () => {
    const segments = highlightEvidence({
      body: "a paid liar indeed",
      authorName: "Ann",
      reasons: [
        { label: "ad_hominem", evidence: { message: "", rule: "r1", spans: [{ start: 2, end: 11, text: "paid liar" }] } },
        { label: "abuse", evidence: { message: "", spans: [{ start: 7, end: 11, text: "liar" }] } },
      ],
    });
    expect(segments).toEqual([
      { text: "a ", titles: [] },
      { text: "paid liar", titles: ["ad_hominem · r1", "abuse"] },
      { text: " indeed", titles: [] },
    ]);
  });
});
