// Who may create an article through the embed (SPEC.md, Embed; issue #13 item 4),
// through the framed thread's route as a browser or an attacker reaches it: the
// page's data-url must be on one of the site's allowed origins, a site with a
// secret takes only embeds signed with it, creation is limited per site and
// hour, and what embeds create stays off the public index. A forged Referer
// alone creates nothing; every refusal says why, and known articles are still
// shown.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/embed/[siteKey]/[articleKey]/route";
import { requireArticle } from "@/lib/articles/get-article";
import { listArticles } from "@/lib/articles/list-articles";
import { getDb } from "@/lib/db";
import { createArticle } from "../support/factories";

const OPEN_HOST = "https://open.example";
const SIGNED_HOST = "https://signed.example";
const BUSY_HOST = "https://busy.example";
const SECRET = "the-signed-site-secret-0123456789";

const sites: Record<"open" | "signed" | "busy", string> = { open: "", signed: "", busy: "" };

beforeAll(async () => {
  // The route names the built script and style sheet by their content hashes.
  execFileSync("node", ["scripts/build-embed.mjs"], { stdio: "ignore" });
  const db = getDb();
  sites.open = (await db.site.create({ data: { key: "creation-open", name: "Open", allowedOrigins: [OPEN_HOST] } })).id;
  sites.signed = (await db.site.create({ data: { key: "creation-signed", name: "Signed", allowedOrigins: [SIGNED_HOST], secret: SECRET } })).id;
  sites.busy = (await db.site.create({ data: { key: "creation-busy", name: "Busy", allowedOrigins: [BUSY_HOST] } })).id;
});

/** The data-signature a site owner's server computes: hex HMAC-SHA256 of `article|url|title`. */
function sign(secret: string, articleKey: string, url: string, title: string): string {
  return createHmac("sha256", secret).update(`${articleKey}|${url}|${title}`).digest("hex");
}

interface FrameAnswer {
  status: number;
  html: string;
  retryAfter: string | null;
}

/** GET /embed/{siteKey}/{articleKey} with the loader's query parameters and a Referer (a browser's, or a forged one). */
async function requestFrame(siteKey: string, articleKey: string, options: { referer?: string; params?: Record<string, string> } = {}): Promise<FrameAnswer> {
  const query = new URLSearchParams(options.params ?? {}).toString();
  const request = new Request(`http://comments.test/embed/${siteKey}/${encodeURIComponent(articleKey)}${query ? `?${query}` : ""}`, {
    headers: options.referer ? { referer: options.referer } : {},
  });
  const response = await GET(request, { params: Promise.resolve({ siteKey, articleKey: encodeURIComponent(articleKey) }) });
  return { status: response.status, html: await response.text(), retryAfter: response.headers.get("retry-after") };
}

/** Text as React writes it into HTML. */
const asHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

const findArticle = (siteId: string, externalId: string) => getDb().article.findUnique({ where: { siteId_externalId: { siteId, externalId } } });

describe("creating an article from an embed: the page's URL", () => {
  it("creates the article from a page on an allowed origin, with its URL and title, marked as created by the embed", async () => {
    const answer = await requestFrame("creation-open", "good-story", { referer: `${OPEN_HOST}/good`, params: { url: `${OPEN_HOST}/good#comments`, title: "A good story" } });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain("Join the discussion!");
    expect(await findArticle(sites.open, "good-story")).toMatchObject({ url: `${OPEN_HOST}/good`, title: "A good story", createdByEmbed: true });
  });

  it.each([
    ["no data-url (the issue's forged ?title=Cheap+pills)", undefined, 400, "This discussion cannot be started here: the page's embed gives no address (data-url)."],
    ["an empty data-url", "", 400, "This discussion cannot be started here: the page's embed gives no address (data-url)."],
    ["a URL on another origin", "https://evil.example/pills", 403, "This discussion cannot be started here: the page's address (data-url) is not on one of the site's allowed origins."],
    ["a look-alike origin", "https://open.example.evil/pills", 403, "is not on one of the site's allowed origins"],
    ["the right host on another scheme", "http://open.example/pills", 403, "is not on one of the site's allowed origins"],
    ["a javascript: URL", "javascript:alert(1)//https://open.example/", 403, "is not on one of the site's allowed origins"],
    ["credentials in the URL", "https://user:pw@open.example/pills", 403, "is not on one of the site's allowed origins"],
  ])("creates nothing for %s, even with a Referer from the site, and the frame says why", async (label, url, status, message) => {
    const key = `refused-url ${label}`;
    const params: Record<string, string> = { title: "Cheap pills, click here" };
    if (url !== undefined) params.url = url;
    const answer = await requestFrame("creation-open", key, { referer: `${OPEN_HOST}/forged`, params });
    expect(answer.status).toBe(status);
    expect(answer.html).toContain(asHtml(message));
    expect(answer.html).not.toContain("Join the discussion!");
    expect(await findArticle(sites.open, key)).toBeNull();
  });

  it("still shows an article that exists, whatever the request gives as its URL", async () => {
    for (const params of [{}, { url: "https://evil.example/pills", title: "Cheap pills" }] as Array<Record<string, string>>) {
      const answer = await requestFrame("creation-open", "good-story", { params });
      expect(answer.status).toBe(200);
      expect(answer.html).toContain("Join the discussion!");
    }
    expect(await findArticle(sites.open, "good-story")).toMatchObject({ title: "A good story" });
  });

  it("creates nothing from a page that is not on the site, whatever URL it claims", async () => {
    const answer = await requestFrame("creation-open", "wrong-referer", { referer: "https://evil.example/page", params: { url: `${OPEN_HOST}/story`, title: "Cheap pills" } });
    expect(answer.status).toBe(404);
    expect(answer.html).toContain("This discussion is not available.");
    expect(await findArticle(sites.open, "wrong-referer")).toBeNull();
  });
});

