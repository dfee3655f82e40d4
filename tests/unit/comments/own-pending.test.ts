import { describe, expect, it } from "vitest";
import type { ApiResult, OwnCommentStatus, PostedComment } from "@/components/comments/comments-api";
import { forgetOwnPending, readOwnPending, rememberOwnPending, type DraftStorage, type OwnPendingComment } from "@/components/comments/draft-storage";
import { keepIfHeld, readOwnPendingToShow, settleOwnPending } from "@/components/comments/own-pending";

function memoryStorage(initial: Record<string, string> = {}): DraftStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, String(value)), removeItem: (key) => void items.delete(key) };
}

const slug = "shade-before-air-conditioning";
const key = `comments:pending:${slug}`;

function held(id: string, postedAt = new Date().toISOString()): OwnPendingComment {
  return { id, editToken: `token-${id}`, body: `Comment ${id}`, authorName: "Ana", parentId: null, postedAt };
}

describe("a reader's own held comments in the browser", () => {
  it("keeps a held comment with its token, and not a published one or one without a token", () => {
    const storage = memoryStorage();
    const posted = (status: PostedComment["status"], editToken: string): PostedComment => ({ id: `c-${status}-${editToken}`, status, message: "", editToken, editableUntil: "" });
    keepIfHeld(storage, slug, posted("pending", "t1"), { body: "Held text", authorName: "Ana", parentId: "parent-1" });
    keepIfHeld(storage, slug, posted("approved", "t2"), { body: "Published", authorName: "Ana" });
    keepIfHeld(storage, slug, posted("pending", ""), { body: "No token", authorName: "Ana" });
    expect(readOwnPending(storage, slug)).toEqual([{ id: "c-pending-t1", editToken: "t1", body: "Held text", authorName: "Ana", parentId: "parent-1", postedAt: expect.any(String) }]);
    expect(readOwnPending(storage, "another-article")).toEqual([]);
  });

  it("forgets comments older than 30 days, malformed entries and the one decided", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    const storage = memoryStorage({
      [key]: JSON.stringify({ comments: [held("old", "2026-10-01T00:00:00Z"), held("fresh", "2026-12-01T00:00:00Z"), { id: "no-token", body: "x" }, "junk", held("other", "2026-12-02T00:00:00Z")] }),
    });
    expect(readOwnPending(storage, slug, now).map((comment) => comment.id)).toEqual(["fresh", "other"]);
    forgetOwnPending(storage, slug, "fresh");
    expect(readOwnPending(storage, slug, now).map((comment) => comment.id)).toEqual(["other"]);
    forgetOwnPending(storage, slug, "other");
    expect(storage.items.has(key)).toBe(false);
  });

  it("keeps the newest 20 of an article, once each", () => {
    const storage = memoryStorage();
    for (let index = 0; index < 25; index += 1) rememberOwnPending(storage, slug, held(`c${index}`));
    rememberOwnPending(storage, slug, held("c24"));
    const ids = readOwnPending(storage, slug).map((comment) => comment.id);
    expect(ids).toHaveLength(20);
    expect(ids[0]).toBe("c5");
    expect(ids.at(-1)).toBe("c24");
  });

  it("survives storage that is missing or throws", () => {
    const throwing: DraftStorage = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(readOwnPending(null, slug)).toEqual([]);
    expect(() => rememberOwnPending(throwing, slug, held("a"))).not.toThrow();
    expect(readOwnPending(throwing, slug)).toEqual([]);
  });
});

describe("settleOwnPending", () => {
  it("drops what was decided or is unknown to the server, keeps what waits or could not be asked", async () => {
    const storage = memoryStorage();
    for (const id of ["waiting", "approved", "rejected", "forbidden", "gone", "offline"]) rememberOwnPending(storage, slug, held(id));
    const error = (status: number): ApiResult<OwnCommentStatus> => ({ kind: "error", error: { status, code: "x", message: "x", fields: {}, retryAfterSeconds: null } });
    const answers: Record<string, ApiResult<OwnCommentStatus>> = {
      waiting: { kind: "ok", value: "pending" },
      approved: { kind: "ok", value: "approved" },
      rejected: { kind: "ok", value: "rejected" },
      forbidden: error(403),
      gone: error(404),
      offline: { kind: "network" },
    };
    const asked: string[] = [];
    const waiting = await settleOwnPending(storage, slug, async (id, editToken) => {
      asked.push(`${id}:${editToken}`);
      return answers[id]!;
    });
    expect(asked).toContain("waiting:token-waiting");
    expect(waiting.map((comment) => comment.id)).toEqual(["waiting", "offline"]);
    expect(readOwnPending(storage, slug).map((comment) => comment.id)).toEqual(["waiting", "offline"]);
  });
});

describe("readOwnPendingToShow", () => {
  it("does not show twice a comment the thread already has, and forgets it", () => {
    const storage = memoryStorage();
    rememberOwnPending(storage, slug, held("published"));
    rememberOwnPending(storage, slug, held("waiting"));
    expect(readOwnPendingToShow(storage, slug, (id) => id === "published").map((comment) => comment.id)).toEqual(["waiting"]);
    expect(readOwnPending(storage, slug).map((comment) => comment.id)).toEqual(["waiting"]);
  });
});
