// The article behind a framed thread: found by the embedding page's stable id
// (data-article), or created on first load (SPEC.md, Embed) when the page is on
// one of the site's allowed origins, its data-url too, its embed is signed
// when the site has a secret, and the site has not started too many
// discussions this hour. Each refusal says which of these failed.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { MAX_SLUG_LENGTH } from "../validation/slug";
import { isValidEmbedSignature } from "./embed-signature";
import { getUrlOrigin, isAllowedOrigin, type FramingSite } from "./frame-policy";

/** Caps on what an embedding page can make us store. */
export const EMBED_LIMITS = { keyMax: 200, titleMax: 300, urlMax: 2048 } as const;

/**
 * At most this many articles are created by embeds per site in any hour.
 * Counted in the database (articles created by embeds in the window), so it
 * holds across app instances; articles made otherwise do not count.
 */
export const EMBED_CREATION_LIMIT = { articles: 30, windowMs: 60 * 60 * 1000 } as const;

/** The site fields an embedded article needs. */
export interface EmbeddingSite extends FramingSite {
  id: string;
  key: string;
}

/** An embedded article as the framed thread uses it. */
export interface EmbeddedArticle {
  id: string;
  slug: string;
  title: string;
  url: string;
}

/** What the framed page knows: the site, the page's stable id and what the page says about itself. */
export interface ResolveEmbeddedArticleInput {
  site: EmbeddingSite;
  articleKey: string;
  /** The page's address (`url` query parameter); an article is created only when it is on an allowed origin. */
  url?: string | null | undefined;
  /** The page's title (`title` query parameter). */
  title?: string | null | undefined;
  /** The embed's data-signature (`signature` query parameter); required to create an article when the site has a secret. */
  signature?: string | null | undefined;
  /** Where the request comes from (see getRequestOrigin); only an allowed one may create an article. */
  requestOrigin: string | null;
  /** The time of the request (tests); now by default. */
  now?: Date | undefined;
}

const articleSelect = { id: true, slug: true, title: true, url: true } as const;

// A refusal to create says why, as a key of the catalog's frame.refusal section: the reader sees it in
// the frame's language, the site owner learns what to fix.

/** Whether a value could be an article key: 1–200 characters, no control characters. */
export function isPossibleArticleKey(value: string): boolean {
  return value.length > 0 && value.length <= EMBED_LIMITS.keyMax && !/[\u0000-\u001f\u007f]/.test(value);
}

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The page's URL without its fragment when it is http(s), short enough and on one of the site's allowed origins; else null. */
export function cleanEmbedUrl(site: FramingSite, url: string | null | undefined): string | null {
  if (!url || url.length > EMBED_LIMITS.urlMax) return null;
  const origin = getUrlOrigin(url);
  if (!origin || !isAllowedOrigin(site, origin)) return null;
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return null;
  parsed.hash = "";
  return parsed.href;
}

/** A title to store: control characters and runs of white space collapsed, at most 300 characters; null when nothing is left. */
export function cleanEmbedTitle(title: string | null | undefined): string | null {
  if (!title) return null;
  const cleaned = title
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned === "" ? null : cutText(cleaned, EMBED_LIMITS.titleMax).trimEnd();
}

/** Lower-case ASCII letters and digits joined by single hyphens ("Ça va, 2024!" → "ca-va-2024"). */
export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function shortHash(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 10);
}

function joinSlug(parts: string[], max: number): string {
  return cutText(parts.filter(Boolean).join("-"), max).replace(/-+$/g, "");
}

/**
 * The slugs to try for a new embedded article, in order: `{site}-{key}` cut to
 * the slug limit, then with a hash of site and key (another key slugified the
 * same, or a long key cut the same), then with a random suffix.
 */
export function getEmbedSlugCandidates(siteKey: string, articleKey: string): string[] {
  const site = slugify(siteKey) || "site";
  const key = slugify(articleKey);
  const hash = shortHash(siteKey, articleKey);
  const withSuffix = (suffix: string) => `${joinSlug([site, key], MAX_SLUG_LENGTH - suffix.length - 1)}-${suffix}`;
  const plain = key ? [joinSlug([site, key], MAX_SLUG_LENGTH)] : [];
  return [...plain, withSuffix(hash), withSuffix(`${hash}-${randomBytes(4).toString("hex")}`)];
}

function notFound(articleKey: string): AppError {
  return new AppError("not_found", `No article with key "${cutText(articleKey, EMBED_LIMITS.keyMax)}" on this site`, { fields: { articleKey: "no such article" } });
}

