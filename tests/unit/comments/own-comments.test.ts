import { afterEach, describe, expect, it, vi } from "vitest";
import { deleteComment, editComment, type ApiError, type ApiResult, type EditedComment, type PostedComment } from "@/components/comments/comments-api";
import { forgetOwnComment, OWN_COMMENTS_KEY, readOwnComments, readOwnPending, rememberOwnComment, type DraftStorage, type OwnComment } from "@/components/comments/draft-storage";
import { findControllableComments, getNextExpiryDelay, judgeDeleteAnswer, judgeEditAnswer, keepOwnComment, readOutcomeNote } from "@/components/comments/own-comments";
import { createFrameTranslator } from "@/embed/frame-core";
import { buildFrameScriptMessages } from "@/lib/embed/frame-script-messages";
import { en } from "@/lib/i18n/catalogs/en";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import { createTranslator } from "@/lib/i18n/translate";
import { VALIDATION_MESSAGE_PARAMS } from "@/lib/validation/message-params";

function memoryStorage(initial: Record<string, string> = {}): DraftStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, String(value)), removeItem: (key) => void items.delete(key) };
}

const now = new Date("2026-12-04T12:00:00Z");
const minutes = (count: number) => new Date(now.getTime() + count * 60_000).toISOString();
const slug = "shade-before-air-conditioning";

function own(id: string, editableUntil = minutes(10), change: Partial<OwnComment> = {}): OwnComment {
  return { id, editToken: `token-${id}`, editableUntil, body: `Comment ${id}`, authorName: "Ana", parentId: null, slug, ...change };
}

describe("the comments this browser may still edit or delete", () => {
  it("keeps each comment once, per article, and drops it once its window has passed", () => {
    const storage = memoryStorage();
    rememberOwnComment(storage, own("a", minutes(5)), now);
    rememberOwnComment(storage, own("b", minutes(15), { slug: "another-article" }), now);
    rememberOwnComment(storage, own("a", minutes(5), { body: "Corrected text" }), now);
    expect(readOwnComments(storage, slug, now)).toEqual([own("a", minutes(5), { body: "Corrected text" })]);
    expect(readOwnComments(storage, "another-article", now).map((comment) => comment.id)).toEqual(["b"]);
    expect(readOwnComments(storage, slug, new Date(now.getTime() + 5 * 60_000))).toEqual([]);
  });

  it("does not keep a comment whose window has already passed, and forgets one on request", () => {
    const storage = memoryStorage();
    rememberOwnComment(storage, own("late", minutes(-1)), now);
    expect(storage.items.has(OWN_COMMENTS_KEY)).toBe(false);
    rememberOwnComment(storage, own("a"), now);
    rememberOwnComment(storage, own("b"), now);
    forgetOwnComment(storage, "a", now);
    expect(readOwnComments(storage, slug, now).map((comment) => comment.id)).toEqual(["b"]);
    forgetOwnComment(storage, "b", now);
    expect(storage.items.has(OWN_COMMENTS_KEY)).toBe(false);
  });

  it("leaves out malformed entries and expired ones, and prunes them on the next write", () => {
    const storage = memoryStorage({
      [OWN_COMMENTS_KEY]: JSON.stringify({
        comments: [own("expired", minutes(-3)), { id: "no-token", editableUntil: minutes(5), slug }, { ...own("bad-time"), editableUntil: "soon" }, { ...own("no-slug"), slug: "" }, "junk", own("fine")],
      }),
    });
    expect(readOwnComments(storage, slug, now).map((comment) => comment.id)).toEqual(["fine"]);
    rememberOwnComment(storage, own("new"), now);
    expect((JSON.parse(storage.items.get(OWN_COMMENTS_KEY)!) as { comments: OwnComment[] }).comments.map((comment) => comment.id)).toEqual(["fine", "new"]);
  });

  it.each([["not json"], ["[]"], [JSON.stringify({ comments: "x" })], [JSON.stringify(null)]])("reads %s as nothing kept", (raw) => {
    expect(readOwnComments(memoryStorage({ [OWN_COMMENTS_KEY]: raw }), slug, now)).toEqual([]);
  });

  it("keeps the newest 50", () => {
    const storage = memoryStorage();
    for (let index = 0; index < 55; index += 1) rememberOwnComment(storage, own(`c${index}`), now);
    const ids = readOwnComments(storage, slug, now).map((comment) => comment.id);
    expect(ids).toHaveLength(50);
    expect(ids[0]).toBe("c5");
    expect(ids.at(-1)).toBe("c54");
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
    expect(readOwnComments(null, slug, now)).toEqual([]);
    expect(() => rememberOwnComment(throwing, own("a"), now)).not.toThrow();
    expect(() => forgetOwnComment(throwing, "a", now)).not.toThrow();
    expect(readOwnComments(throwing, slug, now)).toEqual([]);
  });
});

