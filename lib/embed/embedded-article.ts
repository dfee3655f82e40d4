// The article behind a framed thread: found by the embedding page's stable id
// (data-article), or created on first load when the page is on one of the
// site's allowed origins (SPEC.md, Embed).
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { MAX_SLUG_LENGTH } from "../validation/slug";
import { getUrlOrigin, isAllowedOrigin, normalizeOrigin, type FramingSite } from "./frame-policy";

/** Caps on what an embedding page can make us store. */
export const EMBED_LIMITS = { keyMax: 200, titleMax: 300, urlMax: 2048 } as const;

/** The title of an article whose page gave neither a title nor a usable URL. */
export const FALLBACK_TITLE = "Discussion";

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
  /** The page's address (`url` query parameter); kept only when it is on an allowed origin. */
  url?: string | null | undefined;
  /** The page's title (`title` query parameter). */
  title?: string | null | undefined;
  /** Where the request comes from (see getRequestOrigin); only an allowed one may create an article. */
  requestOrigin: string | null;
}

const articleSelect = { id: true, slug: true, title: true, url: true } as const;

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

/**
 * Finds the article a framed thread belongs to, by (site, key). An unknown
 * one is created only for a request from one of the site's allowed origins,
 * with the page's URL (or that origin) and title, capped; anything else is
 * not_found. Two first loads at once create one article: the insert skips a
 * duplicate and the loser reads the winner's row.
 */
export async function resolveEmbeddedArticle(db: Db, input: ResolveEmbeddedArticleInput): Promise<{ article: EmbeddedArticle; created: boolean }> {
  const { site, articleKey } = input;
  if (!isPossibleArticleKey(articleKey)) throw notFound(articleKey);
  const findExisting = () => db.article.findUnique({ where: { siteId_externalId: { siteId: site.id, externalId: articleKey } }, select: articleSelect });

  const existing = await findExisting();
  if (existing) return { article: existing, created: false };
  if (!input.requestOrigin || !isAllowedOrigin(site, input.requestOrigin)) throw notFound(articleKey);

  const pageUrl = cleanEmbedUrl(site, input.url);
  const url = pageUrl ?? normalizeOrigin(input.requestOrigin) ?? input.requestOrigin;
  const title = cleanEmbedTitle(input.title) ?? (pageUrl ? cutText(pageUrl, EMBED_LIMITS.titleMax) : FALLBACK_TITLE);
  for (const slug of getEmbedSlugCandidates(site.key, articleKey)) {
    const [created] = await db.article.createManyAndReturn({
      data: [{ siteId: site.id, externalId: articleKey, slug, url, title, publishedAt: new Date(), tags: [] }],
      skipDuplicates: true,
      select: articleSelect,
    });
    if (created) return { article: created, created: true };
    // Skipped: either this key was created meanwhile, or another article holds the slug.
    const winner = await findExisting();
    if (winner) return { article: winner, created: false };
  }
  throw new Error(`Could not find a free slug for article "${cutText(articleKey, 50)}" of site "${site.key}"`);
}