/** The page's URL as stored for a new article; throws `validation` or `forbidden` saying what is wrong with it. */
function requireCreationUrl(site: FramingSite, url: string | null | undefined): string {
  if (!url) throw new AppError("validation", "frame.refusal.noUrl", { fields: { url: "missing" } });
  if (url.length > EMBED_LIMITS.urlMax) {
    throw new AppError("validation", "frame.refusal.urlTooLong", { fields: { url: "too long" }, params: { urlMax: EMBED_LIMITS.urlMax } });
  }
  const cleaned = cleanEmbedUrl(site, url);
  if (!cleaned) {
    throw new AppError("forbidden", "frame.refusal.urlNotAllowed", { fields: { url: "not on an allowed origin" } });
  }
  return cleaned;
}

/**
 * Throws `forbidden` unless the embed carries the site's signature of its
 * article key, URL and title as the page gave them. The key and the URL may
 * not hold the separator, so one signed text names one embed only.
 */
function assertSignedEmbed(secret: string, input: ResolveEmbeddedArticleInput): void {
  const parts = { articleKey: input.articleKey, url: input.url ?? "", title: input.title ?? "" };
  if (parts.articleKey.includes("|") || parts.url.includes("|")) {
    throw new AppError("forbidden", "frame.refusal.ambiguous", {
      fields: { signature: "ambiguous" },
    });
  }
  if (!input.signature) {
    throw new AppError("forbidden", "frame.refusal.unsigned", { fields: { signature: "missing" } });
  }
  if (!isValidEmbedSignature(secret, parts, input.signature)) {
    throw new AppError("forbidden", "frame.refusal.badSignature", { fields: { signature: "does not match" } });
  }
}

/** Throws `rate_limited` (with when a place frees) when the site's embeds created their hour's articles already. */
async function assertUnderCreationLimit(db: Pick<Db, "article">, siteId: string, now: Date): Promise<void> {
  const { articles: limit, windowMs } = EMBED_CREATION_LIMIT;
  const recent = await db.article.findMany({
    where: { siteId, createdByEmbed: true, createdAt: { gt: new Date(now.getTime() - windowMs) } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  const oldest = recent[limit - 1];
  if (!oldest) return;
  throw new AppError("rate_limited", "frame.refusal.tooMany", {
    retryAfterSeconds: Math.max(1, Math.ceil((oldest.createdAt.getTime() + windowMs - now.getTime()) / 1000)),
  });
}

/**
 * Finds the article a framed thread belongs to, by (site, key); any request
 * may see one that exists. An unknown one is created, marked as created by the
 * embed, only for a request from one of the site's allowed origins whose page
 * URL is on one of them too, signed when the site has a secret, and within the
 * site's hourly limit; else this throws saying why (`not_found` for an unknown
 * key from elsewhere, `validation` or `forbidden` for the URL and signature,
 * `rate_limited`). The Referer is the only part an attacker cannot forge in a
 * browser, but can outside one: the URL check and the signature are what bind
 * a new article to the site. Creations of one site take turns on a lock, so
 * two first loads of one key create one article and a burst cannot pass the
 * limit, on one instance or several.
 */
export async function resolveEmbeddedArticle(db: Db, input: ResolveEmbeddedArticleInput): Promise<{ article: EmbeddedArticle; created: boolean }> {
  const { site, articleKey } = input;
  if (!isPossibleArticleKey(articleKey)) throw notFound(articleKey);
  const findExisting = (client: Pick<Db, "article">) =>
    client.article.findUnique({ where: { siteId_externalId: { siteId: site.id, externalId: articleKey } }, select: articleSelect });

  const existing = await findExisting(db);
  if (existing) return { article: existing, created: false };
  if (!input.requestOrigin || !isAllowedOrigin(site, input.requestOrigin)) throw notFound(articleKey);

  const url = requireCreationUrl(site, input.url);
  // Read only here, where it is checked: the secret travels with no site record.
  const stored = await db.site.findUnique({ where: { id: site.id }, select: { secret: true } });
  if (!stored) throw notFound(articleKey);
  if (stored.secret) assertSignedEmbed(stored.secret, input);
  const title = cleanEmbedTitle(input.title) ?? cutText(url, EMBED_LIMITS.titleMax);
  const now = input.now ?? new Date();

  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`embed-articles:${site.id}`}, 0))`;
      const winner = await findExisting(tx);
      if (winner) return { article: winner, created: false };
      await assertUnderCreationLimit(tx, site.id, now);
      for (const slug of getEmbedSlugCandidates(site.key, articleKey)) {
        const [created] = await tx.article.createManyAndReturn({
          data: [{ siteId: site.id, externalId: articleKey, slug, url, title, publishedAt: now, createdAt: now, tags: [], createdByEmbed: true }],
          skipDuplicates: true,
          select: articleSelect,
        });
        if (created) return { article: created, created: true };
        // Skipped: another article holds the slug (or the key was created outside the embed meanwhile).
        const other = await findExisting(tx);
        if (other) return { article: other, created: false };
      }
      throw new Error(`Could not find a free slug for article "${cutText(articleKey, 50)}" of site "${site.key}"`);
    },
    // First loads of one site wait for each other here; give a burst room before giving up.
    { maxWait: 10_000, timeout: 10_000 },
  );
}
