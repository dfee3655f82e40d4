import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getCounts, OPTIONS as preflightCounts } from "@/app/api/v1/counts/route";
import { getDb } from "@/lib/db";
import { createComment } from "../support/factories";

const SITE_ORIGIN = "https://daily.example";
const OTHER_ORIGIN = "https://weekly.example";

/** Article keys as an embedding page might choose them: the loader sends each URL-encoded. */
const keys = { plain: "story-1", spaced: "2024/08 the budget & more", unicode: "élections-über", proto: "__proto__", quiet: "story-quiet" };

beforeAll(async () => {
  const db = getDb();
  const daily = await db.site.create({ data: { key: "daily", name: "The Daily", allowedOrigins: [SITE_ORIGIN, "http://localhost:4000"] } });
  const weekly = await db.site.create({ data: { key: "weekly", name: "The Weekly", allowedOrigins: [OTHER_ORIGIN] } });
  const article = (siteId: string, externalId: string, slug: string) =>
    db.article.create({ data: { siteId, slug, externalId, url: `https://daily.example/${slug}`, title: slug, publishedAt: new Date(), tags: [] } });

  const plain = await article(daily.id, keys.plain, "daily-story-1");
  const spaced = await article(daily.id, keys.spaced, "daily-budget");
  const unicode = await article(daily.id, keys.unicode, "daily-elections");
  const proto = await article(daily.id, keys.proto, "daily-proto");
  await article(daily.id, keys.quiet, "daily-quiet");
  // The same article key on another site is another article.
  const weeklyPlain = await article(weekly.id, keys.plain, "weekly-story-1");

  for (let index = 0; index < 3; index += 1) await createComment(db, plain.id, { status: "approved" });
  for (const status of ["pending", "spam", "rejected"] as const) await createComment(db, plain.id, { status });
  await createComment(db, spaced.id, { status: "approved" });
  await createComment(db, spaced.id, { status: "approved" });
  await createComment(db, unicode.id, { status: "approved" });
  await createComment(db, proto.id, { status: "approved" });
  await createComment(db, weeklyPlain.id, { status: "approved" });
  await createComment(db, weeklyPlain.id, { status: "pending" });
});

function countsRequest(query: string, headers: Record<string, string> = {}, method = "GET"): Request {
  return new Request(`http://localhost/api/v1/counts${query}`, { method, headers });
}

async function fetchCounts(query: string, headers: Record<string, string> = {}) {
  const response = await getCounts(countsRequest(query, headers));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const articlesParam = (...values: string[]) => values.map(encodeURIComponent).join(",");

describe("GET /api/v1/counts?site=…&articles=…", () => {
  it("answers approved comments per article key in the order asked, 0 for unknown keys, decoding each key", async () => {
    const result = await fetchCounts(`?site=daily&articles=${articlesParam(keys.plain, keys.spaced, keys.unicode, keys.quiet, "never-loaded", keys.proto)}`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ [keys.plain]: 3, [keys.spaced]: 2, [keys.unicode]: 1, [keys.quiet]: 0, "never-loaded": 0, ["__proto__"]: 1 });
    expect(Object.keys(result.body)).toEqual([keys.plain, keys.spaced, keys.unicode, keys.quiet, "never-loaded", "__proto__"]);
    expect(result.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30");
    expect(result.headers.get("content-type")).toContain("application/json");
  });

  it("counts only the named site's articles", async () => {
    expect((await fetchCounts(`?site=weekly&articles=${keys.plain},${keys.quiet}`)).body).toEqual({ [keys.plain]: 1, [keys.quiet]: 0 });
  });

  it("reads + as a space, trims keys, drops blank and repeated ones, and lets a key hold a NUL without reaching the database", async () => {
    expect((await fetchCounts(`?site=daily&articles=${keys.plain},,%20${keys.plain}%20,2024%2F08+the+budget+%26+more,a%00b,`)).body).toEqual({ [keys.plain]: 3, [keys.spaced]: 2, "a\u0000b": 0 });
  });

  it("splits on commas whether sent plain or as %2C (Next.js re-encodes the query, so they cannot be told apart), and takes repeated parameters", async () => {
    // What a route handler receives under Next.js for `articles=story-1,story-quiet`: the comma re-encoded.
    expect((await fetchCounts(`?site=daily&articles=${keys.plain}%2C${keys.quiet}`)).body).toEqual({ [keys.plain]: 3, [keys.quiet]: 0 });
    expect((await fetchCounts(`?site=daily&articles=${keys.plain}&articles=${keys.quiet}`)).body).toEqual({ [keys.plain]: 3, [keys.quiet]: 0 });
  });

  it("treats broken percent-encoding as a key that matches nothing", async () => {
    const result = await fetchCounts(`?site=daily&articles=${keys.plain},%E0%A4%A,%zz`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ [keys.plain]: 3, "\uFFFD%A": 0, "%zz": 0 });
  });

  it("answers all keys with one counting query", async () => {
    const spy = vi.spyOn(getDb(), "$queryRaw");
    try {
      const many = Array.from({ length: 100 }, (_, index) => `key-${index}`);
      const result = await fetchCounts(`?site=daily&articles=${[keys.plain, ...many.slice(1)].join(",")}`);
      expect(Object.keys(result.body)).toHaveLength(100);
      expect(result.body[keys.plain]).toBe(3);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("answers 404 not_found for an unknown site", async () => {
    const result = await fetchCounts("?site=no-such-site&articles=a");
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: "not_found", fields: { site: expect.any(String) } } });
    expect((await fetchCounts("?site=nul%00site&articles=a")).status).toBe(404);
  });
});