describe("keepOwnComment", () => {
  const posted = (change: Partial<PostedComment>): PostedComment => ({ id: "c1", status: "approved", message: "", editToken: "t1", editableUntil: minutes(15), ...change });

  it("keeps a published comment and a held one alike, with what the reader wrote", () => {
    const storage = memoryStorage();
    keepOwnComment(storage, slug, posted({}), { body: "Published text", authorName: "Ana" }, now);
    keepOwnComment(storage, slug, posted({ id: "c2", status: "pending", editToken: "t2" }), { body: "Held text", authorName: "Ana", parentId: "c1" }, now);
    expect(readOwnComments(storage, slug, now)).toEqual([
      { id: "c1", editToken: "t1", editableUntil: minutes(15), body: "Published text", authorName: "Ana", parentId: null, slug },
      { id: "c2", editToken: "t2", editableUntil: minutes(15), body: "Held text", authorName: "Ana", parentId: "c1", slug },
    ]);
    // Following a held comment is own-pending's business: nothing is added there.
    expect(readOwnPending(storage, slug, now)).toEqual([]);
  });

  it.each([
    ["no token", { editToken: "" }],
    ["no window", { editableUntil: "" }],
    ["a window that is not a time", { editableUntil: "later" }],
    ["a window already passed", { editableUntil: minutes(-1) }],
  ])("keeps nothing for an answer with %s", (_name, change) => {
    const storage = memoryStorage();
    keepOwnComment(storage, slug, posted(change), { body: "Text", authorName: "Ana" }, now);
    expect(readOwnComments(storage, slug, now)).toEqual([]);
  });
});

describe("findControllableComments and getNextExpiryDelay", () => {
  it("gives the kept comments the thread shows, and when the first window closes", () => {
    const storage = memoryStorage();
    for (const comment of [own("shown-late", minutes(12)), own("hidden", minutes(2)), own("shown-soon", minutes(4)), own("elsewhere", minutes(1), { slug: "other" })]) rememberOwnComment(storage, comment, now);
    const found = findControllableComments(storage, slug, (id) => id.startsWith("shown"), now);
    expect([...found.keys()]).toEqual(["shown-late", "shown-soon"]);
    expect(getNextExpiryDelay(found.values(), now)).toBe(4 * 60_000);
    expect(getNextExpiryDelay([], now)).toBeNull();
    expect(getNextExpiryDelay([own("past", minutes(-1))], now)).toBe(0);
  });
});

const english = createTranslator("en");
const apiError = (change: Partial<ApiError>): ApiError => ({ status: 400, code: "validation", message: "Invalid input", fields: {}, retryAfterSeconds: null, ...change });
const refused = (change: Partial<ApiError>): ApiResult<never> => ({ kind: "error", error: apiError(change) });

describe("judgeEditAnswer", () => {
  const ok = (status: EditedComment["status"], message = ""): ApiResult<EditedComment> => ({ kind: "ok", value: { id: "c1", status, message } });

  it.each<[string, ApiResult<EditedComment>, ReturnType<typeof judgeEditAnswer>]>([
    ["a published edit", ok("approved"), { kind: "updated" }],
    ["a held edit", ok("pending", "Your comment is awaiting moderation."), { kind: "held", message: "Your comment is awaiting moderation." }],
    ["a wrong token or a passed window (403)", refused({ status: 403, code: "forbidden", message: "You can no longer edit this comment" }), { kind: "closed" }],
    ["a comment the server no longer has (404)", refused({ status: 404, code: "not_found", message: "No such comment" }), { kind: "closed" }],
    ["no answer at all", { kind: "network" }, { kind: "network" }],
    [
      "a text that is too short",
      refused({ fields: { body: "Your comment must be at least 2 characters" } }),
      { kind: "refused", placed: { fields: { body: "Your comment must be at least 2 characters" }, formMessage: null, focus: "body" } },
    ],
    [
      "a body too large to read (413)",
      refused({ status: 413, code: "too_large", message: "The request body is larger than 64 KB" }),
      { kind: "refused", placed: { fields: { body: "The request body is larger than 64 KB" }, formMessage: null, focus: "body" } },
    ],
    [
      "a rate limit",
      refused({ status: 429, code: "rate_limited", message: "Too many edits.", retryAfterSeconds: 30 }),
      { kind: "refused", placed: { fields: {}, formMessage: "Too many edits. You can try again in 30 seconds. Your comment is saved in this browser.", focus: null } },
    ],
  ])("reads %s", (_name, result, expected) => {
    expect(judgeEditAnswer(result, english)).toEqual(expected);
  });
});

