import { describe, expect, it } from "vitest";
import {
  applyCountDeltas,
  canToggleFeature,
  chunkIds,
  describeDecision,
  formatAuthorCounts,
  getAdjacentId,
  getBulkActions,
  getCardActions,
  getCountDelta,
  getFocusAfterRemoval,
  isNewAuthor,
  isPickWithdrawnBy,
  type DecisionSubject,
} from "@/components/moderation/queue/queue-decisions";
import type { QueueCounts } from "@/lib/moderation/queue-names";

const openReport = { id: "r1", reason: "abuse", note: null, createdAt: "2026-01-01T00:00:00.000Z", isResolved: false };
const closedReport = { ...openReport, id: "r2", isResolved: true };
const subject = (status: DecisionSubject["status"], reports: DecisionSubject["reports"] = []): DecisionSubject => ({ status, reports });
const zero: QueueCounts = { pending: 0, reported: 0, spam: 0, rejected: 0, approved: 0 };

describe("getCardActions", () => {
  it.each([
    ["pending", [], ["approve", "reject", "spam"]],
    ["spam", [], ["approve", "reject", "ham"]],
    ["rejected", [], ["approve", "spam"]],
    ["approved", [], ["reject", "spam"]],
    ["approved", [openReport], ["approve", "reject", "spam"]],
    ["approved", [closedReport], ["reject", "spam"]],
  ] as const)("a %s comment with reports %j offers %j", (status, reports, actions) => {
    expect(getCardActions(subject(status, [...reports]))).toEqual(actions);
  });
});

describe("canToggleFeature", () => {
  it.each([
    ["an approved comment", { status: "approved", deleted: false, featured: false }, true],
    ["an approved pick", { status: "approved", deleted: false, featured: true }, true],
    ["a pending comment", { status: "pending", deleted: false, featured: false }, false],
    ["a pick held after reports (to unfeature it)", { status: "pending", deleted: false, featured: true }, true],
    ["a rejected comment", { status: "rejected", deleted: false, featured: false }, false],
    ["a spam comment", { status: "spam", deleted: false, featured: false }, false],
    ["an approved comment its author deleted", { status: "approved", deleted: true, featured: false }, false],
  ] as const)("offers the toggle on %s: %s", (_name, comment, expected) => {
    expect(canToggleFeature(comment)).toBe(expected);
  });
});

describe("isPickWithdrawnBy", () => {
  it.each([
    ["approve", false],
    ["ham", false],
    ["reject", true],
    ["spam", true],
  ] as const)("%s ends a pick: %s", (action, expected) => {
    expect(isPickWithdrawnBy(action)).toBe(expected);
  });
});

describe("getBulkActions", () => {
  it("offers what applies to at least one selected comment, in button order", () => {
    expect(getBulkActions([subject("spam"), subject("pending")])).toEqual(["approve", "reject", "spam", "ham"]);
  });

  it("offers nothing for nothing selected", () => {
    expect(getBulkActions([])).toEqual([]);
  });
});

describe("getCountDelta", () => {
  it("moves a pending comment to its new queue", () => {
    expect(getCountDelta(subject("pending"), "reject")).toEqual({ ...zero, pending: -1, rejected: 1 });
  });

  it("counts Not spam as approving", () => {
    expect(getCountDelta(subject("spam"), "ham")).toEqual({ ...zero, spam: -1, approved: 1 });
  });

  it("takes a reported comment out of the reported queue", () => {
    expect(getCountDelta(subject("approved", [openReport]), "approve")).toEqual({ ...zero, reported: -1 });
    expect(getCountDelta(subject("pending", [openReport]), "spam")).toEqual({ ...zero, pending: -1, spam: 1, reported: -1 });
  });

  it("leaves the reported count alone for resolved reports", () => {
    expect(getCountDelta(subject("pending", [closedReport]), "approve")).toEqual({ ...zero, pending: -1, approved: 1 });
  });
});

describe("applyCountDeltas", () => {
  const counts: QueueCounts = { pending: 3, reported: 1, spam: 0, rejected: 2, approved: 10 };

  it("applies and takes back deltas", () => {
    const deltas = [getCountDelta(subject("pending"), "approve"), getCountDelta(subject("pending"), "spam")];
    const applied = applyCountDeltas(counts, deltas);
    expect(applied).toEqual({ pending: 1, reported: 1, spam: 1, rejected: 2, approved: 11 });
    expect(applyCountDeltas(applied, deltas, -1)).toEqual(counts);
  });

  it("never goes below zero", () => {
    expect(applyCountDeltas(zero, [getCountDelta(subject("spam"), "approve")]).spam).toBe(0);
  });
});

describe("describeDecision", () => {
  it.each([
    ["approve", 1, "Approved"],
    ["reject", 3, "Rejected 3 comments"],
    ["spam", 1, "Marked as spam"],
    ["spam", 2, "Marked 2 comments as spam"],
    ["ham", 4, "Marked 4 comments as not spam"],
  ] as const)("%s × %d → %s", (action, count, text) => {
    expect(describeDecision(action, count)).toBe(text);
  });
});

describe("formatAuthorCounts", () => {
  const history = { approved: 3, pending: 1, rejected: 1, spam: 0, firstSeen: "2026-01-01T00:00:00.000Z" };

  it("lists decided comments", () => {
    expect(formatAuthorCounts(history)).toBe("3 approved · 1 rejected · 0 spam");
  });

  it("adds waiting comments beyond the one shown", () => {
    expect(formatAuthorCounts({ ...history, pending: 4 })).toBe("3 approved · 1 rejected · 0 spam · 4 pending");
  });

  it("calls an author with nothing decided new", () => {
    expect(isNewAuthor({ ...history, approved: 0, rejected: 0 })).toBe(true);
    expect(isNewAuthor(history)).toBe(false);
  });
});

describe("getFocusAfterRemoval", () => {
  const ids = ["a", "b", "c", "d"];

  it("moves to the next card after the removed current one", () => {
    expect(getFocusAfterRemoval(ids, new Set(["b"]), "b")).toBe("c");
  });

  it("skips other removed cards", () => {
    expect(getFocusAfterRemoval(ids, new Set(["b", "c"]), "b")).toBe("d");
  });

  it("moves back when the last card goes", () => {
    expect(getFocusAfterRemoval(ids, new Set(["d"]), "d")).toBe("c");
  });

  it("keeps a current card that stays", () => {
    expect(getFocusAfterRemoval(ids, new Set(["a"]), "c")).toBe("c");
  });

  it("has nowhere to go when every card goes", () => {
    expect(getFocusAfterRemoval(ids, new Set(ids), "a")).toBeNull();
  });
});

describe("getAdjacentId", () => {
  const ids = ["a", "b", "c"];

  it.each([
    [null, 1, "a"],
    [null, -1, "a"],
    ["a", 1, "b"],
    ["b", -1, "a"],
    ["c", 1, "c"],
    ["a", -1, "a"],
    ["gone", 1, "a"],
  ] as const)("from %s by %d → %s", (from, step, to) => {
    expect(getAdjacentId(ids, from, step)).toBe(to);
  });

  it("has nothing to move to in an empty list", () => {
    expect(getAdjacentId([], null, 1)).toBeNull();
  });
});

describe("chunkIds", () => {
  it("splits into batches of at most 100", () => {
    const ids = Array.from({ length: 250 }, (_, index) => String(index));
    expect(chunkIds(ids).map((chunk) => chunk.length)).toEqual([100, 100, 50]);
  });

  it("gives no batch for no ids", () => {
    expect(chunkIds([])).toEqual([]);
  });
});
