import { describe, expect, it } from "vitest";
import type { ApiResult, RespectCount } from "@/components/comments/comments-api";
import type { DraftStorage } from "@/components/comments/draft-storage";
import {
  createReaderToken,
  describeRespectFailure,
  encodeBase64Url,
  findStoredSortAddress,
  getReaderToken,
  KNOWN_SORTS,
  MAX_REMEMBERED_RESPECTS,
  readRespectedIds,
  readSort,
  readStoredSort,
  READER_TOKEN_KEY,
  rememberRespect,
  RESPECTED_KEY,
  SORT_KEY,
  storeSort,
  type ThreadControlWords,
} from "@/components/comments/thread-controls";
import { THREAD_CONTROL_MESSAGE_KEYS } from "@/lib/reader-pages/thread-control-messages";
import { createTranslator } from "@/lib/i18n/translate";
import { threadSorts } from "@/lib/validation/thread-query";

/** localStorage as a map; `refuse` makes every write throw, as a full or blocked storage does. */
function memoryStorage(initial: Record<string, string> = {}, refuse = false): DraftStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (refuse) throw new Error("QuotaExceededError");
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
  };
}

const sequentialBytes = (bytes: Uint8Array) => bytes.map((_, index) => index * 8);

describe("reader token", () => {
  it("is 32 random bytes written as base64url, 43 characters without padding", () => {
    const token = createReaderToken(sequentialBytes);
    expect(token).toBe(encodeBase64Url(new Uint8Array(32).map((_, index) => index * 8)));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createReaderToken()).not.toBe(createReaderToken());
  });

  it("writes the characters that base64 and base64url do not share as - and _", () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
    expect(encodeBase64Url(new Uint8Array([0xff]))).toBe("_w");
  });

  it("is made once per browser and kept under comments:reader-token", () => {
    const storage = memoryStorage();
    const first = getReaderToken(storage);
    expect(storage.items.get(READER_TOKEN_KEY)).toBe(first);
    expect(getReaderToken(storage)).toBe(first);
  });

  it.each([["not a token"], ["x".repeat(44)], [""], ["a+b/".repeat(11)]])("replaces %j found under its key", (stored) => {
    const storage = memoryStorage({ [READER_TOKEN_KEY]: stored });
    const token = getReaderToken(storage, sequentialBytes);
    expect(token).toBe(createReaderToken(sequentialBytes));
    expect(storage.items.get(READER_TOKEN_KEY)).toBe(token);
  });

  it("still gives a token when storage refuses to keep it, or there is none", () => {
    expect(getReaderToken(memoryStorage({}, true))).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(getReaderToken(null)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("respected comments", () => {
  it("remembers respects, each once, and forgets one taken back", () => {
    const storage = memoryStorage();
    rememberRespect(storage, "c1", true);
    rememberRespect(storage, "c2", true);
    rememberRespect(storage, "c1", true);
    expect(readRespectedIds(storage)).toEqual(["c2", "c1"]);
    rememberRespect(storage, "c2", false);
    expect(readRespectedIds(storage)).toEqual(["c1"]);
    expect(JSON.parse(storage.items.get(RESPECTED_KEY)!)).toEqual(["c1"]);
  });

  it(`keeps the latest ${MAX_REMEMBERED_RESPECTS}`, () => {
    const storage = memoryStorage();
    storage.setItem(RESPECTED_KEY, JSON.stringify(Array.from({ length: MAX_REMEMBERED_RESPECTS }, (_, index) => `c${index}`)));
    rememberRespect(storage, "newest", true);
    const ids = readRespectedIds(storage);
    expect(ids).toHaveLength(MAX_REMEMBERED_RESPECTS);
    expect(ids[0]).toBe("c1");
    expect(ids.at(-1)).toBe("newest");
  });

  it.each([
    ["not JSON", "{", []],
    ["an object", '{"c1":true}', []],
    ["other values and malformed ids", JSON.stringify(["c1", 7, null, "has space", "x".repeat(65), "c_2-ok"]), ["c1", "c_2-ok"]],
  ])("reads %s as what is usable in it", (_, stored, expected) => {
    expect(readRespectedIds(memoryStorage({ [RESPECTED_KEY]: stored }))).toEqual(expected);
  });

  it("reads nothing without storage, and does not fail when storage refuses a write", () => {
    expect(readRespectedIds(null)).toEqual([]);
    expect(() => rememberRespect(memoryStorage({}, true), "c1", true)).not.toThrow();
  });
});

describe("the reader's order", () => {
  it("knows the same orders as the API", () => {
    expect([...KNOWN_SORTS]).toEqual([...threadSorts]);
  });

  it("is kept under comments:sort and read back only when it is an order", () => {
    const storage = memoryStorage();
    expect(readStoredSort(storage)).toBeNull();
    storeSort(storage, "best");
    expect(storage.items.get(SORT_KEY)).toBe("best");
    expect(readStoredSort(storage)).toBe("best");
    storage.setItem(SORT_KEY, "worst");
    expect(readStoredSort(storage)).toBeNull();
    expect(readSort("replies")).toBe("replies");
    expect(readSort(undefined)).toBeNull();
  });

  it.each([
    ["a thread opened without an order goes to the remembered one", "https://c.example/articles/a", "best", "oldest", "https://c.example/articles/a?sort=best"],
    ["the frame keeps its own parameters and the fragment", "https://c.example/embed/s/k?url=https%3A%2F%2Fh.example%2Fp&lang=es#comment-9", "replies", "oldest", "https://c.example/embed/s/k?url=https%3A%2F%2Fh.example%2Fp&lang=es&sort=replies#comment-9"],
    ["a cursor of the other order is dropped", "https://c.example/articles/a?cursor=abc", "newest", "oldest", "https://c.example/articles/a?sort=newest"],
    ["an address that names an order stays, so the redirect cannot loop", "https://c.example/articles/a?sort=oldest", "best", "oldest", null],
    ["the default order stays", "https://c.example/articles/a", "oldest", "oldest", null],
    ["the order already shown stays", "https://c.example/articles/a", "newest", "newest", null],
    ["nothing remembered stays", "https://c.example/articles/a", null, "oldest", null],
  ] as const)("%s", (_, href, stored, shown, expected) => {
    expect(findStoredSortAddress(href, stored, shown)).toBe(expected);
  });

  it("never redirects the address it redirects to", () => {
    const target = findStoredSortAddress("https://c.example/articles/a", "best", "oldest")!;
    expect(findStoredSortAddress(target, "best", "oldest")).toBeNull();
  });
});

describe("describeRespectFailure", () => {
  const words: ThreadControlWords = (name, params) => createTranslator("es")(THREAD_CONTROL_MESSAGE_KEYS[name], params);
  const refused = (status: number, message: string): Exclude<ApiResult<RespectCount>, { kind: "ok" }> => ({
    kind: "error",
    error: { status, code: status === 429 ? "rate_limited" : "internal", message, fields: {}, retryAfterSeconds: status === 429 ? 30 : null },
  });

  it.each([
    ["a request that never reached the server", { kind: "network" } as const, "No pudimos conectar con el servidor. Inténtalo de nuevo en un momento."],
    ["the API's own message, in the page's language already", refused(429, "Demasiados respetos desde tu red."), "Demasiados respetos desde tu red."],
    ["a server failure", refused(500, "Internal"), "No se pudo guardar tu respeto. Inténtalo de nuevo."],
    ["an answer without a message (the client's fallback key)", refused(400, "form.messages.internal"), "No se pudo guardar tu respeto. Inténtalo de nuevo."],
  ])("says %s", (_, result, expected) => {
    expect(describeRespectFailure(result, words)).toBe(expected);
  });
});
