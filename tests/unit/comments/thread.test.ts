import { describe, expect, it } from "vitest";
import { buildThread, encodeCursor, encodeThreadCursor, requireCursor, requireThreadCursor, type ThreadPosition, type ThreadRow } from "@/lib/comments/thread";
import { AppError } from "@/lib/errors";

function row(id: string, parentId: string | null, minute: number, options: { deleted?: boolean } = {}): ThreadRow {
  return {
    id,
    parentId,
    authorName: `Author ${id}`,
    authorUrl: options.deleted ? "https://author.example" : null,
    bodyHtml: options.deleted ? "<p>[deleted]</p>" : `<p>${id}</p>`,
    createdAt: new Date(Date.UTC(2024, 7, 12, 9, minute)),
    editedAt: null,
    respectCount: 0,
    featuredAt: null,
    deletedAt: options.deleted ? new Date(Date.UTC(2024, 7, 12, 10, 0)) : null,
  };
}

/** Every id in a built thread, depth first (a loop: the chains tested are thousands deep). */
function idsOf(comments: ReturnType<typeof buildThread>): string[] {
  const ids: string[] = [];
  const stack = [...comments].reverse();
  for (let comment = stack.pop(); comment; comment = stack.pop()) {
    ids.push(comment.id);
    stack.push(...[...comment.replies].reverse());
  }
  return ids;
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

  it("shows a deleted comment that has replies as [deleted], without its author, and keeps the replies", () => {
    const [root] = buildThread([row("a", null, 0, { deleted: true }), row("a1", "a", 1)], ["a"]);
    expect(root).toMatchObject({ id: "a", authorName: "[deleted]", authorUrl: null, bodyHtml: "<p>[deleted]</p>", deleted: true });
    expect(root!.replies.map((reply) => reply.id)).toEqual(["a1"]);
  });

  it("leaves out deleted comments with nothing visible under them, however deep", () => {
    const rows = [
      row("a", null, 0, { deleted: true }),
      row("a1", "a", 1, { deleted: true }),
      row("b", null, 2),
      row("b1", "b", 3, { deleted: true }),
      row("b1x", "b1", 4, { deleted: true }),
      row("b2", "b", 5, { deleted: true }),
      row("b2x", "b2", 6),
    ];
    const thread = buildThread(rows, ["a", "b"]);
    expect(idsOf(thread)).toEqual(["b", "b2", "b2x"]);
  });

  it("keeps a chain of 5,000 deleted replies above one that is not deleted, without recursion limits", () => {
    const rows = [row("c0", null, 0, { deleted: true }), ...Array.from({ length: 5000 }, (_, i) => row(`c${i + 1}`, `c${i}`, 1, { deleted: i < 4999 }))];
    const thread = buildThread(rows, ["c0"]);
    expect(idsOf(thread)).toHaveLength(5001);
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

describe("thread cursors", () => {
  const position = (sort: ThreadPosition["sort"], key: number | null, featured = false): ThreadPosition => ({ sort, featured, key, createdAt: new Date("2024-08-12T09:14:00.000Z"), id: "cm123" });

  it.each([position("oldest", null), position("newest", null, true), position("best", 12), position("replies", 0, true)])("round-trips %j", (cursor) => {
    expect(requireThreadCursor(encodeThreadCursor(cursor), cursor.sort)).toEqual(cursor);
  });

  it("refuses a cursor of another sort, naming cursor and both sorts", () => {
    const error = (() => {
      try {
        requireThreadCursor(encodeThreadCursor(position("best", 3)), "newest");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    expect((error as AppError).message).toBe("Invalid cursor: it continues the best order, not newest; start again from the first page");
    expect((error as AppError).fields).toEqual({ cursor: "belongs to another sort order" });
  });

  const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  it.each([
    ["not base64 JSON", "%%%", "oldest"],
    ["a time cursor of the queues", encodeCursor({ createdAt: new Date("2024-08-12T09:14:00.000Z"), id: "cm1" }), "oldest"],
    ["an unknown sort", token(["loudest", 0, null, "2024-08-12T09:14:00.000Z", "cm1"]), "oldest"],
    ["a featured flag that is not 0 or 1", token(["oldest", true, null, "2024-08-12T09:14:00.000Z", "cm1"]), "oldest"],
    ["a rank on a time order", token(["newest", 0, 4, "2024-08-12T09:14:00.000Z", "cm1"]), "newest"],
    ["no rank on a ranked order", token(["best", 0, null, "2024-08-12T09:14:00.000Z", "cm1"]), "best"],
    ["a negative rank", token(["best", 0, -1, "2024-08-12T09:14:00.000Z", "cm1"]), "best"],
    ["a fractional rank", token(["replies", 0, 1.5, "2024-08-12T09:14:00.000Z", "cm1"]), "replies"],
    ["a rank past PostgreSQL's integers", token(["replies", 0, 2 ** 31, "2024-08-12T09:14:00.000Z", "cm1"]), "replies"],
    ["a bad date", token(["best", 0, 1, "yesterday", "cm1"]), "best"],
    ["an empty id", token(["best", 0, 1, "2024-08-12T09:14:00.000Z", ""]), "best"],
  ] as const)("refuses %s with a validation error naming cursor", (_name, value, sort) => {
    try {
      requireThreadCursor(value, sort);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation");
      expect((error as AppError).fields).toEqual({ cursor: "cursor is not one this API issued" });
    }
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
