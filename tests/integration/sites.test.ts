import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SignedInAccount } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { getLoaderAsset } from "@/lib/embed/assets";
import { buildEmbedSnippets, createOrUpdateSite, createSite, embedScriptUrl, listSites, readPublicOrigin, updateSite, type SiteRecord } from "@/lib/embed/site-admin";
import { AppError } from "@/lib/errors";
import { translate } from "@/lib/i18n/translate";
import type { LiveBus } from "@/lib/live/live-bus";
import { SITE_KEY_PATTERN, siteFormSchema, siteInputSchema } from "@/lib/validation/site-input";
import { createArticle, createComment } from "../support/factories";

// The route handlers ask next-auth for the session, which needs a Next.js request; the test plays the signed-in account.
const session = vi.hoisted(() => ({ account: null as SignedInAccount | null }));
vi.mock("@/lib/auth/session", async () => {
  const { requireModeratorRole } = await import("@/lib/auth/moderators");
  return {
    getSignedInAccount: async () => session.account,
    requireModerator: async (options: { admin?: boolean } = {}) => requireModeratorRole(session.account, options),
  };
});

const { GET: getSites, POST: postSite } = await import("@/app/api/v1/moderation/sites/route");
const { PATCH: patchSite } = await import("@/app/api/v1/moderation/sites/[id]/route");

let admin: SignedInAccount;
let moderator: SignedInAccount;
let member: SignedInAccount;

async function createAccount(role: SignedInAccount["role"]): Promise<SignedInAccount> {
  const row = await getDb().moderator.create({ data: { email: `${role}-sites@example.org`, passwordHash: "unused", role } });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

beforeAll(async () => {
  [admin, moderator, member] = [await createAccount("admin"), await createAccount("moderator"), await createAccount("member")];
});

beforeEach(() => {
  session.account = admin;
});

async function expectAppError(work: Promise<unknown>, code: string, field?: string): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect(Object.keys((error as AppError).fields ?? {})).toContain(field);
  return error as AppError;
}