describe("judgeDeleteAnswer", () => {
  it.each<[string, ApiResult<true>, ReturnType<typeof judgeDeleteAnswer>]>([
    ["a deletion (204)", { kind: "ok", value: true }, { kind: "deleted" }],
    ["a refusal of the token or the window (403)", refused({ status: 403, code: "forbidden", message: "x" }), { kind: "closed" }],
    ["a comment already gone (404)", refused({ status: 404, code: "not_found", message: "x" }), { kind: "closed" }],
    ["a rate limit", refused({ status: 429, code: "rate_limited", message: "Too many requests." }), { kind: "refused", message: "Too many requests." }],
    ["no answer at all", { kind: "network" }, { kind: "network" }],
  ])("reads %s", (_name, result, expected) => {
    expect(judgeDeleteAnswer(result)).toEqual(expected);
  });
});

describe("readOutcomeNote", () => {
  const at = now.getTime();
  const note = { kind: "deleted", id: "c1", slug, previousId: "c0", parentId: null, savedAt: at };

  it("reads a fresh note", () => {
    expect(readOutcomeNote(JSON.stringify(note), slug, at + 1000)).toEqual(note);
    expect(readOutcomeNote(JSON.stringify({ ...note, previousId: "", parentId: 7 }), slug, at)).toEqual({ ...note, previousId: null, parentId: null });
  });

  it.each([
    ["nothing", null],
    ["not json", "{"],
    ["an unknown outcome", JSON.stringify({ ...note, kind: "approved" })],
    ["no id", JSON.stringify({ ...note, id: "" })],
    ["no time", JSON.stringify({ ...note, savedAt: "now" })],
    ["a stale note", JSON.stringify({ ...note, savedAt: at - 61_000 })],
    ["a note from the future", JSON.stringify({ ...note, savedAt: at + 61_000 })],
    ["a note about another article", JSON.stringify({ ...note, slug: "another-article" })],
  ])("reads %s as no note", (_name, raw) => {
    expect(readOutcomeNote(raw, slug, at)).toBeNull();
  });
});

describe("the words of the edit and delete controls", () => {
  const keys = Object.keys(en.reader.ownComment).map((name) => `reader.ownComment.${name}` as MessageKey);

  it.each(["en", "es"] as const)("are the same in the frame as on the article page (%s)", (locale) => {
    const frame = createFrameTranslator({ locale, messages: buildFrameScriptMessages(locale) });
    const page = createTranslator(locale);
    for (const key of [...keys, "common.cancel" as const]) expect(frame(key)).toBe(page(key));
    expect(frame("form.bodyHint", VALIDATION_MESSAGE_PARAMS)).toBe(page("form.bodyHint", VALIDATION_MESSAGE_PARAMS));
  });
});

describe("editComment and deleteComment", () => {
  afterEach(() => vi.unstubAllGlobals());

  function answering(status: number, body: unknown) {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(body === null ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    });
    return calls;
  }

  it("sends PATCH with the token and the text, and reads the status", async () => {
    const calls = answering(200, { id: "c/1", status: "pending", message: "Held" });
    expect(await editComment("c/1", "token", "New text")).toEqual({ kind: "ok", value: { id: "c/1", status: "pending", message: "Held" } });
    expect(calls[0]!.url).toBe("/api/v1/comments/c%2F1");
    expect(calls[0]!.init.method).toBe("PATCH");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ editToken: "token", body: "New text" });
  });

  it("sends DELETE with the token and takes the 204", async () => {
    const calls = answering(204, null);
    expect(await deleteComment("c1", "token")).toEqual({ kind: "ok", value: true });
    expect(calls[0]!.init.method).toBe("DELETE");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ editToken: "token" });
  });

  it("gives the API's refusal with its code, message and fields", async () => {
    answering(403, { error: { code: "forbidden", message: "This comment can no longer be changed", fields: { editToken: "Wrong token" } } });
    expect(await deleteComment("c1", "token")).toEqual({
      kind: "error",
      error: { status: 403, code: "forbidden", message: "This comment can no longer be changed", fields: { editToken: "Wrong token" }, retryAfterSeconds: null },
    });
  });

  it("treats an answer it cannot read as the server's failure", async () => {
    answering(200, { id: "c1", status: "published" });
    expect(await editComment("c1", "token", "Text")).toMatchObject({ kind: "error", error: { code: "internal", message: "form.messages.unreadable" } });
  });
});