describe("creating an article from an embed: a site with a secret", () => {
  const url = `${SIGNED_HOST}/2024/signed-story?ref=home`;
  const title = "The signed story | Signed News";

  it.each([
    ["no data-signature", undefined, 403, "This discussion cannot be started here: the site accepts only signed embeds, and this one has no data-signature."],
    ["a signature made with another secret", sign("another-secret-0123456789", "signed-story", url, title), 403, "This discussion cannot be started here: the embed's data-signature does not match its article, address and title."],
    ["a signature of another title (a forged title)", sign(SECRET, "signed-story", url, "Real title"), 403, "does not match its article, address and title"],
    ["a signature of another article", sign(SECRET, "other-story", url, title), 403, "does not match its article, address and title"],
    ["a signature of another URL", sign(SECRET, "signed-story", `${SIGNED_HOST}/other`, title), 403, "does not match its article, address and title"],
    ["a truncated signature", sign(SECRET, "signed-story", url, title).slice(0, 63), 403, "does not match its article, address and title"],
    ["a signature that is not hex", "z".repeat(64), 403, "does not match its article, address and title"],
  ])("creates nothing with %s, even from the site's own origin, and the frame says why", async (_label, signature, status, message) => {
    const params: Record<string, string> = { url, title };
    if (signature !== undefined) params.signature = signature;
    const answer = await requestFrame("creation-signed", "signed-story", { referer: `${SIGNED_HOST}/2024/signed-story`, params });
    expect(answer.status).toBe(status);
    expect(answer.html).toContain(asHtml(message));
    expect(await findArticle(sites.signed, "signed-story")).toBeNull();
  });

  it("refuses an article key or URL holding “|”, which would make the signed text ambiguous", async () => {
    const pipedUrl = `${SIGNED_HOST}/a|b`;
    for (const [key, pageUrl] of [["piped|key", url], ["piped-url", pipedUrl]] as const) {
      const answer = await requestFrame("creation-signed", key, { referer: `${SIGNED_HOST}/x`, params: { url: pageUrl, title, signature: sign(SECRET, key, pageUrl, title) } });
      expect(answer.status).toBe(403);
      expect(answer.html).toContain("must not contain “|”");
      expect(await findArticle(sites.signed, key)).toBeNull();
    }
  });

  it("creates the article from an embed signed with the site's secret, then shows it without a signature", async () => {
    const answer = await requestFrame("creation-signed", "signed-story", { referer: `${SIGNED_HOST}/2024/signed-story`, params: { url, title, signature: sign(SECRET, "signed-story", url, title) } });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain("Join the discussion!");
    expect(await findArticle(sites.signed, "signed-story")).toMatchObject({ url, title, createdByEmbed: true });

    const again = await requestFrame("creation-signed", "signed-story", { params: { url } });
    expect(again.status).toBe(200);
    expect(again.html).toContain("Join the discussion!");
  });

  it("accepts the signature in upper-case hex", async () => {
    const signature = sign(SECRET, "upper-story", url, title).toUpperCase();
    const answer = await requestFrame("creation-signed", "upper-story", { referer: `${SIGNED_HOST}/upper`, params: { url, title, signature } });
    expect(answer.status).toBe(200);
  });
});