function jsonRequest(path: string, method: string, body?: unknown): Request {
  return new Request(`http://localhost${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function readJson(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sendPost = async (body: unknown) => readJson(await postSite(jsonRequest("/api/v1/moderation/sites", "POST", body)));
const sendPatch = async (id: string, body: unknown) => readJson(await patchSite(jsonRequest(`/api/v1/moderation/sites/${id}`, "PATCH", body), { params: Promise.resolve({ id }) }));
const readSites = async () => readJson(await getSites(jsonRequest("/api/v1/moderation/sites", "GET")));

describe("siteInputSchema", () => {
  it("normalises origins (case, one trailing slash, surrounding blanks), drops repeats, and trims the name and key", () => {
    const parsed = siteInputSchema.parse({
      name: "  The Daily Example ",
      allowedOrigins: [" HTTPS://News.Example/ ", "https://news.example", "http://localhost:3000", "http://[::1]:8080", ""],
      key: " daily-example ",
    });
    expect(parsed).toEqual({ name: "The Daily Example", allowedOrigins: ["https://news.example", "http://localhost:3000", "http://[::1]:8080"], key: "daily-example" });
  });

  it("leaves the key out when it is absent, empty or null", () => {
    for (const key of [undefined, "", "   ", null]) expect(siteInputSchema.parse({ name: "N", allowedOrigins: ["https://a.example"], key }).key).toBeUndefined();
  });

  it.each([
    ["a path", "https://news.example/articles", /^“https:\/\/news\.example\/articles” is not an origin: remove the path, query or fragment, as in https:\/\/news\.example$/],
    ["a query", "https://news.example?x=1", /remove the path, query or fragment/],
    ["a fragment", "https://news.example#top", /remove the path, query or fragment/],
    ["an empty query", "https://news.example?", /remove the path, query or fragment/],
    ["two trailing slashes", "https://news.example//", /remove the path/],
    ["no scheme", "news.example", /“news\.example” is not an origin/],
    ["another scheme", "ftp://news.example", /must start with http:\/\/ or https:\/\//],
    ["a javascript: URL", "javascript:alert(1)", /must start with http:\/\/ or https:\/\//],
    ["a wildcard", "https://*.news.example", /wildcards are not supported/],
    ["a bare wildcard", "*", /“\*” is not an origin/],
    ["credentials", "https://user:secret@news.example", /must not hold a user name or password/],
    ["the default port spelt out", "https://news.example:443", /is not an origin: write it as https:\/\/news\.example$/],
    ["an international name not in punycode", "https://bücher.example", /write it as https:\/\/xn--bcher-kva\.example$/],
    ["a backslash", "https:\\\\news.example", /is not an origin/],
    ["a space inside", "https://news .example", /is not an origin/],
    ["a port out of range", "https://news.example:99999", /is not an origin/],
    ["the literal null origin", "null", /“null” is not an origin/],
    ["an entry over 200 characters", `https://${"a".repeat(200)}.example`, /longer than 200 characters/],
  ])("refuses %s, naming allowedOrigins and the entry", (_name, entry, message) => {
    const result = siteInputSchema.safeParse({ name: "Site", allowedOrigins: ["https://fine.example", entry] });
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(["allowedOrigins"]);
    expect(issues[0]!.message).toMatch(message);
  });

  it.each([
    ["no origins", [], /at least one origin/],
    ["only blank entries", ["", "  "], /at least one origin/],
    ["21 origins", Array.from({ length: 21 }, (_, index) => `https://site${index}.example`), /At most 20 origins/],
    ["not a list", "https://a.example", /Send a list of origins/],
    ["a number in the list", [42], /Each origin must be text/],
  ])("refuses %s", (_name, allowedOrigins, message) => {
    const result = siteInputSchema.safeParse({ name: "Site", allowedOrigins });
    expect(result.error?.issues[0]?.path).toEqual(["allowedOrigins"]);
    // The message is a catalog key, written out where it is shown.
    expect(translate("en", result.error!.issues[0]!.message)).toMatch(message);
  });

  it("says how many more entries are bad after the first", () => {
    const result = siteInputSchema.safeParse({ name: "Site", allowedOrigins: ["ftp://a.example", "https://b.example/x", "https://c.example"] });
    expect(result.error?.issues[0]?.message).toMatch(/^“ftp:\/\/a\.example” must start with http:\/\/ or https:\/\/\. 1 more entry needs fixing too\.$/);
  });

  it.each([
    ["an empty name", { name: "  " }, "name"],
    ["a name over 100 characters", { name: "n".repeat(101) }, "name"],
    ["a two-character key", { key: "ab" }, "key"],
    ["a key over 64 characters", { key: "k".repeat(65) }, "key"],
    ["upper-case letters in the key", { key: "Daily" }, "key"],
    ["an underscore in the key", { key: "daily_news" }, "key"],
    ["a slash in the key", { key: "daily/news" }, "key"],
  ])("refuses %s", (_name, change, field) => {
    const result = siteInputSchema.safeParse({ name: "Site", allowedOrigins: ["https://a.example"], ...change });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual([field]);
  });

  it("reads the form's origins one per line (either line ending) into the same list", () => {
    const parsed = siteFormSchema.parse({ name: "Site", allowedOrigins: "https://a.example\r\n\r\nhttps://b.example/\nhttps://a.example", key: "" });
    expect(parsed).toEqual({ name: "Site", allowedOrigins: ["https://a.example", "https://b.example"], key: undefined, language: null, themeStylesheetUrl: null });
    expect(siteFormSchema.safeParse({ name: "Site", allowedOrigins: "https://a.example\nhttps://a.example/path", key: "" }).error?.issues[0]).toMatchObject({
      path: ["allowedOrigins"],
      message: expect.stringContaining("“https://a.example/path”"),
    });
  });
});

