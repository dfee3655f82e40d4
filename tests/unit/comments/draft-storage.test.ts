import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AUTHOR_STORAGE_KEY,
  clearDraft,
  getBrowserStorage,
  getDraftKey,
  getInitialDraft,
  readAuthor,
  readDraft,
  saveAuthor,
  saveDraft,
  type CommentDraft,
  type DraftStorage,
} from "@/components/comments/draft-storage";

/** An in-memory Storage with the same string-only contract as localStorage. */
function memoryStorage(initial: Record<string, string> = {}): DraftStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/** A storage that throws on every call, as a blocked or full localStorage does. */
const throwingStorage: DraftStorage = {
  getItem: () => {
    throw new DOMException("denied", "SecurityError");
  },
  setItem: () => {
    throw new DOMException("full", "QuotaExceededError");
  },
  removeItem: () => {
    throw new DOMException("denied", "SecurityError");
  },
};

const slug = "an-attack-on-venezuelas-democracy";
const draft: CommentDraft = { body: "A considered reply.", authorName: "Ana", authorEmail: "ana@example.org", authorUrl: "https://ana.example" };

describe("getDraftKey", () => {
  it("keys drafts by article and reply target, 'top' for a new comment", () => {
    expect(getDraftKey(slug)).toBe(`comments:draft:${slug}:top`);
    expect(getDraftKey(slug, null)).toBe(`comments:draft:${slug}:top`);
    expect(getDraftKey(slug, "c123")).toBe(`comments:draft:${slug}:c123`);
  });
});

describe("saveDraft and readDraft", () => {
  it("round-trips the text and the author's details", () => {
    const storage = memoryStorage();
    expect(saveDraft(storage, slug, null, draft)).toBe(true);
    expect(readDraft(storage, slug, null)).toEqual(draft);
  });

  it("keeps the top-level draft and each reply's draft apart", () => {
    const storage = memoryStorage();
    saveDraft(storage, slug, null, draft);
    saveDraft(storage, slug, "c1", { ...draft, body: "To c1" });
    saveDraft(storage, "other-article", null, { ...draft, body: "Elsewhere" });
    expect(readDraft(storage, slug, null)?.body).toBe("A considered reply.");
    expect(readDraft(storage, slug, "c1")?.body).toBe("To c1");
    expect(readDraft(storage, slug, "c2")).toBeNull();
    expect(readDraft(storage, "other-article")?.body).toBe("Elsewhere");
  });

  it("stores only the draft's fields, never the captcha or the honeypot", () => {
    const storage = memoryStorage();
    saveDraft(storage, slug, null, { ...draft, captchaAnswer: "5", website: "spam" } as CommentDraft);
    const stored = JSON.parse(storage.items.get(getDraftKey(slug))!);
    expect(Object.keys(stored).sort()).toEqual(["authorEmail", "authorName", "authorUrl", "body", "savedAt"]);
  });

  it("removes the draft when its text is emptied", () => {
    const storage = memoryStorage();
    saveDraft(storage, slug, null, draft);
    saveDraft(storage, slug, null, { ...draft, body: "   " });
    expect(storage.items.has(getDraftKey(slug))).toBe(false);
  });

  it.each([
    ["not JSON", "{oops"],
    ["JSON but not an object", "[1,2]"],
    ["null", "null"],
    ["an object without text", JSON.stringify({ authorName: "Ana" })],
  ])("reads %s as no draft", (_case, raw) => {
    expect(readDraft(memoryStorage({ [getDraftKey(slug)]: raw }), slug)).toBeNull();
  });

  it("ignores fields of the wrong type", () => {
    const storage = memoryStorage({ [getDraftKey(slug)]: JSON.stringify({ body: "Text", authorName: 42, authorEmail: null }) });
    expect(readDraft(storage, slug)).toEqual({ body: "Text", authorName: "", authorEmail: "", authorUrl: "" });
  });
});

