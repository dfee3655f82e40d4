import { describe, expect, it } from "vitest";
import { withLanguageParam } from "@/lib/reader-pages/language-href";

describe("withLanguageParam", () => {
  it.each([
    ["/guidelines", "es", "/guidelines?lang=es"],
    ["/articles/a?sort=newest#comments", "es", "/articles/a?sort=newest&lang=es#comments"],
    ["/articles/a#comments", "en", "/articles/a?lang=en#comments"],
    ["/articles/a?lang=en", "es", "/articles/a?lang=en"],
    ["/privacy", null, "/privacy"],
    ["/privacy", "fr", "/privacy"],
    ["/privacy", undefined, "/privacy"],
  ])("%s with %s gives %s", (href, lang, expected) => {
    expect(withLanguageParam(href, lang)).toBe(expected);
  });
});