describe("createSite, createOrUpdateSite, updateSite and listSites", () => {
  it("creates a site with a generated, URL-safe 12-character key when none is given", async () => {
    const first = await createSite(getDb(), { name: "Generated One", allowedOrigins: ["https://gen.example"] });
    const second = await createSite(getDb(), { name: "Generated Two", allowedOrigins: ["https://gen.example"] });
    for (const site of [first, second]) {
      expect(site.key).toMatch(SITE_KEY_PATTERN);
      expect(site.key).toHaveLength(12);
    }
    expect(first.key).not.toBe(second.key);
    expect(first).toMatchObject({ name: "Generated One", allowedOrigins: ["https://gen.example"], articleCount: 0, approvedCommentCount: 0, createdAt: expect.any(String) });
  });

  it("refuses a key that is taken with `duplicate` naming the key, and bad input with `validation`", async () => {
    await createSite(getDb(), { name: "Taken", allowedOrigins: ["https://taken.example"], key: "taken-key" });
    const error = await expectAppError(createSite(getDb(), { name: "Other", allowedOrigins: ["https://other.example"], key: "taken-key" }), "duplicate", "key");
    expect(error.message).toMatch(/taken-key/);
    await expectAppError(createSite(getDb(), { name: "Bad", allowedOrigins: ["https://bad.example/path"] }), "validation", "allowedOrigins");
    expect(await getDb().site.count({ where: { name: { in: ["Other", "Bad"] } } })).toBe(0);
  });

  it("creates by key, then updates the name and origins of the site with that key", async () => {
    const created = await createOrUpdateSite(getDb(), { name: "Upsert", allowedOrigins: ["https://one.example"], key: "upsert-site" });
    expect(created).toMatchObject({ created: true, site: { key: "upsert-site", name: "Upsert", allowedOrigins: ["https://one.example"] } });
    const updated = await createOrUpdateSite(getDb(), { name: "Upsert Renamed", allowedOrigins: ["https://two.example", "https://three.example/"], key: "upsert-site" });
    expect(updated).toMatchObject({ created: false, site: { id: created.site.id, name: "Upsert Renamed", allowedOrigins: ["https://two.example", "https://three.example"] } });
    expect(await getDb().site.count({ where: { key: "upsert-site" } })).toBe(1);
  });

  it("creates a new site each time without a key", async () => {
    const result = await createOrUpdateSite(getDb(), { name: "Keyless", allowedOrigins: ["https://keyless.example"] });
    expect(result.created).toBe(true);
    expect(result.site.key).toMatch(SITE_KEY_PATTERN);
  });

  it("updates the name or the origins alone, keeps the key, and refuses a key, nothing to change, or an unknown id", async () => {
    const site = await createSite(getDb(), { name: "Editable", allowedOrigins: ["https://edit.example"], key: "editable" });
    expect(await updateSite(getDb(), site.id, { allowedOrigins: ["https://edit.example", "https://www.edit.example"] })).toMatchObject({
      key: "editable",
      name: "Editable",
      allowedOrigins: ["https://edit.example", "https://www.edit.example"],
    });
    expect(await updateSite(getDb(), site.id, { name: "Edited" })).toMatchObject({ name: "Edited", allowedOrigins: ["https://edit.example", "https://www.edit.example"] });
    await expectAppError(updateSite(getDb(), site.id, { key: "new-key" } as never), "validation", "key");
    await expectAppError(updateSite(getDb(), site.id, {}), "validation");
    await expectAppError(updateSite(getDb(), site.id, { allowedOrigins: [] }), "validation", "allowedOrigins");
    await expectAppError(updateSite(getDb(), "no-such-site", { name: "Ghost" }), "not_found");
    expect((await getDb().site.findUniqueOrThrow({ where: { id: site.id } })).key).toBe("editable");
  });

  it("lists every site oldest first with its article count and approved comments only", async () => {
    const db = getDb();
    const { site, article } = await createArticle(db);
    const second = await db.article.create({
      data: { siteId: site.id, slug: `second-${site.key}`, externalId: "second", url: "https://news.example/second", title: "Second", publishedAt: new Date(), tags: [] },
    });
    await createComment(db, article.id, { status: "approved" });
    await createComment(db, article.id, { status: "approved" });
    await createComment(db, second.id, { status: "approved" });
    for (const status of ["pending", "spam", "rejected"] as const) await createComment(db, second.id, { status });

    const sites = await listSites(db);
    const listed = sites.find((row) => row.id === site.id);
    expect(listed).toMatchObject({ key: site.key, articleCount: 2, approvedCommentCount: 3 });
    expect(sites.find((row) => row.key === "editable")).toMatchObject({ articleCount: 0, approvedCommentCount: 0 });
    const times = sites.map((row) => row.createdAt);
    expect(times).toEqual([...times].sort());
  });
});