describe("clearDraft", () => {
  it("forgets only the given target's draft and keeps the remembered author", () => {
    const storage = memoryStorage();
    saveDraft(storage, slug, null, draft);
    saveDraft(storage, slug, "c1", draft);
    saveAuthor(storage, draft);
    clearDraft(storage, slug, null);
    expect(readDraft(storage, slug, null)).toBeNull();
    expect(readDraft(storage, slug, "c1")).not.toBeNull();
    expect(readAuthor(storage).authorName).toBe("Ana");
  });
});

describe("saveAuthor and readAuthor", () => {
  it("remembers name, e-mail and website under comments:author", () => {
    const storage = memoryStorage();
    saveAuthor(storage, { authorName: "Ana", authorEmail: "ana@example.org", authorUrl: "" });
    expect(JSON.parse(storage.items.get(AUTHOR_STORAGE_KEY)!)).toEqual({ authorName: "Ana", authorEmail: "ana@example.org", authorUrl: "" });
    expect(readAuthor(storage)).toEqual({ authorName: "Ana", authorEmail: "ana@example.org", authorUrl: "" });
  });

  it("gives empty details when none are remembered", () => {
    expect(readAuthor(memoryStorage())).toEqual({ authorName: "", authorEmail: "", authorUrl: "" });
  });
});

describe("getInitialDraft", () => {
  it("pre-fills the remembered author when there is no draft", () => {
    const storage = memoryStorage();
    saveAuthor(storage, { authorName: "Ana", authorEmail: "ana@example.org", authorUrl: "https://ana.example" });
    expect(getInitialDraft(storage, slug, "c9")).toEqual({ body: "", authorName: "Ana", authorEmail: "ana@example.org", authorUrl: "https://ana.example" });
  });

  it("prefers the draft's details and fills only the ones it left empty", () => {
    const storage = memoryStorage();
    saveAuthor(storage, { authorName: "Ana", authorEmail: "ana@example.org", authorUrl: "https://ana.example" });
    saveDraft(storage, slug, null, { body: "Half-written", authorName: "Ana B.", authorEmail: "", authorUrl: "" });
    expect(getInitialDraft(storage, slug, null)).toEqual({ body: "Half-written", authorName: "Ana B.", authorEmail: "ana@example.org", authorUrl: "https://ana.example" });
  });

  it("starts empty without storage", () => {
    expect(getInitialDraft(null, slug)).toEqual({ body: "", authorName: "", authorEmail: "", authorUrl: "" });
  });
});

describe("when storage is unavailable or throws", () => {
  it.each([
    ["missing", null],
    ["throwing", throwingStorage],
  ])("every function keeps working with %s storage", (_case, storage) => {
    expect(saveDraft(storage, slug, null, draft)).toBe(false);
    expect(readDraft(storage, slug, null)).toBeNull();
    expect(() => clearDraft(storage, slug, null)).not.toThrow();
    expect(() => saveDraft(storage, slug, null, { ...draft, body: "" })).not.toThrow();
    expect(saveAuthor(storage, draft)).toBe(false);
    expect(readAuthor(storage)).toEqual({ authorName: "", authorEmail: "", authorUrl: "" });
    expect(getInitialDraft(storage, slug)).toEqual({ body: "", authorName: "", authorEmail: "", authorUrl: "" });
  });
});

describe("getBrowserStorage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is null outside a browser", () => {
    expect(getBrowserStorage()).toBeNull();
  });

  it("is null when reading localStorage throws", () => {
    vi.stubGlobal("window", {
      get localStorage(): Storage {
        throw new DOMException("denied", "SecurityError");
      },
    });
    expect(getBrowserStorage()).toBeNull();
  });

  it("is null when localStorage refuses writes", () => {
    vi.stubGlobal("window", { localStorage: throwingStorage });
    expect(getBrowserStorage()).toBeNull();
  });

  it("is localStorage when it works, and leaves nothing behind", () => {
    const storage = memoryStorage();
    vi.stubGlobal("window", { localStorage: storage });
    expect(getBrowserStorage()).toBe(storage);
    expect(storage.items.size).toBe(0);
  });
});
