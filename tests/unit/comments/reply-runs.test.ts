import { describe, expect, it } from "vitest";
import { countComments, listCommentIds, LONG_REPLY_RUN, REPLIES_SHOWN_AT_FIRST, splitReplyRun } from "@/lib/comments/reply-runs";
import type { ThreadComment } from "@/lib/comments/thread";

function comment(id: string, replies: ThreadComment[] = []): ThreadComment {
  return { id, parentId: null, authorName: id, authorUrl: null, bodyHtml: `<p>${id}</p>`, createdAt: "2024-08-12T09:00:00.000Z", editedAt: null, respects: 0, featured: false, deleted: false, replies };
}

const run = (length: number) => Array.from({ length }, (_, index) => comment(`r${index + 1}`));

describe("splitReplyRun", () => {
  it.each([0, 1, LONG_REPLY_RUN])("shows every reply of a run of %i", (length) => {
    expect(splitReplyRun(run(length))).toEqual({ shown: run(length), hidden: [] });
  });

  it(`shows the first ${REPLIES_SHOWN_AT_FIRST} of a longer run and holds back the rest, in order`, () => {
    const { shown, hidden } = splitReplyRun(run(LONG_REPLY_RUN + 1));
    expect(shown.map((reply) => reply.id)).toEqual(["r1", "r2", "r3"]);
    expect(hidden.map((reply) => reply.id)).toEqual(["r4", "r5"]);
  });
});

describe("counting and listing a run's comments", () => {
  const hidden = [comment("a", [comment("a1", [comment("a1x")])]), comment("b")];

  it("counts every comment in the trees, replies at any depth included", () => {
    expect(countComments(hidden)).toBe(4);
    expect(countComments([])).toBe(0);
  });

  it("lists their ids in reading order", () => {
    expect(listCommentIds(hidden)).toEqual(["a", "a1", "a1x", "b"]);
  });
});