describe("a site's secret for signed embeds", () => {
  const SECRET = "a-site-secret-never-shown-0123456789";
  const readSecret = async (key: string) => (await getDb().site.findUniqueOrThrow({ where: { key }, select: { secret: true } })).secret;

  it("is stored by createOrUpdateSite, kept by an update without one and by the dashboard's edits, cleared by null, and never returned", async () => {
    const created = await createOrUpdateSite(getDb(), { name: "Signed", allowedOrigins: ["https://signed.example"], key: "signed-site", secret: SECRET });
    expect(created.site).toMatchObject({ key: "signed-site", hasSecret: true });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    expect(await readSecret("signed-site")).toBe(SECRET);

    const updated = await createOrUpdateSite(getDb(), { name: "Signed Renamed", allowedOrigins: ["https://signed.example"], key: "signed-site" });
    expect(updated.site).toMatchObject({ name: "Signed Renamed", hasSecret: true });
    expect(await updateSite(getDb(), created.site.id, { name: "Signed Edited" })).toMatchObject({ hasSecret: true });
    expect(await readSecret("signed-site")).toBe(SECRET);

    const listed = (await listSites(getDb())).find((site) => site.key === "signed-site");
    expect(listed).toMatchObject({ hasSecret: true });
    expect(Object.keys(listed!)).not.toContain("secret");
    expect(JSON.stringify(await listSites(getDb()))).not.toContain(SECRET);

    const cleared = await createOrUpdateSite(getDb(), { name: "Signed Edited", allowedOrigins: ["https://signed.example"], key: "signed-site", secret: null });
    expect(cleared.site).toMatchObject({ hasSecret: false });
    expect(await readSecret("signed-site")).toBeNull();
  });

  it.each([
    ["an empty secret", ""],
    ["a secret under 16 characters", "short-secret"],
    ["a secret over 200 characters", "s".repeat(201)],
    ["a secret with a space", "a secret with spaces in it"],
  ])("refuses %s with `validation` on `secret`, changing nothing", async (_name, secret) => {
    const error = await expectAppError(createOrUpdateSite(getDb(), { name: "Bad Secret", allowedOrigins: ["https://bad-secret.example"], key: "bad-secret", secret }), "validation", "secret");
    expect(error.fields?.secret).toMatch(/16–200 characters|no spaces/);
    expect(await getDb().site.count({ where: { key: "bad-secret" } })).toBe(0);
  });

  it("is never in the sites API's answers, which say only that the site has one", async () => {
    await createOrUpdateSite(getDb(), { name: "Signed API", allowedOrigins: ["https://signed-api.example"], key: "signed-api", secret: SECRET });
    const response = await getSites(jsonRequest("/api/v1/moderation/sites", "GET"));
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const site = (JSON.parse(text) as { sites: SiteRecord[] }).sites.find((row) => row.key === "signed-api");
    expect(site).toMatchObject({ hasSecret: true });
    const patched = await sendPatch(site!.id, { name: "Signed API Renamed" });
    expect(JSON.stringify(patched.body)).not.toContain(SECRET);
    expect(patched.body).toMatchObject({ site: { hasSecret: true } });
    expect(await readSecret("signed-api")).toBe(SECRET);
  });
});