describe("creating an article from an embed: the limit per site", () => {
  const hour = 60 * 60 * 1000;
  const addArticles = async (count: number, options: { createdAt: Date; createdByEmbed: boolean; prefix: string }) => {
    await getDb().article.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        siteId: sites.busy,
        externalId: `${options.prefix}-${index}`,
        slug: `creation-busy-${options.prefix}-${index}`,
        url: `${BUSY_HOST}/${options.prefix}-${index}`,
        title: `${options.prefix} ${index}`,
        publishedAt: options.createdAt,
        tags: [],
        createdByEmbed: options.createdByEmbed,
        createdAt: options.createdAt,
      })),
    });
  };
  const open = (key: string) => requestFrame("creation-busy", key, { referer: `${BUSY_HOST}/${key}`, params: { url: `${BUSY_HOST}/${key}`, title: key } });

  it("creates up to 30 articles an hour per site, counting only the embed's articles of the last hour; then answers 429 saying so", async () => {
    await addArticles(29, { createdAt: new Date(Date.now() - 50 * 60 * 1000), createdByEmbed: true, prefix: "recent" });
    await addArticles(10, { createdAt: new Date(Date.now() - 2 * hour), createdByEmbed: true, prefix: "old" });
    await addArticles(5, { createdAt: new Date(), createdByEmbed: false, prefix: "seeded" });

    expect((await open("thirtieth")).status).toBe(200);
    const refused = await open("thirty-first");
    expect(refused.status).toBe(429);
    expect(refused.html).toContain(asHtml("Too many new discussions were started on this site in the last hour. Please try again later."));
    // The oldest of the hour's 30 was created 50 minutes ago: a place frees in about 10 minutes.
    expect(Number(refused.retryAfter)).toBeGreaterThan(9 * 60);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(10 * 60 + 1);
    expect(await findArticle(sites.busy, "thirty-first")).toBeNull();
  });

  it("still shows the site's existing articles, and leaves other sites free", async () => {
    expect((await open("thirtieth")).status).toBe(200);
    expect((await open("recent-3")).status).toBe(200);
    const other = await requestFrame("creation-open", "not-busy", { referer: `${OPEN_HOST}/x`, params: { url: `${OPEN_HOST}/x` } });
    expect(other.status).toBe(200);
  });

  it("creates at most 30 when many first loads arrive at once", async () => {
    await getDb().article.deleteMany({ where: { siteId: sites.busy } });
    await addArticles(25, { createdAt: new Date(), createdByEmbed: true, prefix: "burst-before" });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => open(`burst-${index}`)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(5);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(7);
    expect(await getDb().article.count({ where: { siteId: sites.busy, createdByEmbed: true } })).toBe(30);
  });
});

describe("articles created by embeds and the public index", () => {
  it("leaves an article marked as created by an embed off the public index, and lists it to moderators", async () => {
    const { site, article: seeded } = await createArticle(getDb());
    const marked = await getDb().article.create({
      data: { siteId: site.id, slug: "marked-by-embed", externalId: "marked", url: `${OPEN_HOST}/marked`, title: "Cheap pills", publishedAt: new Date(), tags: [], createdByEmbed: true },
    });
    const publicSlugs = (await listArticles(getDb(), { audience: "public" })).map((article) => article.slug);
    expect(publicSlugs).toContain(seeded.slug);
    expect(publicSlugs).not.toContain(marked.slug);
    expect((await listArticles(getDb(), { audience: "moderators" })).map((article) => article.slug)).toContain(marked.slug);
  });

  it("marks what the frame creates, which moderators see and the public index does not, and keeps its own page", async () => {
    const { article: seeded } = await createArticle(getDb());
    const embedded = await findArticle(sites.open, "good-story");
    expect(embedded?.createdByEmbed).toBe(true);

    const publicSlugs = (await listArticles(getDb(), { audience: "public" })).map((article) => article.slug);
    expect(publicSlugs).toContain(seeded.slug);
    expect(publicSlugs).not.toContain(embedded!.slug);
    expect(await getDb().article.count({ where: { createdByEmbed: true, slug: { in: publicSlugs } } })).toBe(0);

    const moderatorSlugs = (await listArticles(getDb(), { limit: 500, audience: "moderators" })).map((article) => article.slug);
    expect(moderatorSlugs).toEqual(expect.arrayContaining([seeded.slug, embedded!.slug]));

    expect(await requireArticle(getDb(), embedded!.slug)).toMatchObject({ title: "A good story" });
  });
});
