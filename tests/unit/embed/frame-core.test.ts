import { describe, expect, it } from "vitest";
import { countNewComments, formatNewCommentsLabel } from "@/components/live/new-comments";
import { readPublishedNote, renameIds, replyFormPrefix, reportFormPrefix } from "@/embed/frame-core";

describe("renameIds", () => {
  it("swaps the form's prefix in an id and in a list of ids, leaving others alone", () => {
    const change = { from: "comment", to: "reply-42" };
    expect(renameIds("comment-body", change)).toBe("reply-42-body");
    expect(renameIds("comment-body-hint comment-body-error", change)).toBe("reply-42-body-hint reply-42-body-error");
    expect(renameIds("discussion-title commentary-x comment", change)).toBe("discussion-title commentary-x comment");
  });
});

describe("form prefixes", () => {
  it("keep ids valid whatever the comment id holds", () => {
    expect(replyFormPrefix("cm1abc")).toBe("reply-cm1abc");
    expect(reportFormPrefix('a b"c')).toBe("report-a_b_c");
  });
});

describe("new comments", () => {
  it.each([
    [3, 5, 2],
    [3, 3, 0],
    [3, 2, 0],
    [3, "7", 0],
    [3, Number.NaN, 0],
    [0, undefined, 0],
  ])("rendered %j, live %j → %j new", (rendered, live, expected) => {
    expect(countNewComments(rendered, live)).toBe(expected);
  });

  it("says how many", () => {
    expect(formatNewCommentsLabel(1)).toBe("1 new comment — show");
    expect(formatNewCommentsLabel(4)).toBe("4 new comments — show");
  });
});

describe("readPublishedNote", () => {
  it("reads what the frame stored before its reload", () => {
    expect(readPublishedNote(JSON.stringify({ id: "c1", message: "Thanks!", parentId: "p1" }))).toEqual({ id: "c1", message: "Thanks!", parentId: "p1" });
    expect(readPublishedNote(JSON.stringify({ id: "c1", message: "", parentId: "" }))).toEqual({ id: "c1", message: "", parentId: undefined });
  });

  it.each([[null], [""], ["not json"], ["[]"], ['{"id":1,"message":"x"}'], ['{"id":"","message":"x"}'], ['{"id":"c1"}']])("ignores %j", (raw) => {
    expect(readPublishedNote(raw)).toBeNull();
  });
});
