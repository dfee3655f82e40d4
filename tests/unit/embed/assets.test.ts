import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isEtagMatch, loaderUrl, readEmbedAsset, respondWithEmbedAsset, versionedAssetUrl } from "@/lib/embed/assets";

const dir = mkdtempSync(join(tmpdir(), "embed-assets-"));
const path = join(dir, "embed.js");
const source = '"use strict";(()=>{console.log("ok")})();';
writeFileSync(path, source);
const hash = createHash("sha256").update(source).digest("hex").slice(0, 10);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readEmbedAsset", () => {
  it("returns the script, its short hash and sizes", () => {
    const asset = readEmbedAsset(path);
    expect(asset).toMatchObject({ hash, bytes: source.length, contentType: "application/javascript; charset=utf-8" });
    expect(asset.source.toString("utf8")).toBe(source);
    expect(asset.gzipBytes).toBeGreaterThan(0);
  });

  it("keeps the content type it is served with", () => {
    expect(readEmbedAsset(path, "text/css; charset=utf-8").contentType).toBe("text/css; charset=utf-8");
  });

  it("tells how to build a missing asset", () => {
    expect(() => readEmbedAsset(join(dir, "missing.js"))).toThrow(/npm run build:embed/);
  });
});

describe("loaderUrl and versionedAssetUrl", () => {
  it("give the versioned address on the given origin", () => {
    expect(loaderUrl("https://comments.example.com/", { hash })).toBe(`https://comments.example.com/embed.js?v=${hash}`);
    expect(versionedAssetUrl("", "/embed-frame.css", { hash })).toBe(`/embed-frame.css?v=${hash}`);
  });
});

describe("isEtagMatch", () => {
  it.each([
    [null, false],
    ["", false],
    [`"${hash}"`, true],
    [`W/"${hash}"`, true],
    [`"0000000000", "${hash}"`, true],
    ["*", true],
    [`"0000000000"`, false],
    [hash, false],
  ])("If-None-Match %j matches: %s", (header, expected) => {
    expect(isEtagMatch(header, hash)).toBe(expected);
  });
});

describe("respondWithEmbedAsset", () => {
  const asset = readEmbedAsset(path);

  it("caches the versioned address for a year", async () => {
    const response = respondWithEmbedAsset(new Request(`https://c.example/embed.js?v=${hash}`), asset);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(response.headers.get("etag")).toBe(`"${hash}"`);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(source);
  });

  it.each([["no version", ""], ["an old version", "?v=0000000000"]])("caches the address with %s for five minutes", (_name, query) => {
    expect(respondWithEmbedAsset(new Request(`https://c.example/embed.js${query}`), asset).headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("answers 304 without a body when the client has this version", async () => {
    const response = respondWithEmbedAsset(new Request("https://c.example/embed.js", { headers: { "If-None-Match": `"${hash}"` } }), asset);
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(`"${hash}"`);
    expect(await response.text()).toBe("");
  });
});
