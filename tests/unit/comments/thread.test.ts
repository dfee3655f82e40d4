import { describe, expect, it } from "vitest";
import { buildThread, encodeCursor, requireCursor, type ThreadRow } from "@/lib/comments/thread";
import { AppError } from "@/lib/errors";

function row(id: string, parentId: string | null, minute: number): ThreadRow {
  return { id, parentId, authorName: `Author ${id}`, authorUrl: null, bodyHtml: `<p>${id}</p>`, createdAt: new Date(Date.UTC(2024, 7, 12, 9, minute)), editedAt: null, respectCount: 0, featuredAt: null, deletedAt: null };
}

describe("buildThread", () => {
  it("nests replies under their parents in the order given", () => {
    const rows = [row("a", null, 0), row("b", null, 1), row("a1", "a", 2), row("a1x", "a1", 3), row("a2", "a", 4), row("b1", "b", 5)];
    const thread = buildThread(rows, ["a", "b"]);
    expect(thread.map((c) => c.id)).toEqual(["a", "b"]);
    expect(thread[0]!.replies.map((c) => c.id)).toEqual(["a1", "a2"]);
    expect(thread[0]!.replies[0]!.replies.map((c) => c.id)).toEqual(["a1x"]);
    expect(thread[1]!.replies.map((c) => c.id)).toEqual(["b1"]);
  });

  it("returns roots in the order of rootIds, not of rows", () => {
    const thread = buildThread([row("a", null, 0), row("b", null, 1)], ["b", "a"]);
    expect(thread.map((c) => c.id)).toEqual(["b", "a"]);
  });

  it("leaves out replies whose parent is not visible, with their own replies", () => {
    const rows = [row("a", null, 0), row("orphan", "hidden", 1), row("orphan-child", "orphan", 2)];
    const thread = buildThread(rows, ["a"]);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.replies).toEqual([]);
  });

  it("serializes times as ISO strings and carries the public fields only", () => {
    const [comment] = buildThread([row("a", null, 0)], ["a"]);
    expect(comment).toEqual({
      id: "a",
      parentId: null,
      authorName: "Author a",
      authorUrl: null,
      bodyHtml: "<p>a</p>",
      createdAt: "2024-08-12T09:00:00.000Z",
      editedAt: null,
      respects: 0,
      featured: false,
      deleted: false,
      replies: [],
    });
  });

  it("builds a long chain without recursion limits", () => {
    const rows = [row("c0", null, 0), ...Array.from({ length: 5000 }, (_, i) => row(`c${i + 1}`, `c${i}`, 1))];
    let node = buildThread(rows, ["c0"])[0];
    let depth = 0;
    while (node && node.replies.length > 0) {
      node = node.replies[0];
      depth += 1;
    }
    expect(depth).toBe(5000);
  });
});

describe("cursors", () => {
  it("round-trips a cursor", () => {
    const cursor = { createdAt: new Date("2024-08-12T09:14:00.000Z"), id: "cm123" };
    expect(requireCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["JSON that is not a pair", Buffer.from(JSON.stringify({ a: 1 })).toString("base64url")],
    ["a bad date", Buffer.from(JSON.stringify(["yesterday", "cm1"])).toString("base64url")],
    ["an empty id", Buffer.from(JSON.stringify(["2024-08-12T09:14:00.000Z", ""])).toString("base64url")],
    ["a number id", Buffer.from(JSON.stringify(["2024-08-12T09:14:00.000Z", 5])).toString("base64url")],
  ])("refuses %s with a validation error naming cursor", (_name, token) => {
    try {
      requireCursor(token);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation");
      expect((error as AppError).fields).toHaveProperty("cursor");
    }
  });
});