describe("buildEmbedSnippets, embedScriptUrl and readPublicOrigin", () => {
  it("builds the thread and count snippets for a key and a loader address", () => {
    expect(buildEmbedSnippets("https://comments.example.com/embed.js", "daily")).toEqual({
      thread: '<div data-comments data-site="daily" data-article="stable-id" data-url="https://…" data-title="…"></div>\n<script src="https://comments.example.com/embed.js" async></script>',
      count: '<span data-comments-count data-site="daily" data-article="stable-id"></span>',
    });
  });

  it("asks for data-signature in the thread snippet of a site with a secret", () => {
    expect(buildEmbedSnippets("https://comments.example.com/embed.js", "daily", { isSigned: true }).thread).toBe(
      '<div data-comments data-site="daily" data-article="stable-id" data-url="https://…" data-title="…" data-signature="…"></div>\n<script src="https://comments.example.com/embed.js" async></script>',
    );
  });

  it("points at the built loader, versioned by its hash, or at plain /embed.js while it is not built", () => {
    let hash: string | null = null;
    try {
      hash = getLoaderAsset().hash;
    } catch {
      // Not built in this checkout: the plain address is the answer.
    }
    expect(embedScriptUrl("https://comments.example.com")).toBe(hash ? `https://comments.example.com/embed.js?v=${hash}` : "https://comments.example.com/embed.js");
  });

  it.each([
    ["the configured public URL first", { configuredUrl: "https://comments.example.com/base/", forwardedHost: "internal:3000", host: "internal:3000" }, "https://comments.example.com"],
    ["the forwarded host and protocol", { forwardedProto: "https", forwardedHost: "comments.example.com", host: "10.0.0.5:3000" }, "https://comments.example.com"],
    ["the first of several forwarded values", { forwardedProto: "https, http", forwardedHost: "a.example, b.example" }, "https://a.example"],
    ["the host over plain http without forwarding", { host: "localhost:3340" }, "http://localhost:3340"],
    ["http for an unknown forwarded protocol", { forwardedProto: "gopher", host: "localhost:3340" }, "http://localhost:3340"],
    ["null for a host that is no host", { host: "bad host/<x>" }, null],
    ["null with nothing to go on", {}, null],
  ])("reads %s", (_name, request, origin) => {
    expect(readPublicOrigin(request)).toBe(origin);
  });
});

