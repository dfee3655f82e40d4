import { describe, expect, it } from "vitest";
import { frameAncestorsFor, framePolicyFor, getEmbedSiteKey, getThemeStylesheet, getParentOrigin, getRequestOrigin, isAllowedOrigin, normalizeOrigin } from "@/lib/embed/frame-policy";

const site = { allowedOrigins: ["https://news.example", "http://127.0.0.1:3331", "HTTPS://Blog.Example:443/"] };

describe("normalizeOrigin", () => {
  it.each([
    ["https://news.example", "https://news.example"],
    ["https://news.example/", "https://news.example"],
    ["HTTPS://NEWS.Example:443", "https://news.example"],
    ["http://news.example:80", "http://news.example"],
    ["http://127.0.0.1:3331", "http://127.0.0.1:3331"],
    ["http://[::1]:8080", "http://[::1]:8080"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
  ])("normalises %s to %s", (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
  });

  it.each([
    [""],
    ["null"],
    ["news.example"],
    ["ftp://news.example"],
    ["javascript:alert(1)"],
    ["https://news.example/path"],
    ["https://news.example/?q=1"],
    ["https://news.example/#top"],
    ["https://user:pass@news.example"],
    ["https://*.news.example"],
    ["https://a.example;script-src"],
    ["https://a.example,b"],
    ["https://a.example'"],
    ["https://a.example 'unsafe-inline'"],
    [`https://${"a".repeat(300)}.example`],
  ])("refuses %s", (input) => {
    expect(normalizeOrigin(input)).toBeNull();
  });
});

describe("isAllowedOrigin", () => {
  it.each([
    ["https://news.example", true],
    ["https://NEWS.example:443", true],
    ["https://blog.example", true],
    ["http://127.0.0.1:3331", true],
    ["http://news.example", false],
    ["https://news.example:8443", false],
    ["https://evil.news.example", false],
    ["https://news.example.evil", false],
    ["http://127.0.0.1:3332", false],
    ["http://localhost:3331", false],
    [null, false],
    ["null", false],
  ])("%s → %s (exact scheme, host and port)", (origin, expected) => {
    expect(isAllowedOrigin(site, origin)).toBe(expected);
  });

  it("ignores invalid entries in the site's list", () => {
    expect(isAllowedOrigin({ allowedOrigins: ["*", "https://a.example; frame-ancestors *"] }, "https://a.example")).toBe(false);
  });
});

describe("frameAncestorsFor", () => {
  it("lists 'self' and the site's origins, normalised and once each", () => {
    expect(frameAncestorsFor({ allowedOrigins: [...site.allowedOrigins, "https://news.example/"] })).toBe(
      "frame-ancestors 'self' https://news.example http://127.0.0.1:3331 https://blog.example",
    );
  });

  it("drops entries that could change the header", () => {
    expect(frameAncestorsFor({ allowedOrigins: ["https://a.example; script-src *", "*", "https://b.example\r\nSet-Cookie: x=1", "'unsafe-inline'", "https://c.example"] })).toBe(
      "frame-ancestors 'self' https://c.example",
    );
  });

  it("is 'self' alone without a site", () => {
    expect(frameAncestorsFor(null)).toBe("frame-ancestors 'self'");
    expect(frameAncestorsFor({ allowedOrigins: [] })).toBe("frame-ancestors 'self'");
  });
});

describe("getRequestOrigin", () => {
  it.each([
    ["https://news.example/2024/article?id=1#c", "https://news.example"],
    ["https://news.example/", "https://news.example"],
    ["HTTPS://News.Example:443/a", "https://news.example"],
    [null, null],
    ["", null],
    ["not a url", null],
    ["file:///tmp/page.html", null],
    ["about:blank", null],
  ])("takes the origin of the Referer %j → %s", (referer, expected) => {
    expect(getRequestOrigin(referer)).toBe(expected);
  });
});

describe("getParentOrigin", () => {
  it.each([
    [{ requestOrigin: "https://news.example", claimedOrigin: "https://blog.example" }, "https://news.example"],
    [{ requestOrigin: "http://comments.example", claimedOrigin: "https://news.example" }, "https://news.example"],
    [{ requestOrigin: null, claimedOrigin: "https://news.example/" }, "https://news.example"],
    [{ requestOrigin: null, claimedOrigin: "https://evil.example" }, null],
    [{ requestOrigin: "https://evil.example", claimedOrigin: undefined }, null],
  ])("%j → %s", (request, expected) => {
    expect(getParentOrigin(site, request)).toBe(expected);
  });
});

describe("getEmbedSiteKey", () => {
  it.each([
    ["/embed/demo/article-1", "demo"],
    ["/embed/my%20site/a%2Fb", "my site"],
    ["/embed/demo/a/b", "demo"],
    ["/embed.js", null],
    ["/embed", null],
    ["/embed/demo", null],
    ["/embed/demo/", null],
    ["/embed//x", null],
    ["/embedded/demo/x", null],
    ["/articles/demo", null],
    ["/embed/%E0%A4%A/x", null],
  ])("%s → %s", (pathname, expected) => {
    expect(getEmbedSiteKey(pathname)).toBe(expected);
  });
});

describe("framePolicyFor and getThemeStylesheet", () => {
  const site = { allowedOrigins: ["https://news.example", "http://localhost:4000"] };

  it("is frame-ancestors alone for a site without a style sheet", () => {
    expect(framePolicyFor(site)).toBe("frame-ancestors 'self' https://news.example http://localhost:4000");
    expect(framePolicyFor(null)).toBe("frame-ancestors 'self'");
  });

  it("allows styles from exactly the style sheet's origin, and style attributes, when the site has one on its origins", () => {
    const themed = { ...site, themeStylesheetUrl: "https://news.example/assets/comments.css?v=2" };
    expect(getThemeStylesheet(themed)).toEqual({ url: "https://news.example/assets/comments.css?v=2", origin: "https://news.example" });
    expect(framePolicyFor(themed)).toBe("frame-ancestors 'self' https://news.example http://localhost:4000; style-src 'self' https://news.example; style-src-attr 'unsafe-inline'");
  });

  it.each([
    ["on an origin the site does not allow", "https://evil.example/c.css"],
    ["an origin a header cannot carry", "https://news.example;script-src */c.css"],
    ["not http(s)", "javascript:alert(1)"],
    ["not a URL", "comments.css"],
  ])("ignores a style sheet %s", (_name, themeStylesheetUrl) => {
    expect(getThemeStylesheet({ ...site, themeStylesheetUrl })).toBeNull();
    expect(framePolicyFor({ ...site, themeStylesheetUrl })).not.toContain("style-src");
  });
});
