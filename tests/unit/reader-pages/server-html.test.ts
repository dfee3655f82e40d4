import { describe, expect, it } from "vitest";
import { keepServerHtml, takeServerHtml } from "@/lib/reader-pages/server-html";

describe("server HTML handed past the page data", () => {
  it("renders what was kept when it is taken, once", () => {
    let renders = 0;
    const key = keepServerHtml(() => {
      renders += 1;
      return "<ol>thread</ol>";
    });
    expect(renders).toBe(0);
    expect(takeServerHtml(key)).toBe("<ol>thread</ol>");
    expect(takeServerHtml(key)).toBeNull();
    expect(renders).toBe(1);
  });

  it("knows nothing of a key it did not give", () => {
    expect(takeServerHtml("not-a-key")).toBeNull();
  });

  it("drops what nobody took after ten seconds", () => {
    const start = 1_000_000_000;
    const stale = keepServerHtml(() => "stale", start);
    const fresh = keepServerHtml(() => "fresh", start + 9_000);
    // Keeping another sweeps what has waited too long.
    const later = keepServerHtml(() => "later", start + 10_000);
    expect(takeServerHtml(stale)).toBeNull();
    expect(takeServerHtml(fresh)).toBe("fresh");
    expect(takeServerHtml(later)).toBe("later");
  });

  it("keeps at most 64 renders waiting, dropping the oldest (the router's requests render no HTML, so nobody takes theirs)", () => {
    const now = 2_000_000_000;
    const keys = Array.from({ length: 100 }, (_, index) => keepServerHtml(() => `page ${index}`, now));
    expect(keys.slice(0, 36).map((key) => takeServerHtml(key))).toEqual(Array(36).fill(null));
    expect(takeServerHtml(keys[36]!)).toBe("page 36");
    expect(takeServerHtml(keys[99]!)).toBe("page 99");
  });
});
