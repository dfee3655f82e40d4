import { describe, expect, it } from "vitest";
import { authorTokenFor } from "@/lib/comments/author-token";
import { statusAfterEdit } from "@/lib/comments/edit-comment";
import { assertAuthorToken, assertStillEditable, editableUntilOf } from "@/lib/comments/own-editable-comment";
import { AppError } from "@/lib/errors";

const createdAt = new Date("2026-01-10T12:00:00.000Z");
const window = { editWindowMinutes: 15 };
const comment = { status: "approved" as const, createdAt, deletedAt: null, erasedAt: null };

/** The refusal a call throws, as the API would answer it in English. */
function refusalOf(call: () => void): { code: string; message: string; fields: Record<string, string> | undefined } | null {
  try {
    call();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, message: (error as AppError).message, fields: (error as AppError).fields };
  }
}

describe("statusAfterEdit", () => {
  it.each([
    ["approved", "approved", "approved"],
    ["approved", "pending", "pending"],
    ["approved", "spam", "spam"],
    ["approved", "rejected", "rejected"],
    ["pending", "approved", "pending"],
    ["pending", "spam", "spam"],
    ["spam", "approved", "spam"],
    ["spam", "pending", "spam"],
  ] as const)("a %s comment whose new text is judged %s becomes %s", (current, judged, expected) => {
    expect(statusAfterEdit(current, judged)).toBe(expected);
  });
});

describe("editableUntilOf and assertStillEditable", () => {
  it("gives the window's end, and allows a change until just before it", () => {
    expect(editableUntilOf(createdAt, window).toISOString()).toBe("2026-01-10T12:15:00.000Z");
    expect(refusalOf(() => assertStillEditable(comment, window, new Date("2026-01-10T12:14:59.999Z")))).toBeNull();
  });

  it.each([
    ["at the window's end", comment, window, "2026-01-10T12:15:00.000Z", "Too late: a comment can be edited or deleted for 15 minutes after posting."],
    ["with a one-minute window", comment, { editWindowMinutes: 1 }, "2026-01-10T12:01:00.000Z", "Too late: a comment can be edited or deleted for 1 minute after posting."],
    ["with editing off", comment, { editWindowMinutes: 0 }, "2026-01-10T12:00:00.000Z", "Comments on this site cannot be edited or deleted once posted."],
    ["when deleted", { ...comment, deletedAt: createdAt }, window, "2026-01-10T12:01:00.000Z", "This comment was deleted: there is nothing left to edit or delete."],
    ["when erased at its author's request", { ...comment, erasedAt: createdAt }, window, "2026-01-10T12:01:00.000Z", "This comment was deleted: there is nothing left to edit or delete."],
    ["when rejected", { ...comment, status: "rejected" as const }, window, "2026-01-10T12:01:00.000Z", "A moderator rejected this comment: it can no longer be edited or deleted."],
  ])("refuses %s with forbidden naming editToken", (_name, subject, settings, now, message) => {
    const refusal = refusalOf(() => assertStillEditable(subject, settings, new Date(now)));
    expect(refusal).toMatchObject({ code: "forbidden", message, fields: { editToken: expect.any(String) } });
  });
});

describe("assertAuthorToken", () => {
  const secret = "unit-test-secret";
  it("accepts the comment's own token", () => {
    expect(refusalOf(() => assertAuthorToken(secret, "cm1", { editToken: authorTokenFor(secret, "cm1") }))).toBeNull();
  });

  it.each([
    ["no body", undefined, "Send the editToken that posting this comment gave you"],
    ["no token", { body: "x" }, "Send the editToken that posting this comment gave you"],
    ["another comment's token", { editToken: authorTokenFor(secret, "cm2") }, "This editToken is not the one given for this comment"],
    ["a token under another secret", { editToken: authorTokenFor("other", "cm1") }, "This editToken is not the one given for this comment"],
  ])("refuses %s with forbidden naming editToken", (_name, input, message) => {
    expect(refusalOf(() => assertAuthorToken(secret, "cm1", input))).toMatchObject({ code: "forbidden", message, fields: { editToken: expect.any(String) } });
  });
});
