import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isEtagMatch, loaderUrl, readLoaderAsset, respondWithLoader } from "@/lib/embed/loader-asset";

const dir = mkdtempSync(join(tmpdir(), "loader-asset-"));
const path = join(dir, "embed.js");
const source = '"use strict";(()=>{console.log("ok")})();';
writeFileSync(path, source);
const hash = createHash("sha256").update(source).digest("hex").slice(0, 10);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readLoaderAsset", () => {
  it("returns the script, its short hash and sizes", () => {
    const asset = readLoaderAsset(path);
    expect(asset).toMatchObject({ source, hash, bytes: source.length });
    expect(asset.gzipBytes).toBeGreaterThan(0);
  });

  it("tells how to build a missing loader", () => {
    expect(() => readLoaderAsset(join(dir, "missing.js"))).toThrow(/npm run build:embed/);
  });
});

describe("loaderUrl", () => {
  it("gives the versioned address on the given origin", () => {
    expect(loaderUrl("https://comments.example.com/", { hash })).toBe(`https://comments.example.com/embed.js?v=${hash}`);
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

describe("respondWithLoader", () => {
  const asset = readLoaderAsset(path);

  it("caches the versioned address for a year", async () => {
    const response = respondWithLoader(new Request(`https://c.example/embed.js?v=${hash}`), asset);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(response.headers.get("etag")).toBe(`"${hash}"`);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(source);
  });

  it.each([["no version", ""], ["an old version", "?v=0000000000"]])("caches the address with %s for five minutes", (_name, query) => {
    expect(respondWithLoader(new Request(`https://c.example/embed.js${query}`), asset).headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("answers 304 without a body when the client has this version", async () => {
    const response = respondWithLoader(new Request("https://c.example/embed.js", { headers: { "If-None-Match": `"${hash}"` } }), asset);
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(`"${hash}"`);
    expect(await response.text()).toBe("");
  });
});