describe("the sites API", () => {
  it("POST → 201 {site}; GET lists it; PATCH → 200 {site}", async () => {
    const created = await sendPost({ name: "API Site", allowedOrigins: ["https://api.example/"], key: "api-site" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      site: {
        id: expect.any(String),
        key: "api-site",
        name: "API Site",
        allowedOrigins: ["https://api.example"],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        articleCount: 0,
        approvedCommentCount: 0,
        hasSecret: false,
        language: null,
        themeStylesheetUrl: null,
      },
    });
    const site = created.body.site as SiteRecord;

    const listed = await readSites();
    expect(listed.status).toBe(200);
    expect((listed.body.sites as SiteRecord[]).find((row) => row.id === site.id)).toMatchObject({ key: "api-site" });

    const patched = await sendPatch(site.id, { name: "API Site Renamed", allowedOrigins: ["https://api.example", "https://m.api.example"] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ site: { id: site.id, key: "api-site", name: "API Site Renamed", allowedOrigins: ["https://api.example", "https://m.api.example"] } });
  });

  it("generates a key when the body has none", async () => {
    const created = await sendPost({ name: "No key", allowedOrigins: ["https://nokey.example"] });
    expect(created.status).toBe(201);
    expect((created.body.site as SiteRecord).key).toMatch(/^[a-z0-9]{12}$/);
  });

  it.each([
    ["POST with a path in an origin", () => sendPost({ name: "S", allowedOrigins: ["https://a.example/path"] }), 400, "validation", "allowedOrigins", /“https:\/\/a\.example\/path”/],
    ["POST without origins", () => sendPost({ name: "S" }), 400, "validation", "allowedOrigins", /Send a list of origins/],
    ["POST without a name", () => sendPost({ allowedOrigins: ["https://a.example"] }), 400, "validation", "name", /name/],
    ["POST with a bad key", () => sendPost({ name: "S", allowedOrigins: ["https://a.example"], key: "Bad Key" }), 400, "validation", "key", /lower-case/],
    ["POST with a taken key", () => sendPost({ name: "S", allowedOrigins: ["https://a.example"], key: "api-site" }), 409, "duplicate", "key", /already taken/],
    ["POST with malformed JSON", () => postSite(new Request("http://localhost/api/v1/moderation/sites", { method: "POST", body: "{" })).then(readJson), 400, "validation", "body", /JSON/],
    ["PATCH of an unknown site", () => sendPatch("nope", { name: "S" }), 404, "not_found", undefined, /No site/],
    ["PATCH changing the key", () => sendPatch("nope", { key: "other" }), 400, "validation", "key", /cannot be changed/],
    ["PATCH with a bad origin", () => sendPatch("nope", { allowedOrigins: ["ftp://a.example"] }), 400, "validation", "allowedOrigins", /http:\/\/ or https:\/\//],
  ])("answers %s with %i %s", async (_name, send, status, code, field, message) => {
    const before = await getDb().site.count();
    const response = await send();
    expect(response.status).toBe(status);
    const error = (response.body as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
    expect(error.code).toBe(code);
    if (field) expect(error.fields?.[field]).toMatch(message);
    else expect(error.message).toMatch(message);
    expect(await getDb().site.count()).toBe(before);
  });

  it.each([
    ["anonymous", (): SignedInAccount | null => null, 401, "unauthorized"],
    ["a member", (): SignedInAccount | null => member, 403, "forbidden"],
    ["a moderator who is not an administrator", (): SignedInAccount | null => moderator, 403, "forbidden"],
  ] as const)("answers %s with %i on every method, changing nothing", async (_name, who, status, code) => {
    const site = await getDb().site.findUniqueOrThrow({ where: { key: "api-site" } });
    session.account = who();
    const before = await getDb().site.count();
    for (const response of [await readSites(), await sendPost({ name: "X", allowedOrigins: ["https://x.example"] }), await sendPatch(site.id, { name: "Hijacked" })]) {
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ error: { code } });
    }
    expect(await getDb().site.count()).toBe(before);
    expect((await getDb().site.findUniqueOrThrow({ where: { id: site.id } })).name).toBe("API Site Renamed");
  });
});