describe("GET /api/v1/counts?slugs=…", () => {
  it("answers approved comments per article slug, 0 for unknown slugs", async () => {
    const result = await fetchCounts("?slugs=daily-story-1,weekly-story-1,daily-quiet,no-such-slug");
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ "daily-story-1": 3, "weekly-story-1": 1, "daily-quiet": 0, "no-such-slug": 0 });
    expect(result.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30");
  });
});

describe("GET /api/v1/counts: bad requests", () => {
  const tooMany = Array.from({ length: 101 }, (_, index) => `k${index}`).join(",");
  it.each([
    ["no parameters", "slugs", ""],
    ["empty slugs", "slugs", "?slugs="],
    ["only commas and blanks", "slugs", "?slugs=,+,"],
    ["site without articles", "articles", "?site=daily"],
    ["empty articles", "articles", "?site=daily&articles="],
    ["articles without site", "site", "?articles=a,b"],
    ["an empty site", "site", "?site=&articles=a"],
    ["both forms at once", "slugs", "?slugs=a&site=daily&articles=a"],
    ["101 slugs", "slugs", `?slugs=${tooMany}`],
    ["101 article keys", "articles", `?site=daily&articles=${tooMany}`],
    ["a slug over 200 characters", "slugs", `?slugs=${"s".repeat(201)}`],
    ["an article key over 200 characters", "articles", `?site=daily&articles=ok,${"k".repeat(201)}`],
    ["a site key over 200 characters", "site", `?site=${"s".repeat(201)}&articles=a`],
  ])("answers %s with 400 validation naming %s", async (_name, field, query) => {
    const result = await fetchCounts(query, { Origin: SITE_ORIGIN });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: "validation", message: expect.stringContaining(field), fields: { [field]: expect.any(String) } } });
    expect(result.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("accepts exactly 100 keys of 200 characters", async () => {
    const keysAtLimit = Array.from({ length: 100 }, (_, index) => `${index}`.padEnd(200, "k"));
    const result = await fetchCounts(`?site=daily&articles=${keysAtLimit.join(",")}`);
    expect(result.status).toBe(200);
    expect(Object.values(result.body)).toEqual(Array(100).fill(0));
  });
});

describe("GET /api/v1/counts: CORS", () => {
  it.each([
    ["the site's allowed origin", SITE_ORIGIN, `?site=daily&articles=${keys.plain}`, SITE_ORIGIN],
    ["another allowed origin of the site, with a port", "http://localhost:4000", `?site=daily&articles=${keys.plain}`, "http://localhost:4000"],
    ["another site's origin", null, `?site=daily&articles=${keys.plain}`, OTHER_ORIGIN],
    ["an origin that differs only by scheme", null, `?site=daily&articles=${keys.plain}`, "http://daily.example"],
    ["the opaque null origin", null, `?site=daily&articles=${keys.plain}`, "null"],
    ["slugs asked from an origin of one of their sites", OTHER_ORIGIN, "?slugs=daily-story-1,weekly-story-1", OTHER_ORIGIN],
    ["slugs asked from an origin of none of their sites", null, "?slugs=daily-story-1", OTHER_ORIGIN],
    ["unknown slugs", null, "?slugs=no-such-slug", SITE_ORIGIN],
  ])("for %s: Access-Control-Allow-Origin %s", async (_name, allowed, query, origin) => {
    const result = await fetchCounts(query, { Origin: origin });
    expect(result.status).toBe(200);
    expect(result.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(result.headers.get("vary")).toBe("Origin");
  });

  it("sends no CORS header to a same-origin request (no Origin), which still gets its counts", async () => {
    const result = await fetchCounts(`?site=daily&articles=${keys.plain}`);
    expect(result.body).toEqual({ [keys.plain]: 3 });
    expect(result.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers the preflight with 204, GET, a 10-minute max-age and the origin when it is allowed", async () => {
    const allowed = await preflightCounts(
      countsRequest(`?site=daily&articles=${keys.plain}`, { Origin: SITE_ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-requested-with" }, "OPTIONS"),
    );
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries(allowed.headers)).toMatchObject({
      "access-control-allow-origin": SITE_ORIGIN,
      "access-control-allow-methods": "GET",
      "access-control-allow-headers": "x-requested-with",
      "access-control-max-age": "600",
      vary: "Origin",
    });
    expect(await allowed.text()).toBe("");

    for (const [query, origin] of [
      [`?site=daily&articles=${keys.plain}`, OTHER_ORIGIN],
      ["?site=no-such-site&articles=a", SITE_ORIGIN],
      ["?site=daily", SITE_ORIGIN],
    ] as const) {
      const refused = await preflightCounts(countsRequest(query, { Origin: origin, "Access-Control-Request-Method": "GET" }, "OPTIONS"));
      expect(refused.status, query).toBe(204);
      expect(refused.headers.get("access-control-allow-origin"), query).toBeNull();
      expect(refused.headers.get("access-control-allow-methods")).toBe("GET");
    }
  });
});