describe("a site's language and frame style sheet, through the sites API", () => {
  const spanish = { "x-locale": "es" };
  const sendPatchAs = async (id: string, body: unknown, headers: Record<string, string> = {}) => {
    const request = new Request(`http://localhost/api/v1/moderation/sites/${id}`, { method: "PATCH", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return readJson(await patchSite(request, { params: Promise.resolve({ id }) }));
  };

  it("sets, shows and clears the language and the style sheet, and tells every instance (a sites event)", async () => {
    const created = await sendPost({ name: "Themed", allowedOrigins: ["https://themed.example", "http://localhost:4000"], key: "themed-site", language: "es", themeStylesheetUrl: "https://themed.example/comments.css" });
    expect(created.status).toBe(201);
    expect(created.body.site).toMatchObject({ language: "es", themeStylesheetUrl: "https://themed.example/comments.css" });
    const id = (created.body.site as SiteRecord).id;

    const published: unknown[] = [];
    const live = { publish: async (event: unknown) => void published.push(event) } as unknown as LiveBus;
    await updateSite(getDb(), id, { language: "en" }, { live });
    expect(published).toEqual([{ type: "sites" }]);

    const local = await sendPatch(id, { language: null, themeStylesheetUrl: "http://localhost:4000/theme.css" });
    expect(local.status).toBe(200);
    expect(local.body.site).toMatchObject({ language: null, themeStylesheetUrl: "http://localhost:4000/theme.css" });
    expect((await readSites()).body.sites as SiteRecord[]).toContainEqual(expect.objectContaining({ key: "themed-site", language: null, themeStylesheetUrl: "http://localhost:4000/theme.css" }));

    const cleared = await sendPatch(id, { themeStylesheetUrl: "" });
    expect(cleared.body.site).toMatchObject({ themeStylesheetUrl: null });
  });

  it.each([
    ["an unknown language", { language: "fr" }, "language", /English \(en\), Spanish \(es\) or null/],
    ["a language that is not text", { language: 1 }, "language", /English \(en\), Spanish \(es\) or null/],
    ["a style sheet that is not a URL", { themeStylesheetUrl: "comments.css" }, "themeStylesheetUrl", /full address/],
    ["a style sheet over plain http", { themeStylesheetUrl: "http://refusals.example/c.css" }, "themeStylesheetUrl", /https/],
    ["a style sheet with credentials", { themeStylesheetUrl: "https://user:pw@refusals.example/c.css" }, "themeStylesheetUrl", /full address/],
    ["a javascript: style sheet", { themeStylesheetUrl: "javascript:alert(1)" }, "themeStylesheetUrl", /https/],
    ["a style sheet on another origin", { themeStylesheetUrl: "https://elsewhere.example/c.css" }, "themeStylesheetUrl", /one of the site's allowed origins/],
    ["a style sheet over 2,048 characters", { themeStylesheetUrl: `https://refusals.example/${"a".repeat(2048)}.css` }, "themeStylesheetUrl", /2,048/],
  ])("refuses %s with 400 naming the field, changing nothing", async (_name, change, field, message) => {
    const post = await sendPost({ name: "Refused", allowedOrigins: ["https://refusals.example"], ...change });
    expect(post.status).toBe(400);
    const postError = (post.body as { error: { code: string; fields: Record<string, string>; message: string } }).error;
    expect(postError.code).toBe("validation");
    expect(postError.fields[field]).toMatch(message);
    expect(postError.message).toContain(field);

    const site = await createSite(getDb(), { name: "Unchanged", allowedOrigins: ["https://refusals.example"] });
    const patch = await sendPatch(site.id, change);
    expect(patch.status).toBe(400);
    expect((patch.body as { error: { fields: Record<string, string> } }).error.fields[field]).toMatch(message);
    expect(await getDb().site.findUniqueOrThrow({ where: { id: site.id }, select: { language: true, themeStylesheetUrl: true } })).toEqual({ language: null, themeStylesheetUrl: null });
  });

  it("refuses to drop the origin the style sheet is on, naming the style sheet", async () => {
    const site = await createSite(getDb(), { name: "Keeps its sheet", allowedOrigins: ["https://a.keeps.example", "https://b.keeps.example"], themeStylesheetUrl: "https://b.keeps.example/c.css" });
    const patch = await sendPatch(site.id, { allowedOrigins: ["https://a.keeps.example"] });
    expect(patch.status).toBe(400);
    expect((patch.body as { error: { fields: Record<string, string> } }).error.fields.themeStylesheetUrl).toMatch(/one of the site's allowed origins/);
    expect((await getDb().site.findUniqueOrThrow({ where: { id: site.id } })).allowedOrigins).toEqual(["https://a.keeps.example", "https://b.keeps.example"]);
  });

  it("writes the refusal in the moderator's language", async () => {
    const site = await createSite(getDb(), { name: "En español", allowedOrigins: ["https://es.refusals.example"] });
    const patch = await sendPatchAs(site.id, { themeStylesheetUrl: "https://elsewhere.example/c.css", language: "fr" }, spanish);
    expect(patch.status).toBe(400);
    const error = (patch.body as { error: { message: string; fields: Record<string, string> } }).error;
    expect(error.fields.language).toBe("Elige inglés (en), español (es) o null para el navegador del lector");
    expect(error.message).toMatch(/^.*language.*$/);
  });
});
